"""Benchmark: checking one self-assessment in a long-lived process, YAML and JSON, each against its floor.

    .venv/bin/python benchmarks/bench_check.py [--files 20] [--rounds 15] [--tree DIR]

Generates realistic assessments (~30 KB of Chinese YAML against xuzhou-2017, seeded) and the same content as
JSON, then times, in interleaved rounds, per file:

* the floors: ``yaml.load(text, CSafeLoader)`` and ``json.loads(text)`` (each after reading the bytes and
  decoding them, as the check does); the YAML floor also with the cyclic collector paused, as the check reads a
  file since checker.collector (so the gain of that pause can be told from the rest);
* the whole check without printing: read bytes, decode, parse, schema check, per-fact rule checks, build,
  evaluate (statuses, scores, grade, gaps, next grade), for the .yaml and for the .json file;
* judging alone: the same on an already parsed document (validate, build, evaluate), each time on a document
  parsed beforehand and never judged (judging a document a second time is some 4 % cheaper, which used to be
  counted as reading);
* the community's HTML gap report page as publish writes it (view-model + Jinja, on the judged result).

Times are CPU time of this process (steadier than wall time on a shared machine); medians over all rounds.
Prints the YAML check as a ratio to the bare YAML parse (aim ≤ 1.15x), the JSON check's reading cost
(check minus judging) as a ratio to ``json.loads`` (aim ≤ 2x) and the HTML page as a ratio to judging
(aim: ≤ 2 ms). ``--tree`` measures another source tree (e.g. an
export of an older commit), so before and after come from the same script.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import interleaved, median_ms, tree_argument, use_tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    tree_argument(parser)
    args = parser.parse_args()
    tree = use_tree(args.tree)

    from benchmarks.generate_communities import generate
    from checker import assessment as assessments
    from checker import pipeline
    from checker import standard as standards
    from checker.engine import evaluate
    from checker.yamlio import load_with_digest
    from reports import render_html

    standard = standards.resolve("xuzhou-2017")
    with tempfile.TemporaryDirectory() as tmp:
        yaml_paths = generate(Path(tmp) / "yaml", args.files, seed=7)
        json_paths = []
        for path in yaml_paths:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            json_path = path.with_suffix(".json")
            json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            json_paths.append(json_path)
        kib = sum(p.stat().st_size for p in yaml_paths) / len(yaml_paths) / 1024

        def check(path: Path) -> None:
            loaded = pipeline.load(path, standard)
            assert evaluate(standard, loaded.assessment).score is not None

        # judging changes nothing in a document, but the first judging of one costs more than judging it again (its
        # values are read for the first time): each judging below gets a document parsed beforehand and never
        # judged, as the check's judging does, so that "check - judging alone" is the cost of reading.
        unjudged = {path: [load_with_digest(path) for _ in range(args.rounds + 1)] for path in yaml_paths}

        def judge(path: Path) -> None:
            doc, digest = unjudged[path].pop()
            evaluate(standard, assessments.from_document(doc, standard, digest))

        def paused_parse(path: Path) -> None:
            """The floor as the check reads a file since checker.collector: with the cyclic collector paused."""
            gc.disable()
            try:
                yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
            finally:
                gc.enable()

        judged = {path: evaluate(standard, pipeline.load(path, standard).assessment) for path in yaml_paths}
        now = datetime(2024, 7, 1, 9, 30, tzinfo=UTC)

        times: dict[str, list[float]] = {}
        for yaml_path, json_path in zip(yaml_paths, json_paths, strict=True):
            steps = {
                "bare CSafeLoader parse": lambda p=yaml_path: yaml.load(
                    p.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader
                ),
                "bare parse, no GC": lambda p=yaml_path: paused_parse(p),
                "check .yaml": lambda p=yaml_path: check(p),
                "json.loads": lambda p=json_path: json.loads(p.read_bytes().decode("utf-8")),
                "check .json": lambda p=json_path: check(p),
                "judging alone": lambda p=yaml_path: judge(p),
                "HTML page": lambda p=yaml_path: render_html(judged[p], now),
            }
            for step in steps.values():  # warm caches (schemas, standard) before timing
                step()
            for name, spent in interleaved(args.rounds, steps, clock="cpu").items():
                times.setdefault(name, []).extend(spent)

    ms = {name: median_ms(spent) for name, spent in times.items()}
    print(f"tree {tree}: {args.files} files × {args.rounds} rounds, CPU ms per file (median), YAML ~{kib:.0f} KiB")
    for name, value in ms.items():
        print(f"  {name:<24} {value:7.3f} ms")
    yaml_ratio = ms["check .yaml"] / ms["bare CSafeLoader parse"]
    json_ratio = (ms["check .json"] - ms["judging alone"]) / ms["json.loads"]
    print(f"check .yaml / bare CSafeLoader parse:           {yaml_ratio:5.2f}x  (aim ≤ 1.15x)")
    if "bare parse, no GC" in ms:
        paused = ms["check .yaml"] / ms["bare parse, no GC"]
        print(f"check .yaml / bare parse, collector paused:     {paused:5.2f}x  (the floor read as the check reads)")
    print(f"(check .json − judging alone) / json.loads:     {json_ratio:5.2f}x  (aim ≤ 2x)")
    page_ratio = ms["HTML page"] / ms["judging alone"]
    print(f"HTML page / judging alone:                      {page_ratio:5.2f}x  ({ms['HTML page']:.2f} ms; aim ≤ 2 ms)")


if __name__ == "__main__":
    main()
