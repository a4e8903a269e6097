"""The on-site audit sheet: the workbook is filled in like an inspector would and read back as an audit;
the printable sheet is an A4 landscape PDF with a CJK font embedded."""

from __future__ import annotations

import json
import math
import re
import shutil
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from checker.audits.sheet_xlsx import CATALOGUE, MAIN
from tests.conftest import EXAMPLES, MINI, run_cli
from tests.reports_support import Markup, squeeze, weasyprint_warnings
from tests.test_audit import CHECKS, COMMUNITY, STANDARDS, record
from tests.test_workbook_safety import WORKBOOKS, _ole

FILLED = {  # what the inspector writes into the sheet for the hand-computed audit of tests/test_audit.py
    "R-area": ("420", "不符", "实测 420 平方米", "IMG_01.jpg"),
    "R-police": (None, "确认", None, None),
    "R-care": (260, "确认", None, None),
    "R-plaques": (None, "无法核实", "大门施工，牌子已摘下", None),
    "R-colour": ("白底红字", "不符", "门头为白底红字", None),
    "R-header": (None, "确认", None, None),
    "R-matters": (None, "不符", "居住证社区不能办理；医疗救助不能网上办理", None),
    "R-patrol": (None, "confirmed", None, None),
}


def sheet(tmp_path: Path) -> Path:
    out = tmp_path / "sheet.xlsx"
    run = run_cli("audit-sheet", COMMUNITY, *STANDARDS, "--format", "xlsx", "-o", out)
    assert (run.code, run.err) == (0, f"已写入 {out}\n")
    return out


def columns(ws: Any, label: str) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows():
        if row[0].value == label:
            return row[0].row, {str(c.value): c.column for c in row if c.value}
    raise AssertionError(f"no header row starting with {label}")


def fill(
    path: Path, rows: dict[str, tuple[Any, ...]], header: dict[str, str], entries: dict[str, tuple[str, str]]
) -> Path:
    book = load_workbook(path)
    main = book[MAIN]
    for row in main.iter_rows(max_col=2):
        if row[0].value in header:
            main.cell(row[0].row, 2, header[row[0].value])
    head, col = columns(main, "编号")
    for row in main.iter_rows(min_row=head + 1):
        values = rows.get(str(row[0].value))
        for key, value in zip(("核查值", "核查结论", "核查说明", "照片/文件编号"), values or (), strict=False):
            if value is not None:
                main.cell(row[0].row, col[key], value)
    catalogue = book[CATALOGUE]
    head, col = columns(catalogue, "编号")
    for row in catalogue.iter_rows(min_row=head + 1):
        found = entries.get(f"{row[0].value}/{row[1].value}")
        if found:
            catalogue.cell(row[0].row, col["核查"], found[0])
            catalogue.cell(row[0].row, col["核查：网上可办"], found[1])
    filled = path.with_name("filled.xlsx")
    book.save(filled)
    return filled


HEADER = {"检查人": "王某", "检查单位": "测试区民政局", "核查日期（YYYY-MM-DD）": "2024-06-01"}
ENTRIES = {"R-matters/M4": ("否", ""), "R-matters/M3": ("", "否")}


def test_the_workbook_reads_back_as_the_same_audit(tmp_path: Path) -> None:
    workbook = fill(sheet(tmp_path), FILLED, HEADER, ENTRIES)
    from_sheet = run_cli("check", COMMUNITY, *STANDARDS, "--audit", workbook, "--format", "json")
    as_yaml = tmp_path / "audit.yaml"
    as_yaml.write_text(yaml.safe_dump(record(CHECKS), allow_unicode=True), encoding="utf-8")
    from_yaml = run_cli("check", COMMUNITY, *STANDARDS, "--audit", as_yaml, "--format", "json")
    assert (from_sheet.code, from_sheet.err) == (1, "")
    sheet_audit, yaml_audit = json.loads(from_sheet.out)["audit"], json.loads(from_yaml.out)["audit"]
    assert sheet_audit.pop("file") == str(workbook)
    yaml_audit.pop("file")
    assert sheet_audit == yaml_audit
    assert sheet_audit["verified_score"] == 78.6


