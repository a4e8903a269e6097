"""Every rule kind, from the YAML case files in tests/rule_cases/ (one file per kind), plus its docstring."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from checker import standard as standards
from checker.model import Profile
from checker.rules import KINDS
from checker.rules.base import FactProblem, RuleContext
from tests.conftest import MINI

CASES = Path(__file__).parent / "rule_cases"
CATALOGUES = standards.load_standard(MINI).catalogues


def _cases(section: str) -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        kind = path.stem
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get(section, []):
            out.append(pytest.param(kind, case, id=f"{kind}: {case['name']}"))
    return out


def test_every_kind_has_a_case_file() -> None:
    assert {p.stem for p in CASES.glob("*.yaml")} == set(KINDS)


@pytest.mark.parametrize(("kind", "case"), _cases("pass") + _cases("fail"))
def test_verdict(kind: str, case: dict[str, Any]) -> None:
    rule = KINDS[kind]
    jsonschema.validate(case["params"], rule.PARAMS_SCHEMA)
    profile = Profile("测试社区", "区", "街道", "urban", **case.get("profile", {}))
    ctx = RuleContext(lang="zh", profile=profile, catalogues=CATALOGUES)
    verdict = rule.check(case["params"], rule.read_fact(case["params"], case["fact"], CATALOGUES), ctx)
    assert verdict.status == case["status"]
    assert verdict.credit == pytest.approx(case["credit"], abs=1e-4)
    if "shortfall" in case:
        assert verdict.shortfall == case["shortfall"]
    if "missing" in case:
        assert [e.id for e in verdict.missing] == case["missing"]
    if case["status"] == "met":
        assert verdict.shortfall == ""


@pytest.mark.parametrize(("kind", "case"), _cases("bad_fact"))
def test_bad_fact_is_refused(kind: str, case: dict[str, Any]) -> None:
    with pytest.raises(FactProblem) as caught:
        KINDS[kind].read_fact(case["params"], case["fact"], CATALOGUES)
    assert caught.value.code == case["error"]


@pytest.mark.parametrize(("kind", "case"), _cases("bad_params"))
def test_bad_params_are_refused(kind: str, case: dict[str, Any]) -> None:
    assert not jsonschema.Draft202012Validator(KINDS[kind].PARAMS_SCHEMA).is_valid(case["params"])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_docstring_has_a_passing_and_a_failing_example(kind: str) -> None:
    module = KINDS[kind]
    tests = doctest.DocTestFinder().find(module, module.__name__)  # type: ignore[arg-type]
    examples = [e for t in tests for e in t.examples]
    assert any("'met'" in e.want for e in examples), "a passing example"
    assert any("not_met" in e.want or "partial" in e.want for e in examples), "a failing example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test)
    assert runner.failures == 0
