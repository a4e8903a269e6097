import pytest
from django.test import Client

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_works_and_logs(world):
    from web.models import AuditEvent

    client = Client()
    response = client.post("/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert AuditEvent.objects.filter(action="login", username="clerk").exists()


def test_wrong_password_says_so_in_chinese(world):
    response = Client().post("/login/", {"username": "clerk", "password": "nope"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_repeated_failures_lock_the_account(world):
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": "clerk", "password": "nope"})
    response = client.post("/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/rounds/1/", "/rounds/new/", "/rounds/1/c/1/", "/evidence/1/", "/password/"])
def test_every_page_requires_login(world, path):
    response = Client().get(path)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")


def test_open_redirect_refused(world):
    response = Client().post("/login/?next=https://evil.example/", {"username": "clerk", "password": PASSWORD})
    assert response["Location"] == "/"


def test_logout_rejects_get(world):
    assert world.client(world.clerk).get("/logout/").status_code == 405


def test_initial_password_must_be_changed_first(world):
    from web import services

    round_ = world.round
    made = services.create_clerks(round_)
    _, username, password = made[0]
    client = Client()
    client.post("/login/", {"username": username, "password": password})
    assert client.get("/")["Location"] == "/password/"
    response = client.post(
        "/password/", {"old_password": password, "new_password1": "Xq7!long-enough", "new_password2": "Xq7!long-enough"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_session_cookie_flags(world, settings):
    response = Client().post("/login/", {"username": "clerk", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]
    response = Client().post("/login/", {"username": "clerk", "password": PASSWORD}, secure=True)
    assert response.cookies["sessionid"]["secure"]


def test_language_switch(world):
    client = world.client(world.clerk)
    assert client.post("/lang/", {"next": "/"}).status_code == 302
    assert "Log out" in client.get("/").content.decode()
    assert client.get("/lang/").status_code == 405
