"""A submitted version judged as the bureau sees it: under the exemptions granted in the app and, once an
inspector's audit of it is finished, on the verified facts. This is :mod:`checker.audits.audited` fed from the
database instead of files (the same record reader, the same comparison, the same extras for every report), so
the app has no judging path of its own."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.utils import timezone

from checker import assessment as assessments
from checker.audits import record as records
from checker.audits.exemptions import Decision
from checker.audits.output import audit_dict
from checker.engine import CheckResult, evaluate, with_extras
from checker.model import Assessment, Standard
from checker.yamlio import parse
from web import exemptions
from web.models import Audit, Community, Round, Submission
from web.services import submission_name


def today() -> date:
    return timezone.localdate()


def judging_day(round_: Round, on: date | None = None) -> date:
    """The day a round's versions are judged on for exemptions: today (or ``on``) while the round runs, its
    deadline once that has passed — a round stands for its period, so an exemption that lapses or is revoked
    after the deadline does not change it (the reports and the dashboard's figures judge on this same day)."""
    return min(on or today(), round_.deadline)


@dataclass(frozen=True)
class Judged:
    result: CheckResult  # the verified judgement when audited, else the claimed one; extras for the reports
    audited: records.AuditedResult | None
    exemptions: Decision | None
    audit_sha256: str = ""  # the audit record's own SHA-256, when audited

    @property
    def claimed(self) -> CheckResult:
        """The judgement of what the community claimed: the audited comparison's claimed side, else the result."""
        return self.audited.claimed if self.audited is not None else self.result


def loaded(submission: Submission) -> tuple[Standard, Assessment]:
    """The round's standard and the submitted text read as ``sqcheck check`` reads the same file."""
    standard = submission.round.standard.load()
    doc = parse(submission.text, submission_name(submission.community))
    return standard, assessments.from_document(doc, standard, submission.sha256)


def audit_record(submission: Submission) -> tuple[str, str] | None:
    """The finished audit record of this version (text, SHA-256), or None while nobody has finished one (an
    audit in progress is the inspector's, not yet a finding)."""
    found = Audit.objects.filter(submission=submission, state=Audit.FINISHED).exclude(record_text="").first()
    return (found.record_text, found.record_sha256) if found is not None else None


def judge(submission: Submission, lang: str, on: date, record: tuple[str, str] | None = None) -> Judged:
    """The submission under the exemptions in force on ``on`` and its finished audit (``record`` or the one
    stored for it)."""
    standard, assessment = loaded(submission)
    decision = exemptions.decision(submission.community, standard, assessment.profile, on)
    reasons = decision.reasons(lang) if decision is not None else {}
    extras: dict[str, object] = {"exemptions": decision.to_dict()} if decision is not None else {}
    record = record or audit_record(submission)
    if record is None:
        result = evaluate(standard, assessment, lang, exemptions=reasons)
        return Judged(with_extras(result, **extras), None, decision)
    text, sha = record
    audit = records.from_document(parse(text, f"{submission.community.name}核查记录.yaml"), standard, assessment)
    compared = records.compare(standard, assessment, audit, lang, reasons)
    extras["audit"] = audit_dict(compared)
    return Judged(with_extras(compared.verified, **extras), compared, decision, sha)


def live(doc: Any, round_: Round, community: Community, lang: str) -> Any:
    """The filing page's live check (:func:`web.filing.live`: problems beside their fields, a 填报周期 other than the
    round's among them) and its score under the community's exemptions in force on the round's day, as its draft
    report and its submitted versions' reports judge it."""
    from web import filing

    found = filing.live(doc, round_.standard.load(), lang, round_.period)
    if found.result is None:
        return found
    return replace(found, result=with_exemptions(found.result, community, judging_day(round_), lang))


def with_exemptions(result: CheckResult, community: Community, on: date, lang: str) -> CheckResult:
    """A draft's check judged again under the community's exemptions in force on ``on`` (as is when none)."""
    decision = exemptions.decision(community, result.standard, result.assessment.profile, on)
    if decision is None:
        return result
    again = evaluate(result.standard, result.assessment, lang, exemptions=decision.reasons(lang))
    return with_extras(again, exemptions=decision.to_dict())
