"""The rectification notice (整改通知书): the verified gaps by priority, who must act, and by when.

Built from an audited check (:mod:`checker.audits.audited`): the gaps are those left once the inspector's findings
replace the claims. Each priority level (veto, high, normal — see :mod:`checker.engine`) gets a deadline a
number of days after the notice date (30, 60 and 90 by default).

The notice is laid out as an official document after GB/T 9704-2012 (see reports/templates/notice.html.j2); the
parts its 版头 and 版记 need are derived here when the data does not give them:

* issuing authority (发文机关): ``--authority``, else the audit's inspecting body (检查单位), else the standard's
  issuer;
* document number (发文字号): ``--number``, else the year of the notice with the body's code and the serial
  number left blank for the clerk (``　　〔2024〕　　号``): a number is given by the registry, never invented;
* addressee (主送机关): the community's residents' committee (康居社区 → 康居社区居民委员会);
* copy to (抄送): the street office (七里沟街道 → 七里沟街道办事处), which reviews the reply.

>>> addressee("康居社区", "zh"), copy_to("七里沟街道", "zh"), year_text("2018", "zh"), year_text("2018上半年", "zh")
('康居社区居民委员会', '七里沟街道办事处', '2018年度', '2018上半年')

>>> parse_deadlines(["veto=15", "normal=120"])
{'veto': 15, 'high': 60, 'normal': 120}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from checker.audits.record import UNVERIFIED, Audit, AuditedResult, Credibility
from checker.dates import days_after
from checker.engine import PRIORITY_LEVELS, CheckResult, Gap
from checker.errors import UsageError
from checker.output import LEVEL_TEXT, PRIORITY_TEXT, department_name, guidance, title, tr

DEFAULT_DEADLINES: Mapping[str, int] = {"veto": 30, "high": 60, "normal": 90}


def parse_deadlines(options: Iterable[str]) -> dict[str, int]:
    """``level=days`` options over the defaults; anything else is a usage error (exit 2)."""
    deadlines = dict(DEFAULT_DEADLINES)
    for option in options:
        level, sep, days = option.partition("=")
        level, days = level.strip(), days.strip()
        if not sep or level not in PRIORITY_LEVELS or not days.isdigit() or int(days) < 1:
            raise UsageError("cli.deadline", value=option)
        deadlines[level] = int(days)
    return deadlines


def addressee(community: str, lang: str) -> str:
    """Whom the notice is addressed to: the community's residents' committee."""
    if lang == "en":
        return f"{community} Residents' Committee"
    return community if community.endswith("委员会") else f"{community}居民委员会"


def copy_to(street: str, lang: str) -> str:
    """The street office the notice is copied to ('' when the street is not known)."""
    if not street:
        return ""
    if lang == "en":
        return f"{street} Sub-district Office"
    return f"{street}办事处" if street.endswith("街道") else street


def year_text(period: str, lang: str) -> str:
    """The assessment's period as the text names it: 2018 → 2018年度; anything else as written."""
    if period.isdigit() and len(period) == 4:
        return period if lang == "en" else f"{period}年度"
    return period


@dataclass(frozen=True)
class NoticeItem:
    number: int
    id: str
    title: str
    required: str
    found: str
    shortfall: str
    missing: str
    department: str
    department_level: str
    guidance: str
    claimed: str  # what the community claimed, where the inspector found otherwise ('' if not)
    verification: str  # confirmed | not_confirmed | unverifiable | unverified


@dataclass(frozen=True)
class NoticeGroup:
    level: str
    level_text: str
    days: int
    deadline: date
    items: tuple[NoticeItem, ...]


@dataclass(frozen=True)
class Notice:
    lang: str
    authority: str
    number: str  # '' when no number was given: the template prints the year with blanks to fill in
    issued_on: date
    community: str
    addressee: str
    copy_to: str
    district: str
    street: str
    period: str
    standard_title: str
    audit_date: date
    inspector: str
    organisation: str
    claimed_score: float | None
    verified_score: float | None
    verified_grade: str
    credibility: float | None
    discrepancy_count: int
    groups: tuple[NoticeGroup, ...]
    assessment_file: str
    assessment_sha256: str
    audit_file: str
    audited: bool = True  # False: issued from the self-assessment's gaps, nobody audited it (see self_assessed)


def _item(number: int, gap: Gap, audited: AuditedResult, lang: str) -> NoticeItem:
    r, req = gap.result, gap.requirement
    claimed = next((d.claimed.reported for d in audited.discrepancies if d.id == req.id), "")
    sep, list_sep = ("; ", ", ") if lang == "en" else ("；", "、")
    missing = sep.join(
        (f"{dept}: " if lang == "en" else f"{dept}：") * bool(dept) + list_sep.join(e.name for e in entries)
        for dept, entries in gap.missing_by_department
    )
    return NoticeItem(
        number=number,
        id=req.id,
        title=title(req, lang),
        required=r.required,
        found=r.reported,
        shortfall=r.shortfall,
        missing=missing,
        department=department_name(req, lang),
        department_level=tr(LEVEL_TEXT, req.responsible.level, lang),
        guidance=guidance(req, lang),
        claimed=claimed,
        verification=audited.verification.get(req.id, ""),
    )


def build_notice(
    audited: AuditedResult,
    issued_on: date,
    deadlines: Mapping[str, int] = DEFAULT_DEADLINES,
    authority: str = "",
    number: str = "",
) -> Notice:
    verified, audit = audited.verified, audited.audit
    lang = verified.lang
    groups, counter = [], 0
    for level in PRIORITY_LEVELS:
        items = []
        for gap in (g for g in verified.gaps if g.level == level):
            counter += 1
            items.append(_item(counter, gap, audited, lang))
        if items:
            days = deadlines[level]
            groups.append(
                NoticeGroup(level, tr(PRIORITY_TEXT, level, lang), days, days_after(issued_on, days), tuple(items))
            )
    profile = verified.assessment.profile
    return Notice(
        lang=lang,
        authority=authority or audit.organisation or verified.standard.issuer,
        number=number,
        issued_on=issued_on,
        community=profile.name,
        addressee=addressee(profile.name, lang),
        copy_to=copy_to(profile.street, lang),
        district=profile.district,
        street=profile.street,
        period=year_text(verified.assessment.period, lang),
        standard_title=title(verified.standard, lang),
        audit_date=audit.date,
        inspector=audit.inspector,
        organisation=audit.organisation,
        claimed_score=audited.claimed.score,
        verified_score=verified.score,
        verified_grade=title(verified.grade, lang) if verified.grade else "",
        credibility=audited.credibility.value,
        discrepancy_count=len(audited.discrepancies),
        groups=tuple(groups),
        assessment_file=PurePath(verified.assessment.path).name,
        assessment_sha256=verified.assessment.sha256,
        audit_file=PurePath(audit.path).name,
        audited=bool(audit.path),
    )


def self_assessed(result: CheckResult) -> AuditedResult:
    """A check nobody audited, in the shape :func:`build_notice` takes: no inspector, no audit record (an empty
    path: a read record always names its file), every requirement unverified; the notice then says the gaps
    are the self-assessment's own."""
    audit = Audit(result.assessment.sha256, "", date.min, {}, "")
    verification = {r.id: UNVERIFIED for r in result.standard.requirements}
    return AuditedResult(audit, result, result, (), Credibility(), verification)
