"""Safe YAML reading: numbers, explicit tags, and no exception escaping the reader for any text (hypothesis)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.yamlio import MAX_NESTING, MAX_NUMBER, parse
from tests.conftest import MINI
from tests.test_assessment import GOOD, write

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("R-care: {value: 220}", "R-care: {value: " + "9" * 5000 + "}"),  # beyond Python's 4,300-digit int limit
        ("R-care: {value: 220}", "R-care: {value: 1" + "0" * 400 + "}"),  # overflows float()
        ("R-care: {value: 220}", "R-care: {value: 1" + "0" * 400 + ".5}"),  # a float that parses as inf
        ("R-care: {value: 220}", "R-care: {value: -1.5e309}"),
        ("households: 3000", "households: 1e309"),
        ("households: 3000", "households: 1.0e308"),  # integral, so it passed `integer`, then overflowed scaling
        ("households: 3000", "households: 10000000000000001"),
    ],
    ids=["5000 digits", "401 digits", "401-digit float", "-1.5e309", "households 1e309", "households 1e308", "1e16"],
)
def test_numbers_out_of_range_are_placed_problems(sq, tmp_path: Path, old: str, new: str) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    line = next(i for i, row in enumerate(text.splitlines(), 1) if new[:12] in row)
    for command in ("validate", "check"):
        run = sq(command, write(tmp_path, text), "--standard", MINI)
        assert run.code == 2, run.err
        assert re.search(rf"a\.yaml:{line}:\d+: 数字“[-0-9.e…]+”超出可处理的范围", run.err), run.err


def test_the_largest_number_is_still_read() -> None:
    assert parse(f"a: {MAX_NUMBER}\nb: -{MAX_NUMBER}.0\n", "x").data == {"a": MAX_NUMBER, "b": -float(MAX_NUMBER)}


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!int 10:20", "!!int"),
        ("!!bool yes", "!!bool"),
        ("!!float .nan", "!!float"),
        ("!!float .inf", "!!float"),
        ("!!float -.inf", "!!float"),
        ("!!int 0o17", "!!int"),
        ("!!str 220", "!!str"),
        ("!!binary aGk=", "!!binary"),
    ],
)
def test_explicit_tags_cannot_change_what_a_value_means(sq, tmp_path: Path, value: str, tag: str) -> None:
    text = GOOD.replace("R-care: {value: 220}", f"R-care: {{value: {value}}}")
    line = text.splitlines().index(f"  R-care: {{value: {value}}}") + 1
    run = sq("check", write(tmp_path, text), "--standard", MINI)
    assert run.code == 2
    assert f"a.yaml:{line}:19: 不允许使用 YAML 标签 {tag}" in run.err


def test_a_tag_that_agrees_with_the_text_is_harmless() -> None:
    assert parse("a: !!map {b: !!int 12, c: !!str text}\n", "x").data == {"a": {"b": 12, "c": "text"}}


@pytest.mark.parametrize("depth", [95, 101, 990, 5000])
def test_a_value_nested_deep_inside_a_fact_is_a_placed_problem(sq, tmp_path: Path, depth: int) -> None:
    """Under the limit the value reaches every checker (which must cope); over it, it is refused where it nests.
    990 levels used to pass the reader and break every recursive walk after it (repr, the placeholder search)."""
    nested = "[" * depth + "]" * depth
    for old, new in [
        ("R-care: {value: 220}", f"R-care: {{value: {nested}}}"),
        ("R-plaques: {value: [社区党组织, 社区居民委员会]}", f"R-plaques: {{value: [社区党组织, {nested}]}}"),
        ("R-patrol: {value: 3.5, note: 按排班表}", f"R-patrol: {{value: 3.5, note: {nested}}}"),
    ]:
        text = GOOD.replace(old, new)
        line = next(i for i, row in enumerate(text.splitlines(), 1) if "[[[" in row)
        for command in ("validate", "check"):
            run = sq(command, write(tmp_path, text), "--standard", MINI)
            assert run.code == 2, run.err
            expected = "嵌套层次过深" if depth > MAX_NESTING else "应为"
            assert re.search(rf"a\.yaml:{line}:\d+: .*{expected}", run.err), run.err


# ---------------------------------------------------------------- no exception escapes the reader

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([10**400, -(10**20), 1e308, -1e300, 2**53 + 1])
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@FAST
@given(st.text(max_size=200))
def test_any_text_parses_or_is_a_placed_problem(text: str) -> None:
    try:
        doc = parse(text, "x.yaml")
    except InputError as error:
        assert error.problems and all(p.line >= 0 for p in error.problems)
        return
    assert _finite(doc.data)


@FAST
@given(st.text(alphabet="[]{}-?:,!&*|>'\"#%@`\\ \n\t0123456789.eE+abxyz:", max_size=120))
def test_yaml_punctuation_parses_or_is_a_placed_problem(text: str) -> None:
    try:
        parse(text, "x.yaml")
    except InputError as error:
        assert error.problems


def _finite(value: object) -> bool:
    """Every number the reader hands on is finite and in range."""
    if isinstance(value, dict):
        return all(_finite(k) and _finite(v) for k, v in value.items())
    if isinstance(value, list):
        return all(map(_finite, value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return math.isfinite(value) and abs(value) <= MAX_NUMBER
    return True


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["standard", "standard_version", "period", "community", "facts", "x"]), json_values, max_size=6
    ),
    st.sampled_from(["R-area", "R-plaques", "R-matters", "R-patrol", "nope"]),
    json_values,
    st.sampled_from([".yaml", ".json"]),
)
def test_any_values_in_a_self_assessment_are_placed_problems(
    tmp_path_factory: pytest.TempPathFactory, top: dict, fact: str, value: object, suffix: str
) -> None:
    import json

    import yaml

    from checker import pipeline

    document = {"standard": "mini", "standard_version": "1", "period": "2024", **top}
    document.setdefault("facts", {})
    if isinstance(document["facts"], dict):
        document["facts"][fact] = {"value": value}
    if suffix == ".json":
        text = json.dumps(document, ensure_ascii=False)
    else:
        text = yaml.safe_dump(document, allow_unicode=True)
    path = tmp_path_factory.mktemp("sa") / f"a{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        pipeline.check(path, "zh", pipeline.standards.load_standard(MINI))
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            problem.format("zh"), problem.format("en")
