"""The distribution of scores as an inline SVG histogram, in the house chart style of reports/charts.py
(own font on the <svg>, every text escaped, bars coloured by grade band).

>>> from checker.publish.aggregate import Bin
>>> svg = str(histogram([Bin(0, 10, 2), Bin(10, 20, 0)], (60.0,), "<分布>", "个"))
>>> svg.startswith("<svg") and "&lt;分布&gt;" in svg and "<分布>" not in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from checker.publish.aggregate import Bin
from reports.charts import COLOURS, band, svg

WIDTH, HEIGHT = 640.0, 230.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 10.0, 18.0, 26.0
FONT_SIZE = 10.5


def _ticks(peak: int) -> list[int]:
    """Up to five round tick values from 0 to at least ``peak``."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        step = candidate
        if peak / candidate <= 5:
            break
    top = max(step, -(-peak // step) * step)
    return list(range(0, top + 1, step))


def histogram(bins: Sequence[Bin], thresholds: Sequence[float], label: str, unit: str) -> Markup:
    """Communities per score band; bar colours follow the grade band of the bin's middle."""
    ticks = _ticks(max((b.count for b in bins), default=0))
    scale = (HEIGHT - TOP - BOTTOM) / ticks[-1]
    slot = (WIDTH - LEFT - RIGHT) / max(len(bins), 1)
    base = HEIGHT - BOTTOM
    parts = []
    for tick in ticks:
        y = base - tick * scale
        parts.append(
            f'<line x1="{LEFT:.1f}" y1="{y:.1f}" x2="{WIDTH - RIGHT:.1f}" y2="{y:.1f}" stroke="#e3e6ea"/>'
            f'<text x="{LEFT - 5:.1f}" y="{y + 3.5:.1f}" text-anchor="end" fill="#5f6368">{tick}</text>'
        )
    for index, b in enumerate(bins):
        x = LEFT + slot * index + slot * 0.12
        height = b.count * scale
        colour = COLOURS[band((b.low + b.high) / 2, thresholds)]
        middle = x + slot * 0.38
        parts.append(
            f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{slot * 0.76:.1f}" height="{height:.1f}" '
            f'fill="{colour}"><title>{escape(b.label)}: {b.count} {escape(unit)}</title></rect>'
            f'<text x="{middle:.1f}" y="{base + 15:.1f}" text-anchor="middle">{escape(b.label)}</text>'
        )
        if b.count:
            parts.append(f'<text x="{middle:.1f}" y="{base - height - 4:.1f}" text-anchor="middle">{b.count}</text>')
    parts.append(f'<line x1="{LEFT:.1f}" y1="{base:.1f}" x2="{WIDTH - RIGHT:.1f}" y2="{base:.1f}" stroke="#5f6368"/>')
    return svg(WIDTH, HEIGHT, label, parts, FONT_SIZE)
