"""Benchmark: gap reports per community, HTML and PDF, rendered one after another in one process (as
`make demo` and a district's batch run do).

    .venv/bin/python benchmarks/bench_reports.py [--rounds 5] [--lang zh] [FILES...]

Without FILES, every examples/*.yaml (and the report test fixture) is used. Each file is checked once; then,
in interleaved rounds, the HTML report (view-model + Jinja) and the PDF (that HTML through WeasyPrint) are
timed. One PDF is rendered before timing, since the first pays for font loading. Prints per-file medians,
the page count, and the median over all files.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reports  # noqa: E402
from checker import pipeline  # noqa: E402
from checker.engine import CheckResult  # noqa: E402

NOW = datetime(2024, 7, 1, 9, 30)


def default_files() -> list[Path]:
    return [*sorted((ROOT / "examples").glob("*.yaml")), ROOT / "tests" / "fixtures" / "reports" / "xuzhou-minzhu.yaml"]


def timed(result: CheckResult, fmt: str) -> tuple[float, str | bytes]:
    start = time.perf_counter()
    content = reports.render(result, fmt, now=NOW)
    return time.perf_counter() - start, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args()
    files = args.files or default_files()
    results = {path.name: pipeline.check(path, args.lang)[0] for path in files}
    reports.render(next(iter(results.values())), "pdf", now=NOW)  # warm-up: fonts, Pango, CSS caches

    html_times: dict[str, list[float]] = {name: [] for name in results}
    pdf_times: dict[str, list[float]] = {name: [] for name in results}
    pages: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, result in results.items():
            elapsed, _ = timed(result, "html")
            html_times[name].append(elapsed)
            elapsed, content = timed(result, "pdf")
            pdf_times[name].append(elapsed)
            pages[name] = len(PdfReader(BytesIO(bytes(content))).pages)

    print(f"{'file':<42} {'pages':>5} {'HTML ms':>8} {'PDF s':>7} {'PDF s/page':>10}")
    for name in results:
        html_ms = statistics.median(html_times[name]) * 1000
        pdf_s = statistics.median(pdf_times[name])
        print(f"{name:<42} {pages[name]:>5} {html_ms:>8.1f} {pdf_s:>7.3f} {pdf_s / pages[name]:>10.3f}")
    all_html = statistics.median(t for times in html_times.values() for t in times) * 1000
    all_pdf = statistics.median(t for times in pdf_times.values() for t in times)
    print(f"{'median over all files':<42} {statistics.median(pages.values()):>5} {all_html:>8.1f} {all_pdf:>7.3f}")


if __name__ == "__main__":
    main()
