"""Publication and exports of a round (web/jobs.py does the work in `sqcheck worker`): ask for one, watch its
progress (htmx polls the list while something is queued or running), download the result as an attachment, and
share a publication as a read-only public page."""

from __future__ import annotations

import mimetypes
import secrets

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header

from web import hierarchy, jobs, scope
from web.i18n import t
from web.models import Job
from web.publication import read_previous_note, round_title
from web.views.common import flash, lang_of, page, require_GET, require_POST

ASKABLE = (Job.PUBLISH, Job.WORKLISTS, Job.PDFS, Job.NOTICES)


@require_POST
def ask(request: HttpRequest, round_id: int) -> HttpResponse:
    scope.require_bureau(request.user)
    round_ = scope.get_round(request.user, round_id)
    kind = request.POST.get("kind", "")
    node = request.POST.get("node", "")
    if kind not in ASKABLE or (node and not node.isdigit()):
        raise Http404
    place = hierarchy.node_place(scope.get_node(request.user, int(node) if node else None))  # own node or below
    jobs.request(kind, round_, place, lang_of(request), request.user)
    flash(request, t("web.job_asked", lang_of(request), kind=t(f"web.job.{kind}", lang_of(request))))
    return redirect(f"/rounds/{round_.pk}/#jobs")


@require_GET
def job_list(request: HttpRequest, round_id: int) -> HttpResponse:
    """The round's jobs within the user's scope (the part of the round page htmx refreshes)."""
    scope.require_bureau(request.user)
    round_ = scope.get_round(request.user, round_id)
    return page(request, "_jobs.html", round=round_, **context(request, round_))


def context(request: HttpRequest, round_) -> dict:  # type: ignore[no-untyped-def]
    found = list(scope.jobs(request.user).filter(round=round_)[:20])
    acct = scope.account(request.user)
    own = "/".join(p for p in scope.place(acct) if p) if acct else ""
    try:
        node = scope.own_node(request.user)
        nodes = [node, *_in_round(round_, hierarchy.children(node))]  # its own scope, or one node below
    except Http404:  # no roster has named the account's node yet
        nodes = []
    return {
        "nodes": nodes,
        "jobs": found,
        "askable": ASKABLE,
        "busy": any(j.state in (Job.QUEUED, Job.RUNNING) for j in found),
        # which previous round each finished publication was compared with (web.publication.previous_for)
        "compared": {
            j.pk: read_previous_note(jobs.folder(j)) for j in found if j.kind == Job.PUBLISH and j.state == Job.DONE
        },
        "scope_text": own or t("web.scope_all", lang_of(request)),
        "job_scope": lambda job: "/".join(p for p in scope.job_place(job) if p) or t("web.scope_all", lang_of(request)),
    }


def _in_round(round_, nodes) -> list:  # type: ignore[no-untyped-def]
    """The nodes with communities on this round's roster (the hierarchy is shared by every standard's rounds:
    a district of another standard's round has nothing to publish here)."""
    return [n for n in nodes if round_.communities.filter(hierarchy.below(hierarchy.node_place(n))).exists()]


@require_GET
def download(request: HttpRequest, job_id: int) -> HttpResponse:
    job = scope.get_job(request.user, job_id)
    path = jobs.result_path(job)
    if path is None or not path.is_file():
        raise Http404
    lang = lang_of(request)
    scope_part = "-".join(p for p in scope.job_place(job) if p) or t("web.scope_all", lang)
    name = f"{round_title(job.round)}-{scope_part}-{t(f'web.job.{job.kind}', lang).split('（')[0]}{path.suffix}"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_POST
def share(request: HttpRequest, job_id: int) -> HttpResponse:
    """Make (or stop) a publication's public link."""
    scope.require_bureau(request.user)
    job = scope.get_job(request.user, job_id)
    if job.kind != Job.PUBLISH or job.state != Job.DONE:
        raise Http404
    token = "" if request.POST.get("stop") else (job.public_token or secrets.token_urlsafe(24))
    Job.objects.filter(pk=job.pk).update(public_token=token)
    return redirect(f"/rounds/{job.round_id}/#jobs")


# the public page: no login; only the files of that one publication, never anything uploaded
PUBLIC_TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8"}
PUBLIC_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "sandbox allow-scripts allow-downloads"
)


@require_GET
def public(request: HttpRequest, token: str, path: str = "index.html") -> HttpResponse:
    job = scope.public_job(token)
    root = jobs.publication_folder(job).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file() or target.suffix not in {*PUBLIC_TYPES, ".json"}:
        raise Http404
    content_type = PUBLIC_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/json"
    response = FileResponse(target.open("rb"), content_type=content_type)
    response["Content-Security-Policy"] = PUBLIC_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
