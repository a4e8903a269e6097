"""Where everything sits in a self-assessment workbook: sheets, columns, rows. Shared by writer and reader.

The layout is computed from the standard alone, so the reader knows exactly which ID belongs in which row and
can refuse a workbook whose rows were deleted, moved or sorted (a sort of some columns only would silently
pair answers with the wrong questions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from openpyxl.utils import get_column_letter

from checker.model import Catalogue, Part, Requirement, Standard

FORM_VERSION = "1"

INSTRUCTIONS = "填表说明"
PROFILE = "基本信息"
MATTERS = "事项清单"

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3  # part and matters sheets: a title, the headers, then the rows


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # Excel character units; a Chinese character takes about two
    editable: bool = False
    index: int = 0  # 1-based, set by _numbered

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)


def _numbered(*columns: Column) -> tuple[Column, ...]:
    return tuple(replace(c, index=number) for number, c in enumerate(columns, start=1))


PART_COLUMNS = _numbered(
    Column("id", "编号", 11),
    Column("category", "类别", 11),
    Column("requirement", "要求", 44),
    Column("how", "填写方法", 30),
    Column("value", "填报", 18, editable=True),
    Column("not_applicable", "不适用理由", 18, editable=True),
    Column("evidence", "佐证材料", 22, editable=True),
    Column("note", "备注", 20, editable=True),
)
MATTER_COLUMNS = _numbered(
    Column("id", "编号", 8),
    Column("group", "分组", 16),
    Column("name", "事项名称", 40),
    Column("department", "办理部门", 12),
    Column("should_online", "应网上可办", 11),
    Column("handled", "能否在社区办理", 15, editable=True),
    Column("online", "能否网上办理", 14, editable=True),
)
PROFILE_COLUMNS = _numbered(
    Column("label", "项目", 18),
    Column("value", "填写内容", 36, editable=True),
    Column("hint", "说明", 52),
)


def part_column(key: str) -> Column:
    return next(c for c in PART_COLUMNS if c.key == key)


def matter_column(key: str) -> Column:
    return next(c for c in MATTER_COLUMNS if c.key == key)


# ---------------------------------------------------------------- the profile sheet


@dataclass(frozen=True)
class ProfileField:
    """One row of the profile sheet: where its value goes in the assessment, and how the cell is read."""

    path: tuple[str, ...]
    label: str
    hint: str
    kind: str = "text"  # text | int | date | enum | fixed (written by sqcheck, locked)
    options: tuple[tuple[str, str], ...] = ()  # (what the clerk picks, the value in the assessment)
    required: bool = False

    @property
    def heading(self) -> str:
        """The label as shown in column A (and checked when the workbook comes back)."""
        return self.label + ("（必填）" if self.required else "")


AREA_TYPES = (("城市社区", "urban"), ("农村社区", "rural"))
ESTATE_TYPES = (("老旧小区", "old"), ("新建小区", "new"), ("新老混合", "mixed"))

IDENTITY = (
    ProfileField(("standard",), "标准编号", "本表所依据的标准，由 sqcheck 写入，请勿改动", "fixed"),
    ProfileField(("standard_version",), "标准版本", "由 sqcheck 写入，请勿改动", "fixed"),
    ProfileField(("form_version",), "表单版本", "Excel 表单格式的版本，由 sqcheck 写入，请勿改动", "fixed"),
)
PROFILE_FIELDS = (
    ProfileField(("period",), "填报周期", "必填，如 2024 或 2024-上半年", required=True),
    ProfileField(("filled_by",), "填报人", "填写本表的人"),
    ProfileField(("filled_on",), "填报日期", "如 2024-06-30", "date"),
    ProfileField(("community", "name"), "社区名称", "必填", required=True),
    ProfileField(("community", "city"), "所在市", "如 徐州市"),
    ProfileField(("community", "district"), "所属区（县）", "必填", required=True),
    ProfileField(("community", "street"), "所属街道（镇）", "必填", required=True),
    ProfileField(("community", "area_type"), "社区类型", "必填，从下拉列表选择", "enum", AREA_TYPES, True),
    ProfileField(("community", "estate_type"), "小区类型", "从下拉列表选择，可空", "enum", ESTATE_TYPES),
    ProfileField(("community", "households"), "户数", "整数；按户数计算的指标（如每百户面积）用到它", "int"),
    ProfileField(("community", "population"), "常住人口", "整数；按人口计算的指标用到它", "int"),
    ProfileField(("community", "contact"), "联系人", ""),
    ProfileField(("community", "phone"), "联系电话", "按文字填写，保留区号前的 0"),
    ProfileField(("illustrative",), "示例说明", "仅示例文件使用：说明哪些内容是虚构的；社区填报时留空"),
)
PROFILE_FIRST_ROW = 2  # row 1 holds the headers


def profile_rows() -> tuple[tuple[int, ProfileField], ...]:
    return tuple(enumerate((*IDENTITY, *PROFILE_FIELDS), start=PROFILE_FIRST_ROW))


def identity_row(key: str) -> int:
    return next(row for row, f in profile_rows() if f.path == (key,))


# ---------------------------------------------------------------- question sheets


@dataclass(frozen=True)
class Question:
    """A row of a part sheet: one fact, owned by ``requirement``, also read by ``sharers``."""

    requirement: Requirement
    category: str
    sheet: str
    row: int
    sharers: tuple[Requirement, ...]
    on_matters_sheet: bool = False

    def place(self, key: str) -> str:
        return f"{self.sheet}!{part_column(key).letter}{self.row}"


@dataclass(frozen=True)
class PartSheet:
    title: str
    part: Part
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class MattersSheet:
    """The matters catalogue, one row per matter, answering the first checklist fact over it."""

    title: str
    catalogue: Catalogue
    owner: Requirement

    def row_of(self, entry_id: str) -> int:
        ids = [e.id for e in self.catalogue.entries]
        return FIRST_ROW + ids.index(entry_id)


@dataclass(frozen=True)
class FormLayout:
    standard: Standard
    parts: tuple[PartSheet, ...]
    matters: MattersSheet | None

    @property
    def sheet_names(self) -> tuple[str, ...]:
        names = [INSTRUCTIONS, PROFILE, *(p.title for p in self.parts)]
        return (*names, self.matters.title) if self.matters else tuple(names)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for p in self.parts for q in p.questions)


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: str, taken: set[str]) -> str:
    """A legal, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("", text).strip("' ")[:28] or "问题"
    title, number = base, 2
    while title in taken:
        title = f"{base}（{number}）"
        number += 1
    taken.add(title)
    return title


def _matters_owner(standard: Standard) -> tuple[Catalogue, Requirement] | None:
    for req in standard.fact_owners():
        if req.kind == "checklist":
            catalogue = standard.catalogues[req.params["catalogue"]]
            if catalogue.kind == "matters":
                return catalogue, req
    return None


def layout_of(standard: Standard) -> FormLayout:
    taken = {INSTRUCTIONS, PROFILE, MATTERS}
    found = _matters_owner(standard)
    owner_id = found[1].id if found else ""
    parts = []
    for part in standard.parts:
        title = sheet_title(part.title, taken)
        questions: list[Question] = []
        for category in part.categories:
            for req_id in category.requirement_ids:
                req = standard.index[req_id]
                if req.fact_id != req.id:
                    continue  # a shared fact is asked once, on its owner's row
                sharers = tuple(r for r in standard.requirements if r.fact_id == req.id and r.id != req.id)
                row = FIRST_ROW + len(questions)
                questions.append(Question(req, category.title, title, row, sharers, req.id == owner_id))
        parts.append(PartSheet(title, part, tuple(questions)))
    matters = MattersSheet(MATTERS, found[0], found[1]) if found else None
    return FormLayout(standard, tuple(parts), matters)
