"""实地核查 pages: the bureau's plan (who visits which community, when), the inspector's list and audit form, the
finished audit's report. Thin: the work is in :mod:`web.inspection`; who sees what is :mod:`web.scope`'s."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from checker.audits.record import FINDINGS
from checker.audits.sheet_xlsx import FINDING_LABELS
from checker.errors import InputError
from checker.output import PRIORITY_TEXT, tr
from reports import render_html, render_pdf
from web import evidence as evidence_store
from web import inspection, rectification, scope, services
from web.audit import log
from web.i18n import label, t
from web.models import Audit
from web.views.common import flash, lang_of, page, require_GET, require_POST


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
    if not raw_inspector:
        flash(request, t("web.pick_inspector", lang), "error")
        return redirect("round", round_.pk)
    try:
        inspector_id = None if raw_inspector == "none" else (_int(raw_inspector) or 0)
        made = inspection.assign(round_, within, inspector_id, planned_on, request.user, request)
    except inspection.AssignRefused as refused:
        flash(request, t(refused.code, lang, **refused.args_), "error")
        return redirect("round", round_.pk)
    done = t("web.assigned", lang, count=len(made)) if made else t("web.unassigned", lang, count=within.count())
    flash(request, done)
    return redirect("round", round_.pk)


def _attachment(name: str) -> str:
    return content_disposition_header(as_attachment=True, filename=name) or "attachment"


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def start(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """开始核查 / 继续核查: the audit of the community's latest submitted version, begun or resumed."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    if not scope.may_audit(request.user):
        raise Http404
    try:
        audit = inspection.start(round_, community, request.user, request)
    except inspection.NoSubmission:
        flash(request, t("web.audit_no_submission", lang_of(request)), "error")
        return redirect("home")
    return redirect("audit", audit.pk)


def audit_page(request: HttpRequest, audit_id: int) -> HttpResponse:
    """The audit sheet on a phone: per item the claim, 确认 / 不符 / 无法核实, the verified value, a comment and
    photos; each answer saved as it is given. A finished audit shows its result instead."""
    audit = scope.get_audit(request.user, audit_id)
    if audit.finished:
        return redirect("audit_report", audit.pk, "html")
    return _page(request, audit)


def _page(request: HttpRequest, audit: Audit, status: int = 200, **extra: Any) -> HttpResponse:
    lang = lang_of(request)
    user = request.user
    return page(
        request,
        "audit.html",
        status=status,
        audit=audit,
        form=inspection.form(audit, lang),
        can_answer=scope.may_audit(user) and not audit.finished,
        findings=[(f, label(FINDING_LABELS[f][1 if lang == "en" else 0], lang)) for f in FINDINGS],
        header=extra.pop("header", None) or inspection.Header(user.get_full_name() or user.get_username()),
        today=timezone.localdate().isoformat(),
        item_messages=extra.pop("item_messages", {}),
        **extra,
    )


def _answer_reply(request: HttpRequest, audit: Audit, fact_id: str, status: int, **body: Any) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if status != 200:
        flash(request, " ".join([body.get("message", ""), *body.get("problems", [])]), "error")
    return redirect(reverse("audit", args=(audit.pk,)) + f"#i-{fact_id}")


@require_POST
def answer(request: HttpRequest, audit_id: int) -> HttpResponse:
    """One item's answer (fetch from the page, or the item's own save button without JavaScript). A change made
    from an older revision than the stored one is refused with 409 and the stored answer, as the draft's is."""
    audit = scope.get_audit(request.user, audit_id)
    if not scope.may_audit(request.user):
        raise Http404
    lang = lang_of(request)
    fact_id = request.POST.get("fact", "")
    if fact_id not in inspection.fact_ids(audit):
        raise Http404
    verified = inspection.clean_verified(
        audit,
        fact_id,
        request.POST.get("verified", ""),
        request.POST.getlist("handled"),
        request.POST.getlist("online"),
    )
    finding = request.POST.get("finding", "")
    comment = request.POST.get("comment", "")
    proposed = inspection.Given(finding if finding in FINDINGS else "", verified, comment.strip())
    refused = inspection.answer_problems(audit, fact_id, lang, proposed)
    if refused:  # not kept: an answer the record would refuse is not "saved" (the words at the item's field)
        fields: dict[str, list[str]] = {}
        for field, message in refused:
            fields.setdefault(field, []).append(message)
        problems = [message for _, message in refused]
        return _answer_reply(
            request, audit, fact_id, 400, message=t("web.audit_not_saved", lang), problems=problems, fields=fields
        )
    try:
        given = inspection.answer(
            audit,
            fact_id,
            _int(request.POST.get("revision")) or 0,
            finding,
            verified,
            comment,
            request.user,
            request,
        )
    except inspection.AuditClosed:
        return _answer_reply(request, audit, fact_id, 409, message=t("web.audit_closed", lang))
    except inspection.StaleAnswer as stale:
        latest = stale.latest
        who = latest.by.get_username() if latest.by else "?"
        message = t("web.audit_stale", lang, who=who, when=_when(latest.at))
        return _answer_reply(request, audit, fact_id, 409, message=message, **_answer_json(latest))
    return _answer_reply(
        request,
        audit,
        fact_id,
        200,
        message=t("web.audit_saved", lang, when=_when(given.at)),
        problems=[],  # checked above, before it was kept
        **_answer_json(given),
    )


