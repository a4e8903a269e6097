"""The command line's manners (#10 §10): binary formats never onto a terminal, every written file announced on
standard error, listings in JSON too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.commands import options
from tests.conftest import EXAMPLES, run_cli

KANGJU = EXAMPLES / "xuzhou-2017--kangju.yaml"
DIEMENG = EXAMPLES / "xuzhou-2017--diemeng.yaml"
DIEMENG_AUDIT = EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output is a terminal (CliRunner's never is)."""
    monkeypatch.setattr(options, "_stdout_is_terminal", lambda: True)


@pytest.mark.parametrize(
    "args",
    [
        ("check", KANGJU, "--format", "pdf"),
        ("template", "xuzhou-2017", "--format", "xlsx"),
        ("audit-sheet", KANGJU),
        ("audit-sheet", KANGJU, "--format", "xlsx"),
        ("notice", DIEMENG, "--audit", DIEMENG_AUDIT),
    ],
    ids=["check-pdf", "template-xlsx", "audit-sheet-pdf", "audit-sheet-xlsx", "notice-pdf"],
)
def test_binary_output_is_refused_on_a_terminal(terminal: None, args: tuple[str | Path, ...]) -> None:
    run = run_cli(*args)
    assert run.code == 2 and run.out == ""
    assert "是二进制文件，不能直接显示在终端：请用 -o 文件名 指定输出文件" in run.err


def test_binary_output_may_go_to_a_pipe() -> None:
    run = run_cli("template", "xuzhou-2017", "--format", "xlsx", "--period", "2024")
    assert run.code == 0 and run.out.startswith("PK")  # a zip container, on a non-terminal stdout


def test_text_output_still_goes_to_a_terminal(terminal: None) -> None:
    run = run_cli("template", "xuzhou-2017")
    assert run.code == 0 and 'standard: "xuzhou-2017"' in run.out


@pytest.mark.parametrize(
    ("args", "name", "code"),
    [
        (("check", KANGJU, "--format", "json"), "r.json", 1),
        (("template", "xuzhou-2017", "--period", "2024"), "自评表.yaml", 0),
        (("audit-sheet", KANGJU, "--format", "yaml"), "核查记录.yaml", 0),
        (("notice", DIEMENG, "--audit", DIEMENG_AUDIT, "--format", "html"), "整改通知书.html", 0),
    ],
    ids=["check", "template", "audit-sheet", "notice"],
)
def test_every_written_file_is_announced_on_stderr(tmp_path: Path, args: tuple, name: str, code: int) -> None:
    out = tmp_path / name
    run = run_cli(*args, "-o", out)
    assert (run.code, run.out) == (code, "")
    assert run.err.splitlines()[-1] == f"已写入 {out}"
    assert out.stat().st_size > 0
    run = run_cli(*args, "-o", out, "--lang", "en")
    assert run.err.splitlines()[-1] == f"wrote {out}"


def test_template_does_not_take_the_period_from_the_clock() -> None:
    assert 'period: "（请填写填报周期）"' in run_cli("template", "xuzhou-2017").out
    assert 'period: "2023"' in run_cli("template", "xuzhou-2017", "--period", "2023").out


def test_standards_list_as_json() -> None:
    run = run_cli("standards", "list", "--format", "json")
    assert run.code == 0
    listing = json.loads(run.out)
    text_ids = [line.split("\t")[0] for line in run_cli("standards", "list").out.splitlines()]
    assert [s["id"] for s in listing] == text_ids == ["living-room-2023", "wanzheng-2020", "xuzhou-2017"]
    xuzhou = listing[2]
    assert set(xuzhou) == {"id", "title", "title_en", "version", "issuer", "effective", "content_hash", "requirements"}
    assert (xuzhou["title"], xuzhou["version"]) == ("徐州市社区基本公共服务标准", "2017")


# ---------------------------------------------------------------- click in Chinese (#10 §5)

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (("check", KANGJU, "--format", "xx"), "“--format” 的值无效", "Invalid value for '--format'"),
        (("check",), "缺少参数 'FILE'", "Missing argument 'FILE'"),
        (("check", KANGJU, "--bogus"), "没有选项 '--bogus'。", "No such option '--bogus'."),
        (("chek",), "没有命令 'chek'。", "No such command 'chek'."),
    ],
    ids=["bad choice", "missing argument", "unknown option", "unknown command"],
)
def test_usage_errors_are_in_chinese_unless_english_is_asked(args: tuple, zh: str, en: str) -> None:
    run = run_cli(*args)
    assert run.code == 2 and "用法: " in run.err and "错误：" in run.err, run.err
    assert zh.replace("“", "'").replace("”", "'") in run.err
    assert "Usage" not in run.err and "Error" not in run.err
    english = run_cli(*args, "--lang", "en")
    assert english.code == 2 and "Usage: " in english.err and en in english.err
    assert run_cli(*args).err == run.err  # the next invocation speaks Chinese again


@pytest.mark.parametrize(
    "command",
    [("check",), ("validate",), ("template",), ("standards", "list"), ("worker",)],
    ids=lambda c: " ".join(c),
)
def test_help_is_in_chinese_by_default_and_english_with_lang_en(command: tuple[str, ...]) -> None:
    zh = run_cli(*command, "--help")
    assert zh.code == 0 and "用法: " in zh.out and "显示本帮助并退出。" in zh.out and "选项:" in zh.out
    assert "Show this message" not in zh.out and "output language" not in zh.out
    en = run_cli(*command, "--help", "--lang", "en")
    assert en.code == 0 and "Usage: " in en.out and "Show this message and exit." in en.out
    assert not CJK.search(en.out), en.out


def test_the_command_list_is_in_chinese() -> None:
    run = run_cli("--help")
    assert "显示本帮助并退出。" in run.out and "命令:" in run.out and "Checks community" not in run.out


def test_lang_before_the_command_holds_for_it() -> None:
    """`sqcheck --lang en check …` is English throughout: the command's default does not undo it."""
    run = run_cli("--lang", "en", "check", KANGJU)
    assert run.code == 1 and run.out.startswith("康居社区 (泉山区, 七里沟街道)\nStandard: ")
    listing = run_cli("--lang", "en", "--help").out
    assert "Commands:" in listing and "Check a self-assessment" in listing and "Validate self-assessments" in listing
