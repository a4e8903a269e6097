"""YAML → XLSX → YAML keeps every fact, and `check` gives the same result on the YAML and on the workbook.

Assessments are generated (hypothesis) against xuzhou-2017 and the mini standard: every rule kind, shared facts,
N/A claims, evidence, notes, profile, period, filled_by/on, and texts that spreadsheets like to mangle
("=SUM(…)", "2024", "1e5", leading zeros, surrounding spaces, line breaks).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import Requirement, Standard
from checker.workbook.canonical import canonical
from checker.workbook.conversion import dump_yaml
from checker.yamlio import load_file
from tests.conftest import MINI, run_cli
from tests.workbook_forms import check_json, mini, xuzhou

_WORDS = list("社区党组织居民委员会服务中心综合图书室警务活动") + list("ABCxyz0123456789-_.（）")
WORD = st.text(alphabet=st.sampled_from(_WORDS), min_size=1, max_size=10)
TRICKY = st.sampled_from(["=SUM(A1:A3)", "2024", "0516-83001234", "007", "1e5", "true", "是", "null", "  两侧空格  "])
TEXT = st.one_of(WORD, TRICKY)
NOTE = st.one_of(TEXT, st.lists(WORD, min_size=2, max_size=3).map("\n".join))
FILE = st.builds(lambda a, b: f"{a}/{b}.jpg", WORD, WORD)


def _value(standard: Standard, req: Requirement) -> st.SearchStrategy[Any]:
    params = req.params
    if req.kind == "presence":
        return st.sampled_from([True, False, "是", "否", "有", "无"])
    if req.kind == "threshold":
        whole = st.integers(0, 100_000)
        return whole if params.get("integer") else st.one_of(whole, st.floats(0, 1e5).map(lambda x: round(x, 2)))
    if req.kind == "choice":
        return st.sampled_from(params["options"])
    if req.kind == "text":
        return st.one_of(st.sampled_from(params.get("equals") or params["contains"]), WORD)
    if req.kind == "allowed_set":
        return st.lists(st.one_of(st.sampled_from(params["allowed"]), WORD), max_size=4)
    ids = [e.id for e in standard.catalogues[params["catalogue"]].entries]
    return st.lists(st.sampled_from(ids), unique=True).flatmap(
        lambda handled: st.fixed_dictionaries(
            {"handled": st.permutations(handled), "online": st.lists(st.sampled_from(handled or ["-"]), unique=True)}
        ).map(lambda v: v if handled else {"handled": [], "online": []})
    )


@st.composite
def _fact(draw: st.DrawFn, standard: Standard, req: Requirement) -> dict[str, Any]:  # called inside a draw only
    fact: dict[str, Any] = {}
    if req.allow_not_applicable and draw(st.booleans()):
        fact["not_applicable"] = draw(TEXT)
    else:
        fact["value"] = draw(st.one_of(st.none(), _value(standard, req)))
    if draw(st.booleans()):
        fact["evidence"] = draw(st.lists(FILE, max_size=3))
    if draw(st.booleans()):
        fact["note"] = draw(st.one_of(NOTE, st.just("")))
    return fact


STANDARDS = {"xuzhou-2017": xuzhou, "mini": mini}


@st.composite
def assessments(draw: st.DrawFn, standard_id: str) -> dict[str, Any]:
    standard = STANDARDS[standard_id]()  # by ID: hypothesis prints its arguments, and a Standard is huge
    optional = {
        "city": TEXT,
        "estate_type": st.sampled_from(["old", "new", "mixed"]),
        "households": st.integers(0, 20_000),
        "population": st.integers(0, 60_000),
        "contact": TEXT,
        "phone": TEXT,
    }
    community = {"name": draw(WORD), "district": draw(WORD), "street": draw(WORD)}
    community["area_type"] = draw(st.sampled_from(["urban", "rural"]))
    community |= {key: draw(strategy) for key, strategy in optional.items() if draw(st.booleans())}
    data: dict[str, Any] = {"standard": standard.id, "standard_version": standard.version, "period": draw(TEXT)}
    for key in ("filled_by", "illustrative"):
        if draw(st.booleans()):
            data[key] = draw(st.one_of(NOTE, st.just("2024-06-30")))
    if draw(st.booleans()):  # a date, or it is refused (#10 §5)
        data["filled_on"] = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))).isoformat()
    data["community"] = community
    owners = [r.id for r in standard.fact_owners()]
    chosen = draw(st.lists(st.sampled_from(owners), unique=True, min_size=len(owners) // 2))
    data["facts"] = {req_id: draw(_fact(standard, standard.index[req_id])) for req_id in chosen}
    return data


def _roundtrip(standard: Standard, data: dict[str, Any], extra: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, workbook, back = Path(folder, "a.yaml"), Path(folder, "b.xlsx"), Path(folder, "c.yaml")
        source.write_text(dump_yaml(data, standard), encoding="utf-8")
        for frm, to in ((source, workbook), (workbook, back)):
            run = run_cli("convert", frm, to, *extra)
            assert run.code == 0, run.err
        assert load_file(back).data == canonical(load_file(source).data, standard)
        assert check_json(source, *extra) == check_json(workbook, *extra)


_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(data=assessments("xuzhou-2017"))
def test_xuzhou_roundtrip(data: dict[str, Any]) -> None:
    _roundtrip(xuzhou(), data, ())


@_SETTINGS
@given(data=assessments("mini"))
def test_mini_roundtrip(data: dict[str, Any]) -> None:
    _roundtrip(mini(), data, ("--standard", str(MINI)))


@pytest.mark.parametrize("name", ["xuzhou-2017--diemeng", "living-room-2023--guiyuan"])
def test_example_roundtrip_is_exact(tmp_path: Path, name: str) -> None:
    """The bundled examples: the workbook gives exactly what the YAML gives, and back to YAML nothing is lost."""
    source = Path(__file__).parent.parent / "examples" / f"{name}.yaml"
    workbook, back = tmp_path / "form.xlsx", tmp_path / "back.yaml"
    assert run_cli("convert", source, workbook).code == 0
    assert run_cli("convert", workbook, back).code == 0
    standard_id = load_file(source).data["standard"]
    from checker import standard as standards

    assert load_file(back).data == canonical(load_file(source).data, standards.resolve(standard_id))
    assert check_json(source) == check_json(workbook)
