"""The one Jinja environment every report is rendered with, and the packaged assets templates may use.

Autoescaping is on for every template (``select_autoescape`` would miss ``*.html.j2``) and undefined names
raise, so a misspelt field fails a test instead of printing nothing. The environment is built once per process:
building one per report costs about 12 ms, rendering a cached template under 2 ms.

Reuse: another report kind puts its templates in reports/templates/, extends ``base.html.j2`` (page set-up,
fonts, running header, page numbers) and calls :func:`render_template`; its PDF comes from
:func:`reports.pdf.html_to_pdf`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from checker import collector
from reports import markdown
from reports.charts import score_bars
from reports.labels import Labels

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
ASSETS = PACKAGE / "assets"


@cache
def asset_text(name: str) -> Markup:
    """A packaged text asset (a stylesheet) for inlining, so an HTML report is one self-contained file."""
    path = (ASSETS / name).resolve()
    if path.parent != ASSETS:  # only our own files: templates never pass user text here, but make sure
        raise ValueError(f"not a report asset: {name}")
    return Markup(path.read_text(encoding="utf-8"))


def number(value: float | None, digits: int = 1) -> str:
    """Scores and points as people write them: 87.1, 6 (not 6.0), — for nothing.

    >>> number(6.0), number(87.14), number(None), number(0.5, 2)
    ('6', '87.1', '—', '0.5')
    """
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: float | None) -> str:
    """A share as a percentage: 0.5714 -> '57.1%', None -> '—'."""
    return "—" if value is None else number(value * 100) + "%"


class _Context(Context):
    """Jinja's context, calling the template's own macros and the labels ``t`` at once. Jinja's ``call`` first
    asks every callable, for every call, whether it wants the context passed: a few attribute lookups each time,
    for the ~400 labels and macros of one gap report about a fifth of its rendering. Neither of these ever takes
    the context; anything else is called the usual way."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(__obj, _PLAIN):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


_PLAIN = (Labels, Macro)  # their subclasses too (the published report's Labels): none takes the context


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.context_class = _Context
    env.filters["md"] = markdown.escape
    env.filters["number"] = number
    env.filters["percent"] = percent
    env.globals["asset_text"] = asset_text
    env.globals["score_bars"] = score_bars
    return env


def render_template(name: str, lang: str, labels: Labels | None = None, **context: object) -> str:
    """Render a report template with ``lang`` and ``t`` (the fixed wording in that language) in scope: the
    reports' own wording unless the document brings its ``labels`` (the published report does)."""
    template = environment().get_template(name)
    with collector.paused():  # see checker.collector: about an eighth of rendering a gap report
        return template.render(lang=lang, t=labels or Labels(lang), **context)
