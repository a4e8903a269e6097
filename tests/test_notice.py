"""The rectification notice: verified gaps by priority, a deadline per priority from the notice date.

With the hand-computed audit of tests/test_audit.py the verified gaps are R-area (veto) and R-colour,
R-matters, R-online (2 points lost each, below the 5 points of "high"): a veto group and a normal group.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import EXAMPLES, run_cli
from tests.reports_support import pdf_fonts, pdf_reader, squeeze, weasyprint_warnings
from tests.test_audit import COMMUNITY, STANDARDS, record


def audit_file(tmp_path: Path) -> Path:
    path = tmp_path / "audit.yaml"
    path.write_text(yaml.safe_dump(record(), allow_unicode=True), encoding="utf-8")
    return path


def notice(tmp_path: Path, *args: str) -> str:
    run = run_cli("notice", COMMUNITY, *STANDARDS, "--audit", audit_file(tmp_path), "--format", "html", *args)
    assert (run.code, run.err) == (0, ""), run.err
    return run.out


def test_deadlines_by_priority_from_the_notice_date(tmp_path: Path) -> None:
    html = notice(tmp_path, "--date", "2024-07-01", "--authority", "测试区民政局", "--number", "测民整〔2024〕1号")
    assert "一、一票否决问题（1 项）：30 日内整改，即 2024年7月31日 前完成" in html
    assert "二、一般问题（3 项）：90 日内整改，即 2024年9月29日 前完成" in html
    assert "重要问题" not in html  # no gap lost 5 points or more
    assert html.index("R-area") < html.index("R-colour") < html.index("R-matters") < html.index("R-online")
    assert "测民整〔2024〕1号" in html and "测试区民政局" in html
    assert "自评申报：600 m²" in html  # the claim the inspector overturned sits beside the finding
    assert "整改情况回复" in html


def test_deadlines_are_configurable(tmp_path: Path) -> None:
    html = notice(tmp_path, "--date", "2024-07-01", "--deadline", "veto=15", "--deadline", "normal=45")
    assert "15 日内整改，即 2024年7月16日 前完成" in html
    assert "45 日内整改，即 2024年8月15日 前完成" in html


def test_the_notice_date_defaults_to_the_pinned_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQCHECK_FIXED_TIME", "2024-08-01T09:00:00")
    html = notice(tmp_path)
    assert "2024年8月31日 前完成" in html  # veto: 30 days after 1 August


@pytest.mark.parametrize("option", ["veto", "veto=0", "urgent=10", "high=ten"])
def test_a_malformed_deadline_is_a_usage_error(tmp_path: Path, option: str) -> None:
    run = run_cli("notice", COMMUNITY, *STANDARDS, "--audit", audit_file(tmp_path), "--deadline", option)
    assert run.code == 2
    assert run.err == f"--deadline 应写作 级别=天数（级别为 veto、high、normal，天数为正整数），实际为“{option}”\n"


def test_a_notice_needs_an_audit(tmp_path: Path) -> None:
    run = run_cli("notice", COMMUNITY, *STANDARDS)
    assert run.code == 2
    assert "--audit" in run.err


def test_the_notice_pdf_can_be_signed(tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    with weasyprint_warnings() as warnings:
        run = run_cli(
            "notice", COMMUNITY, *STANDARDS, "--audit", audit_file(tmp_path), "--date", "2024-07-01", "-o", out
        )
    assert (run.code, run.err, warnings) == (0, f"已写入 {out}\n", [])
    pdf = PdfReader(BytesIO(out.read_bytes()))
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    text = squeeze("".join(page.extract_text() for page in pdf.pages))
    for expected in ("整改通知书", "整改情况回复", "整改措施", "2024年7月31日"):
        assert expected in text
    fonts = {str(f["/BaseFont"]) for page in pdf.pages for f in page["/Resources"]["/Font"].values()}
    assert any("CJK" in name for name in fonts)


EXAMPLE = EXAMPLES / "xuzhou-2017--diemeng.yaml"
EXAMPLE_AUDIT = EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml"
MM = 72 / 25.4


def example_notice(tmp_path: Path, lang: str, *args: str) -> bytes:
    out = tmp_path / f"notice-{lang}.pdf"
    with weasyprint_warnings() as warnings:
        run = run_cli(
            "notice", EXAMPLE, "--audit", EXAMPLE_AUDIT, "--date", "2024-07-01", "-o", out, "--lang", lang, *args
        )
    assert (run.code, warnings) == (0, []), run.err
    return out.read_bytes()


def test_the_notice_is_laid_out_as_an_official_document(tmp_path: Path) -> None:
    """GB/T 9704-2012: the authority in red over a red line, the document number, the addressee, the year in the
    text, the signature and date with room for a seal pressed by hand (none printed), copy to the street office,
    a serif body on a 156 mm type area, page numbers as — 1 —."""
    content = example_notice(tmp_path, "zh")
    with pdfplumber.open(BytesIO(content)) as pdf:
        first = pdf.pages[0]
        red = [c for c in first.chars if c["non_stroking_color"] and _red(c["non_stroking_color"])]
        assert "".join(c["text"] for c in red) == "云龙区民政局"
        assert any(
            _red(line.get("stroking_color")) or _red(line.get("non_stroking_color"))
            for line in (*first.lines, *first.rects)
        )
        body = [c for c in first.chars if c["size"] > 15]
        assert min(c["x0"] for c in body) >= 28 * MM - 0.5 and max(c["x1"] for c in body) <= (210 - 26) * MM + 0.5
        texts = [squeeze(page.extract_text()) for page in pdf.pages]
    text = "".join(texts)
    for expected in (
        "〔2024〕号",
        "蝶梦社区居民委员会：",
        "2018年度",
        "抄送：彭城街道办事处。",
        "2024年7月1日印发",
        "附件",
    ):
        assert expected in text, expected
    assert "盖章）" not in texts[0] and "签发人" not in text  # the seal is real, applied by hand
    assert texts[0].endswith("—1—") and texts[1].endswith("—2—")
    fonts = pdf_fonts(pdf_reader(content))
    assert all(fonts.values()) and any("NotoSerifCJK" in name.replace("-", "") for name in fonts), fonts


def test_the_document_number_and_authority_options(tmp_path: Path) -> None:
    content = example_notice(tmp_path, "zh", "--number", "云民整〔2024〕7号", "--authority", "徐州市云龙区民政局")
    text = squeeze("".join(page.extract_text() for page in pdf_reader(content).pages))
    assert text.startswith("徐州市云龙区民政局云民整〔2024〕7号整改通知书")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_last_page_is_not_near_empty(tmp_path: Path, lang: str) -> None:
    with pdfplumber.open(BytesIO(example_notice(tmp_path, lang))) as pdf:
        last = pdf.pages[-1]
        body = [c for c in last.chars if c["bottom"] < last.height - 35 * MM]  # not the page number
        filled = (max(c["bottom"] for c in body) - 37 * MM) / (225 * MM)
    assert filled > 0.25


def _red(color: object) -> bool:
    return isinstance(color, tuple | list) and len(color) == 3 and color[0] > 0.8 and color[1] < 0.2 and color[2] < 0.2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_nothing_to_put_right_the_notice_says_so_and_asks_for_no_reply(tmp_path: Path, lang: str) -> None:
    import hashlib

    from tests.publish_support import assessment, write_yaml

    community = write_yaml(tmp_path / "康居.yaml", assessment("康居社区"))  # compliant with the mini standard
    sha = hashlib.sha256(community.read_bytes()).hexdigest()
    confirmed = {"R-police": {"finding": "confirmed"}, "R-area": {"finding": "confirmed"}}
    audit = {**record(), "assessment": {"sha256": sha}, "checks": confirmed}
    audit_path = write_yaml(tmp_path / "audit.yaml", audit)
    run = run_cli("notice", community, *STANDARDS, "--audit", audit_path, "--format", "html", "--lang", lang)
    assert run.code == 0, run.err
    text = re.sub(r"<style>.*?</style>", "", run.out, flags=re.S)  # the stylesheet's comments name the notice too
    if lang == "zh":
        assert "实地核查结果通知书" in text and "整改通知书" not in text
        assert "本次无须整改，也无须回复" in text
        assert "现将须整改的问题通知如下" not in text and "整改情况回复" not in text
    else:
        assert "Audit result notice" in text and "Rectification notice" not in text
        assert "no rectification and no reply are required" in text
        assert "The problems below" not in text and "reply form" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_notice_from_the_self_assessment_says_so(lang: str) -> None:
    """Issued before any audit (the web app's fallback): the same gaps and deadlines, no inspector, no audit
    record, and words that say the gaps are the self-assessment's own."""
    from datetime import date

    from checker import pipeline
    from checker.audits.notice import build_notice, self_assessed
    from checker.commands.notice import render_notice

    result, _ = pipeline.check(EXAMPLES / "xuzhou-2017--kangju.yaml", lang=lang)
    made = build_notice(self_assessed(result), date(2026, 7, 1))
    assert not made.audited and made.inspector == "" and made.credibility is None
    assert sum(len(g.items) for g in made.groups) == len(result.gaps)
    html = squeeze(str(render_notice(made, "html")))
    if lang == "zh":
        assert squeeze(f"经审核你社区{made.period}自评情况") in html
        assert "未经实地核查" in html and "检查人" not in html and "（该项未经核查" not in html
    else:
        assert squeeze("self-assessment for") in html and squeeze("not audited on site") in html
        assert "inspector:" not in html
