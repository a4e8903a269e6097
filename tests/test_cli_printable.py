"""#11 §9: no command writes a control character from a file's name or content raw to a terminal.

Every command is run on a self-assessment whose file name, community name, district and note carry escape
sequences, a bell, a one-byte CSI and a right-to-left override, against a standard whose title carries them too;
what each command says (standard output and standard error: status lines, problems, listings, usage errors) must
show them as ``\\uXXXX``. The files written with -o keep the exact text (tested elsewhere).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import MINI, Run
from tests.publish_support import assessment, write_yaml


def run_cli(*args: str | Path) -> Run:
    """As a terminal would get it: color=True, or click strips CSI sequences itself when not on a terminal and
    the test would see less than a clerk's terminal does."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, color=True)
    return Run(result.exit_code, result.stdout, result.stderr)


RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ESC = "\x1b[31m"


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    standards = tmp_path / "标准"
    standards.mkdir()
    text = MINI.read_text(encoding="utf-8").replace("title: 测试用迷你标准", 'title: "测试\\e]0;x\\a标准\\u202e"', 1)
    (standards / "mini.yaml").write_text(text, encoding="utf-8")
    round_ = tmp_path / f"轮次{ESC}"
    data = assessment("康居\x1b]0;X\x07社区", district="鼓楼\x9b31m区")
    data["facts"]["R-area"]["note"] = "说明\x1b[2J\u202e反"
    valid = write_yaml(round_ / f"ok{ESC}.yaml", data)
    broken = dict(data, period=f"2024{ESC}", extra={"键\x1b[1m": 1})
    invalid = write_yaml(tmp_path / f"bad{ESC}.yaml", broken)
    return {"dir": standards, "valid": valid, "invalid": invalid, "round": round_, "tmp": tmp_path}


def commands(h: dict[str, Path]) -> list[tuple[str | Path, ...]]:
    std = ("--standards-dir", h["dir"])
    out = h["tmp"] / f"出{ESC}"
    return [
        ("validate", h["valid"], *std),  # {file}：格式正确
        ("validate", h["invalid"], h["valid"], *std),
        ("validate", h["tmp"] / f"missing{ESC}.yaml", *std),
        ("check", h["valid"], *std),
        ("check", h["valid"], "--format", "json", *std),
        ("check", h["valid"], "--format", "md", *std),
        ("check", h["valid"], "--format", "html", *std),
        ("check", h["valid"], "--format", "html", "-o", out.with_suffix(".html"), *std),
        ("check", h["valid"], "--standard", f"nope{ESC}", *std),
        ("check", h["valid"], "--format", f"x{ESC}"),  # click's own usage error quotes the value
        ("standards", "show", "mini", *std),
        ("standards", "show", "mini", "--format", "json", *std),
        ("standards", "show", f"徐州{ESC}", *std),
        ("standards", "list", *std),
        ("standards", "list", "--format", "json", *std),
        ("standards", "lint", h["dir"]),
        ("template", "mini", *std),
        ("template", "mini", "--period", f"2024{ESC}", *std),
        ("audit-sheet", h["valid"], "--format", "yaml", *std),
        ("convert", h["valid"], out.with_suffix(".json"), *std),
        ("publish", h["round"], "-o", out, "--standard", "mini", "--format", "json", *std),
    ]


def test_no_command_writes_a_control_character_raw(hostile: dict[str, Path]) -> None:
    for args in commands(hostile):
        run = run_cli(*args)
        assert run.code != 3, (args, run.err)
        for stream, text in (("stdout", run.out), ("stderr", run.err)):
            found = RAW.findall(text)
            assert not found, (args, stream, found, text[:400])
        assert run.out or run.err, args  # each said something: the check above looked at real output


def test_what_is_shown_still_tells_what_was_in_the_file(hostile: dict[str, Path]) -> None:
    run = run_cli("validate", hostile["valid"], "--standards-dir", hostile["dir"])
    assert run.code == 0 and "ok\\u001b[31m.yaml：格式正确" in run.out
    shown = run_cli("standards", "show", "mini", "--standards-dir", hostile["dir"])
    assert "测试\\u001b]0;x\\u0007标准\\u202e" in shown.out


def test_json_on_standard_output_decodes_to_exactly_what_the_file_holds(hostile: dict[str, Path]) -> None:
    import json

    std = ("--standards-dir", hostile["dir"])
    shown = run_cli("check", hostile["valid"], "--format", "json", *std)
    written = hostile["tmp"] / "r.json"
    assert run_cli("check", hostile["valid"], "--format", "json", "-o", written, *std).code == shown.code
    assert json.loads(shown.out) == json.loads(written.read_text(encoding="utf-8"))
    assert "\u202e" in written.read_text(encoding="utf-8")  # the file keeps the exact text
