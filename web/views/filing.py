"""The community's filing page: the form, live field checks, uploads, evidence, reports, submission."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header

from checker.audits.notice import DEFAULT_DEADLINES
from checker.audits.states import word
from checker.errors import InputError
from checker.output import PRIORITY_TEXT, tr
from reports import render_html, render_pdf
from web import audited, exemptions, filing, gap_report, inspection, rectification, review, scope, services
from web import evidence as evidence_store
from web.audit import log
from web.i18n import label, t
from web.models import Community, Evidence, RectificationNotice, Round, Submission
from web.views.common import flash, lang_of, page, require_GET, require_POST
from web.views.rectification import REFUSED

_DOM = re.compile(r"[^A-Za-z0-9_-]")


def dom_id(name: str) -> str:
    return "msg-" + _DOM.sub("_", name)


def home(request: HttpRequest) -> HttpResponse:
    acct = scope.account(request.user)
    if acct is None:
        raise Http404
    rounds = scope.rounds(request.user).select_related("standard")
    rows = []
    for round_ in rounds:
        mine = scope.communities(request.user, round_)
        communities = list(round_.communities.filter(pk__in=mine.values("pk"))[:50]) if acct.role == "clerk" else []
        visits = inspection.visits(request.user, round_) if acct.role == "inspector" else []
        mine, others = inspection.mine_first(visits, request.user)
        rows.append({"round": round_, "communities": communities, "visits": mine, "others": others})
    items = rectification.in_scope(request.user)
    today = timezone.localdate()
    return page(
        request,
        "home.html",
        rows=rows,
        rect_counts=rectification.counts(items, today),
        overdue=rectification.overdue_by_filing(items, today),
        unclosed=rectification.unclosed_by_filing(items),
    )


def _context(
    request: HttpRequest,
    round_: Round,
    community: Community,
    cells: dict[str, str] | None = None,
    version: int | None = None,
    problems: Any = None,
    **extra: Any,
) -> dict[str, Any]:
    lang = lang_of(request)
    standard = round_.standard.load()
    spec = filing.form_spec(standard)
    stored, stored_version = services.draft_cells(round_, community, spec)
    typed = cells is not None  # what was just typed (a refused save or submission): the draft is being edited
    cells = stored if cells is None else cells
    attached = services.attached_names(round_, community)
    doc = filing.read_cells(cells, spec, attached=attached)
    live = audited.live(doc, round_, community, lang)
    shown = live.problems if problems is None else problems
    _state, latest_review, item_reviews = review.comments_to_show(round_.pk, community.pk)
    versions = Submission.objects.filter(round=round_, community=community).order_by("-number")
    evidence: dict[str, list[Evidence]] = {}
    for item in Evidence.objects.filter(round=round_, community=community, rectification_events__isnull=True):
        evidence.setdefault(item.requirement_id, []).append(item)
    return {
        "round": round_,
        "community": community,
        "spec": spec,
        "cells": cells,
        "version": stored_version if version is None else version,
        "messages": filing.field_messages(shown, lang),
        "problem_count": len(shown),
        "live": live,
        "evidence": evidence,
        "versions": versions,
        "standing": None if typed else _standing(round_, community, versions.first(), lang),
        "can_file": scope.may_file(request.user, community) and round_.accepts_filing(),
        "is_clerk": scope.may_file(request.user, community),
        "dom_id": dom_id,
        "latest_review": latest_review,
        "item_reviews": item_reviews,
        "state_word": lambda state: label(word(state, lang), lang),
        "rectification": rectification.rows(round_, community, _role(request), timezone.localdate()),
        "notices": RectificationNotice.objects.filter(round=round_, community=community).select_related("submission"),
        "may_issue": scope.may_manage(request.user),
        "issue": rectification.issue_form(request.user, round_.pk, community.pk),
        "inspection": inspection.card(request.user, round_, community),
        "default_days": DEFAULT_DEADLINES,
        "priority_word": lambda level: label(tr(PRIORITY_TEXT, level, lang), lang),
        "exemptions": exemptions.rows(community, round_.standard.standard_id, audited.judging_day(round_), lang),
        "exemption_day": audited.judging_day(round_),
        **extra,
    }


@dataclass(frozen=True)
class Standing:
    """A submitted version's result as its report gives it (web.audited, the one judging path: exemptions in
    force, the finished audit's verified result), shown instead of the live score when no draft is being
    edited since that version."""

    submission: Submission
    result: Any
    claimed_score: float | None  # the self-assessment's score beside the verified one, when audited


def _standing(round_: Round, community: Community, latest: Submission | None, lang: str) -> Standing | None:
    if latest is None:
        return None
    draft = services.draft_of(round_, community)
    if draft is not None and draft.updated_at > latest.submitted_at:
        return None  # the clerk is editing a draft since: the live score is the one that means something
    judged = audited.judge(latest, lang, audited.judging_day(round_))  # the day its report judges on
    claimed = judged.audited.claimed.score if judged.audited is not None else None
    return Standing(latest, judged.result, claimed)


def _role(request: HttpRequest) -> str:
    acct = scope.account(request.user)
    return acct.role if acct is not None else ""


def filing_page(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """GET: the form with the draft; POST: save the draft (refused if someone saved meanwhile)."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    if request.method != "POST":
        refused = request.session.pop(REFUSED, None)  # a refused 整改 move, said at its item once
        return page(request, "filing.html", **_context(request, round_, community, rect_refused=refused))
    if not scope.may_file(request.user, community) or not round_.accepts_filing():
        raise Http404
    spec = filing.form_spec(round_.standard.load())
    cells = filing.clean_cells(request.POST, spec)
    try:
        draft = services.save_draft(round_, community, cells, _base_version(request), request.user, request)
    except services.Stale as stale:
        return _stale(request, round_, community, cells, stale)
    flash(request, t("web.saved", lang_of(request), version=draft.version))
    return redirect("filing", round_.pk, community.pk)


