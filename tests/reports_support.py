"""What the report tests share: fixed inputs and clock, a hostile community, and readers for HTML and PDF."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any

import yaml
from pypdf import PdfReader

from checker import pipeline
from checker.engine import CheckResult
from checker.standard import load_standard
from tests.conftest import FIXTURES, MINI, ROOT

NOW = datetime(2024, 7, 1, 9, 30)
GOLDEN = ROOT / "tests" / "golden" / "reports"
MINI_ASSESSMENT = FIXTURES / "reports" / "mini-hongqi.yaml"
XUZHOU_ASSESSMENT = FIXTURES / "reports" / "xuzhou-minzhu.yaml"
HOSTILE = '<script>alert(1)</script><link rel="attachment" href="file:///etc/passwd">{{ 7*7 }}'
# A community's name, district and "filled in by" are capped (40, 30, 60 characters): markup that fits
HOSTILE_NAME = "<script>x</script>{{ 7*7 }}"
HOSTILE_NOTE = "[点我](javascript:alert(1)) ![x](file:///etc/passwd) | # 标题 *强调* <img src=x onerror=alert(1)>"
HOSTILE_EVIDENCE = '<img src="http://127.0.0.1:9/x.png">照片.jpg'


def check_mini(lang: str = "zh", path: Path = MINI_ASSESSMENT) -> CheckResult:
    result, _ = pipeline.check(path, lang, load_standard(MINI))
    return result


def check_xuzhou(lang: str = "zh") -> CheckResult:
    result, _ = pipeline.check(XUZHOU_ASSESSMENT, lang)
    return result


def write_hostile_assessment(folder: Path) -> Path:
    """The mini fixture with hostile text wherever a community may write: name, places, notes, evidence."""
    data: dict[str, Any] = yaml.safe_load(MINI_ASSESSMENT.read_text(encoding="utf-8"))
    data["community"].update(name=HOSTILE_NAME, district=HOSTILE_NAME, street="{% raw %}x{% endraw %}")
    data["filled_by"] = HOSTILE_NAME
    data["facts"]["R-area"].update(note=HOSTILE_NOTE, evidence=[HOSTILE_EVIDENCE, HOSTILE])
    data["facts"]["R-care"]["not_applicable"] = HOSTILE
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class Markup(HTMLParser):
    """The tags and the text of an HTML document, as a browser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def tag_names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    @property
    def text(self) -> str:
        return "".join(self.texts)


def squeeze(text: str) -> str:
    """Text without white space, to find a phrase that a PDF line break or table cell has split."""
    return "".join(text.split())


def pdf_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the PDF uses (its BaseFont), and whether its glyphs are embedded, including in form XObjects."""
    fonts: dict[str, bool] = {}

    def walk(resources: Any, seen: set[int]) -> None:
        if resources is None or id(resources) in seen:
            return
        seen.add(id(resources))
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = (target.get("/FontDescriptor") or {}).get_object() if target.get("/FontDescriptor") else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"), seen)

    for page in reader.pages:
        walk(page.get("/Resources"), set())
    return fonts


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(BytesIO(content))


def embedded_files(reader: PdfReader) -> list[str]:
    """Names of files embedded in the PDF: document attachments and file-attachment annotations."""
    names = list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                names.append("annotation")
    return names


class WarningLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect what WeasyPrint warns about (missing glyphs, refused URLs, unsupported CSS) while rendering."""
    logger = logging.getLogger("weasyprint")
    handler = WarningLog()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
