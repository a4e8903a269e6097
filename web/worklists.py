"""Each responsible body's work list as its own XLSX: one row per community and gap the body is to put right,
from the publication's work lists (checker.publish.aggregate.DepartmentWork, grouped by body ID), written through
the shared formula guard (checker/spreadsheets.py): a community named "=1+1" stays text."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from checker.publish.aggregate import DepartmentWork, Publication
from checker.spreadsheets import save
from web.i18n import t

_UNSAFE = re.compile(r"[/\\:*?\"<>|\x00-\x1f\x7f]+")
WIDTHS = (12, 16, 12, 48, 30)


def file_name(work: DepartmentWork, taken: set[str]) -> str:
    """The body's name as a file name (safe characters, unique within the export)."""
    base = _UNSAFE.sub("-", work.department).strip(" .-")[:60] or (work.body or "body")
    name, n = f"{base}.xlsx", 2
    while name in taken:
        name, n = f"{base}-{n}.xlsx", n + 1
    taken.add(name)
    return name


def rows(work: DepartmentWork) -> list[tuple[str, str, str, str, str]]:
    found = [
        (c.district, c.name, r.requirement_id, r.title, r.role or work.department)
        for r in work.requirements
        for c in r.communities
    ]
    found += [
        (c.district, c.name, e.requirement_id, e.name, work.department) for e in work.entries for c in e.communities
    ]
    return sorted(found)


def workbook(work: DepartmentWork, pub: Publication, round_title: str) -> bytes:
    lang = pub.lang
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("web.worklist_sheet", lang)
    sheet.append([t("web.worklist_title", lang, body=work.department, round=round_title)])
    sheet["A1"].font = Font(bold=True, size=13)
    headings = ("web.district", "web.community", "web.worklist_item", "web.worklist_requirement", "web.worklist_role")
    sheet.append([t(code, lang) for code in headings])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows(work):
        sheet.append(list(row))
    for column, width in zip("ABCDE", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return save(book, when=pub.generated_at)  # the same bytes from every attempt of the job


def write_worklists(pub: Publication, folder: Path, round_title: str = "") -> list[str]:
    """One XLSX per responsible body with something to do, into ``folder``; returns the file names."""
    taken: set[str] = set()
    names = []
    for work in pub.departments:
        if not work.size:
            continue
        name = file_name(work, taken)
        (folder / name).write_bytes(workbook(work, pub, round_title or pub.round_title))
        names.append(name)
    return names
