"""Work off the request path: a bureau asks for a publication or an export, ``sqcheck worker`` does it.

The queue is Django's own task API (``django.tasks`` from Django 6 on; the ``django-tasks`` backport on 5.2) with
the ``django-tasks-db`` backend, so jobs are queued in the app's own database — SQLite on one machine, the same
code on PostgreSQL for many workers on many machines — and a job and its queue entry are written in one
transaction (see docs/jobs.md for why this and not Huey or Procrastinate).

The :class:`web.models.Job` row is the job's truth; the queue only carries "run job N". A running job beats (its
``heartbeat_at``) as it makes progress; a job whose worker stopped beating for ``JOB_LEASE`` seconds (killed,
machine gone) is queued again by any worker (:func:`recover`), up to ``MAX_ATTEMPTS`` attempts. Its output is
written beside its final name and renamed into place, and ``generated_at`` is fixed when the job is asked for,
so a retried job writes exactly the bytes the first attempt would have.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from checker.errors import InputError, SqcheckError, UsageError
from web.models import Job, Round

logger = logging.getLogger("sqcheck.jobs")
MAX_ATTEMPTS = 3
PROGRESS_EVERY = 0.5  # seconds between progress writes
RESULT_NAMES = {
    Job.PUBLISH: "publication.zip",
    Job.WORKLISTS: "worklists.zip",
    Job.PDFS: "reports.zip",
    Job.NOTICES: "notices.zip",
}


@task()
def run_job(job_id: int) -> None:
    """The queue's task: run job N (the Job row says what, for whom, and whether it is still to do), beating
    from a thread of its own while it runs, so a long step (a big report.pdf, the ZIP) is not taken for death."""
    execute(job_id, beat_every=max(0.5, float(settings.JOB_LEASE) / 4))


def folder(job: Job) -> Path:
    return Path(settings.JOBS_DIR) / str(job.pk)


def result_path(job: Job) -> Path | None:
    if job.state != Job.DONE or not job.result_name:
        return None
    return folder(job) / job.result_name


def publication_folder(job: Job) -> Path:
    """A publication job's publication, as written by checker.publish (the public page serves its files)."""
    return folder(job) / "publication"


def request(kind: str, round_: Round, place: tuple[str, str, str, str], lang: str, user: Any) -> Job:
    """A job for the communities at or below a place of the hierarchy (province, city, district, street), queued
    in the same transaction that records it."""
    province, city, district, street = place
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            round=round_,
            scope_province=province,
            scope_city=city,
            scope_district=district,
            scope_street=street,
            lang=lang,
            generated_at=timezone.now().replace(microsecond=0),
            created_by=user,
        )
        _enqueue(job)
    return job


def _enqueue(job: Job) -> None:
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))


# ---------------------------------------------------------------- running a job (in the worker)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Progress:
    """The checker.publish Meter of a job: counts communities, writes progress and the heartbeat at most every
    PROGRESS_EVERY seconds, and only while this attempt is the job's current one."""

    job_id: int
    attempt: int
    done: int = 0
    total: int = 0
    written_at: float = 0.0

    def start(self, total: int, label: str) -> None:
        self.total, self.done = total, 0
        self.beat(force=True)

    def advance(self) -> None:
        self.done += 1
        self.beat()

    def stop(self) -> None:
        self.beat(force=True)

    def beat(self, force: bool = False) -> None:
        moment = time.monotonic()
        if not force and moment - self.written_at < PROGRESS_EVERY:
            return
        self.written_at = moment
        Job.objects.filter(pk=self.job_id, attempts=self.attempt).update(
            done=self.done, total=self.total, heartbeat_at=timezone.now()
        )


Work = Callable[[Job, Path, Progress], Path]  # (job, its folder, progress) -> the file to offer for download


def _works() -> dict[str, Work]:
    from web import exports

    return {
        Job.PUBLISH: exports.publish,
        Job.WORKLISTS: exports.worklists,
        Job.PDFS: exports.pdfs,
        Job.NOTICES: exports.notices,
    }


