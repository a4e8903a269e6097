"""The scoring-sheet layer of a standard (评分细则): deductions (扣分标准), required evidence (佐证材料), check
methods (考核办法) and bonus items (附加分). The rule kinds judge a fact; this module turns their verdict into
points the way a real sheet does.

* **Deductions** replace the kind's own partial credit: ``each`` points off per miss, floored at 0. A miss is
  a missing catalogue entry (checklist), an extra or missing item (allowed_set), ``per`` units short or over
  (threshold, survey: ``ceil(shortfall / per)``), or the requirement itself not met (presence, choice, text).
* **Evidence**: a claim that earns anything must carry the evidence the standard names (kind and count). Without
  it the result is marked unsupported; where the standard sets ``unsupported_credit``, the credit is
  multiplied by it. An evidence item's kind comes from a prefix (``照片：门头.jpg``, ``台账:巡查记录.xlsx``)
  or else its file type (images are photos, videos videos, other files documents).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import PurePath

from checker.model import Deduct, EvidenceRule, Requirement
from checker.rules.base import RuleContext, Verdict, number_text

METHOD_TEXT = {
    "site": ("看现场", "on-site inspection"),
    "documents": ("查资料", "documents"),
    "report": ("听汇报", "briefing"),
    "survey": ("问卷", "resident survey"),
}
EVIDENCE_TEXT = {
    "photo": ("照片", "photos"),
    "document": ("文件", "documents"),
    "record": ("台账", "ledgers"),
    "minutes": ("会议记录", "minutes"),
    "certificate": ("证书", "certificates"),
    "video": ("视频", "videos"),
    "survey": ("问卷", "survey forms"),
    "any": ("佐证材料", "evidence items"),
}
_PREFIXES = {
    **{zh: kind for kind, (zh, _) in EVIDENCE_TEXT.items() if kind != "any"},
    **{kind: kind for kind in EVIDENCE_TEXT if kind != "any"},
    "图片": "photo",
    "制度": "document",
    "记录": "record",
    "牌匾": "certificate",
}
_IMAGE = {".jpg", ".jpeg", ".png", ".gif", ".heic", ".webp", ".bmp", ".tif", ".tiff"}
_VIDEO = {".mp4", ".mov", ".avi", ".wmv", ".mkv"}


def label(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def methods_text(requirement: Requirement, lang: str) -> str:
    return ("、" if lang != "en" else ", ").join(label(METHOD_TEXT, m, lang) for m in requirement.method)


def evidence_kind(item: str) -> str:
    """The kind of one evidence item: its prefix (照片：…, photo: …) if it has one, else its file type."""
    for sep in ("：", ":"):
        head, found, _ = item.partition(sep)
        if found and head.strip().lower() in _PREFIXES:
            return _PREFIXES[head.strip().lower()]
    suffix = PurePath(item.strip()).suffix.lower()
    if suffix in _IMAGE:
        return "photo"
    if suffix in _VIDEO:
        return "video"
    return "document"


def needs_text(rule: EvidenceRule, lang: str) -> str:
    """What the standard asks for, e.g. 照片 ≥ 3 份、台账 ≥ 1 份."""
    unit = " 份" if lang != "en" else ""
    parts = [f"{label(EVIDENCE_TEXT, n.kind, lang)} ≥ {n.count}{unit}" for n in rule.needs]
    return ("、" if lang != "en" else ", ").join(parts)


def missing_evidence(rule: EvidenceRule, items: Iterable[str], lang: str) -> str:
    """What evidence is lacking, in words ('' when the items satisfy every need)."""
    kinds = [evidence_kind(item) for item in items if item.strip()]
    lacking = []
    for need in rule.needs:
        have = len(kinds) if need.kind == "any" else kinds.count(need.kind)
        if have < need.count:
            name = label(EVIDENCE_TEXT, need.kind, lang)
            lacking.append(f"{name} {have}/{need.count}")
    if not lacking:
        return ""
    joined = ("、" if lang != "en" else ", ").join(lacking)
    return f"佐证材料不足：{joined}" if lang != "en" else f"evidence lacking: {joined}"


def sheet_lines(requirement: Requirement, lang: str = "zh") -> list[str]:
    """The scoring-sheet facts of a requirement in words, for forms and sheets: 考核办法, 扣分标准, 佐证材料, 附加分."""
    zh = lang != "en"
    lines = []
    if requirement.method:
        lines.append(("考核办法：" if zh else "Checked by: ") + methods_text(requirement, lang))
    if requirement.deduct is not None:
        d = requirement.deduct
        rule = d.text or (
            f"每缺一项扣 {number_text(d.each)} 分，扣完为止"
            if zh
            else f"{number_text(d.each)} points off per miss, down to 0"
        )
        lines.append(("扣分标准：" if zh else "Deductions: ") + rule)
    if requirement.evidence is not None:
        e = requirement.evidence
        text = e.text or needs_text(e, lang)
        if e.unsupported_credit is not None:
            share = number_text(round(e.unsupported_credit * 100, 2))
            text += f"（缺少时按 {share}% 计分）" if zh else f" (without them: {share}% of the credit)"
        lines.append(("佐证材料：" if zh else "Evidence: ") + text)
    if requirement.bonus:
        each = requirement.bonus_each
        if each is not None:
            text = f"每项加 {number_text(each)} 分，最多 {number_text(requirement.points)} 分"
            text_en = f"{number_text(each)} each, at most {number_text(requirement.points)}"
        else:
            text, text_en = f"最多 {number_text(requirement.points)} 分", f"at most {number_text(requirement.points)}"
        lines.append(f"附加分：{text}（不计入基本分）" if zh else f"Bonus: {text_en} (apart from the base score)")
    return lines


def deductions(deduct: Deduct, verdict: Verdict, ctx: RuleContext) -> tuple[tuple[str, float], ...]:
    """Each deduction as (what, points off), from a verdict that is not met."""
    if verdict.status == "met":
        return ()
    each = deduct.each
    if verdict.missing:
        return tuple((ctx.t(f"缺：{e.name}", f"missing: {e.name_en or e.name}"), each) for e in verdict.missing)
    if verdict.misses:
        return tuple((miss, each) for miss in verdict.misses)
    if verdict.shortfall_value is not None:
        count = max(1, math.ceil(round(verdict.shortfall_value / deduct.per, 6)))
        what = f"{verdict.shortfall}（{count} × {number_text(each)}）"
        return ((what, round(count * each, 4)),)
    return ((verdict.shortfall or ctx.t("未达标", "not met"), each),)


def deducted_points(points: float, lines: Iterable[tuple[str, float]]) -> float:
    """The points left after the deductions, never below 0."""
    return max(0.0, round(points - sum(off for _, off in lines), 4))
