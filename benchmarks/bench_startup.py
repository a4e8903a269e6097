"""Benchmark: ``sqcheck check one.yaml`` as a whole process, against an empty Python start.

    .venv/bin/python benchmarks/bench_startup.py [--rounds 21] [--tree DIR] [FILE]

Runs, in interleaved rounds, child processes of this same Python: (a) ``python -c pass`` (the floor),
(b) ``python -c 'import checker.cli'`` and (c) the whole ``sqcheck check FILE`` (text output to /dev/null),
each with the code of ``--tree`` (default: this tree; give an export of an older commit to compare). Prints
median wall time and the median peak memory (``ru_maxrss``) of each, and each time as a ratio to the floor.
FILE defaults to the measured tree's examples/xuzhou-2017--kangju.yaml (its standard may differ between trees).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import tree_argument

CHECK = "from checker.cli import main; main()"


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process."""
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    err = child.stderr.read() if child.stderr else b""
    if code > 1:
        raise SystemExit(f"{' '.join(args)} failed ({code}): {err.decode('utf-8', 'replace')}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="default: the tree's examples/xuzhou-2017--kangju.yaml")
    parser.add_argument("--rounds", type=int, default=21)
    tree_argument(parser)
    args = parser.parse_args()
    tree = args.tree.resolve()
    args.file = args.file or tree / "examples" / "xuzhou-2017--kangju.yaml"
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        one = Path(tmp) / "one.yaml"
        shutil.copyfile(args.file, one)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "import checker.cli": [sys.executable, "-c", "import checker.cli"],
            "sqcheck check one.yaml": [sys.executable, "-c", CHECK, "check", str(one)],
        }
        run(commands["sqcheck check one.yaml"], tree)  # warm the OS file cache and compile bytecode once
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                seconds, mib = run(command, tree)
                times[name].append(seconds)
                memory[name].append(mib)
    floor = statistics.median(times["python -c pass"]) * 1000
    print(f"tree {tree}, {args.rounds} interleaved rounds, file {args.file.name} ({args.file.stat().st_size} bytes)")
    for name in commands:
        ms = statistics.median(times[name]) * 1000
        mib = statistics.median(memory[name])
        print(f"{name:<24} {ms:7.1f} ms  {ms / floor:5.2f}x the empty start  {mib:5.1f} MiB")


if __name__ == "__main__":
    main()
