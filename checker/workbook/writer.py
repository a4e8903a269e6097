"""Writing the self-assessment workbook: blank (``sqcheck template --format xlsx``) or filled (``sqcheck convert``).

Sheets: instructions, profile, one per part of the standard (a row per fact), and the matters checklist.
No merged cells anywhere, so a merged cell in a returned form is always someone's edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from checker import spreadsheets
from checker.model import Standard
from checker.workbook import cells, sheetstyle
from checker.workbook.instructions import how_text, instruction_lines, requirement_text
from checker.workbook.layout import (
    FIRST_ROW,
    FORM_VERSION,
    HEADER_ROW,
    INSTRUCTIONS,
    MATTER_COLUMNS,
    PART_COLUMNS,
    PROFILE,
    PROFILE_COLUMNS,
    TITLE_ROW,
    FormLayout,
    MattersSheet,
    PartSheet,
    ProfileField,
    Question,
    layout_of,
    matter_column,
    part_column,
    profile_rows,
)

_YES_NO = f'"{cells.YES},{cells.NO}"'
_MAX_NUMBER = "1000000000"


def render_workbook(standard: Standard, data: Mapping[str, Any] | None = None, period: str | None = None) -> bytes:
    """The workbook as .xlsx bytes; ``data`` is a canonical assessment (see :mod:`canonical`) to fill it with."""
    layout = layout_of(standard)
    data = data or {}
    book = Workbook()
    _instructions(book.active, layout)
    _profile(book.create_sheet(PROFILE), layout, data, period)
    facts = data.get("facts", {})
    for part in layout.parts:
        _part(book.create_sheet(part.title), part, layout, facts)
    if layout.matters:
        fact = facts.get(layout.matters.owner.id, {})
        _matters(book.create_sheet(layout.matters.title), layout.matters, fact.get("value"))
    book.properties.title = f"社区自评表 — {standard.title}"
    book.properties.subject = f"{standard.id} {standard.version}"
    book.properties.keywords = f"sqcheck form {FORM_VERSION}"
    book.properties.creator = "sqcheck"
    return spreadsheets.save(book)  # every cell that would be a formula stays the text it is


def put(cell: Cell, value: Any) -> None:
    """Write a value (text that starts with "=" is kept as text when the workbook is saved: spreadsheets.save)."""
    cell.value = value


def _validation(sheet: Worksheet, kind: str, formula: str, prompt: str, **extra: Any) -> DataValidation:
    check = DataValidation(type=kind, formula1=formula, allow_blank=True, **extra)
    check.showErrorMessage = check.showInputMessage = True
    check.errorTitle = "填写有误"
    check.error = prompt
    check.promptTitle = "填写方法"
    check.prompt = prompt[:250]
    sheet.add_data_validation(check)
    return check


# LibreOffice does not shrink a single column wider than the page to fit (measured): keep it narrower than A4
INSTRUCTIONS_WIDTH = 76


def _instructions(sheet: Worksheet, layout: FormLayout) -> None:
    sheet.title = INSTRUCTIONS
    sheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    sheetstyle.title(sheet.cell(1, 1), f"社区自评表（Excel 版）填表说明 — {layout.standard.title}")
    for row, line in enumerate(instruction_lines(layout), start=3):
        cell = sheet.cell(row, 1, line)
        cell.font = sheetstyle.HEADER_FONT if line[:2] in ("一、", "二、", "三、", "四、") else sheetstyle.BODY_FONT
        cell.alignment = sheetstyle.WRAP
        lines = sheetstyle.lines_needed(line, INSTRUCTIONS_WIDTH)
        sheet.row_dimensions[row].height = lines * sheetstyle.LINE_HEIGHT + 2
    sheetstyle.print_setup(sheet, landscape=False, title_rows=None)
    sheetstyle.protect(sheet)


# ---------------------------------------------------------------- profile


def _profile(sheet: Worksheet, layout: FormLayout, data: Mapping[str, Any], period: str | None) -> None:
    standard = layout.standard
    fixed = {"standard": standard.id, "standard_version": standard.version, "form_version": FORM_VERSION}
    # the period only when asked for: the clock does not decide which round a blank form belongs to
    defaults: dict[tuple[str, ...], str] = {("period",): period} if period and not data else {}
    sheetstyle.header(sheet, 1, PROFILE_COLUMNS)
    sheetstyle.set_widths(sheet, PROFILE_COLUMNS)
    for row, spec in profile_rows():
        sheet.cell(row, 1, spec.heading)
        sheet.cell(row, 3, spec.hint)
        editable = spec.kind != "fixed"
        value = fixed.get(spec.path[0]) if not editable else _at(data, spec.path, defaults.get(spec.path))
        put(sheet.cell(row, 2), _profile_cell(spec, value))
        sheetstyle.body(sheet.cell(row, 1), editable=False)
        sheetstyle.body(sheet.cell(row, 2), editable, text=spec.kind in ("text", "date"))
        sheetstyle.body(sheet.cell(row, 3), editable=False)
        _profile_validation(sheet, spec, row)
        sheetstyle.fit_row(sheet, row, PROFILE_COLUMNS)
    sheet.freeze_panes = "A2"
    sheetstyle.print_setup(sheet, landscape=False, title_rows="1:1")
    sheetstyle.protect(sheet)


def _at(data: Mapping[str, Any], path: tuple[str, ...], default: Any = None) -> Any:
    node: Any = data
    for step in path:
        if not isinstance(node, Mapping) or step not in node:
            return default
        node = node[step]
    return node


def _profile_cell(spec: ProfileField, value: Any) -> Any:
    if value is None:
        return None
    labels = {code: label for label, code in spec.options}
    return labels.get(value, value) if spec.kind == "enum" else value


def _profile_validation(sheet: Worksheet, spec: ProfileField, row: int) -> None:
    where = f"B{row}"
    if spec.kind == "enum":
        options = ",".join(label for label, _ in spec.options)
        _validation(sheet, "list", f'"{options}"', "请从下拉列表选择：" + "、".join(options.split(","))).add(where)
    elif spec.kind == "int":
        _validation(sheet, "whole", "0", "请填写整数", operator="between", formula2=_MAX_NUMBER).add(where)


# ---------------------------------------------------------------- part sheets


def _part(sheet: Worksheet, part: PartSheet, layout: FormLayout, facts: Mapping[str, Any]) -> None:
    standard = layout.standard
    sheetstyle.title(sheet.cell(TITLE_ROW, 1), f"{part.part.title} — {standard.title}（{standard.version} 版）")
    sheetstyle.header(sheet, HEADER_ROW, PART_COLUMNS)
    sheetstyle.set_widths(sheet, PART_COLUMNS)
    validations = _Validations(sheet)
    for question in part.questions:
        _question(sheet, question, layout, facts.get(question.requirement.id, {}), validations)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheetstyle.print_setup(sheet, landscape=True, title_rows=f"{TITLE_ROW}:{HEADER_ROW}")
    sheetstyle.protect(sheet)


def _question(
    sheet: Worksheet, question: Question, layout: FormLayout, fact: Mapping[str, Any], validations: _Validations
) -> None:
    row = question.row
    req = question.requirement
    texts = {
        "id": req.id,
        "category": question.category,
        "requirement": requirement_text(question),
        "how": how_text(question, layout),
    }
    for column in PART_COLUMNS:
        cell = sheet.cell(row, column.index)
        if column.key in texts:
            cell.value = texts[column.key]
        text = column.key != "value" or req.kind not in ("presence", "threshold", "survey")
        sheetstyle.body(cell, column.editable and not (column.key == "value" and question.on_matters_sheet), text)
    answer = sheet.cell(row, part_column("value").index)
    if question.on_matters_sheet and layout.matters:
        answer.value = f"见“{layout.matters.title}”表"
    else:
        put(answer, answer_cell(question, layout, fact.get("value")))
        validations.add(question, answer.coordinate)
    put(sheet.cell(row, part_column("not_applicable").index), fact.get("not_applicable"))
    evidence = fact.get("evidence") or []
    put(sheet.cell(row, part_column("evidence").index), "\n".join(evidence) or None)
    put(sheet.cell(row, part_column("note").index), fact.get("note"))
    sheetstyle.fit_row(sheet, row, PART_COLUMNS)


def answer_cell(question: Question, layout: FormLayout, value: Any) -> Any:
    """What an answer cell shows for a fact's value (the reverse of reader.read_answer); shared with the web form."""
    req = question.requirement
    if value is None:
        return None
    if req.kind == "presence":
        if isinstance(value, dict):  # served by a facility within the service radius: the cell's text form
            return f"{value['served_by']}，{value['distance']:g}米"
        return cells.bool_to_cell(bool(value))
    if req.kind == "allowed_set":
        return cells.join_items(value)
    if req.kind == "checklist":
        return cells.items_to_cell(value, layout.standard.catalogues[req.params["catalogue"]])
    return value


