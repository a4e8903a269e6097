"""Standards as Excel (checker/standard_xlsx.py): export → import gives the same standard for every bundled one
(and the scoring-sheet fixtures), and a bureau's mistakes are placed at sheet!cell."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import openpyxl
import pytest

from checker import standard as standards
from checker.errors import InputError
from checker.standard_xlsx import export_workbook, import_workbook
from tests.conftest import FIXTURES, ROOT

STANDARDS = [*standards.standard_files(ROOT / "standards"), FIXTURES / "standards" / "sheet.yaml"]
STANDARDS += [FIXTURES / "standards" / "shaoxing-5star.yaml", FIXTURES / "standards" / "mini.yaml"]


def _exported(path: Path) -> bytes:
    doc, _ = standards.read_document(path)
    return export_workbook(doc.data)


@pytest.mark.parametrize("path", STANDARDS, ids=lambda p: p.stem)
def test_round_trip_gives_the_same_standard(path: Path) -> None:
    doc, _ = standards.read_document(path)
    data, imported = import_workbook(export_workbook(doc.data), f"{path.stem}.xlsx")
    assert data == doc.data
    same = [dataclasses.replace(standards.build(d, "-"), path="") for d in (doc, imported)]
    assert same[0] == same[1]


def test_the_printable_sheet_has_the_columns_of_a_real_one() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_exported(FIXTURES / "standards" / "sheet.yaml")))
    assert book.sheetnames == ["标准信息", "评分细则", "来源", "目录", "等级"]
    sheet = book["评分细则"]
    headers = [c.value for c in sheet[2]]
    for wanted in (
        "编号",
        "类别",
        "考核内容",
        "考核标准",
        "分值",
        "扣分标准",
        "考核办法",
        "佐证材料",
        "责任单位",
        "层级",
    ):
        assert wanted in headers
    row = {h: c.value for h, c in zip(headers, sheet[4], strict=True)}  # S-2 功能区划分
    assert (row["编号"], row["分值"], row["扣分标准"], row["考核办法"]) == ("S-2", 2, "每缺一个功能区扣0.5分", "看现场")
    evidence = {h: c.value for h, c in zip(headers, sheet[9], strict=True)}  # S-7
    assert (evidence["佐证材料"], evidence["无佐证得分比例"]) == ("台账≥1、照片≥2", 0.5)
    assert sheet.print_title_rows == "$1:$2"  # the title and headers repeat on every printed page


def _edited(tmp_path: Path, edits: dict[str, dict[str, object]]) -> Path:
    book = openpyxl.load_workbook(io.BytesIO(_exported(ROOT / "standards" / "wanzheng-2020.yaml")))
    for sheet, cells in edits.items():
        for where, value in cells.items():
            book[sheet][where] = value
    path = tmp_path / "细则.xlsx"
    book.save(path)
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        import_workbook(path.read_bytes(), path.name)
    return [p.format("zh").split(":", 1)[1] for p in caught.value.problems]


def test_cell_problems_are_placed(tmp_path: Path) -> None:
    path = _edited(tmp_path, {"评分细则": {"H3": "八分", "K4": "看现场、拍脑袋", "P5": "也许", "R7": "=1+1"}})
    problems = _problems(path)
    assert [p.split(":")[0] for p in problems] == ["评分细则!H3", "评分细则!K4", "评分细则!P5", "评分细则!R7"]
    assert "应为数字，实际为“八分”" in problems[0]
    assert "公式" in problems[3]


def test_lint_problems_are_placed(tmp_path: Path) -> None:
    edits = {"评分细则": {"Q6": "thresh", "A8": "WZ-01", "T9": "wz-2020、nowhere"}, "等级": {"C3": 50}}
    problems = _problems(_edited(tmp_path, edits))
    assert [p.split(":")[0] for p in problems] == ["评分细则!Q6", "评分细则!A8", "评分细则!T9", "等级!C4"]
    assert "首次出现在第 3 行" in problems[1]


def test_cli_export_then_import_lints(sq, tmp_path: Path) -> None:
    xlsx, yaml_path = tmp_path / "评分表.xlsx", tmp_path / "标准.yaml"
    assert sq("standards", "export", "xuzhou-2017", "--format", "xlsx", "-o", xlsx).code == 0
    run = sq("standards", "import", xlsx, "-o", yaml_path)
    assert run.code == 0, run.err
    assert sq("standards", "lint", yaml_path).code == 0
    doc, _ = standards.read_document(yaml_path)
    original, _ = standards.read_document(ROOT / "standards" / "xuzhou-2017.yaml")
    assert doc.data == original.data


def test_cli_import_reports_problems_with_exit_2(sq, tmp_path: Path) -> None:
    run = sq("standards", "import", _edited(tmp_path, {"评分细则": {"H3": "八分"}}))
    assert run.code == 2
    assert "细则.xlsx:评分细则!H3: 应为数字" in run.err


def test_a_missing_sheet_is_named(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(_exported(ROOT / "standards" / "wanzheng-2020.yaml")))
    del book["来源"]
    path = tmp_path / "细则.xlsx"
    book.save(path)
    assert "缺少工作表：来源" in _problems(path)[0]
