"""Reading the audit-sheet workbook back as an audit record (see :mod:`checker.audits.sheet_xlsx` for its layout).

The header fields and table columns are found by their labels (Chinese or English), so a clerk may widen, hide
or reorder columns. Verified cells are typed as their fact's rule kind reads them (numbers typed as text, 是/否,
lists separated by 、 or line breaks). In "目录核查" a blank verified cell means "as claimed". The record has the
structure of a YAML audit record and goes through the same validation, with problems placed by cell.
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

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from checker.audits.sheet_xlsx import CATALOGUE, COLUMNS, ENTRY_COLUMNS, FINDING_LABELS, HEADER_FIELDS, MAIN
from checker.errors import InputError, Problem
from checker.model import Standard
from checker.workbook.safety import check_container
from checker.yamlio import Document, read_bytes

MAX_BYTES = 10 * 1024 * 1024
_SPLIT = re.compile(r"[、,，;；\n]+")
_NUMBER = re.compile(r"^[-+]?[0-9]+(?:\.[0-9]+)?$")
_YES, _NO = ("是", "有", "√", "✓", "yes", "y", "true"), ("否", "无", "×", "✗", "no", "n", "false")


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
    """The audit record in an audit-sheet workbook, as a document for :func:`checker.audits.record.problems`;
    verified cells are typed by their fact's rule kind (numbers, yes/no, lists) as a clerk means them."""
    raw = read_bytes(path, MAX_BYTES)
    check_container(raw, str(path))  # zip bombs, encrypted workbooks and old .xls files never reach openpyxl
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


# the labels of sheets written before a room was told from a matter (自评：可办理 for both): still read
ENTRY_LABELS_BEFORE = {
    "自评：可办理": "claimed_handled",
    "claimed: handled": "claimed_handled",
    "核查：可办理": "verified_handled",
    "found: handled": "verified_handled",
}


def _find_columns(
    ws: Worksheet, pairs: Mapping[str, tuple[str, str, int]], aliases: Mapping[str, str] | None = None
) -> tuple[int, dict[str, int]]:
    """The table's header row and the column of each key, found by label."""
    by_label = _label_index(pairs) | dict(aliases or {})
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
            "verified": typed_verified(requirement.kind if requirement else "", value.get("verified")),
            "comment": _text(value.get("comment")),
            "references": [r.strip() for r in _SPLIT.split(_text(value.get("references")) or "") if r.strip()],
        }
        doc.places[("checks", fact_id)] = _where(ws, row, cols["fact_id"])
        for key in ("finding", "verified", "comment", "references"):
            if key in cols:
                doc.places[("checks", fact_id, key)] = _where(ws, row, cols[key])
    return checks


def typed_verified(kind: str, value: Any) -> Any:
    """A verified cell as the value its rule kind reads; anything odd is passed on for the kind to reject."""
    if isinstance(value, datetime | date):
        return _text(value)
    if isinstance(value, str) and not value.strip():
        return None
    if kind in ("threshold", "survey") and isinstance(value, str) and _NUMBER.match(value.strip()):
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
    head, cols = _find_columns(ws, ENTRY_COLUMNS, ENTRY_LABELS_BEFORE)
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
