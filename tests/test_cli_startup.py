"""Start-up stays cheap: importing the CLI, and checking a valid file, load no module a check does not need.

Each runs in a fresh interpreter, since in this one other tests have long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

HEAVY = ("jinja2", "markupsafe", "weasyprint", "openpyxl", "jsonschema", "pypdf", "reports")
HEAVY_OURS = ("checker.publish", "checker.workbook.", "checker.commands.publish", "checker.commands.notice")
# What a check did import on 5 Dec without needing it, ~15 ms of its ~145 ms: the standard-listing views, an
# audit's and the exemptions' modules, the traceback printer (only --debug prints one), importlib.resources (our
# packages' own files are read as files), and tempfile (see the last test)
NOT_FOR_A_CHECK = (
    "checker.standard_view",
    "checker.audits.record",
    "checker.audits.exemptions",
    "checker.audits.output",
    "traceback",
    "importlib.resources",
)

PROBE = """
import json, sys
sys.argv = ["sqcheck", *json.loads(sys.argv[1])]
import checker.cli
if len(sys.argv) > 1:
    try:
        checker.cli.main()
    except SystemExit as stop:
        sys.stderr.write(f"exit {stop.code}\\n")
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str | Path) -> tuple[set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([str(a) for a in args])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    *before, last = done.stderr.strip().splitlines()
    return set(json.loads(last)), "\n".join(before)


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY_OURS) or m in NOT_FOR_A_CHECK)


def test_importing_the_cli_loads_nothing_heavy() -> None:
    modules, _ = modules_after()
    assert "checker.cli" in modules and "click" in modules
    assert heavy(modules) == []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_checking_a_valid_file_loads_nothing_heavy(tmp_path: Path, fmt: str) -> None:
    example = EXAMPLES / "xuzhou-2017--kangju.yaml"
    modules, err = modules_after("check", example, "--format", fmt, "-o", tmp_path / "out")
    assert err.splitlines()[-1] in ("exit 0", "exit 1")
    assert (tmp_path / "out").stat().st_size > 0
    assert heavy(modules) == []


def test_a_later_check_to_the_screen_imports_no_file_writer() -> None:
    """tempfile (~2.5 ms) serves writing a file atomically; a check whose standard is kept writes nothing."""
    example = EXAMPLES / "xuzhou-2017--kangju.yaml"
    first, _ = modules_after("check", example)  # keeps the standards' IDs and the standard in the cache folder
    later, err = modules_after("check", example)
    assert err.splitlines()[-1] == "exit 1"
    assert "tempfile" in first and "tempfile" not in later


def test_an_invalid_file_is_still_explained(tmp_path: Path) -> None:
    """python-jsonschema is imported when a file needs explaining, and explains it."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("standard: xuzhou-2017\nperiod: 2024\ncommunity: 1\n", encoding="utf-8")
    modules, err = modules_after("validate", bad)
    assert "exit 2" in err and "bad.yaml:3:12" in err
    assert "jsonschema" in modules


def test_help_lists_every_command_and_each_command_runs(sq) -> None:
    run = sq("--lang", "en", "--help")
    assert run.code == 0
    listed = [line.split()[0] for line in run.out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == [
        "audit-import", "audit-sheet", "check", "convert", "notice", "publish", "rounds", "serve", "standards",
        "template", "tokens", "users", "validate", "worker",
    ]  # fmt: skip
    for command in (
        "audit-import",
        "audit-sheet",
        "convert",
        "notice",
        "publish",
        "rounds",
        "serve",
        "tokens",
        "users",
        "worker",
    ):
        assert sq(command, "--help").code == 0
    assert sq("no-such-command").code == 2
