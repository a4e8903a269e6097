"""The bureau's dashboard (#15 §1–§3, §7): figures with denominators and the communities behind them, a level
below side by side, permissions at every level (someone else's node is 404), a round against another, a
community's history."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from tests.web.conftest import PASSWORD, ROSTER, example_cells
from tests.web.test_rollup import province_round

pytestmark = pytest.mark.django_db


def _submit(world):
    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    return world.round.submissions.get()


def _node(**place):
    from web.models import ScopeNode

    return ScopeNode.objects.get(**{"province": "", "city": "", "district": "", "street": "", **place})


def test_the_city_sees_its_districts_side_by_side_with_denominators(world):
    submission = _submit(world)
    response = world.client(world.city).get(f"/rounds/{world.round.pk}/dashboard/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "名册社区" in body and "分母都是名册社区数（3 个）" in body
    below = body.split('id="below"')[1].split("</section>")[0]
    assert [re.sub(r"<[^>]+>", "", name) for name in re.findall(r'<th scope="row">(.*?)</th>', below)] == [
        "云龙区",
        "泉山区",
        "鼓楼区",
    ]
    quanshan = below.split("泉山区")[1].split("</tr>")[0]
    assert f"status=submitted&amp;node={_node(district='泉山区').pk}" in quanshan
    assert submission.grade in body and "XZ-" in body.split('id="gaps"')[1]


def test_every_figure_lists_the_communities_behind_it(world):
    submission = _submit(world)
    client = world.client(world.city)
    body = client.get(f"/rounds/{world.round.pk}/dashboard/").content.decode()
    links = set(re.findall(r'href="(/rounds/\d+/dashboard/communities/\?[^"]+)"', body))
    assert len(links) > 5
    for link in links:
        listed = client.get(link.replace("&amp;", "&"))
        assert listed.status_code == 200
        count = int(re.search(r"共 (\d+) 个社区", listed.content.decode()).group(1))
        assert count > 0, link
    gap = submission.gap_ids.split()[0]
    listed = client.get(f"/rounds/{world.round.pk}/dashboard/communities/", {"gap": gap}).content.decode()
    assert "康居社区" in listed and "蝶梦社区" not in listed and "共 1 个社区" in listed
    waiting = client.get(f"/rounds/{world.round.pk}/dashboard/communities/", {"status": "not_started"})
    assert "蝶梦社区" in waiting.content.decode() and "康居社区" not in waiting.content.decode()


def test_a_district_sees_its_streets_and_no_other_district(world):
    client = world.client(world.bureau)  # 泉山区
    body = client.get(f"/rounds/{world.round.pk}/dashboard/").content.decode()
    assert "七里沟街道" in body and "云龙区" not in body and "蝶梦社区" not in body
    other = _node(district="云龙区")
    assert client.get(f"/rounds/{world.round.pk}/dashboard/?node={other.pk}").status_code == 404
    assert client.get(f"/rounds/{world.round.pk}/dashboard/communities/?node={other.pk}").status_code == 404
    assert client.get(f"/rounds/{world.round.pk}/compare/?node={other.pk}").status_code == 404
    assert client.get(f"/rounds/{world.round.pk}/dashboard/?node={_node().pk}").status_code == 404  # above it
    assert client.get(f"/rounds/{world.round.pk}/dashboard/?node=abc").status_code == 404
    listed = client.get(f"/rounds/{world.round.pk}/dashboard/communities/").content.decode()
    assert "康居社区" in listed and "下淀社区" not in listed


def test_a_street_account_sees_only_its_street(tmp_path):
    from web import services

    round_ = province_round(tmp_path)
    street = services.add_user("qlg", "bureau", PASSWORD, scope="七里沟街道")
    client = Client()
    client.force_login(street)
    body = client.get(f"/rounds/{round_.pk}/dashboard/").content.decode()
    assert "分母都是名册社区数（2 个）" in body
    listed = client.get(f"/rounds/{round_.pk}/dashboard/communities/").content.decode()
    assert "康居社区" in listed and "七里沟社区" in listed and "湖滨社区" not in listed
    for other in (_node(province="江苏省", city="徐州市", district="泉山区", street="湖滨街道"), _node()):
        assert client.get(f"/rounds/{round_.pk}/dashboard/?node={other.pk}").status_code == 404


def test_a_province_drills_down_to_a_street(tmp_path):
    from web import services

    round_ = province_round(tmp_path)
    province = services.add_user("js", "bureau", PASSWORD, scope="江苏省")
    client = Client()
    client.force_login(province)
    body = client.get(f"/rounds/{round_.pk}/dashboard/").content.decode()
    assert "下一级对比：市" in body and "徐州市" in body and "南京市" in body
    city = _node(province="江苏省", city="南京市")
    body = client.get(f"/rounds/{round_.pk}/dashboard/?node={city.pk}").content.decode()
    assert "下一级对比：区" in body and "玄武区" in body and "泉山区" not in body.split('id="below"')[1]
    assert "江苏省</a> › <strong>南京市" in body


def test_requires_login_and_a_bureau(world):
    url = f"/rounds/{world.round.pk}/dashboard/"
    assert Client().get(url).status_code == 302
    assert world.client(world.clerk).get(url).status_code == 404
    assert world.client(world.inspector).get(url).status_code == 404
    assert world.client(world.other_bureau).get(f"/rounds/{world.round.pk}/dashboard/").status_code == 200


def test_the_city_compares_two_rounds_at_every_level(world, tmp_path):
    from web import services
    from web.models import Submission

    _submit(world)
    later = services.create_round(world.round.standard, ROSTER, "2027", date(2100, 12, 31))
    with_gaps = Submission.objects.get(round=world.round)
    Submission.objects.create(
        round=later, community=world.kangju, number=1, text="x", score=90.0, grade=with_gaps.grade, gap_ids="XZ-S-101"
    )
    from web import rollup

    rollup.rebuild(later)
    client = world.client(world.city)
    body = client.get(f"/rounds/{later.pk}/compare/").content.decode()
    assert "2027 与 2018 对比" in body
    total = body.split('class="total"')[1].split("</tr>")[0]
    cells = re.findall(r"<td>(.*?)</td>", total)
    assert cells[6] == "90" and cells[7] == f"{with_gaps.score:.1f}".rstrip("0").rstrip(".")
    district = _node(district="泉山区")
    assert f"?node={district.pk}&amp;with={world.round.pk}" in body
    assert client.get(f"/rounds/{later.pk}/compare/?node={district.pk}").status_code == 200
    assert world.client(world.other_bureau).get(f"/rounds/{later.pk}/compare/?node={district.pk}").status_code == 404
    assert client.get(f"/rounds/{later.pk}/compare/?with=99999").status_code == 404


def _audited_diemeng(world):
    """蝶梦's example submitted by its clerk, and the example audit record of it finished (pinned to the version)."""
    import hashlib

    import yaml

    from checker import pipeline
    from tests.web.conftest import EXAMPLES
    from web import filing, rollup, services
    from web.models import Audit

    standard = world.round.standard.load()
    doc, _, _ = pipeline.read_with_standard(EXAMPLES / "xuzhou-2017--diemeng.yaml", standard)
    spec = filing.form_spec(standard)
    cells = filing.cells_from_data(services.validated_data(doc, standard), spec)
    submitted = services.submit_document(
        world.round, world.diemeng, filing.read_cells(cells, spec), world.other_clerk, "form"
    )
    version = submitted.submission
    text = (EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml").read_text(encoding="utf-8")
    text = text.replace(yaml.safe_load(text)["assessment"]["sha256"], version.sha256)
    Audit.objects.create(
        round=world.round,
        community=world.diemeng,
        submission=version,
        state=Audit.FINISHED,
        record_text=text,
        record_sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    rollup.refresh(world.round.pk, world.diemeng.pk)  # as the service that finishes an audit calls it
    return version


def test_an_audit_keeps_the_verified_result_apart_from_the_claimed(world):
    from web import dashboard, hierarchy, rollup
    from web.models import CommunityRound

    version = _audited_diemeng(world)
    row = CommunityRound.objects.get(round=world.round, community=world.diemeng)
    assert row.status == "audited" and row.audited and row.score == version.score
    assert row.verified_score is not None and row.verified_score < row.score  # the audit overturned claims
    assert set(row.verified_gaps.split()) > set(row.gaps.split())
    figures = dashboard.figures_at(world.round, [hierarchy.root()])[hierarchy.root().pk]
    assert figures.get("audited") == 1 and figures.verified_mean == round(row.verified_score, 1)
    assert rollup.stored(world.round) == rollup.recompute(world.round)
    before = rollup.stored(world.round)
    CommunityRound.objects.filter(round=world.round).delete()  # as after a restore without the roll-ups
    rollup.rebuild(world.round)  # judges the audit record again
    assert rollup.stored(world.round) == before
    from reports.environment import number

    body = world.client(world.city).get(f"/rounds/{world.round.pk}/dashboard/").content.decode()
    progress = body.split('id="progress"')[1].split("</section>")[0]
    assert "已实地核查" in progress and f"核查后平均分 {number(row.verified_score)}" in progress
    history = world.client(world.city).get(f"/communities/{world.diemeng.pk}/history/").content.decode()
    verified_row = history.split("核查</th>")[1].split("</tr>")[0]
    assert number(row.verified_score) in verified_row and number(row.score) not in verified_row


def test_a_community_history_keeps_claimed_and_verified_apart(world):
    from web import dashboard
    from web.models import CommunityRound

    _submit(world)
    body = world.client(world.bureau).get(f"/communities/{world.kangju.pk}/history/").content.decode()
    assert "自评" in body and "已提交" in body
    assert world.client(world.other_bureau).get(f"/communities/{world.kangju.pk}/history/").status_code == 404
    assert world.client(world.clerk).get(f"/communities/{world.kangju.pk}/history/").status_code == 200
    assert world.client(world.clerk).get(f"/communities/{world.diemeng.pk}/history/").status_code == 404
    rows = dashboard.history(list(CommunityRound.objects.filter(community=world.kangju).select_related("round")))
    assert rows[0].compared is False and rows[0].verified_closed is None


def test_history_says_which_gaps_closed_and_which_are_new():
    from types import SimpleNamespace

    from web import dashboard

    standard = SimpleNamespace(standard_id="s")
    row = lambda period, gaps, v=None: SimpleNamespace(  # noqa: E731
        round=SimpleNamespace(standard=standard, period=period),
        submission_id=1,
        gaps=gaps,
        audited=v is not None,
        verified_gaps=v or "",
    )
    found = dashboard.history([row("1", " A B "), row("2", " B C ", " C "), row("3", " C ", " ")])
    assert (found[1].closed, found[1].new) == (("A",), ("C",))
    assert found[1].verified_closed is None  # the first audit has nothing verified to compare with
    assert (found[2].closed, found[2].new, found[2].verified_closed) == (("B",), (), ("C",))


@pytest.mark.parametrize(
    "example", ["xuzhou-2017--kangju.yaml", "living-room-2023--guiyuan.yaml", "wanzheng-2020--laocheng.yaml"]
)
def test_the_dashboard_groups_gaps_by_body_as_publish_does(example):
    """The work per responsible body on the dashboard is publish's work lists (checker.publish.aggregate): the same
    bodies, each with the same requirements."""
    from checker import pipeline
    from checker.publish.aggregate import _departments, requirement_ids
    from checker.publish.record import record_of
    from tests.web.conftest import EXAMPLES
    from web import dashboard

    result, _ = pipeline.check(EXAMPLES / example)
    standard = result.standard
    published = _departments(standard, [record_of(result, 0, (), None)], requirement_ids(standard), "zh")
    expected = {d.body or "name:" + d.department: {r.requirement_id for r in d.requirements} for d in published}
    gaps = [dashboard.Gap(g.id, g.requirement.title, 1) for g in result.gaps]
    shown = {b.key: {g.requirement_id for g in b.requirements} for b in dashboard._bodies(standard, gaps, "zh")}
    assert shown == {k: v for k, v in expected.items() if v} and len(shown) > 1


def test_rectification_items_open_and_overdue_lead_to_their_communities(world):
    from datetime import timedelta

    from web import dashboard, hierarchy, rectification

    submission = _submit(world)
    items = list(rectification.issue(submission, world.city, date(2026, 1, 1)).items.all())  # the notice's items
    assert items
    rectification.move(items[0], "answer", world.clerk, "已整改")
    rectification.move(items[0], "close", world.city)
    root = hierarchy.root()
    found = dashboard.rectification(world.round, root, date(2026, 1, 2))
    assert (found.issued, found.open, found.overdue) == (len(items), len(items) - 1, 0)
    late = max(i.deadline for i in items) + timedelta(days=1)
    assert dashboard.rectification(world.round, root, late).overdue == len(items) - 1
    body = world.client(world.city).get(f"/rounds/{world.round.pk}/dashboard/").content.decode()
    section = body.split('id="rectification"')[1]
    assert f"rect=open&amp;node={root.pk}" in section
    listed = world.client(world.city).get(f"/rounds/{world.round.pk}/dashboard/communities/?rect=open").content
    assert "康居社区" in listed.decode() and "共 1 个社区" in listed.decode()
    other = world.client(world.other_bureau).get(f"/rounds/{world.round.pk}/dashboard/communities/?rect=open")
    assert "共 0 个社区" in other.content.decode()  # 鼓楼区 sees none of 泉山区's items


def test_the_dashboard_in_english(world):
    account = world.city.account
    account.lang = "en"
    account.save()
    _submit(world)
    client = world.client(world.city)
    body = client.get(f"/rounds/{world.round.pk}/dashboard/").content.decode()
    for words in ("Dashboard", "On the roster", "Not started", "Returned for correction", "Side by side: District"):
        assert words in body, words
    for words in ("名册社区", "未开始", "下一级对比", "：", "；"):
        assert words not in body, words
    assert (
        "On the roster: 3 communities"
        in client.get(f"/rounds/{world.round.pk}/dashboard/communities/").content.decode()
    )
