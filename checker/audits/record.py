"""Audits (实地核查): what inspectors verified, set beside what the community claimed, fact by fact.

An audit record names the self-assessment it verifies by the SHA-256 of the file's bytes, so it cannot be
applied to another or an edited file. Each check gives a finding for one fact:

* ``confirmed`` — the claim holds (a verified value may be recorded; it must not change any verdict);
* ``not_confirmed`` — it does not: the verified value replaces the claim (it must differ from it);
* ``unverifiable`` — it could not be checked: the claim is kept and marked unverified.

Facts not listed were not checked: their claims are kept and marked unverified. The assessment is judged
twice, on the claims and on the verified facts; the verified judgement is the result, the claimed score
stands beside it, and the discrepancies come first.

Credibility is the share of checked claims the inspector confirmed, ``confirmed / (confirmed +
not_confirmed)``: unverifiable checks are left out (they say nothing about the claim), and so are checks of
facts the community left unanswered (there was no claim). With no such checks it is undefined (None).

>>> Credibility(confirmed=3, not_confirmed=1, unverifiable=2).value
0.75
>>> Credibility().value is None
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from checker import assessment as assessments
from checker.dates import parse_date
from checker.engine import CheckResult, RequirementResult, evaluate, judge
from checker.errors import InputError, Problem, unique_sorted
from checker.messages import VALUE_LABELS
from checker.model import Assessment, Fact, Standard
from checker.rules import KINDS
from checker.rules.base import FactProblem, RuleContext
from checker.standard import closest
from checker.validation import SchemaCheck, load_schema
from checker.yamlio import Document

FINDINGS = ("confirmed", "not_confirmed", "unverifiable")
UNVERIFIED = "unverified"  # the verification state of a requirement whose fact nobody checked


@cache
def _schema() -> SchemaCheck:
    return SchemaCheck(load_schema("audit.schema.json"))


@dataclass(frozen=True)
class Check:
    """The inspector's finding on one fact; ``verified`` is normalised by the fact's rule kind."""

    fact_id: str
    finding: str
    verified: Any = None
    comment: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Audit:
    assessment_sha256: str
    inspector: str
    date: date
    checks: Mapping[str, Check]
    path: str
    organisation: str = ""
    accompanied_by: str = ""


@dataclass(frozen=True)
class Credibility:
    confirmed: int = 0
    not_confirmed: int = 0
    unverifiable: int = 0
    unclaimed: int = 0  # checks of facts the self-assessment left unanswered

    @property
    def value(self) -> float | None:
        """confirmed / (confirmed + not_confirmed), four decimals; None when no claim was settled either way."""
        settled = self.confirmed + self.not_confirmed
        return round(self.confirmed / settled, 4) if settled else None


@dataclass(frozen=True)
class Discrepancy:
    """A requirement whose verdict or reported value changed once the inspector's finding replaced the claim."""

    claimed: RequirementResult
    verified: RequirementResult
    check: Check

    @property
    def id(self) -> str:
        return self.claimed.id

    @property
    def points_lost(self) -> float:
        return round(self.claimed.points - self.verified.points, 2)


@dataclass(frozen=True)
class AuditedResult:
    audit: Audit
    claimed: CheckResult
    verified: CheckResult
    discrepancies: tuple[Discrepancy, ...]
    credibility: Credibility
    verification: Mapping[str, str] = field(default_factory=dict)  # requirement ID -> finding or "unverified"


# ---------------------------------------------------------------- reading


