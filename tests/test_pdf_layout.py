"""Every kind of PDF the product makes keeps inside its page's margins, in Chinese and in English, for the
examples with the longest names and lists and for a generated worst case: every glyph's box and every drawn
line or box lies between the side margins (a printer cuts what does not), running headers and page numbers
keep clear of the paper's edge, and no text runs over its neighbour's.

Kinds: the gap report (check), the audited report (check --audit), the rectification notice, the inspector's
audit sheet and the bureau's published report. Each PDF costs about two seconds (render, then read every box).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, run_cli
from tests.pdf_layout import NOTICE, REPORT, Margins, layout_problems
from tests.reports_support import pdf_fonts, pdf_reader, weasyprint_warnings

KANGJU = EXAMPLES / "xuzhou-2017--kangju.yaml"  # the longest door-sign list
DIEMENG = EXAMPLES / "xuzhou-2017--diemeng.yaml"  # the longest file, with an audit that overturns claims
DIEMENG_AUDIT = EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml"
XUZHOU = sorted(EXAMPLES.glob("xuzhou-2017--*.yaml"))

# The worst a community and an inspector can reasonably write, within the schema's caps (a name of 40
# characters, 60 for who filled it in): long names, places and sign lists, and text with no break of its own
# (file names, addresses, hashes) wherever free text goes.
LONG_NAME = "云龙区彭城街道蝶梦花园东方明珠苑暨䶮鑫锦绣家园第一第二第三网格片区及周边联合社区"  # 40: the cap
UNBROKEN = "https://zwfw.xuzhou.gov.cn/shequ/fuwu/" + "0123456789abcdef" * 5
LONG_NOTE = (
    "按市民政局统一设计规范制作，经街道办事处、区民政局和区住房城乡建设局三方联合现场验收，"
    "验收意见及整改回复均已归档，详见 " + UNBROKEN
)
LONG_FILE = (
    "照片/蝶梦社区综合服务中心一站式服务大厅全景照片第一张至第十二张合集_2018年5月7日拍摄_Scan_0000123456789.jpg"
)
SIGNS = [
    "中共" + LONG_NAME + "委员会",
    LONG_NAME + "居民委员会",
    LONG_NAME + "计划生育协会",
    LONG_NAME + "老年人协会",
    LONG_NAME + "关心下一代工作委员会",
    LONG_NAME + "残疾人协会",
    LONG_NAME + "红十字会服务站",
    LONG_NAME + "新时代文明实践站志愿服务队",
]


def worst_case(folder: Path) -> tuple[Path, Path]:
    """The Diemeng example and its audit, written at their longest (the audit re-bound to the new file)."""
    data: dict[str, Any] = yaml.safe_load(DIEMENG.read_text(encoding="utf-8"))
    data["community"].update(
        name=LONG_NAME, district="云龙区（含新城区托管片区）", street="彭城街道（原大郭庄街道部分片区）"
    )
    data["filled_by"] = (LONG_NAME + "居民委员会 " + UNBROKEN)[:60]  # the caps of the schema
    data["illustrative"] = LONG_NOTE
    for fact in data["facts"].values():
        fact.update(note=LONG_NOTE, evidence=[LONG_FILE, UNBROKEN])
    data["facts"]["XZ-F-105"]["value"] = SIGNS
    assessment = folder / "xuzhou-2017--worst.yaml"
    assessment.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    audit: dict[str, Any] = yaml.safe_load(DIEMENG_AUDIT.read_text(encoding="utf-8"))
    audit["assessment"].update(
        file=str(assessment), sha256=hashlib.sha256(assessment.read_bytes()).hexdigest(), community=LONG_NAME
    )
    audit.update(
        inspector="欧阳明轩、司马慧琳、诸葛文博、上官婉清",
        organisation="徐州市云龙区民政局社区建设与基层政权科（会同区委组织部、区住房城乡建设局）",
        accompanied_by=LONG_NAME + "居民委员会 " + UNBROKEN,
    )
    for check in audit["checks"].values():
        if check.get("finding"):
            check.update(comment=LONG_NOTE, references=[LONG_FILE, UNBROKEN])
    audit_path = folder / "xuzhou-2017--worst.audit.yaml"
    audit_path.write_text(yaml.safe_dump(audit, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return assessment, audit_path


@dataclass(frozen=True)
class Inputs:
    assessment: Path  # for the gap report and the audit sheet
    audited: Path  # the assessment with an audit, for the audited report and the notice
    audit: Path
    folder: Path  # a district's round, for the published report


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Inputs]:
    folder = tmp_path_factory.mktemp("round-worst")
    for example in XUZHOU:
        shutil.copy(example, folder)
    assessment, audit = worst_case(folder)
    examples = tmp_path_factory.mktemp("round-examples")
    for example in XUZHOU:
        shutil.copy(example, examples)
    return {
        "examples": Inputs(KANGJU, DIEMENG, DIEMENG_AUDIT, examples),
        "worst": Inputs(assessment, assessment, audit, folder),
    }


def gap_report(i: Inputs, out: Path, lang: str) -> Path:
    assert run_cli("check", i.assessment, "--format", "pdf", "-o", out, "--lang", lang).code in (0, 1)
    return out


def audited_report(i: Inputs, out: Path, lang: str) -> Path:
    run = run_cli("check", i.audited, "--audit", i.audit, "--format", "pdf", "-o", out, "--lang", lang)
    assert run.code in (0, 1), run.err
    return out


def notice(i: Inputs, out: Path, lang: str) -> Path:
    run = run_cli("notice", i.audited, "--audit", i.audit, "--date", "2024-07-01", "-o", out, "--lang", lang)
    assert run.code in (0, 1), run.err
    return out


def audit_sheet(i: Inputs, out: Path, lang: str) -> Path:
    run = run_cli("audit-sheet", i.assessment, "--format", "pdf", "-o", out, "--lang", lang)
    assert run.code == 0, run.err
    return out


def published_report(i: Inputs, out: Path, lang: str) -> Path:
    folder = out.with_suffix("")
    run = run_cli("publish", i.folder, "--standard", "xuzhou-2017", "--format", "pdf", "-o", folder, "--lang", lang)
    assert run.code in (0, 1), run.err
    return folder / "report.pdf"


KINDS: dict[str, tuple[Callable[[Inputs, Path, str], Path], Margins]] = {
    "gap-report": (gap_report, REPORT),
    "audited-report": (audited_report, REPORT),
    "notice": (notice, NOTICE),
    "audit-sheet": (audit_sheet, REPORT),
    "published-report": (published_report, REPORT),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", ["examples", "worst"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_pdf_keeps_inside_its_margins(
    kind: str, case: str, lang: str, inputs: dict[str, Inputs], tmp_path: Path
) -> None:
    make, margins = KINDS[kind]
    with weasyprint_warnings() as warnings:
        content = make(inputs[case], tmp_path / f"{kind}.pdf", lang).read_bytes()
    assert warnings == []
    assert layout_problems(content, margins) == []
    fonts = pdf_fonts(pdf_reader(content))
    assert fonts and all(fonts.values()), fonts  # every font embedded


def test_the_checker_sees_text_past_the_margin_and_over_its_neighbour() -> None:
    """The checker itself: a line that runs past the right margin, and a cell whose text runs into the next."""
    from reports.pdf import html_to_pdf

    style = "<style>@page { size: A4; margin: 20mm 17mm } body { font-family: 'Noto Sans CJK SC' }</style>"
    inside = html_to_pdf(f"<html>{style}<body><p>缺什么，补什么</p></body></html>")
    past = html_to_pdf(f"<html>{style}<body><p style='white-space: nowrap'>{'缺什么，补什么' * 12}</p></body></html>")
    over = html_to_pdf(
        f"<html>{style}<body><div style='position: relative'><p style='margin: 0'>社区综合服务中心</p>"
        "<p style='position: absolute; margin: 0; top: 0; left: 0.5em'>一站式服务大厅</p></div></body></html>"
    )
    assert layout_problems(inside, REPORT) == []
    assert any("outside 48.2–547.1 pt" in problem for problem in layout_problems(past, REPORT))
    assert any("overlaps" in problem for problem in layout_problems(over, REPORT))
