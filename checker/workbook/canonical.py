"""One canonical form of a validated self-assessment, whatever file it came from: what ``convert`` writes.

Canonical means: facts in the standard's order, each value as its rule kind reads it (是/有 → true, numbers as
numbers, whole numbers without ".0", list items trimmed, checklist items in catalogue order), and nothing
empty (no blank notes, no empty evidence lists, no facts with nothing in them). Two files that give the
same canonical form give the same check result.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from checker.errors import Problem
from checker.model import Standard
from checker.reading import ITEM_SEPARATORS
from checker.rules import KINDS
from checker.workbook.cells import NONE_WORD
from checker.yamlio import Document

_TOP = ("standard", "standard_version", "period", "filled_by", "filled_on", "illustrative")
_COMMUNITY: tuple[str, ...] = ("name", "city", "district", "street", "area_type", "estate_type")
_COMMUNITY += ("households", "population", "contact", "phone")
_FACT_KEYS = ("value", "not_applicable", "evidence", "note")
MAX_CELL = 32767
MAX_EXACT = 10**15


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip()) and value != []


def canonical(data: Mapping[str, Any], standard: Standard, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The canonical form of a self-assessment's data that validated clean against ``standard``; ``values``
    holds facts already read by their rule kinds (as validation leaves them), so they are not read again."""
    out = {key: data[key] for key in _TOP if _present(data.get(key))}
    community = data["community"]
    out["community"] = {key: community[key] for key in _COMMUNITY if _present(community.get(key))}
    facts: dict[str, Any] = {}
    for req in standard.fact_owners():
        raw = data["facts"].get(req.id)
        if not isinstance(raw, Mapping):
            continue
        fact = {key: raw[key] for key in _FACT_KEYS[1:] if _present(raw.get(key))}
        if raw.get("value") is not None:  # an empty list is an answer too: none at all
            fact = {"value": _value(standard, req.id, raw["value"], values or {}), **fact}
        if "evidence" in fact:
            fact["evidence"] = list(fact["evidence"])
        if fact:
            facts[req.id] = fact
    out["facts"] = facts
    return out


def _value(standard: Standard, req_id: str, value: Any, values: Mapping[str, Any]) -> Any:
    req = standard.index[req_id]
    read = KINDS[req.kind].read_fact
    fact = values[req_id] if req_id in values else read(req.params, value, standard.catalogues)
    if req.kind in ("threshold", "survey") and fact.is_integer() and abs(fact) < MAX_EXACT:
        return int(fact)
    if req.kind == "checklist":
        order = {e.id: n for n, e in enumerate(standard.catalogues[req.params["catalogue"]].entries)}
        return {field: sorted(fact[field], key=order.__getitem__) for field in ("handled", "online")}
    return fact


# ---------------------------------------------------------------- what a workbook cannot hold


def workbook_problems(doc: Document, data: Mapping[str, Any], standard: Standard) -> list[Problem]:
    """Why canonical ``data`` (from ``doc``) would not come back the same from a workbook; placed in ``doc``."""
    found = list(_string_problems(data, ()))
    for key in ("households", "population"):
        value = data["community"].get(key)
        if isinstance(value, int) and abs(value) >= MAX_EXACT:
            found.append((("community", key), "convert.big_int", {"value": value}))
    for req_id, fact in data["facts"].items():
        found += _fact_problems(standard, req_id, fact)
    return [doc.problem(code, path, args) for path, code, args in found]


_Found = tuple[tuple[str | int, ...], str, dict[str, object]]


def _string_problems(node: Any, path: tuple[str | int, ...]) -> Iterator[_Found]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _string_problems(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_problems(value, (*path, index))
    elif isinstance(node, str):
        if ILLEGAL_CHARACTERS_RE.search(node) or "\r" in node:
            yield path, "convert.cell_chars", {}
        elif len(node) > MAX_CELL:
            yield path, "convert.cell_long", {"limit": MAX_CELL}


def _fact_problems(standard: Standard, req_id: str, fact: Mapping[str, Any]) -> Iterator[_Found]:
    base = ("facts", req_id)
    for index, item in enumerate(fact.get("evidence", ())):
        if "\n" in item or not item.strip():
            yield (*base, "evidence", index), "convert.item_separator", {"item": item}
    req = standard.index[req_id]
    value = fact.get("value")
    if req.kind == "text" and isinstance(value, str) and not value.strip():
        yield (*base, "value"), "convert.blank_text", {}
    if req.kind == "allowed_set" and isinstance(value, list):
        allowed = {"".join(a.split()) for a in req.params["allowed"]}
        for index, item in enumerate(value):
            whole = "".join(item.split()) in allowed
            if "\n" in item or (ITEM_SEPARATORS.search(item) and not whole):
                yield (*base, "value", index), "convert.item_separator", {"item": item}
            elif item.strip() in (NONE_WORD, f"（{NONE_WORD}）") and len(value) == 1:
                yield (*base, "value", index), "convert.item_none", {"item": item}