class _Validations:
    """One data validation per kind of answer on a sheet, each covering all its cells."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.made: dict[tuple[str, ...], DataValidation] = {}

    def add(self, question: Question, where: str) -> None:
        key = self._key(question)
        if key is None:
            return
        if key not in self.made:
            self.made[key] = self._make(key)
        self.made[key].add(where)

    @staticmethod
    def _key(question: Question) -> tuple[str, ...] | None:
        req = question.requirement
        if req.kind == "presence":
            # with a service radius the cell may also name the facility that serves the community: no dropdown
            return None if "served_within" in req.params else ("presence",)
        if req.kind == "threshold":
            return ("threshold", "whole" if req.params.get("integer") else "decimal")
        if req.kind == "survey":
            return ("threshold", "decimal")
        if req.kind == "choice":
            options = tuple(req.params["options"])
            fits = all("," not in o and '"' not in o for o in options) and len(",".join(options)) <= 250
            return ("choice", *options) if fits else None  # too long for a dropdown: the rule kind still checks
        return None

    def _make(self, key: tuple[str, ...]) -> DataValidation:
        if key[0] == "presence":
            return _validation(self.sheet, "list", _YES_NO, "请从下拉列表选择 是 或 否")
        if key[0] == "threshold":
            what = "整数" if key[1] == "whole" else "数字"
            prompt = f"请填写不小于 0 的{what}，不带单位（单位见“填写方法”列）"
            return _validation(self.sheet, key[1], "0", prompt, operator="between", formula2=_MAX_NUMBER)
        options = key[1:]
        return _validation(self.sheet, "list", '"' + ",".join(options) + '"', "请从下拉列表选择：" + "、".join(options))


# ---------------------------------------------------------------- the matters checklist


def _matters(sheet: Worksheet, matters: MattersSheet, value: Mapping[str, list[str]] | None) -> None:
    owner = matters.owner
    catalogue = matters.catalogue
    sheetstyle.title(sheet.cell(TITLE_ROW, 1), f"{catalogue.title} — 对应 {owner.id} {owner.title}")
    sheetstyle.header(sheet, HEADER_ROW, MATTER_COLUMNS)
    sheetstyle.set_widths(sheet, MATTER_COLUMNS)
    groups = {g.id: g.title for g in catalogue.groups}
    yes_no = _validation(sheet, "list", _YES_NO, "请从下拉列表选择 是 或 否")
    handled = set(value["handled"]) if value else set()
    online = set(value["online"]) if value else set()
    for entry in catalogue.entries:
        row = matters.row_of(entry.id)
        texts = {
            "id": entry.id,
            "group": groups.get(entry.group, entry.group),
            "name": entry.name,
            "department": entry.department,
            "should_online": cells.ONLINE_MARK if entry.online else "",
        }
        for column in MATTER_COLUMNS:
            cell = sheet.cell(row, column.index)
            if column.key in texts:
                cell.value = texts[column.key] or None
            sheetstyle.body(cell, column.editable)
        if value is not None:
            sheet.cell(row, matter_column("handled").index, cells.bool_to_cell(entry.id in handled))
            sheet.cell(row, matter_column("online").index, cells.bool_to_cell(entry.id in online))
        sheetstyle.fit_row(sheet, row, MATTER_COLUMNS)
    last = matters.row_of(catalogue.entries[-1].id)
    for key in ("handled", "online"):
        letter = matter_column(key).letter
        yes_no.add(f"{letter}{FIRST_ROW}:{letter}{last}")
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheetstyle.print_setup(sheet, landscape=False, title_rows=f"{TITLE_ROW}:{HEADER_ROW}")
    sheetstyle.protect(sheet)
