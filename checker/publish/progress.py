"""Progress since the previous round: which gaps each community closed, which are new, which remain.

A community is matched across rounds by district and name. For each requirement of a community in both rounds:

* newly met (新达标): a gap before, not a gap now;
* newly missing (新增缺项): not a gap before (met, not applicable, exempt), a gap now;
* still missing (仍未达标): a gap in both rounds.

Like is compared with like: where both rounds verified the community on site, verified with verified; otherwise
claimed with claimed (each round's self-assessment as filed), so an inspector's finding is never counted as a
regression. Each change says which (``basis``). Only a previous publication from before this rule, which kept
no claims for its audited communities, can leave a community with no common basis: it is then compared as
published (``basis`` mixed) and the report says so.

"Gap" means partial, not met or unanswered, as in every gap report. The score change is now minus before.
Communities only in one round are listed apart (new to the round, or no longer reporting).

>>> before = {("区", "甲"): Standing("区", "街", "甲", Side(70.0, ("R1", "R2")))}
>>> now = {("区", "甲"): Standing("区", "街", "甲", Side(82.5, ("R2", "R3")))}
>>> change = compare(before, now, ("R1", "R2", "R3"), "prev").changes[0]
>>> change.newly_met, change.newly_missing, change.still_missing, change.score_change, change.basis
(('R1',), ('R3',), ('R2',), 12.5, 'claimed')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from checker.errors import InputError, Problem, UsageError
from checker.files import open_regular
from checker.publish.record import CommunityRecord, record_key
from checker.validation import SchemaCheck, load_schema

SUMMARY = "summary.json"


@dataclass(frozen=True, slots=True)  # two per community and round
class Side:
    """A community's score and gaps as claimed, or as verified."""

    score: float | None
    gaps: tuple[str, ...]  # requirement IDs; a tuple, ~8 B a gap (a frozenset took ~40): two rounds of 50,000 are held


@dataclass(frozen=True, slots=True)  # one per community and round
class Standing:
    """A community's standing in one round: what it claimed and, if audited, what was verified (``claimed`` is
    None only for an audited community of an old summary.json, which kept no claims)."""

    district: str
    street: str
    name: str
    claimed: Side | None
    verified: Side | None = None

    @property
    def published(self) -> Side:
        """The standing the round published: verified where audited, else claimed."""
        side = self.verified or self.claimed
        assert side is not None
        return side

    @property
    def score(self) -> float | None:
        return self.published.score


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
    basis: str = "claimed"  # verified (both rounds audited), claimed, or mixed (no common basis: as published)

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
    # the score each community in both rounds had as published last round (verified where audited), for the
    # index beside this round's score
    previous_scores: Mapping[tuple[str, str], float | None] = field(default_factory=dict)
    title: str = ""  # the previous publication's own title (summary.json's ``title``), when it has one

    def on_basis(self, basis: str) -> int:
        return sum(c.basis == basis for c in self.changes)

    def total(self, what: str) -> int:
        return sum(len(getattr(c, what)) for c in self.changes)


def standings(records: Iterable[CommunityRecord], requirement_ids: tuple[str, ...]) -> dict[tuple[str, str], Standing]:
    found = {}
    for r in records:
        claimed_score = r.audit.claimed_score if r.audit else r.score
        claimed = Side(claimed_score, r.claimed_gap_ids(requirement_ids))
        verified = Side(r.score, r.gap_ids(requirement_ids)) if r.audit else None
        found[r.key] = Standing(r.district, r.street, r.name, claimed, verified)
    return found


def like_with_like(before: Standing, now: Standing) -> tuple[Side, Side, str]:
    if before.verified and now.verified:
        return before.verified, now.verified, "verified"
    if before.claimed and now.claimed:
        return before.claimed, now.claimed, "claimed"
    return before.published, now.published, "mixed"


