"""libyaml's syntax errors in Chinese, at the line that caused them (#10 §5)."""

from __future__ import annotations

import re

import pytest

from checker.errors import InputError
from checker.yamlerrors import EXPLANATIONS
from checker.yamlio import parse

GOOD = """\
standard: mini
period: "2024"
facts:
  R-area:
    value: 650
    evidence: []
  R-police:
    value: 是
"""


def problem_of(text: str):
    with pytest.raises(InputError) as caught:
        parse(text, "a.yaml")
    [problem] = caught.value.problems
    return problem


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ("    value: 650", "    value：650", (5, 10)),  # libyaml stops on the next line
        ("  R-area:", "  R-area：", (4, 9)),  # ... two lines further down
        ('period: "2024"', 'period："2024"', (2, 7)),  # "could not find expected ':'" on the next line
        ("  R-police:\n    value: 是", "  R-police：\n    value: 是", (7, 11)),  # the last key of the file
    ],
)
def test_a_fullwidth_colon_is_named_at_its_own_line(old: str, new: str, place: tuple[int, int]) -> None:
    problem = problem_of(GOOD.replace(old, new))
    assert (problem.code, (problem.line, problem.col)) == ("yaml.fullwidth_colon", place)
    assert problem.message() == "此处用了全角冒号“：”（中文输入法）：YAML 需要半角冒号“:”，并在其后加一个空格"


def test_a_fullwidth_colon_inside_text_is_no_mistake() -> None:
    assert parse(GOOD.replace("value: 是", "value: 是\n    note: 说明：有"), "a.yaml").data["facts"]["R-police"]


@pytest.mark.parametrize("indent", ["\t", "  \t", "\t  "])
def test_a_tab_gets_the_tab_message(indent: str) -> None:
    problem = problem_of(GOOD.replace("    evidence: []", f"{indent}evidence: []"))
    assert problem.code == "yaml.tab" and problem.message() == "不能用 Tab 键缩进：请改用空格"


@pytest.mark.parametrize(
    "text",
    [
        "standard: mini\nfacts: [1, 2\n",
        "standard: mini\nfacts: {a: 1\n",
        'standard: mini\nperiod: "2024\n',
        "a: b: c\n",
        "standard: mini\n  period: 2024\n",
        "key: @x\n",
        "- a\nb: 1\n",
        'note: "C:\\data"\n',
        "a: 1\n---\nb: 2\n",
        "a:\n  - 1\n b: 2\n",
        "standard: mini\ncommunity: [\n",  # as in a rejected file of a publication
        "a: {b: \n",
        "a: - b\n",
    ],
)
def test_no_libyaml_english_without_a_chinese_explanation(text: str) -> None:
    message = problem_of(text).message()
    assert message.startswith("YAML 语法错误：") and not re.search(r"[A-Za-z]{3,}", message.removeprefix("YAML")), (
        message
    )


def test_an_unknown_libyaml_problem_keeps_its_english_inside_a_chinese_sentence() -> None:
    from checker.yamlerrors import explain

    assert explain("something new") == "无法解析（something new）"
    assert all(not re.search(r"[A-Za-z]{3,}", words.replace("YAML", "")) for _, words in EXPLANATIONS)
