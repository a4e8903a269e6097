"""实地核查 pages: the bureau's plan (who visits which community, when), the inspector's list and audit form, the
finished audit's report. Thin: the work is in :mod:`web.inspection`; who sees what is :mod:`web.scope`'s."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from web import inspection, scope, services
from web.i18n import t
from web.views.common import flash, lang_of


def _int(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None


@require_POST
def assign(request: HttpRequest, round_id: int) -> HttpResponse:
    """The bureau plans an inspector (and a date) for the ticked communities of its scope; no inspector removes
    the plan."""
    scope.require_bureau(request.user)
    round_ = scope.get_round(request.user, round_id)
    lang = lang_of(request)
    ids = [i for i in (_int(v) for v in request.POST.getlist("community")) if i is not None]
    within = round_.communities.filter(pk__in=scope.communities(request.user).values("pk")).filter(pk__in=ids)
    if len(set(ids)) != within.count():
        raise Http404  # a community outside the bureau's scope or the round: not found, as everywhere
    text = request.POST.get("planned_on", "").strip()
    planned_on = services.parse_deadline(text) if text else None
    if text and planned_on is None:
        flash(request, t("web.planned_bad_date", lang, value=text), "error")
        return redirect("round", round_.pk)
    raw_inspector = request.POST.get("inspector", "")
    try:
        made = inspection.assign(
            round_, within, _int(raw_inspector) if raw_inspector else None, planned_on, request.user, request
        )
    except inspection.AssignRefused as refused:
        flash(request, t(refused.code, lang, **refused.args_), "error")
        return redirect("round", round_.pk)
    done = t("web.assigned", lang, count=len(made)) if made else t("web.unassigned", lang, count=within.count())
    flash(request, done)
    return redirect("round", round_.pk)
