"""Safe YAML reading: numbers, explicit tags, and no exception escaping the reader for any text (hypothesis);
and the fast node walk gives exactly the data (and the first problem) PyYAML's constructor gives.

For the walk, the reference is ``_Loader``, PyYAML's SafeConstructor with our resolver and key checks, which
the walk replaced for text without anchors, aliases or tags."""

from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import standard as standards
from checker import yamlio
from checker.errors import InputError
from checker.template import render_template
from checker.yamlio import MAX_NESTING, MAX_NUMBER, parse
from tests.conftest import MINI, ROOT
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


# ---------------------------------------------------------------- the node walk gives what the constructor gave


def outcome(load: Any) -> tuple[str, Any]:
    """('data', value) or ('problem', (code, line, col, args)) of one load."""
    try:
        return "data", load()
    except InputError as error:
        problem = error.problems[0]
        return "problem", (problem.code, problem.line, problem.col, problem.args)


def reference(text: str) -> tuple[str, Any]:
    """What parse() gave before the walk: every text through the checking loader."""
    with patch.object(yamlio, "_may_hold_node_properties", lambda text: True):
        return outcome(lambda: yamlio.parse(text, "t").data)


def walked(text: str) -> tuple[str, Any]:
    assert not yamlio._may_hold_node_properties(text), "such text takes the checking loader, not the walk"
    return outcome(lambda: yamlio.parse(text, "t").data)


def same(text: str) -> None:
    expected, got = reference(text), walked(text)
    assert got == expected
    # repr also tells 1 from 1.0 from True and -0.0 from 0.0, and shows the order of keys
    assert repr(got) == repr(expected)


def every_yaml_file() -> list[Path]:
    found = [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("standards/*.yaml"), *ROOT.glob("tests/**/*.yaml")]
    return sorted(p for p in found if not yamlio._may_hold_node_properties(p.read_text("utf-8", "replace")))


@pytest.mark.parametrize("path", every_yaml_file(), ids=lambda p: str(p.relative_to(ROOT)))
def test_same_data_for_every_example_standard_and_fixture(path: Path) -> None:
    same(yamlio.decode(path.read_bytes(), str(path))[0])


def test_enough_files_take_the_walk() -> None:
    assert len(every_yaml_file()) >= 10


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: -0\nc: +7\nd: 0.0\ne: -0.0\nf: 1e5\ng: 1.10\nh: 010\ni: 0x1F\nj: 1_000\nk: 12:30\n",
        "a: .inf\nb: -.inf\nc: .nan\nd: 2024-06-30\ne: yes\nf: No\ng: on\nh: ~\ni: null\nj:\nk: ''\nl: 'true'\n",
        "a: True\nb: FALSE\nc: tRue\nd: Null\ne: nULL\nf: \"1\"\ng: '1.5'\nh: 1.\ni: .5\nj: 5e\n",
        "1: a\n1.5: b\ntrue: c\n",  # keys of other types than text
        "{a: [1, {b: 2}], c: {d: [e, f]}}\n",
        "",  # an empty file: None
        "# only a comment\n",
        "- 1\n- [2, 3]\n- {x: y}\n",
        "plain text\n",
        "a: 1\na: 2\n",  # duplicate key
        "a: 1\n1: 2\n1.0: 3\n",  # 1 and 1.0 are one key
        "a: 1\nTrue: 2\n1: 3\n",  # True and 1 are one key
        "[1, 2]: x\n",  # a sequence as a key
        "? {a: 1}\n: x\n",  # a mapping as a key
        "? [a, {b: 1, b: 2}]\n: x\n",  # a duplicate inside a key comes before the key's own type problem
        "~: x\n",  # null key
        "a: [{x: 1, x: 2}]\nb: 1\nb: 2\n",  # PyYAML defers sequences: the duplicate b is reported first
        "a:\n  - - {x: 1, x: 2}\n  - {y: 1, y: 2}\n",  # and deeper sequences later still
        "a: {b: [1, {c: 1, c: 2}]}\nd: {e: 1, e: 2}\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [1, 2\n",  # a syntax error
        "a:\tb\n",
        # nesting at and beyond MAX_NESTING: refused at the same node, in the same order among other problems
        "a: " + "[" * 99 + "]" * 99 + "\n",
        "a: " + "[" * 100 + "]" * 100 + "\n",
        "a: " + "{b: " * 99 + "1" + "}" * 99 + "\n",
        "a: " + "{b: " * 100 + "1" + "}" * 100 + "\n",
        "a: " + "[{b: " * 50 + "1" + "}]" * 50 + "\n",
        "a: " + "[" * 120 + "]" * 120 + "\nb: 1\nb: 2\n",
        "a: " + "{b: " * 120 + "1" + "}" * 120 + "\nb: 1\nb: 2\n",
        "? " + "[" * 120 + "]" * 120 + "\n: x\n",
        "- " + "[" * 60 + "]" * 60 + "\n- {x: " + "[" * 60 + "]" * 60 + "}\n",
    ],
)
def test_same_outcome_for_tricky_text(text: str) -> None:
    same(text)


