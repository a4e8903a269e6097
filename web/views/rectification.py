"""Rectification pages: the bureau issues the notice of a submitted version; clerks answer (with photos),
inspectors and the bureau close or keep open; the notice's PDF as issued; the list of items across communities;
exemptions granted by the bureau. Moves are POSTs from the filing page, which lists a community's items."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme

from checker.audits.states import Refused, word
from web import evidence as evidence_store
from web import exemptions, rectification, scope
from web.i18n import label, t
from web.models import ExemptionGrant
from web.services import WebUsageError
from web.views.common import flash, lang_of, page, require_GET, require_POST

PAGE_SIZE = 100


@require_POST
def issue(request: HttpRequest, submission_id: int) -> HttpResponse:
    """下发整改通知: the notice of this submitted version with the deadlines given, its items opened."""
    scope.require_bureau(request.user)
    submission = scope.get_submission(request.user, submission_id)
    lang = lang_of(request)
    try:
        days = rectification.deadline_days(request.POST)
        notice = rectification.issue(
            submission,
            request.user,
            timezone.localdate(),
            request,
            lang,
            days,
            request.POST.get("authority", ""),
            request.POST.get("number", ""),
        )
    except WebUsageError as refused:
        flash(request, refused.message(lang), "error")
    else:
        flash(request, t("web.rect_issued", lang, count=notice.items.count()))
    back = request.POST.get("next", "")  # the page it was issued from: the filing page, 审核 or 核查报告
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back.split("#")[0] + "#issue")
    return redirect(f"/rounds/{submission.round_id}/c/{submission.community_id}/#rectification")


@require_POST
def act(request: HttpRequest, item_id: int) -> HttpResponse:
    """Answer (with photos), close (销号) or keep open one item; a refused move is shown in its words."""
    item = rectification.get_item(request.user, item_id)
    lang = lang_of(request)
    action = request.POST.get("action", "")
    photos = [f for f in request.FILES.getlist("photos") if f.size]
    comment = request.POST.get("comment", "")
    try:
        state = rectification.move(item, action, request.user, comment, request, photos)
    except (Refused, WebUsageError) as refused:
        _refused(request, item.pk, refused.message(lang), comment)
    except evidence_store.EvidenceRefused as refused:
        _refused(request, item.pk, t(refused.code, lang, **refused.args_), comment)
    else:
        flash(request, t("web.rect_moved", lang, title=item.title, state=label(word(state, lang), lang)))
    return redirect(f"/rounds/{item.round_id}/c/{item.community_id}/#rect-{item.pk}")


def _refused(request: HttpRequest, item_id: int, message: str, comment: str) -> None:
    """A refused move is said at its item, the item's form open with the words typed kept (the filing page
    takes it once: :data:`REFUSED`); a flash at the top was out of view on a phone and the comment was lost."""
    request.session[REFUSED] = {"item": item_id, "message": message, "comment": comment[:4000]}


REFUSED = "rect_refused"


@require_GET
def notice_pdf(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The notice exactly as issued (the stored bytes, never laid out again)."""
    notice = rectification.get_notice(request.user, notice_id)
    response = HttpResponse(bytes(notice.pdf), content_type="application/pdf")
    name = f"{notice.community.name}整改通知书（{notice.issued_on.isoformat()}）.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def items(request: HttpRequest) -> HttpResponse:
    """Every item within the user's scope, across communities and rounds, filtered by state or overdue."""
    if scope.account(request.user) is None:
        raise Http404
    today = timezone.localdate()
    found = rectification.in_scope(request.user)
    round_id = request.GET.get("round", "")
    if round_id.isdigit():
        found = found.filter(round_id=int(round_id))
    counts = rectification.counts(found, today)
    which = request.GET.get("state", "")
    which = which if which in rectification.FILTERS else ""
    shown = rectification.filtered(found, which, today).select_related("community", "round__standard")
    shown = shown.order_by("deadline", "community__district", "community__street", "community__name", "id")
    paged = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    return page(
        request,
        "rectification_list.html",
        counts=counts,
        which=which,
        filters=rectification.FILTERS,
        paged=paged,
        round_id=round_id if round_id.isdigit() else "",
        today=today,
        state_word=lambda key: label(word(key, lang_of(request)), lang_of(request)),
    )


@require_POST
def exemption_grant(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """豁免: the bureau grants one requirement to this community, with reason, approver and validity."""
    scope.require_bureau(request.user)
    round_, community = scope.get_filing(request.user, round_id, community_id)
    lang = lang_of(request)
    try:
        made = exemptions.grant(community, round_.standard.load(), dict(request.POST.items()), request.user, request)
    except WebUsageError as refused:
        flash(request, refused.message(lang), "error")
    else:
        flash(request, t("web.exempt_granted", lang, id=made.requirement_id, expires=made.expires_on.isoformat()))
    return redirect(f"/rounds/{round_.pk}/c/{community.pk}/#exemptions")


@require_POST
def exemption_revoke(request: HttpRequest, round_id: int, community_id: int, grant_id: int) -> HttpResponse:
    """撤销豁免: the bureau withdraws a grant of this community from today on, with its reason."""
    scope.require_bureau(request.user)
    round_, community = scope.get_filing(request.user, round_id, community_id)
    grant = get_object_or_404(ExemptionGrant, pk=grant_id, community=community, standard_id=round_.standard.standard_id)
    lang = lang_of(request)
    try:
        exemptions.revoke(grant, dict(request.POST.items()), request.user, request)
    except WebUsageError as refused:
        flash(request, refused.message(lang), "error")
    else:
        flash(request, t("web.exempt_revoked", lang, id=grant.requirement_id))
    return redirect(f"/rounds/{round_.pk}/c/{community.pk}/#exemptions")
