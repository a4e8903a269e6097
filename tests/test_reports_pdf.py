"""PDF gap reports, checked for structure rather than bytes: pages, embedded CJK fonts, extracted text, no
attachments, no WeasyPrint warnings; hostile input and hostile HTML fetch nothing; no CJK font means a refusal.

Each PDF costs about a second, so there are three.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reports
from reports import pdf
from tests.conftest import ROOT, run_cli
from tests.reports_support import (
    HOSTILE_NAME,
    NOW,
    XUZHOU_ASSESSMENT,
    check_mini,
    check_xuzhou,
    embedded_files,
    pdf_fonts,
    pdf_reader,
    squeeze,
    weasyprint_warnings,
    write_hostile_assessment,
)


def test_pdf_report_structure_fonts_and_text() -> None:
    with weasyprint_warnings() as warnings:
        content = reports.render(check_xuzhou(), "pdf", now=NOW)
    assert warnings == []
    assert isinstance(content, bytes) and content.startswith(b"%PDF-")
    reader = pdf_reader(content)
    pages = len(reader.pages)
    assert 4 <= pages <= 9
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4: 210 mm = 595.28 pt

    fonts = pdf_fonts(reader)
    assert fonts and all(fonts.values()), fonts  # every font embedded
    assert all("NotoSansCJK" in name.replace("-", "") for name in fonts), fonts  # the chart and page boxes too
    assert any(re.search(r"\+Noto-?Sans-?CJK-?SC", name) for name in fonts), fonts  # a subset
    assert len(fonts) == 1, fonts  # one weight: a bold face would be a second CJK font to subset and embed (#16 §5)

    texts = [page.extract_text() for page in reader.pages]
    first, rest = squeeze(texts[0]), [squeeze(t) for t in texts[1:]]
    assert "民主社区" in first and "88.2" in first and "各类别得分" in first
    assert "缺什么，补什么" in rest[0]
    for line in (
        "社区综合服务中心面积",
        "≥600m²",
        "差80m²",
        "区民政局",
        "残疾人证新办",
        "居民身份证受理及代办",
        "附：逐项检查结果与佐证材料",
    ):
        assert any(line in text for text in rest), line
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页/共{pages}页" in squeeze(text)
    assert all("民主社区" in text for text in rest)  # the running header
    assert embedded_files(reader) == []


def test_hostile_community_is_text_in_the_pdf(tmp_path: Path) -> None:
    result = check_mini("zh", write_hostile_assessment(tmp_path))
    with weasyprint_warnings() as warnings:
        content = reports.render(result, "pdf", now=NOW)
    assert warnings == []  # nothing was even attempted: no URL reached WeasyPrint
    reader = pdf_reader(content)
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    assert squeeze(HOSTILE_NAME) in text
    assert embedded_files(reader) == []
    assert b"/EmbeddedFile" not in content and b"root:x:0:0" not in content


def test_the_fetcher_refuses_files_and_network_even_in_hostile_html() -> None:
    html = (
        "<html><body style=\"font-family: 'Noto Sans CJK SC'\"><p>附件测试</p>"
        '<link rel="attachment" href="file:///etc/passwd">'
        '<a rel="attachment" href="file:///etc/hostname">x</a>'
        '<img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">'
        '<link rel="stylesheet" href="../templates/base.html.j2">'
        '<img src="data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22 width=%221%22 height=%221%22/>">'
        "</body></html>"
    )
    with weasyprint_warnings() as warnings:
        content = pdf.html_to_pdf(html)
    assert embedded_files(pdf_reader(content)) == []
    assert b"root:x:0:0" not in content
    refused = [w for w in warnings if "refused to fetch" in w]
    assert len(refused) == 5 and not any("data:" in w for w in warnings), warnings


def test_fetcher_serves_packaged_assets_and_data_urls_only() -> None:
    fetcher = pdf.AssetFetcher()
    css = fetcher.fetch(pdf.ASSETS.joinpath("base.css").as_uri())
    assert b"@page" in css.read() and css.content_type == "text/css"
    assert fetcher.fetch("data:text/plain;base64,5L2g5aW9").read() == "你好".encode()
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/x.css",
        "ftp://x/y",
        pdf.ASSETS.joinpath("..", "pdf.py").as_uri(),
        "file://otherhost" + str(pdf.ASSETS / "base.css"),
    ):
        with pytest.raises(pdf.RefusedURL):
            fetcher.fetch(url)


def test_no_cjk_font_means_a_clear_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)
    out = tmp_path / "report.pdf"
    run = run_cli("check", XUZHOU_ASSESSMENT, "--format", "pdf", "-o", out)
    assert run.code == 2 and "没有中文字体" in run.err and "fonts-noto-cjk" in run.err
    assert not out.exists()
    run = run_cli("check", XUZHOU_ASSESSMENT, "--format", "pdf", "--lang", "en")
    assert run.code == 2 and "no Chinese font" in run.err and run.out == ""


def test_font_check_reads_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf.cjk_font_available.cache_clear()
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert pdf.cjk_font_available() is False
    pdf.cjk_font_available.cache_clear()
    monkeypatch.undo()
    assert pdf.cjk_font_available() is True  # fonts-noto-cjk is a project requirement (Makefile APT_PACKAGES)


def _page_texts(example: str) -> list[str]:
    from checker import pipeline

    result, _ = pipeline.check(ROOT / "examples" / f"xuzhou-2017--{example}.yaml")
    content = reports.render(result, "pdf", now=NOW)
    assert isinstance(content, bytes)
    return [squeeze(page.extract_text()) for page in pdf_reader(content).pages]


def test_a_cover_too_long_for_page_one_is_not_left_alone_on_page_two(tmp_path: Path) -> None:
    """康居's cover (a long example banner) does not fit on page 1: its 摘要 box went to page 2 alone, and the gap
    list began on page 3. Laid out again with the cover's end marked as spilled, the gap list follows the 摘要 on
    page 2. A cover that fits keeps its page to itself: 青禾's gap list still starts page 2."""
    spilled = _page_texts("kangju")
    assert "摘要" not in spilled[0] and "摘要" in spilled[1] and "缺什么，补什么" in spilled[1]
    audited = tmp_path / "audited.pdf"  # the audit section follows the cover, after a <style> of its own
    examples = ROOT / "examples"
    run_cli(
        "check", examples / "xuzhou-2017--diemeng.yaml", "--audit", examples / "audits/xuzhou-2017--diemeng.audit.yaml",
        "--format", "pdf", "-o", audited,
    )  # fmt: skip
    texts = [squeeze(page.extract_text()) for page in pdf_reader(audited.read_bytes()).pages]
    assert "摘要" in texts[1] and "实地核查" in texts[1]
    fits = _page_texts("qinghe")
    assert "摘要" in fits[0] and "缺什么，补什么" not in fits[0]
    assert "缺什么，补什么" in fits[1] and "摘要" not in fits[1]
