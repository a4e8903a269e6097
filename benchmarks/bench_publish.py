"""Benchmark: ``sqcheck publish`` on 100, 1,000 and 10,000 generated communities, and per-community PDFs.

    .venv/bin/python benchmarks/bench_publish.py [--sizes 100 1000 10000] [--jobs 2] [--pdf-subset 40]

Generates realistic self-assessments (~25-30 KB of Chinese YAML each, xuzhou-2017, seeded: see
generate_communities.py) into a temporary folder, then runs the real command line in a child process:

* the round, twice: the aggregate outputs alone (scoring, report.pdf, summary.csv, summary.json:
  ``--format pdf,csv,json``), then everything but per-community PDFs (also index.html and one HTML gap report
  page per community: ``--format html,pdf,csv,json``);
* per-community PDFs: the same command on a subset with and without ``--community-pdfs``; the difference is
  the PDFs' cost, reported as PDFs per second.

Wall time is measured around the child, CPU time (user + system, workers included) from its rusage: on a
machine shared with other work the CPU time is the steadier number. Peak memory two ways: the largest single
process (``ru_maxrss`` from ``wait4``, as ``/usr/bin/time -v`` reports it) and the peak of the sum over the
process tree (the publishing process and its workers, sampled from /proc every 50 ms).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_communities import generate  # noqa: E402

SQCHECK = ROOT / ".venv" / "bin" / "sqcheck"


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, the publishing process and its workers
    peak_process_mib: float
    peak_tree_mib: float
    code: int


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run(args: list[str | Path]) -> Run:
    """Run a sqcheck command line; time it and sample its process tree's memory."""
    env = {**os.environ, "SQCHECK_FIXED_TIME": "2024-07-01T09:30:00+08:00"}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([str(a) for a in args], env=env, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kib(child.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives this child's own rusage: ru_maxrss is the largest process in its tree (as time -v shows)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        if child.returncode > 1:
            err.seek(0)
            raise SystemExit(f"sqcheck failed ({child.returncode}): {err.read().decode('utf-8', 'replace')}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, peak / 1024, child.returncode)


def publish(inputs: Path, out: Path, jobs: int, *extra: str) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    return run([SQCHECK, "publish", inputs, "-o", out, "--jobs", str(jobs), *extra])


VARIANTS = (
    ("aggregate", ("--format", "pdf,csv,json")),  # report.pdf, summary.csv, summary.json
    ("all", ("--format", "html,pdf,csv,json")),  # and index.html with one HTML gap report per community
)


def bench_round(work: Path, size: int, jobs: int) -> None:
    inputs = work / f"round-{size}"
    start = time.perf_counter()
    paths = generate(inputs, size, seed=2024)
    made = time.perf_counter() - start
    kib = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    print(f"{size} communities, {kib:.1f} KiB of YAML each (generated in {made:.0f} s)", flush=True)
    for name, extra in VARIANTS:
        out = work / f"out-{size}"
        result = publish(inputs, out, jobs, *extra)
        outputs = {p.name: p.stat().st_size / 2**20 for p in out.iterdir() if p.is_file()}
        print(
            f"  {name:>9}: {result.seconds:6.1f} s wall ({1000 * result.seconds / size:5.2f} ms/community), "
            f"{result.cpu_seconds:6.1f} s CPU ({1000 * result.cpu_seconds / size:5.2f} ms/community); "
            f"peak RSS {result.peak_process_mib:.0f} MiB largest process, {result.peak_tree_mib:.0f} MiB all; "
            + ", ".join(f"{file} {mib:.1f} MiB" for file, mib in sorted(outputs.items())),
            flush=True,
        )
        shutil.rmtree(out)
    shutil.rmtree(inputs)


def bench_community_pdfs(work: Path, count: int, jobs: int) -> None:
    inputs = generate(work / "pdf-subset", count, seed=7)[0].parent.parent
    without = publish(inputs, work / "out-pdf", jobs, "--format", "json")
    with_pdfs = publish(inputs, work / "out-pdf", jobs, "--format", "json", "--community-pdfs")
    cost = with_pdfs.seconds - without.seconds
    print(
        f"per-community PDFs, {count} communities, --jobs {jobs}: {with_pdfs.seconds:.1f} s with PDFs, "
        f"{without.seconds:.1f} s without; {count / cost:.2f} PDFs/s wall, "
        f"{count / (with_pdfs.cpu_seconds - without.cpu_seconds):.2f} PDFs per CPU-second; "
        f"peak RSS {with_pdfs.peak_process_mib:.0f} MiB largest process, {with_pdfs.peak_tree_mib:.0f} MiB all",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pdf-subset", type=int, default=40)
    args = parser.parse_args()
    print(f"sqcheck publish, --jobs {args.jobs}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        for size in args.sizes:
            bench_round(Path(tmp), size, args.jobs)
        if args.pdf_subset:
            bench_community_pdfs(Path(tmp), args.pdf_subset, args.jobs)


if __name__ == "__main__":
    main()
