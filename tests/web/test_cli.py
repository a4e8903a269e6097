"""The fixed CLI contract: serve, users add, rounds create, tokens create; --db; exit 0 / 2."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.web.conftest import ROSTER

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args, stdin=None):
    from checker.cli import cli

    return CliRunner().invoke(cli, list(args), input=stdin)


def test_rounds_users_tokens(db):
    created = run(
        "rounds",
        "create",
        "--standard",
        "xuzhou-2017",
        "--roster",
        str(ROSTER),
        "--period",
        "2026",
        "--deadline",
        "2026-12-31",
    )
    assert created.exit_code == 0 and created.output.strip().isdigit()
    added = run(
        "users",
        "add",
        "a",
        "--role",
        "clerk",
        "--community",
        "泉山区/七里沟街道/康居社区",
        "--password-stdin",
        stdin="secret\n",
    )
    assert added.exit_code == 0, added.output
    token = run("tokens", "create", "a")
    assert token.exit_code == 0 and token.output.startswith("sqk_")
    assert (
        run("users", "add", "b", "--role", "bureau", "--scope", "泉山区", "--password-stdin", stdin="pw\n").exit_code
        == 0
    )
    rebuilt = run("rounds", "rebuild", created.output.strip())
    assert rebuilt.exit_code == 0 and rebuilt.output.startswith(created.output.strip() + "\t"), rebuilt.output


@pytest.mark.parametrize(
    "args",
    [
        (
            "rounds",
            "create",
            "--standard",
            "nope",
            "--roster",
            str(ROSTER),
            "--period",
            "1",
            "--deadline",
            "2026-12-31",
        ),
        (
            "rounds",
            "create",
            "--standard",
            "xuzhou-2017",
            "--roster",
            str(ROSTER),
            "--period",
            "1",
            "--deadline",
            "20261231",
        ),
        ("users", "add", "x", "--role", "clerk", "--community", "无此区/无此街道/无此社区", "--password-stdin"),
        ("users", "add", "x", "--role", "clerk", "--password-stdin"),
        ("tokens", "create", "nobody"),
        ("rounds", "rebuild", "999"),
    ],
)
def test_bad_input_exits_2(db, args):
    result = run(*args, stdin="pw\n")
    assert result.exit_code == 2, result.output


def test_check_does_not_import_django():
    code = "import sys; from checker import cli; print('django' in sys.modules, 'web' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_checker_and_reports_never_import_web():
    import re
    from pathlib import Path

    statement = re.compile(r"^\s*(from web[. ]|import web\b)", re.MULTILINE)
    root = Path(__file__).resolve().parents[2]
    for package in ("checker", "reports"):
        for path in (root / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not statement.search(text), path  # (checker/cli.py loads web.cli by name, only when asked)