def compare(
    before: Mapping[tuple[str, str], Standing],
    now: Mapping[tuple[str, str], Standing],
    requirement_ids: Sequence[str],
    source: str,
    title: str = "",
) -> Progress:
    order = {rid: i for i, rid in enumerate(requirement_ids)}

    def ordered(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda i: (order.get(i, len(order)), i)))

    changes = []
    for key in sorted(before.keys() & now.keys()):
        b, n, basis = like_with_like(before[key], now[key])
        place, gaps_before, gaps_now = now[key], set(b.gaps), set(n.gaps)
        changes.append(
            Change(
                place.district,
                place.street,
                place.name,
                b.score,
                n.score,
                newly_met=ordered(gaps_before - gaps_now),
                newly_missing=ordered(gaps_now - gaps_before),
                still_missing=ordered(gaps_before & gaps_now),
                basis=basis,
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
        previous_scores={key: before[key].score for key in sorted(before.keys() & now.keys())},
        title=title,
    )


# ---------------------------------------------------------------- a previous publication's summary.json


def summary_file(path: Path) -> Path | None:
    """The summary.json of a previous publication named by ``path`` (the file, or the folder holding it)."""
    if path.is_file() and path.suffix.lower() == ".json":
        return path
    candidate = path / SUMMARY
    return candidate if candidate.is_file() else None


MAX_SUMMARY_BYTES = 256 * 1024 * 1024  # a publication of 50,000 communities writes about 125 MB


class Summary(NamedTuple):
    """What a comparison takes from a previous publication's summary.json."""

    standings: dict[tuple[str, str], Standing]
    title: str  # the publication's title (``title``), "" when it had none


def read_summary(path: Path, standard_id: str, requirement_ids: Sequence[str]) -> Summary:
    """The standings and title recorded in a previous publication's summary.json: read bounded, strict JSON only
    (NaN and infinities refused), checked against the published summary schema (checker/schemas/summary.schema.json),
    the same standard required and every gap a requirement of it. Anything else is an InputError (exit 2).

    The file is read as a stream (ijson, twice), never held whole: a 50,000-community round writes ~125 MB,
    which ``json.loads`` held as ~1 GB of objects. The first pass keeps the document's outline (every array
    cut to its first few items) and checks it against the schema; the second takes the communities one at a
    time, checks each against the schema's community and keeps only its standing."""
    import ijson

    known = set(requirement_ids)
    shared = {i: i for i in requirement_ids}
    standings: dict[tuple[str, str], Standing] = {}
    with open_regular(path, MAX_SUMMARY_BYTES) as stream:
        start = 3 if stream.read(3) == BOM else 0
        try:
            stream.rewind(start)
            outline = _outline(ijson.basic_parse(stream, use_float=True))
            check = _summary_check()
            if not check.is_valid(outline):
                raise _bad(path, _first_error(check, outline))
            found = outline["standard"]["id"]
            if found != standard_id:
                raise UsageError("publish.previous_standard", file=str(path), found=found, expected=standard_id)
            stream.rewind(start)
            community = _community_check()
            for i, item in enumerate(ijson.items(stream, "communities.item", use_float=True)):
                if not community.is_valid(item):
                    raise _bad(path, _first_error(community, item, f"communities[{i}]"))
                unknown = sorted({*item["gaps"], *(item.get("gaps_claimed") or ())} - known)
                if unknown:
                    raise _bad(path, f"communities[{i}].gaps: {unknown[0]}")
                standings[_key(item)] = _standing(item, shared)
        except (ijson.JSONError, UnicodeDecodeError, ValueError) as error:  # 5,000-digit ints are a ValueError
            raise _bad(path, _parse_error(error)) from None
    title = outline.get("title")
    return Summary(standings, title.strip()[:200] if isinstance(title, str) else "")


BOM = b"\xef\xbb\xbf"
OUTLINE_ITEMS = 16  # items of each array the outline keeps: enough to check the document's shape


def _outline(events: Iterable[tuple[str, Any]]) -> Any:
    """The JSON value of ``events`` (ijson's basic_parse) with every array cut to its first OUTLINE_ITEMS items:
    the shape of a summary.json in a few kilobytes, whatever its size."""
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = None
    skip = 0  # depth inside an item left out
    for event, value in events:
        if skip:
            skip += event in _OPEN
            skip -= event in _CLOSE
            continue
        if event == "map_key":
            keys[-1] = value
            continue
        if event in _CLOSE:
            root = stack.pop()
            keys.pop()
            continue
        parent = stack[-1] if stack else None
        if isinstance(parent, list) and len(parent) >= OUTLINE_ITEMS:
            skip = int(event in _OPEN)
            continue
        new = {} if event == "start_map" else [] if event == "start_array" else value
        if isinstance(parent, dict):
            parent[keys[-1]] = new
        elif isinstance(parent, list):
            parent.append(new)
        else:
            root = new
        if event in _OPEN:
            stack.append(new)
            keys.append(None)
    return root


_OPEN = frozenset({"start_map", "start_array"})
_CLOSE = frozenset({"end_map", "end_array"})


def _parse_error(error: Exception) -> str:
    """yajl's message, its first line and the text it stopped in: ``parse error: numeric (floating point)
    overflow（"score": 1e999, "grade"）`` (not the third line, a caret under the spot)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    near = f"（{lines[1].removesuffix('(right here) ------^').strip()}）" if len(lines) > 1 else ""
    return (lines[0] if lines else type(error).__name__)[:200] + near[:100]


def _bad(path: Path, detail: str) -> InputError:
    return InputError([Problem(str(path), 1, 1, "publish.previous_format", {"detail": detail})])


@cache
def _summary_check() -> SchemaCheck:
    return SchemaCheck(load_schema("summary.schema.json"))


@cache
def _community_check() -> SchemaCheck:
    schema = load_schema("summary.schema.json")
    return SchemaCheck({**schema["$defs"]["community"], "$defs": schema["$defs"]})


def _first_error(check: SchemaCheck, data: Any, prefix: str = "") -> str:
    from jsonschema.exceptions import best_match

    error = best_match(check._slow.iter_errors(data))
    where = prefix + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in error.absolute_path)
    return f"{where.lstrip('.') or '/'}: {error.message[:200]}"


def _key(item: Mapping[str, Any]) -> tuple[str, str]:
    return record_key(item["district"], item["name"])


def _standing(item: Mapping[str, Any], shared: dict[str, str] | None = None) -> Standing:
    """A community's standing. ``shared`` maps requirement IDs and place names to one copy each: a stream
    parser makes a new string per occurrence, and 50,000 communities repeat the same few hundred."""
    one = shared.setdefault if shared is not None else (lambda text, _: text)
    gaps = tuple(one(g, g) for g in item["gaps"])
    published = Side(item["score"], gaps)
    district, street = one(item["district"], item["district"]), one(item["street"], item["street"])
    if not item.get("audited"):
        return Standing(district, street, item["name"], published)
    claims = item.get("gaps_claimed")
    claimed = Side(item.get("score_claimed"), tuple(one(g, g) for g in claims)) if claims is not None else None
    return Standing(district, street, item["name"], claimed, published)
