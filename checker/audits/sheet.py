"""The inspector's on-site checklist (核查表): every fact the community claimed, with room for what was found.

One view-model feeds the printable sheet (HTML/PDF), the workbook (:mod:`checker.audits.sheet_xlsx`, which reads
back as an audit record) and the pre-filled YAML audit record (:func:`prefill_yaml`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from checker.engine import RequirementResult, applies, evaluate
from checker.model import Assessment, Catalogue, Requirement, Standard
from checker.output import entry_department, entry_name, title
from checker.scoring import methods_text, needs_text

_HOW = {
    "presence": ("是 / 否", "yes / no"),
    "threshold": ("数字（{unit}）", "a number ({unit})"),
    "survey": ("问卷得分（0–100）", "a survey score (0–100)"),
    "checklist": ("在后附“目录逐项核对”中逐项勾选", "tick item by item in the catalogue check below"),
    "allowed_set": ("逐项列出，用“、”分隔", "list every item, separated by commas"),
    "choice": ("选一项：{options}", "one of: {options}"),
    "text": ("照实抄写", "copy the wording exactly"),
}


@dataclass(frozen=True)
class SheetRow:
    """One fact to verify: the requirements it decides, what they require and what was claimed."""

    fact_id: str
    kind: str
    title: str
    required: str
    how: str
    claimed: str
    claimed_value: Any
    evidence: tuple[str, ...]
    note: str
    veto: bool
    checklist: bool
    method: str = ""  # 考核办法 in words: how the standard says to check it (看现场、查资料 …)
    evidence_required: str = ""  # 佐证材料 the standard asks for, to look at on site


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class EntryRow:
    entry_id: str
    name: str
    department: str
    claimed_handled: bool
    claimed_online: bool
    online_expected: bool


@dataclass(frozen=True)
class ChecklistBlock:
    """A checklist fact's catalogue, entry by entry, for the inspector to tick what was found. ``kind`` is the
    catalogue's (matters, facilities, items): a matter is handled, a room or a facility is in place."""

    fact_id: str
    title: str
    catalogue: str
    kind: str
    uses_online: bool
    entries: tuple[EntryRow, ...]


@dataclass(frozen=True)
class AuditSheet:
    lang: str
    standard_id: str
    standard_version: str
    standard_title: str
    community: str
    district: str
    street: str
    period: str
    assessment_file: str
    assessment_sha256: str
    sections: tuple[Section, ...]
    checklists: tuple[ChecklistBlock, ...]


def _how(req: Requirement, lang: str) -> str:
    zh, en = _HOW[req.kind]
    template = en if lang == "en" else zh
    sep = ", " if lang == "en" else "、"
    return template.format(unit=req.params.get("unit", ""), options=sep.join(req.params.get("options", ())))


def _claimed(results: list[RequirementResult], lang: str) -> str:
    """What the community claimed, as the check reads it ('600 m²', '申报不适用：…', '未填报')."""
    texts = []
    for r in results:
        text = r.reported or r.reason
        if r.status == "not_applicable" and r.reason and r.reported:
            text = f"{r.reported}：{r.reason}" if lang != "en" else f"{r.reported}: {r.reason}"
        texts.append(f"{r.id} {text}" if len(results) > 1 else text)
    return "；".join(texts) if lang != "en" else "; ".join(texts)


def _row(
    standard: Standard, assessment: Assessment, owner: Requirement, results: Mapping[str, RequirementResult], lang: str
) -> SheetRow:
    deciding = [r for r in standard.requirements if r.fact_id == owner.id]
    fact = assessment.facts.get(owner.id)
    sep = "；" if lang != "en" else "; "
    return SheetRow(
        fact_id=owner.id,
        kind=owner.kind,
        title=sep.join(title(r, lang) for r in deciding),
        required=sep.join(results[r.id].required for r in deciding),
        how=_how(owner, lang),
        claimed=_claimed([results[r.id] for r in deciding], lang),
        claimed_value=fact.value if fact else None,
        evidence=fact.evidence if fact else (),
        note=fact.note if fact else "",
        veto=any(r.veto for r in deciding),
        checklist=owner.kind == "checklist",
        method=sep.join(dict.fromkeys(m for r in deciding if (m := methods_text(r, lang)))),
        evidence_required=sep.join(dict.fromkeys(needs_text(r.evidence, lang) for r in deciding if r.evidence)),
    )


