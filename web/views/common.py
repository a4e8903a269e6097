"""What every view shares: the user's language, rendering a page, flash messages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
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
