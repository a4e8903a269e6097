"""Reading what clerks write: the cell conventions, and every value problem placed at its sheet and cell."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from checker import pipeline
from checker.workbook.layout import layout_of
from tests.conftest import MINI, run_cli
from tests.workbook_forms import answer_cell, fill_profile, form, mini, profile, save, set_answer, xuzhou


def _filled(tmp_path: Path, answers: dict[str, Any], key: str = "value") -> tuple[Path, dict[str, str]]:
    standard = xuzhou()
    book = form(standard)
    fill_profile(book)
    places = {req_id: set_answer(book, standard, req_id, value, key) for req_id, value in answers.items()}
    return save(book, tmp_path / "form.xlsx"), places


def _facts(path: Path) -> dict[str, Any]:
    return {k: f.value for k, f in pipeline.load(path).assessment.facts.items()}


@pytest.mark.parametrize(
    ("requirement", "cell", "read"),
    [
        ("XZ-F-801", "650", 650.0),  # a number typed into a text cell
        ("XZ-F-801", " 12.5 ", 12.5),
        ("XZ-F-801", 600, 600.0),
        ("XZ-F-103", "是", True),
        ("XZ-F-103", "有", True),  # what read_bool accepts in YAML is accepted here too
        ("XZ-F-103", "否", False),
        ("XZ-F-102", "灰底蓝字", "灰底蓝字"),
        ("XZ-F-101", "社区 综合服务中心", "社区 综合服务中心"),
        ("XZ-F-105", "社区党组织、社区居民委员会", ["社区党组织", "社区居民委员会"]),
        ("XZ-F-105", "社区党组织\n社区居民委员会；计生协会", ["社区党组织", "社区居民委员会", "计生协会"]),
        ("XZ-F-105", "无", []),
        ("XZ-F-505", "日间照料室\n助餐就餐室、康复理疗室", None),
        ("XZ-F-505", "day_care_room", None),  # IDs work as well as names
        ("XZ-F-103", "   ", None),  # only spaces: empty
    ],
)
def test_cell_conventions(tmp_path: Path, requirement: str, cell: Any, read: Any) -> None:
    path, _ = _filled(tmp_path, {requirement: cell})
    facts = _facts(path)
    if requirement == "XZ-F-505":
        expected = ["day_care_room"] if cell == "day_care_room" else ["day_care_room", "dining_room", "rehab_room"]
        assert facts[requirement] == {"handled": expected, "online": []}
    elif read is None:
        assert requirement not in facts
    else:
        assert facts[requirement] == read


def test_items_marked_online(tmp_path: Path) -> None:
    path, _ = _filled(tmp_path, {"XZ-S-401": "助洁★\n助餐"})
    assert _facts(path)["XZ-S-401"] == {"handled": ["help_cleaning", "help_meals"], "online": ["help_cleaning"]}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"XZ-F-801": "约300"}, "第 XZ-F-801 项的填报内容：应为数字（单位：m²），实际为“约300”"),
        ({"XZ-F-801": -5}, "数值不能为负数"),
        ({"XZ-S-202": 2.5}, "应为整数，实际为 2.5"),
        ({"XZ-F-103": "大概有"}, "应填 是 或 否，实际为“大概有”"),
        ({"XZ-F-102": "红底黄字"}, "应为 灰底蓝字、白底红字、蓝底白字、其他 之一，实际为“红底黄字”"),
        ({"XZ-F-505": "日间照料室\n健身房"}, "“居家养老服务中心功能室”中没有“健身房”"),
        ({"XZ-F-505": "日间照料室、日间照料室"}, "“day_care_room”重复列出"),
    ],
)
def test_value_problems_name_the_cell(tmp_path: Path, answers: dict[str, Any], message: str) -> None:
    path, places = _filled(tmp_path, answers)
    for command in ("check", "validate"):
        run = run_cli(command, path)
        assert run.code == 2
        line = next(x for x in run.err.splitlines() if x.startswith(f"{path}:{places[next(iter(answers))]}: "))
        assert message in line, run.err


def test_not_applicable_column(tmp_path: Path) -> None:
    path, places = _filled(
        tmp_path, {"XZ-S-402": "无机构承接，经区民政局同意暂由社区自营", "XZ-F-801": "不需要"}, "not_applicable"
    )
    run = run_cli("validate", path)
    assert run.code == 2
    assert f"{path}:{places['XZ-F-801']}: 第 XZ-F-801 项的不适用理由：该要求不允许申报“不适用”" in run.err
    assert "XZ-S-402" not in run.err
    standard = xuzhou()
    book = form(standard)
    fill_profile(book)
    set_answer(book, standard, "XZ-S-402", "无机构承接，经区民政局同意暂由社区自营", "not_applicable")
    set_answer(book, standard, "XZ-F-603", "社区内设有快递柜", "note")
    set_answer(book, standard, "XZ-F-603", "照片/快递柜.jpg\n\n照片/驿站.jpg", "evidence")
    facts = pipeline.load(save(book, tmp_path / "ok.xlsx")).assessment.facts
    assert facts["XZ-S-402"].not_applicable == "无机构承接，经区民政局同意暂由社区自营"
    assert facts["XZ-F-603"].evidence == ("照片/快递柜.jpg", "照片/驿站.jpg")
    assert facts["XZ-F-603"].note == "社区内设有快递柜"


def test_matters_sheet(tmp_path: Path) -> None:
    standard = xuzhou()
    book = form(standard)
    fill_profile(book)
    matters = book["事项清单"]
    matters["F3"], matters["G3"] = "是", "是"  # M01 handled and online
    matters["F4"], matters["G4"] = "否", "否"
    matters["F5"] = "是"  # M03 handled; online left empty: no
    path = save(book, tmp_path / "form.xlsx")
    assert _facts(path)["XZ-S-101"] == {"handled": ["M01", "M03"], "online": ["M01"]}
    matters["G4"] = "是"  # online but not handled
    path = save(book, tmp_path / "bad.xlsx")
    run = run_cli("check", path)
    assert run.code == 2
    assert f"{path}:事项清单!G4: 第 XZ-S-101 项网上可办事项的第 2 项事项：事项“M02”填为网上可办" in run.err


def test_matters_sheet_left_empty_is_unanswered(tmp_path: Path) -> None:
    path, _ = _filled(tmp_path, {})
    assert "XZ-S-101" not in _facts(path)
    sheet, cell = answer_cell(layout_of(xuzhou()), "XZ-S-101")
    assert (sheet, cell) == ("服务供给", "E3")


def test_profile_cells(tmp_path: Path) -> None:
    book = form(xuzhou())
    fill_profile(book)
    profile(book, {"填报日期": datetime(2024, 6, 30), "联系电话": 83001234, "户数": "3200", "小区类型": "老旧小区"})
    loaded = pipeline.load(save(book, tmp_path / "form.xlsx"))
    assert loaded.assessment.filled_on == "2024-06-30"
    assert loaded.assessment.profile.phone == "83001234"
    assert loaded.assessment.profile.households == 3200
    assert loaded.assessment.profile.estate_type == "old"
    profile(book, {"户数": "约3000"})
    path = save(book, tmp_path / "bad.xlsx")
    run = run_cli("validate", path)
    assert run.code == 2
    assert f"{path}:基本信息!B14: 户数：应为整数/空值，实际为文字“约3000”" in run.err


@pytest.mark.parametrize("label", ["标准编号", "标准版本", "表单版本"])
def test_true_typed_into_an_identity_cell_is_refused_not_a_crash(tmp_path: Path, label: str) -> None:
    book = form(xuzhou())
    fill_profile(book)
    profile(book, {label: True})  # TRUE typed in Excel: a boolean cell
    path = save(book, tmp_path / "form.xlsx")
    for command in ("check", "validate"):
        run = run_cli(command, path)
        assert run.code == 2, (command, run.err)
        assert "Traceback" not in run.err and "True" in run.err, run.err


def test_a_prompt_typed_into_the_form_is_refused_at_its_cell(tmp_path: Path) -> None:
    """#10 §3: the workbook goes through the same placeholder refusal as YAML."""
    book = form(xuzhou())
    fill_profile(book)
    profile(book, {"社区名称": "（请填写社区名称）"})
    run = run_cli("validate", save(book, tmp_path / "form.xlsx"))
    assert run.code == 2
    assert "form.xlsx:基本信息!B8: " in run.err and "仍是空白表中的提示文字“（请填写社区名称）”" in run.err


