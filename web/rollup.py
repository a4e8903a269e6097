"""Roll-ups kept current as events arrive (#15 §2), as DHIS2 keeps its analytics tables: a round's figures per
node of the hierarchy live in :class:`~web.models.RollUp`, and where each community stands in
:class:`~web.models.CommunityRound`. The services that write a draft, a submission, a review or an audit call
:func:`refresh` inside their own transaction, so the figures change with the event or not at all; no page ever
counts over every community. :func:`rebuild` makes both tables again from the records themselves, and
:func:`recompute` says what they should hold (the tests compare the two after random events).

What a community adds to each node above it (its *contribution*)::

    roster 1, status:<status> 1                      every roster community
    reported 1, grade:<grade> 1, gaps_total n,       its latest submitted version (claimed)
    gap:<requirement> 1 per gap, score:<bin> 1,
    scored 1, score_total <score in hundredths>
    audited 1, vgrade:…, vgap:…, vscore:…, …        the verified result, once audited

Judged as the reports judge (:func:`web.audited.judge`, the app's one judging path): a version of a community
with exemptions in force, or with a finished audit, is judged from its text under those exemptions (and on the
audit record's verified facts); any other version stands as judged when submitted. Exemptions are decided on
the round's day (:func:`web.audited.judging_day`: today while it runs, its deadline after), kept in
``Round.figures_on``; when that day moves on, :func:`catch_up` judges again the communities whose grants began,
lapsed or were revoked in between, so the figures always equal a recomputation on the day they stand for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import BigIntegerField, Case, F, Model, Value, When

from web import hierarchy
from web.models import Community, CommunityRound, Draft, Review, RollUp, Round, ScopeNode, Submission

STATUSES = ("not_started", "draft", "submitted", "returned", "accepted", "audited")
BINS = tuple(range(0, 100, 10))  # as publish's distribution: 0–10 … 90–100


def score_bin(score: float) -> int:
    return min(max(int(score // 10) * 10, 0), 90)


@dataclass(frozen=True)
class Standing:
    """Where a community stands in a round: what :class:`CommunityRound` holds, as a value."""

    status: str = "not_started"
    submission_id: int | None = None
    number: int = 0
    score: float | None = None
    grade: str = ""
    gaps: tuple[str, ...] = ()
    audited: bool = False
    verified_score: float | None = None
    verified_grade: str = ""
    verified_gaps: tuple[str, ...] = ()
    exempted: tuple[int, ...] = ()  # the grants in force on the round's day (its version judged under them)


def contribution(standing: Standing) -> Counter[str]:
    """What one community adds to every node above it."""
    found: Counter[str] = Counter({"roster": 1, f"status:{standing.status}": 1})
    if standing.submission_id is not None:
        _result(found, "", standing.score, standing.grade, standing.gaps)
        found["reported"] += 1
    if standing.audited:
        _result(found, "v", standing.verified_score, standing.verified_grade, standing.verified_gaps)
        found["audited"] += 1
    return found


def _result(found: Counter[str], prefix: str, score: float | None, grade: str, gaps: tuple[str, ...]) -> None:
    found[f"{prefix}grade:{grade}"] += 1
    found[f"{prefix}gaps_total"] += len(gaps)
    for gap in gaps:
        found[f"{prefix}gap:{gap}"] += 1
    if score is not None:
        found[f"{prefix}score:{score_bin(score)}"] += 1
        found[f"{prefix}scored"] += 1
        found[f"{prefix}score_total"] += round(score * 100)


# ---------------------------------------------------------------- where a community stands, from the records


def _gaps(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _standing(status: str, latest: Mapping[str, object] | None, review_state: str | None) -> Standing:
    if latest is None:
        return Standing(status)
    score = latest["score"]
    return Standing(
        status=review_state or "submitted",
        submission_id=int(str(latest["pk"])),
        number=int(str(latest["number"])),
        score=float(score) if isinstance(score, (int, float)) else None,
        grade=str(latest["grade"]),
        gaps=_gaps(str(latest["gap_ids"])),
    )


_LATEST = ("pk", "community_id", "number", "score", "grade", "gap_ids")


def standings(round_: Round, community_ids: Iterable[int] | None = None) -> dict[int, Standing]:
    """Where each roster community (or only these) stands, from its drafts, versions and reviews: a few queries
    per round, never a submission's text."""
    roster = Round.communities.through.objects.filter(round_id=round_.pk)
    versions = Submission.objects.filter(round_id=round_.pk)
    drafts = Draft.objects.filter(round_id=round_.pk, version__gt=0)
    reviews = Review.objects.filter(submission__round_id=round_.pk)
    if community_ids is not None:
        ids = list(community_ids)
        roster, versions = roster.filter(community_id__in=ids), versions.filter(community_id__in=ids)
        drafts, reviews = drafts.filter(community_id__in=ids), reviews.filter(submission__community_id__in=ids)
    latest: dict[int, dict[str, object]] = {}
    for row in versions.order_by("community_id", "number").values(*_LATEST):
        latest[int(str(row["community_id"]))] = row
    states: dict[int, str] = dict(reviews.order_by("submission_id", "id").values_list("submission_id", "state"))
    drafted = set(drafts.values_list("community_id", flat=True))
    audits = finished_audits(round_.pk, [int(str(row["pk"])) for row in latest.values()])
    found = {}
    for community_id in roster.values_list("community_id", flat=True):
        sub = latest.get(community_id)
        state = states.get(int(str(sub["pk"]))) if sub else None
        standing = _standing("draft" if community_id in drafted else "not_started", sub, state)
        if standing.submission_id in audits:
            standing = replace(standing, status="audited", audited=True)  # its verified result: see _judged
        found[community_id] = standing
    return found


