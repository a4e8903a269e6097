"""The scope hierarchy from the roster, and the roll-ups kept with the events: after any sequence of drafts,
submissions and reviews the stored figures equal a recomputation from the records (#15 §2, §7)."""

from __future__ import annotations

import contextlib
from datetime import date
from types import SimpleNamespace

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import PASSWORD, example_cells

pytestmark = pytest.mark.django_db

# two cities of one province, three districts, four streets, eight communities
PROVINCE_ROSTER = """省,市,区,街道,社区
江苏省,徐州市,泉山区,七里沟街道,康居社区
江苏省,徐州市,泉山区,七里沟街道,七里沟社区
江苏省,徐州市,泉山区,湖滨街道,湖滨社区
江苏省,徐州市,云龙区,彭城街道,蝶梦社区
江苏省,徐州市,云龙区,彭城街道,彭城社区
江苏省,南京市,玄武区,梅园街道,梅园社区
江苏省,南京市,玄武区,梅园街道,大行宫社区
江苏省,南京市,玄武区,梅园街道,长江路社区
"""


def province_round(tmp_path, period="2026"):
    from web import services

    roster = tmp_path / "省名册.csv"
    roster.write_text(PROVINCE_ROSTER, encoding="utf-8")
    return services.create_round(services.standard_version("xuzhou-2017"), roster, period, date(2099, 12, 31))


def test_the_roster_makes_the_hierarchy(tmp_path):
    from web.models import Community, ScopeNode

    province_round(tmp_path)
    levels = {n.path: n.level for n in ScopeNode.objects.all()}
    assert levels[""] == "root" and levels["江苏省"] == "province" and levels["江苏省/徐州市"] == "city"
    assert levels["江苏省/徐州市/泉山区"] == "district" and levels["江苏省/徐州市/泉山区/七里沟街道"] == "street"
    assert len(levels) == 1 + 1 + 2 + 3 + 4
    kangju = Community.objects.get(name="康居社区")
    assert kangju.node.path == "江苏省/徐州市/泉山区/七里沟街道"
    assert kangju.node.parent.parent.parent.parent.level == "root"


def test_a_roster_without_city_columns_puts_districts_under_the_root(world):
    from web.models import ScopeNode

    districts = ScopeNode.objects.filter(level="district")
    assert {n.name for n in districts} == {"泉山区", "云龙区", "鼓楼区"}
    assert {n.parent.level for n in districts} == {"root"}


def test_a_bureau_scope_names_a_node_at_any_level(tmp_path):
    from web import scope, services

    province_round(tmp_path)
    city = services.add_user("xz", "bureau", PASSWORD, scope="徐州市")
    street = services.add_user("qlg", "bureau", PASSWORD, scope="泉山区/七里沟街道")
    province = services.add_user("js", "bureau", PASSWORD, scope="江苏省")
    names = lambda user: {c.name for c in scope.communities(user)}  # noqa: E731
    assert len(names(province)) == 8
    assert names(city) == {"康居社区", "七里沟社区", "湖滨社区", "蝶梦社区", "彭城社区"}
    assert names(street) == {"康居社区", "七里沟社区"}
    assert scope.own_node(city).path == "江苏省/徐州市"


def test_an_unknown_or_ambiguous_scope_is_refused(tmp_path):
    from web import services

    province_round(tmp_path)
    with pytest.raises(services.WebUsageError) as unknown:
        services.add_user("x", "bureau", PASSWORD, scope="江苏省/苏州市/姑苏区")
    assert "姑苏区" in unknown.value.message()
    services.add_user("legacy", "bureau", PASSWORD, scope="姑苏区")  # a district before its roster: as before


def test_scope_keeps_each_bureau_to_its_node(tmp_path):
    from django.http import Http404

    from web import scope, services
    from web.models import ScopeNode

    province_round(tmp_path)
    district = services.add_user("qs", "bureau", PASSWORD, scope="泉山区")
    street = services.add_user("hb", "bureau", PASSWORD, scope="湖滨街道")
    mine = ScopeNode.objects.get(street="七里沟街道")
    assert scope.get_node(district, mine.pk) == mine
    for other in ("云龙区", "玄武区"):
        with pytest.raises(Http404):
            scope.get_node(district, ScopeNode.objects.get(district=other, street="").pk)
    with pytest.raises(Http404):
        scope.get_node(district, ScopeNode.objects.get(level="city", city="徐州市").pk)  # above it
    with pytest.raises(Http404):
        scope.get_node(street, mine.pk)  # a street sees no other street
    assert scope.get_node(street, None).name == "湖滨街道"


def test_the_real_services_keep_the_figures(world):
    """Draft, submit, return, resubmit, accept through the services and the views: figures as recomputed."""
    from web import rollup, services

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    assert _figures(world.round)["status:submitted"] == 1
    submission = world.round.submissions.get()
    world.client(world.bureau).post(f"/submissions/{submission.pk}/review/", {"action": "return", "comment": "改"})
    services.save_draft(world.round, world.diemeng, {}, 0, world.other_clerk.pk and world.other_clerk)
    figures = _figures(world.round)
    assert figures["status:returned"] == 1 and figures["status:draft"] == 1 and figures["status:not_started"] == 1
    assert figures["reported"] == 1 and figures["gaps_total"] == submission.gaps > 0
    assert figures["score_total"] == round(submission.score * 100)
    assert rollup.stored(world.round) == rollup.recompute(world.round)


