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


def test_not_found_is_the_apps_own_page_in_the_users_language(world):
    """Someone else's object gives 404: the app's page in Chinese with the way home, not Django's English one."""
    clerk = world.client(world.clerk)
    response = clerk.get(f"/rounds/{world.round.pk}/dashboard/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "未找到此页面" in page and 'href="/"' in page and "Not Found" not in page
    assert "未找到此页面" in clerk.get("/no-such-page/").content.decode()
