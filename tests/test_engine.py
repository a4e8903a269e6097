"""Scoring, grades, gaps and the path to the next grade, on hand-computed cases over the mini standard.

Mini's points: R-area 10 (veto, ≥600 m²), R-police 5, R-care 5 (urban only), R-plaques 2, R-colour 2,
R-header 2, R-matters 8 (all 4 matters), R-online 4 (≥2 online), R-patrol 4 (≥3 h): 42 in all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from checker import pipeline
from checker import standard as standards
from checker.engine import evaluate
from checker.output import render_text, to_dict
from checker.validation import load_schema
from tests.conftest import MINI
from tests.test_assessment import GOOD, write

MINI_STANDARD = standards.load_standard(MINI)


def result_of(tmp_path: Path, text: str, lang: str = "zh", **kwargs):
    loaded = pipeline.load(write(tmp_path, text), MINI_STANDARD)
    return evaluate(MINI_STANDARD, loaded.assessment, lang=lang, **kwargs)


def partial_case() -> str:
    # R-area 300 of 600 m² → credit 0.5 → 5 of 10; matters 2 of 4 → 4 of 8; online 1 of 2 → 2 of 4.
    return GOOD.replace("R-area: {value: 650", "R-area: {value: 300").replace(
        "{handled: [M1, M2, M3, M4], online: [M1, M3]}", "{handled: [M1, M2], online: [M1]}"
    )


def test_hand_computed_score_grade_and_gaps(tmp_path: Path) -> None:
    result = result_of(tmp_path, partial_case())
    # earned 5 + 5 + 5 + 2 + 2 + 2 + 4 + 2 + 4 = 31 of 42 → 73.8
    assert result.score == 73.8
    assert result.grade and result.grade.id == "C"  # ≥75 would still be gated by the failed veto
    assert [(g.id, g.priority, g.level) for g in result.gaps] == [
        ("R-area", 1, "veto"),
        ("R-matters", 2, "normal"),
        ("R-online", 3, "normal"),
    ]
    area = result.gaps[0].result
    assert (area.required, area.reported, area.shortfall) == ("≥ 600 m²", "300 m²", "差 300 m²")
    matters = to_dict(result)["gaps"][1]["missing"]
    assert matters == [
        {"department": "医保", "entries": [{"id": "M3", "name": "医疗救助申请", "dept_2017": "民政"}]},
        {"department": "公安", "entries": [{"id": "M4", "name": "居住证办理", "dept_2017": "公安"}]},
    ]
    # closing the veto alone lifts the score to 36 / 42 = 85.7 and the grade to B
    assert result.next_grade is not None
    assert (result.next_grade.grade.id, result.next_grade.gap_ids, result.next_grade.score_after) == (
        "B",
        ("R-area",),
        85.7,
    )


def test_category_scores(tmp_path: Path) -> None:
    result = result_of(tmp_path, partial_case())
    by_id = {c.category.id: c for c in result.categories}
    assert (by_id["C1"].points, by_id["C1"].max_points, by_id["C1"].score) == (15, 20, 75.0)
    assert by_id["C2"].score == 100.0
    assert (by_id["C3"].points, by_id["C3"].max_points, by_id["C3"].score) == (10, 16, 62.5)


def test_everything_met(tmp_path: Path) -> None:
    result = result_of(tmp_path, GOOD)
    assert (result.score, result.grade.id, result.compliant, result.next_grade) == (100.0, "A", True, None)


def test_everything_unanswered(tmp_path: Path) -> None:
    text = re.sub(
        r"\{value: [^}]*\}",
        "{value: }",
        GOOD.replace("{value: {handled: [M1, M2, M3, M4], online: [M1, M3]}}", "{value: }"),
    )
    result = result_of(tmp_path, text)
    assert result.score == 0 and result.grade.id == "D"
    assert result.counts["unanswered"] == 9 and len(result.gaps) == 9
    assert all(g.result.shortfall == "按未达标计" for g in result.gaps)


def test_nothing_applicable(tmp_path: Path) -> None:
    rural_only = MINI.read_text(encoding="utf-8").replace("            applies_if: {area_type: [urban]}\n", "")
    rural_only = rural_only.replace(
        "            responsible:", "            applies_if: {area_type: [rural]}\n            responsible:"
    )
    standard = standards.load_standard(write(tmp_path, rural_only, "rural.yaml"))
    loaded = pipeline.load(write(tmp_path, GOOD), standard)
    result = evaluate(standard, loaded.assessment)
    assert result.score is None and result.grade is None and result.compliant
    assert result.counts["not_applicable"] == 9 and result.next_grade is None
    jsonschema.validate(to_dict(result), load_schema("result.schema.json"))


def test_not_applicable_by_profile_is_left_out(tmp_path: Path) -> None:
    rural = partial_case().replace("area_type: urban", "area_type: rural").replace("  R-care: {value: 220}\n", "")
    result = result_of(tmp_path, rural)
    assert result.result("R-care").status == "not_applicable"
    assert result.score == round(100 * 26 / 37, 1)


def test_exemption_is_counted_not_scored(tmp_path: Path) -> None:
    result = result_of(tmp_path, partial_case(), exemptions={"R-matters": "区政府批准缓办"})
    assert result.result("R-matters").status == "exempt" and result.counts["exempt"] == 1
    assert result.score == round(100 * 27 / 34, 1)


def test_failed_veto_caps_grade(tmp_path: Path) -> None:
    text = GOOD.replace("R-area: {value: 650", "R-area: {value: 590")  # 41.83 of 42 → 99.6, veto failed
    result = result_of(tmp_path, text)
    assert result.score == 99.6 and result.grade.id == "C"
    assert result.next_grade.gap_ids == ("R-area",)


def test_json_output_validates_and_is_stable(sq, tmp_path: Path) -> None:
    path = write(tmp_path, partial_case())
    run = sq("check", path, "--standard", MINI, "--format", "json")
    assert run.code == 1
    data = json.loads(run.out)
    jsonschema.validate(data, load_schema("result.schema.json"))
    assert list(data) == [
        "schema_version",
        "standard",
        "community",
        "assessment",
        "score",
        "grade",
        "compliant",
        "counts",
        "categories",
        "results",
        "gaps",
        "next_grade",
        "parts",
        "bonus",
    ]
    assert sq("check", path, "--standard", MINI, "--format", "json").out == run.out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_summary(tmp_path: Path, lang: str) -> None:
    text = render_text(result_of(tmp_path, partial_case(), lang=lang))
    if lang == "zh":
        assert "得分 73.8 / 100" in text and "缺什么，补什么（3 项）" in text and "差 300 m²" in text
        assert "医保: 医疗救助申请" in text
    else:
        assert "Score 73.8 / 100" in text and "300 m² short" in text and "What is missing (3 gaps)" in text


def test_output_file_is_written(sq, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "r.json"
    run = sq("check", write(tmp_path, GOOD), "--standard", MINI, "--format", "json", "-o", out)
    assert run.code == 0 and json.loads(out.read_text(encoding="utf-8"))["compliant"] is True


@pytest.mark.parametrize(
    ("filled_on", "period", "department"),
    [
        ("2018-05-09", "2018", "民政"),  # before the 2018 reform reached the district: the old department
        ("2018-11-01", "2018", "医保"),  # the day the new bureau took over (mini: dept_current_from 2018-11)
        ("", "2018", "民政"),  # no day given: the period's year stands for the date
        ("", "2019", "医保"),
    ],
)
def test_missing_entries_under_the_department_in_force_on_the_assessment_date(
    tmp_path: Path, filled_on: str, period: str, department: str
) -> None:
    text = partial_case().replace('period: "2024"', f'period: "{period}"')
    text = text.replace("filled_on: 2024-06-30", f"filled_on: {filled_on}" if filled_on else "filled_on:")
    missing = to_dict(result_of(tmp_path, text))["gaps"][1]["missing"]
    assert missing[0] == {
        "department": department,
        "entries": [{"id": "M3", "name": "医疗救助申请", "dept_2017": "民政"}],
    }