def _checklist(standard: Standard, assessment: Assessment, owner: Requirement, lang: str) -> ChecklistBlock:
    catalogue: Catalogue = standard.catalogues[owner.params["catalogue"]]
    fact = assessment.facts.get(owner.id)
    value = fact.value if fact is not None and isinstance(fact.value, Mapping) else {}
    handled, online = set(value.get("handled", ())), set(value.get("online", ()))
    deciding = [r for r in standard.requirements if r.fact_id == owner.id]
    entries = tuple(
        EntryRow(
            entry_id=e.id,
            name=entry_name(e, lang),
            department=entry_department(standard, e, lang),
            claimed_handled=e.id in handled,
            claimed_online=e.id in online,
            online_expected=e.online,
        )
        for e in catalogue.entries
    )
    return ChecklistBlock(
        fact_id=owner.id,
        title=title(owner, lang),
        catalogue=title(catalogue, lang),
        kind=catalogue.kind,
        uses_online=any(r.params.get("measure") == "online" for r in deciding),
        entries=entries,
    )


def _to_verify(standard: Standard, assessment: Assessment, owner: Requirement) -> bool:
    """Whether a fact is on the sheet: not when every requirement it decides lies outside the community's
    profile (按社区类型/户数/人口不适用, ``applies_if``). Those are judged not applicable whatever is found, the
    community claimed nothing, and the audit record has nothing to "确认" (``audit.nothing_to_confirm``); so
    the printed sheet, the workbook, the XLSForm, the pre-filled record and the phone form leave them out."""
    return any(applies(assessment.profile, r) for r in standard.requirements if r.fact_id == owner.id)


def build_sheet(standard: Standard, assessment: Assessment, lang: str = "zh") -> AuditSheet:
    """The checklist for one self-assessment, in the standard's order of parts and categories."""
    results = {r.id: r for r in evaluate(standard, assessment, lang).results}
    owners = {r.id for r in standard.fact_owners() if _to_verify(standard, assessment, r)}
    sections = []
    for part in standard.parts:
        for category in part.categories:
            rows = tuple(
                _row(standard, assessment, standard.index[i], results, lang)
                for i in category.requirement_ids
                if i in owners
            )
            if rows:
                sections.append(Section(f"{title(part, lang)} · {title(category, lang)}", rows))
    checklists = tuple(
        _checklist(standard, assessment, r, lang)
        for r in standard.fact_owners()
        if r.kind == "checklist" and r.id in owners
    )
    p = assessment.profile
    return AuditSheet(
        lang=lang,
        standard_id=standard.id,
        standard_version=standard.version,
        standard_title=title(standard, lang),
        community=p.name,
        district=p.district,
        street=p.street,
        period=assessment.period,
        assessment_file=PurePath(assessment.path).name,
        assessment_sha256=assessment.sha256,
        sections=tuple(sections),
        checklists=checklists,
    )


# ---------------------------------------------------------------- pre-filled YAML audit record


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def prefill_yaml(sheet: AuditSheet, assessment_path: str = "") -> str:
    """An audit record to fill in: header pinned to the assessment, one empty check per fact, the claim in
    comments (its value in the same shape, ready to copy into ``verified``). Empty findings mean 'not
    checked', so the record validates as soon as inspector and date are filled in."""
    lines = [
        f"# 实地核查记录 — {sheet.community} × {sheet.standard_title}（{sheet.standard_id}）",
        "# finding：confirmed 确认 / not_confirmed 不符 / unverifiable 无法核实；留空 = 未核查。",
        "# 不符时 verified 填实际核查值（格式同自评表该项的 value），并在 comment 中说明；无法核实时须说明原因。",
        "# 自评表一经修改，SHA-256 即不符，本记录将被拒绝：请对修改后的自评表重新核查。",
        f"standard: {_q(sheet.standard_id)}",
        "assessment:",
        f"  file: {_q(assessment_path or sheet.assessment_file)}",
        f"  sha256: {_q(sheet.assessment_sha256)}",
        f"  community: {_q(sheet.community)}",
        'inspector: ""          # 检查人',
        'organisation: ""       # 检查单位',
        'accompanied_by: ""     # 社区陪同人员',
        'date: ""               # 核查日期 YYYY-MM-DD',
        "checks:",
    ]
    for section in sheet.sections:
        lines.append(f"  # ════ {_flat(section.title)}")
        for row in section.rows:
            lines += _prefill_check(row)
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    """320.0 -> 320, as a clerk writes it (threshold facts are read as floats)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _prefill_check(row: SheetRow) -> list[str]:
    veto = "（一票否决）" if row.veto else ""
    lines = [
        f"  # ── {row.fact_id} {_flat(row.title)}{veto}",
        f"  #    要求：{_flat(row.required)}",
        f"  #    自评：{_flat(row.claimed)}" + (f"；佐证：{'、'.join(row.evidence)}" if row.evidence else ""),
    ]
    if row.claimed_value is not None:
        lines.append(f"  #    自评值：{json.dumps(_plain(row.claimed_value), ensure_ascii=False)}")
    lines += [
        f"  {row.fact_id}:",
        "    finding:",
        "    verified:",
        '    comment: ""',
        "    references: []",
    ]
    return lines
