"""The compact records a publication keeps: one per community, one per rejected file.

A bureau may publish ten thousand communities at once, so the aggregate never holds CheckResult objects: each
result is boiled down in the worker to a :class:`CommunityRecord` of a few hundred bytes (statuses as one
character per requirement, gaps as requirement IDs), and only these travel back to the parent process.

>>> record_key("鼓楼区 ", "康居社区")
('鼓楼区', '康居社区')
>>> record_key("ＡＢ区", "康居社区") == record_key("AB区", "康居社区")
True
>>> slug_of("鼓楼区", "康居社区")
'鼓楼区-康居社区-9c3a0996'
>>> slug_of("鼓楼区", "../<b>x</b>")
'鼓楼区-b-x-b-3f96a2f6'

Within one publication, page names are given by :func:`name_pages`, which makes them unique by construction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from checker.dates import parse_date
from checker.engine import LEFT_OUT, OPEN, CheckResult
from checker.errors import Problem
from checker.model import STATUSES

# One character per requirement status, in the standard's requirement order: 60 requirements take 60 bytes.
STATUS_CODE = {
    "met": "M",
    "partial": "P",
    "not_met": "N",
    "unanswered": "U",
    "not_applicable": "-",
    "exempt": "E",
}
CODE_STATUS = {code: status for status, code in STATUS_CODE.items()}
assert set(STATUS_CODE) == set(STATUSES)
OPEN_CODES = frozenset(STATUS_CODE[s] for s in OPEN)
LEFT_OUT_CODES = frozenset(STATUS_CODE[s] for s in LEFT_OUT)


def normalise(text: str) -> str:
    """Full-width letters and digits to half-width, spaces trimmed: what two clerks typing a name agree on."""
    return unicodedata.normalize("NFKC", text).strip()


def day_number(text: str) -> int:
    """A YYYY-MM-DD text as a day number for sorting; anything else counts as the earliest day (0).

    >>> day_number("2024-06-30") > day_number("2024-06-01") > day_number("") == day_number("6月1日") == 0
    True
    """
    d = parse_date(text)
    return d.toordinal() if d else 0


def record_key(district: str, name: str) -> tuple[str, str]:
    """The identity of a community in a publication: its district and its name."""
    return normalise(district), normalise(name)


SLUG_HASH = 8  # hex digits of the key's hash in a page name; more only where two communities would meet


def slug_of(district: str, name: str, digits: int = SLUG_HASH) -> str:
    """A file name for a community's page: readable (Chinese is kept) and told apart by a hash of the key.

    The hash is short, so two communities can meet on one name; :func:`name_pages` settles that."""
    key = record_key(district, name)
    readable = re.sub(r"[^\w]+", "-", f"{key[0]}-{key[1]}").strip("-_")[:60]
    return f"{readable}-{_digest(key)[:digits]}"


def _digest(key: tuple[str, str]) -> str:
    return hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()


def page_names(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """A page name for each community key, different for every key by construction.

    Each starts as :func:`slug_of`. Names are compared case-folded (a publication may be unzipped on a
    file system that ignores case). Where keys meet, those keys take a longer hash (16, then 64 hex digits);
    a name that still meets another (only equal hashes could) gets ``-2``, ``-3``… in key order. The result
    depends only on the set of keys, never on the order they come in.
    """
    proposed: dict[tuple[str, str], str] = {}
    pending = sorted(set(keys))
    for digits in (SLUG_HASH, 16, 64):
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key in pending:
            groups[slug_of(*key, digits=digits).casefold()].append(key)
        pending = []
        for group in groups.values():
            if len(group) > 1 and digits < 64:
                pending += group
                continue
            for key in group:
                proposed[key] = slug_of(*key, digits=digits)
    return _unique(proposed)


def _unique(proposed: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    uses = Counter(name.casefold() for name in proposed.values())
    taken: set[str] = set()
    names = {}
    for key in sorted(proposed):
        name, n = proposed[key], 1
        while name.casefold() in taken or (n > 1 and name.casefold() in uses):
            n += 1
            name = f"{proposed[key]}-{n}"
        taken.add(name.casefold())
        names[key] = name
    return names


def name_pages(records: Sequence[CommunityRecord]) -> list[CommunityRecord]:
    """The records of one publication, each with its page name (see :func:`page_names`), in the same order."""
    names = page_names(r.key for r in records)
    return [r if r.page == names[r.key] else replace(r, page=names[r.key]) for r in records]


@dataclass(frozen=True)
class AuditMark:
    """The audit that verified a community's self-assessment, and what it changed."""

    file: str
    claimed_score: float | None
    credibility: float | None
    discrepancies: int
    claimed_statuses: str = ""  # the self-assessment's own statuses (STATUS_CODE per requirement), for like-with-like


@dataclass(frozen=True, slots=True)  # one per community, kept until the outputs are written: no __dict__ each
class CommunityRecord:
    """What the aggregate needs of one valid self-assessment. ``index`` is the file's place in path order."""

    index: int
    file: str
    sha256: str
    district: str
    street: str
    name: str
    area_type: str
    period: str
    filled_on: str
    score: float | None
    grade_id: str | None
    statuses: str  # one STATUS_CODE per requirement, in the standard's order
    missing: tuple[tuple[str, str], ...]  # (requirement ID, catalogue entry ID) of every missing entry
    notices: tuple[Problem, ...] = ()  # placed messages about an accepted file (a GBK encoding, say)
    audit: AuditMark | None = None
    page: str = ""  # its page name in the publication, set by name_pages (unique there)

    @property
    def key(self) -> tuple[str, str]:
        return record_key(self.district, self.name)

    @property
    def slug(self) -> str:
        return self.page or slug_of(self.district, self.name)

    @property
    def gap_count(self) -> int:
        return sum(code in OPEN_CODES for code in self.statuses)

    @property
    def compliant(self) -> bool:
        return self.gap_count == 0

    def gap_ids(self, requirement_ids: tuple[str, ...]) -> tuple[str, ...]:
        return open_ids(requirement_ids, self.statuses)

    def claimed_gap_ids(self, requirement_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The gaps the community itself reported: its own, or (if audited) those of its claims."""
        return open_ids(requirement_ids, self.audit.claimed_statuses if self.audit else self.statuses)


def open_ids(requirement_ids: tuple[str, ...], statuses: str) -> tuple[str, ...]:
    return tuple(i for i, code in zip(requirement_ids, statuses, strict=True) if code in OPEN_CODES)


@dataclass(frozen=True)
class Rejection:
    """A file left out of the publication, and why: ``kind`` is invalid, duplicate, or one of the audit kinds."""

    file: str
    kind: str
    problems: tuple[Problem, ...] = ()
    kept: str = ""  # for a duplicate: the file that was kept instead


def statuses(result: CheckResult) -> str:
    return "".join(STATUS_CODE[r.status] for r in result.results)


def record_of(
    result: CheckResult, index: int, notices: tuple[Problem, ...], audit: AuditMark | None
) -> CommunityRecord:
    """Boil a judged self-assessment down to its compact record."""
    a = result.assessment
    p = a.profile
    missing = tuple((gap.id, entry.id) for gap in result.gaps for entry in gap.result.missing)
    return CommunityRecord(
        index=index,
        file=a.path,
        sha256=a.sha256,
        district=p.district.strip(),
        street=p.street.strip(),
        name=p.name.strip(),
        area_type=p.area_type,
        period=a.period,
        filled_on=a.filled_on or "",
        score=result.score,
        grade_id=result.grade.id if result.grade else None,
        statuses=statuses(result),
        missing=missing,
        notices=notices,
        audit=audit,
    )
