"""Is this still the form we sent out? Sheets, headers, IDs in their rows, no merged cells, no formulas, nothing
written outside the table. Every finding names its sheet and cell."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from checker.errors import Problem
from checker.workbook.layout import (
    FIRST_ROW,
    HEADER_ROW,
    MATTER_COLUMNS,
    PART_COLUMNS,
    PROFILE,
    PROFILE_COLUMNS,
    Column,
    FormLayout,
    profile_rows,
)


def _problem(name: str, sheet: str, row: int, col: int, code: str, **args: object) -> Problem:
    return Problem(name, row, col, code, dict(args), cell=f"{sheet}!{get_column_letter(col)}{row}")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def sheet_problems(book: Workbook, layout: FormLayout, name: str) -> list[Problem]:
    expected = set(layout.sheet_names)
    present = book.sheetnames
    problems = []
    missing = [s for s in layout.sheet_names if s not in present]
    if missing:
        problems.append(Problem(name, 1, 1, "xlsx.sheet_missing", {"sheets": "、".join(missing)}))
    extra = [s for s in present if s not in expected]
    if extra:
        args: dict[str, object] = {"sheets": "、".join(extra), "expected": "、".join(layout.sheet_names)}
        problems.append(Problem(name, 1, 1, "xlsx.sheet_extra", args))  # expected in the form's order
    return problems


def _written(sheet: Worksheet) -> list[Cell]:
    """The cells the file actually holds, in reading order. iter_rows() would create every cell up to the
    farthest one: a single entry in row 1,048,576 would mean millions of cell objects."""
    cells: Iterable[Cell] = sheet._cells.values()  # openpyxl keeps the cells it read in this dict
    return sorted(cells, key=lambda c: (c.row, c.column))


def cell_problems(sheet: Worksheet, name: str) -> Iterator[Problem]:
    """Merged cells and formulas anywhere on a sheet we read."""
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        yield _problem(name, sheet.title, merged.min_row, merged.min_col, "xlsx.merged", range=merged.coord)
    for cell in _written(sheet):
        if cell.data_type == "f":
            formula = cell.value if isinstance(cell.value, str) else "=…"
            yield _problem(name, sheet.title, cell.row, cell.column, "xlsx.formula", formula=formula[:40])


def _headers(sheet: Worksheet, columns: Sequence[Column], row: int, name: str) -> Iterator[Problem]:
    for column in columns:
        found = _text(sheet.cell(row, column.index).value)
        if found != column.header:
            yield _problem(name, sheet.title, row, column.index, "xlsx.header", expected=column.header, found=found)
            return


def _ids(sheet: Worksheet, expected: Sequence[str], first_row: int, name: str) -> Iterator[Problem]:
    """The first row whose ID is not the expected one: later rows are all shifted, so one message is enough."""
    rows = {c.row: _text(c.value) for c in _written(sheet) if c.column == 1 and c.row >= first_row}
    column = [rows.get(row, "") for row in range(first_row, first_row + len(expected))]
    column += [text for row, text in sorted(rows.items()) if row >= first_row + len(expected)]
    for row, want in enumerate(expected, start=first_row):
        found = column[row - first_row] if row - first_row < len(column) else ""
        if found == want:
            continue
        if found not in expected:
            code = "xlsx.row_id"  # an edited ID, or an inserted or emptied row
        elif want not in column:
            code = "xlsx.row_deleted"
        else:
            code = "xlsx.row_moved"
        yield _problem(name, sheet.title, row, 1, code, expected=want, found=found or "（空）")
        return


def _stray(sheet: Worksheet, last_row: int, last_col: int, name: str) -> Iterator[Problem]:
    """Anything written below or to the right of the table would be silently ignored: say so instead."""
    for cell in _written(sheet):
        if cell.value is None or (cell.row <= last_row and cell.column <= last_col):
            continue
        yield _problem(name, sheet.title, cell.row, cell.column, "xlsx.outside", found=str(cell.value)[:40])
        return


def table_problems(book: Workbook, layout: FormLayout, name: str) -> list[Problem]:
    """Problems of the sheets we read (all present, as :func:`sheet_problems` found)."""
    problems: list[Problem] = []
    profile = book[PROFILE]
    problems += cell_problems(profile, name)
    labels = [f.heading for _, f in profile_rows()]
    problems += _headers(profile, PROFILE_COLUMNS, 1, name)
    problems += _ids(profile, labels, 2, name)
    problems += _stray(profile, 1 + len(labels), len(PROFILE_COLUMNS), name)
    for part in layout.parts:
        sheet = book[part.title]
        ids = [q.requirement.id for q in part.questions]
        problems += cell_problems(sheet, name)
        problems += _headers(sheet, PART_COLUMNS, HEADER_ROW, name)
        problems += _ids(sheet, ids, FIRST_ROW, name)
        problems += _stray(sheet, FIRST_ROW + len(ids) - 1, len(PART_COLUMNS), name)
    if layout.matters:
        sheet = book[layout.matters.title]
        ids = [e.id for e in layout.matters.catalogue.entries]
        problems += cell_problems(sheet, name)
        problems += _headers(sheet, MATTER_COLUMNS, HEADER_ROW, name)
        problems += _ids(sheet, ids, FIRST_ROW, name)
        problems += _stray(sheet, FIRST_ROW + len(ids) - 1, len(MATTER_COLUMNS), name)
    return problems
