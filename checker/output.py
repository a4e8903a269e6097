"""The result as data (the JSON API, documented in checker/schemas/result.schema.json) and as terminal text."""

from __future__ import annotations

from typing import Any

from checker.engine import BonusResult, CheckResult, Gap, RequirementResult
from checker.model import STATUSES, Entry, Grade, Requirement, Standard
from checker.printable import printable
from checker.rules.base import number_text
from checker.scoring import needs_text

SCHEMA_VERSION = 1
LEVEL_TEXT = {
    "community": ("社区", "community"),
    "street": ("街道", "street"),
    "district": ("区", "district"),
    "city": ("市", "city"),
}
STATUS_TEXT = {
    "met": ("达标", "met"),
    "partial": ("部分达标", "partial"),
    "not_met": ("未达标", "not met"),
    "not_applicable": ("不适用", "not applicable"),
    "unanswered": ("未填报", "unanswered"),
    "exempt": ("已豁免", "exempt"),
}
PRIORITY_TEXT = {"veto": ("一票否决", "veto"), "high": ("重要", "high"), "normal": ("一般", "normal")}


def tr(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def department_name(requirement: Requirement, lang: str) -> str:
    """Who must supply it (谁来配): the English name where the standard gives one and English is asked for."""
    responsible = requirement.responsible
    return (responsible.department_en if lang == "en" else "") or responsible.department


def entry_department(standard: Standard, entry: Entry, lang: str) -> str:
    """The department a catalogue entry (a matter) is handled by, in the reader's language. In English: the
    English name of the body the department names in the standard's ``bodies`` (民政 -> District Civil Affairs
    Bureau); where the standard gives none, the Chinese name marked as such, never a made-up translation."""
    department = entry.department
    if lang != "en" or not department:
        return department
    body = standard.body_named(department)
    return body.name_en if body and body.name_en else f"{department} (Chinese name only)"


def title(item: Requirement | Grade | Any, lang: str) -> str:
    """The English title where the standard gives one and English is asked for, else the Chinese."""
    return (getattr(item, "title_en", "") if lang == "en" else "") or item.title


def guidance(requirement: Requirement, lang: str) -> str:
    return (requirement.guidance_en if lang == "en" else "") or requirement.guidance


def entry_name(entry: Entry, lang: str) -> str:
    return (entry.name_en if lang == "en" else "") or entry.name


def _grade(grade: Grade | None, lang: str) -> dict[str, Any] | None:
    if grade is None:
        return None
    return {"id": grade.id, "title": title(grade, lang), "min_score": grade.min_score}


def _result(r: RequirementResult, lang: str) -> dict[str, Any]:
    req = r.requirement
    return {
        "id": req.id,
        "title": title(req, lang),
        "part": req.part_id,
        "category": req.category_id,
        "kind": req.kind,
        "status": r.status,
        "points": r.points,
        "max_points": r.max_points,
        "credit": r.credit,
        "veto": req.veto,
        "required": r.required,
        "reported": r.reported,
        "shortfall": r.shortfall or None,
        "reason": r.reason or None,
        "evidence": list(r.evidence),
        "note": r.note or None,
        **_sheet(r, lang),
        "bonus": req.bonus,
    }


def _sheet(r: RequirementResult, lang: str) -> dict[str, Any]:
    """The scoring-sheet keys of a result or gap: 考核办法, 扣分, 佐证材料 (added in schema version 1)."""
    req = r.requirement
    return {
        "method": list(req.method),
        "deductions": [{"what": what, "points": off} for what, off in r.deductions],
        "evidence_required": needs_text(req.evidence, lang) if req.evidence else None,
        "unsupported": r.unsupported or None,
    }


def _bonus(bonus: BonusResult | None, lang: str) -> dict[str, Any] | None:
    if bonus is None:
        return None
    scheme = bonus.scheme
    return {
        "title": title(scheme, lang) if scheme else ("附加分" if lang != "en" else "bonus points"),
        "cap": scheme.cap if scheme else None,
        "earned": bonus.earned,
        "points": bonus.points,
        "items": [
            {"id": r.id, "title": title(r.requirement, lang), "points": r.points, "max_points": r.max_points}
            for r in bonus.items
        ],
    }


def _gap(g: Gap, lang: str) -> dict[str, Any]:
    r, req = g.result, g.requirement
    return {
        "id": req.id,
        "title": title(req, lang),
        "category": req.category_id,
        "status": r.status,
        "priority": g.priority,
        "priority_level": g.level,
        "veto": req.veto,
        "points_lost": r.points_lost,
        "required": r.required,
        "reported": r.reported,
        "shortfall": r.shortfall,
        "shortfall_value": r.shortfall_value,
        "unit": r.unit or None,
        "responsible": {
            "department": department_name(req, lang),
            "level": req.responsible.level,
        },
        "guidance": guidance(req, lang),
        "missing": [
            {
                "department": dept,
                "entries": [{"id": e.id, "name": e.name, "dept_2017": e.dept_2017 or None} for e in entries],
            }
            for dept, entries in g.missing_by_department
        ],
        **_sheet(r, lang),
    }


def to_dict(result: CheckResult) -> dict[str, Any]:
    """The stable JSON form of a check result."""
    lang = result.lang
    s, a = result.standard, result.assessment
    p = a.profile
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "standard": {
            "id": s.id,
            "title": title(s, lang),
            "version": s.version,
            "content_hash": s.content_hash,
        },
        "community": {
            "name": p.name,
            "district": p.district,
            "street": p.street,
            "area_type": p.area_type,
            "households": p.households,
            "population": p.population,
        },
        "assessment": {"file": a.path, "sha256": a.sha256, "period": a.period, "illustrative": a.illustrative or None},
        "score": result.score,
        "grade": _grade(result.grade, lang),
        "compliant": result.compliant,
        "counts": dict(result.counts),
        "categories": [
            {
                "id": c.category.id,
                "title": title(c.category, lang),
                "part": c.part.id,
                "points": c.points,
                "max_points": c.max_points,
                "score": c.score,
                "counts": {k: c.counts.get(k, 0) for k in STATUSES},
            }
            for c in result.categories
        ],
        "results": [_result(r, lang) for r in result.results],
        "gaps": [_gap(g, lang) for g in result.gaps],
        "next_grade": None,
    }
    if result.next_grade:
        n = result.next_grade
        out["next_grade"] = {"grade": _grade(n.grade, lang), "gaps": list(n.gap_ids), "score_after": n.score_after}
    out["parts"] = [
        {
            "id": p.part.id,
            "title": title(p.part, lang),
            "points": p.points,
            "max_points": p.max_points,
            "score": p.score,
        }
        for p in result.parts
    ]
    out["bonus"] = _bonus(result.bonus, lang)
    out.update(result.extras)
    return out


