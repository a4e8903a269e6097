"""The gap report's view-model: everything a template shows, already in the reader's language.

Built from a :class:`~checker.engine.CheckResult` alone, so HTML, PDF and Markdown say the same thing as the
JSON. Templates receive these frozen records and never the raw YAML. Text that came from a self-assessment
(names, notes, evidence) is kept as plain ``str``: the templates escape it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Any

from checker.engine import CheckResult, Gap, NextGrade, RequirementResult
from checker.model import STATUSES, Catalogue, Standard
from checker.output import (
    PRIORITY_TEXT,
    STATUS_TEXT,
    department_name,
    entry_department,
    entry_name,
    guidance,
    title,
    tr,
)
from checker.scoring import methods_text, needs_text
from reports.audit_view import AuditSection, audit_section
from reports.charts import grade_thresholds
from reports.environment import number
from reports.labels import Labels


@dataclass(frozen=True)
class Cover:
    community: str
    district: str
    street: str
    area_type: str
    households: int | None
    population: int | None
    standard_title: str
    standard_id: str
    standard_version: str
    issuer: str
    period: str
    filled_by: str
    filled_on: str
    illustrative: str  # set on example assessments: which facts are invented
    score: float | None
    grade: str
    counts: tuple[tuple[str, str, int], ...]  # (status, label, count)
    bars: tuple[tuple[str, float | None], ...]  # (category, score) for the chart
    thresholds: tuple[float, ...]  # grade floors above zero, for the chart


@dataclass(frozen=True)
class MissingGroup:
    department: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class GapView:
    priority: int
    id: str
    title: str
    category: str
    level: str  # veto | high | normal
    level_text: str
    status: str
    required: str
    reported: str
    shortfall: str
    points_lost: float
    guidance: str
    missing: tuple[MissingGroup, ...]
    department: str  # who must supply it
    responsible_level: str  # community | street | district | city
    method: str = ""  # 考核办法 in words (看现场、查资料)
    deductions: tuple[tuple[str, float], ...] = ()  # 扣分: (what, points off)
    evidence_required: str = ""  # 佐证材料 the standard asks for
    unsupported: str = ""  # the evidence the claim lacks

    @property
    def missing_by_department(self) -> bool:
        """Whether the missing entries name their departments (matters do, a list of rooms does not)."""
        return any(group.department for group in self.missing)


@dataclass(frozen=True)
class BonusView:
    """附加分, shown apart from the base score."""

    title: str
    points: float  # after the cap
    earned: float  # before the cap
    cap: float | None
    items: tuple[tuple[str, str, float, float], ...]  # (id, title, points, max_points)


@dataclass(frozen=True)
class Owner:
    """Who must supply what: one responsible department at one level, and its gaps by priority."""

    department: str
    level: str
    gaps: tuple[GapView, ...]


@dataclass(frozen=True)
class NextGradeView:
    grade: str
    score_after: float
    gaps: tuple[GapView, ...]


@dataclass(frozen=True)
class ResultView:
    id: str
    title: str
    veto: bool
    status: str
    status_text: str
    required: str
    reported: str
    reason: str
    points: float
    max_points: float
    evidence: tuple[str, ...] = ()  # the 佐证材料 the assessment lists under this requirement's own fact
    note: str = ""
    # the appendix's four cells as text, put together here rather than in Jinja (one page per community in a
    # publication: a dozen template calls per requirement were half the time of rendering the page)
    item: str = ""
    required_reported: str = ""
    outcome: str = ""
    evidence_note: str = ""


@dataclass(frozen=True)
class CategoryView:
    title: str
    part: str
    score: float | None
    points: float
    max_points: float
    results: tuple[ResultView, ...]


@dataclass(frozen=True)
class MatterRow:
    name: str
    handled: bool
    online: bool
    online_expected: bool


@dataclass(frozen=True)
class MatterDepartment:
    department: str
    rows: tuple[MatterRow, ...]

    @property
    def handled(self) -> int:
        return sum(r.handled for r in self.rows)

    @property
    def online(self) -> int:
        return sum(r.online for r in self.rows)

    def names(self, which: str, separator: str) -> str:
        """The names of the matters that are ``handled``, ``online``, ``overdue`` (designated online but not) or
        ``missing`` (not handled), in order, joined (one call where a Jinja macro and a filter took ten)."""
        rows = self.rows
        if which == "handled":
            return separator.join([r.name for r in rows if r.handled])
        if which == "online":
            return separator.join([r.name for r in rows if r.online])
        if which == "overdue":
            return separator.join([r.name for r in rows if r.online_expected and not r.online])
        if which == "missing":
            return separator.join([r.name for r in rows if not r.handled])
        raise KeyError(which)


@dataclass(frozen=True)
class MattersView:
    catalogue: str
    answered: bool
    departments: tuple[MatterDepartment, ...]

    @property
    def total(self) -> int:
        return sum(len(d.rows) for d in self.departments)

    @property
    def handled(self) -> int:
        return sum(d.handled for d in self.departments)

    @property
    def online(self) -> int:
        return sum(d.online for d in self.departments)

    @property
    def missing(self) -> int:
        return self.total - self.handled


@dataclass(frozen=True)
class EvidenceView:
    id: str
    title: str
    items: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Provenance:
    input_file: str
    input_sha256: str
    standard_id: str
    standard_version: str
    content_hash: str
    generated_at: str
    created: str  # the same moment in W3C form, for the PDF's creation date
    reconstructed: bool


@dataclass(frozen=True)
class RectificationRow:
    """One rectification item of the community as the app tracks it (``extras["rectification"]``)."""

    id: str
    title: str
    priority_text: str
    deadline: str
    state: str  # open | answered | closed
    state_text: str
    overdue: bool
    last: str  # the latest words said about it ('' if none)
    last_on: str
    photos: int


@dataclass(frozen=True)
class RectificationSection:
    rows: tuple[RectificationRow, ...]
    counts: tuple[tuple[str, str, int], ...]  # (state, its words, how many), in the loop's order
    overdue: int


@dataclass(frozen=True)
class GapReport:
    cover: Cover
    owners: tuple[Owner, ...]
    gap_count: int
    veto_count: int
    next_grade: NextGradeView | None
    top_grade: bool
    categories: tuple[CategoryView, ...]
    matters: MattersView | None
    evidence: tuple[EvidenceView, ...]
    provenance: Provenance
    audit: AuditSection | None = None  # verified against claimed, and exemptions (reports/audit_view.py)
    bonus: BonusView | None = None
    rectification: RectificationSection | None = None  # the app's items: open, answered, closed


# ---------------------------------------------------------------- pieces


def _category_titles(standard: Standard, lang: str) -> dict[str, str]:
    return {c.id: title(c, lang) for c in standard.categories()}


def _cover(result: CheckResult) -> Cover:
    lang, standard, assessment = result.lang, result.standard, result.assessment
    profile = assessment.profile
    counts = tuple(
        (status, tr(STATUS_TEXT, status, lang), result.counts.get(status, 0))
        for status in STATUSES
        if result.counts.get(status, 0)
    )
    return Cover(
        community=profile.name,
        district=profile.district,
        street=profile.street,
        area_type=profile.area_type,
        households=profile.households,
        population=profile.population,
        standard_title=title(standard, lang),
        standard_id=standard.id,
        standard_version=standard.version,
        issuer=standard.issuer,
        period=assessment.period,
        filled_by=assessment.filled_by,
        filled_on=assessment.filled_on,
        illustrative=assessment.illustrative,
        score=result.score,
        grade=title(result.grade, lang) if result.grade else "",
        counts=counts,
        bars=tuple((title(c.category, lang), c.score) for c in result.categories),
        thresholds=grade_thresholds(standard),
    )


def _gap(gap: Gap, lang: str, categories: Mapping[str, str]) -> GapView:
    r, req = gap.result, gap.requirement
    return GapView(
        priority=gap.priority,
        id=req.id,
        title=title(req, lang),
        category=categories.get(req.category_id, req.category_id),
        level=gap.level,
        level_text=tr(PRIORITY_TEXT, gap.level, lang),
        status=r.status,
        required=r.required,
        reported=r.reported,
        shortfall=r.shortfall,
        points_lost=r.points_lost,
        guidance=guidance(req, lang),
        missing=tuple(
            MissingGroup(dept, tuple(entry_name(e, lang) for e in entries))
            for dept, entries in gap.missing_by_department
        ),
        department=department_name(req, lang),
        responsible_level=req.responsible.level,
        method=methods_text(req, lang),
        deductions=r.deductions,
        evidence_required=needs_text(req.evidence, lang) if req.evidence else "",
        unsupported=r.unsupported,
    )


def _bonus(result: CheckResult) -> BonusView | None:
    bonus, lang = result.bonus, result.lang
    if bonus is None:
        return None
    scheme = bonus.scheme
    return BonusView(
        title=title(scheme, lang) if scheme else ("附加分" if lang != "en" else "Bonus points"),
        points=bonus.points,
        earned=bonus.earned,
        cap=scheme.cap if scheme else None,
        items=tuple((r.id, title(r.requirement, lang), r.points, r.max_points) for r in bonus.items),
    )


def _owners(gaps: Iterable[GapView]) -> tuple[Owner, ...]:
    """Gaps grouped by responsible department and level; groups in the order of their most urgent gap."""
    groups: dict[tuple[str, str], list[GapView]] = {}
    for gap in gaps:  # already in priority order
        groups.setdefault((gap.department, gap.responsible_level), []).append(gap)
    return tuple(Owner(department, level, tuple(items)) for (department, level), items in groups.items())


def _next_grade(next_grade: NextGrade | None, gaps: Mapping[str, GapView], lang: str) -> NextGradeView | None:
    if next_grade is None:
        return None
    chosen = sorted((gaps[i] for i in next_grade.gap_ids), key=lambda g: g.priority)
    return NextGradeView(title(next_grade.grade, lang), next_grade.score_after, tuple(chosen))


@dataclass(frozen=True)
class _ResultWords:
    """The fixed words of the appendix's cells in one language, looked up once per report, not per row."""

    semicolon: str
    separator: str
    veto: str
    required: str
    reported: str

    @classmethod
    def of(cls, lang: str) -> _ResultWords:
        t = Labels(lang)
        veto = t("sep.open") + t("badge.veto") + t("sep.close")
        return cls(t("sep.semicolon"), t("sep.list"), veto, t("results.required"), t("results.reported"))


