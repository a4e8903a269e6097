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
