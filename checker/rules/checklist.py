"""checklist — which entries of a catalogue are covered, with a minimum count.

The fact lists catalogue IDs: ``{handled: [...], online: [...]}`` (online ones must also be handled).
``measure: handled`` counts handled entries (by default all are required); ``measure: online`` counts the
entries the catalogue designates ``online: true`` that are handled online (all of them by default; any entry
when the catalogue designates none), so 19 other matters online do not stand in for the designated 19.
Credit is count / minimum, and the gap names every missing entry, so a clerk sees exactly which matters to take
on and from whom.

>>> from checker.model import Catalogue, Entry
>>> from checker.rules.base import RuleContext
>>> entries = (Entry("M1", "低保申请", dept_current="民政", online=True),
...            Entry("M2", "残疾人证新办", dept_current="残联"))
>>> cat = {"matters": Catalogue("matters", "事项", "matters", (), entries, index={e.id: e for e in entries})}
>>> ctx = RuleContext(lang="zh", catalogues=cat)
>>> fact = read_fact({"catalogue": "matters"}, {"handled": ["M1"], "online": []}, cat)
>>> v = check({"catalogue": "matters"}, fact, ctx)
>>> v.status, v.credit, v.shortfall, [e.name for e in v.missing]
('partial', 0.5, '缺 1 项', ['残疾人证新办'])
>>> check({"catalogue": "matters", "measure": "online", "min": 1}, {"handled": ["M1"], "online": ["M1"]}, ctx).status
'met'
>>> check({"catalogue": "matters", "measure": "online", "min": 1}, {"handled": ["M2"], "online": ["M2"]}, ctx).status
'not_met'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from difflib import get_close_matches
from typing import Any

from checker.messages import Found, suggest
from checker.model import Catalogue, Entry
from checker.reading import plain, split_list
from checker.rules.base import FactProblem, RuleContext, Verdict, status_of

ID = "checklist"
SUMMARY = "齐不齐：目录中的条目（如政务服务事项）覆盖多少，含最低数量（如网上可办不少于 19 项）"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["catalogue"],
    "properties": {
        "catalogue": {"type": "string", "minLength": 1},
        "measure": {"enum": ["handled", "online"]},
        "min": {"type": "integer", "minimum": 1},
        "partial": {"enum": ["proportional", "none"]},
    },
}


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    if params["catalogue"] not in catalogues:
        yield ("catalogue", params["catalogue"])


def _names(catalogue: Catalogue) -> dict[str, str]:
    """Entry name (without spaces) -> ID, for the names no other entry shares; computed once per catalogue (every
    checklist fact of every assessment asks for it)."""
    cached: dict[str, str] | None = catalogue.memo.get("names")
    if cached is None:
        cached = catalogue.memo["names"] = _entry_names(catalogue)
    return cached


def _entry_names(catalogue: Catalogue) -> dict[str, str]:
    names: dict[str, str] = {}
    shared: set[str] = set()
    for entry in catalogue.entries:
        key = "".join(plain(entry.name).split())
        if key in names:
            shared.add(key)
        names[key] = entry.id
    return {k: v for k, v in names.items() if k not in shared}


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> dict[str, list[str]]:
    if not isinstance(value, dict) or not set(value) <= {"handled", "online"}:
        raise FactProblem("sa.checklist", found=Found(value))
    catalogue = catalogues[params["catalogue"]]
    fact: dict[str, list[str]] = {}
    names = _names(catalogue)
    for field in ("handled", "online"):
        items = value.get(field) or []
        if isinstance(items, str):  # one text listing the entries (M01、M02), as in a workbook cell
            items = split_list(items, [e.name for e in catalogue.entries])
        if not isinstance(items, list):
            raise FactProblem("sa.list", (field,), found=Found(items))
        seen: list[str] = []
        seen_ids: set[str] = set()
        for index, item in enumerate(items):
            entry_id = plain(str(item)) if isinstance(item, str | int) else None
            if entry_id is None:
                raise FactProblem("sa.text", (field, index), found=Found(item))
            entry_id = names.get("".join(entry_id.split()), entry_id)  # by its name, as the workbook allows
            if catalogue.entry(entry_id) is None:
                close = get_close_matches(entry_id, list(catalogue.index), n=1)
                raise FactProblem(
                    "sa.unknown_entry",
                    (field, index),
                    catalogue=catalogue.title,
                    entry=entry_id,
                    **suggest(close),
                )
            if entry_id in seen_ids:
                raise FactProblem("sa.duplicate_entry", (field, index), entry=entry_id)
            seen.append(entry_id)
            seen_ids.add(entry_id)
        fact[field] = seen
    handled = set(fact["handled"])
    for index, entry_id in enumerate(fact["online"]):
        if entry_id not in handled:
            raise FactProblem("sa.online_not_handled", ("online", index), entry=entry_id)
    return fact


def _scope(params: Mapping[str, Any], catalogue: Catalogue) -> tuple[str, list[Entry], int]:
    """What is counted (handled or online), over which entries, and the minimum count."""
    measure = params.get("measure", "handled")
    pool = list(catalogue.entries)
    if measure == "online":
        pool = [e for e in catalogue.entries if e.online] or pool
    return measure, pool, int(params.get("min") or len(pool) or 1)


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    catalogue = ctx.catalogues[params["catalogue"]]
    measure, _, minimum = _scope(params, catalogue)
    if measure == "online":
        return ctx.t(f"指定事项网上可办 ≥ {minimum} 项", f"≥ {minimum} of the designated matters online")
    return ctx.t(f"≥ {minimum} 项（{catalogue.title}）", f"≥ {minimum} of {catalogue.title_en or catalogue.id}")


def check(params: Mapping[str, Any], fact: Mapping[str, list[str]], ctx: RuleContext) -> Verdict:
    catalogue = ctx.catalogues[params["catalogue"]]
    measure, pool, minimum = _scope(params, catalogue)
    covered = set(fact.get(measure, ())) & {e.id for e in pool}
    count = len(covered)
    reported = ctx.t(f"{count} 项", f"{count}")
    required = required_text(params, ctx)
    if count >= minimum:
        return Verdict("met", 1.0, reported, required, unit=ctx.t("项", "items"))
    proportional = params.get("partial", "proportional") == "proportional"
    credit = round(count / minimum, 4) if proportional else 0.0
    missing = tuple(e for e in pool if e.id not in covered)
    short = minimum - count
    return Verdict(
        status_of(credit),
        credit,
        reported,
        required,
        ctx.t(f"缺 {short} 项", f"{short} missing"),
        float(short),
        ctx.t("项", "items"),
        missing,
    )