def test_a_blank_form_leaves_the_period_to_fill(tmp_path: Path) -> None:
    """#10 §10: the clock does not fill the period of a blank workbook; --period does."""
    blank, chosen = tmp_path / "blank.xlsx", tmp_path / "chosen.xlsx"
    assert run_cli("template", "xuzhou-2017", "--format", "xlsx", "-o", blank).code == 0
    assert run_cli("template", "xuzhou-2017", "--format", "xlsx", "--period", "2023", "-o", chosen).code == 0
    from openpyxl import load_workbook

    def period(path: Path) -> Any:
        sheet = load_workbook(path)["基本信息"]
        return next(
            sheet.cell(r, 2).value for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "填报周期（必填）"
        )

    assert (period(blank), period(chosen)) == (None, "2023")


def test_every_problem_in_one_pass_sheet_by_sheet(tmp_path: Path) -> None:
    """#10 §6: dropdown refusals no longer hide the value problems; the sheets come in the workbook's order."""
    standard = xuzhou()
    book = form(standard)
    fill_profile(book)
    profile(book, {"社区类型": "城镇"})  # not in the dropdown
    book["事项清单"]["G4"] = "也许"  # not 是/否
    places = {
        req_id: set_answer(book, standard, req_id, value)
        for req_id, value in (("XZ-I-102", "很多"), ("XZ-S-201", "两个"), ("XZ-F-801", "四百"))
    }
    path = save(book, tmp_path / "form.xlsx")
    run = run_cli("validate", path)
    assert run.code == 2
    cells = [line.removeprefix(f"{path}:").partition(": ")[0] for line in run.err.splitlines()]
    assert cells[:5] == ["基本信息!B12", places["XZ-F-801"], places["XZ-S-201"], places["XZ-I-102"], "事项清单!G4"]
    answered = 4  # the three numbers typed as words still count as answers, and so does the touched matters sheet
    left = sum(1 for q in layout_of(standard).questions() if q.requirement.fact_id == q.requirement.id) - answered
    assert f"{path}：共 5 处问题；还有 {left} 项未填报" in run.err


