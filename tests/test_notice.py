"""The rectification notice: verified gaps by priority, a deadline per priority from the notice date.

With the hand-computed audit of tests/test_audit.py the verified gaps are R-area (veto) and R-colour,
R-matters, R-online (2 points lost each, below the 5 points of "high"): a veto group and a normal group.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import run_cli
from tests.reports_support import weasyprint_warnings
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
    text = "".join(page.extract_text() for page in pdf.pages)
    for expected in ("整改通知书", "签发机关", "（盖章）", "签发人", "整改情况回复", "整改措施", "2024年7月31日"):
        assert expected in text
    fonts = {str(f["/BaseFont"]) for page in pdf.pages for f in page["/Resources"]["/Font"].values()}
    assert any("CJK" in name for name in fonts)
