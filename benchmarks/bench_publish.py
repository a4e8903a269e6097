"""Benchmark: ``sqcheck publish`` on 1,000, 10,000 and 50,000 generated communities, and per-community PDFs.

    .venv/bin/python benchmarks/bench_publish.py [--sizes 1000 10000 50000] [--jobs 2] [--pdf-subset 40]
        [--variants aggregate all] [--data DIR] [--tree DIR]

``--records 1000 10000 50000`` measures the aggregate stage alone, in a child process per size: the publishing
process's own work (``publish_documents``) on synthetic records (the bundled xuzhou examples' judged records,
renamed, passed through pickle as from a worker), without reading or judging files: the records collected and
named, summary.json, summary.csv, index.html and report.pdf (unless ``--no-pdf``) written. ``--with-previous``
compares each with an earlier publication of itself (``--previous``). It is the stage whose memory #16 §4 is
about, in a minute rather than the half hour a 50,000-file round takes.

``--data`` keeps the generated rounds between runs (50,000 files of ~30 KB take a while to write), ``--tree``
measures another source tree (an export of an older commit) on the same data. Memory and time are reported as
ratios against the smallest size of the same run (the floor): flat memory means a peak ratio near 1, linear
time a per-community CPU ratio near 1.

Generates realistic self-assessments (~25-30 KB of Chinese YAML each, xuzhou-2017, seeded: see
generate_communities.py) into a temporary folder, then runs the real command line in a child process:

* the round, twice: the aggregate outputs alone (scoring, report.pdf, summary.csv, summary.json:
  ``--format pdf,csv,json``), then everything but per-community PDFs (also index.html and one HTML gap report
  page per community: ``--format html,pdf,csv,json``);
* with ``--variants previous`` also the whole round compared with an earlier publication of itself
  (``--previous``: its summary.json read, a change per community), the earlier one published first, untimed;
* per-community PDFs: the same command on a subset with and without ``--community-pdfs``; the difference is
  the PDFs' cost, reported as PDFs per second;
* PDF reuse (``--pdf-reuse N``): N communities published twice with the clock's time (nothing pinned) into a
  cache folder of their own; the share of community PDFs the second publication reads back is the hit rate.

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

from benchmarks.common import tree_argument  # noqa: E402
from benchmarks.generate_communities import generate  # noqa: E402

CLI = "from checker.cli import main; main()"
TREE = ROOT  # the tree whose code is measured (--tree)


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


def run(args: list[str | Path], env_changes: dict[str, str | None] | None = None) -> Run:
    """Run a sqcheck command line (the time pinned unless ``env_changes`` says otherwise); time it and sample its
    process tree's memory."""
    env = {**os.environ, "SQCHECK_FIXED_TIME": "2024-07-01T09:30:00+08:00"}
    for name, value in (env_changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([str(a) for a in args], env=env, cwd=TREE, stdout=subprocess.DEVNULL, stderr=err)
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


def publish(inputs: Path, out: Path, jobs: int, *extra: str, env_changes: dict[str, str | None] | None = None) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    return run([sys.executable, "-c", CLI, "publish", inputs, "-o", out, "--jobs", str(jobs), *extra], env_changes)


VARIANTS = (
    ("aggregate", ("--format", "pdf,csv,json")),  # report.pdf, summary.csv, summary.json
    ("all", ("--format", "html,pdf,csv,json")),  # and index.html with one HTML gap report per community
    ("previous", ("--format", "html,pdf,csv,json")),  # all, compared with the round's own earlier summary.json
)


def round_folder(data: Path, size: int) -> Path:
    """The generated round of ``size`` communities under ``data``, generated once and kept."""
    inputs = data / f"round-{size}"
    done = inputs / ".generated"
    if not done.is_file():
        shutil.rmtree(inputs, ignore_errors=True)
        start = time.perf_counter()
        generate(inputs, size, seed=2024)
        done.write_text(f"{time.perf_counter() - start:.0f}", encoding="utf-8")
    return inputs


def bench_round(data: Path, work: Path, size: int, jobs: int, variants: list[str]) -> dict[str, Run]:
    inputs = round_folder(data, size)
    paths = list(inputs.rglob("*.yaml"))
    kib = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    print(f"{size} communities, {kib:.1f} KiB of YAML each", flush=True)
    results = {}
    for name, extra in VARIANTS:
        if name not in variants:
            continue
        out = work / f"out-{size}"
        if name == "previous":  # every community in both rounds: a change each (progress across rounds)
            before = work / f"before-{size}"
            publish(inputs, before, jobs, "--format", "json")
            extra = (*extra, "--previous", str(before))
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
        results[name] = result
    return results


def ratios(sizes: list[int], found: dict[int, dict[str, Run]]) -> None:
    """Each size against the smallest (the floor): peak memory of the largest process, CPU per community."""
    floor_size = sizes[0]
    for name in found[floor_size]:
        floor = found[floor_size][name]
        for size in sizes[1:]:
            now = found[size][name]
            memory = now.peak_process_mib / floor.peak_process_mib
            cpu = (now.cpu_seconds / size) / (floor.cpu_seconds / floor_size)
            print(
                f"  {name:>9} {size} vs {floor_size}: peak RSS {memory:.2f}x the floor "
                f"({now.peak_process_mib:.0f} vs {floor.peak_process_mib:.0f} MiB), CPU per community {cpu:.2f}x",
                flush=True,
            )


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


def _cached_pdfs(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file() and p.read_bytes()[:5] == b"%PDF-")


def bench_pdf_reuse(work: Path, count: int, jobs: int) -> None:
    """The same round published twice with the clock's time (nothing pinned), per-community PDFs on, into a
    cache folder of its own: the second publication's PDFs are read back. Hit rate = PDFs not laid out again."""
    inputs = generate(work / "pdf-reuse", count, seed=11)[0].parent.parent
    cache = work / "pdf-reuse-cache"
    env: dict[str, str | None] = {
        "SQCHECK_FIXED_TIME": None,
        "SOURCE_DATE_EPOCH": None,
        "SQCHECK_CACHE_DIR": str(cache),
    }
    args = ("--format", "json", "--community-pdfs")
    first = publish(inputs, work / "out-reuse", jobs, *args, env_changes=env)
    made = _cached_pdfs(cache)
    again = publish(inputs, work / "out-reuse", jobs, *args, env_changes=env)
    laid_out_again = _cached_pdfs(cache) - made
    print(
        f"the same {count} communities published again, time not pinned: {count - laid_out_again} of {count} "
        f"community PDFs read back from the cache (hit rate {(count - laid_out_again) / count:.0%}); "
        f"CPU {again.cpu_seconds:.1f} s vs {first.cpu_seconds:.1f} s the first time "
        f"({again.cpu_seconds / first.cpu_seconds:.2f}x), wall {again.seconds:.1f} vs {first.seconds:.1f} s",
        flush=True,
    )


RECORDS_CHILD = r"""
import dataclasses, json, os, pickle, resource, sys, tempfile, time
sys.path.insert(0, os.getcwd())
from pathlib import Path
from checker import pipeline
from checker import standard as standards
from checker.engine import evaluate
from checker.errors import InputError
from checker.publish import collect
from checker.publish import run as publish_run
from checker.publish.names import PublicNames
from checker.publish.record import record_of

n, formats, previous = int(sys.argv[1]), frozenset(sys.argv[2].split(",")), sys.argv[3] == "previous"
standard = standards.resolve("xuzhou-2017")
base = []
for path in sorted(Path("examples").glob("xuzhou-2017--*.yaml")):
    try:
        loaded = pipeline.load(path)
    except InputError:
        continue
    base.append(record_of(evaluate(loaded.standard, loaded.assessment, "zh"), 0, (), None))
start = time.process_time()
tmp = Path(tempfile.mkdtemp())
inputs = tmp / "round"


def outcome(i):
    b = base[i % len(base)]
    made = dataclasses.replace(
        b, index=i, name=f"{b.name}{i:05d}", district=f"{i % 40:02d}区", file=str(inputs / f"{i:05d}.yaml")
    )
    return pickle.loads(pickle.dumps(collect.Outcome(made, standard=standard.id)))  # as from a worker


# a worker's outcome per task as each task is handed out; nothing read or judged
collect.judge_all = lambda tasks, *args, **kwargs: (outcome(i) for i, _ in enumerate(tasks))


def publish(out, formats, before=None):
    tasks = collect.tasks_of([str(inputs / f"{i:05d}.yaml") for i in range(n)])
    documents = publish_run.Documents(tasks, standard, names=PublicNames.of([inputs]))
    del tasks
    options = publish_run.Options(inputs=(inputs,), outdir=out, formats=formats, previous=before)
    publish_run.publish_documents(documents, options)


if previous:  # compared with an earlier publication of the same round: a change per community
    publish(tmp / "before", frozenset({"json"}))
publish(tmp / "out", formats, tmp / "before" if previous else None)
sizes = {p.name: p.stat().st_size / 2**20 for p in (tmp / "out").iterdir() if p.is_file()}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mib": peak, "cpu_s": time.process_time() - start, "files": sizes}))
"""


def bench_records(sizes: list[int], formats: str, previous: bool) -> None:
    """The aggregate stage alone, per size in a fresh process; ratios to the smallest size (the floor)."""
    import json

    found = {}
    for size in sizes:
        done = subprocess.run(
            [sys.executable, "-c", RECORDS_CHILD, str(size), formats, "previous" if previous else "first"],
            cwd=TREE,
            capture_output=True,
            text=True,
            check=True,
            # no PDF cache: every size lays report.pdf out, as a first publication does
            env={**os.environ, "SQCHECK_FIXED_TIME": "2024-07-01T09:30:00+08:00", "SQCHECK_CACHE_DIR": ""},
        )
        found[size] = json.loads(done.stdout.strip().splitlines()[-1])
    floor_size = sizes[0]
    floor = found[floor_size]
    print(f"aggregate stage alone ({formats}{', --previous' if previous else ''}), synthetic records:")
    for size in sizes:
        now = found[size]
        files = ", ".join(f"{name} {mib:.1f} MiB" for name, mib in sorted(now["files"].items()))
        print(
            f"  {size:>6}: peak RSS {now['peak_mib']:.0f} MiB = {now['peak_mib'] / floor['peak_mib']:.2f}x the "
            f"{floor_size} floor; CPU {now['cpu_s']:.2f} s, per community "
            f"{(now['cpu_s'] / size) / (floor['cpu_s'] / floor_size):.2f}x the floor's; {files}",
            flush=True,
        )


def main() -> None:
    global TREE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pdf-subset", type=int, default=40)
    parser.add_argument("--pdf-reuse", type=int, default=20, help="communities published twice unpinned (0: skip)")
    parser.add_argument("--variants", nargs="*", default=["aggregate", "all"], help="aggregate, all, previous")
    parser.add_argument("--data", type=Path, help="keep the generated rounds here (default: a temporary folder)")
    parser.add_argument("--records", type=int, nargs="*", help="measure the aggregate stage alone at these sizes")
    parser.add_argument("--no-pdf", action="store_true", help="with --records: leave report.pdf out")
    parser.add_argument("--with-previous", action="store_true", help="with --records: compared with itself")
    tree_argument(parser)
    args = parser.parse_args()
    TREE = args.tree.resolve()
    if args.records:
        formats = "json,csv,html" if args.no_pdf else "json,csv,html,pdf"
        bench_records(sorted(args.records), formats, args.with_previous)
        return
    sizes = sorted(args.sizes)
    print(f"sqcheck publish ({TREE}), --jobs {args.jobs}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        data = args.data or Path(tmp)
        data.mkdir(parents=True, exist_ok=True)
        found = {size: bench_round(data, Path(tmp), size, args.jobs, args.variants) for size in sizes}
        if len(sizes) > 1:
            ratios(sizes, found)
        if args.pdf_subset:
            bench_community_pdfs(Path(tmp), args.pdf_subset, args.jobs)
        if args.pdf_reuse:
            bench_pdf_reuse(Path(tmp), args.pdf_reuse, args.jobs)


if __name__ == "__main__":
    main()
