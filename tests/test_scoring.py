"""The scoring-sheet layer (checker/scoring.py and the engine): deductions, evidence, bonus points and part floors,
from the YAML case files in tests/scoring_cases/, each applied to the all-met baseline of the sheet fixture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from checker import pipeline
from checker import standard as standards
from checker.engine import CheckResult, evaluate
from checker.output import render_text, to_dict
from checker.scoring import evidence_kind
from checker.validation import load_schema
from tests.conftest import FIXTURES

CASES = Path(__file__).parent / "scoring_cases"
SHEET = FIXTURES / "standards" / "sheet.yaml"
BASELINE = FIXTURES / "sheet-community.yaml"


def _cases() -> list[Any]:
    """Each case with the standard and baseline its file names (the sheet fixture by default)."""
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        where = (
            FIXTURES / "standards" / spec.get("standard", SHEET.name),
            FIXTURES / spec.get("baseline", BASELINE.name),
        )
        for case in spec["cases"]:
            out.append(pytest.param(case, where, id=f"{path.stem}: {case['name']}"))
    return out


def _check(
    tmp_path: Path, facts: dict[str, Any], lang: str = "zh", where: tuple[Path, Path] = (SHEET, BASELINE)
) -> CheckResult:
    data = yaml.safe_load(where[1].read_text(encoding="utf-8"))
    data["facts"].update(facts)
    path = tmp_path / "community.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    standard = standards.load_standard(where[0])
    return evaluate(standard, pipeline.load(path, standard).assessment, lang)


@pytest.mark.parametrize(("case", "where"), _cases())
def test_case(tmp_path: Path, case: dict[str, Any], where: tuple[Path, Path]) -> None:
    result = _check(tmp_path, case["facts"], where=where)
    expect = dict(case["expect"])
    if "score" in expect:
        assert result.score == expect.pop("score")
    if "grade" in expect:
        assert result.grade is not None and result.grade.id == expect.pop("grade")
    if "gaps" in expect:
        assert [g.id for g in result.gaps] == expect.pop("gaps")
    if "next_grade" in expect:
        assert result.next_grade is not None and list(result.next_grade.gap_ids) == expect.pop("next_grade")
    if "parts" in expect:
        assert {p.part.id: p.score for p in result.parts if p.score is not None} == expect.pop("parts")
    if "bonus" in expect:
        bonus = expect.pop("bonus")
        assert result.bonus is not None
        assert (result.bonus.earned, result.bonus.points) == (bonus["earned"], bonus["points"])
    for req_id, want in expect.items():
        got = result.result(req_id)
        assert got is not None
        assert got.status == want["status"]
        assert got.points == pytest.approx(want["points"])
        if "deductions" in want:
            assert [[what, off] for what, off in got.deductions] == want["deductions"]
        if "unsupported" in want:
            assert got.unsupported == want["unsupported"]
    data = to_dict(result)
    jsonschema.validate(data, load_schema("result.schema.json"))


def test_json_shows_the_sheet(tmp_path: Path) -> None:
    facts = {"S-2": {"value": {"handled": ["guide", "windows", "self"]}}, "S-7": {"value": True}, "B-1": {"value": 1}}
    data = to_dict(_check(tmp_path, facts))
    gap = next(g for g in data["gaps"] if g["id"] == "S-2")
    assert gap["method"] == ["site"]
    assert gap["deductions"] == [{"what": "缺：政务公开区", "points": 0.5}, {"what": "缺：休息等候区", "points": 0.5}]
    unsupported = next(g for g in data["gaps"] if g["id"] == "S-7")
    assert unsupported["unsupported"] == "佐证材料不足：台账 0/1、照片 0/2"
    assert unsupported["evidence_required"] == "台账 ≥ 1 份、照片 ≥ 2 份"
    assert data["bonus"] == {
        "title": "附加分",
        "cap": 5,
        "earned": 2.0,
        "points": 2.0,
        "items": [
            {"id": "B-1", "title": "荣誉", "points": 2.0, "max_points": 4.0},
            {"id": "B-2", "title": "现场会", "points": 0.0, "max_points": 2.0},
        ],
    }
    assert [p["id"] for p in data["parts"]] == ["P1", "P2", "P3"]
    assert data["parts"][2]["score"] is None  # bonus items only: no base score
    assert all(r["bonus"] == r["id"].startswith("B-") for r in data["results"])
    assert data["counts"]["applicable"] == 7  # bonus items are not counted as requirements


def test_text_shows_deductions_and_bonus(tmp_path: Path) -> None:
    text = render_text(_check(tmp_path, {"S-3": {"value": {"handled": ["phone"]}}, "B-2": {"value": True}}))
    assert "扣分：缺：电脑 −0.2；缺：高拍仪 −0.2；缺：打印机 −0.2" in text
    assert "附加分 +2（上限 5）" in text


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("大厅.JPG", "photo"),
        ("台账：巡查记录", "record"),
        ("photo: x", "photo"),
        ("预案.pdf", "document"),
        ("a.mp4", "video"),
    ],
)
def test_evidence_kind(item: str, kind: str) -> None:
    assert evidence_kind(item) == kind


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"veto": True}, "std.bonus_conflict"),
        ({"deduct": {"each": 1}}, "std.bonus_conflict"),
        ({"kind": "presence", "params": {}}, "std.bonus_each"),
    ],
)
def test_lint_refuses_contradicting_bonus_items(tmp_path: Path, change: dict[str, Any], code: str) -> None:
    data = yaml.safe_load(SHEET.read_text(encoding="utf-8"))
    data["parts"][2]["categories"][0]["requirements"][0].update(change)  # B-1, a bonus item with `each`
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    doc, _ = standards.read_document(path)
    assert [p.code for p in standards.lint_document(doc)] == [code]


def test_lint_refuses_survey_bands_out_of_order(tmp_path: Path) -> None:
    data = yaml.safe_load(SHEET.read_text(encoding="utf-8"))
    data["parts"][1]["categories"][0]["requirements"][0]["params"]["bands"] = [{"min": 95, "credit": 0.5}]
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    doc, _ = standards.read_document(path)
    problems = standards.lint_document(doc)
    assert [p.code for p in problems] == ["std.band_order"]
    assert problems[0].line > 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_keeps_the_counts_line_with_and_without_bonus(tmp_path: Path, lang: str) -> None:
    lines = render_text(_check(tmp_path, {}, lang)).splitlines()
    assert lines[2].startswith(("得分", "Score"))
    assert lines[3].startswith(("附加分", "附加分"))  # the sheet's bonus title, in both languages (no title_en)
    assert lines[4].startswith(("达标", "met"))
