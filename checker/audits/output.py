"""An audited check as data (the JSON ``audit`` and ``exemptions`` objects) and as terminal text.

Both are built from the result's ``extras``, so every format says the same thing; the text puts the
discrepancies first, then the exemptions, then the usual gap list (:func:`checker.output.render_text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.audits.record import FINDINGS, UNVERIFIED, AuditedResult, Discrepancy
from checker.engine import CheckResult, RequirementResult
from checker.output import PRIORITY_TEXT, STATUS_TEXT, render_text, title, tr
from checker.printable import printable


def _grade(result: CheckResult) -> dict[str, Any] | None:
    grade = result.grade
    return None if grade is None else {"id": grade.id, "title": title(grade, result.lang)}


def _side(r: RequirementResult) -> dict[str, Any]:
    return {"status": r.status, "reported": r.reported, "points": r.points, "shortfall": r.shortfall or None}


def _direction(d: Discrepancy) -> str:
    if d.points_lost > 0:
        return "worse"
    return "better" if d.points_lost < 0 else "changed"


def discrepancy_dict(d: Discrepancy, lang: str) -> dict[str, Any]:
    req = d.claimed.requirement
    return {
        "id": req.id,
        "title": title(req, lang),
        "fact": req.fact_id,
        "veto": req.veto,
        "required": d.verified.required,
        "claimed": _side(d.claimed),
        "verified": _side(d.verified),
        "points_lost": d.points_lost,
        "direction": _direction(d),
        "comment": d.check.comment or None,
        "references": list(d.check.references),
    }


def audit_dict(audited: AuditedResult) -> dict[str, Any]:
    """The JSON ``audit`` object (documented in docs/audit.md)."""
    audit, lang = audited.audit, audited.verified.lang
    states = list(audited.verification.values())
    return {
        "file": audit.path,
        "inspector": audit.inspector,
        "organisation": audit.organisation or None,
        "accompanied_by": audit.accompanied_by or None,
        "date": audit.date.isoformat(),
        "assessment_sha256": audit.assessment_sha256,
        "claimed_score": audited.claimed.score,
        "verified_score": audited.verified.score,
        "claimed_grade": _grade(audited.claimed),
        "verified_grade": _grade(audited.verified),
        "claimed_gaps": len(audited.claimed.gaps),
        "verified_gaps": len(audited.verified.gaps),
        "credibility": audited.credibility.value,
        "findings": {
            "confirmed": audited.credibility.confirmed,
            "not_confirmed": audited.credibility.not_confirmed,
            "unverifiable": audited.credibility.unverifiable,
            "unclaimed": audited.credibility.unclaimed,
        },
        "requirements": {state: states.count(state) for state in (*FINDINGS, UNVERIFIED)},
        "discrepancies": [discrepancy_dict(d, lang) for d in audited.discrepancies],
        "verification": dict(audited.verification),
    }


# ---------------------------------------------------------------- text


def percent(value: float | None) -> str:
    """0.75 -> '75.0%'; None -> '—'.

    >>> percent(0.6667), percent(None)
    ('66.7%', '—')
    """
    return "—" if value is None else f"{100 * value:.1f}%"


def _score(score: float | None, grade: Mapping[str, Any] | None, zh: bool) -> str:
    shown = "—" if score is None else f"{score:.1f}"
    if not grade:
        return shown
    return f"{shown}（{grade['title']}）" if zh else f"{shown} ({grade['title']})"


def _audit_lines(audit: Mapping[str, Any], lang: str) -> list[str]:
    zh = lang != "en"
    f = audit["findings"]
    org = audit["organisation"]
    who = audit["inspector"] + ((f"（{org}）" if zh else f" ({org})") if org else "")
    claimed = _score(audit["claimed_score"], audit["claimed_grade"], zh)
    verified = _score(audit["verified_score"], audit["verified_grade"], zh)
    credibility = percent(audit["credibility"])
    if zh:
        lines = [
            f"实地核查：{audit['date']}，检查人 {who}",
            f"自评得分 {claimed} → 核查得分 {verified}",
            f"可信度 {credibility}（确认 {f['confirmed']}，不符 {f['not_confirmed']}；"
            f"无法核实 {f['unverifiable']} 项不计入）",
        ]
    else:
        lines = [
            f"Site audit: {audit['date']}, inspector {who}",
            f"Claimed score {claimed} -> verified score {verified}",
            f"Credibility {credibility} (confirmed {f['confirmed']}, not confirmed {f['not_confirmed']}; "
            f"{f['unverifiable']} unverifiable not counted)",
        ]
    lines.append("")
    lines += _discrepancy_lines(audit["discrepancies"], lang)
    unverified = audit["requirements"][UNVERIFIED] + audit["requirements"]["unverifiable"]
    if zh:
        lines.append(f"未经核实、按自评采信的要求 {unverified} 项（JSON 中标为 unverified / unverifiable）。")
    else:
        lines.append(f"{unverified} requirements rest on unverified claims (marked unverified/unverifiable in JSON).")
    return lines


def _discrepancy_lines(items: list[Mapping[str, Any]], lang: str) -> list[str]:
    zh = lang != "en"
    if not items:
        return ["核查未发现与自评不符之处。" if zh else "The audit found no discrepancy with the claims."]
    lines = [f"核查与自评不符（{len(items)} 项）：" if zh else f"Discrepancies found by the audit ({len(items)}):"]
    for number, d in enumerate(items, start=1):
        veto = f"[{tr(PRIORITY_TEXT, 'veto', lang)}] " if d["veto"] else ""
        c, v = d["claimed"], d["verified"]
        c_status, v_status = tr(STATUS_TEXT, c["status"], lang), tr(STATUS_TEXT, v["status"], lang)
        lines.append(f"{number:>3}. {veto}{d['id']} {d['title']}")
        if zh:
            lines.append(
                f"     申报 {c['reported']}（{c_status}）→ 核查 {v['reported']}（{v_status}），"
                f"{'少得' if d['points_lost'] >= 0 else '多得'} {abs(d['points_lost']):g} 分"
            )
        else:
            lines.append(
                f"     claimed {c['reported']} ({c_status}) -> found {v['reported']} ({v_status}), "
                f"{-d['points_lost']:+g} points"
            )
        said = [d["comment"]] if d["comment"] else []
        if d["references"]:
            said.append(("佐证：" if zh else "evidence: ") + ("、" if zh else ", ").join(d["references"]))
        if said:
            lines.append(("     说明：" if zh else "     finding: ") + ("；" if zh else "; ").join(said))
    return [*lines, ""]


_LAPSED = {  # kind -> (zh, en, the date that matters)
    "expired": (
        "豁免已于 {date} 到期，未适用，按正常要求判定",
        "exemption expired on {date}; not applied, judged normally",
        "expires_on",
    ),
    "not_yet_valid": (
        "豁免自 {date} 起生效，未适用，按正常要求判定",
        "exemption starts on {date}; not applied, judged normally",
        "granted_on",
    ),
}


def _exemption_lines(exemptions: Mapping[str, Any], result: CheckResult) -> list[str]:
    zh, lang = result.lang != "en", result.lang

    def named(req_id: str) -> str:
        requirement = result.standard.requirement(req_id)
        return f"{req_id} {title(requirement, lang)}" if requirement else req_id

    lines = [
        f"豁免（评估日 {exemptions['evaluated_on']}）：适用 {len(exemptions['applied'])} 项"
        if zh
        else f"Exemptions (evaluated on {exemptions['evaluated_on']}): {len(exemptions['applied'])} applied"
    ]
    lines += [f"  {named(r.id)}{'：' if zh else ': '}{r.reason}" for r in result.results if r.status == "exempt"]
    for kind, (zh_text, en_text, key) in _LAPSED.items():
        for item in exemptions[kind]:
            text = (zh_text if zh else en_text).format(date=item[key])
            lines.append(f"  {named(item['requirement'])}{'：' if zh else ': '}{text}")
    return [*lines, ""]


def render_audited_text(result: CheckResult) -> str:
    """The discrepancies first, then the exemptions, then the usual summary and gap list."""
    lines: list[str] = []
    audit = result.extras.get("audit")
    if isinstance(audit, Mapping):
        lines += _audit_lines(audit, result.lang)
    exemptions = result.extras.get("exemptions")
    if isinstance(exemptions, Mapping):
        lines += _exemption_lines(exemptions, result)
    if lines:
        lines.append("─" * 40)
    return printable("\n".join(lines)) + ("\n" if lines else "") + render_text(result)
