"""``sqcheck convert IN OUT``: a self-assessment between YAML, JSON and Excel (.xlsx), nothing lost."""

from __future__ import annotations

from pathlib import Path

import click

from checker.commands.options import common, echo_problems, lang, resolve_standard, say, standards_dirs, write_output
from checker.messages import render


@click.command("convert")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--standard", "standard_id", help="按此标准读取（默认：自评表中写明的标准）")
@common
def convert_cmd(source: Path, target: Path, standard_id: str | None) -> None:
    """在 YAML、JSON 与 Excel（.xlsx）之间转换自评表（按输出文件的扩展名），内容不丢失。

    输入须先通过校验；输出为规范形式（是/否 写作 true/false，数字不带多余的 .0，清单按目录顺序）。
    """
    from checker.workbook.conversion import convert

    standard = resolve_standard(standard_id) if standard_id else None
    content, notices = convert(source, target, standard, standards_dirs())
    write_output(content, target, announce=False)  # said below, with the source
    echo_problems(notices)
    say(render("convert.done", lang(), source=source, target=target))
