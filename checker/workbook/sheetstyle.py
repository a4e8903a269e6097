"""The look of the form: header and locked-cell styles, widths that fit Chinese text, A4 printing, protection."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from checker.workbook.layout import Column

FONT = "宋体"  # what Chinese offices expect; LibreOffice substitutes a CJK font where it is missing
_THIN = Side(style="thin", color="9E9E9E")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TITLE_FONT = Font(name=FONT, size=14, bold=True)
HEADER_FONT = Font(name=FONT, size=11, bold=True)
BODY_FONT = Font(name=FONT, size=11)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
ANSWER_HEADER_FILL = PatternFill("solid", fgColor="FFE699")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
UNLOCKED = Protection(locked=False)
TEXT_FORMAT = "@"
LINE_HEIGHT = 15.0  # points per line of 11-point text


def display_width(text: str) -> int:
    """Width in Excel character units: full-width (Chinese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)  # cell padding
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in (text or "").split("\n"))


def fit_row(sheet: Worksheet, row: int, columns: Sequence[Column]) -> None:
    """Spreadsheets do not grow rows for wrapped text on opening: set the height the longest cell needs."""
    lines = max(lines_needed(str(sheet.cell(row, c.index).value or ""), c.width) for c in columns)
    sheet.row_dimensions[row].height = max(lines, 1) * LINE_HEIGHT + 4


def set_widths(sheet: Worksheet, columns: Iterable[Column]) -> None:
    for column in columns:
        sheet.column_dimensions[column.letter].width = column.width


def header(sheet: Worksheet, row: int, columns: Sequence[Column]) -> None:
    for column in columns:
        cell = sheet.cell(row, column.index)
        cell.value = column.header
        cell.font = HEADER_FONT
        cell.fill = ANSWER_HEADER_FILL if column.editable else HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def body(cell: Cell, editable: bool, text: bool = False) -> None:
    cell.font = BODY_FONT
    cell.border = BORDER
    cell.alignment = WRAP
    if editable:
        cell.protection = UNLOCKED
        if text:
            cell.number_format = TEXT_FORMAT  # dates and phone numbers stay as typed
    else:
        cell.fill = LOCKED_FILL


def title(cell: Cell, text: str) -> None:
    cell.value = text
    cell.font = TITLE_FONT
    cell.alignment = Alignment(vertical="center")


PAGE_FOOTER = {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"}  # &P, &N: Excel's page number and count


def print_setup(sheet: Worksheet, landscape: bool, title_rows: str | None, lang: str = "zh") -> None:
    """A4, as wide as the paper, as many pages down as needed, headers repeated, page numbers in the footer (in
    the workbook's language)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = PAGE_FOOTER["en" if lang == "en" else "zh"]


def protect(sheet: Worksheet) -> None:
    """Lock the IDs and texts (no password: this guards against slips, not against intent); rows and columns
    may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
