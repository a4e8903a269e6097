"""``sqcheck notice``: a rectification notice (整改通知书) from a self-assessment and its audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from checker.audits import audited
from checker.audits.notice import Notice, build_notice, parse_deadlines
from checker.commands.options import (
    common,
    echo_problems,
    lang,
    refuse_binary_to_terminal,
    resolve_standard,
    standards_dirs,
    write_output,
)
from checker.dates import evaluation_date, parse_date
from checker.errors import UsageError


def render_notice(notice: Notice, fmt: str) -> str | bytes:
    from reports.environment import render_template

    html = render_template("notice.html.j2", notice.lang, notice=notice)
    if fmt == "html":
        return html
    from reports.pdf import html_to_pdf

    return html_to_pdf(html)


def _notice_date(text: str | None) -> date:
    if text is None:
        return evaluation_date()
    found = parse_date(text)
    if found is None:
        raise UsageError("cli.notice_date", value=text)
    return found


@click.command("notice")
@click.argument("assessment", type=click.Path(path_type=Path))
@click.option(
    "--audit",
    "audit_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="实地核查记录（YAML/JSON/XLSX）",
)
@click.option("--exemptions", "exemptions_file", type=click.Path(dir_okay=False, path_type=Path), help="豁免清单")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认打印）")
@click.option(
    "--deadline",
    "deadlines",
    multiple=True,
    metavar="LEVEL=DAYS",
    help="整改期限天数，按优先级：veto=30 high=60 normal=90（默认）",
)
@click.option("--authority", default="", help="签发机关，如 某某区民政局（默认：核查记录中的检查单位）")
@click.option("--number", default="", help="文号，如 某民整〔2024〕12号")
@click.option("--date", "notice_date", metavar="YYYY-MM-DD", help="通知日期（默认：今天），期限自此日起算")
@click.option("--standard", "standard_id", help="按此标准（默认：自评表中写明的标准）")
@common
def notice_cmd(
    assessment: Path,
    audit_file: Path,
    exemptions_file: Path | None,
    fmt: str,
    output: Path | None,
    deadlines: tuple[str, ...],
    authority: str,
    number: str,
    notice_date: str | None,
    standard_id: str | None,
) -> None:
    """生成整改通知书：核查后的缺项按优先级列出责任单位和整改期限，附签发盖章栏和整改情况回复。"""
    refuse_binary_to_terminal(fmt, output)
    days = parse_deadlines(deadlines)
    issued_on = _notice_date(notice_date)
    standard = resolve_standard(standard_id) if standard_id else None
    inputs = audited.read_inputs(assessment, standard, standards_dirs(), exemptions_file, issued_on)
    echo_problems(inputs.notices)
    compared = audited.audited(inputs, audit_file, lang())
    notice = build_notice(compared, issued_on, days, authority.strip(), number.strip())
    write_output(render_notice(notice, fmt), output)
