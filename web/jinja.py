"""The Jinja2 environment of the web pages: the filters and globals of the reports' environment (so numbers,
percentages and charts look the same as in the gap report), plus URLs, static files and the UI's words."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment, StrictUndefined

from reports.environment import environment as reports_environment
from web.i18n import t


def url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def environment(**options: Any) -> Environment:
    options["autoescape"] = True
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    shared = reports_environment()
    env.filters.update(shared.filters)
    env.globals.update({k: v for k, v in shared.globals.items() if k in ("score_bars",)})
    env.globals.update({"static": static, "url": url, "t": t})
    return env
