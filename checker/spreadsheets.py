"""Spreadsheets we write never run what someone typed: the one guard for every XLSX cell and CSV field.

A community name, a note or a piece of evidence is text, whatever it starts with. In an XLSX file text is kept
as text by its cell type: :func:`save` writes no formula at all (openpyxl turns any string that starts with "="
into one). A CSV file has no types, so Excel and LibreOffice decide by the first character: a field that could
start a formula gets a leading apostrophe (:func:`csv_field`), also when invisible characters (a zero-width
space, a byte-order mark, spaces) come first, since spreadsheets skip those before looking.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from openpyxl.workbook.workbook import Workbook

# =, +, - and @ start a formula (also their full-width forms, which a Chinese input method may produce and some
# spreadsheets accept); a leading tab or carriage return is a known way around naive checks.
_STARTS_FORMULA = frozenset("=+-@＝＋－＠\t\r")
_SKIPPED = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))  # controls, format characters (zero-width, BOM), spaces


def csv_field(value: Any) -> Any:
    """A CSV field that a spreadsheet shows as it is, never as a formula; non-text values pass unchanged.

    >>> csv_field("=SUM(A1)"), csv_field("\\u200b=1+1"), csv_field(" -2"), csv_field("康居社区"), csv_field(7)
    ("'=SUM(A1)", "'\\u200b=1+1", "' -2", '康居社区', 7)
    """
    if not isinstance(value, str):
        return value
    for char in value:
        if char in _STARTS_FORMULA:
            return "'" + value
        if unicodedata.category(char) not in _SKIPPED:
            break
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """Every field of a row guarded: no column is left out."""
    return [csv_field(value) for value in values]


def save(book: Workbook, when: datetime | None = None) -> bytes:
    """The workbook as bytes, with every cell that would be a formula written as the text it is.

    With ``when`` the bytes depend on the workbook alone: openpyxl's save stamps the document's properties
    (created, modified) and every ZIP entry with the clock, so the same workbook saved twice differs; here both
    take ``when`` (a job's generation time), as a retried job must write what its first attempt would have."""
    for sheet in book.worksheets:
        for cell in sheet._cells.values():  # the cells written (iter_rows would create the empty ones too)
            if cell.data_type == "f":
                cell.data_type = "s"
    out = io.BytesIO()
    if when is None:
        book.save(out)
        return out.getvalue()
    from openpyxl.writer.excel import ExcelWriter

    moment = (when.astimezone(UTC) if when.tzinfo else when).replace(tzinfo=None, microsecond=0)
    book.properties.created = book.properties.modified = moment  # what openpyxl's save would set to "now"
    ExcelWriter(book, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()  # closes it
    return _dated(out.getvalue(), moment)


def _dated(data: bytes, moment: datetime) -> bytes:
    """The same ZIP with every entry dated ``moment`` (entries, order and contents unchanged)."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=stamp)
            entry.compress_type = item.compress_type
            entry.external_attr = item.external_attr
            target.writestr(entry, source.read(item))
    return out.getvalue()
