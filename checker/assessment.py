"""Self-assessments: read (YAML or JSON), check against the generic schema and the standard's rule kinds,
and turn into an :class:`Assessment` of normalised facts."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from checker.dates import parse_date
from checker.errors import InputError, Problem, unique_sorted
from checker.messages import VALUE_LABELS
from checker.model import Assessment, Fact, Profile, Standard
from checker.reading import as_number, choice_code
from checker.rules import KINDS
from checker.rules.base import FactProblem, number_text
from checker.standard import closest
from checker.validation import SchemaCheck, load_schema, placeholder_problems
from checker.yamlio import MAX_BYTES, Document, load_with_digest, parse_bytes

SUFFIXES = (".yaml", ".yml", ".json")


@cache
def _schema() -> SchemaCheck:
    return SchemaCheck(load_schema("assessment.schema.json"))


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Document, str]:
    """The parsed file and the SHA-256 of its bytes."""
    if path.suffix.lower() not in SUFFIXES:
        raise InputError([Problem(str(path), 1, 1, "file.format", {"suffix": path.suffix or "-"})])
    return load_with_digest(path, max_bytes)


def read_stored(name: str, raw: bytes, max_bytes: int = MAX_BYTES) -> tuple[Document, str]:
    """A self-assessment kept as bytes under a file name (a submitted version in the web app's database), read
    exactly as :func:`read_document` reads a file of that name holding those bytes."""
    if Path(name).suffix.lower() not in SUFFIXES:
        raise InputError([Problem(name, 1, 1, "file.format", {"suffix": Path(name).suffix or "-"})])
    if len(raw) > max_bytes:
        raise InputError([Problem(name, 1, 1, "file.too_large", {"size": len(raw), "limit": max_bytes})])
    return parse_bytes(raw, name)


def standard_of(doc: Document) -> str | None:
    """The standard a document answers, if it says so plainly (to pick the standard before validating)."""
    data = doc.data
    return data.get("standard") if isinstance(data, dict) and isinstance(data.get("standard"), str) else None


def shape_problems(doc: Document) -> list[Problem]:
    """Problems with the document's shape (the generic schema), before any standard is involved. A file with
    nothing in it (blank, or comments only) is said to be empty, not "a mapping expected, null found"."""
    if doc.data is None:
        return [Problem(doc.name, 1, 1, "file.empty")]
    return _schema().problems(doc)


def validate(doc: Document, standard: Standard, values: dict[str, Any] | None = None) -> list[Problem]:
    """Every problem of a self-assessment document against a standard. Facts that pass their rule kind are
    stored, normalised, in ``values`` (so building does not read them twice)."""
    meant = as_meant(doc)
    # and what reading refused (a workbook's dropdown cells), which the schema would call missing once more
    refused = {p.cell for p in doc.problems if p.cell}
    problems = [p for p in shape_problems(doc) if not p.cell or p.cell not in refused] + doc.problems
    problems += meant + placeholder_problems(doc)  # a blank form is not a community: its prompts are not answers
    data = doc.data
    if isinstance(data, dict) and isinstance(data.get("facts"), dict) and isinstance(data.get("standard"), str):
        # the facts that are well-formed are still checked, so one round shows every problem
        problems += _semantic_problems(doc, standard, {} if values is None else values)
    return unique_sorted(problems)


_CHOICES = {
    key: tuple((VALUE_LABELS[c][0], c) for c in codes)
    for key, codes in (
        ("area_type", ("urban", "rural")),
        ("estate_type", ("old", "new", "mixed")),
    )
}


def as_meant(doc: Document) -> list[Problem]:
    """Read the profile as a person means it, the same from YAML and the workbook (in place): dates as written in
    Chinese (2024年5月1日 → 2024-05-01), counts with full-width digits, a phone number typed as a number kept as
    text, 城市社区 for urban. A date that is no date is refused at its place."""
    data = doc.data
    if not isinstance(data, dict):
        return []
    problems = []
    filled_on = data.get("filled_on")
    if isinstance(filled_on, str) and filled_on.strip():
        day = parse_date(filled_on)
        if day is None:
            problems.append(doc.problem("input.date", ("filled_on",), {"found": filled_on}))
        else:
            data["filled_on"] = day.isoformat()
    community = data.get("community")
    if isinstance(community, dict):
        for key in ("households", "population"):
            if isinstance(community.get(key), str):
                number = as_number(community[key])
                community[key] = number if isinstance(number, int) else community[key]
        phone = community.get("phone")
        if isinstance(phone, int | float) and not isinstance(phone, bool) and math.isfinite(phone):
            community["phone"] = number_text(phone)
        for key, options in _CHOICES.items():
            if isinstance(community.get(key), str):
                community[key] = choice_code(community[key], options) or community[key]
    return problems


def _semantic_problems(doc: Document, standard: Standard, values: dict[str, Any]) -> Iterator[Problem]:
    data = doc.data
    if data["standard"] != standard.id:
        yield doc.problem("sa.wrong_standard", ("standard",), {"found": data["standard"], "expected": standard.id})
        return
    if isinstance(data.get("standard_version"), str) and data["standard_version"] != standard.version:
        yield doc.problem(
            "sa.wrong_version",
            ("standard_version",),
            {"id": standard.id, "found": data["standard_version"], "expected": standard.version},
        )
    for req_id, fact in data["facts"].items():
        if isinstance(fact, dict):
            yield from _fact_problems(doc, standard, str(req_id), fact, values)


def _fact_problems(
    doc: Document, standard: Standard, req_id: str, fact: Mapping[str, Any], values: dict[str, Any]
) -> Iterator[Problem]:
    path: tuple[str | int, ...] = ("facts", req_id)
    req = standard.requirement(req_id)
    if req is None:
        yield doc.problem(
            "sa.unknown_requirement", ("facts",), {"id": req_id, **closest(doc, standard, req_id)}, key=req_id
        )
        return
    if req.fact_id != req.id:
        yield doc.problem("sa.fact_shared", ("facts",), {"owner": req.fact_id}, key=req_id)
        return
    value = fact.get("value")
    if fact.get("not_applicable") is not None:
        if not _na_allowed(standard, req_id):
            yield doc.problem("sa.na_not_allowed", (*path, "not_applicable"))
        if value is not None:
            yield doc.problem("sa.na_with_value", (*path, "not_applicable"))
        return
    if value is None:
        return
    try:
        values[req_id] = KINDS[req.kind].read_fact(req.params, value, standard.catalogues)
    except FactProblem as problem:
        yield doc.problem(problem.code, (*path, "value", *problem.path), dict(problem.args_))


def _na_allowed(standard: Standard, fact_id: str) -> bool:
    return any(r.allow_not_applicable for r in standard.requirements if r.fact_id == fact_id)


def unanswered(data: Any, standard: Standard) -> int:
    """How many of the form's questions that apply to the community are still unanswered: neither a value nor a
    not-applicable claim. Counted on the raw data, so an invalid file gets the count too."""
    from checker.engine import applies

    data = data if isinstance(data, dict) else {}
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
    profile = _loose_profile(data.get("community"))
    count = 0
    for req in standard.requirements:
        if req.fact_id != req.id:
            continue  # answered under the requirement that owns the fact
        sharers = [r for r in standard.requirements if r.fact_id == req.id]
        if not any(applies(profile, r) or (not profile.area_type and "area_type" in r.applies_if) for r in sharers):
            continue  # (a community of unknown type is asked every question)
        fact = facts.get(req.id)
        if not isinstance(fact, dict) or (fact.get("value") is None and not fact.get("not_applicable")):
            count += 1
    return count


def _loose_profile(community: Any) -> Profile:
    """The profile fields applicability needs, from a community block that may not be valid yet."""
    community = community if isinstance(community, dict) else {}

    def number(key: str) -> int | None:
        value = community.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def text(key: str) -> str:
        value = community.get(key)
        return value if isinstance(value, str) else ""

    return Profile(
        "", "", "", text("area_type"), number("households"), number("population"), estate_type=text("estate_type")
    )


def build(doc: Document, standard: Standard, sha256: str, values: Mapping[str, Any] | None = None) -> Assessment:
    """An Assessment from a document that validated clean (``values``: facts already normalised)."""
    values = values or {}
    data = doc.data
    community = data["community"]
    profile = Profile(
        name=community["name"],
        district=community["district"],
        street=community["street"],
        area_type=community["area_type"],
        households=community.get("households"),
        population=community.get("population"),
        estate_type=community.get("estate_type") or "",
        contact=community.get("contact") or "",
        phone=str(community.get("phone") or ""),
    )
    facts = {}
    for req_id, raw in data["facts"].items():
        req = standard.index[str(req_id)]
        value = raw.get("value")
        if str(req_id) in values:
            value = values[str(req_id)]
        elif value is not None:
            value = KINDS[req.kind].read_fact(req.params, value, standard.catalogues)
        facts[str(req_id)] = Fact(
            requirement_id=str(req_id),
            value=value,
            not_applicable=(raw.get("not_applicable") or "").strip() or None,
            evidence=tuple(raw.get("evidence") or ()),
            note=raw.get("note") or "",
        )
    return Assessment(
        standard_id=data["standard"],
        standard_version=str(data["standard_version"]),
        period=str(data["period"]),
        profile=profile,
        facts=facts,
        path=doc.name,
        sha256=sha256,
        filled_by=data.get("filled_by") or "",
        filled_on=data.get("filled_on") or "",
        illustrative=data.get("illustrative") or "",
    )


def from_document(doc: Document, standard: Standard, sha256: str) -> Assessment:
    values: dict[str, Any] = {}
    problems = validate(doc, standard, values)
    if problems:
        raise InputError(problems, doc.notices)
    return build(doc, standard, sha256, values)
