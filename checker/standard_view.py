"""A standard shown to people (text) and programs (JSON with a ``summary``)."""

from __future__ import annotations

from typing import Any

from checker.model import Standard
from checker.output import LEVEL_TEXT, department_name, title, tr
from checker.rules import KINDS
from checker.rules.base import RuleContext
from checker.standard import summary


def list_entry(standard: Standard) -> dict[str, Any]:
    """One line of ``sqcheck standards list --format json``: the keys of :func:`to_json`'s head, and the file."""
    return {
        "id": standard.id,
        "title": standard.title,
        "title_en": standard.title_en or None,
        "version": standard.version,
        "issuer": standard.issuer,
        "effective": standard.effective,
        "content_hash": standard.content_hash,
        "requirements": len(standard.requirements),
    }


def to_json(standard: Standard) -> dict[str, Any]:
    return {
        "id": standard.id,
        "title": standard.title,
        "title_en": standard.title_en or None,
        "version": standard.version,
        "issuer": standard.issuer,
        "effective": standard.effective,
        "content_hash": standard.content_hash,
        "provenance": {"note": standard.provenance_note, "reconstructed": list(standard.reconstructed)},
        "sources": [{"id": s.id, "kind": s.kind, "title": s.title, "url": s.url or None} for s in standard.sources],
        "summary": summary(standard),
        "catalogues": [
            {
                "id": c.id,
                "title": c.title,
                "kind": c.kind,
                "groups": [{"id": g.id, "title": g.title} for g in c.groups],
                "entries": [
                    {
                        "id": e.id,
                        "name": e.name,
                        "group": e.group or None,
                        "dept_2017": e.dept_2017 or None,
                        "dept_current": e.dept_current or None,
                        "online": e.online,
                        "provenance": list(e.provenance),
                    }
                    for e in c.entries
                ],
            }
            for c in standard.catalogues.values()
        ],
        "parts": [
            {
                "id": p.id,
                "title": p.title,
                "categories": [
                    {"id": c.id, "title": c.title, "requirements": list(c.requirement_ids)} for c in p.categories
                ],
            }
            for p in standard.parts
        ],
        "bodies": [
            {"id": b.id, "name": b.name, "name_en": b.name_en or None, "level": b.level, "aliases": list(b.aliases)}
            for b in standard.bodies.values()
        ],
        "requirements": [
            {
                "id": r.id,
                "title": r.title,
                "description": r.description,
                "kind": r.kind,
                "params": dict(r.params),
                "points": r.points,
                "veto": r.veto,
                "applies_if": dict(r.applies_if) or None,
                "allow_not_applicable": r.allow_not_applicable,
                "responsible": {
                    "department": r.responsible.department,
                    "department_en": r.responsible.department_en or None,
                    "level": r.responsible.level,
                    "body": r.responsible.body or None,
                    "support": list(r.responsible.support),
                },
                "guidance": r.guidance,
                "provenance": list(r.provenance),
                "part": r.part_id,
                "category": r.category_id,
                "fact": r.fact_id,
            }
            for r in standard.requirements
        ],
        "grades": [
            {
                "id": g.id,
                "title": g.title,
                "min_score": g.min_score,
                "gates": {
                    "no_failed_veto": g.no_failed_veto,
                    "max_unanswered": g.max_unanswered,
                    "min_category_score": g.min_category_score,
                },
            }
            for g in standard.grades
        ],
    }


def describe(standard: Standard, lang: str = "zh") -> str:
    zh = lang != "en"
    s = summary(standard)
    lines = [
        f"{title(standard, lang)}  [{standard.id} v{standard.version}]",
        f"{'发布' if zh else 'Issuer'}: {standard.issuer}   {'施行' if zh else 'Effective'}: {standard.effective}",
        "",
        (
            f"设施 {s['facilities']} 项（{s['facility_classes']} 类）  政务服务事项 {s['matters']} 项"
            f"（网上可办 {s['online_matters']} 项）  "
            f"要求 {s['requirements']} 条（一票否决 {s['veto_requirements']} 条）"
            if zh
            else f"{s['facilities']} facilities in {s['facility_classes']} classes, {s['matters']} matters "
            f"({s['online_matters']} online), {s['requirements']} requirements ({s['veto_requirements']} veto)"
        ),
        "",
    ]
    ctx = RuleContext(lang=lang, catalogues=standard.catalogues)
    for part in standard.parts:
        lines.append(f"■ {title(part, lang)}")
        for category in part.categories:
            lines.append(f"  □ {title(category, lang)}")
            for req_id in category.requirement_ids:
                r = standard.index[req_id]
                veto = ("  [一票否决]" if zh else "  [veto]") if r.veto else ""
                required = KINDS[r.kind].required_text(r.params, ctx)
                who = f"{department_name(r, lang)}/{tr(LEVEL_TEXT, r.responsible.level, lang)}"
                lines.append(
                    f"    {r.id:<12} {title(r, lang)}：{required}  ({r.points:g}{'分' if zh else ' pts'}; {who}){veto}"
                )
    lines.append("")
    lines.append("等级：" if zh else "Grades:")
    for g in standard.grades:
        lines.append(f"  {title(g, lang)} ≥ {g.min_score:g}")
    if standard.reconstructed:
        lines.append("")
        lines.append("重建部分（非官方原文）：" if zh else "Reconstructed (not the official text):")
        lines += [f"  - {item}" for item in standard.reconstructed]
    return "\n".join(lines)