def test_a_bad_cell_is_named_by_sheet_and_cell(tmp_path: Path) -> None:
    rows = {**FILLED, "R-area": ("四百", "不符", "实测", None)}
    workbook = fill(sheet(tmp_path), rows, HEADER, ENTRIES)
    run = run_cli("check", COMMUNITY, *STANDARDS, "--audit", workbook)
    assert run.code == 2
    book = load_workbook(workbook)
    _, col = columns(book[MAIN], "编号")
    row = next(r[0].row for r in book[MAIN].iter_rows() if r[0].value == "R-area")
    cell = f"{MAIN}!{chr(ord('A') + col['核查值'] - 1)}{row}"
    assert run.err == f"{workbook}:{cell}: 第 R-area 项的核查值：应为数字（单位：m²），实际为“四百”\n"


def test_a_bad_tick_in_the_catalogue_is_named(tmp_path: Path) -> None:
    workbook = fill(sheet(tmp_path), FILLED, HEADER, {"R-matters/M2": ("也许", "")})
    run = run_cli("check", COMMUNITY, *STANDARDS, "--audit", workbook)
    assert run.code == 2
    assert run.err.startswith(f"{workbook}:{CATALOGUE}!G")
    assert "应填 是 或 否，实际为“也许”" in run.err


def test_a_workbook_that_is_not_an_audit_sheet_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    run_cli("template", MINI, "--format", "xlsx", "-o", other)
    run = run_cli("check", COMMUNITY, *STANDARDS, "--audit", other)
    assert run.code == 2
    assert "不是核查表工作簿：缺少工作表“核查表”" in run.err


