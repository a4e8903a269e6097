"""choice — one of a fixed set of options, some of which are acceptable (a colour scheme, a layout).

>>> from checker.rules.base import RuleContext
>>> ctx = RuleContext(lang="zh")
>>> params = {"options": ["灰底蓝字", "白底红字", "其他"], "accept": ["灰底蓝字"]}
>>> check(params, read_fact(params, "灰底蓝字", {}), ctx).status
'met'
>>> v = check(params, read_fact(params, "白底红字", {}), ctx)
>>> v.status, v.shortfall
('not_met', '应为：灰底蓝字')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Catalogue
from checker.rules.base import FactProblem, RuleContext, Verdict

ID = "choice"
SUMMARY = "选哪个：从固定选项中选一项，其中某些选项合格（如门头配色）"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["options", "accept"],
    "properties": {
        "options": {"type": "array", "minItems": 2, "uniqueItems": True, "items": {"type": "string", "minLength": 1}},
        "accept": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "minLength": 1}},
    },
}


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    for option in params["accept"]:
        if option not in params["options"]:
            yield ("option", option)


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> str:
    text = value.strip() if isinstance(value, str) else value
    if text not in params["options"]:
        raise FactProblem("sa.choice", options="、".join(params["options"]), found=value)
    return str(text)


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    return ctx.t("、", ", ").join(params["accept"])


def check(params: Mapping[str, Any], fact: str, ctx: RuleContext) -> Verdict:
    required = required_text(params, ctx)
    if fact in params["accept"]:
        return Verdict("met", 1.0, fact, required)
    return Verdict("not_met", 0.0, fact, required, ctx.t(f"应为：{required}", f"should be: {required}"))