def _result(r: RequirementResult, lang: str, evidence: EvidenceView | None, words: _ResultWords) -> ResultView:
    requirement = r.requirement
    name = title(requirement, lang)
    status_text = tr(STATUS_TEXT, r.status, lang)
    items, note = (evidence.items, evidence.note) if evidence else ((), "")
    semicolon = words.semicolon
    outcome = status_text + (f" {number(r.points, 2)} / {number(r.max_points, 2)}" if r.max_points else "")
    listed = words.separator.join(items) + (semicolon if items and note else "") + note
    return ResultView(
        id=r.id,
        title=name,
        veto=requirement.veto,
        status=r.status,
        status_text=status_text,
        required=r.required,
        reported=r.reported,
        reason=r.reason,
        points=r.points,
        max_points=r.max_points,
        evidence=items,
        note=note,
        item=f"{r.id} {name}{words.veto}" if requirement.veto else f"{r.id} {name}",
        required_reported=words.required.format(value=r.required)
        + semicolon
        + words.reported.format(value=r.reported or "—"),
        outcome=outcome + (semicolon + r.reason if r.reason else ""),
        evidence_note=listed or "—",
    )


def _categories(result: CheckResult, evidence: tuple[EvidenceView, ...]) -> tuple[CategoryView, ...]:
    """The results by category, each with the evidence and note listed under it (the same as ``evidence``)."""
    lang = result.lang
    by_id = {r.id: r for r in result.results}
    listed = {e.id: e for e in evidence}
    words = _ResultWords.of(lang)
    return tuple(
        CategoryView(
            title=title(c.category, lang),
            part=title(c.part, lang),
            score=c.score,
            points=c.points,
            max_points=c.max_points,
            results=tuple(_result(by_id[i], lang, listed.get(i), words) for i in c.category.requirement_ids),
        )
        for c in result.categories
    )


