"""Judging facts against a standard: statuses, scores, grade, gaps and the shortest path to the next grade.

Scoring (also in the README):

* each applicable requirement is worth its ``points``; earned = points × credit (credit from the rule kind);
* not applicable (by the community's profile or a justified claim) and exempt requirements are left out;
* unanswered requirements earn nothing (as not met) and are counted separately;
* category and total score = 100 × earned / possible, one decimal; ``None`` when nothing is applicable;
* the grade is the first band whose ``min_score`` the score reaches and whose gates all pass: no failed veto,
  at most so many unanswered, every category at least ``min_category_score``, every core (必备) requirement at
  least ``min_core_score`` (its own 100 × credit);
* a veto item may carry 0 points: it decides the grade, not the score.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from checker.model import (
    STATUSES,
    Assessment,
    BonusScheme,
    Category,
    Entry,
    Fact,
    Grade,
    Part,
    Profile,
    Requirement,
    Standard,
)
from checker.rules import KINDS
from checker.rules.base import RuleContext, RuleKind, Verdict, status_of
from checker.scoring import deducted_points, deductions, missing_evidence

OPEN = ("partial", "not_met", "unanswered")  # statuses that make a gap
LEFT_OUT = ("not_applicable", "exempt")  # statuses excluded from the score
PRIORITY_LEVELS = ("veto", "high", "normal")
HIGH_POINTS = 5.0  # points lost from which a gap is "high" priority


class RequirementResult(NamedTuple):
    """One requirement judged. A named tuple (immutable, and built ~3x faster than a frozen dataclass): one is
    made per requirement per check, which shows in the pipeline benchmark."""

    requirement: Requirement
    status: str
    credit: float
    points: float
    max_points: float
    reported: str
    required: str
    shortfall: str = ""
    shortfall_value: float | None = None
    unit: str = ""
    missing: tuple[Entry, ...] = ()
    evidence: tuple[str, ...] = ()
    note: str = ""
    reason: str = ""  # why not applicable / exempt
    points_lost: float = 0.0  # max_points - points, kept for the sorts of gaps and of the next-grade path
    deductions: tuple[tuple[str, float], ...] = ()  # (what, points off) under the standard's 扣分标准
    unsupported: str = ""  # the evidence a claim lacks (佐证材料不足：…), '' when supported or not required

    @property
    def id(self) -> str:
        return self.requirement.id


@dataclass(frozen=True)
class CategoryScore:
    category: Category
    part: Part
    points: float
    max_points: float
    score: float | None
    counts: Mapping[str, int]


@dataclass(frozen=True)
class PartScore:
    """One part (a dimension, e.g. one 星 of a star scheme) scored like a category."""

    part: Part
    points: float
    max_points: float
    score: float | None


@dataclass(frozen=True)
class BonusResult:
    """附加分: the bonus items' points, apart from the base score, and their total under the cap."""

    scheme: BonusScheme | None
    items: tuple[RequirementResult, ...]
    earned: float  # before the cap
    points: float  # after the cap

    @property
    def capped(self) -> bool:
        return self.points < self.earned


@dataclass(frozen=True)
class Gap:
    """One unmet requirement: 缺什么 (required vs reported, shortfall), 谁来配 and 在哪配, and how to close it."""

    result: RequirementResult
    priority: int  # 1-based rank in the gap list
    level: str  # veto | high | normal
    missing_by_department: tuple[tuple[str, tuple[Entry, ...]], ...] = ()

    @property
    def id(self) -> str:
        return self.result.id

    @property
    def requirement(self) -> Requirement:
        return self.result.requirement


@dataclass(frozen=True)
class NextGrade:
    grade: Grade
    gap_ids: tuple[str, ...]
    score_after: float


@dataclass(frozen=True)
class CheckResult:
    standard: Standard
    assessment: Assessment
    results: tuple[RequirementResult, ...]
    categories: tuple[CategoryScore, ...]
    score: float | None
    grade: Grade | None
    gaps: tuple[Gap, ...]
    next_grade: NextGrade | None
    counts: Mapping[str, int]
    lang: str = "zh"
    extras: Mapping[str, object] = field(default_factory=dict)
    parts: tuple[PartScore, ...] = ()
    bonus: BonusResult | None = None

    @property
    def compliant(self) -> bool:
        return not self.gaps

    def result(self, requirement_id: str) -> RequirementResult | None:
        return next((r for r in self.results if r.id == requirement_id), None)


