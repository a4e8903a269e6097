import pytest
from django.test import Client

from tests.web.conftest import cli_score, example_cells

pytestmark = pytest.mark.django_db


def test_form_has_the_excel_forms_questions(world):
    body = world.client(world.clerk).get(world.filing_url()).content.decode()
    from checker.workbook.layout import layout_of

    layout = layout_of(world.round.standard.load())
    for question in layout.questions():
        assert f'id="q-{question.requirement.id}"' in body
    assert "填写方法" in body and "责任单位" in body  # the how-to column's words, from the same code
    assert 'value="康居社区"' in body  # a new draft starts from the roster


def test_requires_login(world):
    assert Client().get(world.filing_url()).status_code == 302


@pytest.mark.parametrize("who", ["other_clerk", "other_bureau"])
def test_someone_elses_community_is_404(world, who):
    assert world.client(getattr(world, who)).get(world.filing_url()).status_code == 404


def test_inspector_and_bureau_see_but_cannot_save(world):
    for user in (world.inspector, world.bureau, world.city):
        client = world.client(user)
        assert client.get(world.filing_url()).status_code == 200
        assert client.post(world.filing_url(), {"_version": "0"}).status_code == 404


def test_save_draft_and_reopen(world):
    client = world.client(world.clerk)
    cells = example_cells(world)
    response = client.post(world.filing_url(), {**cells, "_version": "0"})
    assert response.status_code == 302
    body = client.get(world.filing_url()).content.decode()
    assert "草稿已保存（第 1 次保存）" in body
    assert 'name="_version" value="1"' in body
    assert cli_score() in body  # the live score, as sqcheck check gives for the same example


def test_stale_draft_is_refused_with_a_clear_message(world):
    from web.models import Draft

    first, second = world.client(world.clerk), world.client(world.clerk)
    cells = example_cells(world)
    assert first.post(world.filing_url(), {**cells, "_version": "0"}).status_code == 302
    response = second.post(world.filing_url(), {**cells, "p.filled_by": "第二人", "_version": "0"})
    assert response.status_code == 409
    assert "保存未成功" in response.content.decode() and "clerk" in response.content.decode()
    draft = Draft.objects.get(round=world.round, community=world.kangju)
    assert draft.version == 1 and draft.cells.get("p.filled_by") != "第二人"


def test_after_the_deadline_nothing_is_saved(world):
    from datetime import date

    world.round.deadline = date(2000, 1, 1)
    world.round.save()
    client = world.client(world.clerk)
    assert "已过截止日期" in client.get(world.filing_url()).content.decode()
    assert client.post(world.filing_url(), {"_version": "0"}).status_code == 404


def test_hostile_text_stays_text(world):
    client = world.client(world.clerk)
    cells = {"p.community.name": "<script>alert(1)</script>", "p.period": "2026"}
    client.post(world.filing_url(), {**cells, "_version": "0"})
    body = client.get(world.filing_url()).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def _live_box(body: str) -> str:
    return body.split('id="live"')[1].split("</div>")[0]


def test_a_submitted_or_audited_version_shows_its_reports_score_not_the_drafts(world):
    """Tester 19 #7: "按当前草稿计算" was shown on audited filings with a score unlike the report's. While no
    draft is edited since the latest version, everyone sees that version's result as its report gives it
    (web.audited.judge: exemptions, the finished audit); once the clerk edits a draft, its live score."""
    from django.utils import timezone

    from tests.web.test_inspection import _answer, _finish, _start
    from web import audited
    from web.models import Submission

    audit = _start(world)  # the clerk submitted version 1, the inspector started
    submission = Submission.objects.get(community=world.kangju)
    claimed = audited.judge(submission, "zh", timezone.localdate()).result
    for user in (world.clerk, world.bureau, world.inspector):
        box = _live_box(world.client(user).get(world.filing_url()).content.decode())
        assert "按当前草稿计算" not in box and "第 1 版（已提交）" in box
        assert f"<strong>{claimed.score:.1f}</strong>" in box or f"<strong>{claimed.score:g}</strong>" in box
    inspector = world.client(world.inspector)
    assert _answer(inspector, audit, "XZ-F-801", "not_confirmed", "100", "实测仅 100 平方米").json()["problems"] == []
    assert _finish(inspector, audit).status_code == 302
    verified = audited.judge(submission, "zh", timezone.localdate()).result
    assert verified.score != claimed.score
    for user in (world.clerk, world.bureau, world.inspector):
        body = world.client(user).get(world.filing_url()).content.decode()
        box = _live_box(body)
        assert "第 1 版 · 实地核查后" in box and "按当前草稿计算" not in box
        assert f"<strong>{verified.score:.1f}</strong>" in box and f"自评得分 {claimed.score:.1f}" in box
        assert f"/submissions/{submission.pk}/report.html" in body
    clerk = world.client(world.clerk)
    assert clerk.post(world.filing_url(), {**example_cells(world), "_version": "1"}).status_code == 302
    box = _live_box(clerk.get(world.filing_url()).content.decode())
    assert "按当前草稿计算" in box and "第 1 版" not in box
