"""Workbooks that are no longer the form we sent out: each is refused with exit 2 and the sheet and cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from checker.workbook.layout import layout_of
from tests.conftest import run_cli
from tests.workbook_forms import Damage, fill_profile, form, mini, save, xuzhou


def _swap_rows(book: Workbook) -> None:
    sheet = book["功能配置"]
    for col in range(1, 9):
        upper, lower = sheet.cell(3, col), sheet.cell(4, col)
        upper.value, lower.value = lower.value, upper.value


def _formula(book: Workbook) -> None:
    book["功能配置"]["E5"] = "=1+1"


def _version(book: Workbook) -> None:
    book["基本信息"]["B3"] = "2016"


def _form_version(book: Workbook) -> None:
    book["基本信息"]["B4"] = "9"


CASES: dict[str, tuple[Damage, str, str]] = {
    # name: (damage, the place, a piece of the message)
    "row deleted": (lambda b: b["功能配置"].delete_rows(5), "功能配置!A5", "“XZ-F-103”一行被删除了"),
    "rows sorted": (_swap_rows, "功能配置!A3", "行被移动或排序"),
    "ID edited": (lambda b: b["服务供给"].cell(3, 1, "XZ-S-1O1"), "服务供给!A3", "实际为“XZ-S-1O1”"),
    "profile row deleted": (lambda b: b["基本信息"].delete_rows(6), "基本信息!A6", "“填报人”一行被删除了"),
    "row inserted": (lambda b: b["信息化"].insert_rows(4), "信息化!A4", "实际为“（空）”：编号被改动，或插入"),
    "merged cells": (lambda b: b["功能配置"].merge_cells("E3:F3"), "功能配置!E3", "合并了单元格 E3:F3"),
    "formula in an answer": (_formula, "功能配置!E5", "单元格含公式“=1+1”"),
    "formula on the matters sheet": (
        lambda b: b["事项清单"].cell(7, 6, '=IF(1,"是","否")'),
        "事项清单!F7",
        "不读取公式的缓存结果",
    ),
    "column inserted": (lambda b: b["信息化"].insert_cols(3), "信息化!C2", "表头应为“要求”"),
    "text outside the table": (lambda b: b["功能配置"].cell(5, 10, "另见附件"), "功能配置!J5", "不会被读取"),
    "text below the table": (lambda b: b["事项清单"].cell(80, 3, "新增事项"), "事项清单!C80", "不会被读取"),
    "text in the last row": (lambda b: b["信息化"].cell(1048576, 16384, "x"), "信息化!XFD1048576", "不会被读取"),
    "other version": (_version, "基本信息!B3", "2016 版生成的，当前标准为 2017 版"),
    "other form version": (_form_version, "基本信息!B4", "表单版本为“9”"),
    "dropdown bypassed (matters)": (lambda b: b["事项清单"].cell(5, 6, "有的"), "事项清单!F5", "应填 是 或 否"),
    "dropdown bypassed (profile)": (lambda b: b["基本信息"].cell(12, 2, "城镇"), "基本信息!B12", "城市社区、农村社区"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_form_is_refused_with_its_cell(tmp_path: Path, case: str) -> None:
    damage, place, words = CASES[case]
    book = form(xuzhou())
    fill_profile(book)
    damage(book)
    path = save(book, tmp_path / "form.xlsx")
    for command in ("check", "validate"):
        run = run_cli(command, path)
        assert run.code == 2, (command, run.err)
        assert f"{path}:{place}: " in run.err, run.err
        assert words in run.err, run.err


def test_sheet_added_or_removed_is_refused(tmp_path: Path) -> None:
    book = form(xuzhou())
    book.create_sheet("我的草稿")
    run = run_cli("check", save(book, tmp_path / "extra.xlsx"))
    assert run.code == 2
    assert f"{tmp_path / 'extra.xlsx'}:1:1: 多出工作表：我的草稿" in run.err
    book = form(xuzhou())
    del book["信息化"]
    run = run_cli("check", save(book, tmp_path / "missing.xlsx"))
    assert run.code == 2
    assert "缺少工作表：信息化" in run.err


def test_form_of_another_standard_is_refused(tmp_path: Path) -> None:
    path = save(form(mini()), tmp_path / "mini.xlsx")
    run = run_cli("check", path, "--standard", "xuzhou-2017")
    assert run.code == 2
    assert f"{path}:基本信息!B2: 该表是为标准“mini”（1 版）生成的，不能按标准“xuzhou-2017”（2017 版）读取" in run.err


def test_workbook_that_is_not_a_form_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "社区名称"
    run = run_cli("validate", save(book, tmp_path / "other.xlsx"))
    assert run.code == 2
    assert "不是 sqcheck 生成的自评表" in run.err


def test_english_messages(tmp_path: Path) -> None:
    book = form(xuzhou())
    _formula(book)
    run = run_cli("check", save(book, tmp_path / "form.xlsx"), "--lang", "en")
    assert run.code == 2
    assert "功能配置!E5: the cell holds a formula '=1+1': formulas are refused" in run.err


def test_extra_sheet_message_lists_the_form_sheets_in_order(tmp_path: Path) -> None:
    book = form(xuzhou())
    book.create_sheet("我的草稿")
    run = run_cli("check", save(book, tmp_path / "extra.xlsx"))
    assert run.code == 2
    expected = "、".join(layout_of(xuzhou()).sheet_names)
    assert f"表单只应有：{expected}。" in run.err, run.err