def finished_audits(round_id: int, submission_ids: list[int]) -> dict[int, int]:
    """Submission ID -> its finished audit's ID, for these versions (an audit in progress is no finding yet)."""
    from web.models import Audit

    found = Audit.objects.filter(round_id=round_id, state=Audit.FINISHED, submission_id__in=submission_ids)
    return dict(found.exclude(record_text="").values_list("submission_id", "pk"))


def _judged(
    round_: Round, new: Standing, old: Standing | None, exempted: tuple[int, ...], day: date, hint: Standing | None
) -> Standing:
    """A standing judged as the reports judge it: as submitted when no exemption holds and no audit is finished;
    else kept from the stored row while its version, grants in force and audit are the same (judged once), else
    the audit service's just-judged verified result when no exemption holds, else judged now (web.audited)."""
    if new.submission_id is None:
        return new
    new = replace(new, exempted=exempted)
    if not exempted and not new.audited:
        return new
    if old is not None and (old.submission_id, old.exempted, old.audited) == (new.submission_id, exempted, new.audited):
        source = old
    elif not exempted and hint is not None and hint.submission_id == new.submission_id:
        source = replace(new, **_verified_part(hint))
    else:
        source = judge(round_, new, day)
    found = replace(new, **_verified_part(source)) if new.audited else new
    if exempted:
        found = replace(found, score=source.score, grade=source.grade, gaps=source.gaps)
    return found


def _verified_part(standing: Standing) -> dict[str, Any]:
    return {
        "verified_score": standing.verified_score,
        "verified_grade": standing.verified_grade,
        "verified_gaps": standing.verified_gaps,
    }


def judge(round_: Round, standing: Standing, day: date) -> Standing:
    """A version's claimed and (once audited) verified result under the exemptions in force on ``day`` and its
    finished audit record, by :func:`web.audited.judge` — what its reports show. An unreadable record (never kept
    by the app, which reads it back first) gives no verified result."""
    from checker.errors import InputError
    from web import audited

    submission = Submission.objects.select_related("community").get(pk=standing.submission_id)
    submission.round = round_  # its standard loaded once for the round, not read again per version
    try:
        judged = audited.judge(submission, "zh", day)
    except InputError:
        return replace(standing, verified_score=None, verified_grade="", verified_gaps=())
    claimed = judged.claimed
    found = replace(standing, score=claimed.score, grade=_grade(claimed), gaps=tuple(g.id for g in claimed.gaps))
    if judged.audited is None:
        return found
    return replace(found, **_verified_part(verified(standing.submission_id or 0, judged.audited.verified)))


def _grade(result: Any) -> str:
    return result.grade.title if result.grade else ""


def _of_row(row: CommunityRound) -> Standing:
    return Standing(
        row.status,
        row.submission_id,
        row.number,
        row.score,
        row.grade,
        _gaps(row.gaps),
        row.audited,
        row.verified_score,
        row.verified_grade,
        _gaps(row.verified_gaps),
        tuple(int(x) for x in row.exempted.split()),
    )


def _padded(gaps: tuple[str, ...]) -> str:
    return f" {' '.join(gaps)} " if gaps else ""


