"""Finding a round's self-assessments and judging them, in worker processes, in a fixed order.

Files are found under each input folder in path order and numbered; workers judge them and return compact
records (see :mod:`checker.publish.record`) in that same order whatever the number of workers, so the
publication does not depend on ``--jobs``. A bad file becomes a :class:`Rejection`, never an exception.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from checker import files, pipeline
from checker import standard as standards
from checker.errors import InputError, Problem, UsageError
from checker.model import Standard
from checker.publish import pages
from checker.publish.audits import AuditIndex, judge_with_audit
from checker.publish.record import CommunityRecord, Rejection, day_number, record_of

OTHER_STANDARD = frozenset({"sa.wrong_standard", "xlsx.other_standard"})  # a file for another standard
SKIPPED_PREFIXES = (".", "~$")  # hidden files and the lock files Excel leaves beside an open workbook


@dataclass(frozen=True)
class Task:
    index: int
    path: str


@dataclass(frozen=True)
class Outcome:
    """One file's result: its record if it is valid, and anything rejected on the way (itself, its audit)."""

    record: CommunityRecord | None
    rejections: tuple[Rejection, ...] = ()
    pages: tuple[str, ...] = ()  # staged page files written for this record


@dataclass(frozen=True)
class WorkerConfig:
    standard_path: str
    lang: str
    page_formats: tuple[str, ...] = ()  # "html", "pdf": the per-community pages to render
    stage_dir: str = ""
    audits: AuditIndex = field(default_factory=AuditIndex)
    now: datetime | None = None  # the generation time every page states


# ---------------------------------------------------------------- finding files


@dataclass(frozen=True)
class Found:
    """What the input folders hold: the self-assessment files in input then path order, how many other files
    were passed over (photos, documents, ...), and the entries not read at all (links, FIFOs, devices,
    unreadable folders) as rejections saying why."""

    files: list[Path]
    ignored: int = 0
    skipped: tuple[Rejection, ...] = ()


def find_files(inputs: Iterable[Path], exclude: Path | None = None) -> Found:
    """Self-assessment files under the inputs (folders or files), each once. Only regular files inside the
    folders are read (see :func:`checker.files.walk`); nothing under ``exclude`` (the output folder, whose
    summary.json is no self-assessment) is read."""
    found: list[Path] = []
    skipped: list[Rejection] = []
    seen: set[Path] = set()
    ignored = 0
    skip = exclude.resolve() if exclude else None

    def excluded(path: Path) -> bool:
        return skip is not None and path.resolve().is_relative_to(skip)

    for source in inputs:
        if source.is_dir():  # a folder named on the command line is walked even if it is a link to one
            walked = files.walk(source, SKIPPED_PREFIXES)
            candidates = list(walked.files)
            skipped += [Rejection(p.file, "skipped", (p,)) for p in walked.skipped if not excluded(Path(p.file))]
        else:
            candidates = [source]
        for path in candidates:
            real = path.resolve()
            if real in seen or excluded(path):
                continue
            seen.add(real)
            if path.suffix.lower() in pipeline.READERS:
                found.append(path)
            else:
                ignored += 1
    return Found(found, ignored, tuple(skipped))


def choose_standard(files: Sequence[Path], standard_id: str | None, dirs: Iterable[Path]) -> Standard:
    """The standard of the publication: the one asked for, else the one the first readable file names."""
    dirs = tuple(dirs)
    if standard_id:
        return standards.resolve(standard_id, dirs)
    for path in files:
        try:
            return pipeline.read_with_standard(path, None, dirs)[2]
        except (InputError, UsageError):
            continue
    raise UsageError("publish.no_standard")


# ---------------------------------------------------------------- judging, in a worker


_config: WorkerConfig | None = None


def init_worker(config: WorkerConfig) -> None:
    global _config
    _config = config


