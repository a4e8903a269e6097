"""``publish()``: a round's folders in, the bureau's publication out. The library call behind ``sqcheck publish``."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checker.errors import UsageError
from checker.model import Standard
from checker.publish import aggregate, atomic, machine, outputs, pages
from checker.publish.audits import AuditIndex, index_audits, unmatched
from checker.publish.collect import Round, Tasks, WorkerConfig, choose_standard, collect, find_files, tasks_of
from checker.publish.names import PublicNames
from checker.publish.progress import Progress, Summary, compare, read_summary, standings, summary_file
from checker.publish.record import CommunityRecord, Rejection
from checker.publish.roster import Roster, read_roster

FORMATS = ("html", "pdf", "csv", "json")


class Meter(Protocol):
    """Progress of a long step, for a progress bar: ``start`` with the number of files, ``advance`` per file."""

    def start(self, total: int, label: str) -> None: ...

    def advance(self) -> None: ...

    def stop(self) -> None: ...


class _Silent:
    def start(self, total: int, label: str) -> None:
        pass

    def advance(self) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass(frozen=True)
class Options:
    inputs: tuple[Path, ...]
    outdir: Path
    formats: frozenset[str] = frozenset(FORMATS)
    standard_id: str | None = None
    audits: Path | None = None
    previous: Path | None = None
    roster: Path | None = None
    jobs: int = 1
    community_pdfs: bool = False
    lang: str = "zh"
    standards_dirs: tuple[Path, ...] = ()
    now: datetime | None = None
    issuer: str = ""  # 发布单位, printed on the report and the index
    title: str = ""  # the round's title, instead of the generic one
    timezone: str = "Asia/Shanghai"  # the bureau's: every time printed is in it, with the zone shown


@dataclass(frozen=True)
class Published:
    publication: aggregate.Publication
    written: tuple[Path, ...]
    roster: Roster | None = None


def parse_formats(text: str) -> frozenset[str]:
    """``"html,pdf"`` -> {"html", "pdf"}; an unknown name is a usage error."""
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(FORMATS))
    if unknown or not asked:
        raise UsageError("publish.format", found=", ".join(unknown) or "-", formats=",".join(FORMATS))
    return frozenset(asked)


@dataclass(frozen=True)
class Documents:
    """What a round is published from, wherever it is kept: the self-assessments in order (files found in folders,
    or the web app's submitted versions as texts under file names), the standard they are judged against, the
    roster, and what finding them passed over."""

    tasks: Tasks
    standard: Standard
    standard_text: str = ""  # the standard's text when it has no file of its own (a round's pinned standard)
    roster: Roster | None = None
    ignored: int = 0  # other files beside the self-assessments (photos, documents)
    skipped: tuple[Rejection, ...] = ()  # entries not read at all (links, FIFOs, unreadable folders)
    names: PublicNames | None = None  # how the publication names local files; None: the names are public already


def publish(options: Options, meter: Meter | None = None) -> Published:
    """Find the round's files in the input folders and publish them (:func:`publish_documents`)."""
    outdir = Path(os.path.abspath(options.outdir))
    found = find_files(options.inputs, exclude=outdir)
    if not found.files:
        raise UsageError("publish.no_files", paths="、".join(map(str, options.inputs)))
    standard = choose_standard(found.files, options.standard_id, options.standards_dirs)
    roster = read_roster(options.roster) if options.roster else None
    names = _public_names(options)
    documents = Documents(tasks_of(found.files), standard, "", roster, found.ignored, found.skipped, names)
    del found  # its Paths (~600 bytes a file): the tasks name the files as text
    return publish_documents(documents, options, meter)


def publish_documents(documents: Documents, options: Options, meter: Meter | None = None) -> Published:
    """Judge the round and write its publication: the output folder ends up holding either the old publication
    or the new one, whole (see :mod:`checker.publish.atomic`); a failure to write is a usage error naming it.
    The CLI's folders and the web app's database both come here, so a publication is the same whichever way its
    documents are kept."""
    meter = meter or _Silent()
    outdir = Path(os.path.abspath(options.outdir))
    standard, roster = documents.standard, documents.roster
    audit_files = find_files([options.audits]) if options.audits else None
    audit_index, audit_rejections = index_audits(audit_files.files if audit_files else ())
    if audit_files:
        audit_rejections += audit_files.skipped
    ids = aggregate.requirement_ids(standard)
    previous = _previous(options, standard, documents.standard_text, ids, meter)  # a bad --previous fails fast
    from reports import generation_time, time_pinned

    now = generation_time(options.now).astimezone(_zone(options.timezone))
    now_pinned = time_pinned(options.now)
    page_formats = tuple(f for f in pages.PAGE_FORMATS if _wants_page(f, options))
    atomic.check_replaceable(outdir)
    with atomic.locked(outdir):
        try:
            atomic.clean_stale(outdir)
            stage = atomic.staging_folder(outdir)
        except OSError as error:
            raise atomic.output_error(outdir, error) from None
        try:
            pages_dir = pages.staging_folder(stage) if page_formats else None
            config = WorkerConfig(
                standard.path,
                options.lang,
                page_formats,
                str(pages_dir or ""),
                audit_index,
                now,
                now_pinned,
                tuple(map(str, options.standards_dirs)),
                documents.standard_text,
            )
            round_ = _judge(documents.tasks, config, options, meter, "publish.meter_round")
            if not options.standard_id and set(round_.standards) - {standard.id}:
                raise UsageError("publish.several_standards", found=_standards_text(round_.standards))
            records = round_.records()
            if pages_dir is not None:
                pages.place(records, round_.staged, stage)
            rejected = _rejections(round_, [*documents.skipped, *audit_rejections], audit_index, records)
            standards_found = tuple(sorted(round_.standards.items(), key=lambda item: (-item[1], item[0])))
            del round_  # its records as judged: only their named copies (records) are published
            public = documents.names
            if public:  # the local copies go as the public ones come: one record per community is kept
                records = [public.record(r) for r in records]
                rejected = [public.rejection(r) for r in rejected]
            publication = aggregate.build(
                standard,
                records,
                rejected,
                lang=options.lang,
                generated_at=now,
                ignored_files=documents.ignored,
                roster=replace(roster, file=public.name(roster.file)) if roster and public else roster,
                progress=_progress(_named(previous, public), ids, records),
                standards_found=standards_found,
                issuer=options.issuer.strip(),
                round_title=options.title.strip(),
            )
            del records, rejected, previous  # all that is published is in the publication now
            names, report = _write(publication, options, stage, with_pages="html" in page_formats)
            if report is not None:  # laid out last, with the communities set aside on disk (see _set_aside)
                with tempfile.TemporaryFile(dir=stage) as aside:  # unnamed: gone when closed, or if the process dies
                    frame = _set_aside(publication, aside)
                    del publication
                    gc.collect()  # templates leave cycles (a context and its macros) that would keep it alive
                    _write_report_pdf(report, stage)
                    gc.collect()  # the layout's own cycles (~50 MiB): freed before the communities come back
                    publication = _take_back(frame, aside)
            atomic.switch(stage, outdir)
        except OSError as error:
            raise atomic.output_error(outdir, error) from None
        finally:
            shutil.rmtree(stage, ignore_errors=True)  # gone already after a switch
    return Published(publication, tuple(outdir / name for name in names), roster)


def _named(previous: tuple[str, Summary] | None, public: PublicNames | None) -> tuple[str, Summary] | None:
    """The previous round's source under its public name."""
    if previous is None or public is None:
        return previous
    return public.name(previous[0]), previous[1]


def _public_names(options: Options) -> PublicNames:
    """How the publication names the files it read: relative to the folders given, never by a local path."""
    others = [p for p in (options.roster, options.previous) if p is not None]
    return PublicNames.of(options.inputs, options.audits, others)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError("publish.timezone", zone=name) from None


def _standards_text(counts: Counter[str]) -> StandardCounts:
    return StandardCounts(tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))))


