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
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

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


def slug_of(district: str, name: str) -> str:
    """A file name for a community's page: readable (Chinese is kept) and unique (a short hash of the key)."""
    key = record_key(district, name)
    readable = re.sub(r"[^\w]+", "-", f"{key[0]}-{key[1]}").strip("-_")[:60]
    digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


@dataclass(frozen=True)
class AuditMark:
    """The audit that verified a community's self-assessment, and what it changed."""

    file: str
    claimed_score: float | None
    credibility: float | None
    discrepancies: int
    claimed_statuses: str = ""  # the self-assessment's own statuses (STATUS_CODE per requirement), for like-with-like


@dataclass(frozen=True)
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

    @property
    def key(self) -> tuple[str, str]:
        return record_key(self.district, self.name)

    @property
    def slug(self) -> str:
        return slug_of(self.district, self.name)

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
