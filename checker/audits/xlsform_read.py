"""Audit records from a field tool's export of the XLSForm (:mod:`checker.audits.xlsform`): the CSV that ODK
Central, KoboToolbox or Enketo export, or their ZIP (the CSV beside a ``media/`` folder of photos).

Each submission (one CSV row) becomes one audit record with the structure of a YAML audit record, so it goes
through the same validation as any other. Columns are found by question name, whatever the tool puts before it
(ODK Central joins groups with ``-``, Kobo with ``/``). A problem is placed at its cell as a spreadsheet shows
the CSV (``导出.csv:F3``). The standard is named by the ID the form carries, never loaded from the export.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from checker import standard as standards
from checker.audits.record import FINDINGS
from checker.audits.xlsform import HEADER, FactFields, choice_options, fact_order, field_names
from checker.errors import InputError, Problem, UsageError
from checker.files import read_regular
from checker.model import Standard
from checker.yamlio import decode

MAX_BYTES = 50 * 1024 * 1024  # an export of a district's visits, photos included in a ZIP
MAX_CSV_BYTES = 20 * 1024 * 1024
_SPLIT = re.compile(r"[、,，;；\n]+")


@dataclass
class Submission:
    """One submission of the form, as an audit record (``data``) and where it came from."""

    row: int  # the CSV line (1 is the header)
    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return str(self.data.get("assessment", {}).get("sha256", ""))

    @property
    def community(self) -> str:
        return str(self.data.get("assessment", {}).get("community", ""))


def read_export(path: Path, standards_dirs: Iterable[Path] = ()) -> list[Submission]:
    """Every submission in the export; a submission's own problems travel with it (the others still count)."""
    name = str(path)
    raw = read_regular(path, MAX_BYTES, name)
    text_name, table = _csv_bytes(raw, name)
    text, _notices = decode(table, text_name)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise InputError([Problem(text_name, 0, 0, "xlsform.no_submissions")])
    header, body = rows[0], rows[1:]
    columns = _Columns(header, text_name)
    if columns.find("assessment_sha256") is None:
        raise InputError([Problem(text_name, 1, 1, "xlsform.not_our_form")])
    found: dict[str, Standard] = {}
    return [_submission(columns, number, cells, found, standards_dirs) for number, cells in enumerate(body, 2)]


def _csv_bytes(raw: bytes, name: str) -> tuple[str, bytes]:
    """The CSV itself: the file, or the submissions table inside a ZIP (not the photos, not a repeat's table)."""
    if not raw.startswith(b"PK\x03\x04"):
        return name, raw
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        tables = [i for i in archive.infolist() if i.filename.lower().endswith(".csv") and "media/" not in i.filename]
    except zipfile.BadZipFile:
        raise InputError([Problem(name, 0, 0, "xlsform.bad_zip")]) from None
    for info in sorted(tables, key=lambda i: (i.filename.count("/"), len(i.filename))):
        if info.file_size > MAX_CSV_BYTES:
            raise InputError([Problem(name, 0, 0, "file.too_large", {"size": info.file_size, "limit": MAX_CSV_BYTES})])
        with archive.open(info) as member:
            content = member.read(MAX_CSV_BYTES + 1)
        if b"assessment_sha256" in content.split(b"\n", 1)[0]:
            return f"{name}!{PurePosixPath(info.filename).name}", content[:MAX_CSV_BYTES]
    raise InputError([Problem(name, 0, 0, "xlsform.not_our_form")])


class _Columns:
    def __init__(self, header: Sequence[str], file: str) -> None:
        self.file = file
        self.header = [h.strip().lstrip("\ufeff") for h in header]
        self.index: dict[str, int] = {}
        for number, title in enumerate(self.header):
            self.index.setdefault(title, number)

    def find(self, question: str) -> int | None:
        if question in self.index:
            return self.index[question]
        for number, title in enumerate(self.header):  # a group path before the name: s3-f_XZ-F-801, s3/f_XZ-F-801
            if title.endswith(("-" + question, "/" + question, "." + question, ":" + question)):
                return number
        return None

    def cell(self, column: int, row: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(column + 1)}{row}"


