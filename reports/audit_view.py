"""The audit section of a gap report: verified against claimed, discrepancies first, and the exemptions.

Built from the result's ``extras["audit"]`` and ``extras["exemptions"]`` (see checker/audit_output.py and
docs/audit.md), so the HTML, PDF and Markdown reports say what the JSON says. ``None`` for a plain check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checker.engine import CheckResult
from checker.output import STATUS_TEXT, title, tr


@dataclass(frozen=True)
class DiscrepancyView:
    id: str
    title: str
    veto: bool
    claimed: str
    claimed_status: str
    claimed_status_text: str
    verified: str
    verified_status: str
    verified_status_text: str
    points_lost: float
    comment: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class ExemptionView:
    id: str
    title: str
    reason: str


@dataclass(frozen=True)
class LapsedView:
    id: str
    title: str
    kind: str  # expired | not_yet_valid
    date: str  # the day it expired or will start


@dataclass(frozen=True)
class AuditSection:
    audited: bool
    date: str = ""
    inspector: str = ""
    claimed_score: float | None = None
    verified_score: float | None = None
    claimed_grade: str = ""
    verified_grade: str = ""
    credibility: float | None = None
    confirmed: int = 0
    not_confirmed: int = 0
    unverifiable: int = 0
    unverified: int = 0  # requirements resting on claims nobody verified
    discrepancies: tuple[DiscrepancyView, ...] = ()
    exemptions_on: str = ""
    exemptions: tuple[ExemptionView, ...] = ()
    lapsed: tuple[LapsedView, ...] = ()

    @property
    def has_exemptions(self) -> bool:
        return bool(self.exemptions_on)


def _discrepancy(item: Mapping[str, Any], lang: str) -> DiscrepancyView:
    claimed, verified = item["claimed"], item["verified"]
    return DiscrepancyView(
        id=item["id"],
        title=item["title"],
        veto=item["veto"],
        claimed=claimed["reported"],
        claimed_status=claimed["status"],
        claimed_status_text=tr(STATUS_TEXT, claimed["status"], lang),
        verified=verified["reported"],
        verified_status=verified["status"],
        verified_status_text=tr(STATUS_TEXT, verified["status"], lang),
        points_lost=item["points_lost"],
        comment=item["comment"] or "",
        references=tuple(item["references"]),
    )


def _audit_fields(audit: Mapping[str, Any], lang: str) -> dict[str, Any]:
    org = audit["organisation"]
    who = audit["inspector"] + ((f" ({org})" if lang == "en" else f"（{org}）") if org else "")
    findings, states = audit["findings"], audit["requirements"]
    return {
        "audited": True,
        "date": audit["date"],
        "inspector": who,
        "claimed_score": audit["claimed_score"],
        "verified_score": audit["verified_score"],
        "claimed_grade": (audit["claimed_grade"] or {}).get("title", ""),
        "verified_grade": (audit["verified_grade"] or {}).get("title", ""),
        "credibility": audit["credibility"],
        "confirmed": findings["confirmed"],
        "not_confirmed": findings["not_confirmed"],
        "unverifiable": findings["unverifiable"],
        "unverified": states["unverified"] + states["unverifiable"],
        "discrepancies": tuple(_discrepancy(d, lang) for d in audit["discrepancies"]),
    }


def _exemption_fields(result: CheckResult, exemptions: Mapping[str, Any]) -> dict[str, Any]:
    lang, standard = result.lang, result.standard

    def named(req_id: str) -> str:
        requirement = standard.requirement(req_id)
        return title(requirement, lang) if requirement else req_id

    lapsed = [
        LapsedView(e["requirement"], named(e["requirement"]), "expired", e["expires_on"]) for e in exemptions["expired"]
    ]
    lapsed += [
        LapsedView(e["requirement"], named(e["requirement"]), "not_yet_valid", e["granted_on"])
        for e in exemptions["not_yet_valid"]
    ]
    return {
        "exemptions_on": exemptions["evaluated_on"],
        "exemptions": tuple(ExemptionView(r.id, named(r.id), r.reason) for r in result.results if r.status == "exempt"),
        "lapsed": tuple(lapsed),
    }


def audit_section(result: CheckResult) -> AuditSection | None:
    audit, exemptions = result.extras.get("audit"), result.extras.get("exemptions")
    if not isinstance(audit, Mapping) and not isinstance(exemptions, Mapping):
        return None
    fields: dict[str, Any] = {"audited": False}
    if isinstance(audit, Mapping):
        fields.update(_audit_fields(audit, result.lang))
    if isinstance(exemptions, Mapping):
        fields.update(_exemption_fields(result, exemptions))
    return AuditSection(**fields)
