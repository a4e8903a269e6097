"""What every view shares: the user's language, rendering a page, flash messages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from web import scope


def lang_of(request: HttpRequest) -> str:
    acct = scope.account(request.user)
    return acct.lang if acct is not None else request.session.get("lang", "zh")


def page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    lang = lang_of(request)
    flashes = request.session.pop("flash", []) if hasattr(request, "session") else []
    context.setdefault("flashes", flashes)
    return render(
        request,
        template,
        {
            "lang": lang,
            "account": scope.account(request.user),
            "html_lang": "en" if lang == "en" else "zh-Hans",
            "colon": ": " if lang == "en" else "：",  # after a label: a full-width colon in English is a leftover
            "paren": (" (", ")") if lang == "en" else ("（", "）"),
            **context,
        },
        status=status,
    )


def flash(request: HttpRequest, text: str, kind: str = "ok") -> None:
    request.session["flash"] = [*request.session.get("flash", []), {"text": text, "kind": kind}]


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the app's own page and language, with the way back home (Django's bare English page otherwise);
    the API keeps Django's plain answer."""
    from django.views import defaults

    if request.path.startswith("/api/"):
        return defaults.page_not_found(request, exception)  # type: ignore[arg-type]
    try:
        return page(request, "not_found.html", status=404)
    except Exception:  # a 404 never becomes a 500: the plain page instead
        return defaults.page_not_found(request, exception)  # type: ignore[arg-type]


def require_methods(*methods: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Django's ``require_http_methods``, but a page opened with another method (a POST-only address typed in
    the address bar) gets the app's own 405 page in the user's language with the way back, as a 404 does
    (Django has no handler405: its answer is an empty body the browser shows as its own English error). The
    API keeps Django's plain answer."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                return view(request, *args, **kwargs)
            if request.path.startswith("/api/"):
                return HttpResponseNotAllowed(methods)
            try:
                response = page(request, "not_allowed.html", status=405)
            except Exception:  # a 405 never becomes a 500
                response = HttpResponseNotAllowed(methods)
            response["Allow"] = ", ".join(methods)
            return response

        return inner

    return decorator


require_GET = require_methods("GET")
require_POST = require_methods("POST")