def read_document(path: Path, standard: Standard | None = None) -> Document:
    """An audit record as a document: YAML/JSON as text, the audit-sheet workbook cell by cell (its verified
    cells typed by their rule kinds when the standard is given; the header alone needs no standard)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from checker.audits.sheet_xlsx_read import read_workbook

        return read_workbook(path, standard)
    return assessments.read_document(path)[0]  # the same formats and limits as a self-assessment


def load(path: Path | str, standard: Standard, assessment: Assessment) -> Audit:
    """An audit record that validated clean against its standard and the assessment it verifies."""
    return from_document(read_document(Path(path), standard), standard, assessment)


def from_document(doc: Document, standard: Standard, assessment: Assessment) -> Audit:
    """An audit record already read (a file's, or the text the web app keeps), validated as :func:`load` does."""
    values: dict[str, Any] = {}
    found = problems(doc, standard, assessment, values)
    if found:
        raise InputError(found, doc.notices)
    return _build(doc, values)


def problems(
    doc: Document, standard: Standard, assessment: Assessment, values: dict[str, Any] | None = None
) -> list[Problem]:
    """Every problem of an audit record: shape, then the assessment it pins, then each check. Verified values
    that pass their rule kind are stored, normalised, in ``values`` (so building does not read them twice)."""
    values = {} if values is None else values
    _findings_as_meant(doc.data)
    found = _schema().problems(doc)
    if found:
        return found
    data = doc.data
    if data["standard"] != standard.id:
        args = {"found": data["standard"], "expected": standard.id}
        return [doc.problem("audit.wrong_standard", ("standard",), args)]
    digest = str(data["assessment"]["sha256"]).strip().lower()
    if digest != assessment.sha256:
        args = {"file": assessment.path, "found": digest[:16] or "—", "expected": assessment.sha256[:16]}
        return [doc.problem("audit.hash_mismatch", ("assessment", "sha256"), args)]
    if parse_date(data["date"]) is None:
        found.append(doc.problem("input.date", ("date",), {"found": data["date"]}))
    ctx = RuleContext(lang="zh", profile=assessment.profile, catalogues=standard.catalogues)
    for fact_id, check in data["checks"].items():
        found += _check_problems(doc, standard, assessment, ctx, str(fact_id), check, values)
    return unique_sorted(found)


# What inspectors write for a finding, beside the codes: the Chinese words of the audit sheet, and the ticks
# whose meaning is plain (a tick confirms, a cross does not; nothing stands for "could not be verified")
FINDING_WORDS = {
    **{VALUE_LABELS[code][0]: code for code in FINDINGS},
    **dict.fromkeys(("✓", "✔", "√", "☑"), "confirmed"),
    **dict.fromkeys(("✗", "✘", "×", "☒"), "not_confirmed"),
}


def _findings_as_meant(data: Any) -> None:
    """确认 / 不符 / 无法核实 (or ✓ / ✗) as the finding codes, in place, before the shape is checked."""
    checks = data.get("checks") if isinstance(data, dict) else None
    for check in checks.values() if isinstance(checks, dict) else ():
        finding = check.get("finding") if isinstance(check, dict) else None
        if isinstance(finding, str) and finding.strip() in FINDING_WORDS:
            check["finding"] = FINDING_WORDS[finding.strip()]


def _check_problems(
    doc: Document,
    standard: Standard,
    assessment: Assessment,
    ctx: RuleContext,
    fact_id: str,
    check: dict[str, Any],
    values: dict[str, Any],
) -> list[Problem]:
    path: tuple[str | int, ...] = ("checks", fact_id)
    req = standard.requirement(fact_id)
    if req is None:
        args: dict[str, object] = {"id": fact_id, **closest(doc, standard, fact_id)}
        return [doc.problem("audit.unknown_fact", ("checks",), args, key=fact_id)]
    if req.fact_id != req.id:
        return [doc.problem("sa.fact_shared", ("checks",), {"owner": req.fact_id}, key=fact_id)]
    finding, raw = check.get("finding"), check.get("verified")
    rule = _finding_rule(finding, raw, bool((check.get("comment") or "").strip()))
    if rule:
        return [doc.problem(rule, (*path, "verified" if rule.startswith("audit.verified") else "finding"))]
    claim = assessment.facts.get(fact_id)
    if finding == "confirmed" and (claim is None or not claim.answered):
        return [doc.problem("audit.nothing_to_confirm", (*path, "finding"))]
    if raw is None:
        return []
    try:
        verified = KINDS[req.kind].read_fact(req.params, raw, standard.catalogues)
    except FactProblem as problem:
        return [doc.problem(problem.code, (*path, "verified", *problem.path), dict(problem.args_))]
    values[fact_id] = verified
    consistency = _consistency(standard, assessment, ctx, fact_id, finding, verified)
    return [doc.problem(consistency, (*path, "finding"))] if consistency else []


def _finding_rule(finding: str | None, verified: Any, has_comment: bool) -> str:
    """The code of the rule a check breaks about which fields its finding needs ('' if none)."""
    if finding is None:
        return "audit.no_finding" if verified is not None else ""
    if finding == "not_confirmed" and verified is None:
        return "audit.verified_required"
    if finding == "unverifiable" and verified is not None:
        return "audit.verified_forbidden"
    if finding in ("not_confirmed", "unverifiable") and not has_comment:
        return "audit.comment_required"
    return ""


def _consistency(
    standard: Standard, assessment: Assessment, ctx: RuleContext, fact_id: str, finding: str | None, verified: Any
) -> str:
    """A finding that contradicts its own verified value: 'confirmed' yet a verdict changes, or
    'not_confirmed' with the very value that was claimed."""
    claim = assessment.facts.get(fact_id)
    if finding == "not_confirmed" and claim is not None and same_value(claim.value, verified):
        return "audit.not_confirmed_same"
    if finding == "confirmed":
        found = Fact(fact_id, value=verified)
        for req in (r for r in standard.requirements if r.fact_id == fact_id):
            if judge(req, claim, ctx).status != judge(req, found, ctx).status:
                return "audit.confirmed_differs"
    return ""


def same_value(a: Any, b: Any) -> bool:
    """Equal as facts: lists compared as sets (the order of plaques or matters carries no meaning)."""
    return json.dumps(_canonical(a), sort_keys=True, ensure_ascii=False) == json.dumps(
        _canonical(b), sort_keys=True, ensure_ascii=False
    )


def _canonical(value: Any) -> Any:
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False))
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def _build(doc: Document, values: Mapping[str, Any]) -> Audit:
    """An Audit from a record that validated clean; ``values`` holds its verified facts, normalised."""
    data = doc.data
    checks = {}
    for fact_id, raw in data["checks"].items():
        if raw.get("finding") is None:
            continue  # a pre-filled row nobody filled in: not checked
        checks[str(fact_id)] = Check(
            fact_id=str(fact_id),
            finding=raw["finding"],
            verified=values.get(str(fact_id)),
            comment=(raw.get("comment") or "").strip(),
            references=tuple(raw.get("references") or ()),
        )
    assessment = data["assessment"]
    return Audit(
        assessment_sha256=str(assessment["sha256"]).strip().lower(),
        inspector=data["inspector"].strip(),
        date=parse_date(data["date"]) or date.min,
        checks=checks,
        path=doc.name,
        organisation=(data.get("organisation") or "").strip(),
        accompanied_by=(data.get("accompanied_by") or "").strip(),
    )


