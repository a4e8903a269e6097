"""``sqcheck audit-sheet``: the inspector's on-site checklist, pre-filled with what the community claimed."""

from __future__ import annotations

from pathlib import Path

import click

from checker import pipeline
from checker.audits.sheet import AuditSheet, build_sheet, prefill_yaml
from checker.commands.options import (
    common,
    echo_problems,
    lang,
    refuse_binary_to_terminal,
    resolve_standard,
    standards_dirs,
    write_output,
)
from checker.errors import UsageError

FORMATS = ("pdf", "html", "xlsx", "xlsform", "yaml")


def render_sheet(sheet: AuditSheet, fmt: str, assessment_path: str = "") -> str | bytes:
    """The sheet as a printable PDF or HTML page, a workbook that reads back as an audit, or a YAML record."""
    if fmt == "yaml":
        return prefill_yaml(sheet, assessment_path)
    if fmt == "xlsx":
        from checker.audits.sheet_xlsx import write_workbook

        return write_workbook(sheet)
    from reports.environment import render_template

    html = render_template("audit_sheet.html.j2", sheet.lang, sheet=sheet)
    if fmt == "html":
        return html
    from reports.pdf import html_to_pdf

    return html_to_pdf(html)


@click.command("audit-sheet")
@click.argument("assessment", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认打印）")
@click.option("--standard", "standard_id", help="按此标准（默认：自评表中写明的标准）")
@common
def audit_sheet_cmd(assessment: Path, fmt: str, output: Path | None, standard_id: str | None) -> None:
    """生成实地核查表（PDF/HTML 打印；XLSX 可回读为核查记录；XLSForm 供 ODK/Kobo 手机核查；YAML 为核查记录）。"""
    refuse_binary_to_terminal(fmt, output)
    if fmt == "xlsform" and output is None:
        raise UsageError("cli.xlsform_needs_output")
    standard = resolve_standard(standard_id) if standard_id else None
    loaded = pipeline.load(assessment, standard, standards_dirs())
    echo_problems(loaded.notices)
    sheet = build_sheet(loaded.standard, loaded.assessment, lang())
    if fmt == "xlsform" and output is not None:
        from checker.audits.xlsform import claims_csv, claims_name, write_xlsform

        write_output(write_xlsform(sheet, loaded.standard), output)
        write_output(claims_csv(sheet), output.with_name(claims_name(sheet) + ".csv"))
        return
    write_output(render_sheet(sheet, fmt, assessment.as_posix()), output)
