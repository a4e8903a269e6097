"""What the benchmarks share: which code tree they measure, interleaved rounds, medians and ratios to a floor.

Every benchmark reports its result as a ratio against a floor measured in the same run (a bare parse,
``json.loads``, an empty Python start), so figures from a busy or an idle machine, and from an older tree
(``--tree``), compare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tree_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="the sqcheck source tree to measure (default: this one), e.g. an export of an older commit",
    )


def use_tree(tree: Path) -> Path:
    """Import checker/ and reports/ from ``tree`` (before anything imports them)."""
    tree = tree.resolve()
    sys.path.insert(0, str(tree))
    return tree


def interleaved(rounds: int, steps: dict[str, Callable[[], object]], clock: str = "wall") -> dict[str, list[float]]:
    """Seconds per step, each step run once per round in turn (so drifts in machine load hit all alike)."""
    now = time.perf_counter if clock == "wall" else time.process_time
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            start = now()
            step()
            times[name].append(now() - start)
    return times


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def ratio_line(label: str, value_ms: float, floor_label: str, floor_ms: float, aim: str = "") -> str:
    aim_text = f"  (aim {aim})" if aim else ""
    return f"{label}: {value_ms:8.3f} ms = {value_ms / floor_ms:5.2f}x {floor_label} ({floor_ms:.3f} ms){aim_text}"
