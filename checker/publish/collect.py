"""Finding a round's self-assessments and judging them, in worker processes, in a fixed order.

Files are found under each input folder in path order and numbered; workers judge them and return compact
records (see :mod:`checker.publish.record`) in that same order whatever the number of workers, so the
publication does not depend on ``--jobs``. A bad file becomes a :class:`Rejection`, never an exception.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from checker import assessment as assessments
from checker import files, pipeline
from checker import standard as standards
from checker.errors import InputError, Problem, UsageError
from checker.model import Standard
from checker.publish import pages
from checker.publish.audits import AuditIndex, judge_with_audit
from checker.publish.record import CommunityRecord, Rejection, day_number, name_pages, record_of

OTHER_STANDARD = frozenset({"sa.wrong_standard", "xlsx.other_standard"})  # a file for another standard
SKIPPED_PREFIXES = (".", "~$")  # hidden files and the lock files Excel leaves beside an open workbook


@dataclass(frozen=True, slots=True)  # one per file, for the whole round
class Task:
    """One document to judge, numbered in the round's order: a file by its path, or a document kept elsewhere
    (the web app's database) by a file name and its text, read exactly as a file holding that text would be."""

    index: int
    path: str
    text: str | None = None


class Tasks(Protocol):
    """The documents of a round, in order: a list, or the web app's submissions read from the database as they
    are judged (their texts are never all in memory at once)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Task]: ...


class TaskList:
    """A round's files as tasks, each let go of once it is handed out to be judged: when the round is judged the
    publishing process holds none of them (kept to the end, at 50,000 files, their paths and the UTF-8 copies
    that sending them to the workers leaves in each were ~17 MiB under report.pdf's layout). Iterated once;
    ``len`` is the number of tasks still to hand out.

    >>> tasks = tasks_of([Path("a.yaml"), Path("b.yaml")])
    >>> len(tasks), [task.path for task in tasks], len(tasks)
    (2, ['a.yaml', 'b.yaml'], 0)
    """

    __slots__ = ("_left",)

    def __init__(self, files: Sequence[str | Path]) -> None:
        self._left = [Task(i, str(path)) for i, path in reversed(list(enumerate(files)))]  # popped from the end

    def __len__(self) -> int:
        return len(self._left)

    def __iter__(self) -> Iterator[Task]:
        left = self._left
        while left:
            yield left.pop()


def tasks_of(files: Sequence[str | Path]) -> TaskList:
    return TaskList(files)


@dataclass(frozen=True)
class Outcome:
    """One file's result: its record if it is valid, and anything rejected on the way (itself, its audit)."""

    record: CommunityRecord | None
    rejections: tuple[Rejection, ...] = ()
    pages: tuple[str, ...] = ()  # staged page files written for this record
    standard: str = ""  # the standard the file names ("" if it names none or could not be read)


@dataclass(frozen=True)
class WorkerConfig:
    standard_path: str  # the standard's file; or only its name when standard_text is given
    lang: str
    page_formats: tuple[str, ...] = ()  # "html", "pdf": the per-community pages to render
    stage_dir: str = ""
    audits: AuditIndex = field(default_factory=AuditIndex)
    now: datetime | None = None  # the generation time every page states
    now_pinned: bool = True  # whether that time is an input (the operator's), or the clock's (PDFs are then reused)
    standards_dirs: tuple[str, ...] = ()  # with the bundled set: the standards a file may name
    standard_text: str = ""  # the standard itself, when it is kept as text (a round's pinned standard in the app)


def worker_standard(config: WorkerConfig) -> Standard:
    """The round's standard in a worker: read from its file, or built from its text (each once per process)."""
    if config.standard_text:
        return standards.load_text(config.standard_text, config.standard_path)
    return standards.load_standard(Path(config.standard_path))


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
    """The standard to judge the round against: the one asked for, else the known standard the first readable
    self-assessment names. Without ``--standard`` this is only a candidate: the round's standard is decided from
    every file's ID once all are read (``Round.standards``, known IDs only): one known standard is published,
    several stop the round (``publish.several_standards``). A file naming an unknown ID is invalid, placed at
    its ``standard``; it neither chooses the standard nor stops the round."""
    dirs = tuple(dirs)
    if standard_id:
        return standards.resolve(standard_id, dirs)
    for path in files:
        try:
            doc, _, standard = pipeline.read_with_standard(path, None, dirs)
        except (InputError, UsageError):
            continue
        if document_kind(doc.data) == "assessment":  # never an audit's or an exemption file's standard
            return standard
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


def document_kind(data: Any) -> str:
    """What a document in a round's folder is: "audit" (实地核查记录), "exemptions" (豁免文件) or "assessment"."""
    if isinstance(data, dict) and "facts" not in data and "community" not in data:
        if "checks" in data and "assessment" in data:
            return "audit"
        if "exemptions" in data:
            return "exemptions"
    return "assessment"


def named_standard(data: Any) -> str:
    named = data.get("standard") if isinstance(data, dict) else None
    return named if isinstance(named, str) else ""


def _refused(path: str, error: InputError, named: str, config: WorkerConfig, judged: str) -> Outcome:
    """A file that cannot be published: ``other_standard`` if it names another known standard, else invalid. Only
    known IDs (bundled, --standards-dir, the one judged against) are counted as a standard the round holds."""
    known = _known(config.standards_dirs) | {judged}
    problems = (*error.notices, *error.problems)
    other = [p for p in error.problems if p.code in OTHER_STANDARD]
    if other:
        found = str(other[0].args.get("found") or named)
        if found not in known:  # names no standard at all: an invalid file, not one of another round
            unknown = replace(other[0], code="sa.unknown_standard", args={"id": found, "known": _listing(config)})
            problems = tuple(unknown if p is other[0] else p for p in problems)
            return Outcome(None, (Rejection(path, "invalid", problems),))
        return Outcome(None, (Rejection(path, "other_standard", problems),), standard=found)
    return Outcome(None, (Rejection(path, "invalid", problems),), standard=named if named in known else "")


@cache
def _known(dirs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(standards.available(Path(d) for d in dirs))


def _listing(config: WorkerConfig) -> standards.KnownStandards:
    return standards.known_ids(standards.available(Path(d) for d in config.standards_dirs))


def _assess(task: Task, config: WorkerConfig) -> Outcome:
    standard = worker_standard(config)
    named = ""
    try:
        if task.text is None:
            doc, digest = pipeline.read(Path(task.path), standard)
        else:
            doc, digest = pipeline.read_stored(task.path, task.text.encode("utf-8"))
        named = named_standard(doc.data)
        kind = document_kind(doc.data)
        if kind != "assessment":
            problem = doc.problem(f"publish.is_{kind}", ())
            return Outcome(None, (Rejection(task.path, "other_document", (problem,)),))
        assessment = assessments.from_document(doc, standard, digest)
    except InputError as error:
        return _refused(task.path, error, named, config, standard.id)
    notices = tuple(doc.notices)
    judged = judge_with_audit(assessment, standard, config.audits, config.lang)
    record = record_of(judged.result, task.index, notices, judged.mark)
    stage_dir = Path(config.stage_dir)
    staged = tuple(
        pages.stage(judged.result, fmt, stage_dir, task.index, config.now, config.now_pinned)
        for fmt in config.page_formats
    )
    return Outcome(record, judged.rejections, staged, standard=standard.id)


def judge_all(
    tasks: Tasks, config: WorkerConfig, jobs: int, tick: Callable[[], None] = lambda: None
) -> Iterator[Outcome]:
    """Outcomes in the tasks' order; ``jobs`` worker processes (1: in this process)."""
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
    standards: Counter[str] = field(default_factory=Counter)  # files per standard they name
    # one copy of each (requirement, entry) pair, district, street, period… for all records: a record comes from
    # a worker unpickled, with its own copy of every pair and text, which at 50,000 communities was hundreds of
    # MiB of the same few hundred pairs and names
    _shared: dict[Any, Any] = field(default_factory=dict, repr=False)

    def add(self, outcome: Outcome) -> None:
        self.rejected += outcome.rejections
        if outcome.standard:
            self.standards[outcome.standard] += 1
        record = outcome.record
        if record is None:
            return
        record = self._shared_texts(record)
        self.staged[record.index] = outcome.pages
        kept = self.communities.get(record.key)
        if kept is None:
            self.communities[record.key] = record
            return
        winner = preferred(kept, record)
        self.communities[record.key] = winner
        self.duplicates.setdefault(record.key, []).append(record if winner is kept else kept)

    def _shared_texts(self, record: CommunityRecord) -> CommunityRecord:
        """The record with the texts many communities have in common (and each missing pair) shared."""
        share = self._shared.setdefault
        return replace(
            record,
            district=share(record.district, record.district),
            street=share(record.street, record.street),
            area_type=share(record.area_type, record.area_type),
            period=share(record.period, record.period),
            filled_on=share(record.filled_on, record.filled_on),
            grade_id=record.grade_id and share(record.grade_id, record.grade_id),
            missing=tuple(share(pair, pair) for pair in record.missing),
        )

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
        """The kept communities in district, street, name order, each with its page name (unique in the round)."""
        return name_pages(sorted(self.communities.values(), key=lambda r: (r.district, r.street, r.name, r.index)))


def _duplicate_problem(loser: CommunityRecord, winner: CommunityRecord) -> Problem:
    args: dict[str, object] = {"district": winner.district, "name": winner.name, "kept": winner.file}
    return Problem(loser.file, 1, 1, "publish.duplicate", args)


def collect(tasks: Tasks, config: WorkerConfig, jobs: int, tick: Callable[[], None] = lambda: None) -> Round:
    """Judge every document and keep one record per community."""
    round_ = Round()
    for outcome in judge_all(tasks, config, jobs, tick):
        round_.add(outcome)
    return round_