# ---------------------------------------------------------------- generated documents and assessments

SAFE = st.characters(blacklist_categories=("Cs",), blacklist_characters="&*!")
TOKENS = st.one_of(
    st.sampled_from(
        [
            "0",
            "-0",
            "+1",
            "01",
            "1.0",
            "1.10",
            "-1e3",
            "1E+3",
            "1e",
            ".5",
            "5.",
            "0.0e0",
            "0x10",
            "1_0",
            "12:30",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "yes",
            "no",
            "off",
            "null",
            "Null",
            "~",
            "",
            "2024-06-30",
            "是",
            "否",
            "-",
            "- x",
            ".inf",
            ".NaN",
            "0o7",
            "+",
            "1,000",
            "３６０",
            "360平方米",
            "x: y",
            "a #b",
            "'q'",
            '"q"',
        ]
    ),
    st.from_regex(r"\A[-+]?[0-9]{1,5}(\.[0-9]{0,3})?([eE][-+]?[0-9]{1,2})?\Z"),
    st.text(SAFE, max_size=12),
)
KEYS = st.one_of(st.text(SAFE, min_size=1, max_size=8), st.integers(-5, 5), st.booleans())
VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(SAFE, max_size=20),
        TOKENS,
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES, st.sampled_from([False, True, None]), st.integers(20, 120))
def test_same_data_for_generated_documents(value: Any, flow: bool | None, width: int) -> None:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow, sort_keys=False, width=width)
    if not yamlio._may_hold_node_properties(text):
        same(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text("abcxyz", min_size=1, max_size=2), TOKENS), max_size=8))
def test_same_data_for_unquoted_tokens(pairs: list[tuple[str, str]]) -> None:
    """Scalars as a person types them, unquoted (mostly), in block and flow style."""
    block = "".join(f"{key}: {token}\n" for key, token in pairs)
    flow = "[" + ", ".join(token for _, token in pairs) + "]\n"
    for text in (block, flow):
        if not yamlio._may_hold_node_properties(text):
            same(text)


MINI_TEMPLATE = render_template(standards.load_standard(MINI), "2024")
BLANK = "    value:\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TOKENS, VALUES.map(lambda v: json.dumps(v, ensure_ascii=False))), min_size=1), st.randoms())
def test_same_data_for_generated_assessments(answers: list[str], rng: random.Random) -> None:
    """The mini standard's own template with its blank answers filled, as typed or as JSON, some left blank."""
    parts = MINI_TEMPLATE.split(BLANK)
    text = parts[0]
    for i, part in enumerate(parts[1:]):
        answer = answers[i % len(answers)]
        text += (BLANK if rng.random() < 0.1 else f"    value: {answer}\n") + part
    if not yamlio._may_hold_node_properties(text):
        same(text)


def test_the_assessment_generator_fills_the_template() -> None:
    assert MINI_TEMPLATE.count(BLANK) >= 5


# ---------------------------------------------------------------- .json files: json.loads where it agrees


def nested(depth: int) -> str:
    """JSON nested ``depth`` deep (the top level is 1), lists and objects in turn, with siblings on the way."""
    text = "1"
    for level in range(depth):
        text = f'{{"k{level}": {text}, "x": []}}' if level % 2 else f'[{text}, {{"y": "]"}}]'
    return text


