"""JSON Schema in two speeds: jsonschema-rs decides valid/invalid, python-jsonschema explains the invalid.

Explanations become Problems with ``file:line:col``, the field path, what was expected and what was found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from checker.errors import Problem, field_path, unique_sorted
from checker.messages import FieldName, Found, Options, TypeNames
from checker.yamlio import Document

if TYPE_CHECKING:  # python-jsonschema takes ~50 ms to import: only an invalid document needs it, to be explained
    import jsonschema


# A blank form's prompt, e.g. （请填写社区名称） or (请选择…): never an answer, whatever the field
_PLACEHOLDER = re.compile(r"\s*[（(]\s*请(?:填写|填|选择|输入)[^（）()]*[）)]\s*")


def placeholder(what: str) -> str:
    """The prompt a blank form shows where ``what`` is to be written; :func:`placeholder_problems` refuses it.

    >>> placeholder("社区名称"), is_placeholder(placeholder("社区名称")), is_placeholder("请填写的社区")
    ('（请填写社区名称）', True, False)
    """
    return f"（请填写{what}）"


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and "请" in value and _PLACEHOLDER.fullmatch(value) is not None


def placeholder_problems(doc: Document) -> list[Problem]:
    """Every value, at any depth, that is still a blank form's prompt: each at its own line or cell. (Walked with a
    stack of its own: a value may nest as deep as the reader allows, deeper than Python's recursion.)

    It runs on every document, so only containers go on the stack and a path is built only for a container or a
    prompt found (2.3x faster than a path per value, which was 10 % of checking a valid file)."""
    found = []
    if is_placeholder(doc.data):
        found.append(doc.problem("sa.placeholder", (), {"found": doc.data.strip()}))
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)] if isinstance(doc.data, dict | list) else []
    while stack:
        path, container = stack.pop()
        for key, value in container.items() if isinstance(container, dict) else enumerate(container):
            if isinstance(value, str):
                if "请" in value and _PLACEHOLDER.fullmatch(value):
                    found.append(doc.problem("sa.placeholder", (*path, key), {"found": value.strip()}))
            elif isinstance(value, dict | list):
                stack.append(((*path, key), value))
    return found


@cache
def load_schema(name: str) -> dict[str, Any]:
    # the package's own folder, read as a file: importlib.resources would cost ~5 ms at every start
    return json.loads((Path(__file__).parent / "schemas" / name).read_text(encoding="utf-8"))


class SchemaCheck:
    """A schema compiled once for both validators."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema
        self._fast = jsonschema_rs.validator_for(dict(schema))
        self._explainer: jsonschema.Draft202012Validator | None = None

    @property
    def _slow(self) -> jsonschema.Draft202012Validator:
        if self._explainer is None:
            import jsonschema

            self._explainer = jsonschema.Draft202012Validator(self.schema)
        return self._explainer

    def is_valid(self, data: Any) -> bool:
        try:
            return bool(self._fast.is_valid(data))
        except (ValueError, OverflowError):  # values jsonschema-rs cannot take (huge ints): let jsonschema judge
            return self._slow.is_valid(data)

    def problems(self, doc: Document, base: Sequence[str | int] = (), data: Any = None) -> list[Problem]:
        data = doc.data if data is None else data
        if self.is_valid(data):
            return []
        try:
            found = [p for error in self._slow.iter_errors(data) for p in _explain(error, doc, tuple(base))]
        except RecursionError:  # deeply nested values exhaust the explainer, which walks recursively
            return [doc.problem("yaml.too_deep_here", base)]
        return unique_sorted(found)


def _explain(error: jsonschema.ValidationError, doc: Document, base: tuple[str | int, ...]) -> Iterator[Problem]:
    path = base + tuple(error.absolute_path)
    instance = error.instance
    kind = error.validator
    if kind in ("anyOf", "oneOf", "allOf") and error.context:
        from jsonschema.exceptions import best_match

        # weak umbrella errors: show the sub-error that went deepest
        yield from _explain(best_match(error.context), doc, base)
        return
    if kind == "required" and isinstance(instance, dict):
        for key in error.validator_value:
            if key not in instance:
                yield doc.problem("schema.required", path, {"key": FieldName(field_path((*path, key)))})
        return
    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        for key in instance:
            if key in known:
                continue
            hint = {"fullwidth": True} if "：" in str(key) else doc.suggestion(str(key), known)
            yield doc.problem("schema.unknown_key", path, {"key": key, **hint}, key=str(key))
        return
    if kind == "type":
        expected = error.validator_value
        names = TypeNames(tuple([expected] if isinstance(expected, str) else expected))
        hint = {"fullwidth": True} if isinstance(instance, str) and "：" in instance else {}
        yield doc.problem("schema.type", path, {"expected": names, "found": Found(instance), **hint})
    elif kind == "enum":
        yield doc.problem(
            "schema.enum", path, {"expected": Options(tuple(error.validator_value)), "found": Found(instance)}
        )
    else:
        yield doc.problem("schema.other", path, {"zh": _detail_zh(error), "en": error.message})


def _detail_zh(error: jsonschema.ValidationError) -> str:
    """Chinese wording for the remaining keywords (jsonschema's own English serves --lang en)."""
    value = error.validator_value
    zh = {
        "minLength": "不能为空",
        "minItems": f"至少需要 {value} 项",
        "maxItems": f"最多 {value} 项",
        "minimum": f"应不小于 {value}",
        "maximum": f"应不大于 {value}",
        "exclusiveMinimum": f"应大于 {value}",
        "pattern": f"格式不符（应匹配 {value}）",
        "uniqueItems": "列表中有重复项",
        "minProperties": "不能为空",
        "maxLength": f"不能超过 {value} 个字",
    }.get(str(error.validator))
    return zh or error.message