@dataclass
class _Row:
    columns: _Columns
    number: int
    cells: Sequence[str]
    problems: list[Problem]

    def get(self, question: str) -> str:
        column = self.columns.find(question)
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].strip()

    def problem(self, question: str, code: str, **args: object) -> None:
        column = self.columns.find(question)
        cell = self.columns.cell(column if column is not None else 0, self.number)
        self.problems.append(Problem(self.columns.file, self.number, 1, code, dict(args), cell=cell))


def _submission(
    columns: _Columns, number: int, cells: Sequence[str], found: dict[str, Standard], dirs: Iterable[Path]
) -> Submission:
    row = _Row(columns, number, cells, [])
    standard_id = row.get("standard")
    data: dict[str, Any] = {
        "standard": standard_id,
        "assessment": {
            "file": f"{PurePosixPath(columns.file).name} 第 {number} 行",
            "sha256": row.get("assessment_sha256").lower(),
            "community": row.get("community"),
        },
        **{key: row.get(key) for key in HEADER if row.get(key) or key in ("inspector", "date")},
        "checks": {},
    }
    if standard_id not in found:
        try:
            found[standard_id] = standards.by_id(standard_id, dirs)
        except (InputError, UsageError):  # an unknown ID (UsageError) or a broken standard: this row's problem
            known = standards.known_ids(standards.available(dirs))
            row.problem("standard", "xlsform.unknown_standard", found=standard_id or "—", known=known)
            return Submission(number, data, row.problems)
    standard = found[standard_id]
    names = field_names(fact_order(standard))
    for fact_id, fields in names.items():
        check = _check(row, standard, fields)
        if check is not None:
            data["checks"][fact_id] = check
    return Submission(number, data, row.problems)


def _check(row: _Row, standard: Standard, fields: FactFields) -> dict[str, Any] | None:
    finding = row.get(fields.finding)
    if not finding:
        return None  # not checked
    if finding not in FINDINGS:
        row.problem(fields.finding, "xlsform.bad_finding", found=finding)
        return None
    check: dict[str, Any] = {"finding": finding}
    if finding in ("confirmed", "not_confirmed"):  # a confirmation may carry the value measured
        verified = _verified(row, standard, fields)
        if verified is not None:
            check["verified"] = verified
    comment = row.get(fields.comment)
    if comment:
        check["comment"] = comment
    photo = row.get(fields.photo)
    if photo:
        check["references"] = [PurePosixPath(photo).name]
    return check


def _verified(row: _Row, standard: Standard, fields: FactFields) -> Any:
    requirement = standard.index[fields.fact_id]
    text = row.get(fields.verified)
    kind = requirement.kind
    if kind == "checklist":
        if not text and row.get(fields.finding) == "confirmed":
            return None
        value: dict[str, list[str]] = {"handled": text.split()}
        if row.columns.find(fields.online) is not None:
            value["online"] = row.get(fields.online).split()
        return value
    if not text:
        return None  # the record's own validation says that 不符 needs the value found
    if kind == "presence":
        return {"yes": True, "no": False}.get(text, text)
    if kind == "choice":
        options = choice_options(standard, fields.fact_id)
        number = text[1:]
        if text.startswith("o") and number.isdigit() and 1 <= int(number) <= len(options):
            return options[int(number) - 1]
        return text
    if kind in ("threshold", "survey"):
        try:
            number_value = float(text)
        except ValueError:
            row.problem(fields.verified, "xlsform.not_a_number", found=text[:40])
            return None
        return int(number_value) if number_value.is_integer() and abs(number_value) < 1e15 else number_value
    if kind == "allowed_set":
        return [item.strip() for item in _SPLIT.split(text) if item.strip()]
    return text
