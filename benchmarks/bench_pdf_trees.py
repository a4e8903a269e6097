"""Benchmark: the PDF gap report's first layout in several source trees side by side.

    .venv/bin/python benchmarks/bench_pdf_trees.py TREE [TREE ...]

One worker process per tree (e.g. this tree and an export of an older commit made with ``git archive``), each
holding its tree's examples judged; the workers are asked in turn for the same file's PDF, so load on a shared
machine hits all trees alike. Times are CPU time of the worker; PDFs are laid out with the cache folder off.
Prints each PDF's time and, per tree, the median over the examples every tree has (the aim: ≤ 0.7 s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

WORKER = r"""
import json, os, sys, time
os.environ["SQCHECK_CACHE_DIR"] = ""
tree = sys.argv[1]
sys.path.insert(0, tree)
from datetime import datetime
from pathlib import Path
import reports
from checker import pipeline
now = datetime(2024, 7, 1, 9, 30)
files = [*sorted((Path(tree) / "examples").glob("*.yaml")), Path(tree) / "tests/fixtures/reports/xuzhou-minzhu.yaml"]
results = {f.name: pipeline.check(f)[0] for f in files}
reports.render(next(iter(results.values())), "pdf", now=now)  # fonts and Pango loaded before timing
print(json.dumps(sorted(results)), flush=True)
for line in sys.stdin:
    start = time.process_time()
    reports.render(results[line.strip()], "pdf", now=now)
    print(json.dumps(time.process_time() - start), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trees", nargs="+")
    args = parser.parse_args()
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, tree], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for tree in args.trees
    ]
    assert all(w.stdin and w.stdout for w in workers)
    common = set.intersection(*(set(json.loads(w.stdout.readline())) for w in workers))  # type: ignore[union-attr]
    times: dict[str, list[float]] = {tree: [] for tree in args.trees}
    for name in sorted(common):
        for tree, worker in zip(args.trees, workers, strict=True):
            worker.stdin.write(name + "\n")  # type: ignore[union-attr]
            worker.stdin.flush()  # type: ignore[union-attr]
            seconds = float(json.loads(worker.stdout.readline()))  # type: ignore[union-attr]
            times[tree].append(seconds)
            print(f"{name:<42} {tree:<28} {seconds:6.3f} s CPU", flush=True)
    for worker in workers:
        worker.stdin.close()  # type: ignore[union-attr]
        worker.wait()
    for tree, spent in times.items():
        print(
            f"median {tree}: {statistics.median(spent):.3f} s CPU per PDF over {len(spent)} examples "
            f"({min(spent):.3f}–{max(spent):.3f} s)"
        )


if __name__ == "__main__":
    main()