def claim(job_id: int) -> Job | None:
    """Take the job for this worker (a new attempt); None if it is finished or another worker holds it."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in (Job.DONE, Job.FAILED):
            return None
        if job.state == Job.RUNNING and not _stale(job, timezone.now()):
            return None
        job.state, job.attempts, job.worker = Job.RUNNING, job.attempts + 1, worker_name()
        job.heartbeat_at = job.started_at = timezone.now()
        job.done = job.total = 0
        job.save(update_fields=["state", "attempts", "worker", "heartbeat_at", "started_at", "done", "total"])
        return job


def execute(job_id: int, beat_every: float | None = None) -> None:
    job = claim(job_id)
    if job is None:
        return
    if beat_every is None:
        _execute(job)
        return
    stop = threading.Event()
    beating = threading.Thread(target=_beat, args=(job.pk, job.attempts, beat_every, stop), daemon=True)
    beating.start()
    try:
        _execute(job)
    finally:
        stop.set()
        beating.join(timeout=10)


def _beat(job_id: int, attempt: int, every: float, stop: threading.Event) -> None:
    from django.db import connection

    try:
        while not stop.wait(every):
            try:
                Job.objects.filter(pk=job_id, attempts=attempt).update(heartbeat_at=timezone.now())
            except DatabaseError:  # busy for a moment: the next beat is soon
                logger.warning("sqcheck worker: a heartbeat was not written", exc_info=True)
    finally:
        connection.close()


def _execute(job: Job) -> None:
    progress = Progress(job.pk, job.attempts)
    place = folder(job)
    try:
        place.mkdir(parents=True, exist_ok=True)
        produced = _works()[job.kind](job, place, progress)
        from web.publication import zip_folder

        packed = zip_folder(produced, place / RESULT_NAMES[job.kind], job.generated_at) if produced.is_dir() else None
    except (InputError, SqcheckError) as error:
        _finish(job, Job.FAILED, error=_words(error, job.lang))
        return
    except Exception as error:  # a bug, or the disk: the job says so at once (not after its lease), the queue logs it
        from web.i18n import t

        detail = f"{type(error).__name__}: {error}"[:300]
        _finish(job, Job.FAILED, error=t("web.job_internal", job.lang, error=detail))
        raise
    if packed is None:
        _finish(job, Job.DONE, name=produced.name, size=produced.stat().st_size, sha256=_sha256(produced))
    else:
        _finish(job, Job.DONE, name=packed.name, size=packed.size, sha256=packed.sha256)


def _words(error: SqcheckError, lang: str) -> str:
    if isinstance(error, InputError):
        return "\n".join(p.format(lang) for p in [*error.notices, *error.problems][:20])
    if isinstance(error, UsageError):
        return error.message(lang)
    return str(error)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _finish(
    job: Job, state: str, *, name: str = "", size: int | None = None, sha256: str = "", error: str = ""
) -> None:
    """Record the outcome, unless another attempt has taken the job over meanwhile (its outcome counts)."""
    Job.objects.filter(pk=job.pk, attempts=job.attempts).update(
        state=state,
        finished_at=timezone.now(),
        result_name=name,
        result_size=size,
        result_sha256=sha256,
        error=error,
        done=F("total") if state == Job.DONE else F("done"),
    )


# ---------------------------------------------------------------- jobs whose worker is gone


def _stale(job: Job, now: datetime) -> bool:
    beat = job.heartbeat_at or job.started_at
    return beat is None or now - beat > timedelta(seconds=float(settings.JOB_LEASE))


def recover(now: datetime | None = None) -> list[int]:
    """Queue again the running jobs whose worker stopped beating (killed, or its machine gone); a job that has
    had MAX_ATTEMPTS attempts fails instead, saying so. Returns the jobs queued again."""
    now = now or timezone.now()
    requeued: list[int] = []
    for job in Job.objects.filter(state=Job.RUNNING):
        if not _stale(job, now):
            continue
        with transaction.atomic():
            if job.attempts >= MAX_ATTEMPTS:
                from web.i18n import t

                Job.objects.filter(pk=job.pk, attempts=job.attempts, state=Job.RUNNING).update(
                    state=Job.FAILED, finished_at=now, error=t("web.job_gave_up", job.lang, attempts=job.attempts)
                )
                continue
            moved = Job.objects.filter(pk=job.pk, attempts=job.attempts, state=Job.RUNNING).update(state=Job.QUEUED)
            if moved:
                _abandon_task(job.task_id)
                _enqueue(job)
                requeued.append(job.pk)
    return requeued


def _abandon_task(task_id: str) -> None:
    """The queue's entry of a killed attempt stays "running" for ever: mark it failed."""
    if not task_id:
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(status="FAILED", finished_at=timezone.now())


def clear_folder(job: Job) -> None:
    shutil.rmtree(folder(job), ignore_errors=True)


# ---------------------------------------------------------------- `sqcheck worker`


def work(batch: bool = False, interval: float = 1.0) -> None:
    """Run queued jobs until stopped (Ctrl+C/SIGTERM finish the current job first); with ``batch``, until the
    queue is empty. Every few seconds, jobs of dead workers are queued again."""
    from django_tasks_db.management.commands.db_worker import Worker

    recover()
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(stop,), name="sqcheck-recover", daemon=True)
    watcher.start()
    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_name()[-64:],
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        stop.set()
        watcher.join(timeout=5)


def _watch(stop: threading.Event) -> None:
    from django.db import connection

    every = max(0.5, float(settings.JOB_LEASE) / 4)
    try:
        while not stop.wait(every):
            close_old_connections()
            try:
                recover()
            except DatabaseError:  # the database busy or gone for a moment: look again next time
                logger.warning("sqcheck worker: could not look for jobs of stopped workers", exc_info=True)
    finally:
        connection.close()
