"""threshold — a number with a unit against a minimum and/or a maximum.

Areas, staff, patrol hours, response hours, shares in %. With ``per: {field: households, size: 100}`` the
minimum scales with the community (30 m² per 100 households). Partial credit is proportional by default:
a 320 m² hall against 500 m² earns 64 %, none earns nothing.

>>> from checker.rules.base import RuleContext
>>> ctx = RuleContext(lang="zh")
>>> v = check({"unit": "m²", "min": 500}, read_fact({"unit": "m²", "min": 500}, 320, {}), ctx)
>>> v.status, v.credit, v.shortfall
('partial', 0.64, '差 180 m²')
>>> check({"unit": "小时", "max": 24}, 12, ctx).status
'met'
>>> v = check({"unit": "小时", "max": 24}, 48, ctx)
>>> v.status, v.credit, v.shortfall
('partial', 0.5, '超出 24 小时')
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from checker.messages import Found
from checker.model import Catalogue
from checker.reading import as_number
from checker.rules.base import FactProblem, RuleContext, Verdict, entry_reference_problems, number_text, status_of

ID = "threshold"
SUMMARY = "达不达标：数值（面积、人数、时长、比例）与下限/上限比较"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["unit"],
    "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
    "properties": {
        "unit": {"type": "string", "minLength": 1},
        "min": {"type": "number", "minimum": 0},
        "max": {"type": "number", "minimum": 0},
        "per": {
            "type": "object",
            "additionalProperties": False,
            "required": ["field", "size"],
            "properties": {
                "field": {"enum": ["households", "population"]},
                "size": {"type": "number", "minimum": 1},  # per 1 household at the finest: no overflow
            },
        },
        "integer": {"type": "boolean"},
        "partial": {"enum": ["proportional", "none"]},
        "entry": {"type": "string", "pattern": "^[^/]+/[^/]+$"},
    },
}


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    yield from entry_reference_problems(params.get("entry"), catalogues)


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> float:
    if isinstance(value, str):  # "３２０" or "3,200" typed as text: read as the workbook reads a cell
        number = as_number(value)
        value = value if number is None else number
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        # the message quotes what was found: plain text for scalars, a type name for lists and mappings
        shown = (
            str(value).lower()
            if isinstance(value, bool)
            else value
            if isinstance(value, str | int | float)
            else Found(value)
        )
        raise FactProblem("sa.number", unit=params.get("unit", ""), found=shown)
    if value < 0:
        raise FactProblem("sa.negative", found=value)
    if params.get("integer") and value != int(value):
        raise FactProblem("sa.integer", found=value)
    return float(value)


def bounds(params: Mapping[str, Any], ctx: RuleContext) -> tuple[float | None, float | None]:
    """The minimum (scaled by ``per`` where the profile gives the field) and the maximum."""
    low = params.get("min")
    per = params.get("per")
    if low is not None and per and ctx.profile is not None:
        base = getattr(ctx.profile, per["field"], None)
        if base:
            scaled = low * base / per["size"]
            # whole people for whole-number quantities; otherwise one decimal, rounded up so it never undershoots
            low = math.ceil(scaled - 1e-9) if params.get("integer") else math.ceil(scaled * 10 - 1e-9) / 10
    high = params.get("max")
    return (None if low is None else float(low)), (None if high is None else float(high))


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    low, high = bounds(params, ctx)
    unit = params["unit"]
    per = params.get("per")
    scale = ""
    if per and low is not None:
        field = ctx.t({"households": "户", "population": "人"}[per["field"]], per["field"])
        scale = ctx.t(
            f"（每 {number_text(per['size'])} {field} {number_text(params['min'])} {unit}）",
            f" ({number_text(params['min'])} {unit} per {number_text(per['size'])} {field})",
        )
    if low is not None and high is not None:
        span = number_text(low) if low == high else f"{number_text(low)}–{number_text(high)}"
        return f"{span} {unit}{scale}"
    if low is not None:
        return f"≥ {number_text(low)} {unit}{scale}"
    return f"≤ {number_text(high or 0)} {unit}"


def check(params: Mapping[str, Any], fact: float, ctx: RuleContext) -> Verdict:
    low, high = bounds(params, ctx)
    unit = params["unit"]
    proportional = params.get("partial", "proportional") == "proportional"
    reported = f"{number_text(fact)} {unit}"
    required = required_text(params, ctx)
    if low is not None and fact < low:
        gap = low - fact
        credit = fact / low if proportional and low else 0.0
        shortfall = ctx.t(f"差 {number_text(round(gap, 2))} {unit}", f"{number_text(round(gap, 2))} {unit} short")
        return Verdict(status_of(credit), round(credit, 4), reported, required, shortfall, round(gap, 2), unit)
    if high is not None and fact > high:
        gap = fact - high
        credit = high / fact if proportional and fact else 0.0
        shortfall = ctx.t(f"超出 {number_text(round(gap, 2))} {unit}", f"{number_text(round(gap, 2))} {unit} over")
        return Verdict(status_of(credit), round(credit, 4), reported, required, shortfall, round(gap, 2), unit)
    return Verdict("met", 1.0, reported, required, unit=unit)
