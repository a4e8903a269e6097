"""PDFs laid out once: the same inputs read the PDF back from the cache folder; any input that shows in the
report (or a pinned generation time) makes a new one. Each layout costs about a second, so there are few."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import reports
from checker import cache as disk_cache
from reports import pdf
from tests.reports_support import NOW, check_mini


class Layouts:
    """Counts WeasyPrint layouts (documents made), passing each on to the real one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = pdf.HTML

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(pdf, "HTML", counting)


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Layouts:
    for name in ("SQCHECK_FIXED_TIME", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)
    return Layouts(monkeypatch)


def test_the_same_report_is_laid_out_once(layouts: Layouts) -> None:
    result = check_mini()
    first = reports.render(result, "pdf")  # the clock's time: not an input
    again = reports.render(result, "pdf")
    assert layouts.count == 1
    assert again == first and first.startswith(b"%PDF-")


def test_other_inputs_make_another_pdf(layouts: Layouts) -> None:
    result = check_mini()
    zh = reports.render(result, "pdf", now=NOW)
    assert reports.render(check_mini("en"), "pdf", now=NOW) != zh  # another language
    later = reports.render(result, "pdf", now=datetime(2024, 7, 2, 9, 30))  # a pinned time is an input
    assert later != zh
    assert reports.render(result, "pdf", now=NOW) == zh
    assert layouts.count == 3


def test_a_damaged_entry_is_laid_out_again(layouts: Layouts) -> None:
    html = reports.render_html(check_mini(), NOW)
    made = pdf.html_to_pdf(html)
    folder = disk_cache.folder()
    assert folder is not None
    (entry,) = [p for p in (folder / pdf._PDFS).rglob("*") if p.is_file()]
    entry.write_bytes(b"half a file")
    assert pdf.html_to_pdf(html) == made
    assert layouts.count == 2


def test_changed_assets_make_another_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = pdf._renderer()
    assets = tmp_path / "assets"
    assets.mkdir()
    for css in pdf.ASSETS.glob("*.css"):
        (assets / css.name).write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    monkeypatch.setattr(pdf, "ASSETS", assets)
    pdf._renderer.cache_clear()
    try:
        assert pdf._renderer() != before
    finally:
        monkeypatch.undo()
        pdf._renderer.cache_clear()
    assert pdf._renderer() == before