def json_same(text: str) -> None:
    """parse_json gives what parse() (libyaml) gives: the same data, or the same first problem at its place."""
    expected = outcome(lambda: yamlio.parse(text, "t").data)
    got = outcome(lambda: yamlio.parse_json(text, "t").data)
    assert got == expected
    assert repr(got) == repr(expected)


def json_fast(text: str) -> Any:
    """The data json.loads gave, failing if parse_json handed the text to libyaml."""
    with patch.object(yamlio, "parse", side_effect=AssertionError("took the YAML path")):
        return yamlio.parse_json(text, "t").data


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "b": [1, 2.5, -0, -0.0, 1e5, 1E-5, true, false, null], "c": {"d": "文字"}}',
        '{"a": 1, "a": 2}',  # a duplicate key: placed by the YAML path
        '{"a": {"b": 1, "b": 2}, "c": [{"d": 1, "d": 2}]}',
        '{"a": NaN}',
        '{"a": Infinity}',
        '{"a": 1e400}',
        '{"a": -1.5e309}',
        '{"a": ' + "9" * 5000 + "}",
        '{"a": 10000000000000001}',
        '{"a": 1000000000000000}',
        '{"a": ' + "3" * 400 + "}",  # json.loads takes it; beyond MAX_NUMBER
        "1e400",
        "-10000000000000001",
        "[1.5, 1e308, 1e-320]",
        '{"a": ' + "[" * 99 + "]" * 99 + "}",
        '{"a": ' + "[" * 100 + "]" * 100 + "}",
        '{"a": ' + '{"b": ' * 100 + "1" + "}" * 100 + "}",
        "[" * 2000 + "]" * 2000,
        '{"' + "k" * 1100 + '": 1}',  # libyaml's limit on a key
        '{"a": "x\x85y"}',  # NEL: a line break to libyaml
        '{"a": "x\x7fy"}',
        '{"a": "\\ud83d\\ude00"}',  # an escaped surrogate pair
        '{"a": "\\u6587\\u5b57 \\/ \\b\\f\\n\\r\\t"}',
        '{\n\t"a": [\n\t\t1\n\t]\n}',  # tabs
        '{"a": 1,}',  # a trailing comma: JSON refuses, YAML reads
        "{a: 1}",  # YAML, not JSON
        "",
        "  \n",
        '"text"',
        "[1, 2",
        '{"a": 1} {"b": 2}',
        '{"a:b": 1, "a:b": 2}',  # duplicates whose keys hold what the colon count looks at
        '{"t": "09:00", "t": "[1]"}',
        '{"a\\"": 1, "a\\"": 2}',
        '{"a\\\\": {"b": "{"}, "a\\\\": 2}',
        *(nested(depth) for depth in (50, 51, 99, 100, 101, 102)),
    ],
)
def test_json_reads_as_libyaml_read_it(text: str) -> None:
    json_same(text)


def test_a_plain_json_file_takes_the_fast_path() -> None:
    text = json.dumps({"standard": "mini", "facts": {"R-area": {"value": 360, "note": "文字"}}}, ensure_ascii=False)
    assert json_fast(text) == json.loads(text)
    assert json_fast(json.dumps(json.loads(text), indent=2)) == json.loads(text)  # \u escapes, indented


def test_json_strings_holding_brackets_colons_and_quotes_take_the_fast_path() -> None:
    value = {
        "standard": "mini",
        "时间": "09:00-17:30",
        "a:b": ["[", "]", "{", "}", '"', "\\", '\\"', ':"[{', "x\\\\"],
        '引号"和\\': {"note": '他说："[重要]"'},
    }
    for text in (json.dumps(value, ensure_ascii=False), json.dumps(value, indent=2)):
        assert json_fast(text) == value


