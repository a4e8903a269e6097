"""Benchmark: reading a previous round's summary.json (``publish --previous``), peak memory and CPU.

    .venv/bin/python benchmarks/bench_previous.py [--mb 177] [--tree DIR] [--keep FILE]

Builds a valid summary.json of about ``--mb`` megabytes (the bundled xuzhou examples published, their
communities repeated under new names, as #11 §7's 177 MB case), then reads it with
``checker.publish.progress.read_summary`` in a fresh child process and reports that process's peak RSS
(``ru_maxrss``) and CPU time, beside a floor: the same child reading a one-community summary. ``--tree`` reads
with another source tree (an export of an older commit) for a before/after on the same file.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from checker import standard as standards
from checker.publish import aggregate
from checker.publish.progress import read_summary
standard = standards.by_id("xuzhou-2017")
ids = aggregate.requirement_ids(standard)
start = time.process_time()
found = read_summary(Path(sys.argv[1]), standard.id, ids).standings
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"communities": len(found), "peak_mib": peak, "cpu_s": cpu}))
"""


def base_summary(work: Path) -> dict:
    out = work / "base"
    examples = sorted((ROOT / "examples").glob("xuzhou-2017--*.yaml"))
    command = [sys.executable, "-c", "from checker.cli import main; main()", "publish", *map(str, examples)]
    subprocess.run([*command, "-o", str(out), "--format", "json"], cwd=ROOT, check=False, capture_output=True)
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def grown(base: dict, megabytes: float) -> dict:
    """``base`` with its communities repeated under new names until the file is about ``megabytes`` big."""
    one = len(json.dumps(base["communities"][0], ensure_ascii=False, indent=1).encode("utf-8"))
    count = int(megabytes * 1024 * 1024 / one)
    data = copy.copy(base)
    data["communities"] = [
        dict(c, name=f"{c['name']}{i:07d}", slug=f"{c['slug']}-{i}")
        for i in range(count)
        for c in [base["communities"][i % len(base["communities"])]]
    ]
    return data


def read(tree: Path, path: Path) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], cwd=tree, capture_output=True, text=True, check=False
    )
    if run.returncode:
        raise SystemExit(run.stderr)
    return json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=177)
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--keep", type=Path, help="write the big summary.json here (and reuse it if present)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = base_summary(work)
        small = work / "small.json"
        small.write_text(json.dumps({**base, "communities": base["communities"][:1]}, ensure_ascii=False), "utf-8")
        big = args.keep or work / "big.json"
        if not big.exists():
            with open(big, "w", encoding="utf-8") as handle:
                json.dump(grown(base, args.mb), handle, ensure_ascii=False, indent=1)
        size = os.path.getsize(big) / 2**20
        floor, found = read(args.tree, small), read(args.tree, big)
        print(
            f"{args.tree}: summary.json {size:.0f} MiB, {found['communities']} communities: peak RSS "
            f"{found['peak_mib']:.0f} MiB ({found['peak_mib'] / floor['peak_mib']:.2f}x the one-community floor of "
            f"{floor['peak_mib']:.0f} MiB), CPU {found['cpu_s']:.1f} s"
        )


if __name__ == "__main__":
    main()