def _bonus_text(bonus: BonusResult, lang: str) -> str:
    scheme = bonus.scheme
    name = title(scheme, lang) if scheme else ("附加分" if lang != "en" else "Bonus")
    cap = scheme.cap if scheme else None
    if lang != "en":
        return f"{name} +{number_text(bonus.points)}" + (f"（上限 {number_text(cap)}）" if cap is not None else "")
    return f"{name} +{number_text(bonus.points)}" + (f" (cap {number_text(cap)})" if cap is not None else "")


def render_text(result: CheckResult) -> str:
    """A readable terminal summary: standing, then the gaps (缺什么，补什么), then the next grade. Control
    characters from names and notes are shown as codes, never sent to the terminal."""
    return printable(_summary_text(result))


def _summary_text(result: CheckResult) -> str:
    lang = result.lang
    zh = lang != "en"
    p = result.assessment.profile
    lines = [
        f"{p.name}（{p.district} {p.street}）" if zh else f"{p.name} ({p.district}, {p.street})",
        f"{'标准' if zh else 'Standard'}: {title(result.standard, lang)} "
        f"[{result.standard.id} v{result.standard.version}]",
    ]
    if result.assessment.illustrative:
        lines.append("【示例数据】部分事实为示意，不代表该社区实际情况" if zh else "[Example data] partly illustrative")
    score = "—" if result.score is None else f"{result.score:.1f}"
    grade = title(result.grade, lang) if result.grade else "—"
    c = result.counts
    if zh:
        lines.append(f"得分 {score} / 100    等级 {grade}")
        lines.append(
            f"达标 {c['met']}  部分达标 {c['partial']}  未达标 {c['not_met']}  未填报 {c['unanswered']}  "
            f"不适用 {c['not_applicable']}  豁免 {c['exempt']}"
        )
    else:
        lines.append(f"Score {score} / 100    Grade {grade}")
        lines.append(
            f"met {c['met']}  partial {c['partial']}  not met {c['not_met']}  unanswered {c['unanswered']}  "
            f"not applicable {c['not_applicable']}  exempt {c['exempt']}"
        )
    if result.bonus is not None:
        lines.insert(-1, _bonus_text(result.bonus, lang))
    lines.append("")
    if not result.gaps:
        lines.append("全部达标，没有缺项。" if zh else "Fully compliant: nothing is missing.")
        return "\n".join(lines) + "\n"
    lines.append(f"缺什么，补什么（{len(result.gaps)} 项）" if zh else f"What is missing ({len(result.gaps)} gaps)")
    for g in result.gaps:
        r, req = g.result, g.requirement
        level = tr(PRIORITY_TEXT, g.level, lang)
        level_text = tr(LEVEL_TEXT, req.responsible.level, lang)
        who = f"{department_name(req, lang)}（{level_text}）" if zh else f"{department_name(req, lang)} ({level_text})"
        lines.append(f"{g.priority:>3}. [{level}] {req.id} {title(req, lang)}")
        if zh:
            lines.append(f"     要求 {r.required}；填报 {r.reported}；{r.shortfall}；责任 {who}")
        else:
            lines.append(f"     required {r.required}; reported {r.reported}; {r.shortfall}; responsible {who}")
        if r.deductions:
            off = ("；" if zh else "; ").join(f"{what} −{number_text(points)}" for what, points in r.deductions)
            lines.append(f"     扣分：{off}" if zh else f"     deductions: {off}")
        if r.unsupported and r.unsupported not in r.shortfall:
            lines.append(f"     {r.unsupported}")
        for dept, entries in g.missing_by_department:
            names = ("；" if zh else "; ").join(e.name for e in entries)  # names may hold 、 themselves
            lines.append(f"       {dept}: {names}" if dept else f"       {names}")
    if result.next_grade:
        n = result.next_grade
        ids = "、".join(n.gap_ids) if zh else ", ".join(n.gap_ids)
        if zh:
            lines.append(
                f"\n升到“{title(n.grade, lang)}”最少需补 {len(n.gap_ids)} 项：{ids}（补后约 {n.score_after:.1f} 分）"
            )
        else:
            target = title(n.grade, lang)
            lines.append(f"\nTo reach '{target}', close {len(n.gap_ids)} gaps: {ids} (score then {n.score_after:.1f})")
    return "\n".join(lines) + "\n"