def test_json_files_read_in_threads_at_once_each_read_alone_and_nothing_kept() -> None:
    """The decoder and the list of objects it fills are one per thread (web requests are read in threads): texts
    read at once in eight threads each take the fast path and give their own data (objects of another thread's
    text in the list would miscount the keys and send the text to libyaml, which fails here), and no thread's
    list keeps a document's objects after its reading."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [json.dumps({"n": i, "facts": {f"k{j}": {"v": j, "w": [j]} for j in range(i % 9)}}) for i in range(600)]

    def read(text: str) -> tuple[Any, list[Any]]:
        return yamlio.parse_json(text, "t").data, list(yamlio._decoder()[1])

    with patch.object(yamlio, "parse", side_effect=AssertionError("took the YAML path")), ThreadPoolExecutor(8) as pool:
        results = list(pool.map(read, texts * 4))
    for text, (data, left) in zip(texts * 4, results, strict=True):
        assert data == json.loads(text) and left == []


MARKS = st.text('ab:"[]{}\\ 文', max_size=3)
OBJECTS = st.recursive(
    st.none() | st.integers(-5, 5) | MARKS,
    lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(MARKS, inner), max_size=4),
    max_leaves=20,
)


def written(value: Any) -> str:
    """JSON text of generated values, where a list of (key, value) pairs is written as an object: its keys may
    repeat, which json.dumps of a dict could never show."""
    if isinstance(value, list) and value and all(isinstance(item, tuple) for item in value):
        return "{" + ", ".join(f"{json.dumps(key, ensure_ascii=False)}: {written(item)}" for key, item in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(written(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def repeats_a_key(value: Any) -> bool:
    if isinstance(value, list) and value and all(isinstance(item, tuple) for item in value):
        keys = [key for key, _ in value]
        return len(set(keys)) < len(keys) or any(repeats_a_key(item) for _, item in value)
    return isinstance(value, list) and any(repeats_a_key(item) for item in value)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OBJECTS)
def test_json_with_repeated_keys_and_marks_in_strings_reads_as_libyaml_read_it(value: Any) -> None:
    """Keys and strings made of quotes, backslashes, brackets and colons; a repeated key anywhere is placed by
    the YAML path, and any text without one is read by json.loads alone."""
    text = written(value)
    json_same(text)
    if not repeats_a_key(value):
        assert json_fast(text) == json.loads(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 130), st.randoms(use_true_random=False))
def test_the_bracket_passes_never_let_too_deep_nesting_through(levels: int, rng: random.Random) -> None:
    """Nesting of any depth, each level a list or an object at random, with siblings of their own depth: what
    the passes over the brackets let through is never deeper than MAX_NESTING, and nothing up to half of it is
    left to the exact measure."""
    text, depth = "1", 0
    for _ in range(levels):
        sibling, below = rng.choice([("", 0), ('"]"', 0), ('{"a": []}', 2), ("[[]]", 2)])
        if rng.random() < 0.5:
            text = f"[{text}, {sibling}]" if sibling else f"[{text}]"
        else:
            text = f'{{"k": {text}, "s": {sibling}}}' if sibling else f'{{"k": {text}}}'
        depth = 1 + max(depth, below)
    structure = yamlio._structure(text.encode())
    assert structure.count(b":") == text.count('": ')
    through = yamlio._nests_within_limit(structure.replace(b":", b""))
    if through:
        assert depth <= MAX_NESTING
    if depth <= MAX_NESTING // 2:
        assert through
    assert yamlio._depth_within_limit(json.loads(text)) == (depth <= MAX_NESTING)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**17), 10**17)
    | st.floats()
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON_VALUES, st.booleans(), st.sampled_from([None, 0, 2, "\t"]))
def test_json_reads_as_libyaml_read_it_for_generated_values(value: Any, ascii: bool, indent: Any) -> None:
    json_same(json.dumps({"facts": value}, ensure_ascii=ascii, indent=indent))


def test_a_problem_in_a_json_file_is_placed(sq, tmp_path: Path) -> None:
    data = yamlio.parse(GOOD, "g").data
    data["community"]["households"] = "many"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text("utf-8").splitlines(), 1) if '"many"' in row)
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2
    assert re.search(rf"a\.json:{line}:\d+: ", run.err), run.err


def test_valid_json_libyaml_cannot_compose_is_still_judged_without_a_crash(sq, tmp_path: Path) -> None:
    """A key written across lines is JSON but not YAML: read as JSON, its problems get no place inside."""
    data = yamlio.parse(GOOD, "g").data
    data["community"]["households"] = "many"
    text = json.dumps(data, ensure_ascii=False, indent=2).replace('"households": ', '"households"\n  : ')
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2 and "a.json:1:1:" in run.err, run.err
