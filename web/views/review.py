"""审核: the bureau (or an inspector assigned to the community) returns a submitted version for correction, with
comments beside the questions, or accepts it. The clerk sees the comments on the filing page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from checker.audits.states import SUBMISSION, Refused, word
from checker.output import PRIORITY_TEXT, STATUS_TEXT, title, tr
from web import audited, filing, rectification, review, scope
from web.i18n import label, t
from web.models import Account
from web.views.common import flash, lang_of, page


def review_page(request: HttpRequest, submission_id: int) -> HttpResponse:
    """GET: the version's result with a comment box per question and the moves this reviewer may make;
    POST: make one."""
    submission = scope.get_submission(request.user, submission_id)
    acct = scope.account(request.user)
    if acct is None or acct.role == Account.CLERK:
        raise Http404  # a clerk does not review, not even their own community's version
    lang = lang_of(request)
    spec = filing.form_spec(submission.round.standard.load())
    if request.method == "POST":
        items = {q.id: request.POST.get(f"item.{q.id}", "") for part in spec.parts for q in part.questions}
        try:
            review.review(submission, request.POST.get("action", ""), request.POST.get("comment", ""), items, request)
        except Refused as refused:
            flash(request, refused.message(lang), "error")
            return redirect("review", submission.pk)
        flash(request, t("web.reviewed", lang, state=word(review.state_of(submission), lang)))
        return redirect("round", submission.round_id)
    state = review.state_of(submission)
    # the claims as the report judges them (web.audited, the one judging path): exemptions in force marked 豁免
    judged = audited.judge(submission, lang, audited.judging_day(submission.round))
    result = judged.claimed
    statuses = {r.id: r for r in result.results}
    return page(
        request,
        "review.html",
        submission=submission,
        spec=spec,
        state=state,
        state_word=label(word(state, lang), lang),
        actions=[(a, label(word(a, lang), lang)) for a in SUBMISSION.actions(state, acct.role) if a != "audit"],
        results=statuses,
        result=result,
        grade=title(result.grade, lang) if result.grade else "",
        status_word=lambda status: tr(STATUS_TEXT, status, lang),
        reviews=list(submission.reviews.select_related("by")),
        is_latest=review.latest_version(submission.round_id, submission.community_id) == submission,
        word=lambda key, lang: label(word(key, lang), lang),
        issue_back=request.get_full_path(),
        issue=rectification.issue_form(request.user, submission.round_id, submission.community_id),
        priority_word=lambda level: label(tr(PRIORITY_TEXT, level, lang), lang),
    )