def _fields(standing: Standing) -> dict[str, object]:
    return {
        "status": standing.status,
        "submission_id": standing.submission_id,
        "number": standing.number,
        "score": standing.score,
        "grade": standing.grade,
        "gaps": _padded(standing.gaps),
        "audited": standing.audited,
        "verified_score": standing.verified_score,
        "verified_grade": standing.verified_grade,
        "verified_gaps": _padded(standing.verified_gaps),
        "exempted": _padded(tuple(str(x) for x in standing.exempted)),
    }


def verified(submission_id: int, result: Any) -> Standing:
    """An audit's verified judgement (a CheckResult from ``sqcheck check --audit``'s comparison) as the part of a
    standing :func:`refresh` keeps apart from the claimed one."""
    return Standing(
        submission_id=submission_id,
        verified_score=result.score,
        verified_grade=_grade(result),
        verified_gaps=tuple(gap.id for gap in result.gaps),
    )


# ---------------------------------------------------------------- kept current with the events


def refresh(round_id: int, community_id: int, verified: Standing | None = None, rejudge: bool = False) -> Standing:
    """Bring one community's standing and every figure above it up to date with its records (drafts, versions,
    reviews, finished audits, exemptions); call it inside the transaction that wrote the event. ``verified``: the
    verified result the caller has just judged for a finished audit (saves judging it again; used only when no
    exemption holds, as the caller judged without them); ``rejudge``: the grants changed, judge again."""
    with transaction.atomic():
        mine = CommunityRound.objects.select_for_update().filter(round_id=round_id, community_id=community_id)
        row = mine.first()
        if row is None:  # a round made before the roll-ups existed: build it whole, once
            round_ = Round.objects.select_for_update().get(pk=round_id)  # two first events: one rebuilds
            if not CommunityRound.objects.filter(round_id=round_id).exists():
                rebuild(round_)
            row = mine.first()
            if row is None:  # not on the roster: nothing of it is counted
                return Standing()
        old = _of_row(row)
        from web import exemptions

        round_ = Round.objects.select_related("standard").get(pk=round_id)
        day = figures_day(round_)
        new = standings(round_, [community_id]).get(community_id, Standing())
        exempted = exemptions.in_force([community_id], round_.standard.standard_id, day).get(community_id, ())
        new = _judged(round_, new, None if rejudge else old, exempted, day, verified)
        if new == old:
            return new
        for name, value in _fields(new).items():
            setattr(row, name, value)
        row.save()
        delta = contribution(new)
        delta.subtract(contribution(old))
        community = Community.objects.select_related("node").get(pk=community_id)
        nodes = [n.pk for n in hierarchy.ancestors(community.node)] if community.node else []
        _apply(round_id, nodes, delta)
    return new


def _apply(round_id: int, nodes: list[int], delta: Mapping[str, int]) -> None:
    """Add ``delta`` to each node's figures: rows made where missing, then one UPDATE, rows taken in one order
    (node, key) so that two events under the same street never wait for each other in a circle."""
    changes = {key: value for key, value in delta.items() if value}
    if not changes or not nodes:
        return
    keys = sorted(changes)
    nodes = sorted(nodes)
    RollUp.objects.bulk_create(
        [RollUp(round_id=round_id, node_id=n, key=k, value=0) for n in nodes for k in keys], ignore_conflicts=True
    )
    rows = RollUp.objects.filter(round_id=round_id, node_id__in=nodes, key__in=keys)
    list(rows.select_for_update().order_by("node_id", "key").values_list("pk", flat=True))
    step = Case(*(When(key=k, then=Value(v)) for k, v in changes.items()), output_field=BigIntegerField())
    rows.update(value=F("value") + step)


# ---------------------------------------------------------------- from scratch


def recompute(round_: Round, day: date | None = None) -> tuple[dict[int, Standing], dict[tuple[int, str], int]]:
    """What the tables should hold for a round, from the records alone, judged on ``day`` (by default the day its
    stored figures stand for): each community's standing, and every (node, key) figure that is not zero. A judged
    result is kept from the stored row while its version, grants in force and audit are the same (judging every
    audit again would take minutes)."""
    from web import exemptions

    day = day or figures_day(round_)
    found = standings(round_)
    exempt = exemptions.in_force(None, round_.standard.standard_id, day)
    judged = [c for c, s in found.items() if s.submission_id is not None and (s.audited or c in exempt)]
    rows = {
        row.community_id: _of_row(row)
        for row in CommunityRound.objects.filter(round_id=round_.pk, community_id__in=judged)
    }
    for community_id in judged:
        found[community_id] = _judged(
            round_, found[community_id], rows.get(community_id), exempt.get(community_id, ()), day, None
        )
    return found, _totals(round_, found)


