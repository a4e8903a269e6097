"""Standards as Excel workbooks (评分细则): the printable sheet a bureau hands out, and the sheet it authors in.

Layout (docs in standards/README.md, "Excel"): five sheets, each with a title in row 1 and its headers in
row 2 (the info sheet has a label and a value per row instead). One row per requirement on 评分细则 with the
columns a real sheet has (编号, 类别, 考核内容, 考核标准, 分值, 扣分标准, 考核办法, 佐证材料, 责任单位, 层级 …) and,
for what no column of a real sheet holds, 规则类型, 参数 and 其他 (JSON text). Columns are found by their headers, so
they may be reordered. Importing reads the cells into the same data a YAML standard gives, remembers each
value's cell, and lints it: every problem is reported at ``sheet!cell``. Export → import gives the same
standard (tested on every bundled one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from checker.errors import InputError, Problem
from checker.scoring import EVIDENCE_TEXT, METHOD_TEXT
from checker.spreadsheets import save
from checker.workbook import sheetstyle
from checker.workbook.document import WorkbookDocument
from checker.workbook.layout import Column
from checker.workbook.safety import open_workbook

INFO, ITEMS, SOURCES, CATALOGUES, GRADES = "标准信息", "评分细则", "来源", "目录", "等级"
SHEETS = (INFO, ITEMS, SOURCES, CATALOGUES, GRADES)
LEVELS = {"community": "社区", "street": "街道", "district": "区", "city": "市"}
_ROW_SPAN = 100_000  # problems are placed at (sheet number × this + row, column): unique across sheets


@dataclass(frozen=True)
class Field:
    """One column: the key it holds (a path inside the item), its header, width and how values are written."""

    path: tuple[str, ...]
    header: str
    width: float
    kind: str = "text"  # text | number | bool | list | json | method | level | evidence


INFO_FIELDS = (
    Field(("id",), "编号", 0),
    Field(("title",), "名称", 0),
    Field(("title_en",), "英文名称", 0),
    Field(("version",), "版本", 0),
    Field(("issuer",), "发布单位", 0),
    Field(("effective",), "施行日期", 0),
    Field(("provenance", "note"), "来源说明", 0),
    Field(("provenance", "reconstructed"), "重构部分（每行一项）", 0, "lines"),
    Field(("bonus",), "附加分（JSON）", 0, "json"),
)
ITEM_FIELDS = (
    Field(("id",), "编号", 11),
    Field(("@part", "id"), "部分编号", 8),
    Field(("@part", "title"), "部分", 12),
    Field(("@category", "id"), "类别编号", 8),
    Field(("@category", "title"), "类别", 14),
    Field(("title",), "考核内容", 18),
    Field(("description",), "考核标准", 36),
    Field(("points",), "分值", 6, "number"),
    Field(("deduct", "text"), "扣分标准", 16),
    Field(("deduct", "each"), "每项扣分", 7, "number"),
    Field(("method",), "考核办法", 10, "method"),
    Field(("evidence", "needs"), "佐证材料", 14, "evidence"),
    Field(("evidence", "unsupported_credit"), "无佐证得分比例", 8, "number"),
    Field(("responsible", "department"), "责任单位", 14),
    Field(("responsible", "level"), "层级", 6, "level"),
    Field(("veto",), "一票否决", 6, "bool"),
    Field(("kind",), "规则类型", 10),
    Field(("params",), "参数", 24, "json"),
    Field(("guidance",), "整改指引", 30),
    Field(("provenance",), "来源", 14, "list"),
    Field(("@other",), "其他（JSON）", 24, "json"),
    Field(("@part", "@other"), "部分其他（JSON）", 12, "json"),
    Field(("@category", "@other"), "类别其他（JSON）", 12, "json"),
)
SOURCE_FIELDS = (
    Field(("id",), "编号", 18),
    Field(("kind",), "类型", 16),
    Field(("title",), "名称", 50),
    Field(("url",), "网址", 40),
    Field(("note",), "说明", 40),
)
CATALOGUE_FIELDS = (
    Field(("@catalogue", "id"), "目录编号", 12),
    Field(("@catalogue", "title"), "目录名称", 16),
    Field(("@catalogue", "kind"), "目录类型", 10),
    Field(("id",), "条目编号", 12),
    Field(("name",), "名称", 30),
    Field(("group",), "分组", 10),
    Field(("dept_2017",), "原主管部门", 10),
    Field(("dept_current",), "现主管部门", 10),
    Field(("online",), "网上可办", 8, "bool"),
    Field(("provenance",), "来源", 16, "list"),
    Field(("@other",), "其他（JSON）", 24, "json"),
    Field(("@catalogue", "@other"), "目录其他（JSON）", 24, "json"),
)
GRADE_FIELDS = (
    Field(("id",), "编号", 10),
    Field(("title",), "名称", 20),
    Field(("min_score",), "最低分", 8, "number"),
    Field(("gates",), "门槛（JSON）", 40, "json"),
    Field(("@other",), "其他（JSON）", 24, "json"),
)
_TABLES = {ITEMS: ITEM_FIELDS, SOURCES: SOURCE_FIELDS, CATALOGUES: CATALOGUE_FIELDS, GRADES: GRADE_FIELDS}
_EVIDENCE_ZH = {zh: kind for kind, (zh, _) in EVIDENCE_TEXT.items()}
_METHOD_ZH = {zh: key for key, (zh, _) in METHOD_TEXT.items()}
_LEVEL_ZH = {zh: key for key, zh in LEVELS.items()}
_NEED = re.compile(r"^\s*(\S+?)\s*[≥>=]+\s*(\d+)\s*份?\s*$")


# ---------------------------------------------------------------- cells


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _to_cell(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if field.kind == "bool":
        return "是" if value else "否"
    if field.kind == "list":
        return "、".join(value)
    if field.kind == "lines":
        return "\n".join(value)
    if field.kind == "method":
        return "、".join(METHOD_TEXT[m][0] for m in value)
    if field.kind == "level":
        return LEVELS.get(value, value)
    if field.kind == "evidence":
        return "、".join(f"{EVIDENCE_TEXT[n['kind']][0]}≥{n.get('count', 1)}" for n in value)
    if field.kind == "json":
        return _json(value)
    return value


class CellProblem(Exception):
    def __init__(self, code: str, **args: object) -> None:
        self.code, self.args_ = code, args
        super().__init__(code)


def _from_cell(field: Field, raw: Any) -> Any:
    """The value a cell holds for its field; CellProblem if it cannot be read."""
    if isinstance(raw, str):
        raw = raw.strip()
        if not raw:
            return None
    if raw is None:
        return None
    if field.kind == "number":
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            try:
                raw = float(raw) if "." in str(raw) else int(str(raw))
            except ValueError:
                raise CellProblem("stdx.number", found=raw) from None
        return raw
    text = str(raw) if not isinstance(raw, str) else raw
    if field.kind == "bool":
        if text not in ("是", "否"):
            raise CellProblem("stdx.yes_no", found=text)
        return text == "是"
    if field.kind in ("list", "method"):
        items = [i.strip() for i in re.split(r"[、,，;；\n]", text) if i.strip()]
        if field.kind == "method":
            unknown = [i for i in items if i not in _METHOD_ZH]
            if unknown:
                raise CellProblem("stdx.option", found=unknown[0], options="、".join(_METHOD_ZH))
            return [_METHOD_ZH[i] for i in items]
        return items
    if field.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if field.kind == "level":
        if text not in _LEVEL_ZH:
            raise CellProblem("stdx.option", found=text, options="、".join(_LEVEL_ZH))
        return _LEVEL_ZH[text]
    if field.kind == "evidence":
        return _needs(text)
    if field.kind == "json":
        try:
            return json.loads(text)
        except ValueError as error:
            raise CellProblem("stdx.json", detail=str(error)) from None
    return text


def _needs(text: str) -> list[dict[str, Any]]:
    needs = []
    for part in re.split(r"[、,，;；\n]", text):
        if not part.strip():
            continue
        match = _NEED.match(part)
        if match is None or match.group(1) not in _EVIDENCE_ZH:
            raise CellProblem("stdx.evidence", found=part.strip(), kinds="、".join(_EVIDENCE_ZH))
        needs.append({"kind": _EVIDENCE_ZH[match.group(1)], "count": int(match.group(2))})
    return needs


# ---------------------------------------------------------------- export


def _split(item: Mapping[str, Any], fields: Sequence[Field], prefix: str = "") -> dict[str, Any]:
    """The keys of ``item`` no column holds (for the 其他 column)."""
    covered: dict[str, set[str]] = {}
    for f in fields:
        if f.path[0].startswith("@") or prefix:
            if prefix and f.path[0] == prefix and f.path[1] != "@other":
                covered.setdefault(f.path[1], set())
            continue
        covered.setdefault(f.path[0], set()).update(f.path[1:2])
    other: dict[str, Any] = {}
    for key, value in item.items():
        if prefix and key in _CHILDREN:
            continue
        if key not in covered:
            other[key] = value
        elif covered[key] and isinstance(value, Mapping):
            rest = {k: v for k, v in value.items() if k not in covered[key]}
            if rest:
                other[key] = rest
    return other


def _value(item: Mapping[str, Any], path: Sequence[str]) -> Any:
    for step in path:
        if not isinstance(item, Mapping) or step not in item:
            return None
        item = item[step]
    return item


def _table(book: Workbook, name: str, title: str, fields: Sequence[Field], rows: Sequence[dict[str, Any]]) -> None:
    sheet = book.create_sheet(name)
    columns = [Column(str(i), f.header, f.width, index=i) for i, f in enumerate(fields, start=1)]
    sheetstyle.title(sheet.cell(1, 1), title)
    sheetstyle.header(sheet, 2, columns)
    sheetstyle.set_widths(sheet, columns)
    for r, values in enumerate(rows, start=3):
        for c, f in enumerate(fields, start=1):
            cell = sheet.cell(r, c, _to_cell(f, values.get(f.header)))
            sheetstyle.body(cell, False)
            if isinstance(cell.value, str):
                cell.number_format = sheetstyle.TEXT_FORMAT
        sheetstyle.fit_row(sheet, r, columns)
    sheet.freeze_panes = "A3"
    sheetstyle.print_setup(sheet, landscape=True, title_rows="1:2")


def _row(fields: Sequence[Field], scopes: Mapping[str, Mapping[str, Any]], own: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in fields:
        if f.path[0].startswith("@"):
            scope = own if f.path[0] == "@other" else scopes.get(f.path[0], {})
            if f.path == ("@other",):
                values[f.header] = _split(own, fields) or None
            elif f.path[1] == "@other":
                values[f.header] = _split(scope, fields, f.path[0]) or None
            else:
                values[f.header] = _value(scope, f.path[1:])
        else:
            values[f.header] = _value(own, f.path)
    return values


def export_workbook(data: Mapping[str, Any]) -> bytes:
    """The printable 评分表 of a standard (its YAML data), which :func:`import_workbook` reads back."""
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = INFO
    sheetstyle.title(info.cell(1, 1), f"{data['title']}（{data['id']}，{data['version']} 版）")
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 100
    extra = {k: v for k, v in data.items() if k not in {f.path[0] for f in INFO_FIELDS} | set(_LISTS)}
    for r, f in enumerate((*INFO_FIELDS, Field(("@other",), "其他（JSON）", 0, "json")), start=2):
        value = (extra or None) if f.path == ("@other",) else _value(data, f.path)
        info.cell(r, 1, f.header).font = sheetstyle.HEADER_FONT
        cell = info.cell(r, 2, _to_cell(f, value))
        cell.number_format, cell.alignment = sheetstyle.TEXT_FORMAT, sheetstyle.WRAP
    items = []
    for part in data["parts"]:
        for c, category in enumerate(part["categories"]):
            for i, req in enumerate(category["requirements"]):
                # a part's and a category's titles stand on their first row; later rows carry their IDs only
                scopes = {
                    "@part": part if c == 0 and i == 0 else {"id": part["id"]},
                    "@category": category if i == 0 else {"id": category["id"]},
                }
                items.append(_row(ITEM_FIELDS, scopes, req))
    _table(book, ITEMS, f"{data['title']} 评分细则", ITEM_FIELDS, items)
    _table(book, SOURCES, "来源", SOURCE_FIELDS, [_row(SOURCE_FIELDS, {}, s) for s in data["sources"]])
    entries = [
        _row(CATALOGUE_FIELDS, {"@catalogue": cat} if j == 0 else {"@catalogue": {"id": cat["id"]}}, entry)
        for cat in data.get("catalogues", [])
        for j, entry in enumerate(cat["entries"])
    ]
    _table(book, CATALOGUES, "目录", CATALOGUE_FIELDS, entries)
    _table(book, GRADES, "等级", GRADE_FIELDS, [_row(GRADE_FIELDS, {}, g) for g in data["grades"]])
    return save(book)


_LISTS = ("parts", "sources", "catalogues", "grades")
_CHILDREN = ("categories", "requirements", "entries")  # held by rows of their own, never in a 其他 cell


# ---------------------------------------------------------------- import


class _Reader:
    def __init__(self, name: str) -> None:
        self.doc = WorkbookDocument(name=name, text="", data=None)
        self.problems: list[Problem] = []

    def place(self, sheet_no: int, sheet: str, row: int, col: int) -> str:
        where = f"{sheet}!{get_column_letter(col)}{row}"
        self.doc.positions[where] = (sheet_no * _ROW_SPAN + row, col)
        return where

    def problem(self, where: str, code: str, **args: object) -> None:
        row, col = self.doc.positions[where]
        self.problems.append(Problem(self.doc.name, row % _ROW_SPAN, col, code, dict(args), cell=where))

    def cell(self, sheet: Worksheet, sheet_no: int, row: int, col: int, field: Field) -> tuple[Any, str]:
        where = self.place(sheet_no, sheet.title, row, col)
        raw = sheet.cell(row, col).value
        if sheet.cell(row, col).data_type == "f":
            self.problem(where, "xlsx.formula", formula=str(raw))
            return None, where
        try:
            return _from_cell(field, raw), where
        except CellProblem as error:
            self.problem(where, error.code, **error.args_)
            return None, where

    def rows(self, sheet: Worksheet, sheet_no: int, fields: Sequence[Field]) -> Iterator[dict[Field, tuple[Any, str]]]:
        headers = {str(sheet.cell(2, c).value or "").strip(): c for c in range(1, sheet.max_column + 1)}
        columns = {}
        for f in fields:
            if f.header in headers:
                columns[f] = headers[f.header]
            elif not f.path[-1].startswith("@") and f.kind != "json":
                self.problem(self.place(sheet_no, sheet.title, 2, 1), "stdx.column", column=f.header)
        for row in range(3, sheet.max_row + 1):
            cells = {f: self.cell(sheet, sheet_no, row, c, f) for f, c in columns.items()}
            if any(value is not None for value, _ in cells.values()):
                yield cells


def _put(target: dict[str, Any], path: Sequence[str], value: Any) -> None:
    for step in path[:-1]:
        target = target.setdefault(step, {})
    target[path[-1]] = value


def _merge(target: dict[str, Any], other: Any) -> None:
    if isinstance(other, Mapping):
        for key, value in other.items():
            if isinstance(value, Mapping) and isinstance(target.get(key), dict):
                target[key].update(value)
            else:
                target[key] = value


def _record(
    reader: _Reader, base: tuple[str | int, ...], cells: Mapping[Field, tuple[Any, str]], scope: str
) -> dict[str, Any]:
    """The item a row holds for ``scope`` ('' for the row's own item), with each value's cell remembered."""
    item: dict[str, Any] = {}
    for f, (value, where) in cells.items():
        own = not f.path[0].startswith("@")
        if (scope == "" and not own and f.path != ("@other",)) or (scope and f.path[0] != scope):
            continue
        path = f.path if own else f.path[1:]
        if path in (("@other",), ()):
            _merge(item, value)
            if isinstance(value, Mapping):
                for key in value:
                    reader.doc.places[(*base, key)] = where
            continue
        if value is not None:
            _put(item, path, value)
            reader.doc.places[(*base, *path)] = where
            reader.doc.places.setdefault((*base, path[0]), where)
    return item


def import_workbook(raw: bytes, name: str) -> tuple[dict[str, Any], WorkbookDocument]:
    """A standard's data from a workbook in the export layout, linted; InputError with every problem (at its
    cell) if it does not lint clean."""
    from checker.standard import lint_document

    book = open_workbook(raw, name)
    reader = _Reader(name)
    missing = [s for s in SHEETS if s not in book.sheetnames]
    if missing:
        raise InputError([Problem(name, 1, 1, "xlsx.sheet_missing", {"sheets": "、".join(missing)})])
    data = _info(reader, book[INFO])
    data["sources"] = [
        _record(reader, ("sources", i), cells, "")
        for i, cells in enumerate(reader.rows(book[SOURCES], 3, SOURCE_FIELDS))
    ]
    catalogues = _nested(reader, book[CATALOGUES], 4, CATALOGUE_FIELDS, ("@catalogue",), "catalogues", ("entries",))
    if catalogues:
        data["catalogues"] = catalogues
    data["parts"] = _nested(
        reader, book[ITEMS], 2, ITEM_FIELDS, ("@part", "@category"), "parts", ("categories", "requirements")
    )
    data["grades"] = [
        _record(reader, ("grades", i), cells, "") for i, cells in enumerate(reader.rows(book[GRADES], 5, GRADE_FIELDS))
    ]
    reader.doc.data = data
    problems = reader.problems or lint_document(reader.doc)
    if problems:
        raise InputError([_at_cell(reader.doc, p) for p in problems])
    return data, reader.doc


def _info(reader: _Reader, sheet: Worksheet) -> dict[str, Any]:
    labels = {str(sheet.cell(r, 1).value or "").strip(): r for r in range(2, sheet.max_row + 1)}
    data: dict[str, Any] = {}
    for f in (*INFO_FIELDS, Field(("@other",), "其他（JSON）", 0, "json")):
        row = labels.get(f.header)
        if row is None:
            continue
        value, where = reader.cell(sheet, 1, row, 2, f)
        if f.path == ("@other",):
            _merge(data, value)
        elif value is not None:
            _put(data, f.path, value)
            reader.doc.places[f.path] = where
            reader.doc.places.setdefault(f.path[:1], where)
    return data


def _nested(
    reader: _Reader,
    sheet: Worksheet,
    sheet_no: int,
    fields: Sequence[Field],
    scopes: tuple[str, ...],
    top: str,
    children: tuple[str, ...],
) -> list[dict[str, Any]]:
    """Rows grouped by the IDs of their enclosing items (part → category → requirement; catalogue → entry)."""
    out: list[dict[str, Any]] = []
    index: dict[tuple[str, ...], dict[str, Any]] = {}
    for cells in reader.rows(sheet, sheet_no, fields):
        parents: list[Any] = out
        key: tuple[str, ...] = ()
        path: tuple[str | int, ...] = (top,)
        for scope, child in zip(scopes, children, strict=True):
            id_field = next(f for f in fields if f.path == (scope, "id"))
            key = (*key, str(cells.get(id_field, (None, ""))[0]))
            if key not in index:
                index[key] = {}
                parents.append(index[key])
            position = next(i for i, known in enumerate(parents) if known is index[key])
            record = _record(reader, (*path, position), cells, scope)
            for k, v in record.items():
                index[key].setdefault(k, v)
            index[key].setdefault(child, [])
            parents, path = index[key][child], (*path, position, child)
        parents.append(_record(reader, (*path, len(parents)), cells, ""))
    return out


def _at_cell(doc: WorkbookDocument, problem: Problem) -> Problem:
    """A lint problem placed by (line, col) from ``positions``: the cell it came from."""
    first = problem.args.get("first")
    if isinstance(first, int):  # the first occurrence's row, within its sheet
        problem = replace(problem, args={**problem.args, "first": first % _ROW_SPAN})
    if problem.cell:
        return replace(problem, line=problem.line % _ROW_SPAN)
    for where, (line, col) in doc.positions.items():
        if (line, col) == (problem.line, problem.col):
            return replace(problem, line=line % _ROW_SPAN, cell=where)
    return problem


def to_yaml(data: Mapping[str, Any]) -> str:
    import yaml

    head = "# 由 sqcheck standards import 从 Excel 评分细则生成；请用 sqcheck standards lint 检查后再使用。\n"
    return head + yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=120)


__all__ = ["export_workbook", "import_workbook", "to_yaml"]
