"""Rectification pages: the bureau issues the items of a submitted version; clerks answer, inspectors and the
bureau close or keep open. Both are POSTs from the filing page, which lists the items."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from checker.audits.states import Refused, word
from web import rectification, scope
from web.i18n import t
from web.views.common import flash, lang_of


@require_POST
def issue(request: HttpRequest, submission_id: int) -> HttpResponse:
    """下发整改通知: one item per gap of this submitted version."""
    scope.require_bureau(request.user)
    submission = scope.get_submission(request.user, submission_id)
    made = rectification.issue(submission, request.user, timezone.localdate(), request)
    flash(request, t("web.rect_issued", lang_of(request), count=len(made)))
    return redirect("filing", submission.round_id, submission.community_id)


@require_POST
def act(request: HttpRequest, item_id: int) -> HttpResponse:
    """Answer, close (销号) or keep open one item; a move the state table refuses is shown in its words."""
    item = rectification.get_item(request.user, item_id)
    lang = lang_of(request)
    action = request.POST.get("action", "")
    try:
        state = rectification.move(item, action, request.user, request.POST.get("comment", ""), request)
    except Refused as refused:
        flash(request, refused.message(lang), "error")
    else:
        flash(request, t("web.rect_moved", lang, title=item.title, state=word(state, lang)))
    return redirect("filing", item.round_id, item.community_id)
