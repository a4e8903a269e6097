"""Where the district stands: the publication's view-model, computed from compact records only.

Everything here is sorted, so the same round gives the same publication byte for byte: communities by
district, street and name; requirements in the standard's order unless ranked (then by count, then by that
order); departments by the number of gaps they must close, then by name.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from checker.engine import LEFT_OUT, OPEN
from checker.model import Entry, Requirement, Standard
from checker.output import department_name, entry_department, title
from checker.publish.progress import Progress
from checker.publish.record import (
    CODE_STATUS,
    LEFT_OUT_CODES,
    OPEN_CODES,
    CommunityRecord,
    Rejection,
    name_pages,
)
from checker.publish.roster import Roster, RosterEntry

BINS = tuple(range(0, 100, 10))  # score bands [0,10) … [90,100]


@dataclass(frozen=True)
class Denominators:
    """Who the publication is about. ``submitted = valid + invalid + duplicates + other_standard +
    internal_errors``; with a roster, ``expected = valid - not_on_roster + missing``. ``skipped`` entries (links,
    FIFOs, devices, unreadable folders) were never read and are not among the submitted."""

    expected: int | None
    submitted: int
    valid: int
    invalid: int
    duplicates: int
    other_standard: int
    audited: int
    missing: int | None
    not_on_roster: int | None
    compliant: int
    with_gaps: int
    ignored_files: int
    skipped: int
    internal_errors: int
    other_documents: int = 0  # audits and exemption files found among the self-assessments


@dataclass(frozen=True, slots=True)  # one per community
class CommunityRow:
    record: CommunityRecord
    grade: str  # the grade's title in the reader's language, "" if none
    gaps: tuple[str, ...]  # requirement IDs
    on_roster: bool | None
    claimed_gaps: tuple[str, ...] = ()  # the gaps of the self-assessment as filed (the same as gaps if not audited)


@dataclass(frozen=True)
class RequirementRow:
    requirement: Requirement
    title: str
    department: str
    counts: Mapping[str, int]  # status -> communities

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def missing_count(self) -> int:
        return sum(self.counts.get(s, 0) for s in OPEN)

    @property
    def applicable(self) -> int:
        return sum(n for s, n in self.counts.items() if s not in LEFT_OUT)

    @property
    def missing_share(self) -> float | None:
        return round(100 * self.missing_count / self.applicable, 1) if self.applicable else None


@dataclass(frozen=True)
class DistrictRow:
    district: str
    communities: int
    mean_score: float | None
    grades: tuple[tuple[str, int], ...]  # (grade ID, communities), the standard's grades in order, then "none"
    compliant: int
    audited: int
    expected: int | None
    missing: int | None


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    count: int

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}"


@dataclass(frozen=True)
class Distribution:
    bins: tuple[Bin, ...]
    no_score: int
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class MatrixCell:
    css: str  # a status (met, partial, …) or a share band (q0 … q4), or "none"
    text: str


@dataclass(frozen=True)
class MatrixRow:
    id: str
    title: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class Matrix:
    unit: str  # "community" (one column each) or "district" (share met among its communities)
    columns: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    folded: int  # districts folded into the last column ("other"), 0 if none


@dataclass(frozen=True, slots=True)  # one per community
class CommunityRef:
    district: str
    name: str
    slug: str


@dataclass(frozen=True)
class EntryWork:
    """A catalogue entry (a matter, a room) that communities lack, under the department that supplies it."""

    requirement_id: str
    entry_id: str
    name: str
    communities: tuple[CommunityRef, ...]


@dataclass(frozen=True)
class RequirementWork:
    requirement_id: str
    title: str
    communities: tuple[CommunityRef, ...]
    role: str = ""  # the standard's own wording of the responsibility when it says more than the body's name


@dataclass(frozen=True)
class DepartmentWork:
    """One responsible body's work list. ``body`` is its ID in the standard's ``bodies`` ("" for a standard
    without them: then the list is keyed by the department's wording)."""

    department: str
    levels: tuple[str, ...]
    requirements: tuple[RequirementWork, ...]
    entries: tuple[EntryWork, ...]
    body: str = ""

    @property
    def size(self) -> int:
        return sum(len(r.communities) for r in self.requirements) + sum(len(e.communities) for e in self.entries)


@dataclass(frozen=True)
class Publication:
    standard: Standard
    lang: str
    generated_at: datetime
    periods: tuple[str, ...]
    denominators: Denominators
    communities: tuple[CommunityRow, ...]
    requirements: tuple[RequirementRow, ...]
    districts: tuple[DistrictRow, ...]
    distribution: Distribution
    matrix: Matrix
    departments: tuple[DepartmentWork, ...]
    rejected: tuple[Rejection, ...]
    missing: tuple[RosterEntry, ...]
    progress: Progress | None
    roster_file: str = ""
    standards_found: tuple[tuple[str, int], ...] = ()  # (standard ID, files naming it), most files first
    issuer: str = ""  # the issuing authority (发布单位), as the bureau names itself
    round_title: str = ""  # the round's title; the generic one when empty

    @property
    def generated_text(self) -> str:
        """The generation time in the bureau's time zone, with the zone shown: 2024-07-01 09:30 (UTC+08:00)."""
        offset = self.generated_at.strftime("%z")
        zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else ""
        name = getattr(self.generated_at.tzinfo, "key", "")
        shown = f"{name}, {zone}" if name and zone else zone
        stamp = self.generated_at.strftime("%Y-%m-%d %H:%M")
        if not shown:
            return stamp
        return f"{stamp}（{shown}）" if self.lang != "en" else f"{stamp} ({shown})"

    @property
    def standard_title(self) -> str:
        return title(self.standard, self.lang)

    def common_gaps(self, limit: int) -> tuple[RequirementRow, ...]:
        """The requirements most communities miss; ties keep the standard's order (the sort is stable)."""
        ranked = sorted((r for r in self.requirements if r.missing_count), key=lambda r: -r.missing_count)
        return tuple(ranked[:limit])

    def grade_title(self, grade_id: str) -> str:
        grade = next((g for g in self.standard.grades if g.id == grade_id), None)
        return title(grade, self.lang) if grade else ""

    @property
    def compliant(self) -> bool:
        """Every valid community meets every requirement (and there is at least one)."""
        return bool(self.communities) and all(row.record.compliant for row in self.communities)


# ---------------------------------------------------------------- building


def requirement_ids(standard: Standard) -> tuple[str, ...]:
    """The standard's requirement IDs in its order: the order of every record's ``statuses``."""
    return tuple(r.id for r in standard.requirements)


def grade_counts(standard: Standard, records: Iterable[CommunityRecord]) -> tuple[tuple[str, int], ...]:
    """Communities per grade: every grade of the standard in order, then "none", each with its count."""
    counts = Counter(r.grade_id or "none" for r in records)
    return tuple((grade_id, counts.get(grade_id, 0)) for grade_id in [*(g.id for g in standard.grades), "none"])


def _requirement_rows(standard: Standard, records: Sequence[CommunityRecord], lang: str) -> tuple[RequirementRow, ...]:
    counters = [Counter[str]() for _ in standard.requirements]
    for record in records:
        for counter, code in zip(counters, record.statuses, strict=True):
            counter[code] += 1
    return tuple(
        RequirementRow(
            requirement=req,
            title=title(req, lang),
            department=department_name(req, lang),
            counts={CODE_STATUS[code]: n for code, n in sorted(counter.items())},
        )
        for req, counter in zip(standard.requirements, counters, strict=True)
    )


def _distribution(records: Sequence[CommunityRecord]) -> Distribution:
    scores = [r.score for r in records if r.score is not None]
    counts = Counter(min(int(score // 10) * 10, 90) for score in scores)
    bins = tuple(Bin(low, low + 10, counts.get(low, 0)) for low in BINS)
    mean = round(statistics.fmean(scores), 1) if scores else None
    median = round(statistics.median(scores), 1) if scores else None
    return Distribution(bins, len(records) - len(scores), mean, median)


def _districts(
    standard: Standard, records: Sequence[CommunityRecord], roster: Roster | None, present: set[tuple[str, str]]
) -> tuple[DistrictRow, ...]:
    by_district: dict[str, list[CommunityRecord]] = defaultdict(list)
    for record in records:
        by_district[record.key[0]].append(record)
    expected: Counter[str] = Counter(e.key[0] for e in roster.entries) if roster else Counter()
    missing: Counter[str] = Counter(e.key[0] for e in roster.entries if e.key not in present) if roster else Counter()
    rows = []
    for district in sorted(by_district.keys() | expected.keys()):
        members = by_district.get(district, [])
        scores = [r.score for r in members if r.score is not None]
        rows.append(
            DistrictRow(
                district=district,
                communities=len(members),
                mean_score=round(statistics.fmean(scores), 1) if scores else None,
                grades=grade_counts(standard, members),
                compliant=sum(r.compliant for r in members),
                audited=sum(r.audit is not None for r in members),
                expected=expected.get(district, 0) if roster else None,
                missing=missing.get(district, 0) if roster else None,
            )
        )
    return tuple(rows)


def _ref(record: CommunityRecord) -> CommunityRef:
    return CommunityRef(record.district, record.name, record.slug)


def _entry_index(standard: Standard) -> dict[tuple[str, str], Entry]:
    """(requirement ID, entry ID) -> the catalogue entry, for the requirements that name a catalogue."""
    found = {}
    for req in standard.requirements:
        catalogue_id = req.params.get("catalogue") or str(req.params.get("entry") or "").partition("/")[0]
        catalogue = standard.catalogues.get(catalogue_id) if catalogue_id else None
        for entry in catalogue.entries if catalogue else ():
            found[(req.id, entry.id)] = entry
    return found


def work_list_of(standard: Standard, req: Requirement, lang: str) -> tuple[str, str]:
    """The work list a requirement's gaps go to, as (key, name): the body's ID in the standard's ``bodies``, or
    "name:" and the department's wording for a standard without them — the keys :func:`_departments` uses, so the
    web app's dashboard groups gaps by body exactly as the published work lists do."""
    body = standard.bodies.get(req.responsible.body) if req.responsible.body else None
    if body is None:
        wording = department_name(req, lang)
        return "name:" + wording, wording
    return body.id, (body.name_en if lang == "en" else "") or body.name


@dataclass
class _Owner:
    name: str
    body: str = ""
    levels: set[str] = field(default_factory=set)
    requirements: list[RequirementWork] = field(default_factory=list)
    entries: list[EntryWork] = field(default_factory=list)


def _departments(
    standard: Standard, records: Sequence[CommunityRecord], ids: tuple[str, ...], lang: str
) -> tuple[DepartmentWork, ...]:
    """Work lists: each department's requirements and catalogue entries, with the communities lacking them."""
    gaps: dict[str, list[CommunityRef]] = defaultdict(list)
    lacking: dict[tuple[str, str], list[CommunityRef]] = defaultdict(list)
    for record in records:  # already in district, street, name order
        ref = _ref(record)
        for rid, code in zip(ids, record.statuses, strict=True):
            if code in OPEN_CODES:
                gaps[rid].append(ref)
        for pair in record.missing:
            lacking[pair].append(ref)
    work: dict[str, _Owner] = {}

    def owner(body_id: str, fallback: str) -> _Owner:
        """The work list of a body (by its ID), or of a department named only by its wording."""
        body = standard.bodies.get(body_id) if body_id else None
        if body is None:
            return work.setdefault("name:" + fallback, _Owner(fallback))
        name = (body.name_en if lang == "en" else "") or body.name
        return work.setdefault(body.id, _Owner(name, body.id, {body.level}))

    for req in standard.requirements:
        if gaps.get(req.id):
            wording = department_name(req, lang)
            listed = owner(req.responsible.body, wording)
            listed.levels.add(req.responsible.level)
            role = "" if wording == listed.name else wording
            listed.requirements.append(RequirementWork(req.id, title(req, lang), tuple(gaps[req.id]), role))
    entries = _entry_index(standard)
    for (rid, entry_id), refs in sorted(lacking.items(), key=lambda item: (ids.index(item[0][0]), item[0][1])):
        entry = entries.get((rid, entry_id))
        req = standard.index[rid]
        name = ((entry.name_en if lang == "en" else "") or entry.name) if entry else entry_id
        body = standard.body_named(entry.department) if entry and entry.department else None
        if body is not None:
            listed = owner(body.id, body.name)
        elif entry and entry.department:  # a standard without bodies: the entry's own words (marked in English)
            listed = owner("", entry_department(standard, entry, lang))
        else:
            listed = owner(req.responsible.body, department_name(req, lang))
        listed.entries.append(EntryWork(rid, entry_id, name, tuple(refs)))
    found = [
        DepartmentWork(o.name, tuple(sorted(o.levels)), tuple(o.requirements), tuple(o.entries), o.body)
        for o in work.values()
    ]
    return tuple(sorted(found, key=lambda d: (-d.size, d.department)))


MATRIX_COLUMNS = 24  # what fits across a landscape A4 page


def _matrix(standard: Standard, rows: Sequence[CommunityRow], lang: str) -> Matrix:
    """Requirements by community when there are few; else by district (share of communities meeting each)."""
    reqs = standard.requirements
    if len(rows) <= MATRIX_COLUMNS:
        columns = tuple(row.record.name for row in rows)
        cells = [[_status_cell(row.record.statuses[i]) for row in rows] for i in range(len(reqs))]
        return Matrix("community", columns, _matrix_rows(reqs, cells, lang), 0)
    groups: dict[str, list[CommunityRecord]] = defaultdict(list)
    for row in rows:
        groups[row.record.key[0]].append(row.record)
    ranked = sorted(groups, key=lambda d: (-len(groups[d]), d))
    shown, rest = sorted(ranked[: MATRIX_COLUMNS - 1]), ranked[MATRIX_COLUMNS - 1 :]
    if len(rest) == 1:
        shown, rest = sorted(ranked), []
    merged = [(d, groups[d]) for d in shown]
    if rest:
        merged.append(("…", [r for d in rest for r in groups[d]]))
    cells = [[_share_cell([r.statuses[i] for r in members]) for _, members in merged] for i in range(len(reqs))]
    return Matrix("district", tuple(name for name, _ in merged), _matrix_rows(reqs, cells, lang), len(rest))


def _matrix_rows(reqs: Sequence[Requirement], cells: list[list[MatrixCell]], lang: str) -> tuple[MatrixRow, ...]:
    return tuple(MatrixRow(req.id, title(req, lang), tuple(row)) for req, row in zip(reqs, cells, strict=True))


STATUS_MARK = {"M": "✓", "P": "◐", "N": "✗", "U": "?", "-": "–", "E": "E"}


def _status_cell(code: str) -> MatrixCell:
    return MatrixCell(CODE_STATUS[code], STATUS_MARK[code])


def _share_cell(codes: Iterable[str]) -> MatrixCell:
    applicable = [c for c in codes if c not in LEFT_OUT_CODES]
    if not applicable:
        return MatrixCell("none", "–")
    share = 100 * sum(c == "M" for c in applicable) / len(applicable)
    return MatrixCell(f"q{min(int(share // 20), 4)}", f"{share:.0f}")


def build(
    standard: Standard,
    records: Sequence[CommunityRecord],
    rejected: Sequence[Rejection],
    *,
    lang: str,
    generated_at: datetime,
    ignored_files: int = 0,
    roster: Roster | None = None,
    progress: Progress | None = None,
    standards_found: tuple[tuple[str, int], ...] = (),
    issuer: str = "",
    round_title: str = "",
) -> Publication:
    """The publication of a round. ``records`` are the kept communities, in district, street, name order."""
    records = name_pages(records)  # the names Round.records() gave (the same keys give the same names)
    present = {r.key for r in records}
    on_roster = roster.keys() if roster else None
    grades = {g.id: title(g, lang) for g in standard.grades}
    ids = requirement_ids(standard)
    rows = tuple(
        CommunityRow(
            r,
            grades.get(r.grade_id or "", ""),
            gaps,
            (r.key in on_roster) if on_roster else None,
            r.claimed_gap_ids(ids) if r.audit else gaps,  # unaudited: the gaps as filed are the gaps
        )
        for r in records
        for gaps in [r.gap_ids(ids)]
    )
    missing = tuple(e for e in roster.entries if e.key not in present) if roster else ()
    kinds = Counter(r.kind for r in rejected)
    denominators = Denominators(
        expected=len(roster.entries) if roster else None,
        submitted=len(records)
        + kinds["invalid"]
        + kinds["duplicate"]
        + kinds["other_standard"]
        + kinds["internal_error"],
        valid=len(records),
        invalid=kinds["invalid"],
        duplicates=kinds["duplicate"],
        other_standard=kinds["other_standard"],
        audited=sum(r.audit is not None for r in records),
        missing=len(missing) if roster else None,
        not_on_roster=sum(row.on_roster is False for row in rows) if roster else None,
        compliant=sum(r.compliant for r in records),
        with_gaps=sum(not r.compliant for r in records),
        ignored_files=ignored_files,
        skipped=kinds["skipped"],
        internal_errors=kinds["internal_error"],
        other_documents=kinds["other_document"],
    )
    return Publication(
        standard=standard,
        lang=lang,
        generated_at=generated_at,
        periods=tuple(sorted({r.period for r in records})),
        denominators=denominators,
        communities=rows,
        requirements=_requirement_rows(standard, records, lang),
        districts=_districts(standard, records, roster, present),
        distribution=_distribution(records),
        matrix=_matrix(standard, rows, lang),
        departments=_departments(standard, records, ids, lang),
        rejected=tuple(rejected),
        missing=tuple(sorted(missing, key=lambda e: (e.key, e.street))),
        progress=progress,
        roster_file=roster.file if roster else "",
        standards_found=standards_found,
        issuer=issuer,
        round_title=round_title,
    )
