"""The bureau's dashboard (#15 §1, §3), read from the roll-ups: a round at one node of the hierarchy — the roster
against each status with its denominator, the nodes one level below side by side, score and grade
distributions, the most common gaps, each responsible body's work, rectification items open and overdue — and
the same round against another at every level. Frozen view-models; the views only render them. Every figure
carries the filter that lists the communities behind it (:func:`communities`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from checker.audits.states import overdue
from checker.model import Standard
from checker.output import title
from checker.publish.aggregate import work_list_of
from web import hierarchy, rollup
from web.models import CommunityRound, RectificationEvent, RectificationItem, RollUp, Round, ScopeNode

TOP_GAPS = 10
PAGE_SIZE = 100
CHILD_KEYS = ("roster", "status:", "grade:", "vgrade:", "reported", "audited", "scored", "score_total", "gaps_total")


@dataclass(frozen=True)
class Figures:
    """The roll-up of one round at one node: counts by key, read from :class:`~web.models.RollUp`."""

    values: Mapping[str, int]

    def get(self, key: str) -> int:
        return self.values.get(key, 0)

    @property
    def roster(self) -> int:
        return self.get("roster")

    @property
    def reported(self) -> int:
        return self.get("reported")

    @property
    def mean_score(self) -> float | None:
        return self._mean("")

    @property
    def verified_mean(self) -> float | None:
        return self._mean("v")

    def _mean(self, prefix: str) -> float | None:
        scored = self.get(f"{prefix}scored")
        return round(self.get(f"{prefix}score_total") / 100 / scored, 1) if scored else None

    @property
    def mean_gaps(self) -> float | None:
        return round(self.get("gaps_total") / self.reported, 1) if self.reported else None

    def share(self, key: str) -> float | None:
        """The share of the roster (0..1): the denominator is always the roster."""
        return self.get(key) / self.roster if self.roster else None


@dataclass(frozen=True)
class Child:
    node: ScopeNode
    figures: Figures


@dataclass(frozen=True)
class Gap:
    requirement_id: str
    title: str
    count: int


@dataclass(frozen=True)
class BodyWork:
    """One responsible body's part: its requirements that communities miss and how many (community, gap) pairs."""

    key: str
    name: str
    requirements: tuple[Gap, ...]

    @property
    def items(self) -> int:
        return sum(g.count for g in self.requirements)


@dataclass(frozen=True)
class Rectification:
    issued: int
    open: int
    overdue: int


@dataclass(frozen=True)
class Dashboard:
    round: Round
    node: ScopeNode
    trail: Sequence[ScopeNode]
    figures: Figures
    children: tuple[Child, ...]
    child_level: str
    grades: tuple[str, ...]  # the standard's grade titles in order, then "" (no grade)
    bins: tuple[tuple[int, int], ...]  # (low, count) per score bin
    gaps: tuple[Gap, ...]
    bodies: tuple[BodyWork, ...]
    rectification: Rectification
    places: tuple[ScopeNode, ...] = field(default=())  # districts and streets below, for the filter
    statuses: tuple[str, ...] = rollup.STATUSES  # and any other state the review loop has put a version in


def figures_at(round_: Round, nodes: Sequence[ScopeNode], keys: Sequence[str] | None = None) -> dict[int, Figures]:
    """Each node's figures in one query (``keys``: only those starting with one of these)."""
    found: dict[int, dict[str, int]] = {n.pk: {} for n in nodes}
    rows = RollUp.objects.filter(round=round_, node__in=[n.pk for n in nodes]).exclude(value=0)
    if keys is not None:
        query = Q(pk__in=[])
        for key in keys:
            query |= Q(key__startswith=key) if key.endswith(":") else Q(key=key)
        rows = rows.filter(query)
    for node_id, key, value in rows.values_list("node_id", "key", "value"):
        found[node_id][key] = value
    return {pk: Figures(values) for pk, values in found.items()}


def grade_titles(standard: Standard) -> tuple[str, ...]:
    """As submissions store them (the grade's title), in the standard's order."""
    return (*(g.title for g in standard.grades), "")


def build(round_: Round, node: ScopeNode, top: ScopeNode, today: date, lang: str) -> Dashboard:
    rollup.ensure(round_)
    standard = round_.standard.load()
    kids = list(hierarchy.children(node))
    figures = figures_at(round_, [node])[node.pk]
    side = figures_at(round_, kids, CHILD_KEYS) if kids else {}
    gaps = _gaps(standard, figures, lang)
    return Dashboard(
        round=round_,
        node=node,
        trail=hierarchy.breadcrumb(node, top),
        figures=figures,
        children=tuple(Child(k, side[k.pk]) for k in kids if side[k.pk].roster),
        child_level=kids[0].level if kids else "",
        grades=grade_titles(standard),
        bins=tuple((low, figures.get(f"score:{low}")) for low in rollup.BINS),
        gaps=tuple(sorted(gaps, key=lambda g: -g.count)[:TOP_GAPS]),
        bodies=_bodies(standard, gaps, lang),
        rectification=rectification(round_, node, today),
        places=_places(round_, node),
        statuses=statuses_in(figures),
    )