def test_the_standard_cell_names_an_id_not_a_file(tmp_path: Path) -> None:
    """#11 §3: a standard cell holding a path to a standard file is not loaded as the standard."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    book = form(mini())
    fill_profile(book)
    profile(book, {"标准编号": str(rules)})
    path = save(book, tmp_path / "form.xlsx")
    for command in ("check", "validate"):
        run = run_cli(command, path)
        assert run.code == 2, (command, run.err)
        assert f"{path}:基本信息!B" in run.err and f"未找到标准“{rules}”：标准只能写标准 ID" in run.err, run.err


def test_a_chinese_date_and_a_phone_typed_as_a_number(tmp_path: Path) -> None:
    """#10 §5: 2024年5月1日 is a date (a newer form must not lose to a 2018 file as a duplicate); the 0 of an area
    code that Excel dropped is put back."""
    from checker.publish.record import day_number

    book = form(xuzhou())
    fill_profile(book)
    profile(book, {"填报日期": "2024年5月1日", "联系电话": 51683001234})
    assessment = pipeline.load(save(book, tmp_path / "form.xlsx")).assessment
    assert (assessment.filled_on, assessment.profile.phone) == ("2024-05-01", "051683001234")
    assert day_number(assessment.filled_on) > day_number("2018-05-07")
    profile(book, {"填报日期": "五一"})
    path = save(book, tmp_path / "bad.xlsx")
    run = run_cli("validate", path)
    assert run.code == 2 and f"{path}:基本信息!B7: 填报日期：应为日期" in run.err


# ---------------------------------------------------------------- no exception escapes (hypothesis)

from datetime import date as _date  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CELLS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e308, -1e300, 10**20, 2**53 + 1, "=1+1", "1e309", "9" * 400, "（请填写）"])
    | st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)  # openpyxl cannot write controls
    | st.dates(min_value=_date(1900, 1, 1)).map(lambda d: datetime(d.year, d.month, d.day))
)
_QUESTIONS = ["R-area", "R-police", "R-care", "R-plaques", "R-colour", "R-patrol"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_QUESTIONS), _CELLS), min_size=1, max_size=4), _CELLS)
def test_any_cell_contents_are_read_or_placed(answers: list[tuple[str, Any]], households: Any) -> None:
    """#11 §2: whatever a clerk types into the form's cells is read, or refused at its sheet!cell."""
    import tempfile

    from checker.errors import InputError

    standard = mini()
    book = form(standard)
    fill_profile(book)
    profile(book, {"户数": households})
    for requirement_id, value in answers:
        set_answer(book, standard, requirement_id, value)
    with tempfile.TemporaryDirectory() as folder:
        path = save(book, Path(folder) / "form.xlsx")
        try:
            pipeline.check(path, "zh", standard)
        except InputError as error:
            assert error.problems
            for problem in error.problems:
                problem.format("zh"), problem.format("en")
