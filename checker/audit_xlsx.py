"""The audit sheet as a workbook: written pre-filled with the claims, read back as an audit record.

Sheet "核查表" holds the header (assessment SHA-256, inspector, date …) and one row per fact; sheet "目录核查"
lists each checklist fact's catalogue entry by entry. Reading finds the header fields and table columns by
their labels (Chinese or English), so a clerk may widen, hide or reorder columns; the record it yields has the
same structure as a YAML audit record and goes through the same validation, with places such as "核查表!G17".
In "目录核查", a blank verified cell means "as claimed", so the inspector marks only what differs.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from checker.audit_sheet import AuditSheet, ChecklistBlock, SheetRow
from checker.errors import InputError, Problem
from checker.model import Standard
from checker.yamlio import Document, read_bytes

MAIN = "核查表"
CATALOGUE = "目录核查"
MAX_BYTES = 10 * 1024 * 1024

HEADER_FIELDS: dict[str, tuple[str, str]] = {
    "standard": ("标准", "Standard"),
    "assessment_file": ("自评表文件", "Self-assessment file"),
    "assessment_sha256": ("自评表 SHA-256", "Self-assessment SHA-256"),
    "community": ("社区", "Community"),
    "location": ("所属区、街道", "District, street"),
    "period": ("填报周期", "Period"),
    "inspector": ("检查人", "Inspector"),
    "organisation": ("检查单位", "Inspecting body"),
    "accompanied_by": ("社区陪同人员", "Accompanied by"),
    "date": ("核查日期（YYYY-MM-DD）", "Date of visit (YYYY-MM-DD)"),
}
EDITABLE = ("inspector", "organisation", "accompanied_by", "date")
COLUMNS: dict[str, tuple[str, str, int]] = {  # key -> (zh, en, width)
    "fact_id": ("编号", "Fact ID", 11),
    "title": ("要求", "Requirement", 26),
    "required": ("标准要求", "Required", 20),
    "claimed": ("自评申报", "Claimed", 24),
    "how": ("核查值填写方式", "How to record", 16),
    "verified": ("核查值", "Verified value", 16),
    "finding": ("核查结论", "Finding", 11),
    "comment": ("核查说明", "Finding in words", 28),
    "references": ("照片/文件编号", "Photo/document refs", 16),
}
ENTRY_COLUMNS: dict[str, tuple[str, str, int]] = {
    "fact_id": ("编号", "Fact ID", 11),
    "entry_id": ("条目编号", "Entry", 9),
    "name": ("名称", "Name", 34),
    "department": ("主管部门", "Department", 14),
    "claimed_handled": ("自评：可办理", "Claimed: handled", 11),
    "claimed_online": ("自评：网上可办", "Claimed: online", 11),
    "verified_handled": ("核查：可办理", "Found: handled", 11),
    "verified_online": ("核查：网上可办", "Found: online", 11),
}
FINDING_LABELS: dict[str, tuple[str, str]] = {
    "confirmed": ("确认", "confirmed"),
    "not_confirmed": ("不符", "not confirmed"),
    "unverifiable": ("无法核实", "unverifiable"),
}
_SPLIT = re.compile(r"[、,，;；\n]+")
_NUMBER = re.compile(r"^[-+]?[0-9]+(?:\.[0-9]+)?$")
_YES, _NO = ("是", "有", "√", "✓", "yes", "y", "true"), ("否", "无", "×", "✗", "no", "n", "false")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
_SECTION_FILL = PatternFill("solid", fgColor="EFEFEF")
_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _label(pair: tuple[str, ...], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


# ---------------------------------------------------------------- writing


def write_workbook(sheet: AuditSheet) -> bytes:
    book = Workbook()
    main = book.active
    assert main is not None
    main.title = MAIN
    table_row = _write_header(main, sheet)
    _write_rows(main, sheet, table_row)
    entries = book.create_sheet(CATALOGUE)
    _write_entries(entries, sheet)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_header(ws: Worksheet, sheet: AuditSheet) -> int:
    lang = sheet.lang
    ws["A1"] = "社区基本公共服务标准 实地核查表" if lang != "en" else "On-site audit checklist"
    ws["A1"].font = _TITLE
    values = {
        "standard": sheet.standard_id,
        "assessment_file": sheet.assessment_file,
        "assessment_sha256": sheet.assessment_sha256,
        "community": sheet.community,
        "location": f"{sheet.district} {sheet.street}",
        "period": sheet.period,
    }
    for offset, (key, pair) in enumerate(HEADER_FIELDS.items()):
        row = 3 + offset
        ws.cell(row, 1, _label(pair, lang)).font = _BOLD
        cell = ws.cell(row, 2, values.get(key, ""))
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        if key in EDITABLE:
            cell.fill = _INPUT_FILL
            cell.border = _BOX
    note_row = 3 + len(HEADER_FIELDS) + 1
    ws.cell(note_row, 1, _sheet_note(lang)).alignment = _WRAP
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(COLUMNS))
    ws.row_dimensions[note_row].height = 45
    return note_row + 2


def _sheet_note(lang: str) -> str:
    if lang == "en":
        return (
            "Finding: confirmed / not confirmed / unverifiable; leave blank if not checked. Not confirmed needs the "
            "verified value (same form as the claim) and a comment; unverifiable needs a comment. Checklists are "
            f"verified entry by entry in sheet '{CATALOGUE}'. Do not edit the SHA-256: it ties this sheet to the file."
        )
    return (
        "核查结论填：确认 / 不符 / 无法核实；未核查的留空。“不符”须填写核查值（格式同自评申报）并说明；"
        f"“无法核实”须说明原因。清单类事项在“{CATALOGUE}”表中逐项核对。请勿修改 SHA-256：它把本表与自评表文件绑定。"
    )


def _write_table_head(ws: Worksheet, row: int, columns: Mapping[str, tuple[str, str, int]], lang: str) -> None:
    for col, (zh, en, width) in enumerate(columns.values(), start=1):
        cell = ws.cell(row, col, en if lang == "en" else zh)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEAD_FILL, _BOX, _WRAP
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row + 1, 3)


def _write_rows(ws: Worksheet, sheet: AuditSheet, head: int) -> None:
    lang = sheet.lang
    _write_table_head(ws, head, COLUMNS, lang)
    labels = [_label(pair, lang) for pair in FINDING_LABELS.values()]
    choice = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    ws.add_data_validation(choice)
    row = head + 1
    keys = list(COLUMNS)
    for section in sheet.sections:
        ws.cell(row, 2, section.title).font = _BOLD
        for col in range(1, len(keys) + 1):
            ws.cell(row, col).fill = _SECTION_FILL
        row += 1
        for item in section.rows:
            _write_row(ws, row, item, keys, lang)
            choice.add(ws.cell(row, keys.index("finding") + 1))
            row += 1


def _write_row(ws: Worksheet, row: int, item: SheetRow, keys: Sequence[str], lang: str) -> None:
    veto = ("（一票否决）" if lang != "en" else " (veto)") if item.veto else ""
    evidence = ("；佐证：" if lang != "en" else "; evidence: ") + "、".join(item.evidence) if item.evidence else ""
    values = {
        "fact_id": item.fact_id,
        "title": item.title + veto,
        "required": item.required,
        "claimed": item.claimed + evidence,
        "how": item.how,
    }
    for col, key in enumerate(keys, start=1):
        cell = ws.cell(row, col, values.get(key))
        cell.border, cell.alignment = _BOX, _WRAP
        if key in ("verified", "finding", "comment", "references"):
            cell.fill = _SECTION_FILL if (key == "verified" and item.checklist) else _INPUT_FILL
        if key == "fact_id" and item.veto:
            cell.font = _BOLD


def _yes(flag: bool, lang: str) -> str:
    if lang == "en":
        return "yes" if flag else "no"
    return "是" if flag else "否"


def _write_entries(ws: Worksheet, sheet: AuditSheet) -> None:
    lang = sheet.lang
    ws["A1"] = (
        "清单类事项逐项核对（核查栏留空 = 与自评一致）"
        if lang != "en"
        else "Checklists, entry by entry (blank = as claimed)"
    )
    ws["A1"].font = _TITLE
    _write_table_head(ws, 3, ENTRY_COLUMNS, lang)
    yes_no = DataValidation(type="list", formula1='"是,否"' if lang != "en" else '"yes,no"', allow_blank=True)
    ws.add_data_validation(yes_no)
    row = 4
    for block in sheet.checklists:
        row = _write_block(ws, row, block, lang, yes_no)


def _write_block(ws: Worksheet, row: int, block: ChecklistBlock, lang: str, yes_no: DataValidation) -> int:
    ws.cell(row, 3, f"{block.fact_id} {block.title}（{block.catalogue}）").font = _BOLD
    for col in range(1, len(ENTRY_COLUMNS) + 1):
        ws.cell(row, col).fill = _SECTION_FILL
    row += 1
    for entry in block.entries:
        values = [
            block.fact_id,
            entry.entry_id,
            entry.name + (" ★" if entry.online_expected and block.uses_online else ""),
            entry.department,
            _yes(entry.claimed_handled, lang),
            _yes(entry.claimed_online, lang) if block.uses_online else "—",
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.border, cell.alignment = _BOX, _WRAP
        for col in (7, 8):
            cell = ws.cell(row, col)
            cell.border = _BOX
            cell.fill = _INPUT_FILL if (col == 7 or block.uses_online) else _SECTION_FILL
            yes_no.add(cell)
        row += 1
    return row + 1


# ---------------------------------------------------------------- reading


@dataclass
class SheetDocument(Document):
    """An audit record read from the workbook; problems are placed by cell ("核查表!G17"), not line:col."""

    places: dict[tuple[str | int, ...], str] = field(default_factory=dict)

    def cell(self, path: Sequence[str | int], key: str | None = None) -> str:
        full = (*path, key) if key is not None else tuple(path)
        while full:
            if full in self.places:
                return self.places[full]
            full = full[:-1]
        return f"{MAIN}!A1"

    def locate(self, path: Sequence[str | int], key: str | None = None) -> tuple[int, int]:
        return 0, 0


def read_workbook(path: Path, standard: Standard | None = None) -> SheetDocument:
    """The audit record in an audit-sheet workbook, as a document for :func:`checker.audit.problems`;
    verified cells are typed by their fact's rule kind (numbers, yes/no, lists) as a clerk means them."""
    raw = read_bytes(path, MAX_BYTES)
    try:
        book = load_workbook(BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise InputError([Problem(str(path), 1, 1, "audit.sheet_unreadable", {"error": error})]) from None
    for name in (MAIN, CATALOGUE):
        if name not in book.sheetnames:
            raise InputError([Problem(str(path), 1, 1, "audit.sheet_missing", {"sheet": name})])
    doc = SheetDocument(name=str(path), text="", data=None)
    problems: list[Problem] = []
    header = _read_header(book[MAIN], doc)
    checks = _read_rows(book[MAIN], doc, standard)
    _read_entries(book[CATALOGUE], doc, checks, problems)
    if problems:
        raise InputError(problems)
    doc.data = {**header, "checks": checks}
    return doc


def _where(ws: Worksheet, row: int, col: int) -> str:
    return f"{ws.title}!{get_column_letter(col)}{row}"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _label_index(pairs: Mapping[str, tuple[str, str]] | Mapping[str, tuple[str, str, int]]) -> dict[str, str]:
    return {label.strip().lower(): key for key, pair in pairs.items() for label in pair[:2]}


def _read_header(ws: Worksheet, doc: SheetDocument) -> dict[str, Any]:
    by_label = _label_index(HEADER_FIELDS)
    found: dict[str, Any] = {}
    for row in range(1, min(ws.max_row, 40) + 1):
        key = by_label.get((_text(ws.cell(row, 1).value) or "").lower())
        if key:
            found[key] = _text(ws.cell(row, 2).value)
            doc.places[_HEADER_PATHS[key]] = _where(ws, row, 2)
    doc.places[("checks",)] = _where(ws, 1, 1)
    return {
        "standard": found.get("standard") or "",
        "assessment": {
            "sha256": found.get("assessment_sha256") or "",
            "file": found.get("assessment_file"),
            "community": found.get("community"),
        },
        "inspector": found.get("inspector") or "",
        "organisation": found.get("organisation"),
        "accompanied_by": found.get("accompanied_by"),
        "date": found.get("date") or "",
    }


_HEADER_PATHS: dict[str, tuple[str, ...]] = {
    "standard": ("standard",),
    "assessment_file": ("assessment", "file"),
    "assessment_sha256": ("assessment", "sha256"),
    "community": ("assessment", "community"),
    "period": ("period",),
    "location": ("location",),
    "inspector": ("inspector",),
    "organisation": ("organisation",),
    "accompanied_by": ("accompanied_by",),
    "date": ("date",),
}


def _find_columns(ws: Worksheet, pairs: Mapping[str, tuple[str, str, int]]) -> tuple[int, dict[str, int]]:
    """The table's header row and the column of each key, found by label."""
    by_label = _label_index(pairs)
    for row in range(1, min(ws.max_row, 60) + 1):
        columns = {}
        for col in range(1, ws.max_column + 1):
            key = by_label.get((_text(ws.cell(row, col).value) or "").lower())
            if key:
                columns[key] = col
        if "fact_id" in columns and len(columns) >= len(pairs) - 2:
            return row, columns
    return 0, {}


def _read_rows(ws: Worksheet, doc: SheetDocument, standard: Standard | None) -> dict[str, dict[str, Any]]:
    head, cols = _find_columns(ws, COLUMNS)
    checks: dict[str, dict[str, Any]] = {}
    if not head:
        return checks
    findings = {label.lower(): key for key, pair in FINDING_LABELS.items() for label in (*pair, key)}
    for row in range(head + 1, ws.max_row + 1):
        fact_id = _text(ws.cell(row, cols["fact_id"]).value)
        if not fact_id:
            continue  # section titles and blank lines
        value = {key: ws.cell(row, col).value for key, col in cols.items()}
        finding = _text(value.get("finding"))
        requirement = standard.requirement(fact_id) if standard else None
        checks[fact_id] = {
            "finding": findings.get(finding.lower(), finding) if finding else None,
            "verified": _typed(requirement.kind if requirement else "", value.get("verified")),
            "comment": _text(value.get("comment")),
            "references": [r.strip() for r in _SPLIT.split(_text(value.get("references")) or "") if r.strip()],
        }
        doc.places[("checks", fact_id)] = _where(ws, row, cols["fact_id"])
        for key in ("finding", "verified", "comment", "references"):
            if key in cols:
                doc.places[("checks", fact_id, key)] = _where(ws, row, cols[key])
    return checks


def _typed(kind: str, value: Any) -> Any:
    """A verified cell as the value its rule kind reads; anything odd is passed on for the kind to reject."""
    if isinstance(value, datetime | date):
        return _text(value)
    if isinstance(value, str) and not value.strip():
        return None
    if kind == "threshold" and isinstance(value, str) and _NUMBER.match(value.strip()):
        return float(value.strip())
    if kind == "presence":
        flag = _bool_cell(value)
        return flag if isinstance(flag, bool) or flag is None else value
    if kind == "allowed_set" and isinstance(value, str):
        return [item.strip() for item in _SPLIT.split(value) if item.strip()]
    if kind in ("choice", "text") and isinstance(value, int | float) and not isinstance(value, bool):
        return _text(value)
    return value


def _bool_cell(value: Any) -> bool | str | None:
    """True/False for a yes/no cell, None for blank, the text itself when it is neither."""
    if value is None or isinstance(value, bool):
        return value
    text = (_text(value) or "").lower()
    if not text:
        return None
    if text in _YES:
        return True
    return False if text in _NO else text


def _read_entries(
    ws: Worksheet,
    doc: SheetDocument,
    checks: dict[str, dict[str, Any]],
    problems: list[Problem],
) -> None:
    """Turn each checklist block into its fact's verified value where any verified cell was filled."""
    head, cols = _find_columns(ws, ENTRY_COLUMNS)
    if not head:
        return
    blocks: dict[str, list[tuple[int, str, bool, bool, Any, Any]]] = {}
    for row in range(head + 1, ws.max_row + 1):
        fact_id, entry_id = _text(ws.cell(row, cols["fact_id"]).value), _text(ws.cell(row, cols["entry_id"]).value)
        if not fact_id or not entry_id:
            continue
        cells = {key: ws.cell(row, cols[key]).value for key in cols}
        claimed_h, claimed_o = _bool_cell(cells["claimed_handled"]), _bool_cell(cells["claimed_online"])
        found_h, found_o = _bool_cell(cells["verified_handled"]), _bool_cell(cells["verified_online"])
        for key, found in (("verified_handled", found_h), ("verified_online", found_o)):
            if isinstance(found, str):
                where = _where(ws, row, cols[key])
                problems.append(Problem(doc.name, 0, 0, "sa.bool", {"found": found}, cell=where))
        blocks.setdefault(fact_id, []).append((row, entry_id, claimed_h is True, claimed_o is True, found_h, found_o))
    for fact_id, rows in blocks.items():
        if fact_id in checks and any(r[4] is not None or r[5] is not None for r in rows):
            checks[fact_id]["verified"] = _checklist_value(ws, doc, fact_id, rows, cols)


def _checklist_value(
    ws: Worksheet,
    doc: SheetDocument,
    fact_id: str,
    rows: list[tuple[int, str, bool, bool, Any, Any]],
    cols: Mapping[str, int],
) -> dict[str, list[str]]:
    handled: list[str] = []
    online: list[str] = []
    base = ("checks", fact_id, "verified")
    doc.places[base] = _where(ws, rows[0][0], cols["verified_handled"])
    for row, entry_id, claimed_h, claimed_o, found_h, found_o in rows:
        if (claimed_h if found_h is None else found_h) is True:
            doc.places[(*base, "handled", len(handled))] = _where(ws, row, cols["verified_handled"])
            handled.append(entry_id)
        if (claimed_o if found_o is None else found_o) is True:
            doc.places[(*base, "online", len(online))] = _where(ws, row, cols["verified_online"])
            online.append(entry_id)
    return {"handled": handled, "online": online}
