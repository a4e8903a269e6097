"""Two cities of one province with a district of the same name (南京市鼓楼区 and 徐州市鼓楼区 — Jiangsu has both),
even with a community of the same name in each: two communities, each under its own city, seen by its own city's
bureau only, its figures under its own nodes (#15)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NANJING = """省,市,区,街道,社区
江苏省,南京市,鼓楼区,华侨路街道,幸福社区
江苏省,南京市,鼓楼区,宁海路街道,宁海社区
"""
XUZHOU = """省,市,区,街道,社区
江苏省,徐州市,鼓楼区,丰财街道,幸福社区
江苏省,徐州市,鼓楼区,环城街道,环城社区
"""
# one province's roster with both 鼓楼区 (a roster itself still holds one community per district and name, as
# publish identifies them)
PROVINCE = """省,市,区,街道,社区
江苏省,南京市,鼓楼区,华侨路街道,幸福社区
江苏省,南京市,鼓楼区,宁海路街道,宁海社区
江苏省,徐州市,鼓楼区,环城街道,环城社区
"""


def _round(tmp_path, name: str, text: str, period: str = "2026"):
    from web import services

    roster = tmp_path / f"{name}.csv"
    roster.write_text(text, encoding="utf-8")
    return services.create_round(services.standard_version("xuzhou-2017"), roster, period, date(2099, 12, 31))


def _submitted(round_, community, score: float, gaps: str) -> None:
    from web import rollup
    from web.models import Submission

    with transaction.atomic():
        Submission.objects.create(
            round=round_, community=community, number=1, text="v1", score=score, grade="合格", gaps=1, gap_ids=gaps
        )
        rollup.refresh(round_.pk, community.pk)


def test_each_city_keeps_its_own_gulou(tmp_path):
    from django.http import Http404

    from web import rollup, scope, services
    from web.models import Community, RollUp, ScopeNode

    nanjing_round = _round(tmp_path, "南京", NANJING)
    xuzhou_round = _round(tmp_path, "徐州", XUZHOU)
    happy = {c.city: c for c in Community.objects.filter(name="幸福社区")}
    assert set(happy) == {"南京市", "徐州市"}  # two communities, not one shared by both rounds
    assert happy["徐州市"].node.path == "江苏省/徐州市/鼓楼区/丰财街道"
    assert happy["南京市"].node.path == "江苏省/南京市/鼓楼区/华侨路街道"
    assert ScopeNode.objects.filter(level="district", district="鼓楼区").count() == 2
    assert set(xuzhou_round.communities.all()) == {happy["徐州市"], Community.objects.get(name="环城社区")}

    with pytest.raises(services.WebUsageError) as ambiguous:
        services.add_user("gl", "bureau", PASSWORD, scope="鼓楼区")
    assert "江苏省/南京市/鼓楼区" in ambiguous.value.message() and "江苏省/徐州市/鼓楼区" in ambiguous.value.message()
    nanjing = services.add_user("nj", "bureau", PASSWORD, scope="南京市/鼓楼区")
    xuzhou = services.add_user("xz", "bureau", PASSWORD, scope="徐州市")
    province = services.add_user("js", "bureau", PASSWORD, scope="江苏省")
    assert set(scope.communities(nanjing)) == {happy["南京市"], Community.objects.get(name="宁海社区")}
    assert set(scope.communities(xuzhou)) == {happy["徐州市"], Community.objects.get(name="环城社区")}
    assert list(scope.rounds(nanjing)) == [nanjing_round] and list(scope.rounds(xuzhou)) == [xuzhou_round]
    with pytest.raises(Http404):
        scope.get_node(nanjing, happy["徐州市"].node_id)
    with pytest.raises(Http404):
        scope.get_filing(xuzhou, nanjing_round.pk, happy["南京市"].pk)

    # a clerk named by a path: without the city it could be either, so it is refused naming both
    with pytest.raises(services.WebUsageError) as either:
        services.add_user("c1", "clerk", PASSWORD, community="鼓楼区/丰财街道/幸福社区")
    assert "江苏省/南京市/鼓楼区/华侨路街道/幸福社区" in either.value.message()
    clerk = services.add_user("c2", "clerk", PASSWORD, community="徐州市/鼓楼区/丰财街道/幸福社区")
    assert clerk.account.community == happy["徐州市"]
    assert services.community_by_path("江苏省/南京市/鼓楼区/华侨路街道/幸福社区") == happy["南京市"]
    assert services.community_by_path("鼓楼区/环城街道/环城社区").city == "徐州市"  # unique: no city needed
    made = services.create_clerks(nanjing_round)  # clerks made by their community's full path
    assert {c.pk for c, _, _ in made} == {happy["南京市"].pk, Community.objects.get(name="宁海社区").pk}

    # the figures of one 鼓楼区 never reach the other
    _submitted(xuzhou_round, happy["徐州市"], 71.0, "XZ-S-101")
    gulou = {n.city: n for n in ScopeNode.objects.filter(level="district", district="鼓楼区")}
    figures = lambda round_, node: dict(  # noqa: E731
        RollUp.objects.filter(round=round_, node=node).exclude(value=0).values_list("key", "value")
    )
    assert figures(xuzhou_round, gulou["徐州市"])["status:submitted"] == 1
    assert figures(xuzhou_round, gulou["徐州市"])["roster"] == 2
    assert figures(xuzhou_round, gulou["南京市"]) == {}
    assert "status:submitted" not in figures(nanjing_round, gulou["南京市"])
    for round_ in (nanjing_round, xuzhou_round):
        assert rollup.stored(round_) == rollup.recompute(round_)
    client = _client(xuzhou)
    assert client.get(f"/rounds/{xuzhou_round.pk}/dashboard/").status_code == 200
    assert client.get(f"/rounds/{nanjing_round.pk}/dashboard/").status_code == 404
    assert _client(province).get(f"/rounds/{xuzhou_round.pk}/dashboard/").status_code == 200


def test_one_province_roster_with_both_gulou(tmp_path):
    """One round over the province: each city's bureau sees its own 鼓楼区 only, the province both side by side."""
    from web import scope, services
    from web.models import Community, RollUp, ScopeNode

    round_ = _round(tmp_path, "江苏", PROVINCE)
    nanjing = services.add_user("nj", "bureau", PASSWORD, scope="南京市")
    xuzhou = services.add_user("xz", "bureau", PASSWORD, scope="江苏省/徐州市/鼓楼区")
    assert {c.name for c in scope.communities(nanjing)} == {"幸福社区", "宁海社区"}
    assert {c.name for c in scope.communities(xuzhou)} == {"环城社区"}
    _submitted(round_, Community.objects.get(name="环城社区"), 80.0, "XZ-S-102")
    _submitted(round_, Community.objects.get(name="宁海社区"), 60.0, "XZ-S-101")
    gulou = {n.city: n for n in ScopeNode.objects.filter(level="district", district="鼓楼区")}
    total = lambda node: RollUp.objects.get(round=round_, node=node, key="score_total").value  # noqa: E731
    assert (total(gulou["徐州市"]), total(gulou["南京市"])) == (8000, 6000)
    page = _client(nanjing).get(f"/rounds/{round_.pk}/dashboard/?node={gulou['南京市'].pk}").content.decode()
    assert "宁海路街道" in page and "华侨路街道" in page and "环城街道" not in page
    assert _client(nanjing).get(f"/rounds/{round_.pk}/dashboard/?node={gulou['徐州市'].pk}").status_code == 404


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_communities(tmp_path):
    """Communities made under the old identity (district and name) keep their rows, places and links."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("web", "0008_job_notices")])
    old = executor.loader.project_state([("web", "0008_job_notices")]).apps
    made = old.get_model("web", "Community").objects.create(
        province="江苏省", city="徐州市", district="鼓楼区", street="丰财街道", name="幸福社区"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from web.models import Community

    kept = Community.objects.get(pk=made.pk)
    assert (kept.province, kept.city, kept.district, kept.street, kept.name) == (
        "江苏省",
        "徐州市",
        "鼓楼区",
        "丰财街道",
        "幸福社区",
    )
    Community.objects.create(province="江苏省", city="南京市", district="鼓楼区", street="华侨路街道", name="幸福社区")
    assert Community.objects.filter(name="幸福社区").count() == 2
