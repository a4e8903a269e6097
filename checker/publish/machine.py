"""The publication as data: summary.json (documented in docs/publish.md) and summary.csv (one row per community,
UTF-8 with a BOM so that Excel shows the Chinese)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, BinaryIO

from checker.errors import Problem
from checker.publish.aggregate import CommunityRef, CommunityRow, Publication
from checker.publish.labels import Labels
from checker.publish.pages import FOLDER
from checker.publish.progress import Change, Progress, Standing
from checker.publish.record import Rejection
from checker.spreadsheets import csv_row

SCHEMA_VERSION = 1


def page_of(slug: str, with_pages: bool) -> str | None:
    return f"{FOLDER}/{slug}.html" if with_pages else None


def _community(row: CommunityRow, with_pages: bool, lang: str) -> dict[str, Any]:
    r = row.record
    audit = r.audit
    return {
        "slug": r.slug,
        "district": r.district,
        "street": r.street,
        "name": r.name,
        "area_type": r.area_type,
        "period": r.period,
        "file": r.file,
        "sha256": r.sha256,
        "score": r.score,
        "grade": {"id": r.grade_id, "title": row.grade} if r.grade_id else None,
        "compliant": r.compliant,
        "gap_count": len(row.gaps),
        "gaps": list(row.gaps),
        "score_claimed": audit.claimed_score if audit else r.score,
        "gaps_claimed": list(row.claimed_gaps),
        "audited": audit is not None,
        "audit": None
        if audit is None
        else {
            "file": audit.file,
            "claimed_score": audit.claimed_score,
            "credibility": audit.credibility,
            "discrepancies": audit.discrepancies,
        },
        "on_roster": row.on_roster,
        "page": page_of(r.slug, with_pages),
        "notices": [{"code": n.code, "message": n.format(lang)} for n in r.notices],
    }


def _problem(problem: Problem, lang: str) -> dict[str, Any]:
    return {
        "code": problem.code,
        "line": problem.line,
        "col": problem.col,
        "cell": problem.cell or None,
        "path": problem.path or None,
        "message": problem.format(lang),
    }


def _rejection(rejection: Rejection, lang: str) -> dict[str, Any]:
    errors = [_problem(p, lang) for p in rejection.problems]
    return {
        "file": rejection.file,
        "kind": rejection.kind,
        "error": errors[0]["message"] if errors else "",
        "errors": errors,
        "kept": rejection.kept or None,
    }


def _slugs(refs: tuple[CommunityRef, ...]) -> list[str]:
    return [ref.slug for ref in refs]


def _place(item: Standing | Change) -> dict[str, Any]:
    return {"district": item.district, "street": item.street, "name": item.name}


def _progress(progress: Progress) -> dict[str, Any]:
    return {
        "previous": progress.source,
        "totals": {
            "compared": len(progress.changes),
            "compared_verified": progress.on_basis("verified"),
            "compared_claimed": progress.on_basis("claimed"),
            "compared_mixed": progress.on_basis("mixed"),
            "newly_met": progress.total("newly_met"),
            "newly_missing": progress.total("newly_missing"),
            "still_missing": progress.total("still_missing"),
            "new_communities": len(progress.new),
            "gone_communities": len(progress.gone),
        },
        "communities": [
            {
                **_place(c),
                "basis": c.basis,
                "score_before": c.score_before,
                "score_now": c.score_now,
                "score_change": c.score_change,
                "newly_met": list(c.newly_met),
                "newly_missing": list(c.newly_missing),
                "still_missing": list(c.still_missing),
            }
            for c in progress.changes
        ],
        "new_communities": [{**_place(s), "score": s.score} for s in progress.new],
        "gone_communities": [{**_place(s), "score": s.score} for s in progress.gone],
        "requirements": [
            {"id": r.id, "newly_met": r.newly_met, "newly_missing": r.newly_missing, "still_missing": r.still_missing}
            for r in progress.requirements
        ],
    }


def summary(pub: Publication, with_pages: bool, communities: bool = True) -> dict[str, Any]:
    """summary.json as one value (``communities=False``: with an empty list in their place, for streaming)."""
    s, lang = pub.standard, pub.lang
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": pub.generated_at.isoformat(),
        "timezone": getattr(pub.generated_at.tzinfo, "key", None),
        "issuer": pub.issuer or None,
        "title": pub.round_title or None,
        "lang": lang,
        "standard": {"id": s.id, "title": pub.standard_title, "version": s.version, "content_hash": s.content_hash},
        "standards_found": [{"id": standard_id, "files": n} for standard_id, n in pub.standards_found],
        "periods": list(pub.periods),
        "roster": pub.roster_file or None,
        "denominators": vars(pub.denominators).copy(),
        "distribution": {
            "bins": [{"low": b.low, "high": b.high, "count": b.count} for b in pub.distribution.bins],
            "no_score": pub.distribution.no_score,
            "mean": pub.distribution.mean,
            "median": pub.distribution.median,
        },
        "districts": [
            {
                "district": d.district,
                "communities": d.communities,
                "mean_score": d.mean_score,
                "grades": dict(d.grades),
                "compliant": d.compliant,
                "audited": d.audited,
                "expected": d.expected,
                "missing": d.missing,
            }
            for d in pub.districts
        ],
        "communities": [_community(row, with_pages, lang) for row in pub.communities] if communities else [],
        "requirements": [
            {
                "id": r.id,
                "title": r.title,
                "category": r.requirement.category_id,
                "department": r.department,
                "body": r.requirement.responsible.body or None,
                "level": r.requirement.responsible.level,
                "veto": r.requirement.veto,
                "points": r.requirement.points,
                "applicable": r.applicable,
                "missing_count": r.missing_count,
                "missing_share": r.missing_share,
                "counts": dict(r.counts),
            }
            for r in pub.requirements
        ],
        "departments": [
            {
                "department": d.department,
                "body": d.body or None,
                "levels": list(d.levels),
                "gap_count": d.size,
                "requirements": [
                    {
                        "id": w.requirement_id,
                        "title": w.title,
                        "role": w.role or None,
                        "count": len(w.communities),
                        "communities": _slugs(w.communities),
                    }
                    for w in d.requirements
                ],
                "entries": [
                    {
                        "requirement": e.requirement_id,
                        "id": e.entry_id,
                        "name": e.name,
                        "count": len(e.communities),
                        "communities": _slugs(e.communities),
                    }
                    for e in d.entries
                ],
            }
            for d in pub.departments
        ],
        "missing": [{"district": e.district, "street": e.street, "name": e.name} for e in pub.missing],
        "rejected": [_rejection(r, lang) for r in pub.rejected],
        "progress": _progress(pub.progress) if pub.progress else None,
    }


def summary_json(pub: Publication, with_pages: bool) -> str:
    out = io.BytesIO()
    write_summary_json(pub, with_pages, out)
    return out.getvalue().decode("utf-8")


def write_summary_json(pub: Publication, with_pages: bool, handle: BinaryIO) -> None:
    """Write summary.json community by community: the same bytes as ``json.dumps(summary(...), indent=1)``
    without ever holding the whole document (at 50,000 communities the dict, its text and its bytes took
    ~4x the file's size, 948 MiB). Strict JSON: a NaN or an infinity is an error, never written."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)

    head, marker, tail = dumps(summary(pub, with_pages, communities=False)).partition('"communities": []')
    assert marker, "summary() has a communities key"
    handle.write((head + '"communities": [').encode("utf-8"))
    for i, row in enumerate(pub.communities):
        item = dumps(_community(row, with_pages, pub.lang)).replace("\n", "\n  ")
        handle.write(((",\n  " if i else "\n  ") + item).encode("utf-8"))
    handle.write(((("\n ]") if pub.communities else "]") + tail + "\n").encode("utf-8"))


CSV_COLUMNS = (
    "csv.district",
    "csv.street",
    "csv.name",
    "csv.score",
    "csv.grade",
    "csv.gap_count",
    "csv.gaps",
    "csv.compliant",
    "csv.audited",
    "csv.on_roster",
    "csv.file",
    "csv.sha256",
    "csv.page",
)


def summary_csv(pub: Publication, with_pages: bool) -> bytes:
    out = io.BytesIO()
    write_summary_csv(pub, with_pages, out)
    return out.getvalue()


def write_summary_csv(pub: Publication, with_pages: bool, handle: BinaryIO) -> None:
    """One row per community, written as it goes; UTF-8 with BOM and CRLF line ends, as Excel expects."""
    t = Labels(pub.lang)
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
    text.write("\ufeff")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(csv_row(t(c) for c in CSV_COLUMNS))
    yes, no = t("csv.yes"), t("csv.no")
    for row in pub.communities:
        r = row.record
        writer.writerow(
            csv_row(
                [
                    r.district,
                    r.street,
                    r.name,
                    "" if r.score is None else f"{r.score:.1f}",
                    row.grade,
                    len(row.gaps),
                    " ".join(row.gaps),
                    yes if r.compliant else no,
                    yes if r.audit else no,
                    "" if row.on_roster is None else (yes if row.on_roster else no),
                    r.file,
                    r.sha256,
                    page_of(r.slug, with_pages) or "",
                ]
            )
        )
    text.flush()
    text.detach()  # the caller owns the handle