def with_extras(result: CheckResult, **extras: object) -> CheckResult:
    """The result with more ``extras`` (an audit's comparison, the exemptions) for every output format."""
    return replace(result, extras={**result.extras, **extras})


# ---------------------------------------------------------------- applicability


def _outside(profile: Profile, requirement: Requirement) -> str:
    """Why the requirement does not apply to this community ('' if it does). Unknown profile fields apply."""
    cond = requirement.applies_if
    if "area_type" in cond and profile.area_type not in cond["area_type"]:
        return "area_type"
    if "estate_type" in cond and profile.estate_type and profile.estate_type not in cond["estate_type"]:
        return "estate_type"
    for name in ("households", "population"):
        bound = cond.get(name)
        value = getattr(profile, name)
        if bound and value is not None:
            if "min" in bound and value < bound["min"]:
                return name
            if "max" in bound and value > bound["max"]:
                return name
    return ""


def applies(profile: Profile, requirement: Requirement) -> bool:
    """Whether the requirement applies to a community with this profile (by ``applies_if``)."""
    return not _outside(profile, requirement)


_OUTSIDE_TEXT = {
    "area_type": ("按社区类型（城市/农村）不适用", "not applicable to this type of community (urban/rural)"),
    "estate_type": ("按小区类型（老旧/新建）不适用", "not applicable to this type of estate (old/new)"),
    "households": ("按户数不适用", "not applicable at this number of households"),
    "population": ("按人口不适用", "not applicable at this population"),
}


# ---------------------------------------------------------------- judging


def _required_text(requirement: Requirement, kind: RuleKind, ctx: RuleContext, memo: dict[tuple[str, str], str]) -> str:
    """What the requirement asks, in words; cached unless it scales with the community (``per``)."""
    if "per" in requirement.params:
        return kind.required_text(requirement.params, ctx)
    key = (requirement.id, ctx.lang)
    text = memo.get(key)
    if text is None:
        text = memo[key] = kind.required_text(requirement.params, ctx)
    return text


def judge(
    requirement: Requirement,
    fact: Fact | None,
    ctx: RuleContext,
    exemption: str | None = None,
    memo: dict[tuple[str, str], str] | None = None,
) -> RequirementResult:
    """One requirement's result from the community's fact (or its absence)."""
    t = ctx.t
    kind = KINDS[requirement.kind]
    required = _required_text(requirement, kind, ctx, {} if memo is None else memo)
    evidence = fact.evidence if fact else ()
    note = fact.note if fact else ""

    outside = _outside(ctx.profile, requirement) if ctx.profile and requirement.applies_if else ""
    if outside:
        return _left_out(requirement, required, evidence, note, "not_applicable", "", t(*_OUTSIDE_TEXT[outside]))
    if fact is not None and fact.not_applicable:
        reported = t("申报不适用", "claimed not applicable")
        return _left_out(requirement, required, evidence, note, "not_applicable", reported, fact.not_applicable)
    if exemption:
        return _left_out(requirement, required, evidence, note, "exempt", t("已豁免", "exempted"), exemption)
    if fact is None or fact.value is None:
        return RequirementResult(
            requirement,
            "unanswered",
            0.0,
            0.0,
            requirement.points,
            t("未填报", "not answered"),
            required,
            t("按未达标计", "scored as not met"),
            evidence=evidence,
            note=note,
            points_lost=requirement.points,
        )
    v = kind.check(requirement.params, fact.value, ctx)
    if requirement.bonus:
        return _bonus_result(requirement, v, fact, required, evidence, note)
    status, credit, shortfall = v.status, v.credit, v.shortfall
    lines: tuple[tuple[str, float], ...] = ()
    if requirement.deduct is not None:
        lines = deductions(requirement.deduct, v, ctx)
        credit = round(deducted_points(requirement.points, lines) / requirement.points, 4)
        status = status_of(credit)
    unsupported = ""
    if requirement.evidence is not None and credit > 0:
        unsupported = missing_evidence(requirement.evidence, evidence, ctx.lang)
        factor = requirement.evidence.unsupported_credit
        if unsupported and factor is not None and factor < 1:
            credit = round(credit * factor, 4)
            status = status_of(credit)
            shortfall = ctx.t("；", "; ").join(s for s in (shortfall, unsupported) if s)
    earned = round(requirement.points * credit, 2)
    return RequirementResult(
        requirement,
        status,
        credit,
        earned,
        requirement.points,
        v.reported,
        required,
        shortfall,
        v.shortfall_value,
        v.unit,
        v.missing,
        evidence,
        note,
        points_lost=round(requirement.points - earned, 2),
        deductions=lines,
        unsupported=unsupported,
    )