def _base_version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("_version", "-1"))
    except ValueError:
        return -1


def _stale(
    request: HttpRequest, round_: Round, community: Community, cells: dict[str, str], stale: services.Stale
) -> HttpResponse:
    lang = lang_of(request)
    who = stale.draft.updated_by.get_username() if stale.draft.updated_by else "?"
    when = stale.draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    error = t("web.stale", lang, who=who, when=when)
    context = _context(request, round_, community, cells=cells, version=stale.draft.version - 10**9, error=error)
    context["version"] = _base_version(request)  # the page keeps refusing until reopened
    return page(request, "filing.html", status=409, **context)


@require_POST
def field_check(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """htmx: the form as it stands, checked by the CLI's validation; answers the changed field's question."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    standard = round_.standard.load()
    spec = filing.form_spec(standard)
    cells = filing.clean_cells(request.POST, spec)
    doc = filing.read_cells(cells, spec, attached=services.attached_names(round_, community))
    lang = lang_of(request)
    live = audited.live(doc, round_, community, lang)
    changed = request.POST.get("_field") or request.headers.get("HX-Trigger-Name") or ""
    names = _neighbours(changed, spec)
    return page(
        request,
        "_field_check.html",
        names=names,
        messages=filing.field_messages(live.problems, lang),
        live=live,
        dom_id=dom_id,
        round=round_,
        community=community,
    )


def _neighbours(name: str, spec: filing.FormSpec) -> list[str]:
    """The fields whose messages may change with ``name``: every field of the same question."""
    if name.startswith("q."):
        req_id = name[2:].rsplit(".", 1)[0]
        return [filing.fact_name(req_id, k) for k in ("value", "not_applicable", "evidence", "note")]
    if name.startswith("m.") and spec.matters is not None:
        return [filing.fact_name(spec.matters.owner.id, "value")]
    return [name] if name in spec.names() else []


@require_POST
def upload(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """An Excel form, YAML or JSON file: every placed problem shown; when valid, loaded into the draft."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    if not scope.may_file(request.user, community) or not round_.accepts_filing():
        raise Http404
    lang = lang_of(request)
    upload_file = request.FILES.get("file")
    if upload_file is None:
        return page(
            request, "filing.html", status=400, **_context(request, round_, community, error=t("web.no_file", lang))
        )
    standard = round_.standard.load()
    try:
        doc, shown = services.read_upload(upload_file.chunks(), upload_file.name or "", standard)
        data = services.validated_data(doc, standard, round_.period)
    except InputError as error:
        refused = [p.format(lang) for p in [*error.notices, *error.problems]]
        name = services.upload_name(upload_file.name or "")
        log(request, "upload.refused", f"round {round_.pk} {community.path}", name=name, problems=len(error.problems))
        context = _context(request, round_, community, upload_problems=refused, upload_name=name)
        return page(request, "filing.html", status=422, **context)
    spec = filing.form_spec(standard)
    cells = filing.cells_from_data(data, spec)
    try:
        services.save_draft(round_, community, cells, _base_version(request), request.user, request)
    except services.Stale as stale:
        return _stale(request, round_, community, cells, stale)
    log(request, "upload.loaded", f"round {round_.pk} {community.path}", name=shown)
    flash(request, t("web.uploaded", lang, name=shown))
    return redirect("filing", round_.pk, community.pk)


@require_POST
def submit(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """Save the form as the draft, then submit it as a new version if it validates."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    if not scope.may_file(request.user, community) or not round_.accepts_filing():
        raise Http404
    lang = lang_of(request)
    standard = round_.standard.load()
    spec = filing.form_spec(standard)
    cells = filing.clean_cells(request.POST, spec)
    try:
        draft = services.save_draft(round_, community, cells, _base_version(request), request.user, request)
    except services.Stale as stale:
        return _stale(request, round_, community, cells, stale)
    doc = filing.read_cells(cells, spec, attached=services.attached_names(round_, community))
    try:
        done = services.submit_document(round_, community, doc, request.user, "form", request, lang)
    except InputError as error:
        error_text = t("web.cannot_submit", lang, count=len(error.problems))
        context = _context(request, round_, community, version=draft.version, problems=error.problems, error=error_text)
        return page(request, "filing.html", status=422, **context)
    flash(request, t("web.submitted", lang, number=done.submission.number))
    return redirect("filing", round_.pk, community.pk)


@require_GET
def form_xlsx(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """The Excel form, pre-filled with the draft (answers with problems left empty)."""
    from checker.workbook.writer import render_workbook

    round_, community = scope.get_filing(request.user, round_id, community_id)
    standard = round_.standard.load()
    spec = filing.form_spec(standard)
    cells, _ = services.draft_cells(round_, community, spec)
    doc = filing.read_cells(cells, spec, attached=services.attached_names(round_, community))
    content = render_workbook(standard, filing.export_data(doc, standard), period=round_.period)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = _attachment(f"{community.name}自评表.xlsx")
    return response


def _attachment(name: str) -> str:
    return content_disposition_header(as_attachment=True, filename=name) or "attachment"


def _live_result(request: HttpRequest, round_: Round, community: Community) -> Any:
    standard = round_.standard.load()
    spec = filing.form_spec(standard)
    cells, _ = services.draft_cells(round_, community, spec)
    doc = filing.read_cells(cells, spec, attached=services.attached_names(round_, community))
    result = filing.live(doc, standard, lang_of(request)).result
    if result is None:
        raise Http404
    return result


def _report_response(request: HttpRequest, result: Any, fmt: str, name: str) -> HttpResponse:
    if fmt not in ("html", "pdf"):
        raise Http404
    if fmt == "pdf":
        response = HttpResponse(render_pdf(result), content_type="application/pdf")
        response["Content-Disposition"] = _attachment(name + ".pdf")
        return response
    response = HttpResponse(render_html(result), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


@require_GET
def draft_report(request: HttpRequest, round_id: int, community_id: int, fmt: str) -> HttpResponse:
    """The gap report of the draft as it stands (HTML shown in the page, or PDF)."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    lang, day = lang_of(request), audited.judging_day(round_)
    result = audited.with_exemptions(_live_result(request, round_, community), community, day, lang)
    result = gap_report.with_items(result, round_, community, lang)
    return _report_response(request, result, fmt, f"{community.name}缺项报告（草稿）")


@require_GET
def submission_report(request: HttpRequest, submission_id: int, fmt: str) -> HttpResponse:
    """A submitted version's gap report, judged from its stored text."""
    submission = scope.get_submission(request.user, submission_id)
    result = gap_report.submitted(submission, lang_of(request))
    name = f"{submission.community.name}缺项报告（第{submission.number}版）"
    return _report_response(request, result, fmt, name)


@require_POST
def evidence_add(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    round_, community = scope.get_filing(request.user, round_id, community_id)
    if not scope.may_file(request.user, community) or not round_.accepts_filing():
        raise Http404
    lang = lang_of(request)
    standard = round_.standard.load()
    requirement_id = request.POST.get("requirement", "")
    if standard.requirement(requirement_id) is None:
        raise Http404
    upload_file = request.FILES.get("file")
    if upload_file is None:
        flash(request, t("web.no_file", lang), "error")
        return redirect("filing", round_.pk, community.pk)
    try:
        stored = evidence_store.store(upload_file.chunks())
    except evidence_store.EvidenceRefused as refused:
        flash(
            request,
            f"{services.upload_name(upload_file.name or '')}: {t(refused.code, lang, **refused.args_)}",
            "error",
        )
        return redirect("filing", round_.pk, community.pk)
    item = Evidence.objects.create(
        round=round_,
        community=community,
        requirement_id=requirement_id,
        sha256=stored.sha256,
        name=evidence_store.safe_name(upload_file.name or "", stored.content_type),
        content_type=stored.content_type,
        size=stored.size,
        thumbnail=stored.thumbnail,
        uploaded_by=request.user,
    )
    log(
        request, "evidence.add", f"round {round_.pk} {community.path}", requirement=requirement_id, sha256=stored.sha256
    )
    flash(request, t("web.attached", lang, name=item.name))
    return redirect(f"/rounds/{round_.pk}/c/{community.pk}/#q-{requirement_id}")


@require_GET
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """Always a download (never shown inline), with the type found by content and nosniff."""
    item = scope.get_evidence(request.user, evidence_id)
    path = evidence_store.path_of(item.sha256)
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_GET
def evidence_thumb(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """The re-encoded JPEG thumbnail (our own bytes, so safe to show inline)."""
    item = scope.get_evidence(request.user, evidence_id)
    if not item.thumbnail:
        raise Http404
    path = evidence_store.path_of(item.sha256, thumbnail=True)
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response
