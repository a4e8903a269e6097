"""实地核查安排: the bureau plans an inspector and a date for communities of its scope; the inspector sees them on
the home page, in that round only."""

from datetime import date

import pytest
from django.test import Client

from tests.web.conftest import PASSWORD, ROSTER

pytestmark = pytest.mark.django_db


def _new_inspector(name="wang"):
    from web import services

    return services.add_user(name, "inspector", PASSWORD)


def _url(world) -> str:
    return f"/rounds/{world.round.pk}/assign/"


def test_the_bureau_plans_an_inspector_and_the_inspector_sees_it_at_home(world):
    from web.models import Assignment, AuditEvent

    wang = _new_inspector()
    bureau = world.client(world.bureau)
    response = bureau.post(
        _url(world), {"inspector": wang.pk, "community": [world.kangju.pk], "planned_on": "2026-05-12"}, follow=True
    )
    assert "已为 1 个社区安排核查" in response.content.decode()
    plan = Assignment.objects.get(round=world.round, community=world.kangju)
    assert (plan.inspector, plan.planned_on, plan.assigned_by) == (wang, date(2026, 5, 12), world.bureau)
    page = bureau.get(f"/rounds/{world.round.pk}/").content.decode()
    assert "实地核查安排" in page and "wang · 2026-05-12" in page
    home = world.client(wang).get("/").content.decode()
    assert "我的核查任务" in home and "康居社区" in home and "2026-05-12" in home and "社区尚未提交自评" in home
    assert "蝶梦社区" not in home
    assert world.client(wang).get(world.filing_url()).status_code == 200
    event = AuditEvent.objects.get(action="assignment.set")
    assert event.detail["inspector"] == "wang" and event.detail["communities"] == [world.kangju.path]


def test_a_plan_holds_in_its_round_only_and_can_be_removed(world):
    from web import services

    wang = _new_inspector()
    other = services.create_round(services.standard_version("xuzhou-2017"), ROSTER, "2027", date(2099, 12, 31))
    world.client(world.bureau).post(_url(world), {"inspector": wang.pk, "community": [world.kangju.pk]})
    client = world.client(wang)
    assert client.get(world.filing_url()).status_code == 200
    assert client.get(f"/rounds/{other.pk}/c/{world.kangju.pk}/").status_code == 404
    assert client.get(f"/rounds/{other.pk}/").status_code == 404
    world.client(world.bureau).post(_url(world), {"inspector": "none", "community": [world.kangju.pk]})
    assert client.get(world.filing_url()).status_code == 404
    assert "康居社区" not in client.get("/").content.decode()


def test_re_assigning_replaces_the_plan(world):
    from web.models import Assignment

    wang, li = _new_inspector("wang"), _new_inspector("li")
    bureau = world.client(world.bureau)
    bureau.post(_url(world), {"inspector": wang.pk, "community": [world.kangju.pk], "planned_on": "2026-05-12"})
    bureau.post(_url(world), {"inspector": li.pk, "community": [world.kangju.pk], "planned_on": "2026-05-13"})
    plan = Assignment.objects.get(community=world.kangju)
    assert (plan.inspector, plan.planned_on) == (li, date(2026, 5, 13))
    assert world.client(wang).get(world.filing_url()).status_code == 404


def test_refusals_say_why_and_change_nothing(world):
    from web.models import Assignment

    bureau = world.client(world.bureau)
    wang = _new_inspector()
    said = bureau.post(_url(world), {"inspector": world.clerk.pk, "community": [world.kangju.pk]}, follow=True)
    assert "所选用户不是核查人员" in said.content.decode()
    said = bureau.post(_url(world), {"community": [world.kangju.pk]}, follow=True)
    assert "请选择核查人员" in said.content.decode()
    said = bureau.post(_url(world), {"inspector": wang.pk, "planned_on": "2026-05-12"}, follow=True)
    assert "请先勾选要安排的社区" in said.content.decode()
    said = bureau.post(_url(world), {"inspector": wang.pk, "community": [world.kangju.pk], "planned_on": "5/12"})
    assert "应为 YYYY-MM-DD" in bureau.get(f"/rounds/{world.round.pk}/").content.decode()
    assert not Assignment.objects.exists()


def test_someone_elses_community_or_round_is_not_found(world):
    from web.models import Assignment

    wang = _new_inspector()
    body = {"inspector": wang.pk, "community": [world.kangju.pk]}
    assert world.client(world.other_bureau).post(_url(world), body).status_code == 404  # 康居 is not 鼓楼区's
    assert world.client(world.bureau).post(_url(world), {**body, "community": [world.diemeng.pk]}).status_code == 404
    for user in (world.clerk, world.inspector):
        assert world.client(user).post(_url(world), body).status_code == 404
    assert not Assignment.objects.exists()


def test_it_requires_login_and_rejects_get(world):
    response = Client().post(_url(world), {"community": [world.kangju.pk]})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert world.client(world.bureau).get(_url(world)).status_code == 405


def test_the_standing_assignment_still_works(world):
    """An inspector given a community with ``users add --community`` sees it in every round, as before."""
    client = world.client(world.inspector)
    assert client.get(world.filing_url()).status_code == 200
    assert "康居社区" in client.get("/").content.decode()
    assert client.get(world.filing_url(community=world.diemeng)).status_code == 404


def test_the_inspectors_home_shows_the_planned_audits_first_and_the_rest_apart(world):
    """A tester's inspector saw every community of the standing --community scope as a task: 我的核查任务 holds
    only what the bureau planned for this inspector, with dates; the rest is folded apart, saying whose plan."""
    wang = _new_inspector()
    # world.inspector stands for 康居 (users add --community); the city plans 蝶梦 for them, 康居 for wang
    city = world.client(world.city)
    plan = {"inspector": world.inspector.pk, "community": [world.diemeng.pk], "planned_on": "2026-06-01"}
    city.post(_url(world), plan)
    city.post(_url(world), {"inspector": wang.pk, "community": [world.kangju.pk], "planned_on": "2026-05-12"})
    home = world.client(world.inspector).get("/").content.decode()
    mine, rest = home.split("我的核查任务")[1].split('class="other-visits"')
    assert "蝶梦社区" in mine and "2026-06-01" in mine and "康居社区" not in mine
    assert "其他可查看的社区（1 个）" in rest and "康居社区" in rest and "已安排给 wang" in rest
    # nothing planned for this inspector in the round: said so, the standing scope still reachable apart
    city.post(_url(world), {"inspector": "none", "community": [world.diemeng.pk]})
    home = world.client(world.inspector).get("/").content.decode()
    assert "本轮暂无安排给你的核查任务" in home and "康居社区" in home.split('class="other-visits"')[1]
    assert "其他可查看" not in world.client(wang).get("/").content.decode()  # wang sees only the plan