def statuses_in(figures: Figures) -> tuple[str, ...]:
    """The six statuses in the loop's order, then any other state found (a review state added later shows)."""
    found = [k.removeprefix("status:") for k in figures.values if k.startswith("status:")]
    return (*rollup.STATUSES, *sorted(s for s in found if s not in rollup.STATUSES))


def _gaps(standard: Standard, figures: Figures, lang: str) -> list[Gap]:
    """Every requirement some community misses, in the standard's order (the sort after it is stable)."""
    return [
        Gap(req.id, title(req, lang), figures.get(f"gap:{req.id}"))
        for req in standard.requirements
        if figures.get(f"gap:{req.id}")
    ]


def _bodies(standard: Standard, gaps: Sequence[Gap], lang: str) -> tuple[BodyWork, ...]:
    grouped: dict[str, tuple[str, list[Gap]]] = {}
    for gap in gaps:
        key, name = work_list_of(standard, standard.index[gap.requirement_id], lang)
        grouped.setdefault(key, (name, []))[1].append(gap)
    found = [BodyWork(key, name, tuple(items)) for key, (name, items) in grouped.items()]
    return tuple(sorted(found, key=lambda b: (-b.items, b.name)))


def body_requirements(standard: Standard, key: str, lang: str = "zh") -> list[str]:
    return [r.id for r in standard.requirements if work_list_of(standard, r, lang)[0] == key]


def rectification(round_: Round, node: ScopeNode, today: date) -> Rectification:
    """Items issued in the round below the node, those not closed, and those of them past their deadline."""
    found = _rectification_items(round_, node, today)
    return Rectification(*(len(found[kind]) for kind in RECTIFICATION))


RECTIFICATION = ("issued", "open", "overdue")


def _rectification_items(round_: Round, node: ScopeNode, today: date) -> dict[str, dict[int, int]]:
    """Per kind (issued, open, overdue): item ID -> its community's ID."""
    items = RectificationItem.objects.filter(round=round_).filter(_below("community__", node))
    rows = {
        pk: (community, deadline) for pk, community, deadline in items.values_list("pk", "community_id", "deadline")
    }
    states = dict(
        RectificationEvent.objects.filter(item_id__in=list(rows))
        .order_by("item_id", "id")
        .values_list("item_id", "state")
    )
    still = {pk: c for pk, (c, _) in rows.items() if states.get(pk, "open") != "closed"}
    late = {pk: c for pk, c in still.items() if overdue(states.get(pk, "open"), rows[pk][1], today)}
    return {"issued": {pk: c for pk, (c, _) in rows.items()}, "open": still, "overdue": late}


def _below(prefix: str, node: ScopeNode) -> Q:
    return hierarchy.below(hierarchy.node_place(node), prefix)


def _places(round_: Round, node: ScopeNode) -> tuple[ScopeNode, ...]:
    """For the filter: the districts below the node, or a district's (or street's) streets, with communities on
    this round's roster."""
    place = hierarchy.node_place(node)
    if node.level in (ScopeNode.DISTRICT, ScopeNode.STREET):
        place = (*place[:3], "")
        wanted = ScopeNode.STREET
    else:
        wanted = ScopeNode.DISTRICT
    below = list(ScopeNode.objects.filter(hierarchy.below(place), level=wanted).order_by(*hierarchy.FIELDS)[:500])
    # each candidate's own roster figure, by the (round, node, key) index: not a scan of the round's figures
    figures = RollUp.objects.filter(round=round_, node__in=[n.pk for n in below], key="roster", value__gt=0)
    on_roster = set(figures.values_list("node_id", flat=True))
    return tuple(n for n in below if n.pk in on_roster)


# ---------------------------------------------------------------- the communities behind a figure

FILTERS = ("status", "grade", "vgrade", "score", "gap", "body", "reported", "audited", "rect")


def communities(
    round_: Round, node: ScopeNode, filters: Mapping[str, str], lang: str = "zh", today: date | None = None
) -> QuerySet[Any]:
    """The roster communities below the node that a figure counts (the same rules as :func:`rollup.contribution`),
    on the same day as the figures (a lapse since is caught up first, as the dashboard does)."""
    rollup.ensure(round_)
    found = CommunityRound.objects.filter(round=round_).filter(_below("community__", node))
    value = filters.get
    if value("status"):
        found = found.filter(status=value("status"))
    if value("reported"):
        found = found.filter(submission__isnull=False)
    if value("audited"):
        found = found.filter(audited=True)
    if value("grade") is not None:
        found = found.filter(submission__isnull=False, grade=value("grade"))
    if value("vgrade") is not None:
        found = found.filter(audited=True, verified_grade=value("vgrade"))
    low = _int(value("score"))
    if low is not None:
        found = found.filter(score__gte=low, score__lt=low + 10) if low < 90 else found.filter(score__gte=90)
    if value("gap"):
        found = found.filter(gaps__contains=f" {value('gap')} ")
    if value("body"):
        ids = body_requirements(round_.standard.load(), str(value("body")), lang)
        query = Q(pk__in=[])
        for requirement_id in ids:
            query |= Q(gaps__contains=f" {requirement_id} ")
        found = found.filter(query)
    if value("rect") in RECTIFICATION:
        items = _rectification_items(round_, node, today or date.today())[str(value("rect"))]
        found = found.filter(community_id__in=set(items.values()))
    return found.select_related("community").order_by("community__district", "community__street", "community__name")