def _when(at: Any) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S")


def _answer_json(given: Any) -> dict[str, Any]:
    return {
        "fact": given.fact_id,
        "revision": given.revision,
        "finding": given.finding,
        "verified": given.verified,
        "comment": given.comment,
        "at": _when(given.at),
    }


@require_POST
def photo(request: HttpRequest, audit_id: int) -> HttpResponse:
    """A photo for one item, taken with the phone's camera: stored as evidence files are (type by content,
    size capped, by SHA-256), served only as an attachment."""
    audit = scope.get_audit(request.user, audit_id)
    if not scope.may_audit(request.user):
        raise Http404
    lang = lang_of(request)
    fact_id = request.POST.get("fact", "")
    if fact_id not in inspection.fact_ids(audit):
        raise Http404
    upload_file = request.FILES.get("file")
    if upload_file is None:
        return _answer_reply(request, audit, fact_id, 400, message=t("web.no_file", lang))
    try:
        stored = evidence_store.store(upload_file.chunks())
        made = inspection.add_photo(audit, fact_id, stored, upload_file.name or "", request.user, request)
    except evidence_store.EvidenceRefused as refused:
        name = services.upload_name(upload_file.name or "")
        return _answer_reply(request, audit, fact_id, 422, message=f"{name}: {t(refused.code, lang, **refused.args_)}")
    except inspection.AuditClosed:
        return _answer_reply(request, audit, fact_id, 409, message=t("web.audit_closed", lang))
    return _answer_reply(
        request,
        audit,
        fact_id,
        200,
        message=t("web.attached", lang, name=made.name),
        photo=made.pk,
        name=made.name,
        url=reverse("audit_photo", args=(made.pk,)),
        thumb=reverse("audit_photo_thumb", args=(made.pk,)) if made.thumbnail else "",
    )


@require_POST
def finish(request: HttpRequest, audit_id: int) -> HttpResponse:
    """完成核查: the record from the answers, validated by the library against the submitted version and kept;
    every problem shown beside its item."""
    audit = scope.get_audit(request.user, audit_id)
    if not scope.may_audit(request.user):
        raise Http404
    lang = lang_of(request)
    header = inspection.Header(
        inspector=request.POST.get("inspector", "").strip()[:200],
        organisation=request.POST.get("organisation", "").strip()[:200],
        accompanied_by=request.POST.get("accompanied_by", "").strip()[:200],
        date=request.POST.get("date", "").strip()[:20],
    )
    try:
        inspection.finish(audit, header, request.user, request)
    except inspection.AuditClosed:
        return redirect("audit_report", audit.pk, "html")
    except InputError as error:
        by_fact, rest = inspection.problems_by_fact(error.problems, lang)
        error_text = t("web.audit_cannot_finish", lang, count=len(error.problems))
        return _page(request, audit, 422, item_messages=by_fact, problems=rest, error=error_text, header=header)
    flash(request, t("web.audit_finished", lang))
    return redirect("audit_report", audit.pk, "html")


