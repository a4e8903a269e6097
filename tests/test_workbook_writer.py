"""The blank form (`sqcheck template STANDARD --format xlsx`): sheets, dropdowns, locks, printing, identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from checker.workbook.layout import layout_of
from tests.conftest import run_cli
from tests.workbook_forms import check_json, fill_profile, form, save, xuzhou


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("form") / "form.xlsx"
    run = run_cli("template", "xuzhou-2017", "--format", "xlsx", "-o", path, "--period", "2024")
    assert run.code == 0, run.err
    return path


def _validation(sheet: Worksheet, coordinate: str) -> DataValidation | None:
    found = [v for v in sheet.data_validations.dataValidation if coordinate in v.sqref]
    assert len(found) <= 1, coordinate
    return found[0] if found else None


def test_sheets_and_identity(template: Path) -> None:
    book = load_workbook(template)
    assert book.sheetnames == ["填表说明", "基本信息", "功能配置", "服务供给", "信息化", "否决事项", "事项清单"]
    profile = book["基本信息"]
    assert [profile.cell(r, 2).value for r in (2, 3, 4, 5)] == ["xuzhou-2017", "2017", "1", "2024"]
    assert all(not sheet.merged_cells.ranges for sheet in book.worksheets)


def test_dropdowns_are_present_when_read_back(template: Path) -> None:
    book = load_workbook(template)
    standard = xuzhou()
    kinds: dict[str, int] = {}
    for question in layout_of(standard).questions():
        req = question.requirement
        sheet, _, cell = question.place("value").partition("!")
        check = _validation(book[sheet], cell)
        kinds[req.kind] = kinds.get(req.kind, 0) + 1
        if req.kind == "presence" and "served_within" in req.params:
            assert check is None, req.id  # the cell may also name the facility that serves the community
        elif req.kind == "presence":
            assert check is not None and check.type == "list" and check.formula1 == '"是,否"', req.id
        elif req.kind == "choice":
            assert check is not None and check.formula1 == '"' + ",".join(req.params["options"]) + '"', req.id
        elif req.kind == "threshold":
            assert check is not None and check.type == ("whole" if req.params.get("integer") else "decimal"), req.id
        else:
            assert check is None, req.id  # free text, lists of texts, the matters sheet
    assert kinds["presence"] > 30 and kinds["threshold"] > 10 and kinds["choice"] == 1
    matters = book["事项清单"]
    for coordinate in ("F3", "G3", "F67", "G67"):
        check = _validation(matters, coordinate)
        assert check is not None and check.formula1 == '"是,否"', coordinate
    assert matters["A67"].value == "M65" and matters["A68"].value is None
    area = _validation(book["基本信息"], "B12")
    assert area is not None and area.formula1 == '"城市社区,农村社区"'


def test_locks_frozen_headers_and_printing(template: Path) -> None:
    book = load_workbook(template)
    sheet = book["功能配置"]
    assert sheet.protection.sheet
    assert sheet["A3"].protection.locked and sheet["C3"].protection.locked
    assert not any(sheet.cell(3, col).protection.locked for col in range(5, 9))  # 填报 … 备注
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$1:$2"
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book["事项清单"].freeze_panes == "A3" and book["基本信息"].freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 40  # the requirement's text, in Chinese


def test_shared_facts_appear_once(template: Path) -> None:
    book = load_workbook(template)
    ids = [sheet.cell(row, 1).value for sheet in book.worksheets[2:5] for row in range(3, sheet.max_row + 1)]
    assert "XZ-F-801" in ids and "XZ-F-802" not in ids  # 每百户面积 reads the centre's area
    assert "XZ-S-101" in ids and "XZ-I-103" not in ids  # 19 online reads the matters sheet
    sheet = book["功能配置"]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == "XZ-F-801")
    assert "同时用于 XZ-F-802" in sheet.cell(row, 3).value


def test_instructions_explain_the_conventions(template: Path) -> None:
    text = "\n".join(str(c.value) for c in load_workbook(template)["填表说明"]["A"] if c.value)
    conventions = ("每行写一项", "顿号“、”", "填“无”", "不适用理由", "选择性粘贴 → 数值", "含公式的单元格一律拒收")
    for words in (*conventions, "xuzhou-2017"):
        assert words in text, words


def test_blank_form_checks_like_the_yaml_with_the_same_profile(tmp_path: Path) -> None:
    book = form(xuzhou())
    fill_profile(book)
    workbook = save(book, tmp_path / "form.xlsx")
    community = {"name": "蝶梦社区", "district": "云龙区", "street": "彭城街道", "area_type": "urban"}
    data = {"standard": "xuzhou-2017", "standard_version": "2017", "period": "2024", "community": community}
    source = tmp_path / "form.json"
    source.write_text(json.dumps({**data, "facts": {}}, ensure_ascii=False), encoding="utf-8")
    assert check_json(workbook) == check_json(source)


def test_blank_form_names_each_missing_profile_field(template: Path) -> None:
    run = run_cli("validate", template)
    assert run.code == 2
    for place, label in (("B8", "社区名称"), ("B10", "所属区（县）"), ("B11", "所属街道（镇）"), ("B12", "社区类型")):
        assert f"{template}:基本信息!{place}: 社区基本信息：缺少必填项“{label}”" in run.err