# ---------------------------------------------------------------- comparing


def verified_facts(assessment: Assessment, audit: Audit) -> dict[str, Fact]:
    """The claimed facts with every checked one replaced by what the inspector found."""
    facts = dict(assessment.facts)
    for fact_id, check in audit.checks.items():
        if check.finding == "unverifiable" or check.verified is None:
            continue
        facts[fact_id] = Fact(fact_id, value=check.verified, evidence=check.references, note=check.comment)
    return facts


def credibility(assessment: Assessment, audit: Audit) -> Credibility:
    counts = dict.fromkeys(("confirmed", "not_confirmed", "unverifiable", "unclaimed"), 0)
    for fact_id, check in audit.checks.items():
        claim = assessment.facts.get(fact_id)
        unclaimed = claim is None or not claim.answered
        counts["unclaimed" if unclaimed and check.finding != "unverifiable" else check.finding] += 1
    return Credibility(**counts)


def discrepancies(claimed: CheckResult, verified: CheckResult, audit: Audit) -> tuple[Discrepancy, ...]:
    """Requirements whose fact was not confirmed and whose verdict or reported value moved; veto ones first,
    then by points lost (claims found better than reported come last), then in the standard's order."""
    found = []
    for index, (before, after) in enumerate(zip(claimed.results, verified.results, strict=True)):
        check = audit.checks.get(before.requirement.fact_id)
        if check is None or check.finding != "not_confirmed":
            continue
        if (before.status, before.reported, before.points) == (after.status, after.reported, after.points):
            continue
        found.append((index, Discrepancy(before, after, check)))
    found.sort(key=lambda item: (not item[1].claimed.requirement.veto, -item[1].points_lost, item[0]))
    return tuple(d for _, d in found)


def verification(standard: Standard, audit: Audit) -> dict[str, str]:
    return {
        r.id: audit.checks[r.fact_id].finding if r.fact_id in audit.checks else UNVERIFIED
        for r in standard.requirements
    }


def compare(
    standard: Standard,
    assessment: Assessment,
    audit: Audit,
    lang: str = "zh",
    exemptions: Mapping[str, str] | None = None,
) -> AuditedResult:
    """Judge the claims and the verified facts under the same exemptions, and set them side by side."""
    claimed = evaluate(standard, assessment, lang, exemptions=exemptions)
    verified = evaluate(standard, assessment, lang, exemptions=exemptions, facts=verified_facts(assessment, audit))
    return AuditedResult(
        audit=audit,
        claimed=claimed,
        verified=verified,
        discrepancies=discrepancies(claimed, verified, audit),
        credibility=credibility(assessment, audit),
        verification=verification(standard, audit),
    )