@dataclass(frozen=True)
class StandardCounts:
    """living-room-2023（8 份）、xuzhou-2017（3 份）: the standards a round's files name, most files first, in the
    reader's language when a message is rendered."""

    counts: tuple[tuple[str, int], ...]

    def localize(self, lang: str) -> str:
        if lang == "en":
            return ", ".join(f"{standard_id} ({n} files)" for standard_id, n in self.counts)
        return "、".join(f"{standard_id}（{n} 份）" for standard_id, n in self.counts)


def _wants_page(fmt: str, options: Options) -> bool:
    return (fmt == "html" and "html" in options.formats) or (fmt == "pdf" and options.community_pdfs)


def _judge(tasks: Tasks, config: WorkerConfig, options: Options, meter: Meter, label: str) -> Round:
    meter.start(len(tasks), label)
    try:
        return collect(tasks, config, options.jobs, meter.advance)
    finally:
        meter.stop()


def _rejections(
    round_: Round, audit_rejections: list[Rejection], audit_index: AuditIndex, records: list[CommunityRecord]
) -> list[Rejection]:
    found = [*round_.all_rejected(), *audit_rejections]
    used = {r.audit.file for r in records if r.audit} | {r.file for r in found if r.kind == "audit_invalid"}
    found += unmatched(audit_index, used)
    return sorted(found, key=lambda r: (r.file, r.kind))


