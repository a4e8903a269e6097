"""A round's publication from the database, made by the CLI's own code.

The latest submitted version of each community of the round's roster within a scope is handed to
:func:`checker.publish.run.publish_documents` as its text under a file name (``区/街道/社区.yaml``), with the
round's pinned standard and its roster: the same judging, the same outputs (report.pdf, index.html with the
community pages, summary.csv, summary.json) and the same whole-or-nothing replacement of the output folder as
``sqcheck publish`` on a folder holding those texts. The publication is then packed as a ZIP whose bytes depend on
the publication alone (entries sorted, one fixed time), written beside its final name and renamed into place.

Progress across rounds, as the CLI's ``--previous``: a publication is compared with the **previous round** — the
latest round of the same standard (by ``standard_id``) before it, by deadline then by creation, as the dashboard's
comparison picks it (:func:`web.dashboard.previous_round`) — for the same scope. Its standings come from a
summary.json, always: the latest finished publication of that round for the same node when one exists (what the
bureau published then, as ``--previous 上一轮发布目录/``), otherwise that round published now from the database,
its summary only, by this same code (as ``publish 上一轮 --audits … `` then ``--previous`` on the result). Either
way it is named by the previous round's title (``徐州市… 2025/summary.json``), never by a local path.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from checker.publish.collect import Task
from checker.publish.names import PublicNames
from checker.publish.roster import Roster, RosterEntry
from checker.publish.run import FORMATS, Documents, Meter, Options, Published, publish_documents
from web.models import Audit, Community, Job, Round, Submission

PREVIOUS_NOTE = "previous.json"  # beside a publication job's result: which previous round it was compared with
ROSTER_NAME = "名册.csv"  # how the publication names the roster it was given (the round's, from the database)
AUDITS_NAME = "核查记录"  # the folder the finished audits are handed to publish in, as `--audits 核查记录/`
CHUNK = 200  # submitted texts read from the database at a time (~30 KB each)


def document_name(community: Community) -> str:
    """The file name a community's submitted version is published under, as if it were a file in a round's folder."""
    parts = (community.district, community.street, community.name)
    return "/".join(part.replace("/", "／").strip() or "-" for part in parts) + ".yaml"


def round_title(round_: Round) -> str:
    return f"{round_.standard.title} {round_.period}"


class StoredTasks:
    """The latest submitted version of each community, in the order a folder of them would be walked (by file
    name); the texts are read from the database a few at a time as they are judged."""

    def __init__(self, round_: Round, communities: Any) -> None:
        latest: dict[int, int] = {}
        versions = Submission.objects.filter(round=round_, community__in=communities).order_by("community_id", "number")
        for pk, community_id in versions.values_list("pk", "community_id"):
            latest[community_id] = pk  # the last one of each community is the latest version
        names = {c.pk: document_name(c) for c in Community.objects.filter(pk__in=list(latest))}
        self.entries = sorted((names[community_id], pk) for community_id, pk in latest.items())

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Task]:
        for start in range(0, len(self.entries), CHUNK):
            chunk = self.entries[start : start + CHUNK]
            texts = dict(Submission.objects.filter(pk__in=[pk for _, pk in chunk]).values_list("pk", "text"))
            for offset, (name, pk) in enumerate(chunk):
                yield Task(start + offset, name, texts[pk])


def roster_of(round_: Round, communities: Any) -> Roster:
    expected = round_.communities.filter(pk__in=communities.values("pk")).order_by("district", "street", "name")
    entries = tuple(RosterEntry(c.district, c.street, c.name, line) for line, c in enumerate(expected, start=2))
    return Roster(ROSTER_NAME, entries)


def documents(round_: Round, communities: Any, tasks: StoredTasks | None = None) -> Documents:
    standard_version = round_.standard
    standard = standard_version.load()
    return Documents(
        tasks or StoredTasks(round_, communities),
        standard,
        standard_text=standard_version.text,
        roster=roster_of(round_, communities),
    )


@dataclass(frozen=True)
class Previous:
    """The round a publication is compared with, and where its standings come from: a finished publication's
    summary.json (``job`` set), or the round published now from the database (``job`` None). ``refused`` says
    why it is not compared at all (its standard version has requirements this one does not know)."""

    round: Round
    job: Job | None = None
    refused: str = ""

    @property
    def name(self) -> str:
        """How the publication names it (summary.json's ``previous``, the report, the index)."""
        return round_title(self.round).replace("/", "／").strip() or str(self.round.pk)

    def note(self) -> dict[str, Any]:
        """What the round page says about it (kept beside the job's result as previous.json)."""
        return {
            "round": self.round.pk,
            "title": round_title(self.round),
            "period": self.round.period,
            "job": self.job.pk if self.job else None,
            "refused": self.refused,
        }


def previous_for(round_: Round, place: tuple[str, str, str, str]) -> Previous | None:
    """The previous round of the same standard for a scope's publication (None: there is none)."""
    from web.dashboard import previous_round
    from web.jobs import publication_folder

    before = previous_round(Round.objects.all(), round_)
    if before is None:
        return None
    if before.standard_id != round_.standard_id:
        known = {r.id for r in round_.standard.load().requirements}
        unknown = sorted({r.id for r in before.standard.load().requirements} - known)
        if unknown:  # publish would refuse its summary.json (gaps of requirements this version lacks)
            return Previous(before, refused=", ".join(unknown[:5]))
    province, city, district, street = place
    published = Job.objects.filter(
        kind=Job.PUBLISH,
        round=before,
        state=Job.DONE,
        scope_province=province,
        scope_city=city,
        scope_district=district,
        scope_street=street,
    ).order_by("-finished_at", "-pk")
    for job in published:
        if (publication_folder(job) / "summary.json").is_file():  # not removed since
            return Previous(before, job)
    return Previous(before)


def publish_round(
    round_: Round,
    communities: Any,
    outdir: Path,
    *,
    lang: str,
    now: datetime,
    meter: Meter | None = None,
    community_pdfs: bool = False,
    formats: frozenset[str] = frozenset(FORMATS),
    previous: Previous | None = None,
) -> Published:
    """Publish the round for the communities given (a scope) into ``outdir``, exactly as the CLI would with
    ``--audits``: each latest version's finished audit record goes with it, so a community audited in the app is
    published with its verified result, as on the app's own pages. With ``previous``, compared with that round
    as the CLI's ``--previous`` does (see the module's note)."""
    tasks = StoredTasks(round_, communities)  # the latest versions, found once for the audits and the documents
    with tempfile.TemporaryDirectory(prefix="sqcheck-publish-") as scratch:
        audits = Path(scratch) / AUDITS_NAME
        summary = _previous_summary(previous, communities, Path(scratch) / "previous", lang, now, meter)
        options = Options(
            inputs=(),
            outdir=outdir,
            standard_id=round_.standard.standard_id,
            lang=lang,
            now=now,
            title=round_title(round_),
            community_pdfs=community_pdfs,
            formats=formats,
            audits=audits if write_audits(tasks, audits) else None,
            previous=summary,
        )
        stored = documents(round_, communities, tasks)
        roots: tuple[tuple[str, str], ...] = ()  # the scratch folders never show: 核查记录/…, 上一轮标题/summary.json
        if options.audits is not None:
            roots += PublicNames.folder(audits, AUDITS_NAME).roots
        if summary is not None and previous is not None:
            roots += PublicNames.folder(summary.parent, previous.name).roots
        if roots:
            stored = replace(stored, names=PublicNames(roots, keep_relative=True))
        return publish_documents(stored, options, meter)


def _previous_summary(
    previous: Previous | None, communities: Any, scratch: Path, lang: str, now: datetime, meter: Meter | None
) -> Path | None:
    """The previous round's summary.json for the scope: its finished publication's, or made now from the
    database (summary only) by :func:`publish_round` itself."""
    if previous is None or previous.refused:
        return None
    if previous.job is not None:
        from web.jobs import publication_folder

        return publication_folder(previous.job) / "summary.json"
    publish_round(previous.round, communities, scratch, lang=lang, now=now, meter=meter, formats=frozenset({"json"}))
    return scratch / "summary.json"


def write_previous_note(previous: Previous | None, folder: Path) -> None:
    """Which previous round a publication job compared with, for the round page (``round`` null: none)."""
    note = previous.note() if previous is not None else {"round": None}
    partial = folder / f".{PREVIOUS_NOTE}.partial-{os.getpid()}"
    partial.write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, folder / PREVIOUS_NOTE)