def test_the_printable_sheet_is_a4_landscape_with_a_cjk_font(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    with weasyprint_warnings() as warnings:
        run = run_cli("audit-sheet", COMMUNITY, *STANDARDS, "-o", out)
    assert (run.code, run.err, warnings) == (0, f"已写入 {out}\n", [])
    pdf = PdfReader(BytesIO(out.read_bytes()))
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (842, 595)
    text = "".join(page.extract_text() for page in pdf.pages)
    for expected in (
        "实地核查表",
        "测试社区",
        "R-area",
        "600 m²",
        "确认",
        "不符",
        "无法核实",
        "目录逐项核对",
        "居住证办理",
    ):
        assert expected in text
    fonts = {str(f["/BaseFont"]) for page in pdf.pages for f in page["/Resources"]["/Font"].values()}
    assert any("CJK" in name for name in fonts)


def test_the_html_sheet_escapes_what_the_community_wrote(tmp_path: Path) -> None:
    hostile = COMMUNITY.read_text(encoding="utf-8").replace("name: 测试社区", 'name: "<script>x</script>"')
    community = tmp_path / "hostile.yaml"
    community.write_text(hostile, encoding="utf-8")
    run = run_cli("audit-sheet", community, *STANDARDS, "--format", "html")
    assert run.code == 0
    assert "<script>x" not in run.out
    assert "&lt;script&gt;x&lt;/script&gt;" in run.out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sheet_lists_every_fact_once(lang: str) -> None:
    run = run_cli("audit-sheet", COMMUNITY, *STANDARDS, "--format", "html", "--lang", lang)
    facts = ("R-area", "R-police", "R-care", "R-plaques", "R-colour", "R-header", "R-matters", "R-patrol")
    for fact in facts:
        assert run.out.count(f'<td class="id">{fact}</td>') == 1
    assert '<td class="id">R-online</td>' not in run.out  # decided by R-matters' fact


def test_the_english_sheet_names_departments_in_english_or_says_it_cannot() -> None:
    """The English sheet takes a department's English name from the standard's bodies (民政 -> District Civil
    Affairs Bureau); a department the standard gives no English for stays Chinese, marked so, never translated."""
    from checker import pipeline
    from checker import standard as standards
    from checker.audits.sheet import build_sheet

    def departments(lang: str, path: Path, standard: Path | None = None) -> set[str]:
        loaded = pipeline.load(path, standards.load_standard(standard) if standard else None)
        sheet = build_sheet(loaded.standard, loaded.assessment, lang)
        return {e.department for block in sheet.checklists for e in block.entries}

    kangju = EXAMPLES / "xuzhou-2017--kangju.yaml"
    found = departments("en", kangju)
    assert "District Civil Affairs Bureau" in found and "District Disabled Persons' Federation" in found
    assert not [d for d in found if re.search("[\u4e00-\u9fff]", d)], found
    assert {"民政", "残联"} <= departments("zh", kangju)  # the Chinese sheet keeps the standard's own words
    mini = departments("en", COMMUNITY, MINI)  # the mini standard has no bodies: no English name to take
    assert mini == {f"{d} (Chinese name only)" for d in ("民政", "残联", "医保", "公安")}


def _bomb(tmp_path: Path) -> Path:
    """The audit sheet with one part that expands from about 6 KB to 6 MiB (as in test_workbook_safety)."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(sheet(tmp_path)) as good, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in good.infolist():
            archive.writestr(member, good.read(member))
        archive.writestr("xl/worksheets/sheet9.xml", b" " * (6 * 1024 * 1024))
    return path


def _encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "encrypted.xlsx"
    shutil.copy(WORKBOOKS / "encrypted-password-secret.xlsx", path)
    return path


def _legacy(tmp_path: Path) -> Path:
    path = tmp_path / "legacy.xlsx"
    path.write_bytes(_ole("Root Entry", "Workbook", "SummaryInformation"))
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        pytest.param(_bomb, "疑似压缩炸弹", id="zip bomb"),
        pytest.param(_encrypted, "文件设置了打开密码", id="encrypted"),
        pytest.param(_legacy, "旧版 Excel（.xls）", id="legacy xls"),
    ],
)
def test_an_unsafe_audit_workbook_never_reaches_openpyxl(tmp_path: Path, make: Any, words: str) -> None:
    path = make(tmp_path)
    run = run_cli("check", COMMUNITY, *STANDARDS, "--audit", path)
    assert run.code == 2, run.err
    assert f"{path}:1:1: " in run.err, run.err
    assert words in run.err, run.err


KANGJU = EXAMPLES / "xuzhou-2017--kangju.yaml"
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # day_care_room, accessible_passage: the standard's internal IDs


def catalogue_blocks(text: str) -> dict[str, str]:
    """The sheet's text cut at each catalogue heading, by the checked fact's ID."""
    parts = re.split(r"(?:目录逐项核对|Catalogue check) · (\S+)", text)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sheet_names_entries_and_words_rooms_apart_from_matters(lang: str) -> None:
    run = run_cli("audit-sheet", KANGJU, "--format", "html", "--lang", lang)
    text = Markup(run.out.split("</head>", 1)[1]).text  # what is shown, not the style sheet
    assert CODE.findall(text) == []
    blocks = catalogue_blocks(text)
    rooms, hall, matters = blocks["XZ-F-505"], blocks["XZ-F-901"], blocks["XZ-S-101"]
    assert "日间照料室" in rooms or "Day care room" in rooms
    handled = "可办理" if lang == "zh" else "handled"
    assert handled not in rooms and handled not in hall and handled in matters
    assert ("自评有无" if lang == "zh" else "Claimed: in place") in rooms


def test_the_inspector_signs_after_the_catalogues(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    run = run_cli("audit-sheet", KANGJU, "-o", out)
    assert run.code == 0
    pages = [squeeze(page.extract_text()) for page in PdfReader(out).pages]
    signed = [number for number, text in enumerate(pages, start=1) if "检查人（签字）" in text]
    assert signed == [len(pages)]
    assert "目录逐项核对" in pages[-1]  # with the last catalogue, not alone on a page
    assert all(not CODE.search(text) for text in pages)


def visible_cells(ws: Any) -> list[Any]:
    hidden = {letter for letter, dim in ws.column_dimensions.items() if dim.hidden}
    return [c for row in ws.iter_rows() for c in row if c.value not in (None, "") and c.column_letter not in hidden]


def text_units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_prints_on_a4_landscape_and_clips_no_label(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "sheet.xlsx"
    assert run_cli("audit-sheet", KANGJU, "--format", "xlsx", "-o", out, "--lang", lang).code == 0
    book = load_workbook(out)
    for ws in (book[MAIN], book[CATALOGUE]):
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        heading = next(c.row for c in visible_cells(ws) if c.value in ("编号", "Fact ID"))
        assert ws.print_title_rows == f"${heading}:${heading}"
        assert ws.oddFooter.center.text == ("Page &P of &N" if lang == "en" else "第 &P 页，共 &N 页")
        merged = {(r.min_row, r.min_col): r.max_col for r in ws.merged_cells.ranges}
        for cell in visible_cells(ws):
            last = merged.get((cell.row, cell.column), cell.column)
            width = sum(ws.column_dimensions[get_column_letter(c)].width or 9 for c in range(cell.column, last + 1))
            needed = sum(max(1, math.ceil(text_units(line) / (width - 1.5))) for line in str(cell.value).split("\n"))
            if needed == 1:
                continue
            if not cell.alignment.wrap_text:  # spills over its empty neighbours, as a title does
                right = [ws.cell(cell.row, c).value for c in range(last + 1, ws.max_column + 1)]
                assert not any(right), f"{ws.title}!{cell.coordinate} {cell.value!r} is cut off"
                continue
            height = ws.row_dimensions[cell.row].height or 15
            assert height >= needed * 14, f"{ws.title}!{cell.coordinate} {cell.value!r} needs {needed} lines"
    assert all(not CODE.search(str(c.value)) for c in visible_cells(book[CATALOGUE]))


def test_a_workbook_with_the_earlier_catalogue_labels_still_reads(tmp_path: Path) -> None:
    workbook = fill(sheet(tmp_path), FILLED, HEADER, ENTRIES)
    book = load_workbook(workbook)
    catalogue = book[CATALOGUE]
    head, col = columns(catalogue, "编号")
    catalogue.cell(head, col["自评"], "自评：可办理")
    catalogue.cell(head, col["核查"], "核查：可办理")
    book.save(workbook)
    run = run_cli("check", COMMUNITY, *STANDARDS, "--audit", workbook, "--format", "json")
    assert (run.code, run.err) == (1, "")
    assert json.loads(run.out)["audit"]["verified_score"] == 78.6


# ---------------------------------------------------------------- items outside the community's profile


def test_the_sheet_offers_only_items_an_inspector_can_find_on(tmp_path: Path) -> None:
    """A fact whose every requirement lies outside the community's profile (按社区类型不适用 …) is judged not
    applicable whatever is found and was claimed by nobody: the record refuses to "确认" it
    (audit.nothing_to_confirm), so no sheet offers it — the printed sheet, the workbook, the pre-filled record
    and the phone form (all build_sheet). Every item left can be confirmed as claimed, 不适用 claims included."""
    from checker import pipeline
    from checker.audits import record as records
    from checker.audits.sheet import build_sheet
    from checker.engine import applies
    from checker.errors import InputError

    path = EXAMPLES / "xuzhou-2017--qinghe.yaml"
    loaded = pipeline.load(path)
    standard, assessment = loaded.standard, loaded.assessment
    built = build_sheet(standard, assessment)
    on_sheet = {row.fact_id for section in built.sections for row in section.rows}
    outside = {
        r.id
        for r in standard.fact_owners()
        if not any(applies(assessment.profile, q) for q in standard.requirements if q.fact_id == r.id)
    }
    assert "XZ-F-101" in outside  # 按社区类型（城市/农村）不适用, the tester's item
    assert on_sheet == {r.id for r in standard.fact_owners()} - outside
    assert not {b.fact_id for b in built.checklists} & outside

    def confirm(fact_ids: set[str]) -> Path:
        data = {
            "standard": standard.id,
            "assessment": {"sha256": assessment.sha256, "file": path.name},
            "inspector": "王某",
            "date": "2026-11-20",
            "checks": {f: {"finding": "确认"} for f in sorted(fact_ids)},
        }
        out = tmp_path / "audit.yaml"
        out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return out

    answered = {f for f in on_sheet if (c := assessment.facts.get(f)) is not None and c.answered}
    audit = records.load(confirm(answered), standard, assessment)
    assert set(audit.checks) == answered
    with pytest.raises(InputError) as refused:
        records.load(confirm({"XZ-F-101"}), standard, assessment)
    assert [p.code for p in refused.value.problems] == ["audit.nothing_to_confirm"]
