"""Benchmark: gap reports per community, HTML and PDF, rendered one after another in one process (as
`make demo` and a district's batch run do).

    .venv/bin/python benchmarks/bench_reports.py [--rounds 5] [--lang zh] [--tree DIR] [FILES...]

Without FILES, every examples/*.yaml (and the report test fixture) is used. Each file is checked once; then,
in interleaved rounds, the HTML report (view-model + Jinja) and the PDF (that HTML through WeasyPrint) are
timed, as wall-clock and as CPU time of this process (the fairer figure on a shared machine). One PDF is
rendered before timing, since the first pays for font loading. Prints per-file medians, the page count, and
the median over all files.

PDFs are laid out with the cache folder turned off (``SQCHECK_CACHE_DIR=""``); the last column is the same PDF
asked for again with a cache folder, read back instead of laid out (the tree's own cache, if it has one).
``--tree`` measures another source tree, e.g. an export of an older commit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TREE = ROOT
if "--tree" in sys.argv:  # the tree to measure must come first on the path, before reports is imported
    TREE = Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()
    sys.path.insert(0, str(TREE))
os.environ["SQCHECK_CACHE_DIR"] = ""  # layouts are timed without the cache

import reports  # noqa: E402
from checker import pipeline  # noqa: E402
from checker.engine import CheckResult  # noqa: E402

NOW = datetime(2024, 7, 1, 9, 30)


def default_files(root: Path = ROOT) -> list[Path]:
    return [*sorted((root / "examples").glob("*.yaml")), root / "tests" / "fixtures" / "reports" / "xuzhou-minzhu.yaml"]


def timed(result: CheckResult, fmt: str) -> tuple[float, float, str | bytes]:
    """Wall-clock and CPU seconds for one report, and the report."""
    wall, cpu = time.perf_counter(), time.process_time()
    content = reports.render(result, fmt, now=NOW)
    return time.perf_counter() - wall, time.process_time() - cpu, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the sqcheck source tree to measure")
    args = parser.parse_args()
    files = args.files or default_files(TREE)
    results = {path.name: pipeline.check(path, args.lang)[0] for path in files}
    reports.render(next(iter(results.values())), "pdf", now=NOW)  # warm-up: fonts, Pango, CSS caches

    html_times: dict[str, list[float]] = {name: [] for name in results}
    pdf_wall: dict[str, list[float]] = {name: [] for name in results}
    pdf_cpu: dict[str, list[float]] = {name: [] for name in results}
    pages: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, result in results.items():
            elapsed, _, _ = timed(result, "html")
            html_times[name].append(elapsed)
            elapsed, cpu, content = timed(result, "pdf")
            pdf_wall[name].append(elapsed)
            pdf_cpu[name].append(cpu)
            pages[name] = len(PdfReader(BytesIO(bytes(content))).pages)

    cached: dict[str, list[float]] = {name: [] for name in results}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SQCHECK_CACHE_DIR"] = folder
        for result in results.values():
            timed(result, "pdf")  # laid out once (kept, where the tree has a cache)
        for _ in range(args.rounds):
            for name, result in results.items():
                cached[name].append(timed(result, "pdf")[1])
        os.environ["SQCHECK_CACHE_DIR"] = ""

    print(f"tree {TREE}, {args.rounds} rounds")
    print(f"{'file':<42} {'pages':>5} {'HTML ms':>8} {'PDF s':>7} {'PDF CPU s':>9} {'again CPU s':>11}")
    for name in results:
        html_ms = statistics.median(html_times[name]) * 1000
        wall, cpu = statistics.median(pdf_wall[name]), statistics.median(pdf_cpu[name])
        again = statistics.median(cached[name])
        print(f"{name:<42} {pages[name]:>5} {html_ms:>8.1f} {wall:>7.3f} {cpu:>9.3f} {again:>11.3f}")
    print(
        f"{'median over all files':<42} {statistics.median(pages.values()):>5} {median_of(html_times) * 1000:>8.1f} "
        f"{median_of(pdf_wall):>7.3f} {median_of(pdf_cpu):>9.3f} {median_of(cached):>11.3f}"
    )


def median_of(times: dict[str, list[float]]) -> float:
    return statistics.median(t for per_file in times.values() for t in per_file)


if __name__ == "__main__":
    main()
