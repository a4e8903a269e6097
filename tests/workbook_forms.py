"""Helpers for the workbook tests: make a form, fill or damage it the way a clerk would, run the CLI on it."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from checker import standard as standards
from checker.model import Standard
from checker.workbook.layout import FormLayout, layout_of
from checker.workbook.writer import render_workbook
from tests.conftest import MINI, run_cli


def xuzhou() -> Standard:
    return standards.resolve("xuzhou-2017")


def mini() -> Standard:
    return standards.resolve(str(MINI))


def form(standard: Standard, data: dict[str, Any] | None = None) -> Workbook:
    """A form as a clerk opens it (openpyxl ignores the sheet protection, as a determined clerk would)."""
    return load_workbook(io.BytesIO(render_workbook(standard, data, period="2024")))


def save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def profile(book: Workbook, values: dict[str, Any]) -> None:
    """Fill the profile sheet by field label, e.g. profile(book, {"社区名称": "蝶梦社区"})."""
    sheet = book["基本信息"]
    rows = {str(sheet.cell(r, 1).value).removesuffix("（必填）"): r for r in range(2, sheet.max_row + 1)}
    for label, value in values.items():
        sheet.cell(rows[label], 2).value = value


def fill_profile(book: Workbook) -> None:
    profile(book, {"社区名称": "蝶梦社区", "所属区（县）": "云龙区", "所属街道（镇）": "彭城街道"})
    profile(book, {"社区类型": "城市社区"})


def answer_cell(layout: FormLayout, requirement_id: str, key: str = "value") -> tuple[str, str]:
    """(sheet title, cell coordinate) of a question's column."""
    question = next(q for q in layout.questions() if q.requirement.id == requirement_id)
    sheet, _, coordinate = question.place(key).partition("!")
    return sheet, coordinate


def set_answer(book: Workbook, standard: Standard, requirement_id: str, value: Any, key: str = "value") -> str:
    sheet, coordinate = answer_cell(layout_of(standard), requirement_id, key)
    book[sheet][coordinate].value = value
    return f"{sheet}!{coordinate}"


def check_json(*args: str | Path) -> tuple[int, dict[str, Any]]:
    """Exit code and JSON result of `sqcheck check --format json`, without the input file's own name and hash."""
    run = run_cli("check", *args, "--format", "json")
    assert run.code in (0, 1), run.err
    result = json.loads(run.out)
    result["assessment"].pop("file")
    result["assessment"].pop("sha256")
    return run.code, result


Damage = Callable[[Workbook], Any]
