"""Two small middlewares: login everywhere but the login page (and the static files and the token API), and
cookies marked Secure whenever the request came over HTTPS."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

OPEN_PREFIXES = (
    "/login/",
    "/static/",
    "/api/",
    "/p/",
)  # the API authenticates by token itself; /p/: shared publications
CHANGE_PASSWORD_PATHS = ("/password/", "/logout/", "/lang/")  # all a user with an initial password may open


class LoginRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        account = getattr(request.user, "account", None)
        if account is not None and account.must_change_password and request.path not in CHANGE_PASSWORD_PATHS:
            return redirect("password")
        return self.get_response(request)


class SecureCookiesOverHttps:
    """SESSION_COOKIE_SECURE is all or nothing; this marks cookies Secure exactly when served over HTTPS, so the
    same settings work on 127.0.0.1 (plain HTTP) and behind a TLS proxy (with SQCHECK_BEHIND_PROXY=1)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.is_secure():
            for cookie in response.cookies.values():
                cookie["secure"] = True
        return response
