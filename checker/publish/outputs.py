"""The publication for people: index.html (offline, sortable) and report.pdf, rendered like every report with
:func:`reports.environment.render_template` (autoescape on, StrictUndefined) from the ``publish_*`` templates
in reports/templates/, with this package's wording."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from checker.output import LEVEL_TEXT, PRIORITY_TEXT, STATUS_TEXT, tr
from checker.publish import machine
from checker.publish.aggregate import CommunityRef, Publication, grade_counts
from checker.publish.charts import histogram
from checker.publish.labels import Labels
from checker.publish.pages import FOLDER
from checker.publish.progress import Change
from checker.publish.roster import RosterEntry
from reports.charts import grade_thresholds
from reports.environment import environment, render_template

DOWNLOADS = (("report.pdf", "pub.report_pdf"), ("summary.csv", "pub.summary_csv"), ("summary.json", "pub.summary_json"))


@dataclass(frozen=True)
class Limits:
    """How much of each long list the printed report shows; summary.json and summary.csv have everything."""

    common_gaps: int = 15
    names: int = 12  # communities named per work-list row; more are counted by district
    places: int = 200  # communities named in one paragraph (missing, new, gone)
    progress_rows: int = 150
    rejected: int = 150
    problems: int = 5  # problems shown per rejected file


def _render(name: str, pub: Publication, **context: Any) -> str:
    return render_template(name, pub.lang, labels=Labels(pub.lang), pub=pub, **context)


def index_html(pub: Publication, produced: Sequence[str], pages: bool) -> str:
    out = io.BytesIO()
    write_index_html(pub, produced, pages, out)
    return out.getvalue().decode("utf-8")


def write_index_html(pub: Publication, produced: Sequence[str], pages: bool, handle: BinaryIO) -> None:
    """index.html, written as Jinja renders it (a row per community: never the whole page in memory); links
    only to the outputs this run produced."""
    links = [(href, label) for href, label in DOWNLOADS if href in produced]
    grade_rank = {g.id: i for i, g in enumerate(pub.standard.grades)}
    grade_rank["none"] = len(grade_rank)
    titles = {r.id: r.title for r in pub.requirements}
    context = {"links": links, "pages": pages, "pages_folder": FOLDER, "grade_rank": grade_rank}
    template = environment().get_template("publish_index.html.j2")
    chunks = template.generate(lang=pub.lang, t=Labels(pub.lang), pub=pub, requirement_titles=titles, **context)
    buffer: list[str] = []
    size = 0
    for chunk in chunks:  # written in pieces: few calls, little memory
        buffer.append(chunk)
        size += len(chunk)
        if size > machine.CHUNK:
            handle.write("".join(buffer).encode("utf-8"))
            buffer, size = [], 0
    handle.write("".join(buffer).encode("utf-8"))


def report_html(pub: Publication, limits: Limits = Limits()) -> str:
    """The HTML the PDF is made from."""
    t = Labels(pub.lang)
    separator = t("sep.list")

    def names(refs: Sequence[CommunityRef]) -> str:
        """The communities by name when few, else how many in each district (a city bureau's view)."""
        if len(refs) <= limits.names:
            return separator.join(_community_name(r, pub.lang) for r in refs)
        per_district = Counter(r.district for r in refs)
        counts = separator.join(f"{district} {n}" for district, n in sorted(per_district.items()))
        return t("work.by_district", counts=counts)

    def place_names(items: Sequence[RosterEntry | CommunityRef | Any]) -> str:
        shown = separator.join(_community_name(i, pub.lang) for i in items[: limits.places])
        return shown + (t("work.more", count=len(items)) if len(items) > limits.places else "")

    thresholds = grade_thresholds(pub.standard)
    chart = histogram(pub.distribution.bins, thresholds, t("dist.chart"), t("dist.unit"))
    return _render(
        "publish_report.html.j2",
        pub,
        histogram=chart,
        limits=limits,
        names=names,
        place_names=place_names,
        grade_totals=grade_counts(pub.standard, (row.record for row in pub.communities)),
        requirement_titles={r.id: r.title for r in pub.requirements},
        progress_rows=_progress_rows(pub, limits.progress_rows),
        veto_text=tr(PRIORITY_TEXT, "veto", pub.lang),
        status_text=lambda status: tr(STATUS_TEXT, status, pub.lang),
        levels_text=lambda levels: separator.join(tr(LEVEL_TEXT, level, pub.lang) for level in levels),
    )


def _community_name(item: Any, lang: str) -> str:
    return f"{item.name}（{item.district}）" if lang != "en" else f"{item.name} ({item.district})"


def _progress_rows(pub: Publication, limit: int) -> list[Change]:
    """The communities whose score moved most (then in district order), as many as a printed report holds."""
    if pub.progress is None:
        return []
    changes = list(pub.progress.changes)
    if len(changes) <= limit:
        return changes
    ranked = sorted(range(len(changes)), key=lambda i: (-abs(changes[i].score_change or 0.0), i))[:limit]
    return [changes[i] for i in sorted(ranked)]


def write_report_pdf(report: str, handle: BinaryIO) -> None:
    """report.pdf from its HTML (:func:`report_html`). Laying it out takes ~150 MiB whatever the size of the round:
    publishing lays it out when it holds nothing per community (``checker.publish.run._set_aside``), so the peak does
    not grow with the round."""
    from reports.pdf import html_to_pdf  # WeasyPrint takes half a second to import: only when a PDF is asked for

    handle.write(html_to_pdf(report))
