"""Gap reports people read: HTML, PDF and Markdown, all rendered from one check result.

``render(result, "html" | "pdf" | "md")`` builds the view-model (:mod:`reports.view`), renders it with the one
Jinja environment (:mod:`reports.environment`) and, for PDF, hands the HTML to :func:`reports.pdf.html_to_pdf`.
The generation time printed in the footer comes from ``now``, else from ``SQCHECK_FIXED_TIME`` (an ISO date
and time, for reproducible reports and tests), else from the clock.
"""

from __future__ import annotations

from datetime import datetime

from checker import collector
from checker.dates import pinned_time
from checker.engine import CheckResult
from checker.errors import UsageError
from reports.environment import render_template
from reports.view import gap_report

FORMATS = ("html", "pdf", "md")


def generation_time(now: datetime | None = None) -> datetime:
    """The time a report says it was made.

    >>> generation_time(datetime(2024, 7, 1, 9, 30)).isoformat()
    '2024-07-01T09:30:00'
    """
    if now is not None:
        return now
    return pinned_time("report.fixed_time") or datetime.now().astimezone()


def render_html(result: CheckResult, now: datetime | None = None) -> str:
    with collector.paused():  # the view-model too (see checker.collector)
        return render_template("gap_report.html.j2", result.lang, report=gap_report(result, generation_time(now)))


def render_markdown(result: CheckResult, now: datetime | None = None) -> str:
    with collector.paused():
        return render_template("gap_report.md.j2", result.lang, report=gap_report(result, generation_time(now)))


# Stands in for the generation time in the name a PDF is cached under (never shown).
_UNPINNED = datetime(2000, 1, 1)


def time_pinned(now: datetime | None = None) -> bool:
    """Whether a report's generation time is an input: given (``now``) or pinned by the environment
    (``SQCHECK_FIXED_TIME``, ``SOURCE_DATE_EPOCH``), rather than the clock's."""
    return now is not None or pinned_time("report.fixed_time") is not None


def render_pdf(result: CheckResult, now: datetime | None = None, pinned: bool | None = None) -> bytes:
    """The gap report as a PDF, laid out once for the same inputs: the generation time in its footer is not an
    input unless pinned (see :func:`time_pinned`), so a report already made from the same assessment, audit,
    standard and language is reused as made, saying when it was made. ``pinned=False`` says that a given ``now``
    is only the clock's time read once for many reports (publish's round time when the operator pinned none)."""
    from reports import pdf  # WeasyPrint takes half a second to import; HTML and Markdown do without it

    pdf.require_cjk_font()  # before any work, so the refusal is quick
    html = render_html(result, now)
    if pinned is None:
        pinned = time_pinned(now)
    return pdf.html_to_pdf(html, key=None if pinned else render_html(result, _UNPINNED))


def render(result: CheckResult, fmt: str, now: datetime | None = None, pinned: bool | None = None) -> str | bytes:
    """A gap report in ``fmt`` (html, pdf or md): text for HTML and Markdown, bytes for PDF (``pinned``: see
    :func:`render_pdf`)."""
    if fmt == "html":
        return render_html(result, now)
    if fmt == "md":
        return render_markdown(result, now)
    if fmt == "pdf":
        return render_pdf(result, now, pinned)
    raise UsageError("report.format", fmt=fmt, formats=", ".join(FORMATS))
