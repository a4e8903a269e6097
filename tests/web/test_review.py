"""审核: returning a submitted version with comments beside the questions, accepting it, and who may."""

import pytest
from django.test import Client

from tests.web.conftest import example_cells

pytestmark = pytest.mark.django_db


def _submit(world, version="0"):
    from web.models import Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": version})
    return Submission.objects.filter(community=world.kangju).order_by("-number").first()


def _url(submission) -> str:
    return f"/submissions/{submission.pk}/review/"


def test_the_bureau_returns_a_version_and_the_clerk_sees_the_comment_beside_the_question(world):
    submission = _submit(world)
    bureau = world.client(world.bureau)
    page = bureau.get(_url(submission))
    assert page.status_code == 200
    body = page.content.decode()
    assert "已提交" in body and 'name="item.XZ-F-801"' in body and "退回修改" in body and "通过审核" in body
    response = bureau.post(
        _url(submission), {"action": "return", "item.XZ-F-801": "面积请按房产证填写", "comment": "请核实面积"}
    )
    assert response.status_code == 302
    filing = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert "已退回修改" in filing and "请核实面积" in filing
    assert "面积请按房产证填写" in filing.split('id="q-XZ-F-801"')[1].split('class="question"')[0]


def test_the_next_version_keeps_the_comments_history_and_can_be_accepted(world):
    from web.models import AuditEvent, Review

    first = _submit(world)
    world.client(world.bureau).post(_url(first), {"action": "return", "item.XZ-F-801": "面积请按房产证填写"})
    second = _submit(world, version="1")
    assert second.number == 2
    filing = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert "面积请按房产证填写" in filing  # the history stays beside the question
    bureau = world.client(world.bureau)
    assert "此版本不再审核" in bureau.get(_url(first)).content.decode()  # the old version is history
    assert bureau.post(_url(first), {"action": "accept"}).status_code == 302
    assert not Review.objects.filter(submission=first, action="accept").exists()
    assert bureau.post(_url(second), {"action": "accept"}).status_code == 302
    assert Review.objects.get(submission=second).state == "accepted"
    assert AuditEvent.objects.filter(action="submission.accept").count() == 1


def test_returning_needs_words_and_a_refused_move_says_why(world):
    from web.models import Review

    submission = _submit(world)
    bureau = world.client(world.bureau)
    response = bureau.post(_url(submission), {"action": "return"}, follow=True)
    assert "“退回修改”须填写说明" in response.content.decode()
    bureau.post(_url(submission), {"action": "accept"})
    response = bureau.post(_url(submission), {"action": "accept"}, follow=True)
    assert "“已通过审核”的自评表不能“通过审核”" in response.content.decode()
    assert Review.objects.count() == 1


def test_an_assigned_inspector_may_review(world):
    submission = _submit(world)
    response = world.client(world.inspector).post(_url(submission), {"action": "accept"})
    assert response.status_code == 302


def test_it_requires_login(world):
    submission = _submit(world)
    response = Client().get(_url(submission))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_someone_elses_submission_is_not_found(world):
    from web.models import Review

    submission = _submit(world)
    for user in (world.other_bureau, world.other_clerk):
        client = world.client(user)
        assert client.get(_url(submission)).status_code == 404
        assert client.post(_url(submission), {"action": "accept"}).status_code == 404
    assert not Review.objects.exists()


def test_a_clerk_does_not_review_even_their_own_version(world):
    submission = _submit(world)
    client = world.client(world.clerk)
    assert client.get(_url(submission)).status_code == 404
    assert client.post(_url(submission), {"action": "accept"}).status_code == 404


def test_the_review_page_marks_an_exempted_requirement(world):
    """Tester 19 #11: the 审核 page showed an exempted requirement as "无（未达标）" with no mark: it judges the
    claims as the report does (web.audited), so the exemption in force is shown as 豁免 with its reason."""
    from tests.web.test_exemptions import GAP, _form, _submitted

    submission = _submitted(world)
    bureau = world.client(world.bureau)
    before = bureau.get(f"/submissions/{submission.pk}/review/").content.decode()
    question = before.split(f'id="q-{GAP}"')[1].split("</div>")[0]
    assert "（部分达标）" in question and "豁免" not in question
    assert bureau.post(world.filing_url("exemptions/"), _form()).status_code == 302
    after = bureau.get(f"/submissions/{submission.pk}/review/").content.decode()
    question = after.split(f'id="q-{GAP}"')[1].split("</div>")[0]
    assert '<strong class="exempt">已豁免</strong>' in question and "泉山区卫健委批准" in question
    assert "达标" not in question
