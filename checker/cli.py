"""The command line: parses options, calls the library, prints, and turns outcomes into exit codes.

Exit codes are an API: 0 compliant / nothing found, 1 gaps found, 2 bad input or usage, 3 internal error.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from checker import clitext
from checker import standard as standards
from checker.commands.options import (
    EXIT_GAPS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    common,
    echo_problems,
    internal_error_in,
    lang,
    refuse_binary_to_terminal,
    resolve_standard,
    say,
    standards_dirs,
    write_output,
)
from checker.errors import InputError, SqcheckError, UsageError
from checker.messages import render
from checker.output import render_text, title, to_dict
from checker.printable import printable

# Commands that live in their own module under checker/commands/, registered here explicitly, one line each.
# A module is imported only when its command runs (or help lists it): publish alone pulls in Jinja2 and more,
# which every `sqcheck check` would otherwise pay for at start-up.
LAZY_COMMANDS = {
    "audit-sheet": "checker.commands.audit_sheet:audit_sheet_cmd",  # audits, issue #6
    "audit-import": "checker.commands.audit_import:audit_import_cmd",  # field tools' exports, issue #14
    "notice": "checker.commands.notice:notice_cmd",
    "convert": "checker.commands.convert:convert_cmd",  # Excel workbooks, issue #5
    "publish": "checker.commands.publish:publish_cmd",  # publish, issue #7
    # the web app (issue #12): web/cli.py imports Django only inside each command; checker's library modules
    # never import web, only this table names it
    "serve": "web.cli:serve",
    "users": "web.cli:users",
    "rounds": "web.cli:rounds",
    "tokens": "web.cli:tokens",
    "worker": "web.cli:worker",  # background jobs (issue #15)
}


clitext.install()


class SqcheckGroup(click.Group):
    """The one place where exceptions become exit codes, and where click learns which language to speak;
    commands in LAZY_COMMANDS are imported when used."""

    def main(self, args: Sequence[str] | None = None, *posargs: Any, **kwargs: Any) -> Any:
        clitext.use(clitext.language_of(sys.argv[1:] if args is None else args))
        return super().main(args, *posargs, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, name = LAZY_COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except click.ClickException as error:  # click says it itself; a file name it quotes must not act either
            error.message = printable(error.message)  # type: ignore[misc]  # click marks it Final; it is a str
            raise
        except BrokenPipeError:  # the reader went away (`| head`): nothing left to say to anyone
            sys.stderr = sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes these at exit
            ctx.exit(EXIT_OK)
        except InputError as error:
            echo_problems(error.notices)
            echo_problems(error.problems)
            ctx.exit(EXIT_INPUT)
        except UsageError as error:
            say(error.message(lang()), err=True)
            ctx.exit(EXIT_INPUT)
        except SqcheckError as error:
            say(str(error), err=True)
            ctx.exit(EXIT_INPUT)
        except Exception as error:  # the last resort: never a bare traceback unless asked for
            if _debug(ctx):
                import traceback  # only for --debug: ~2.5 ms at every start otherwise

                traceback.print_exc()
            say(render("cli.internal", lang(), error=f"{type(error).__name__}: {error}"), err=True)
            ctx.exit(EXIT_INTERNAL)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.meta.get("debug"))  # set by --debug on any command: click shares meta along the context tree


@click.group(cls=SqcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sqcheck")
@common
def cli() -> None:
    """sqcheck：社区基本公共服务标准检查工具（缺什么，补什么）。

    Checks community self-assessments against a community basic public service standard and writes
    "what's missing" gap reports.
    """


# ---------------------------------------------------------------- standards


@cli.group("standards")
def standards_group() -> None:
    """标准：列出、查看、检查 / list, show and lint standards."""


@standards_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common
def standards_list(fmt: str) -> None:
    """列出可用的标准（--format json 供程序读取）。"""
    from checker import standard_view

    found = []
    broken = False
    for standard_id, path in sorted(standards.available(standards_dirs()).items()):
        try:  # a broken standard in --standards-dir is named with its problems; the others are still listed
            found.append((standard_id, standards.load_standard(path.resolve())))
        except InputError as error:
            echo_problems(error.problems)
            broken = True
    if fmt == "json":
        listing = [standard_view.list_entry(standard) for _, standard in found]
        say(json.dumps(listing, ensure_ascii=False, indent=2))
    else:
        for standard_id, standard in found:
            say(f"{standard_id}\t{standard.version}\t{title(standard, lang())}\t({standard.issuer})")
    if broken:
        sys.exit(EXIT_INPUT)


@standards_group.command("show")
@click.argument("standard_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common
def standards_show(standard_id: str, fmt: str) -> None:
    """显示标准内容与统计（--format json 供程序读取）。"""
    from checker import standard_view

    standard = resolve_standard(standard_id)
    if fmt == "json":
        say(json.dumps(standard_view.to_json(standard), ensure_ascii=False, indent=2))
        return
    say(standard_view.describe(standard, lang()))


@standards_group.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@common
def standards_lint(paths: tuple[Path, ...]) -> None:
    """检查标准文件或目录：先结构（JSON Schema），再语义。"""
    files = [f for p in paths for f in standards.standard_files(p)]
    if not files:
        raise UsageError("std.no_files", path=", ".join(map(str, paths)))
    bad = crashed = 0
    for path in files:
        try:
            doc, _ = standards.read_document(path)
            problems = standards.lint_document(doc)
            echo_problems(doc.notices)
        except InputError as error:
            problems = error.problems
        except Exception as error:
            internal_error_in(path, error)
            crashed += 1
            continue
        echo_problems(problems)
        bad += bool(problems)
    if bad:
        say(render("cli.summary_bad", lang(), count=bad), err=True)
    if crashed or bad:
        sys.exit(EXIT_INTERNAL if crashed else EXIT_INPUT)
    say(render("cli.lint_ok", lang(), count=len(files)))


@standards_group.command("export")
@click.argument("standard_id")
@click.option("--format", "fmt", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件")
@common
def standards_export(standard_id: str, fmt: str, output: Path | None) -> None:
    """导出可打印的评分细则 Excel 表（可改后用 standards import 读回）。"""
    refuse_binary_to_terminal(fmt, output)
    from checker.standard_xlsx import export_workbook

    standard = resolve_standard(standard_id)
    doc, _ = standards.read_document(Path(standard.path))
    write_output(export_workbook(doc.data), output)


@standards_group.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出的标准 YAML（默认打印）")
@common
def standards_import(workbook: Path, output: Path | None) -> None:
    """把按 standards export 格式编写的 Excel 评分细则转为标准 YAML；问题逐一指出到单元格。"""
    from checker.files import read_regular
    from checker.standard_xlsx import import_workbook, to_yaml
    from checker.workbook.safety import MAX_FILE_BYTES

    data, _ = import_workbook(read_regular(workbook, MAX_FILE_BYTES), str(workbook))
    write_output(to_yaml(data), output)


# ---------------------------------------------------------------- self-assessments


@cli.command("template")
@click.argument("standard_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认打印）")
@click.option("--period", help="填报周期，如 2024")
@click.option("--format", "fmt", type=click.Choice(["yaml", "xlsx"]), default="yaml", show_default=True)
@common
def template_cmd(standard_id: str, output: Path | None, period: str | None, fmt: str) -> None:
    """生成空白自评表（YAML 含中文注释；--format xlsx 为供社区填写的 Excel 表）。"""
    refuse_binary_to_terminal(fmt, output)
    standard = resolve_standard(standard_id)
    if fmt == "xlsx":
        from checker.workbook.writer import render_workbook

        content: str | bytes = render_workbook(standard, period=period)
    else:
        from checker.template import render_template

        content = render_template(standard, period)
    write_output(content, output)


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--standard", "standard_id", help="按此标准校验（默认：自评表中写明的标准）")
@common
def validate_cmd(files: tuple[Path, ...], standard_id: str | None) -> None:
    """校验自评表（可给文件夹）：一次列出全部问题，每处给出 文件:行:列（或 工作表!单元格）、栏目、应为与实际，
    并说明还有多少项未填报。"""
    from checker import pipeline

    standard = resolve_standard(standard_id) if standard_id else None
    bad = crashed = 0
    for path in _assessment_files(files):
        try:
            checked = pipeline.validate(path, standard, standards_dirs())
        except Exception as error:
            internal_error_in(path, error)
            crashed += 1
            continue
        echo_problems(checked.notices)
        echo_problems(checked.problems)
        left = render("cli.unanswered", lang(), count=checked.unanswered) if checked.unanswered else ""
        if checked.problems:
            bad += 1
            say(render("cli.problem_count", lang(), file=path, count=len(checked.problems)) + left, err=True)
        else:
            say(render("cli.valid", lang(), file=path) + left)
    if bad:
        say(render("cli.summary_bad", lang(), count=bad), err=True)
    if crashed or bad:
        sys.exit(EXIT_INTERNAL if crashed else EXIT_INPUT)


def _assessment_files(paths: tuple[Path, ...]) -> list[Path]:
    """The files named, with each folder replaced by the self-assessments in it (not in its subfolders, where
    audits and exemptions are usually kept)."""
    from checker.pipeline import READERS

    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)  # a missing file is reported by the reader, in its words
            continue
        found = sorted(
            f
            for f in path.iterdir()
            if f.suffix.lower() in READERS
            and f.is_file()
            and not f.name.startswith((".", "~$"))  # hidden, Excel's lock
        )
        if not found:
            raise UsageError("cli.no_assessments", path=path)
        files += found
    return files


@cli.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "html", "pdf", "md"]), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认打印）")
@click.option("--standard", "standard_id", help="按此标准检查（默认：自评表中写明的标准）")
@click.option(
    "--audit", "audit_file", type=click.Path(dir_okay=False, path_type=Path), help="实地核查记录：按核查结果判定"
)
@click.option("--exemptions", "exemptions_file", type=click.Path(dir_okay=False, path_type=Path), help="豁免清单")
@common
def check_cmd(
    file: Path,
    fmt: str,
    output: Path | None,
    standard_id: str | None,
    audit_file: Path | None,
    exemptions_file: Path | None,
) -> None:
    """检查一份自评表：得分、等级、缺项清单（缺什么，补什么）；可按实地核查记录和豁免清单判定。"""
    from checker.audits import audited

    refuse_binary_to_terminal(fmt, output)
    standard = resolve_standard(standard_id) if standard_id else None
    result, notices = audited.check(file, lang(), standard, standards_dirs(), audit_file, exemptions_file)
    echo_problems(notices)
    emit(result, fmt, output)
    sys.exit(EXIT_OK if result.compliant else EXIT_GAPS)


def emit(result: Any, fmt: str, output: Path | None) -> None:
    """Write a result in a format to a file (atomically) or standard output."""
    if fmt == "json":
        content: str | bytes = json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "text" and result.extras:  # audited or exempted: the discrepancies and exemptions come first
        from checker.audits.output import render_audited_text

        content = render_audited_text(result)
    elif fmt == "text":
        content = render_text(result)
    else:
        from reports import render as render_report

        content = render_report(result, fmt)
    write_output(content, output)


def main() -> None:
    cli(prog_name="sqcheck")


if __name__ == "__main__":
    main()
