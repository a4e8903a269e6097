"""What every command shares: exit codes, the common options (--lang, --debug, --standards-dir), printing problems.

Kept apart from checker/cli.py so command modules can use it without importing the CLI that registers them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from checker.errors import Problem, UsageError
from checker.files import write_atomic
from checker.messages import render
from checker.printable import printable

if TYPE_CHECKING:
    from checker.model import Standard

EXIT_OK, EXIT_GAPS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])


def common(func: F) -> F:
    """--lang, --debug and --standards-dir, shared by every command (stored in ctx.meta)."""

    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        defaulted = ctx.get_parameter_source(str(param.name)) == click.core.ParameterSource.DEFAULT
        if defaulted and param.name in ctx.meta:
            return value  # given before the command (sqcheck --lang en check …): a default does not undo it
        if value is not None and (value or param.name not in ctx.meta):
            ctx.meta[param.name] = value
        return value

    func = click.option(
        "--standards-dir",
        "standards_dirs",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        expose_value=False,
        callback=remember,
        help="另外查找标准的目录 / extra folder of standards",
    )(func)
    func = click.option("--debug", is_flag=True, expose_value=False, callback=remember, help="出错时显示调用栈")(func)
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        expose_value=False,
        callback=remember,
        help="输出语言 / output language",
    )(func)


def lang() -> str:
    return str(click.get_current_context().meta.get("lang", "zh"))


def standards_dirs() -> tuple[Path, ...]:
    """The extra folders of standards; the first time a command asks, it says which standard files replace
    others with the same ID (the later one is used)."""
    meta = click.get_current_context().meta
    dirs = tuple(meta.get("standards_dirs", ()))
    if dirs and not meta.get("standards_replaced_told"):
        meta["standards_replaced_told"] = True
        from checker.standard import folder_notices

        echo_problems(folder_notices(dirs))
    return dirs


def internal_error_in(path: Path, error: Exception) -> None:
    """Our bug, met while handling one file of a batch: said for that file, and the batch goes on."""
    if click.get_current_context().meta.get("debug"):
        import traceback  # only for --debug: ~2.5 ms at every start otherwise

        traceback.print_exception(error)
    say(render("cli.internal_file", lang(), file=path, error=f"{type(error).__name__}: {error}"), err=True)


def resolve_standard(text: str) -> Standard:
    """The standard the operator named: an ID, a file, or part of a title. A standard found by its title is
    named on standard error (徐州 -> xuzhou-2017), so a guess never passes unseen."""
    from checker import standard as standards
    from checker.output import title

    found = standards.resolve(text, standards_dirs())
    if text != found.id and not Path(text).is_file():
        say(render("std.by_title", lang(), text=text, id=found.id, title=title(found, lang())), err=True)
    return found


def say(text: str, err: bool = False, nl: bool = True) -> None:
    """The one way a command writes text for a person: control characters that came from a file's name or
    content (an escape sequence, a right-to-left override) are shown as ``\\uXXXX``, never acted on."""
    click.echo(printable(text), err=err, nl=nl)


def echo_problems(problems: Iterable[Problem], err: bool = True) -> None:
    for problem in problems:
        say(problem.format(lang()), err=err)


BINARY_FORMATS = ("pdf", "xlsx")


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def refuse_binary_to_terminal(fmt: str, output: Path | None) -> None:
    """A PDF or workbook printed on a terminal is garbage and can upset it: ask for -o (or a redirection) before
    any work is done. Piped or redirected output is fine."""
    if fmt in BINARY_FORMATS and output is None and _stdout_is_terminal():
        raise UsageError("cli.binary_to_terminal", fmt=fmt.upper())


def write_output(content: str | bytes, output: Path | None, announce: bool = True) -> None:
    """To the file (atomically, then saying so on standard error, so standard output stays clean) or to standard
    output; PDF and XLSX bytes unchanged, and never onto a terminal."""
    if output:
        write_atomic(output, content)
        if announce:
            say(render("cli.wrote", lang(), path=output), err=True)
    elif isinstance(content, bytes):
        if _stdout_is_terminal():
            raise UsageError("cli.binary_to_terminal", fmt="PDF/XLSX")
        sys.stdout.buffer.write(content)
    else:  # on standard output, which may be a terminal; the file written with -o keeps the exact text
        say(content, nl=False)
