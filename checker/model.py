"""Frozen value types: parsed once from YAML, then passed to the engine, reporters and templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("met", "partial", "not_met", "not_applicable", "unanswered", "exempt")
# 考核办法: how an inspector checks a requirement (看现场 / 查资料 / 听汇报 / 问卷)
METHODS = ("site", "documents", "report", "survey")
# 佐证材料 kinds a standard may require; ``any`` takes any item
EVIDENCE_KINDS = ("photo", "document", "record", "minutes", "certificate", "video", "survey", "any")


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    url: str = ""


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    title_en: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    name_en: str = ""
    group: str = ""
    dept_2017: str = ""
    dept_current: str = ""
    online: bool = False
    provenance: tuple[str, ...] = ()
    dept_current_from: str = ""  # YYYY[-MM[-DD]]: from when ``dept_current`` is in charge (before: ``dept_2017``)

    @property
    def department(self) -> str:
        """The department in charge now, else the one named in 2017."""
        return self.dept_current or self.dept_2017

    def department_on(self, when: str) -> str:
        """The department in charge on ``when`` (YYYY, YYYY-MM or YYYY-MM-DD; '' means now).

        Dates compare as text, so a year or month is taken at its start: "2018-05-09" and "2018" fall before
        "2019-01". An entry without ``dept_current_from`` has had its current department all along.
        """
        if when and self.dept_current_from and self.dept_2017 and when < self.dept_current_from:
            return self.dept_2017
        return self.department


@dataclass(frozen=True)
class Catalogue:
    id: str
    title: str
    kind: str
    groups: tuple[Group, ...]
    entries: tuple[Entry, ...]
    title_en: str = ""
    index: Mapping[str, Entry] = field(default_factory=dict, compare=False, repr=False)
    # what depends only on the entries, computed once per catalogue (see rules.checklist._names); not copied by
    # dataclasses.replace, so a catalogue with other entries starts afresh
    memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def entry(self, entry_id: str) -> Entry | None:
        return self.index.get(entry_id)


@dataclass(frozen=True)
class Body:
    """A responsible body (区民政局, 街道办事处, …) of the standard's ``bodies`` catalogue: a stable ID, so that
    every requirement and catalogue entry it answers for is grouped under one name whatever the wording."""

    id: str
    name: str
    level: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()  # short names catalogue entries use (民政, 卫健, …)


@dataclass(frozen=True)
class Responsible:
    department: str  # the standard's own wording, roles included: 区民政局（会同区委组织部清理社区挂牌）
    level: str
    department_en: str = ""
    body: str = ""  # the ID of the body in charge, in the standard's ``bodies``
    support: tuple[str, ...] = ()  # IDs of the bodies that work with it (会同…, 指导…)


@dataclass(frozen=True)
class Deduct:
    """扣分标准: ``each`` points off per miss (a missing entry, an extra item, ``per`` units short), floored at 0."""

    each: float
    per: float = 1.0
    text: str = ""  # the sheet's own wording, e.g. 每缺一项扣0.5分


@dataclass(frozen=True)
class EvidenceNeed:
    kind: str  # one of EVIDENCE_KINDS
    count: int = 1


@dataclass(frozen=True)
class EvidenceRule:
    """佐证材料 a claim needs; ``unsupported_credit`` (if set) multiplies the credit of a claim without them."""

    needs: tuple[EvidenceNeed, ...]
    unsupported_credit: float | None = None
    text: str = ""  # the sheet's own wording, e.g. 提供活动照片不少于3张


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    description: str
    kind: str
    params: Mapping[str, Any]
    points: float
    responsible: Responsible
    guidance: str
    provenance: tuple[str, ...]
    part_id: str
    category_id: str
    fact_id: str
    veto: bool = False
    core: bool = False  # 必备项: a band with ``min_core_score`` needs it (nearly) met
    applies_if: Mapping[str, Any] = field(default_factory=dict)
    allow_not_applicable: bool = False
    title_en: str = ""
    guidance_en: str = ""
    unit_hint: str = ""
    example: str = ""
    method: tuple[str, ...] = ()  # 考核办法, from METHODS
    deduct: Deduct | None = None  # 扣分标准: a scoring mode instead of the kind's own partial credit
    evidence: EvidenceRule | None = None  # 佐证材料 required
    bonus_each: float | None = None  # set on 附加分 items: points per counted unit (else points × credit)
    bonus: bool = False  # 附加分: scored apart from the base score, capped, never a gap


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    part_id: str
    requirement_ids: tuple[str, ...]
    title_en: str = ""


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    categories: tuple[Category, ...]
    title_en: str = ""


@dataclass(frozen=True)
class Grade:
    id: str
    title: str
    min_score: float
    title_en: str = ""
    no_failed_veto: bool = False
    max_unanswered: int | None = None
    min_category_score: float | None = None
    min_part_score: float | None = None  # every part (dimension, e.g. a 星) at or above this
    min_core_score: float | None = None  # every applicable core requirement scores at least this (100 × credit)


@dataclass(frozen=True)
class BonusScheme:
    """附加分: items scored apart from the base score, their total capped."""

    title: str
    cap: float | None = None
    title_en: str = ""


@dataclass(frozen=True)
class Standard:
    id: str
    title: str
    version: str
    issuer: str
    effective: str
    provenance_note: str
    reconstructed: tuple[str, ...]
    sources: tuple[Source, ...]
    catalogues: Mapping[str, Catalogue]
    parts: tuple[Part, ...]
    requirements: tuple[Requirement, ...]
    grades: tuple[Grade, ...]
    path: str
    content_hash: str
    title_en: str = ""
    bonus: BonusScheme | None = None
    bodies: Mapping[str, Body] = field(default_factory=dict)
    index: Mapping[str, Requirement] = field(default_factory=dict, compare=False, repr=False)
    # texts that depend only on a requirement and a language, computed once (see engine.required_text)
    memo: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def requirement(self, requirement_id: str) -> Requirement | None:
        return self.index.get(requirement_id)

    def body_named(self, name: str) -> Body | None:
        """The body a catalogue entry's department names (its name or one of its aliases), if any."""
        return next((b for b in self.bodies.values() if name == b.name or name in b.aliases), None)

    def categories(self) -> tuple[Category, ...]:
        return tuple(c for p in self.parts for c in p.categories)

    def catalogue_of_kind(self, kind: str) -> Catalogue | None:
        return next((c for c in self.catalogues.values() if c.kind == kind), None)

    def fact_owners(self) -> tuple[Requirement, ...]:
        """The requirements that own a fact (those whose fact is not borrowed from another)."""
        return tuple(r for r in self.requirements if r.fact_id == r.id)


@dataclass(frozen=True)
class Profile:
    name: str
    district: str
    street: str
    area_type: str
    households: int | None = None
    population: int | None = None
    estate_type: str = ""
    contact: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Fact:
    requirement_id: str
    value: Any = None
    not_applicable: str | None = None
    evidence: tuple[str, ...] = ()
    note: str = ""

    @property
    def answered(self) -> bool:
        return self.value is not None or self.not_applicable is not None


@dataclass(frozen=True)
class Assessment:
    standard_id: str
    standard_version: str
    period: str
    profile: Profile
    facts: Mapping[str, Fact]
    path: str
    sha256: str
    filled_by: str = ""
    filled_on: str = ""
    illustrative: str = ""  # set on examples: which facts are invented

    @property
    def as_of(self) -> str:
        """The assessment's date: the day it was filled in, else its period ("2018", "2018-H1")."""
        return self.filled_on or self.period
