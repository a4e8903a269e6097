"""presence — a facility, sign or arrangement exists.

The fact is yes or no (``true``/``false``, or 是/否、有/无). There is no partial credit: a health station
is there or it is not. With ``served_within: 300`` (metres) a facility outside the community also counts when it
is close enough: the fact may then say which one serves the community and how far away it is, as
``{served_by: 名称, distance: 280}`` or, in a form's cell, ``名称，280米``. A kindergarten 280 m away meets a
300 m service radius; one 450 m away does not.

>>> from checker.rules.base import RuleContext
>>> ctx = RuleContext(lang="zh")
>>> check({}, read_fact({}, "是", {}), ctx).status
'met'
>>> v = check({}, read_fact({}, False, {}), ctx)
>>> v.status, v.reported, v.shortfall
('not_met', '无', '缺少')
>>> radius = {"served_within": 300}
>>> check(radius, read_fact(radius, "彭城幼儿园，280米", {}), ctx).reported
'由彭城幼儿园服务（280 米）'
>>> v = check(radius, read_fact(radius, {"served_by": "云龙幼儿园", "distance": 450}, {}), ctx)
>>> v.status, v.shortfall
('not_met', '超出服务半径 150 米')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Catalogue
from checker.rules.base import FactProblem, RuleContext, Verdict, entry_reference_problems, number_text, read_bool

ID = "presence"
SUMMARY = "有没有：设施、标识或制度是否具备（可按服务半径由附近设施满足）"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "entry": {"type": "string", "pattern": "^[^/]+/[^/]+$"},
        "served_within": {"type": "number", "exclusiveMinimum": 0},
    },
}
_SERVED_TEXT = re.compile(r"^(?P<name>.+?)[，,、\s]+(?:距离|约)?\s*(?P<distance>[0-9]+(?:\.[0-9]+)?)\s*(?:米|m)$")


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    yield from entry_reference_problems(params.get("entry"), catalogues)


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> bool | dict[str, Any]:
    """True/false, or (where the requirement has a service radius) the facility that serves the community."""
    if "served_within" not in params or isinstance(value, bool):
        return read_bool(value)
    if isinstance(value, str):
        try:
            return read_bool(value)
        except FactProblem:
            match = _SERVED_TEXT.match(value.strip())
            if match is None:
                raise FactProblem("sa.served", found=value) from None
            value = {"served_by": match["name"].strip(), "distance": float(match["distance"])}
    if not isinstance(value, dict) or set(value) != {"served_by", "distance"}:
        raise FactProblem("sa.served", found=str(value))
    name, distance = value["served_by"], value["distance"]
    if not isinstance(name, str) or not name.strip():
        raise FactProblem("sa.served", ("served_by",), found=str(name))
    if isinstance(distance, bool) or not isinstance(distance, int | float) or not math.isfinite(distance):
        raise FactProblem("sa.number", ("distance",), unit="米", found=str(distance))
    if distance < 0:
        raise FactProblem("sa.negative", ("distance",), found=distance)
    return {"served_by": name.strip(), "distance": float(distance)}


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    radius = params.get("served_within")
    if radius is None:
        return ctx.t("有", "present")
    metres = number_text(radius)
    return ctx.t(f"有（或 {metres} 米内有）", f"present (or one within {metres} m)")


def check(params: Mapping[str, Any], fact: bool | dict[str, Any], ctx: RuleContext) -> Verdict:
    required = required_text(params, ctx)
    if isinstance(fact, dict):
        name, distance = fact["served_by"], fact["distance"]
        reported = ctx.t(f"由{name}服务（{number_text(distance)} 米）", f"served by {name} ({number_text(distance)} m)")
        over = distance - params["served_within"]
        if over <= 0:
            return Verdict("met", 1.0, reported, required)
        shortfall = ctx.t(f"超出服务半径 {number_text(over)} 米", f"{number_text(over)} m beyond the service radius")
        return Verdict("not_met", 0.0, reported, required, shortfall, round(over, 2), ctx.t("米", "m"))
    if fact:
        return Verdict("met", 1.0, ctx.t("有", "present"), required)
    return Verdict("not_met", 0.0, ctx.t("无", "absent"), required, shortfall=ctx.t("缺少", "missing"))