def _matters_fact(result: CheckResult, catalogue: Catalogue) -> Mapping[str, Any] | None:
    """The community's checklist of matters: the fact of the first requirement checking this catalogue."""
    for requirement in result.standard.requirements:
        if requirement.kind == "checklist" and requirement.params.get("catalogue") == catalogue.id:
            fact = result.assessment.facts.get(requirement.fact_id)
            if fact is not None and isinstance(fact.value, Mapping):
                return fact.value
    return None


def _matters(result: CheckResult) -> MattersView | None:
    catalogue = result.standard.catalogue_of_kind("matters")
    if catalogue is None:
        return None
    lang = result.lang
    fact = _matters_fact(result, catalogue)
    handled = set(fact.get("handled", ())) if fact else set()
    online = set(fact.get("online", ())) if fact else set()
    by_department: dict[str, list[MatterRow]] = {}
    for entry in catalogue.entries:
        department = entry_department(result.standard, entry, lang)
        row = MatterRow(entry_name(entry, lang), entry.id in handled, entry.id in online, entry.online)
        by_department.setdefault(department, []).append(row)
    return MattersView(
        catalogue=title(catalogue, lang),
        answered=fact is not None,
        departments=tuple(MatterDepartment(d, tuple(rows)) for d, rows in by_department.items()),
    )


