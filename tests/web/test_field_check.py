import pytest
from django.test import Client

from tests.web.conftest import cli_score, example_cells

pytestmark = pytest.mark.django_db


def _check(world, client, cells, field):
    return client.post(world.filing_url("check/"), cells, HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER_NAME=field)


def test_a_bad_number_gets_the_cli_message_beside_its_field(world):
    cells = example_cells(world)
    threshold = next(n for n in cells if n.startswith("q.XZ-") and n.endswith(".value") and cells[n].isdigit())
    cells[threshold] = "约300"
    body = _check(world, world.client(world.clerk), cells, threshold).content.decode()
    dom = "msg-" + threshold.replace(".", "_")
    assert f'id="{dom}"' in body
    fragment = body.split(f'id="{dom}"', 1)[1].split("</div>", 1)[0]
    assert "约300" in fragment and "error" in fragment


def test_fixing_it_clears_the_message(world):
    cells = example_cells(world)
    name = next(n for n in cells if n.endswith(".value") and cells[n].isdigit())
    body = _check(world, world.client(world.clerk), cells, name).content.decode()
    fragment = body.split('id="msg-' + name.replace(".", "_") + '"', 1)[1].split("</div>", 1)[0]
    assert "error" not in fragment
    assert 'id="live"' in body and cli_score() in body


def test_rejects_get(world):
    assert world.client(world.clerk).get(world.filing_url("check/")).status_code == 405


def test_requires_login(world):
    assert Client().post(world.filing_url("check/")).status_code == 302


def test_someone_elses_community_is_404(world):
    assert world.client(world.other_clerk).post(world.filing_url("check/"), {}).status_code == 404
