"""A submitted version's gap report, the same wherever it is served: the report page (HTML and PDF), the exported
PDFs of a round and the JSON API. Judged by :func:`web.audited.judge` on the round's day (the exemptions granted
in the app, and the verified facts once an inspector's audit is finished), with the community's rectification
items beside the gaps — so a PDF exported for a district is the PDF its report page gives, byte for byte."""

from __future__ import annotations

from dataclasses import replace

from django.utils import timezone

from checker.engine import CheckResult
from web import audited, rectification
from web.models import Community, Round, Submission


def with_items(result: CheckResult, round_: Round, community: Community, lang: str) -> CheckResult:
    """The community's rectification items on its gap report (open, answered, closed)."""
    items = rectification.report_extras(round_, community, timezone.localdate(), lang)
    return replace(result, extras={**result.extras, "rectification": items}) if items else result


def submitted(submission: Submission, lang: str) -> CheckResult:
    """What the version's gap report shows."""
    judged = audited.judge(submission, lang, audited.judging_day(submission.round))
    return with_items(judged.result, submission.round, submission.community, lang)
