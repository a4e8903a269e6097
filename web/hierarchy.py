"""The scope hierarchy 社区 → 街道 → 区 → 市 → 省 as data: :class:`~web.models.ScopeNode` rows made from the
communities the rosters name. A node is its place (province, city, district, street; the levels below it
empty); levels a roster does not give are skipped, so a city's roster without a 省 column has the districts
right under the root. A community belongs to its street's node."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Q, QuerySet

from web.models import Community, ScopeNode

Place = tuple[str, str, str, str]  # province, city, district, street
FIELDS = ("province", "city", "district", "street")
ROOT: Place = ("", "", "", "")


def place_of(community: Community) -> Place:
    return (community.province, community.city, community.district, community.street)


def node_place(node: ScopeNode) -> Place:
    return (node.province, node.city, node.district, node.street)


def level_of(place: Place) -> str:
    """The level of the deepest name given: street, district, city, province, or root when none is."""
    for index in (3, 2, 1, 0):
        if place[index]:
            return FIELDS[index]
    return ScopeNode.ROOT


def chain(place: Place) -> list[Place]:
    """The places from the root down to ``place``: one per level that has a name (an empty level is skipped)."""
    found = [ROOT]
    for index in range(4):
        if place[index]:
            found.append((*place[: index + 1], *("",) * (3 - index)))  # type: ignore[arg-type]
    return found


def ensure_nodes(communities: Iterable[Community]) -> None:
    """Every node above these communities exists, and each community points at its street's node."""
    members = list(communities)
    wanted: dict[Place, None] = {}
    for community in members:
        for place in chain(place_of(community)):
            wanted.setdefault(place)
    known = _nodes_at(wanted)
    for place in sorted(wanted, key=lambda p: len([x for x in p if x])):  # parents first
        if place in known:
            continue
        parents = chain(place)
        parent = known[parents[-2]] if len(parents) > 1 else None
        node, _ = ScopeNode.objects.get_or_create(
            **dict(zip(FIELDS, place, strict=True)), defaults={"level": level_of(place), "parent": parent}
        )
        known[place] = node
    stale = [c for c in members if c.node_id != known[place_of(c)].pk]
    for community in stale:
        community.node = known[place_of(community)]
    Community.objects.bulk_update(stale, ["node"], batch_size=2000)


def _nodes_at(places: Iterable[Place]) -> dict[Place, ScopeNode]:
    """The nodes that exist at these places (one query: by district name; the root, provinces and cities have
    an empty one)."""
    wanted = set(places)
    found = ScopeNode.objects.filter(district__in={p[2] for p in wanted} | {""})
    return {node_place(n): n for n in found if node_place(n) in wanted}


def _any_of(places: Iterable[Place]) -> Q:
    query = Q(pk__in=[])
    for place in places:
        query |= Q(**dict(zip(FIELDS, place, strict=True)))
    return query


def root() -> ScopeNode:
    node, _ = ScopeNode.objects.get_or_create(province="", city="", district="", street="", defaults={"level": "root"})
    return node


def ancestors(node: ScopeNode) -> list[ScopeNode]:
    """The node and every node above it, root first (one query)."""
    places = chain(node_place(node))
    found = {node_place(n): n for n in ScopeNode.objects.filter(_any_of(places))}
    return [found[p] for p in places if p in found]


def below(place: Place, prefix: str = "") -> Q:
    """The communities (or nodes) at or below a place (the names above its level must match too: an empty
    province is a roster without provinces, not any province); ``prefix`` reaches them through a relation."""
    depth = {ScopeNode.ROOT: 0, "province": 1, "city": 2, "district": 3, "street": 4}[level_of(place)]
    return Q(**{prefix + FIELDS[i]: place[i] for i in range(depth)})


def communities_of(node: ScopeNode) -> QuerySet[Community]:
    return Community.objects.filter(below(node_place(node)))


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` is ``outer`` or below it."""
    depth = len(chain(outer)) - 1
    inner_chain = chain(inner)
    return len(inner_chain) > depth and inner_chain[depth] == outer


def children(node: ScopeNode) -> QuerySet[ScopeNode]:
    return ScopeNode.objects.filter(parent=node).order_by(*FIELDS)


def breadcrumb(node: ScopeNode, top: ScopeNode) -> Sequence[ScopeNode]:
    """The nodes from ``top`` (the account's own) down to ``node``: the way back up a drill-down."""
    path = ancestors(node)
    ids = [n.pk for n in path]
    return path[ids.index(top.pk) :] if top.pk in ids else [node]


def find(text: str) -> list[ScopeNode]:
    """The nodes a scope written as a path names: '泉山区', '徐州市/泉山区', '江苏省/徐州市/泉山区/七里沟街道'. The path
    may start at any level; every node whose path ends with these names is a candidate."""
    parts = [p.strip() for p in text.split("/") if p.strip()]
    if not parts:
        return [root()]
    last = parts[-1]
    named = ScopeNode.objects.filter(
        Q(street=last) | Q(district=last, street="") | Q(city=last, district="") | Q(province=last, city="")
    )
    return [n for n in named if n.name == last and list(n.parts[-len(parts) :]) == parts]
