"""What a job makes (web/jobs.py): each takes the job, its folder and a progress meter, and returns the file or
folder to offer (a folder is packed as a ZIP by the job). All of it for the job's round and scope, from the
database, by the library's own code."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from checker.errors import SqcheckError
from web import scope
from web.models import Community, Job, RectificationNotice, Submission
from web.publication import StoredTasks, document_name, previous_for, publish_round, write_previous_note

if TYPE_CHECKING:
    from web.jobs import Progress


def communities_of(job: Job) -> QuerySet[Community]:
    return scope.job_communities(job)


def publish(job: Job, place: Path, progress: Progress) -> Path:
    """The round's publication for the scope, by the CLI's publish (whole or not at all: checker.publish.atomic),
    compared with the previous round of the same standard for the same scope (web.publication.previous_for)."""
    from web.jobs import publication_folder

    outdir = publication_folder(job)
    previous = previous_for(job.round, scope.job_place(job))
    publish_round(
        job.round, communities_of(job), outdir, lang=job.lang, now=job.generated_at, meter=progress, previous=previous
    )
    write_previous_note(previous, place)
    return outdir


def worklists(job: Job, place: Path, progress: Progress) -> Path:
    """Each responsible body's work list as its own XLSX, from the publication's work lists."""
    from web.worklists import write_worklists

    staging = _fresh(place / "worklists.tmp")
    published = publish_round(
        job.round,
        communities_of(job),
        staging / "summary",
        lang=job.lang,
        now=job.generated_at,
        meter=progress,
        formats=frozenset({"json"}),
    )
    out = _fresh(place / "worklists")
    write_worklists(published.publication, out)
    shutil.rmtree(staging, ignore_errors=True)
    return out


def pdfs(job: Job, place: Path, progress: Progress) -> Path:
    """Each community's gap report PDF (its latest submitted version), as the report page serves it: through
    the PDF cache, so a report laid out once (viewed, or exported before) is not laid out again."""
    from reports import render_pdf
    from web import gap_report

    out = _fresh(place / "reports")
    tasks = StoredTasks(job.round, communities_of(job))
    progress.start(len(tasks), "pdfs")
    for submission in _latest(tasks):
        result = gap_report.submitted(submission, job.lang)
        target = out / Path(document_name(submission.community)).with_suffix(".pdf")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_pdf(result))
        progress.advance()
    progress.stop()
    return out


class NothingIssued(SqcheckError):
    """The job's scope has no notice of this round: the job fails saying so (an empty ZIP would say nothing)."""


def notices(job: Job, place: Path, progress: Progress) -> Path:
    """Every rectification notice of the round issued in the scope, byte for byte as issued (the kept PDF, not a
    new rendering), one file per submitted version: 区/街道/社区（第 N 版）整改通知书.pdf."""
    from web.i18n import t

    issued = (
        RectificationNotice.objects.filter(round=job.round, community__in=communities_of(job))
        .select_related("community", "submission")
        .order_by("community__district", "community__street", "community__name", "submission__number")
    )
    total = issued.count()
    if total == 0:
        raise NothingIssued(t("web.job_no_notices", job.lang))
    out = _fresh(place / "notices")
    progress.start(total, "notices")
    for notice in issued.iterator(chunk_size=50):
        stem = str(Path(document_name(notice.community)).with_suffix(""))
        version = notice.submission.number
        label = f"（第 {version} 版）整改通知书" if job.lang == "zh" else f" (version {version}) notice"
        target = out / f"{stem}{label}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bytes(notice.pdf))
        progress.advance()
    progress.stop()
    return out


def _latest(tasks: StoredTasks):  # type: ignore[no-untyped-def]
    ids = [pk for _, pk in tasks.entries]
    for start in range(0, len(ids), 50):
        chunk = ids[start : start + 50]
        found = Submission.objects.select_related("round__standard", "community").in_bulk(chunk)
        for pk in chunk:
            yield found[pk]


def _fresh(folder: Path) -> Path:
    """An empty folder (what a killed attempt left there is removed first)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
