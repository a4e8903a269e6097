"""Reading a filled workbook into the dict the equivalent YAML gives, with the cell of every value.

Order of refusal: file size and container (:mod:`safety`), then which form this is (the standard's ID and
version and the form version on the profile sheet), then its structure (:mod:`structure`), then the few
values only a workbook can get wrong (a dropdown cell with other text). Everything else — numbers that are not
numbers, unknown items, N/A where not allowed — is left to the same validation a YAML file gets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from checker import standard as standards
from checker.errors import InputError, Problem, UsageError
from checker.model import Standard
from checker.rules.base import FactProblem, read_bool
from checker.workbook import cells
from checker.workbook.document import Path_, WorkbookDocument, sheet_rank
from checker.workbook.layout import (
    FORM_VERSION,
    IDENTITY,
    PROFILE,
    FormLayout,
    MattersSheet,
    ProfileField,
    Question,
    identity_row,
    layout_of,
    matter_column,
    part_column,
    profile_rows,
)
from checker.workbook.safety import MAX_FILE_BYTES, open_workbook
from checker.workbook.structure import sheet_problems, table_problems
from checker.yamlio import read_bytes


def read_workbook(
    path: Path, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()
) -> tuple[WorkbookDocument, str]:
    """The document and the SHA-256 of the file. ``standard`` is the one asked for on the command line, if any;
    otherwise the standard the workbook names is looked up (bundled, or in ``standards_dirs``)."""
    name = str(path)
    raw = read_bytes(path, MAX_FILE_BYTES)
    book = open_workbook(raw, name)
    standard = _standard_for(book, name, standard, standards_dirs)
    layout = layout_of(standard)
    problems = sheet_problems(book, layout, name)
    if not problems:
        problems = table_problems(book, layout, name)
    if problems:
        raise InputError(problems)
    return _Extraction(book, layout, name).document(), hashlib.sha256(raw).hexdigest()


def read_answer(question: Question, raw: Any, standard: Standard) -> Any:
    """The value of a filled answer cell, by the cell conventions (是/否, numbers, one item per line, 无, ★).
    Shared with the web form, whose fields are these cells. What does not fit is passed on for validation."""
    req = question.requirement
    if req.kind == "presence":
        if isinstance(raw, str) and raw.strip() in (cells.YES, cells.NO):
            return raw.strip() == cells.YES
        return raw
    if req.kind in ("threshold", "survey"):
        return cells.number_from_cell(raw)
    text = cells.text_from_cell(raw)
    if not isinstance(text, str):
        return text
    if req.kind == "allowed_set":
        return cells.split_items(text, req.params["allowed"])
    if req.kind == "checklist":
        return cells.items_from_cell(text, standard.catalogues[req.params["catalogue"]])
    return text


def _identity_value(book: Workbook, key: str) -> str:
    value = book[PROFILE].cell(identity_row(key), 2).value
    return str(cells.text_from_cell(value)).strip() if value is not None else ""


def _standard_for(book: Workbook, name: str, given: Standard | None, dirs: Iterable[Path]) -> Standard:
    row = identity_row("standard")
    where = f"{PROFILE}!B{row}"
    if PROFILE not in book.sheetnames or book[PROFILE].cell(row, 1).value != IDENTITY[0].heading:
        raise InputError([Problem(name, 1, 1, "xlsx.not_a_form", {"sheet": PROFILE})])
    standard_id = _identity_value(book, "standard")
    version = _identity_value(book, "standard_version")
    form = _identity_value(book, "form_version")
    if form != FORM_VERSION:
        at = f"{PROFILE}!B{identity_row('form_version')}"
        raise InputError(
            [Problem(name, 1, 1, "xlsx.form_version", {"found": form or "-", "expected": FORM_VERSION}, cell=at)]
        )
    if given is not None and (given.id, given.version) != (standard_id, version):
        args: dict[str, object] = {"found": standard_id, "found_version": version}
        args |= {"expected": given.id, "expected_version": given.version}
        raise InputError([Problem(name, row, 2, "xlsx.other_standard", args, cell=where)])
    if given is None:
        try:  # by ID only: a cell naming a file must not bring its own rules
            given = standards.by_id(standard_id, dirs)
        except UsageError:
            known = standards.known_ids(standards.available(dirs))
            args = {"id": standard_id, "known": known}
            raise InputError([Problem(name, row, 2, "sa.unknown_standard", args, cell=where)]) from None
    standard = given
    if standard.version != version:
        at = f"{PROFILE}!B{identity_row('standard_version')}"
        found: dict[str, object] = {"id": standard_id, "found": version, "expected": standard.version}
        raise InputError([Problem(name, row + 1, 2, "xlsx.other_version", found, cell=at)])
    return standard


class _Extraction:
    """One pass over a structurally sound workbook, building the data and the map of places."""

    def __init__(self, book: Workbook, layout: FormLayout, name: str) -> None:
        self.book = book
        self.layout = layout
        self.name = name
        self.places: dict[Path_, str] = {(): f"{PROFILE}!A1"}
        self.positions: dict[str, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def where(self, sheet: Worksheet, row: int, col: int) -> str:
        place = f"{sheet.title}!{get_column_letter(col)}{row}"
        self.positions[place] = (row, col)
        return place

    def place(self, path: Path_, sheet: Worksheet, row: int, col: int) -> str:
        self.places[path] = place = self.where(sheet, row, col)
        return place

    def refuse(self, where: str, row: int, col: int, code: str, **args: object) -> None:
        rank = sheet_rank(self.layout.sheet_names, where)
        self.problems.append(Problem(self.name, row, col, code, dict(args), cell=where, sheet=rank))

    def document(self) -> WorkbookDocument:
        data = self.profile()
        facts: dict[str, Any] = {}
        self.places[("facts",)] = f"{self.layout.parts[0].title}!A1" if self.layout.parts else f"{PROFILE}!A1"
        for question in self.layout.questions():
            fact = self.fact(question)
            if fact:
                facts[question.requirement.id] = fact
        data["facts"] = facts
        # a refused dropdown value is left out of the data and reported with every other problem of the
        # validation, in one pass: the clerk does not fix two cells only to be shown fifteen more
        return WorkbookDocument(
            self.name,
            "",
            data,
            problems=self.problems,
            places=self.places,
            positions=self.positions,
            sheets=self.layout.sheet_names,
        )

    # ------------------------------------------------------------ profile

    def profile(self) -> dict[str, Any]:
        sheet = self.book[PROFILE]
        standard = self.layout.standard
        # an empty community still appears, so a missing field is named rather than the whole block
        data: dict[str, Any] = {"standard": standard.id, "standard_version": standard.version, "community": {}}
        for row, spec in profile_rows():
            where = self.place(spec.path, sheet, row, 2)
            raw = sheet.cell(row, 2).value
            if spec.kind == "fixed":
                continue  # checked against the standard before extraction
            self.places.setdefault(spec.path[:1], where)  # ("community",): where a missing field is reported
            value = self.profile_value(spec, raw, where, row)
            if value is not None:
                target = data["community"] if spec.path[0] == "community" else data
                target[spec.path[-1]] = value
        return data

    def profile_value(self, spec: ProfileField, value: Any, where: str, row: int) -> Any:
        if cells.is_empty(value):
            return None
        if spec.kind == "int":
            return cells.int_from_cell(value)
        if spec.kind == "enum":
            text = cells.text_from_cell(value)
            for label, code in spec.options:
                if isinstance(text, str) and text.strip() in (label, code):
                    return code
            options = "、".join(label for label, _ in spec.options)
            self.refuse(where, row, 2, "xlsx.option", options=options, found=str(value))
            return None
        if spec.path == ("community", "phone"):
            return cells.phone_from_cell(value)
        return cells.text_from_cell(value)

    # ------------------------------------------------------------ questions

    def fact(self, question: Question) -> dict[str, Any]:
        sheet = self.book[question.sheet]
        row = question.row
        base: Path_ = ("facts", question.requirement.id)
        self.place(base, sheet, row, 1)
        fact: dict[str, Any] = {}
        value: Any
        for key in ("value", "not_applicable", "evidence", "note"):
            col = part_column(key).index
            self.place((*base, key), sheet, row, col)
            raw = sheet.cell(row, col).value
            if key == "value" and question.on_matters_sheet:
                value = self.matters(self.layout.matters, base)  # type: ignore[arg-type]
            elif cells.is_empty(raw):
                continue
            elif key == "value":
                value = self.answer(question, raw)
            elif key == "evidence":
                value = cells.lines_of(str(cells.text_from_cell(raw)))
            else:
                value = cells.text_from_cell(raw)
            if value is not None:
                fact[key] = value
        return fact

    def answer(self, question: Question, raw: Any) -> Any:
        return read_answer(question, raw, self.layout.standard)

    def matters(self, matters: MattersSheet, base: Path_) -> dict[str, list[str]] | None:
        sheet = self.book[matters.title]
        chosen: dict[str, list[str]] = {"handled": [], "online": []}
        answered = False
        for entry in matters.catalogue.entries:
            row = matters.row_of(entry.id)
            for key in ("handled", "online"):
                col = matter_column(key).index
                raw = sheet.cell(row, col).value
                where = self.where(sheet, row, col)
                if cells.is_empty(raw):
                    continue
                answered = True
                try:
                    yes = read_bool(raw.strip() if isinstance(raw, str) else raw)
                except FactProblem:
                    self.refuse(where, row, col, "xlsx.yes_no", found=str(raw))
                    continue
                if yes:
                    self.places[(*base, "value", key, len(chosen[key]))] = where
                    chosen[key].append(entry.id)
        return chosen if answered else None