def _evidence(result: CheckResult) -> tuple[EvidenceView, ...]:
    lang, facts = result.lang, result.assessment.facts
    views = []
    for requirement in result.standard.fact_owners():
        fact = facts.get(requirement.id)
        if fact is not None and (fact.evidence or fact.note):
            views.append(EvidenceView(requirement.id, title(requirement, lang), fact.evidence, fact.note))
    return tuple(views)


def _provenance(result: CheckResult, generated_at: datetime) -> Provenance:
    standard, assessment = result.standard, result.assessment
    return Provenance(
        input_file=PurePath(assessment.path).name,
        input_sha256=assessment.sha256,
        standard_id=standard.id,
        standard_version=standard.version,
        content_hash=standard.content_hash,
        generated_at=generated_at.strftime("%Y-%m-%d %H:%M"),
        # W3C dates need a time zone with a time: a naive (fixed) clock gives the date alone
        created=generated_at.isoformat(timespec="seconds") if generated_at.tzinfo else generated_at.date().isoformat(),
        reconstructed=bool(standard.reconstructed),
    )


def _rectification(result: CheckResult) -> RectificationSection | None:
    items = result.extras.get("rectification")
    if not isinstance(items, list) or not items:
        return None
    lang = result.lang
    rows = tuple(
        RectificationRow(
            id=str(i["id"]),
            title=str(i["title"]),
            priority_text=tr(PRIORITY_TEXT, str(i["priority"]), lang),
            deadline=str(i["deadline"]),
            state=str(i["state"]),
            state_text=str(i["state_text"]),
            overdue=bool(i["overdue"]),
            last=str(i.get("last") or ""),
            last_on=str(i.get("last_on") or ""),
            photos=int(i.get("photos") or 0),
        )
        for i in items
    )
    order = {"open": 0, "answered": 1, "closed": 2}
    rows = tuple(sorted(rows, key=lambda r: (order.get(r.state, 3), not r.overdue, r.deadline)))
    counts = tuple(
        (state, next(r.state_text for r in rows if r.state == state), sum(r.state == state for r in rows))
        for state in order
        if any(r.state == state for r in rows)
    )
    return RectificationSection(rows, counts, sum(r.overdue for r in rows))


# ---------------------------------------------------------------- entry point


def gap_report(result: CheckResult, generated_at: datetime) -> GapReport:
    """The view-model of one community's gap report."""
    lang = result.lang
    categories = _category_titles(result.standard, lang)
    gaps = tuple(_gap(g, lang, categories) for g in result.gaps)
    by_id = {g.id: g for g in gaps}
    top = result.grade is not None and result.grade == result.standard.grades[0]
    evidence = _evidence(result)
    return GapReport(
        cover=_cover(result),
        owners=_owners(gaps),
        gap_count=len(gaps),
        veto_count=sum(g.level == "veto" for g in gaps),
        next_grade=_next_grade(result.next_grade, by_id, lang),
        top_grade=top,
        categories=_categories(result, evidence),
        matters=_matters(result),
        evidence=evidence,
        provenance=_provenance(result, generated_at),
        audit=audit_section(result),
        bonus=_bonus(result),
        rectification=_rectification(result),
    )
