"""allowed_set — what is there must come from an allowed set, and the required ones must be there.

For the gate: only the party organisation's and the residents' committee's plaques. Texts are compared
without spaces. Real plaques carry real names ("中共蝶梦社区委员会"), so each allowed item may list
``aliases``: each alias is one or more words separated by spaces, all of which must appear in a reported text
for it to count as that item ("社区 党委" takes 蝶梦社区党委 but not 某物业公司党委). Each allowed item counts
once: a second plaque of the same kind is one too many. No partial credit: twenty plaques at the
gate is what the standard set out to end.

>>> from checker.rules.base import RuleContext
>>> ctx = RuleContext(lang="zh")
>>> params = {"allowed": ["社区党组织", "社区居民委员会"]}
>>> check(params, read_fact(params, ["社区党组织", "社区居民委员会"], {}), ctx).status
'met'
>>> v = check(params, ["社区党组织", "社区居民委员会", "计生协会"], ctx)
>>> v.status, v.shortfall
('not_met', '多出：计生协会')
>>> params["aliases"] = {"社区党组织": ["中共 社区 委员会", "社区 党委"], "社区居民委员会": ["社区 居民委员会"]}
>>> check(params, ["中共蝶梦社区委员会", "蝶梦社区居民委员会"], ctx).status
'met'
>>> check(params, ["中共蝶梦社区委员会", "蝶梦社区居民委员会", "某物业公司党委"], ctx).shortfall
'多出：某物业公司党委'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Catalogue
from checker.reading import split_list
from checker.rules.base import RuleContext, Verdict, read_text_list

ID = "allowed_set"
SUMMARY = "只许这些：所报内容只能来自允许清单，且必备项齐全（如门口只挂两块牌子）"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["allowed"],
    "properties": {
        "allowed": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "minLength": 1}},
        "required": {"type": "array", "uniqueItems": True, "items": {"type": "string", "minLength": 1}},
        "aliases": {
            "type": "object",
            "additionalProperties": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        },
    },
}


def _norm(text: str) -> str:
    return "".join(text.split())


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    allowed = {_norm(a) for a in params["allowed"]}
    for item in [*params.get("required", []), *params.get("aliases", {})]:
        if _norm(item) not in allowed:
            yield ("allowed", item)


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> list[str]:
    if isinstance(value, str):  # one text listing the items (社区党组织、社区居民委员会), as in a workbook cell
        value = split_list(value, params["allowed"])
    return read_text_list(value)


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    sep = ctx.t("、", ", ")
    return ctx.t(f"仅限：{sep.join(params['allowed'])}", f"only: {sep.join(params['allowed'])}")


def _item(params: Mapping[str, Any], text: str) -> str | None:
    """The allowed item a reported text is: its exact wording, or an alias whose words all appear in it."""
    norm = _norm(text)
    aliases = params.get("aliases", {})
    for item in params["allowed"]:
        if norm == _norm(item):
            return str(item)
        if any(all(word in norm for word in alias.split()) for alias in aliases.get(item, ())):
            return str(item)
    return None


def check(params: Mapping[str, Any], fact: list[str], ctx: RuleContext) -> Verdict:
    sep = ctx.t("、", ", ")
    present: set[str] = set()
    extra = []
    for text in fact:
        item = _item(params, text)
        if item is None or _norm(item) in present:  # not allowed, or a second plaque of the same kind
            extra.append(text)
        else:
            present.add(_norm(item))
    missing = [r for r in params.get("required", params["allowed"]) if _norm(r) not in present]
    reported = sep.join(fact) if fact else ctx.t("（无）", "(none)")
    required = required_text(params, ctx)
    if not extra and not missing:
        return Verdict("met", 1.0, reported, required)
    parts = []
    if extra:
        parts.append(ctx.t(f"多出：{sep.join(extra)}", f"not allowed: {sep.join(extra)}"))
    if missing:
        parts.append(ctx.t(f"缺少：{sep.join(missing)}", f"missing: {sep.join(missing)}"))
    misses = tuple(ctx.t(f"多出：{t}", f"not allowed: {t}") for t in extra) + tuple(
        ctx.t(f"缺少：{m}", f"missing: {m}") for m in missing
    )
    return Verdict("not_met", 0.0, reported, required, ctx.t("；", "; ").join(parts), misses=misses)
