import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_clerk_sees_open_round_and_deadline(world):
    body = world.client(world.clerk).get("/").content.decode()
    assert "2099-12-31" in body and "康居社区" in body and "蝶梦社区" not in body


def test_bureau_sees_round_link(world):
    body = world.client(world.bureau).get("/").content.decode()
    assert f"/rounds/{world.round.pk}/" in body


def test_requires_login():
    assert Client().get("/").status_code == 302