def _left_out(
    requirement: Requirement,
    required: str,
    evidence: tuple[str, ...],
    note: str,
    status: str,
    reported: str,
    reason: str,
) -> RequirementResult:
    """A requirement left out of the score (not applicable or exempt)."""
    return RequirementResult(
        requirement, status, 0.0, 0.0, 0.0, reported, required, evidence=evidence, note=note, reason=reason
    )


def _bonus_result(
    requirement: Requirement, v: Verdict, fact: Fact, required: str, evidence: tuple[str, ...], note: str
) -> RequirementResult:
    """A 附加分 item: ``each`` points per counted unit (or points × credit), up to its points; never a gap."""
    if requirement.bonus_each is not None and isinstance(fact.value, int | float):
        earned = min(requirement.points, round(requirement.bonus_each * float(fact.value), 2))
    else:
        earned = round(requirement.points * v.credit, 2)
    status = "met" if earned > 0 else "not_met"
    credit = round(earned / requirement.points, 4)
    return RequirementResult(
        requirement, status, credit, earned, requirement.points, v.reported, required, evidence=evidence, note=note
    )


def _score(results: Iterable[RequirementResult], closed: Container[str] = ()) -> float | None:
    """100 × earned / possible over the applicable results; ``closed`` ones count as fully met."""
    earned = possible = 0.0
    if closed:
        for r in results:
            if r.status not in LEFT_OUT and not r.requirement.bonus:
                earned += r.max_points if r.requirement.id in closed else r.points
                possible += r.max_points
    else:  # the same sums, without asking each result whether it is closed
        for r in results:
            if r.status not in LEFT_OUT and not r.requirement.bonus:
                earned += r.points
                possible += r.max_points
    return half_up(100 * earned / possible) if possible else None


def half_up(value: float) -> float:
    """One decimal, halves rounded up (88.35 → 88.4) as people round, not as binary floats happen to fall."""
    # scores are never negative; rounding to 6 places first absorbs float noise (88.35 stored as 88.34999…)
    return math.floor(round(value * 10, 6) + 0.5) / 10