def _totals(round_: Round, found: Mapping[int, Standing]) -> dict[tuple[int, str], int]:
    """Sum per street node first, then carry each street's sum up its chain of nodes."""
    node_of = dict(Community.objects.filter(pk__in=list(found)).values_list("pk", "node_id"))
    per_street: dict[int, Counter[str]] = defaultdict(Counter)
    for community_id, standing in found.items():
        if node_of.get(community_id) is not None:
            per_street[node_of[community_id]].update(contribution(standing))
    parents = dict(ScopeNode.objects.values_list("pk", "parent_id"))
    totals: dict[tuple[int, str], int] = defaultdict(int)
    for street, counts in per_street.items():
        node: int | None = street
        while node is not None:
            for key, value in counts.items():
                totals[(node, key)] += value
            node = parents.get(node)
    return {k: v for k, v in totals.items() if v}


def stored(round_: Round) -> tuple[dict[int, Standing], dict[tuple[int, str], int]]:
    """What the tables hold for a round (zero figures left out), in :func:`recompute`'s shape."""
    rows = {row.community_id: _of_row(row) for row in CommunityRound.objects.filter(round_id=round_.pk)}
    figures = RollUp.objects.filter(round_id=round_.pk).exclude(value=0).values_list("node_id", "key", "value")
    return rows, {(n, k): v for n, k, v in figures}


def rebuild(round_: Round) -> int:
    """Make a round's standings and figures again from its records (after a restore, or for a round made
    before the roll-ups existed); returns the number of figures written."""
    from web import audited

    with transaction.atomic():
        hierarchy.ensure_nodes(round_.communities.all())
        round_.figures_on = audited.judging_day(round_)
        Round.objects.filter(pk=round_.pk).update(figures_on=round_.figures_on)
        found, totals = recompute(round_)
        CommunityRound.objects.filter(round_id=round_.pk).delete()
        _insert(CommunityRound, [{"round_id": round_.pk, "community_id": c, **_fields(s)} for c, s in found.items()])
        RollUp.objects.filter(round_id=round_.pk).delete()
        figures = [{"round_id": round_.pk, "node_id": n, "key": k, "value": v} for (n, k), v in totals.items()]
        _insert(RollUp, figures)
    return len(totals)


def _insert(model: type[Model], rows: list[dict[str, object]]) -> None:
    """Plain multi-row INSERTs: a province's rebuild writes ~200,000 figures per round, and building a model
    object for each took most of the time (5 s of 8 for 44,000 rows)."""
    if not rows:
        return
    columns = list(rows[0])
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, [tuple(r[c] for c in columns) for r in rows[start : start + 5000]])


def ensure(round_: Round) -> None:
    """A round made before the roll-ups existed gets them once, on first view; a round whose day has moved on
    since its figures were judged catches up (see :func:`catch_up`)."""
    if not CommunityRound.objects.filter(round_id=round_.pk).exists() and round_.communities.exists():
        rebuild(round_)
    else:
        catch_up(round_)


def figures_day(round_: Round) -> date:
    """The day a round's stored figures judged exemptions on (before the first judging: the round's day now)."""
    from web import audited

    stored_on = Round.objects.filter(pk=round_.pk).values_list("figures_on", flat=True).first()
    return stored_on or audited.judging_day(round_)


def catch_up(round_: Round) -> int:
    """Move a round's figures to its day (today while it runs, its deadline after): the communities whose grants
    began, lapsed or were revoked since the day they were judged on are judged again, in one transaction with
    the new day. Returns how many were; one query when nothing turned."""
    from web import audited, exemptions

    day = audited.judging_day(round_)
    if round_.figures_on == day:
        return 0
    with transaction.atomic():
        locked = Round.objects.select_for_update().select_related("standard").get(pk=round_.pk)
        if locked.figures_on == day:
            round_.figures_on = day
            return 0
        grants = exemptions.turning(locked.standard.standard_id, locked.figures_on, day)
        roster = Round.communities.through.objects.filter(round_id=round_.pk).values("community_id")
        ids = sorted(set(grants.filter(community_id__in=roster).values_list("community_id", flat=True)))
        Round.objects.filter(pk=round_.pk).update(figures_on=day)
        for community_id in ids:
            refresh(round_.pk, community_id)
    round_.figures_on = day
    return len(ids)
