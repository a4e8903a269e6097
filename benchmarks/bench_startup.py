"""Benchmark: ``sqcheck check one.yaml`` as a whole process, against an empty Python start.

    .venv/bin/python benchmarks/bench_startup.py [--rounds 21] [--tree DIR ...] [FILE]

Runs, in interleaved rounds, child processes of this same Python: (a) ``python -c pass`` (the floor),
(b) ``python -c 'import checker.cli'`` and (c) the whole ``sqcheck check FILE`` (text output to /dev/null),
(b) and (c) with the code of each ``--tree`` (default: this tree; give it more than once, e.g. with an export of
an older commit, to measure before and after in the same run). Prints median wall time and the median peak
memory (``ru_maxrss``) of each, and each time as a ratio to the floor.
FILE defaults to the first tree's examples/xuzhou-2017--kangju.yaml (its standard may differ between trees).

A user's Python runs from compiled bytecode (pip compiles it on installing, and any run writes it beside an
editable checkout), so one warm-up run per tree writes the ``__pycache__`` folders first, even when the
environment sets PYTHONDONTWRITEBYTECODE. Without bytecode every start compiles the sources again (measured on
5 Dec: ~40 ms of a ~186 ms check), which no user's start does. The standards' cache (``$SQCHECK_CACHE_DIR``) is
left as it is: the second and later checks on a machine are the ones measured, as a user meets them.
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

from benchmarks.common import ROOT

CHECK = "from checker.cli import main; main()"


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process."""
    env = {**(os.environ if env is None else env), "PYTHONPATH": str(cwd)}
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


def warm(command: list[str], tree: Path) -> None:
    """One run that writes the bytecode of every module the check imports, and warms the OS file cache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run(command, tree, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="default: the tree's examples/xuzhou-2017--kangju.yaml")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument(
        "--tree",
        type=Path,
        action="append",
        help="a sqcheck source tree to measure (default: this one); give it again to compare trees in one run",
    )
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.tree or [ROOT]]
    args.file = args.file or trees[0] / "examples" / "xuzhou-2017--kangju.yaml"
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        one = Path(tmp) / "one.yaml"
        shutil.copyfile(args.file, one)
        commands: dict[str, tuple[list[str], Path]] = {"python -c pass": ([sys.executable, "-c", "pass"], trees[0])}
        for i, tree in enumerate(trees):
            suffix = f"  [{i + 1}]" if len(trees) > 1 else ""
            commands["import checker.cli" + suffix] = ([sys.executable, "-c", "import checker.cli"], tree)
            commands["sqcheck check one.yaml" + suffix] = ([sys.executable, "-c", CHECK, "check", str(one)], tree)
            warm(commands["sqcheck check one.yaml" + suffix][0], tree)
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, (command, tree) in commands.items():
                seconds, mib = run(command, tree)
                times[name].append(seconds)
                memory[name].append(mib)
    floor = statistics.median(times["python -c pass"]) * 1000
    print(f"{args.rounds} interleaved rounds, file {args.file.name} ({args.file.stat().st_size} bytes)")
    for i, tree in enumerate(trees):
        print(f"[{i + 1}] tree {tree}" if len(trees) > 1 else f"tree {tree}")
    for name in commands:
        ms = statistics.median(times[name]) * 1000
        mib = statistics.median(memory[name])
        print(f"{name:<28} {ms:7.1f} ms  {ms / floor:5.2f}x the empty start  {mib:5.1f} MiB")


if __name__ == "__main__":
    main()