def page_of(found: QuerySet[Any], number: str | None) -> Page:
    return Paginator(found, PAGE_SIZE).get_page(number)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------- across rounds


@dataclass(frozen=True)
class Pair:
    node: ScopeNode
    now: Figures
    before: Figures


@dataclass(frozen=True)
class GapChange:
    requirement_id: str
    title: str
    now: int
    before: int

    @property
    def change(self) -> int:
        return self.now - self.before


@dataclass(frozen=True)
class Comparison:
    round: Round
    previous: Round
    node: ScopeNode
    trail: Sequence[ScopeNode]
    total: Pair
    children: tuple[Pair, ...]
    gaps: tuple[GapChange, ...]
    grades: tuple[str, ...]


def compare(round_: Round, previous: Round, node: ScopeNode, top: ScopeNode, lang: str) -> Comparison:
    """The round against another at this node and at each node below it; gaps by requirement, most changed first."""
    rollup.ensure(round_)
    rollup.ensure(previous)
    kids = list(hierarchy.children(node))
    now = figures_at(round_, [node, *kids])
    before = figures_at(previous, [node, *kids])
    standard = round_.standard.load()
    changes = [
        GapChange(r.id, title(r, lang), now[node.pk].get(f"gap:{r.id}"), before[node.pk].get(f"gap:{r.id}"))
        for r in standard.requirements
    ]
    changed = sorted((c for c in changes if c.now or c.before), key=lambda c: (-abs(c.change), -c.now))
    return Comparison(
        round=round_,
        previous=previous,
        node=node,
        trail=hierarchy.breadcrumb(node, top),
        total=Pair(node, now[node.pk], before[node.pk]),
        children=tuple(Pair(k, now[k.pk], before[k.pk]) for k in kids if now[k.pk].roster or before[k.pk].roster),
        gaps=tuple(changed[:20]),
        grades=tuple(dict.fromkeys([*grade_titles(standard), *grade_titles(previous.standard.load())])),
    )


def previous_round(rounds: QuerySet[Round], round_: Round) -> Round | None:
    """The latest earlier round of the same standard among ``rounds`` (the user's)."""
    same = rounds.filter(standard__standard_id=round_.standard.standard_id).exclude(pk=round_.pk)
    earlier = same.filter(Q(deadline__lt=round_.deadline) | Q(deadline=round_.deadline, pk__lt=round_.pk))
    return earlier.select_related("standard").order_by("-deadline", "-pk").first()


@dataclass(frozen=True)
class HistoryRow:
    round: Round
    standing: CommunityRound
    closed: tuple[str, ...]  # gaps of the previous round of the same standard no longer claimed
    new: tuple[str, ...]  # gaps not in that previous round
    compared: bool  # there was a previous reported round of the same standard to compare with
    verified_closed: tuple[str, ...] | None  # the same between verified results, when both rounds were audited
    verified_new: tuple[str, ...] | None


def history(rows: Sequence[CommunityRound]) -> list[HistoryRow]:
    """A community's rounds, oldest first, each against the one before it of the same standard: claimed gaps with
    claimed, verified with verified (never one against the other)."""
    found = []
    last: dict[str, CommunityRound] = {}
    for row in rows:
        standard_id = row.round.standard.standard_id
        before = last.get(standard_id)
        gaps, prior = set(row.gaps.split()), set(before.gaps.split()) if before and before.submission_id else None
        vgaps = set(row.verified_gaps.split()) if row.audited else None
        vprior = set(before.verified_gaps.split()) if before is not None and before.audited else None
        reported = row.submission_id is not None
        found.append(
            HistoryRow(
                round=row.round,
                standing=row,
                closed=tuple(sorted(prior - gaps)) if prior is not None and reported else (),
                new=tuple(sorted(gaps - prior)) if prior is not None and reported else (),
                compared=prior is not None and reported,
                verified_closed=tuple(sorted(vprior - vgaps)) if vgaps is not None and vprior is not None else None,
                verified_new=tuple(sorted(vgaps - vprior)) if vgaps is not None and vprior is not None else None,
            )
        )
        if reported:
            last[standard_id] = row
    return found
