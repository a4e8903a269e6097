"""Domain errors. Every user-facing problem carries a place: file, line, column and field path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.messages import field_label, field_steps, render


@dataclass(frozen=True)
class Problem:
    """One problem in one input file, rendered in the user's language on demand."""

    file: str
    line: int
    col: int
    code: str
    args: dict[str, object] = field(default_factory=dict)
    path: str = ""
    cell: str = ""  # a spreadsheet place such as "设施!D7"; replaces line:col when set
    sheet: int = 0  # the cell's sheet, counted in the workbook's order (1, 2, …): problems sort sheet by sheet

    def message(self, lang: str = "zh") -> str:
        text = render(self.code, lang, **self.args)
        if "suggestion" in self.args:
            text += render("hint.did_you_mean", lang, suggestion=self.args["suggestion"])
        if self.args.get("fullwidth"):
            text += render("hint.fullwidth_colon", lang)
        path = self._where()
        if not path:
            return text
        label = field_label(path, lang)  # the form's words: 社区名称, 第 XZ-F-801 项的填报内容
        if label is not None:
            return f"{label}：{text}" if lang == "zh" else f"{label}: {text}"
        return f"字段 {path}: {text}" if lang == "zh" else f"field {path}: {text}"

    def _where(self) -> str:
        """The field a message is about. An unknown key is named in the message itself, so the message is
        placed in the field that holds it (the document itself for a top-level key: no ``字段 extra``)."""
        key = self.args.get("key")
        if self.code == "schema.unknown_key" and isinstance(key, str) and self.path.endswith(key):
            steps = field_steps(self.path)
            if steps and steps[-1] == key:
                return field_path(steps[:-1])
        return self.path

    def format(self, lang: str = "zh") -> str:
        if not self.cell and self.line <= 0:  # the file as a whole (missing, unreadable): no place inside it
            return f"{self.file}: {self.message(lang)}"
        place = self.cell or f"{self.line}:{self.col}"
        return f"{self.file}:{place}: {self.message(lang)}"


def unique_sorted(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order (a workbook's sheet by sheet, in the workbook's order), each reported once (schema
    errors often say the same thing twice)."""
    unique = {(p.line, p.col, p.cell, p.code, p.path, repr(sorted(p.args.items()))): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.sheet, p.line, p.col))


def first_seen(seen: dict[Any, int], key: Any, line: int) -> int | None:
    """Where ``key`` was first met (its line), or None the first time, when this ``line`` is recorded.

    Keyed by occurrence, not by line: two duplicates on one line (a JSON file, a flow list) are still found.

    >>> seen: dict[str, int] = {}
    >>> first_seen(seen, "M1", 3), first_seen(seen, "M1", 3)
    (None, 3)
    """
    if key in seen:
        return seen[key]
    seen[key] = line
    return None


def field_path(path: Sequence[str | int]) -> str:
    """('facts', 'XZ-1', 'value', 0) -> 'facts.XZ-1.value[0]'."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


class SqcheckError(Exception):
    """Base of every error the CLI turns into an exit code."""


class InputError(SqcheckError):
    """Bad input: one or more problems with places. Exit code 2."""

    def __init__(self, problems: Iterable[Problem], notices: Iterable[Problem] = ()) -> None:
        self.problems = list(problems)
        self.notices = list(notices)
        super().__init__("; ".join(p.format("en") for p in self.problems))


class UsageError(SqcheckError):
    """A bad command line that click could not catch (unknown standard ID, ...). Exit code 2."""

    def __init__(self, code: str, **args: object) -> None:
        self.code = code
        self.args_ = args
        super().__init__(render(code, "en", **args))

    def message(self, lang: str = "zh") -> str:
        return render(self.code, lang, **self.args_)