def read_previous_note(folder: Path) -> dict[str, Any] | None:
    """The note :func:`write_previous_note` left (None: none, or a job from before notes were kept)."""
    try:
        found = json.loads((folder / PREVIOUS_NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def write_audits(tasks: StoredTasks, folder: Path) -> int:
    """The finished audit records of the latest submitted versions, one file each as an inspector would hand
    them in (``区-街道-社区.audit.yaml``); an audit of an older version is history, not this round's finding."""
    latest = {pk for _, pk in tasks.entries}
    finished = (
        Audit.objects.filter(submission_id__in=latest, state=Audit.FINISHED)
        .exclude(record_text="")
        .select_related("community")
        .order_by("community__district", "community__street", "community__name")
    )
    count = 0
    for audit in finished.iterator(chunk_size=50):
        if count == 0:
            folder.mkdir(parents=True)
        stem = str(Path(document_name(audit.community)).with_suffix("")).replace("/", "-")
        (folder / f"{stem}.audit.yaml").write_text(audit.record_text, encoding="utf-8")
        count += 1
    return count


@dataclass(frozen=True)
class Packed:
    name: str
    size: int
    sha256: str


def zip_folder(folder: Path, target: Path, when: datetime) -> Packed:
    """Pack a folder into ``target`` (entries sorted, every entry dated ``when``), written under a temporary
    name, flushed and renamed into place: the ZIP is there whole or not at all, and the same folder always gives
    the same bytes."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with path.open("rb") as source, archive.open(info, "w") as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    digest = hashlib.sha256()
    with target.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return Packed(target.name, target.stat().st_size, digest.hexdigest())
