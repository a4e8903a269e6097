"""survey — a resident-survey score (满意度、安全感、知晓率) in %, judged against a minimum, with stepped bands.

Real sheets step the credit below the minimum instead of scaling it: 安全感 ≥ 80 % earns the item, 60–80 % loses
4 of its 10 points, below 60 % loses 8. ``bands`` lists those steps, highest first (``min`` in %, ``credit`` as a
share of the points); without bands, credit below the minimum is score / minimum (``partial: proportional``, the
default) or nothing (``partial: none``). The fact is the score, 0 to 100.

>>> from checker.rules.base import RuleContext
>>> ctx = RuleContext(lang="zh")
>>> params = {"min": 80, "bands": [{"min": 60, "credit": 0.6}, {"min": 0, "credit": 0.2}]}
>>> check(params, read_fact(params, 86.5, {}), ctx).status
'met'
>>> v = check(params, read_fact(params, 72, {}), ctx)
>>> v.status, v.credit, v.shortfall
('partial', 0.6, '差 8 个百分点')
>>> check({"min": 90, "partial": "none"}, 85, ctx).status
'not_met'
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from checker.messages import Found
from checker.model import Catalogue
from checker.rules.base import FactProblem, RuleContext, Verdict, number_text, status_of

ID = "survey"
SUMMARY = "满不满意：居民问卷得分（满意度、安全感等，0–100%）与最低值比较，可分档给分"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["min"],
    "properties": {
        "min": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
        "label": {"type": "string", "minLength": 1},
        "label_en": {"type": "string", "minLength": 1},
        "partial": {"enum": ["proportional", "none"]},
        "bands": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["min", "credit"],
                "properties": {
                    "min": {"type": "number", "minimum": 0, "maximum": 100},
                    "credit": {"type": "number", "minimum": 0, "maximum": 1},
                },
            },
        },
    },
}


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    """Bands must lie below the minimum and go down: ('band', min) for each that does not."""
    previous = params["min"]
    for band in params.get("bands", ()):
        if band["min"] >= previous:
            yield ("band", number_text(band["min"]))
        previous = band["min"]


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise FactProblem("sa.number", unit="%", found=value if isinstance(value, str | int | float) else Found(value))
    if not 0 <= value <= 100:
        raise FactProblem("sa.percent", found=value)
    return float(value)


def _label(params: Mapping[str, Any], ctx: RuleContext) -> str:
    return ctx.t(params.get("label", "满意度"), params.get("label_en", "satisfaction"))


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    return f"{_label(params, ctx)} ≥ {number_text(params['min'])}%"


def _credit(params: Mapping[str, Any], score: float) -> float:
    bands = params.get("bands")
    if bands:
        return next((float(b["credit"]) for b in bands if score >= b["min"]), 0.0)
    if params.get("partial", "proportional") == "proportional":
        return round(score / params["min"], 4)
    return 0.0


def check(params: Mapping[str, Any], fact: float, ctx: RuleContext) -> Verdict:
    reported = f"{_label(params, ctx)} {number_text(fact)}%"
    required = required_text(params, ctx)
    if fact >= params["min"]:
        return Verdict("met", 1.0, reported, required, unit="%")
    gap = round(params["min"] - fact, 2)
    credit = _credit(params, fact)
    shortfall = ctx.t(f"差 {number_text(gap)} 个百分点", f"{number_text(gap)} percentage points short")
    return Verdict(status_of(credit), credit, reported, required, shortfall, gap, "%")
