"""Progress since the previous round: which gaps each community closed, which are new, which remain.

A community is matched across rounds by district and name. For each requirement of a community in both rounds:

* newly met (新达标): a gap before, not a gap now;
* newly missing (新增缺项): not a gap before (met, not applicable, exempt), a gap now;
* still missing (仍未达标): a gap in both rounds.

"Gap" means partial, not met or unanswered, as in every gap report. The score change is now minus before.
Communities only in one round are listed apart (new to the round, or no longer reporting).

>>> before = {("区", "甲"): Standing("区", "街", "甲", 70.0, frozenset({"R1", "R2"}))}
>>> now = {("区", "甲"): Standing("区", "街", "甲", 82.5, frozenset({"R2", "R3"}))}
>>> change = compare(before, now, ("R1", "R2", "R3"), "prev").changes[0]
>>> change.newly_met, change.newly_missing, change.still_missing, change.score_change
(('R1',), ('R3',), ('R2',), 12.5)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import InputError, Problem, UsageError
from checker.publish.record import CommunityRecord, record_key

SUMMARY = "summary.json"


@dataclass(frozen=True)
class Standing:
    """A community's standing in one round: its score and the requirements it has a gap on."""

    district: str
    street: str
    name: str
    score: float | None
    gaps: frozenset[str]


@dataclass(frozen=True)
class Change:
    district: str
    street: str
    name: str
    score_before: float | None
    score_now: float | None
    newly_met: tuple[str, ...]
    newly_missing: tuple[str, ...]
    still_missing: tuple[str, ...]

    @property
    def score_change(self) -> float | None:
        if self.score_before is None or self.score_now is None:
            return None
        return round(self.score_now - self.score_before, 1)


@dataclass(frozen=True)
class RequirementProgress:
    id: str
    newly_met: int
    newly_missing: int
    still_missing: int


@dataclass(frozen=True)
class Progress:
    source: str
    changes: tuple[Change, ...]
    new: tuple[Standing, ...]  # in this round only
    gone: tuple[Standing, ...]  # in the previous round only
    requirements: tuple[RequirementProgress, ...]

    def total(self, what: str) -> int:
        return sum(len(getattr(c, what)) for c in self.changes)


def standings(records: Iterable[CommunityRecord], requirement_ids: tuple[str, ...]) -> dict[tuple[str, str], Standing]:
    return {
        r.key: Standing(r.district, r.street, r.name, r.score, frozenset(r.gap_ids(requirement_ids))) for r in records
    }


def compare(
    before: Mapping[tuple[str, str], Standing],
    now: Mapping[tuple[str, str], Standing],
    requirement_ids: Sequence[str],
    source: str,
) -> Progress:
    order = {rid: i for i, rid in enumerate(requirement_ids)}

    def ordered(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda i: (order.get(i, len(order)), i)))

    changes = []
    for key in sorted(before.keys() & now.keys()):
        b, n = before[key], now[key]
        changes.append(
            Change(
                n.district,
                n.street,
                n.name,
                b.score,
                n.score,
                newly_met=ordered(b.gaps - n.gaps),
                newly_missing=ordered(n.gaps - b.gaps),
                still_missing=ordered(b.gaps & n.gaps),
            )
        )
    by_requirement = [
        RequirementProgress(
            rid,
            sum(rid in c.newly_met for c in changes),
            sum(rid in c.newly_missing for c in changes),
            sum(rid in c.still_missing for c in changes),
        )
        for rid in requirement_ids
    ]
    return Progress(
        source=source,
        changes=tuple(changes),
        new=tuple(now[k] for k in sorted(now.keys() - before.keys())),
        gone=tuple(before[k] for k in sorted(before.keys() - now.keys())),
        requirements=tuple(by_requirement),
    )


# ---------------------------------------------------------------- a previous publication's summary.json


def summary_file(path: Path) -> Path | None:
    """The summary.json of a previous publication named by ``path`` (the file, or the folder holding it)."""
    if path.is_file() and path.suffix.lower() == ".json":
        return path
    candidate = path / SUMMARY
    return candidate if candidate.is_file() else None


def read_summary(path: Path, standard_id: str) -> dict[tuple[str, str], Standing]:
    """The standings recorded in a previous publication's summary.json (same standard required)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError([Problem(str(path), 1, 1, "publish.previous_format", {"detail": str(error)})]) from None
    try:
        found = data["standard"]["id"]
        if found != standard_id:
            raise UsageError("publish.previous_standard", file=str(path), found=found, expected=standard_id)
        return {_key(c): _standing(c) for c in data["communities"]}
    except (KeyError, TypeError, AttributeError) as error:
        detail = f"{type(error).__name__}: {error}"
        raise InputError([Problem(str(path), 1, 1, "publish.previous_format", {"detail": detail})]) from None


def _key(item: Mapping[str, Any]) -> tuple[str, str]:
    return record_key(str(item["district"]), str(item["name"]))


def _standing(item: Mapping[str, Any]) -> Standing:
    score = item["score"]
    if score is not None and not isinstance(score, int | float):
        raise TypeError(f"score {score!r}")
    return Standing(
        str(item["district"]), str(item["street"]), str(item["name"]), score, frozenset(map(str, item["gaps"]))
    )