def _previous(
    options: Options, standard: Standard, standard_text: str, ids: tuple[str, ...], meter: Meter
) -> tuple[str, Summary] | None:
    """The previous round's standings (and title) and where they came from: a publication's summary.json, or a folder
    of self-assessments judged now (on their claims)."""
    if options.previous is None:
        return None
    summary = summary_file(options.previous)
    if summary is not None:
        return str(summary), read_summary(summary, standard.id, ids)
    if not options.previous.is_dir():
        raise UsageError("publish.previous_missing", path=str(options.previous))
    files = find_files([options.previous]).files
    config = WorkerConfig(
        standard.path, options.lang, standards_dirs=tuple(map(str, options.standards_dirs)), standard_text=standard_text
    )
    records = _judge(tasks_of(files), config, options, meter, "publish.meter_previous").records()
    return str(options.previous), Summary(standings(records, ids), "")


def _progress(
    previous: tuple[str, Summary] | None, ids: tuple[str, ...], records: list[CommunityRecord]
) -> Progress | None:
    if previous is None:
        return None
    source, (before, title) = previous
    return compare(before, standings(records, ids), ids, source, title)


def _write(
    pub: aggregate.Publication, options: Options, folder: Path, with_pages: bool
) -> tuple[tuple[str, ...], str | None]:
    """Write the outputs into the publication being built, each streamed to its file, all but report.pdf: returns
    the names of all the outputs and, when report.pdf is asked for, the HTML it is to be laid out from (see
    :func:`_write_report_pdf`)."""
    written = [name for name, fmt in OUTPUTS if fmt in options.formats]

    def write(name: str, producer: Callable[[BinaryIO], None]) -> None:
        with open(folder / name, "wb", buffering=1 << 20) as handle:
            producer(handle)

    if "json" in options.formats:
        write("summary.json", lambda handle: machine.write_summary_json(pub, with_pages, handle))
    if "csv" in options.formats:
        write("summary.csv", lambda handle: machine.write_summary_csv(pub, with_pages, handle))
    if "html" in options.formats:
        produced = [name for name in written if name != "index.html"]
        write("index.html", lambda handle: outputs.write_index_html(pub, produced, with_pages, handle))
    report = outputs.report_html(pub) if "pdf" in options.formats else None
    return tuple(written), report


OUTPUTS = (("summary.json", "json"), ("summary.csv", "csv"), ("report.pdf", "pdf"), ("index.html", "html"))


def _write_report_pdf(report: str, folder: Path) -> None:
    with open(folder / "report.pdf", "wb") as handle:
        outputs.write_report_pdf(report, handle)


# what grows with the round, and what stands for each part while it is aside
_ASIDE: dict[str, Any] = {"communities": (), "departments": (), "progress": None, "missing": (), "rejected": ()}


def _set_aside(publication: aggregate.Publication, file: BinaryIO) -> aggregate.Publication:
    """Keep a publication's per-community parts (its communities, work lists, progress, missing and rejected
    files) in ``file`` while report.pdf is laid out, and return the rest: the layout's memory then does not come
    on top of the round's, and the caller still gets the whole publication as built (:func:`_take_back`). The
    parts are pickled in one piece, so what they share (a community named in many work lists) is shared again
    when read back; the standard and the aggregates stay in memory."""
    pickle.dump({name: getattr(publication, name) for name in _ASIDE}, file, protocol=pickle.HIGHEST_PROTOCOL)
    return replace(publication, **_ASIDE)


def _take_back(frame: aggregate.Publication, file: BinaryIO) -> aggregate.Publication:
    file.seek(0)
    return replace(frame, **pickle.load(file))
