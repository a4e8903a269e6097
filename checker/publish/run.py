"""``publish()``: a round's folders in, the bureau's publication out. The library call behind ``sqcheck publish``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from checker.errors import UsageError
from checker.files import write_atomic
from checker.model import Standard
from checker.publish import aggregate, machine, outputs, pages
from checker.publish.audits import AuditIndex, index_audits, unmatched
from checker.publish.collect import Round, WorkerConfig, choose_standard, collect, find_files
from checker.publish.progress import Progress, Standing, compare, read_summary, standings, summary_file
from checker.publish.record import CommunityRecord, Rejection
from checker.publish.roster import Roster, read_roster

FORMATS = ("html", "pdf", "csv", "json")
Key = tuple[str, str]  # a community: (district, name)


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


def publish(options: Options, meter: Meter | None = None) -> Published:
    meter = meter or _Silent()
    outdir = options.outdir
    files, ignored = find_files(options.inputs, exclude=outdir)
    if not files:
        raise UsageError("publish.no_files", paths="、".join(map(str, options.inputs)))
    standard = choose_standard(files, options.standard_id, options.standards_dirs)
    roster = read_roster(options.roster) if options.roster else None
    audit_index, audit_rejections = index_audits(find_files([options.audits])[0] if options.audits else ())
    ids = aggregate.requirement_ids(standard)
    previous = _previous(options, standard, ids, meter)  # before the round: a bad --previous fails fast
    from reports import generation_time

    now = generation_time(options.now)
    page_formats = tuple(f for f in pages.PAGE_FORMATS if _wants_page(f, options))
    with _staging(outdir, bool(page_formats)) as stage_dir:
        config = WorkerConfig(standard.path, options.lang, page_formats, str(stage_dir or ""), audit_index, now)
        round_ = _judge(files, config, options, meter, "publish.meter_round")
        records = round_.records()
        if stage_dir is not None:
            pages.place(records, round_.staged, outdir)
    rejected = _rejections(round_, audit_rejections, audit_index, records)
    publication = aggregate.build(
        standard,
        records,
        rejected,
        lang=options.lang,
        generated_at=now,
        ignored_files=ignored,
        roster=roster,
        progress=_progress(previous, ids, records),
    )
    written = _write(publication, options, with_pages="html" in page_formats)
    return Published(publication, written, roster)


def _wants_page(fmt: str, options: Options) -> bool:
    return (fmt == "html" and "html" in options.formats) or (fmt == "pdf" and options.community_pdfs)


@contextmanager
def _staging(outdir: Path, wanted: bool) -> Iterator[Path | None]:
    stage_dir = pages.staging_folder(outdir) if wanted else None
    try:
        yield stage_dir
    finally:
        if stage_dir is not None:
            shutil.rmtree(stage_dir, ignore_errors=True)


def _judge(files: list[Path], config: WorkerConfig, options: Options, meter: Meter, label: str) -> Round:
    meter.start(len(files), label)
    try:
        return collect(files, config, options.jobs, meter.advance)
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
    options: Options, standard: Standard, ids: tuple[str, ...], meter: Meter
) -> tuple[str, dict[Key, Standing]] | None:
    """The previous round's standings and where they came from: a publication's summary.json, or a folder
    of self-assessments judged now (on their claims)."""
    if options.previous is None:
        return None
    summary = summary_file(options.previous)
    if summary is not None:
        return str(summary), read_summary(summary, standard.id)
    if not options.previous.is_dir():
        raise UsageError("publish.previous_missing", path=str(options.previous))
    files, _ = find_files([options.previous])
    config = WorkerConfig(standard.path, options.lang)
    records = _judge(files, config, options, meter, "publish.meter_previous").records()
    return str(options.previous), standings(records, ids)


def _progress(
    previous: tuple[str, dict[Key, Standing]] | None, ids: tuple[str, ...], records: list[CommunityRecord]
) -> Progress | None:
    if previous is None:
        return None
    source, before = previous
    return compare(before, standings(records, ids), ids, source)


def _write(pub: aggregate.Publication, options: Options, with_pages: bool) -> tuple[Path, ...]:
    outdir = options.outdir
    written = []
    if "json" in options.formats:
        written.append(write_atomic(outdir / "summary.json", machine.summary_json(pub, with_pages)))
    if "csv" in options.formats:
        written.append(write_atomic(outdir / "summary.csv", machine.summary_csv(pub, with_pages)))
    if "pdf" in options.formats:
        written.append(write_atomic(outdir / "report.pdf", outputs.report_pdf(pub)))
    if "html" in options.formats:
        produced = [p.name for p in written]
        written.append(write_atomic(outdir / "index.html", outputs.index_html(pub, produced, with_pages)))
    return tuple(written)
