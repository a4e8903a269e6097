"""Inline SVG charts, drawn in the report's own font.

SVG text does not inherit the page's font in WeasyPrint: without ``font-family`` on the ``<svg>`` itself a
second font gets embedded (or Chinese labels turn into boxes). Every text here is escaped.

>>> svg = str(score_bars([("标识标牌", 80.0), ("<b>", None)], (60.0, 90.0), "Chart"))
>>> svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from checker.model import Standard

FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"
WIDTH = 640.0
ROW = 19.0
BAR = 11.0
FONT_SIZE = 10.5
TOP = 16.0  # room for the threshold labels
BOTTOM = 18.0  # room for the axis ticks
MAX_LABEL = WIDTH * 0.42
COLOURS = {"good": "#2f7d4f", "fair": "#c98a1b", "poor": "#b23a3a", "none": "#9aa0a6"}


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Rough advance width: CJK ideographs and full-width forms are square, Latin about half as wide."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.56 for ch in text)


def _fit(label: str, room: float) -> str:
    if text_width(label) <= room:
        return label
    while label and text_width(label + "…") > room:
        label = label[:-1]
    return label + "…"


def grade_thresholds(standard: Standard) -> tuple[float, ...]:
    """The grade floors above zero, ascending: the dashed lines of a chart."""
    return tuple(sorted({g.min_score for g in standard.grades if g.min_score > 0}))


def band(score: float | None, thresholds: Sequence[float]) -> str:
    if score is None:
        return "none"
    if not thresholds or score >= max(thresholds):
        return "good"
    return "fair" if score >= min(thresholds) else "poor"


def _axis(left: float, right: float, height: float, thresholds: Sequence[float]) -> list[str]:
    def x(value: float) -> float:
        return left + (right - left) * value / 100

    parts = []
    for tick in range(0, 101, 20):
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{TOP:.1f}" x2="{x(tick):.1f}" y2="{height - BOTTOM + 3:.1f}" '
            'stroke="#e3e5e8" stroke-width="0.8"/>'
            f'<text x="{x(tick):.1f}" y="{height - 4:.1f}" text-anchor="middle" fill="#5f6368">{tick}</text>'
        )
    for value in thresholds:
        parts.append(
            f'<line x1="{x(value):.1f}" y1="{TOP - 4:.1f}" x2="{x(value):.1f}" y2="{height - BOTTOM + 3:.1f}" '
            'stroke="#3c4043" stroke-width="0.8" stroke-dasharray="3 2"/>'
            f'<text x="{x(value):.1f}" y="{TOP - 6:.1f}" text-anchor="middle" fill="#3c4043">{value:g}</text>'
        )
    return parts


def score_bars(bars: Sequence[tuple[str, float | None]], thresholds: Sequence[float], label: str) -> Markup:
    """Horizontal bars of score (0–100) by category, with dashed lines at the grade thresholds."""
    room = min(MAX_LABEL, max((text_width(title) for title, _ in bars), default=0.0))
    left, right = room + 10, WIDTH - 44  # values go in a column of their own, clear of the threshold lines
    height = TOP + ROW * len(bars) + BOTTOM
    parts = _axis(left, right, height, thresholds)
    for index, (title, score) in enumerate(bars):
        y = TOP + ROW * index + (ROW - BAR) / 2
        middle = y + BAR / 2 + FONT_SIZE * 0.36
        parts.append(f'<text x="{left - 6:.1f}" y="{middle:.1f}" text-anchor="end">{escape(_fit(title, room))}</text>')
        value = f'<text x="{WIDTH - 2:.1f}" y="{middle:.1f}" text-anchor="end"'
        if score is None:
            parts.append(f'{value} fill="{COLOURS["none"]}">—</text>')
            continue
        length = (right - left) * max(0.0, min(score, 100.0)) / 100
        parts.append(
            f'<rect x="{left:.1f}" y="{y:.1f}" width="{length:.1f}" height="{BAR:.1f}" '
            f'fill="{COLOURS[band(score, thresholds)]}"/>{value}>{score:.1f}</text>'
        )
    return svg(WIDTH, height, label, parts)


def svg(width: float, height: float, label: str, parts: Sequence[str], font_size: float = FONT_SIZE) -> Markup:
    """A chart's <svg>: our font on it (SVG text does not inherit the page's), the label escaped."""
    return Markup(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" role="img" aria-label="{escape(label)}" font-family="{FONT_FAMILY}" '
        f'font-size="{font_size}" fill="#202124"><title>{escape(label)}</title>{"".join(parts)}</svg>'
    )
