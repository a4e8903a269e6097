"""presence — a facility, sign or arrangement exists.

The fact is yes or no (``true``/``false``, or 是/否、有/无). There is no partial credit: a health station
is there or it is not.

>>> from checker.rules.base import RuleContext
>>> ctx = RuleContext(lang="zh")
>>> check({}, read_fact({}, "是", {}), ctx).status
'met'
>>> v = check({}, read_fact({}, False, {}), ctx)
>>> v.status, v.reported, v.shortfall
('not_met', '无', '缺少')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Catalogue
from checker.rules.base import RuleContext, Verdict, entry_reference_problems, read_bool

ID = "presence"
SUMMARY = "有没有：设施、标识或制度是否具备"
PARAMS_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"entry": {"type": "string", "pattern": "^[^/]+/[^/]+$"}},
}


def reference_problems(params: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Iterator[tuple[str, str]]:
    yield from entry_reference_problems(params.get("entry"), catalogues)


def read_fact(params: Mapping[str, Any], value: Any, catalogues: Mapping[str, Catalogue]) -> bool:
    return read_bool(value)


def required_text(params: Mapping[str, Any], ctx: RuleContext) -> str:
    return ctx.t("有", "present")


def check(params: Mapping[str, Any], fact: bool, ctx: RuleContext) -> Verdict:
    required = required_text(params, ctx)
    if fact:
        return Verdict("met", 1.0, ctx.t("有", "present"), required)
    return Verdict("not_met", 0.0, ctx.t("无", "absent"), required, shortfall=ctx.t("缺少", "missing"))
