"""Where things land on a PDF page: every glyph's box and every drawn line or box, read with pdfplumber.

A printer cuts what runs past the page's margins, and a cell's text that runs into its neighbour cannot be
read: :func:`layout_problems` finds both, as one readable line per problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pdfplumber

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Margins:
    """A page's left and right margins (mm) for portrait and for landscape pages, and how near the top and
    bottom edges the running header and page number may come (they live in the margins by design)."""

    portrait: tuple[float, float]
    landscape: tuple[float, float]
    edge: float = 7.0

    def frame(self, width: float, height: float) -> tuple[float, float, float, float]:
        left, right = self.landscape if width > height else self.portrait
        return left * MM, width - right * MM, self.edge * MM, height - self.edge * MM


REPORT = Margins(portrait=(17, 17), landscape=(12, 12))
NOTICE = Margins(portrait=(28, 26), landscape=(28, 26))  # GB/T 9704: 订口 28 mm, a 156 mm type area

TOLERANCE = 0.6  # points: rounding in the PDF's numbers
# a collapsed table border straddles the table's edge: half of the widest (the 2.5 pt priority stripe) lies
# outside it
STROKE = 1.5


def layout_problems(content: bytes, margins: Margins, limit: int = 20) -> list[str]:
    """What lies outside the page's margins, and glyphs drawn over other glyphs, page by page."""
    problems: list[str] = []
    with pdfplumber.open(BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            left, right, top, bottom = margins.frame(float(page.width), float(page.height))
            for char in page.chars:
                if (
                    char["x0"] < left - TOLERANCE
                    or char["x1"] > right + TOLERANCE
                    or char["top"] < top - TOLERANCE
                    or char["bottom"] > bottom + TOLERANCE
                ):
                    problems.append(f"page {number}: {_box(char)} outside {left:.1f}–{right:.1f} pt")
            for shape in (*page.rects, *page.lines, *page.curves):
                if shape["x0"] < left - STROKE or shape["x1"] > right + STROKE:
                    problems.append(
                        f"page {number}: a {shape['object_type']} {_box(shape)} outside {left:.1f}–{right:.1f} pt"
                    )
            problems.extend(f"page {number}: {overlap}" for overlap in overlaps(page.chars))
    return problems[:limit] + ([f"… {len(problems) - limit} more"] if len(problems) > limit else [])


def overlaps(chars: list[dict[str, Any]]) -> list[str]:
    """Glyphs drawn over one another: text that ran out of its cell into the next one's."""
    found: list[str] = []
    ink = [c for c in chars if c["text"].strip()]
    ink.sort(key=lambda c: c["x0"])
    for i, a in enumerate(ink):
        for b in ink[i + 1 :]:
            if b["x0"] >= a["x1"] - 1:  # sorted by x0: nothing further right can overlap a
                break
            shared_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            shared_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            narrower = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
            # kerning tucks an apostrophe over a comma by a point or so: only half a glyph or more counts
            if shared_x > max(1.0, narrower / 2) and shared_y > 0.3 * min(a["size"], b["size"]):
                found.append(f"{_box(a)} overlaps {_box(b)}")
    return found


def _box(item: dict[str, Any]) -> str:
    text = f"{item['text']!r} " if "text" in item else ""
    return f"{text}x {item['x0']:.1f}–{item['x1']:.1f}, y {item['top']:.1f}–{item['bottom']:.1f}"


def max_x(content: bytes) -> tuple[float, float]:
    """The right end of the rightmost glyph and the page width it was on, for reports and notes."""
    best = (0.0, 0.0)
    with pdfplumber.open(BytesIO(content)) as pdf:
        for page in pdf.pages:
            right = max((c["x1"] for c in page.chars), default=0.0)
            if right > best[0]:
                best = (float(right), float(page.width))
    return best