def _figures(round_):
    from web import hierarchy
    from web.models import RollUp

    return dict(RollUp.objects.filter(round=round_, node=hierarchy.root()).values_list("key", "value"))


# ---------------------------------------------------------------- random sequences of events

COMMUNITIES = ["康居社区", "七里沟社区", "蝶梦社区", "梅园社区"]  # two in one street, one in another city
GAP_IDS = ["XZ-S-101", "XZ-S-102", "XZ-F-801", "XZ-M-201"]
GRADES = ["", "合格", "良好", "优秀"]

events = st.lists(
    st.tuples(
        st.sampled_from(["draft", "submit", "submit", "return", "accept", "accept"]),
        st.sampled_from(COMMUNITIES),
        st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2)),
        st.sampled_from(GRADES),
        st.sets(st.sampled_from(GAP_IDS)),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=events)
def test_rollup_equals_recomputation_after_random_events(tmp_path, sequence):
    from web import rollup, services

    with transaction.atomic():
        round_ = province_round(tmp_path)
        clerk = services.add_user("c", "clerk", PASSWORD, community="泉山区/七里沟街道/康居社区")
        bureau = services.add_user("b", "bureau", PASSWORD)
        for kind, name, score, grade, gaps in sequence:
            _event(round_, round_.communities.get(name=name), kind, score, grade, gaps, clerk, bureau)
        assert rollup.stored(round_) == rollup.recompute(round_)
        before = rollup.stored(round_)
        rollup.rebuild(round_)
        assert rollup.stored(round_) == before
        transaction.set_rollback(True)


def _event(round_, community, kind, score, grade, gaps, clerk, bureau) -> None:
    from checker.audits.states import Refused
    from web import review, rollup, services
    from web.models import Draft, Submission

    if kind == "draft":
        draft = Draft.objects.filter(round=round_, community=community).first()
        services.save_draft(round_, community, {}, draft.version if draft else 0, clerk)
    elif kind == "submit":  # as services.submit_document stores a judged version (judging is tested elsewhere)
        with transaction.atomic():
            number = Submission.objects.filter(round=round_, community=community).count() + 1
            Submission.objects.create(
                round=round_,
                community=community,
                number=number,
                text=f"v{number}",
                score=score,
                grade=grade,
                gaps=len(gaps),
                gap_ids=" ".join(sorted(gaps)),
            )
            rollup.refresh(round_.pk, community.pk)
    else:
        latest = review.latest_version(round_.pk, community.pk)
        if latest is None:
            return
        request = SimpleNamespace(user=bureau, META={})
        with contextlib.suppress(Refused):  # a move the state table does not allow changes nothing
            review.review(latest, kind, "意见", {}, request)  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True)
def test_concurrent_events_under_one_street_keep_the_figures(tmp_path):
    """Eight clerks submitting at once (the same street, district, city, province rows): no deadlock, nothing lost
    (rows are taken in one order; on PostgreSQL this runs against real row locks, see test_postgresql)."""
    import threading

    from django.db import connection

    from web import rollup
    from web.models import Submission

    if connection.vendor != "postgresql":  # the tests' SQLite is a shared in-memory database: table locks, no waits
        pytest.skip("real row locks: run by test_postgresql.py")
    round_ = province_round(tmp_path)
    ids = list(round_.communities.values_list("pk", flat=True))
    failures: list[BaseException] = []
    start = threading.Barrier(len(ids))

    def clerk(community_id: int) -> None:
        try:
            start.wait(timeout=30)
            for number in (1, 2, 3):
                with transaction.atomic():
                    Submission.objects.create(
                        round=round_,
                        community_id=community_id,
                        number=number,
                        text=f"{community_id}-{number}",
                        score=50.0 + number,
                        grade="合格",
                        gaps=number,
                        gap_ids=" ".join(GAP_IDS[:number]),
                    )
                    rollup.refresh(round_.pk, community_id)
        except BaseException as error:  # reported below, with the thread's own exception
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk, args=(c,)) for c in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert rollup.stored(round_) == rollup.recompute(round_)
    assert _figures(round_)["gap:XZ-S-101"] == len(ids) and _figures(round_)["status:submitted"] == len(ids)


def test_a_round_made_before_the_rollups_gets_them_at_its_first_event(world):
    """A round whose rows were never made (an older database): the first event builds the whole round once, and
    a community not on the roster changes nothing."""
    from web import rollup
    from web.models import Community, CommunityRound, RollUp

    CommunityRound.objects.all().delete()
    RollUp.objects.all().delete()
    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    assert CommunityRound.objects.filter(round=world.round).count() == 3
    assert _figures(world.round)["status:submitted"] == 1 and _figures(world.round)["status:not_started"] == 2
    stranger = Community.objects.create(district="泉山区", street="七里沟街道", name="名册外社区")
    assert rollup.refresh(world.round.pk, stranger.pk) == rollup.Standing()
    assert rollup.stored(world.round) == rollup.recompute(world.round)
