"""Gap reports people read: HTML, PDF and Markdown, all rendered from one check result.

``render(result, "html" | "pdf" | "md")`` builds the view-model (:mod:`reports.view`), renders it with the one
Jinja environment (:mod:`reports.environment`) and, for PDF, hands the HTML to :func:`reports.pdf.html_to_pdf`.
The generation time printed in the footer comes from ``now``, else from ``SQCHECK_FIXED_TIME`` (an ISO date
and time, for reproducible reports and tests), else from the clock.
"""

from __future__ import annotations

from datetime import datetime

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
    return render_template("gap_report.html.j2", result.lang, report=gap_report(result, generation_time(now)))


def render_markdown(result: CheckResult, now: datetime | None = None) -> str:
    return render_template("gap_report.md.j2", result.lang, report=gap_report(result, generation_time(now)))


# Stands in for the generation time in the name a PDF is cached under (never shown).
_UNPINNED = datetime(2000, 1, 1)


def render_pdf(result: CheckResult, now: datetime | None = None) -> bytes:
    """The gap report as a PDF, laid out once for the same inputs: the generation time in its footer is not an
    input unless pinned (``now``, ``SQCHECK_FIXED_TIME``, ``SOURCE_DATE_EPOCH``), so a report already made from
    the same assessment, audit, standard and language is reused as made, saying when it was made."""
    from reports import pdf  # WeasyPrint takes half a second to import; HTML and Markdown do without it

    pdf.require_cjk_font()  # before any work, so the refusal is quick
    html = render_html(result, now)
    pinned = now is not None or pinned_time("report.fixed_time") is not None
    return pdf.html_to_pdf(html, key=None if pinned else render_html(result, _UNPINNED))


def render(result: CheckResult, fmt: str, now: datetime | None = None) -> str | bytes:
    """A gap report in ``fmt`` (html, pdf or md): text for HTML and Markdown, bytes for PDF."""
    if fmt == "html":
        return render_html(result, now)
    if fmt == "md":
        return render_markdown(result, now)
    if fmt == "pdf":
        return render_pdf(result, now)
    raise UsageError("report.format", fmt=fmt, formats=", ".join(FORMATS))
