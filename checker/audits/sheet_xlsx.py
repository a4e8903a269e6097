"""The audit sheet as a workbook: written pre-filled with the claims, read back as an audit record.

Sheet "核查表" holds the header (assessment SHA-256, inspector, date …) and one row per fact; sheet "目录核查"
lists each checklist fact's catalogue entry by entry. Reading finds the header fields and table columns by
their labels (Chinese or English), so a clerk may widen, hide or reorder columns; the record it yields has the
same structure as a YAML audit record and goes through the same validation, with places such as "核查表!G17".
In "目录核查", a blank verified cell means "as claimed", so the inspector marks only what differs; a matter is
ticked 是/否 (handled or not), a room, facility or service 有/无 (in place or not). The entry IDs the reading
needs are in a hidden column: people see the names.

Both sheets print on A4 landscape, as wide as the paper, with the table's heading row on every page, and every
row is as tall as its longest wrapped text (spreadsheets do not grow rows for wrapped text on opening).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from checker import spreadsheets
from checker.audits.sheet import AuditSheet, ChecklistBlock, SheetRow
from checker.workbook.sheetstyle import LINE_HEIGHT, lines_needed, print_setup

MAIN = "核查表"
CATALOGUE = "目录核查"

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
    "fact_id": ("编号", "Fact ID", 14),
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
    "claimed_handled": ("自评", "Claimed", 11),
    "claimed_online": ("自评：网上可办", "Claimed: online", 11),
    "verified_handled": ("核查", "Found", 11),
    "verified_online": ("核查：网上可办", "Found: online", 11),
}
# what each kind of catalogue asks, and its two answers: a matter is handled, anything else is in place
ASKS: dict[bool, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    True: (("可否办理", "handled?"), ("是", "yes"), ("否", "no")),
    False: (("有无", "in place?"), ("有", "yes"), ("无", "no")),
}
FINDING_LABELS: dict[str, tuple[str, str]] = {
    "confirmed": ("确认", "confirmed"),
    "not_confirmed": ("不符", "not confirmed"),
    "unverifiable": ("无法核实", "unverifiable"),
}

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
    print_setup(main, landscape=True, title_rows=f"{table_row}:{table_row}", lang=sheet.lang)
    print_setup(entries, landscape=True, title_rows="3:3", lang=sheet.lang)
    for ws in (main, entries):
        _fit_rows(ws)
    return spreadsheets.save(book)  # what the community wrote stays text, never a live formula


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
        label = ws.cell(row, 1, _label(pair, lang))
        label.font, label.alignment = _BOLD, _WRAP
        cell = ws.cell(row, 2, values.get(key, ""))
        cell.alignment = _WRAP
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        if key in EDITABLE:
            cell.fill = _INPUT_FILL
            cell.border = _BOX
    note_row = 3 + len(HEADER_FIELDS) + 1
    ws.cell(note_row, 1, _sheet_note(lang)).alignment = _WRAP
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(COLUMNS))
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
        "how": "\n".join(filter(None, (item.how, _scoring_note(item, lang)))),
    }
    for col, key in enumerate(keys, start=1):
        cell = ws.cell(row, col, values.get(key))
        cell.border, cell.alignment = _BOX, _WRAP
        if key in ("verified", "finding", "comment", "references"):
            cell.fill = _SECTION_FILL if (key == "verified" and item.checklist) else _INPUT_FILL
        if key == "fact_id" and item.veto:
            cell.font = _BOLD


def _scoring_note(item: SheetRow, lang: str) -> str:
    """考核办法 and 佐证材料 under the way to record, as the printed sheet shows them."""
    zh = lang != "en"
    lines = []
    if item.method:
        lines.append(("考核办法：" if zh else "Checked by: ") + item.method)
    if item.evidence_required:
        lines.append(("佐证材料：" if zh else "Evidence: ") + item.evidence_required)
    return "\n".join(lines)


def _yes(flag: bool, lang: str, matters: bool = True) -> str:
    _, yes, no = ASKS[matters]
    return _label(yes if flag else no, lang)


def _fit_rows(ws: Worksheet) -> None:
    """Every row as tall as its longest wrapped cell (a merged cell measured across its columns)."""
    spans = {(r.min_row, r.min_col): range(r.min_col, r.max_col + 1) for r in ws.merged_cells.ranges}
    for cells in ws.iter_rows():
        lines = 1
        for cell in cells:
            if cell.value is None or not cell.alignment.wrap_text:
                continue
            columns = spans.get((cell.row, cell.column), range(cell.column, cell.column + 1))
            width = sum(ws.column_dimensions[get_column_letter(c)].width or 9 for c in columns)
            lines = max(lines, lines_needed(str(cell.value), width))
        if lines > 1:
            ws.row_dimensions[cells[0].row].height = lines * LINE_HEIGHT + 4


def _write_entries(ws: Worksheet, sheet: AuditSheet) -> None:
    lang = sheet.lang
    ws["A1"] = (
        "清单类事项逐项核对（核查栏留空 = 与自评一致）"
        if lang != "en"
        else "Checklists, entry by entry (blank = as claimed)"
    )
    ws["A1"].font = _TITLE
    _write_table_head(ws, 3, ENTRY_COLUMNS, lang)
    ws.column_dimensions[get_column_letter(list(ENTRY_COLUMNS).index("entry_id") + 1)].hidden = True
    answers = {}
    for matters, (_, yes, no) in ASKS.items():
        answers[matters] = DataValidation(
            type="list", formula1=f'"{_label(yes, lang)},{_label(no, lang)}"', allow_blank=True
        )
        ws.add_data_validation(answers[matters])
    row = 4
    for block in sheet.checklists:
        row = _write_block(ws, row, block, lang, answers)


def _write_block(
    ws: Worksheet, row: int, block: ChecklistBlock, lang: str, answers: Mapping[bool, DataValidation]
) -> int:
    matters = block.kind == "matters"
    asks, yes, no = ASKS[matters]
    ask = (
        f"{_label(asks, lang)}：{_label(yes, lang)}/{_label(no, lang)}"
        if lang != "en"
        else f"{asks[1]} {yes[1]}/{no[1]}"
    )
    ws.cell(row, 3, f"{block.fact_id} {block.title}（{block.catalogue}）— {ask}").font = _BOLD
    for col in range(1, len(ENTRY_COLUMNS) + 1):
        ws.cell(row, col).fill = _SECTION_FILL
    row += 1
    for entry in block.entries:
        values = [
            block.fact_id,
            entry.entry_id,
            entry.name + (" ★" if entry.online_expected and block.uses_online else ""),
            entry.department,
            _yes(entry.claimed_handled, lang, matters),
            _yes(entry.claimed_online, lang) if block.uses_online else "—",
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.border, cell.alignment = _BOX, _WRAP
        for col in (7, 8):
            cell = ws.cell(row, col)
            cell.border = _BOX
            cell.fill = _INPUT_FILL if (col == 7 or block.uses_online) else _SECTION_FILL
            answers[matters if col == 7 else True].add(cell)
        row += 1
    return row + 1