def assess(task: Task) -> Outcome:
    """Judge one file: a bad file is a rejection saying what is wrong and where, never an exception. An
    unexpected error (a bug in sqcheck, set off by this file's data) is a rejection too, of the kind
    ``internal_error``: the rest of the round goes on, and the command ends with exit code 3 so the bug is seen.
    Failing to write a page (a full disk) is no fault of the file: it stops the round."""
    assert _config is not None, "init_worker() first"
    try:
        return _assess(task, _config)
    except OSError:
        raise
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"[:300]
        problem = Problem(task.path, 0, 0, "publish.internal_error", {"error": detail})
        return Outcome(None, (Rejection(task.path, "internal_error", (problem,)),))


def _assess(task: Task, config: WorkerConfig) -> Outcome:
    standard = standards.load_standard(Path(config.standard_path))
    try:
        loaded = pipeline.load(task.path, standard)
    except InputError as error:
        problems = (*error.notices, *error.problems)
        kind = "other_standard" if any(p.code in OTHER_STANDARD for p in error.problems) else "invalid"
        return Outcome(None, (Rejection(task.path, kind, tuple(problems)),))
    judged = judge_with_audit(loaded.assessment, standard, config.audits, config.lang)
    record = record_of(judged.result, task.index, loaded.notices, judged.mark)
    stage_dir = Path(config.stage_dir)
    staged = tuple(pages.stage(judged.result, fmt, stage_dir, task.index, config.now) for fmt in config.page_formats)
    return Outcome(record, judged.rejections, staged)


def judge_all(
    files: Sequence[Path], config: WorkerConfig, jobs: int, tick: Callable[[], None] = lambda: None
) -> Iterator[Outcome]:
    """Outcomes in file order; ``jobs`` worker processes (1: in this process)."""
    tasks = [Task(i, str(path)) for i, path in enumerate(files)]
    if jobs <= 1 or len(tasks) <= 1:
        init_worker(config)
        for task in tasks:
            yield assess(task)
            tick()
        return
    chunk = max(1, min(16, len(tasks) // (jobs * 8)))
    with multiprocessing.get_context().Pool(jobs, initializer=init_worker, initargs=(config,)) as pool:
        for outcome in pool.imap(assess, tasks, chunksize=chunk):
            yield outcome
            tick()


# ---------------------------------------------------------------- one community, one record


def preferred(a: CommunityRecord, b: CommunityRecord) -> CommunityRecord:
    """Of two submissions for the same community, the one kept: the later ``filled_on``, then the file that
    comes first in path order."""
    return min(a, b, key=lambda r: (-day_number(r.filled_on), r.index))


@dataclass
class Round:
    """A round's communities (one record each), its rejected files, and the counts behind its denominators."""

    communities: dict[tuple[str, str], CommunityRecord] = field(default_factory=dict)
    duplicates: dict[tuple[str, str], list[CommunityRecord]] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    staged: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.rejected += outcome.rejections
        record = outcome.record
        if record is None:
            return
        self.staged[record.index] = outcome.pages
        kept = self.communities.get(record.key)
        if kept is None:
            self.communities[record.key] = record
            return
        winner = preferred(kept, record)
        self.communities[record.key] = winner
        self.duplicates.setdefault(record.key, []).append(record if winner is kept else kept)

    def duplicate_rejections(self) -> list[Rejection]:
        return [
            Rejection(loser.file, "duplicate", (_duplicate_problem(loser, self.communities[key]),), kept=winner.file)
            for key, losers in self.duplicates.items()
            for loser in losers
            for winner in [self.communities[key]]
        ]

    def all_rejected(self) -> list[Rejection]:
        """Every file left out, unsorted: the caller sorts them with the rejected audits."""
        return [*self.rejected, *self.duplicate_rejections()]

    def records(self) -> list[CommunityRecord]:
        return sorted(self.communities.values(), key=lambda r: (r.district, r.street, r.name, r.index))


def _duplicate_problem(loser: CommunityRecord, winner: CommunityRecord) -> Problem:
    args: dict[str, object] = {"district": winner.district, "name": winner.name, "kept": winner.file}
    return Problem(loser.file, 1, 1, "publish.duplicate", args)


def collect(files: Sequence[Path], config: WorkerConfig, jobs: int, tick: Callable[[], None] = lambda: None) -> Round:
    """Judge every file and keep one record per community."""
    round_ = Round()
    for outcome in judge_all(files, config, jobs, tick):
        round_.add(outcome)
    return round_
