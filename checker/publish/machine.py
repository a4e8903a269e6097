"""The publication as data: summary.json (documented in docs/publish.md) and summary.csv (one row per community,
UTF-8 with a BOM so that Excel shows the Chinese)."""

from __future__ import annotations

import csv
import io
import json
import secrets
from collections.abc import Callable, Sequence
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


def _slugs(refs: tuple[CommunityRef, ...]) -> Streamed:
    return Streamed(refs, _slug)


def _slug(ref: CommunityRef) -> str:
    return ref.slug


def _place(item: Standing | Change) -> dict[str, Any]:
    return {"district": item.district, "street": item.street, "name": item.name}


def _change(c: Change) -> dict[str, Any]:
    return {
        **_place(c),
        "basis": c.basis,
        "score_before": c.score_before,
        "score_now": c.score_now,
        "score_change": c.score_change,
        "newly_met": list(c.newly_met),
        "newly_missing": list(c.newly_missing),
        "still_missing": list(c.still_missing),
    }


def _placed_score(s: Standing) -> dict[str, Any]:
    return {**_place(s), "score": s.score}


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
        "communities": Streamed(progress.changes, _change),
        "new_communities": Streamed(progress.new, _placed_score),
        "gone_communities": Streamed(progress.gone, _placed_score),
        "requirements": [
            {"id": r.id, "newly_met": r.newly_met, "newly_missing": r.newly_missing, "still_missing": r.still_missing}
            for r in progress.requirements
        ],
    }


def summary(pub: Publication, with_pages: bool) -> dict[str, Any]:
    """summary.json as one value, its long lists (one item per community, per file, per community lacking a
    requirement) as :class:`Streamed` lists: made item by item as :func:`write_json` writes them."""
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
        "communities": Streamed(pub.communities, lambda row: _community(row, with_pages, lang)),
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
        "missing": Streamed(pub.missing, _place),
        "rejected": Streamed(pub.rejected, lambda r: _rejection(r, lang)),
        "progress": _progress(pub.progress) if pub.progress else None,
    }


def summary_json(pub: Publication, with_pages: bool) -> str:
    out = io.BytesIO()
    write_summary_json(pub, with_pages, out)
    return out.getvalue().decode("utf-8")


def write_summary_json(pub: Publication, with_pages: bool, handle: BinaryIO) -> None:
    """Write summary.json item by item: the same bytes as ``json.dumps(..., indent=1)`` of the whole document
    without ever holding it, nor any of its long lists, in memory (at 50,000 communities the whole document took
    ~4x the file's size, 948 MiB; its work lists alone, one community name per gap, ~6 KiB per community). Strict
    JSON: a NaN or an infinity is an error, never written."""
    write_json(summary(pub, with_pages), handle)
    handle.write(b"\n")


CHUNK = 1 << 16  # characters gathered before they are encoded and written: few calls, little memory


class Streamed:
    """A list in a JSON document that :func:`write_json` writes item by item, each made by ``convert`` when its
    turn comes: neither the list nor its text is ever whole in memory."""

    def __init__(self, items: Sequence[Any], convert: Callable[[Any], Any] = lambda item: item) -> None:
        self.items = items
        self.convert = convert


def write_json(value: Any, handle: BinaryIO) -> None:
    """``value`` as UTF-8 JSON, byte for byte ``json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)``
    with each :class:`Streamed` list in it written as the list it stands for, item by item.

    >>> out = io.BytesIO()
    >>> write_json({"a": Streamed([1, 2], lambda n: {"n": n}), "b": Streamed(())}, out)
    >>> out.getvalue().decode() == json.dumps({"a": [{"n": 1}, {"n": 2}], "b": []}, indent=1)
    True
    """
    pending: list[str] = []
    size = 0

    def write(text: str) -> None:
        nonlocal pending, size
        pending.append(text)
        size += len(text)
        if size > CHUNK:
            handle.write("".join(pending).encode("utf-8"))
            pending, size = [], 0

    _stream(value, "", write)
    handle.write("".join(pending).encode("utf-8"))


# Where a Streamed list stands in the text while its document is encoded: JSON escapes the NUL, and the random
# part keeps any text a community could write from ever being taken for it.
_MARK = f"\0sqcheck-streamed-{secrets.token_hex(8)}-"
_MARK_JSON = json.dumps(_MARK)[:-1]  # the marker as it appears in the JSON text, without its closing quote
_SCALAR = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def _stream(value: Any, margin: str, write: Callable[[str], None]) -> None:
    """Write ``value`` with every line after the first indented by ``margin`` (its place in the document)."""
    lists: list[Streamed] = []

    def placeholder(item: Any) -> Any:
        if isinstance(item, Streamed):
            lists.append(item)
            return f"{_MARK}{len(lists) - 1}"
        return _SCALAR.default(item)  # the usual TypeError; not the encoder's own: no cycle holds the lists

    encoder = json.JSONEncoder(ensure_ascii=False, indent=1, allow_nan=False, default=placeholder)
    line = ""  # the current line so far, without the margin: where a Streamed list starts, its indentation
    try:
        for chunk in encoder.iterencode(value):
            while _MARK_JSON in chunk:
                before, _, rest = chunk.partition(_MARK_JSON)
                number, _, chunk = rest.partition('"')
                line = _put(before, line, margin, write)
                indent = margin + " " * (len(line) - len(line.lstrip(" ")))
                _stream_list(lists[int(number)], indent, write)
                line += "[]"  # whatever the list's own lines, what follows continues the line it started on
            line = _put(chunk, line, margin, write)
    finally:  # json's indenting encoder is closures that refer to each other: a cycle, freed only by the
        lists.clear()  # collector, that must not keep the lists (a publication's communities) alive till then


def _put(text: str, line: str, margin: str, write: Callable[[str], None]) -> str:
    """Write ``text`` with the margin after each newline; returns the line it leaves off in."""
    if "\n" not in text:
        write(text)
        return line + text
    write(text.replace("\n", "\n" + margin) if margin else text)
    return text[text.rindex("\n") + 1 :]


def _stream_list(streamed: Streamed, indent: str, write: Callable[[str], None]) -> None:
    """The list's items one by one, as json.dumps lays out a list whose line is indented by ``indent``."""
    inner = indent + " "
    first = True
    for item in streamed.items:
        write("[\n" + inner if first else ",\n" + inner)
        first = False
        value = streamed.convert(item)
        if isinstance(value, (dict, list, tuple, Streamed)):
            _stream(value, inner, write)
        else:  # a name, a number: one line, without an encoder of its own for each
            write(_SCALAR.encode(value))
    write("[]" if first else "\n" + indent + "]")


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
