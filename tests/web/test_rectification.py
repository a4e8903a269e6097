"""The rectification loop in the app (#14 §3): issued per gap, answered by the clerk, closed or kept open by the
inspector or the bureau, every move through the library's state table, everyone else kept out."""

from datetime import date, timedelta

import pytest

from tests.web.conftest import example_cells

pytestmark = pytest.mark.django_db


def _submitted(world):
    from web.models import Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    return Submission.objects.get(round=world.round, community=world.kangju)


def _issued(world):
    from web.models import RectificationItem

    submission = _submitted(world)
    response = world.client(world.bureau).post(f"/submissions/{submission.pk}/rectification/")
    assert response.status_code == 302
    return submission, list(RectificationItem.objects.filter(submission=submission))


def test_the_whole_loop(world):
    from django.utils import timezone

    from checker.audits.notice import DEFAULT_DEADLINES
    from web import services
    from web.models import AuditEvent

    submission, items = _issued(world)
    gaps = services.judge_submission(submission).gaps
    assert gaps and sorted(i.requirement_id for i in items) == sorted(g.id for g in gaps)
    today = timezone.localdate()
    for item, gap in zip(sorted(items, key=lambda i: i.requirement_id), sorted(gaps, key=lambda g: g.id), strict=True):
        assert item.priority == gap.level
        assert item.deadline == today + timedelta(days=DEFAULT_DEADLINES[gap.level])
    # issuing again adds nothing
    world.client(world.bureau).post(f"/submissions/{submission.pk}/rectification/")
    assert submission.rectification_items.count() == len(items)

    item = items[0]
    clerk = world.client(world.clerk)
    page = clerk.get(world.filing_url()).content.decode()
    assert item.title in page and "待整改" in page and item.deadline.isoformat() in page
    # the answer needs words: refused with the library's message, nothing recorded
    page = clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": " "}, follow=True)
    assert "“答复整改情况”须填写说明" in page.content.decode() and item.state == "open"
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已配备活动室"})
    assert item.state == "answered"
    # the inspector keeps it open with a comment, the clerk answers again, the bureau closes it
    inspector = world.client(world.inspector)
    inspector.post(f"/rectification/{item.pk}/", {"action": "reopen", "comment": "面积仍不足"})
    assert item.state == "open"
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已扩建至 60 平方米"})
    world.client(world.bureau).post(f"/rectification/{item.pk}/", {"action": "close"})
    assert item.state == "closed"
    page = clerk.get(world.filing_url()).content.decode()
    assert "已销号" in page and "面积仍不足" in page and "已扩建至 60 平方米" in page
    assert [e.state for e in item.events.all()] == ["answered", "open", "answered", "closed"]
    logged = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"rectification.issue", "rectification.answer", "rectification.reopen", "rectification.close"} <= logged


def test_a_clerk_cannot_close(world):
    _, items = _issued(world)
    item = items[0]
    clerk = world.client(world.clerk)
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已整改"})
    page = clerk.post(f"/rectification/{item.pk}/", {"action": "close"}, follow=True).content.decode()
    assert "社区工作人员不能对“已答复”的整改事项执行“销号”" in page
    assert item.state == "answered"
    # and the clerk is not offered the button
    assert 'value="close"' not in page


def test_only_the_bureau_issues(world):
    from web.models import RectificationItem

    submission = _submitted(world)
    for user in (world.clerk, world.inspector, world.other_bureau):
        assert world.client(user).post(f"/submissions/{submission.pk}/rectification/").status_code == 404
    assert not RectificationItem.objects.exists()


def test_someone_elses_item_is_not_found(world):
    _, items = _issued(world)
    item = items[0]
    for user in (world.other_clerk, world.other_bureau):
        response = world.client(user).post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "x"})
        assert response.status_code == 404
    assert item.state == "open"


def test_requires_login(world):
    from django.test import Client

    submission, items = _issued(world)
    anonymous = Client()
    for url in (f"/rectification/{items[0].pk}/", f"/submissions/{submission.pk}/rectification/"):
        response = anonymous.post(url, {"action": "answer", "comment": "x"})
        assert response.status_code in (302, 404)
        assert response.status_code == 404 or "/login/" in response["Location"]
    assert items[0].state == "open"


def test_get_is_rejected(world):
    submission, items = _issued(world)
    assert world.client(world.clerk).get(f"/rectification/{items[0].pk}/").status_code == 405
    assert world.client(world.bureau).get(f"/submissions/{submission.pk}/rectification/").status_code == 405


def test_overdue_is_flagged_until_closed(world):
    from web.models import RectificationItem

    submission = _submitted(world)
    from web import rectification

    items = rectification.issue(submission, world.bureau, date(2000, 1, 1))  # deadlines long past
    page = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert page.count("已逾期") == len(items)
    item = items[0]
    rectification.move(item, "answer", world.clerk, "已整改")
    rectification.move(item, "close", world.inspector)
    page = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert page.count("已逾期") == len(items) - 1
    assert RectificationItem.objects.count() == len(items)


def test_items_and_history_are_never_changed(world):
    from web import rectification

    _, items = _issued(world)
    rectification.move(items[0], "answer", world.clerk, "已整改")
    event = items[0].events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        items[0].save()
