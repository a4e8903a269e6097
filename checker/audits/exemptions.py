"""Exemptions (豁免) granted by the bureau: which requirement a named community need not meet, why, and until when.

A malformed file, an unknown requirement ID or a file for another standard is bad input (exit 2, with
``file:line:col``). A well-formed exemption is applied only to its own community and only between
``granted_on`` and ``expires_on`` (both inclusive); outside that window it is *not* applied, the requirement
is judged like any other, and a warning names the exemption, so nothing lapses or applies silently.
Applied exemptions show as status ``exempt`` in every summary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from checker import assessment
from checker.dates import parse_date
from checker.errors import InputError, Problem, first_seen, unique_sorted
from checker.messages import suggest
from checker.model import Profile, Standard
from checker.standard import closest
from checker.validation import SchemaCheck, load_schema
from checker.yamlio import Document


@cache
def _schema() -> SchemaCheck:
    return SchemaCheck(load_schema("exemptions.schema.json"))


@dataclass(frozen=True)
class Exemption:
    requirement_id: str
    community: str
    justification: str
    approved_by: str
    granted_on: date
    expires_on: date
    district: str = ""
    reference: str = ""
    file: str = ""
    line: int = 0
    col: int = 0

    def reason(self, lang: str = "zh") -> str:
        """The justification with who approved it and until when, as shown beside an exempt requirement."""
        ref = f"，{self.reference}" if self.reference else ""
        if lang == "en":
            ref = f", {self.reference}" if self.reference else ""
            return f"{self.justification} (approved by {self.approved_by}{ref}; valid until {self.expires_on})"
        return f"{self.justification}（{self.approved_by}批准{ref}，有效期至 {self.expires_on}）"

    def for_community(self, profile: Profile) -> bool:
        if _norm(self.community) != _norm(profile.name):
            return False
        return not self.district or _norm(self.district) == _norm(profile.district)

    def to_dict(self) -> dict[str, Any]:
        return {
            "requirement": self.requirement_id,
            "community": self.community,
            "justification": self.justification,
            "approved_by": self.approved_by,
            "reference": self.reference or None,
            "granted_on": self.granted_on.isoformat(),
            "expires_on": self.expires_on.isoformat(),
        }


@dataclass(frozen=True)
class Decision:
    """Which of a file's exemptions hold for one community on one day, and which lapsed (with a warning)."""

    on: date
    applied: tuple[Exemption, ...] = ()
    expired: tuple[Exemption, ...] = ()
    not_yet_valid: tuple[Exemption, ...] = ()
    notices: tuple[Problem, ...] = ()

    def reasons(self, lang: str = "zh") -> dict[str, str]:
        """Requirement ID -> reason, the shape ``checker.engine.evaluate(exemptions=...)`` takes."""
        return {e.requirement_id: e.reason(lang) for e in self.applied}

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluated_on": self.on.isoformat(),
            "applied": [e.to_dict() for e in self.applied],
            "expired": [e.to_dict() for e in self.expired],
            "not_yet_valid": [e.to_dict() for e in self.not_yet_valid],
        }


def _norm(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------- reading and validating


def problems(doc: Document, standard: Standard) -> list[Problem]:
    """Every problem of an exemptions file: its shape first, then (if that holds) what it refers to."""
    found = _schema().problems(doc)
    if found:
        return found
    data = doc.data
    if data["standard"] != standard.id:
        return [
            doc.problem("exemption.wrong_standard", ("standard",), {"found": data["standard"], "expected": standard.id})
        ]
    seen: dict[tuple[str, str, str], int] = {}
    for index, item in enumerate(data["exemptions"]):
        found += _item_problems(doc, standard, index, item, seen)
    return unique_sorted(found)


def _item_problems(
    doc: Document, standard: Standard, index: int, item: Mapping[str, Any], seen: dict[tuple[str, str, str], int]
) -> list[Problem]:
    path: tuple[str | int, ...] = ("exemptions", index)
    out = []
    req_id = item["requirement"]
    if standard.requirement(req_id) is None:
        args: dict[str, object] = {"id": req_id, **closest(doc, standard, req_id)}
        out.append(doc.problem("exemption.unknown_requirement", (*path, "requirement"), args))
    for key in ("justification", "approved_by", "community"):
        if not item[key].strip():
            out.append(doc.problem("exemption.blank", (*path, key)))
    out += _date_problems(doc, path, item)
    key3 = (req_id, _norm(item["community"]), _norm(item.get("district") or ""))
    line, _ = doc.locate(path)
    first = first_seen(seen, key3, line)
    if first is not None:
        out.append(doc.problem("exemption.duplicate", path, {"id": req_id, "first": first}))
    return out


def _date_problems(doc: Document, path: tuple[str | int, ...], item: Mapping[str, Any]) -> Iterator[Problem]:
    dates = {key: parse_date(item[key]) for key in ("granted_on", "expires_on")}
    for key, value in dates.items():
        if value is None:
            yield doc.problem("input.date", (*path, key), {"found": item[key]})
    granted, expires = dates["granted_on"], dates["expires_on"]
    if granted and expires and expires < granted:
        yield doc.problem("exemption.order", (*path, "expires_on"), {"granted": granted, "expires": expires})


def _build(doc: Document) -> tuple[Exemption, ...]:
    out = []
    for index, item in enumerate(doc.data["exemptions"]):
        line, col = doc.locate(("exemptions", index))
        out.append(
            Exemption(
                requirement_id=item["requirement"],
                community=item["community"].strip(),
                justification=item["justification"].strip(),
                approved_by=item["approved_by"].strip(),
                granted_on=parse_date(item["granted_on"]) or date.min,
                expires_on=parse_date(item["expires_on"]) or date.min,
                district=(item.get("district") or "").strip(),
                reference=(item.get("reference") or "").strip(),
                file=doc.name,
                line=line,
                col=col,
            )
        )
    return tuple(out)


def load(path: Path | str, standard: Standard) -> tuple[tuple[Exemption, ...], tuple[Problem, ...]]:
    """The exemptions in a file that validated clean, and the file's reading notices (GBK, ...)."""
    doc, _ = assessment.read_document(Path(path))  # same formats and limits as a self-assessment
    found = problems(doc, standard)
    if found:
        raise InputError(found, doc.notices)
    return _build(doc), tuple(doc.notices)


# ---------------------------------------------------------------- deciding


def decide(exemptions: Sequence[Exemption], profile: Profile, on: date, file: str = "") -> Decision:
    """Split one community's exemptions into applied, expired and not yet valid on ``on``, with warnings."""
    mine = [e for e in exemptions if e.for_community(profile)]
    applied = tuple(e for e in mine if e.granted_on <= on <= e.expires_on)
    expired = tuple(e for e in mine if on > e.expires_on)
    early = tuple(e for e in mine if on < e.granted_on)
    notices = [_notice(e, "exemption.expired", on) for e in expired]
    notices += [_notice(e, "exemption.not_yet_valid", on) for e in early]
    if exemptions and not mine:
        names = sorted({e.community for e in exemptions})
        close = get_close_matches(profile.name, names, n=1, cutoff=0.5)
        notices.append(Problem(file, 1, 1, "exemption.no_match", {"community": profile.name, **suggest(close)}))
    return Decision(on, applied, expired, early, tuple(notices))


def _notice(e: Exemption, code: str, on: date) -> Problem:
    args: dict[str, object] = {"id": e.requirement_id, "granted": e.granted_on, "expires": e.expires_on, "on": on}
    return Problem(e.file, e.line, e.col, code, args)
