"""The bureau's dashboard, the communities behind each figure, a round against another, a community's history.
Thin: scope decides the node and the round (404 outside), web.dashboard builds the view-models."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from checker.audits.states import word
from checker.publish.aggregate import work_list_of
from web import dashboard, rollup, scope
from web.i18n import label, t
from web.models import CommunityRound, Round
from web.views.common import lang_of, page


def _node(request: HttpRequest):  # type: ignore[no-untyped-def]
    raw = request.GET.get("node")
    if raw is not None and not raw.isdigit():
        raise Http404
    return scope.get_node(request.user, int(raw) if raw else None)


def status_word(key: str, lang: str) -> str:
    """not started, draft, submitted (the round page's words) and the review states (the state table's)."""
    if key in ("not_started", "draft", "submitted"):
        return t(f"web.status.{key}", lang)
    return label(word(key, lang), lang)


def board(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = scope.get_round(request.user, round_id)
    top, node = scope.own_node(request.user), _node(request)
    lang = lang_of(request)
    built = dashboard.build(round_, node, top, timezone.localdate(), lang)
    previous = dashboard.previous_round(scope.rounds(request.user), round_)
    return page(
        request,
        "dashboard.html",
        board=built,
        previous=previous,
        status_word=status_word,
    )


def communities(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = scope.get_round(request.user, round_id)
    top, node = scope.own_node(request.user), _node(request)
    lang = lang_of(request)
    filters = {k: request.GET[k] for k in dashboard.FILTERS if k in request.GET}
    found = dashboard.communities(round_, node, filters, lang, timezone.localdate())
    listed = dashboard.page_of(found, request.GET.get("page"))
    return page(
        request,
        "dash_communities.html",
        round=round_,
        node=node,
        trail=dashboard.hierarchy.breadcrumb(node, top),
        figure=_figure(round_, filters, lang),
        listed=listed,
        query={**filters, "node": node.pk},
        status_word=status_word,
    )


def _figure(round_: Round, filters: dict[str, str], lang: str) -> str:
    """What the list is, in words: the figure it stands behind."""
    standard = round_.standard.load()
    said = []
    if "status" in filters:
        said.append(status_word(filters["status"], lang))
    if "reported" in filters:
        said.append(t("dash.reported", lang))
    if "audited" in filters:
        said.append(word("audited", lang))
    for key, prefix in (("grade", "dash.claimed"), ("vgrade", "dash.verified")):
        if key in filters:
            said.append(f"{t(prefix, lang)} {filters[key] or t('dash.no_grade', lang)}")
    if filters.get("score", "").isdigit():
        low = int(filters["score"])
        said.append(t("dash.score_range", lang, low=low, high=low + 10))
    if "gap" in filters:
        req = standard.index.get(filters["gap"])
        said.append(f"{t('dash.communities_missing', lang)} {filters['gap']} {req.title if req else ''}".strip())
    if "body" in filters:
        key = filters["body"]
        names = {k: n for k, n in (work_list_of(standard, r, lang) for r in standard.requirements)}
        said.append(names.get(key, key.removeprefix("name:")))
    if filters.get("rect") in dashboard.RECTIFICATION:
        said.append(f"{t('dash.rectification', lang)}{t('dash.colon', lang)}{t('dash.rect_' + filters['rect'], lang)}")
    return t("dash.and", lang).join(said) or t("dash.roster", lang)


def compare(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = scope.get_round(request.user, round_id)
    top, node = scope.own_node(request.user), _node(request)
    mine = scope.rounds(request.user)
    same = mine.filter(standard__standard_id=round_.standard.standard_id)  # gaps compare within one standard
    other = request.GET.get("with", "")
    if other and not other.isdigit():
        raise Http404
    previous = (
        get_object_or_404(same.select_related("standard"), pk=int(other))
        if other
        else dashboard.previous_round(mine, round_)
    )
    choices = same.exclude(pk=round_.pk).select_related("standard").order_by("-deadline", "-pk")
    built = dashboard.compare(round_, previous, node, top, lang_of(request)) if previous else None
    return page(request, "dash_compare.html", round=round_, node=node, cmp=built, choices=choices)


def history(request: HttpRequest, community_id: int) -> HttpResponse:
    community = get_object_or_404(scope.communities(request.user), pk=community_id)
    rounds = list(scope.rounds(request.user).filter(communities=community))
    for round_ in rounds:
        rollup.ensure(round_)
    rows = (
        CommunityRound.objects.filter(community=community, round__in=[r.pk for r in rounds])
        .select_related("round__standard")
        .order_by("round__deadline", "round__pk")
    )
    return page(
        request,
        "dash_history.html",
        community=community,
        rows=dashboard.history(list(rows)),
        status_word=status_word,
    )
