"""text — free text that must equal one of the accepted wordings and/or contain given words.

Spaces are ignored, so "社区 综合服务中心" on a sign counts as the standard wording. With ``name_prefix: true``
the community's own name may stand before an accepted wording, as on real door headers ("蝶梦社区综合服务中心"
for "社区综合服务中心"); another community's name may not.

>>> from checker.rules.base import RuleContext
>>> ctx = RuleContext(lang="zh")
>>> params = {"equals": ["社区综合服务中心"]}
>>> check(params, read_fact(params, "社区 综合服务中心", {}), ctx).status
'met'
>>> v = check(params, "社区居委会", ctx)
>>> v.status, v.shortfall
('not_met', '应为：社区综合服务中心')
>>> from checker.model import Profile
>>> own = RuleContext(lang="zh", profile=Profile("蝶梦社区", "云龙区", "彭城街道", "urban"))
>>> named = {"equals": ["社区综合服务中心"], "name_prefix": True}
>>> check(named, "蝶梦社区综合服务中心", own).status, check(named, "康居社区综合服务中心", own).status
('met', 'not_met')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.messages import Found
from checker.model import Catalogue
from checker.rules.base import FactProblem, RuleContext, Verdict

ID = "text"
SUMMARY = "写什么：文字须与规定措辞一致或包含规定字样（如门头字样）"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "anyOf": [{"required": ["equals"]}, {"required": ["contains"]}],
    "properties": {
        "equals": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "contains": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "name_prefix": {"type": "boolean"},
    },
}


def _norm(text: str) -> str:
    return "".join(text.split())


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    return iter(())


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> str:
    if not isinstance(value, str):
        raise FactProblem("sa.text", found=Found(value))
    return value.strip()


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    sep = ctx.t(" 或 ", " or ")
    parts = []
    if params.get("equals"):
        parts.append(sep.join(f"“{e}”" for e in params["equals"]))
    if params.get("contains"):
        words = "、".join(params["contains"])
        parts.append(ctx.t(f"含：{words}", f"containing: {words}"))
    return ctx.t("；", "; ").join(parts)


def _accepted(params: Mapping[str, Any], ctx: RuleContext) -> set[str]:
    """The accepted wordings, and with ``name_prefix`` each also after the community's name. A name ending in
    社区 may share it with a wording that starts with 社区 (蝶梦社区 + 社区综合服务中心 → 蝶梦社区综合服务中心)."""
    wordings = {_norm(e) for e in params["equals"]}
    name = _norm(ctx.profile.name) if params.get("name_prefix") and ctx.profile else ""
    if not name:
        return wordings
    stem = name.removesuffix("社区")
    return wordings | {name + w for w in wordings} | {stem + w for w in wordings if w.startswith("社区")}


def check(params: Mapping[str, Any], fact: str, ctx: RuleContext) -> Verdict:
    text = _norm(fact)
    ok_equals = not params.get("equals") or text in _accepted(params, ctx)
    absent = [w for w in params.get("contains", []) if _norm(w) not in text]
    required = required_text(params, ctx)
    if ok_equals and not absent:
        return Verdict("met", 1.0, fact, required)
    if not ok_equals:
        wanted = ctx.t("、", ", ").join(params["equals"])
        shortfall = ctx.t(f"应为：{wanted}", f"should be: {wanted}")
    else:
        shortfall = ctx.t(f"缺少字样：{'、'.join(absent)}", f"missing words: {', '.join(absent)}")
    return Verdict("not_met", 0.0, fact, required, shortfall)