def _count_statuses(results: Iterable[RequirementResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        if r.requirement.bonus:
            continue
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts


def _scores_by_group(
    standard: Standard, by_id: Mapping[str, RequirementResult]
) -> tuple[tuple[CategoryScore, ...], tuple[PartScore, ...]]:
    """Each category's and each part's points, score and counts, in one pass over the results. Every sum adds the
    same numbers in the same order as its definition (``sum`` over the category's or part's results, then
    ``_score``), so the figures are the same to the last bit."""
    categories = []
    parts = []
    for part in standard.parts:
        part_points: float = 0  # as sum() starts (whole-number points stay whole)
        part_max: float = 0
        part_earned = part_possible = 0.0  # as _score starts
        for category in part.categories:
            points: float = 0
            max_points: float = 0
            earned = possible = 0.0
            counts: dict[str, int] = {}
            for requirement_id in category.requirement_ids:
                r = by_id[requirement_id]
                if r.requirement.bonus:
                    continue
                status = r.status
                points += r.points
                max_points += r.max_points
                counts[status] = counts.get(status, 0) + 1
                if status not in LEFT_OUT:
                    earned += r.points
                    possible += r.max_points
                    part_points += r.points
                    part_max += r.max_points
                    part_earned += r.points
                    part_possible += r.max_points
            categories.append(
                CategoryScore(
                    category=category,
                    part=part,
                    points=round(points, 2),
                    max_points=round(max_points, 2),
                    score=half_up(100 * earned / possible) if possible else None,
                    counts=counts,
                )
            )
        parts.append(
            PartScore(
                part,
                round(part_points, 2),
                round(part_max, 2),
                half_up(100 * part_earned / part_possible) if part_possible else None,
            )
        )
    return tuple(categories), tuple(parts)


def _bonus(standard: Standard, results: Iterable[RequirementResult]) -> BonusResult | None:
    items = tuple(r for r in results if r.requirement.bonus)
    if not items:
        return None
    earned = round(sum(r.points for r in items if r.status not in LEFT_OUT), 2)
    cap = standard.bonus.cap if standard.bonus else None
    return BonusResult(standard.bonus, items, earned, earned if cap is None else min(cap, earned))


def _standing(
    standard: Standard, results: tuple[RequirementResult, ...], closed: Container[str] = ()
) -> tuple[float | None, Grade | None]:
    """Score and grade, as if the ``closed`` gaps were met (the current standing when none are)."""
    score = _score(results, closed)
    if score is None:
        return None, None
    still_open = [r for r in results if r.status in OPEN and r.requirement.id not in closed]
    # a veto fails on a fact (an incident, falsification found), not on a missing answer: that counts as unanswered
    failed_veto = any(r.requirement.veto and r.status != "unanswered" for r in still_open)
    unanswered = sum(r.status == "unanswered" for r in still_open)
    category_floor: float | None = None
    part_floor: float | None = None
    core_floor: float | None = None
    for grade in standard.grades:
        if score < grade.min_score or (grade.no_failed_veto and failed_veto):
            continue
        if grade.max_unanswered is not None and unanswered > grade.max_unanswered:
            continue
        if grade.min_category_score is not None:
            if category_floor is None:
                category_floor = _lowest_category(standard, results, closed)
            if category_floor < grade.min_category_score:
                continue
        if grade.min_part_score is not None:
            if part_floor is None:
                part_floor = _lowest_part(standard, results, closed)
            if part_floor < grade.min_part_score:
                continue
        if grade.min_core_score is not None:
            if core_floor is None:
                core_floor = _lowest_core(results, closed)
            if core_floor < grade.min_core_score:
                continue
        return score, grade
    return score, None


def _lowest_category(standard: Standard, results: tuple[RequirementResult, ...], closed: Container[str]) -> float:
    by_id = {r.id: r for r in results}
    scores = [_score((by_id[i] for i in c.requirement_ids), closed) for c in standard.categories()]
    return min((s for s in scores if s is not None), default=100.0)


def _lowest_part(standard: Standard, results: tuple[RequirementResult, ...], closed: Container[str]) -> float:
    by_id = {r.id: r for r in results}
    scores = [_score((by_id[i] for c in p.categories for i in c.requirement_ids), closed) for p in standard.parts]
    return min((s for s in scores if s is not None), default=100.0)


def _core_score(result: RequirementResult, closed: Container[str]) -> float | None:
    """A core requirement's own score (100 × credit; closed = met); None when left out or not core."""
    if not result.requirement.core or result.status in LEFT_OUT:
        return None
    return 100.0 if result.id in closed or result.status == "met" else 100 * result.credit


def _lowest_core(results: Iterable[RequirementResult], closed: Container[str]) -> float:
    """The lowest _core_score (inlined: it runs for each step of the next-grade search)."""
    return min(
        (
            100.0 if r.status == "met" or r.requirement.id in closed else 100 * r.credit
            for r in results
            if r.requirement.core and r.status not in LEFT_OUT
        ),
        default=100.0,
    )


# ---------------------------------------------------------------- gaps


def _level(result: RequirementResult) -> str:
    if result.requirement.veto:
        return "veto"
    # a core item holds the grade back whatever its points: it is never a low priority
    return "high" if result.requirement.core or result.points_lost >= HIGH_POINTS else "normal"


def _by_department(entries: Iterable[Entry], as_of: str) -> tuple[tuple[str, tuple[Entry, ...]], ...]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.department_on(as_of), []).append(entry)
    return tuple((dept, tuple(items)) for dept, items in groups.items())


def gaps_of(results: Iterable[RequirementResult], as_of: str = "") -> tuple[Gap, ...]:
    """The gap list, veto first, then by points lost, then in the standard's order. Missing catalogue entries
    are grouped by the department in charge on ``as_of`` (the assessment's date; '' = now)."""
    open_results = [
        (PRIORITY_LEVELS.index(_level(r)), -r.points_lost, i, r)
        for i, r in enumerate(results)
        if r.status in OPEN and not r.requirement.bonus
    ]
    return tuple(
        Gap(
            result=r,
            priority=rank,
            level=PRIORITY_LEVELS[level],
            missing_by_department=_by_department(r.missing, as_of),
        )
        for rank, (level, _, _, r) in enumerate(sorted(open_results, key=lambda item: item[:3]), start=1)
    )


def next_grade(standard: Standard, results: tuple[RequirementResult, ...], current: Grade | None) -> NextGrade | None:
    """The fewest gaps whose closing lifts the community one band.

    Gates first (failed vetoes, too many unanswered, categories and core items under their floors), then the
    gaps that lose the most points until the band's score is reached. Greedy by points is optimal for the score
    condition alone.
    """
    bands = list(standard.grades)
    if current is None and _score(results) is None:
        return None
    index = bands.index(current) if current in bands else len(bands)
    if index == 0:
        return None
    target = bands[index - 1]
    chosen: dict[str, None] = {}  # an ordered set
    open_results = sorted(
        (r for r in results if r.status in OPEN and not r.requirement.bonus), key=lambda r: -r.points_lost
    )

    def reached() -> bool:
        _, grade = _standing(standard, results, chosen)
        return grade is not None and bands.index(grade) <= index - 1

    if target.no_failed_veto:
        chosen.update((r.id, None) for r in open_results if r.requirement.veto and r.status != "unanswered")
    if target.max_unanswered is not None:
        unanswered = [r for r in open_results if r.status == "unanswered"]
        chosen.update((r.id, None) for r in unanswered[: max(0, len(unanswered) - target.max_unanswered)])
    if target.min_category_score is not None:
        by_id = {r.id: r for r in results}
        for category in standard.categories():
            members = sorted((by_id[i] for i in category.requirement_ids), key=lambda r: -r.points_lost)
            for r in members:
                score = _score(members, chosen)
                if score is None or score >= target.min_category_score:
                    break
                if r.status in OPEN and not r.requirement.bonus:
                    chosen[r.id] = None
    if target.min_part_score is not None:
        by_id = {r.id: r for r in results}
        for part in standard.parts:
            members = sorted(
                (by_id[i] for c in part.categories for i in c.requirement_ids), key=lambda r: -r.points_lost
            )
            for r in members:
                score = _score(members, chosen)
                if score is None or score >= target.min_part_score:
                    break
                if r.status in OPEN and not r.requirement.bonus:
                    chosen[r.id] = None
    if target.min_core_score is not None:
        floor = target.min_core_score
        for r in open_results:
            core_score = _core_score(r, chosen)
            if core_score is not None and core_score < floor:
                chosen[r.id] = None
    # The gates are settled above; what remains is the score, which grows by each closed gap's points lost.
    # Keep a running total and ask for the full standing only once the band's score is within reach.
    applicable = [r for r in results if r.status not in LEFT_OUT and not r.requirement.bonus]
    possible = sum(r.max_points for r in applicable)
    earned = sum(r.points for r in applicable) + sum(r.points_lost for r in open_results if r.id in chosen)
    settled = False  # reached() said yes for the gaps chosen now (not asked again)
    for r in open_results:
        if half_up(100 * earned / possible) >= target.min_score and reached():
            settled = True
            break
        if r.id not in chosen:
            chosen[r.id] = None
            earned += r.points_lost
    if not settled and not reached():
        return None
    return NextGrade(target, tuple(chosen), _score(results, chosen) or 0.0)


# ---------------------------------------------------------------- entry point


def evaluate(
    standard: Standard,
    assessment: Assessment,
    lang: str = "zh",
    exemptions: Mapping[str, str] | None = None,
    facts: Mapping[str, Fact] | None = None,
) -> CheckResult:
    """Judge an assessment. ``facts`` overrides the claimed facts (an audit's verified ones, say);
    ``exemptions`` maps requirement IDs to the bureau's justification."""
    ctx = RuleContext(lang=lang, profile=assessment.profile, catalogues=standard.catalogues)
    facts = assessment.facts if facts is None else facts
    exemptions = exemptions or {}
    results = tuple(
        judge(r, facts.get(r.fact_id), ctx, exemptions.get(r.id), standard.memo) for r in standard.requirements
    )
    by_id = {r.id: r for r in results}
    categories, parts = _scores_by_group(standard, by_id)
    score, grade = _standing(standard, results)
    counts = _count_statuses(results)
    gaps = gaps_of(results, assessment.as_of)
    summary = {status: counts.get(status, 0) for status in STATUSES}
    base = sum(not r.requirement.bonus for r in results)
    summary["applicable"] = base - summary["not_applicable"] - summary["exempt"]
    summary["gaps"] = len(gaps)
    return CheckResult(
        standard=standard,
        assessment=assessment,
        results=results,
        categories=categories,
        score=score,
        grade=grade,
        gaps=gaps,
        next_grade=next_grade(standard, results, grade),
        counts=summary,
        lang=lang,
        parts=parts,
        bonus=_bonus(standard, results),
    )
