"""Benchmark: load + validate + score + gaps per self-assessment, against the floor of parsing the same file
with PyYAML's CSafeLoader alone.

    .venv/bin/python benchmarks/bench_check.py [--files 20] [--rounds 15]

Generates realistic assessments (~20 KB of Chinese YAML against xuzhou-2017, seeded), then times, in
interleaved rounds, (a) ``yaml.load(text, CSafeLoader)`` and (b) the whole ``sqcheck check`` pipeline without
printing: read bytes, decode, parse, schema check (jsonschema-rs fast path), per-fact rule checks, build,
evaluate (statuses, scores, grade, gaps, next grade). Prints medians per file and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_communities import generate  # noqa: E402
from checker import pipeline  # noqa: E402
from checker import standard as standards  # noqa: E402
from checker.engine import evaluate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    standard = standards.resolve("xuzhou-2017")
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.files, seed=7)
        sizes = [p.stat().st_size for p in paths]
        floor: list[float] = []
        whole: list[float] = []
        for _ in range(args.rounds):
            for path in paths:
                start = time.perf_counter()
                yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
                floor.append(time.perf_counter() - start)
                start = time.perf_counter()
                loaded = pipeline.load(path, standard)
                result = evaluate(standard, loaded.assessment)
                whole.append(time.perf_counter() - start)
                assert result.score is not None
    floor_ms, whole_ms = statistics.median(floor) * 1000, statistics.median(whole) * 1000
    print(f"files: {len(paths)} × {args.rounds} rounds, median size {statistics.median(sizes) / 1024:.1f} KB")
    print(f"CSafeLoader parse alone:           {floor_ms:6.2f} ms per file")
    print(f"load + validate + score + gaps:    {whole_ms:6.2f} ms per file")
    print(f"ratio:                             {whole_ms / floor_ms:6.2f}x  (target ≤ 1.5x)")


if __name__ == "__main__":
    main()