@require_GET
def report(request: HttpRequest, audit_id: int, fmt: str) -> HttpResponse:
    """The audited report: verified beside claimed, discrepancies first, credibility (HTML or PDF)."""
    audit = scope.get_audit(request.user, audit_id)
    if not audit.finished or fmt not in ("html", "pdf"):
        raise Http404
    result = inspection.audited_result(audit, lang_of(request))
    if fmt == "pdf":
        response = HttpResponse(render_pdf(result), content_type="application/pdf")
        response["Content-Disposition"] = _attachment(
            f"{audit.community.name}核查报告（第{audit.submission.number}版）.pdf"
        )
        return response
    return page(
        request,
        "audit_report.html",
        audit=audit,
        summary=result.extras["audit"],
        result=result,
        issue_back=request.get_full_path(),
        issue=rectification.issue_form(request.user, audit.round_id, audit.community_id),
        priority_word=lambda level: label(tr(PRIORITY_TEXT, level, lang_of(request)), lang_of(request)),
    )


@require_GET
def report_frame(request: HttpRequest, audit_id: int) -> HttpResponse:
    """The report itself for the page's frame (its own CSS, nothing of ours, no scripts)."""
    audit = scope.get_audit(request.user, audit_id)
    if not audit.finished:
        raise Http404
    response = HttpResponse(
        render_html(inspection.audited_result(audit, lang_of(request))), content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


@require_GET
def record_file(request: HttpRequest, audit_id: int) -> HttpResponse:
    """The kept audit record, the file ``sqcheck check --audit`` reads."""
    audit = scope.get_audit(request.user, audit_id)
    if not audit.finished:
        raise Http404
    response = HttpResponse(audit.record_text, content_type="text/yaml; charset=utf-8")
    response["Content-Disposition"] = _attachment(f"{audit.community.name}核查记录.yaml")
    return response


@require_POST
def upload(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """A filled audit-sheet workbook or an ODK/Kobo/Enketo export instead of the phone form; every problem shown
    with its place (sheet!cell)."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    if not scope.may_upload_audit(request.user):
        raise Http404
    lang = lang_of(request)
    upload_file = request.FILES.get("file")
    if upload_file is None:
        flash(request, t("web.no_file", lang), "error")
        return redirect("filing", round_.pk, community.pk)
    try:
        audit = inspection.upload(
            round_, community, upload_file.chunks(), upload_file.name or "", request.user, request
        )
    except inspection.NoSubmission:
        flash(request, t("web.audit_no_submission", lang), "error")
        return redirect("filing", round_.pk, community.pk)
    except inspection.AssignRefused as refused:
        flash(request, t(refused.code, lang, **refused.args_), "error")
        return redirect("filing", round_.pk, community.pk)
    except inspection.AuditClosed:
        flash(request, t("web.audit_closed", lang), "error")
        return redirect("filing", round_.pk, community.pk)
    except InputError as error:
        problems = [p.format(lang) for p in [*error.notices, *error.problems]]
        name = services.upload_name(upload_file.name or "")
        log(request, "audit.upload_refused", community.path, name=name, problems=len(error.problems))
        return page(
            request, "audit_upload.html", status=422, round=round_, community=community, name=name, problems=problems
        )
    flash(request, t("web.audit_finished", lang))
    return redirect("audit_report", audit.pk, "html")


@require_GET
def sheet_xlsx(request: HttpRequest, audit_id: int) -> HttpResponse:
    """The audit sheet workbook of the audited version, to fill in on paper or in Excel and upload."""
    from checker.audits.sheet import build_sheet
    from checker.audits.sheet_xlsx import write_workbook

    audit = scope.get_audit(request.user, audit_id)
    if not scope.may_upload_audit(request.user):
        raise Http404
    standard, assessment = inspection.assessment_of(audit.submission)
    content = write_workbook(build_sheet(standard, assessment, lang_of(request)))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = _attachment(f"{audit.community.name}核查表.xlsx")
    return response


def _photo_response(request: HttpRequest, photo_id: int, thumbnail: bool) -> HttpResponse:
    item = scope.get_audit_photo(request.user, photo_id)
    if thumbnail and not item.thumbnail:
        raise Http404
    path = evidence_store.path_of(item.sha256, thumbnail=thumbnail)
    if not path.is_file():
        raise Http404
    if thumbnail:
        response = FileResponse(path.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=86400"
    else:
        response = FileResponse(path.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)
        response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def photo_file(request: HttpRequest, photo_id: int) -> HttpResponse:
    """Always a download, typed by content, never shown inline (as evidence files are)."""
    return _photo_response(request, photo_id, thumbnail=False)


@require_GET
def photo_thumb(request: HttpRequest, photo_id: int) -> HttpResponse:
    """The re-encoded JPEG thumbnail (our own bytes)."""
    return _photo_response(request, photo_id, thumbnail=True)
