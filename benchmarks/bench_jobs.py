"""Publishing a round from the database by 1, 2 and 4 `sqcheck worker` processes sharing one database and queue.

    .venv/bin/python benchmarks/bench_jobs.py --communities 1200 --districts 8 --workers 1 2 4 \\
        --engines postgresql,sqlite

A round of xuzhou-2017 over N generated communities (benchmarks/generate_communities.py: seeded, realistic texts
of ~25 KB) spread over D districts, each with a submitted version, one bureau account per district. Then, in the
same run and on the same database:

* the floor: the D district publications made one after the other in one process, by the same library call the
  job makes (web.publication.publish_round), without queue or worker;
* for W in --workers: D publication jobs queued (one per district, as each district bureau would ask), W worker
  processes started at once with ``sqcheck worker --batch`` (each exits when the queue is empty), and the wall
  time until all have exited; their CPU time from the kernel (wait4).

Reported: communities per second, each configuration's throughput as a ratio to the floor, and CPU seconds per
community (all processes' user + system time over N) and, apart, the PostgreSQL server's CPU over N (its processes'
time read from /proc), peak memory per worker. A worker process includes its start (Django set-up) and its share
of the queue's polling. PostgreSQL runs on a throwaway cluster (tests/web/pgcluster.py; fsync off).
``--floor-districts K`` measures the floor on the first K districts only (a 30,000-community floor would take as
long as a one-worker run): throughputs are then compared per community.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DISTRICTS = ("鼓楼区", "云龙区", "泉山区", "铜山区", "贾汪区", "经开区", "新城区", "高新区", "沛县", "丰县", "睢宁县",
             "邳州市")  # fmt: skip
PASSWORD = "bench-password-1"
CLI = "from checker.cli import main; main()"


def say(message: str) -> None:
    """Progress on stderr (a long run is followed in its log)."""
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


def build(n: int, districts: int) -> dict[str, object]:
    """A round over n generated communities in ``districts`` districts, each with a submitted version."""
    from datetime import date

    from benchmarks.generate_communities import assessment_text, community_names
    from checker.template import render_template
    from web import services
    from web.models import Community, Round, Submission

    rng = random.Random(1)
    std = services.standard_version("xuzhou-2017")
    standard = std.load()
    template = render_template(standard, "2024")
    places: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for _, street, name in community_names(rng):  # each name once per district, dealt to the districts in turn
        if len(places) == n:
            break
        district = DISTRICTS[len(places) % districts]
        if (district, name) not in seen:
            seen.add((district, name))
            places.append((district, street, name))
    if len(places) < n:
        raise SystemExit(f"only {len(places)} distinct communities can be generated for {districts} districts")
    Community.objects.bulk_create([Community(district=d, street=s, name=c) for d, s, c in places], batch_size=2000)
    communities = {(c.district, c.name): c for c in Community.objects.all()}
    round_ = Round.objects.create(standard=std, period="2026", deadline=date(2099, 12, 31))
    through = Round.communities.through
    through.objects.bulk_create(
        [through(round_id=round_.pk, community_id=c.pk) for c in communities.values()], batch_size=5000
    )
    import hashlib

    rows = []
    for count, place in enumerate(places, start=1):  # written 500 at a time: 30,000 texts are ~750 MB
        text = assessment_text(standard, template, place, rng)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        rows.append(
            Submission(round=round_, community=communities[(place[0], place[2])], number=1, text=text, sha256=sha)
        )
        if len(rows) == 500 or count == len(places):
            Submission.objects.bulk_create(rows)
            rows = []
            if count % 5000 == 0 or count == len(places):
                say(f"built {count}/{len(places)} submitted versions")
    bureaus = [services.add_user(f"b{i}", "bureau", PASSWORD, scope=DISTRICTS[i]) for i in range(districts)]
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"round": round_.pk, "bureaus": [b.pk for b in bureaus]}


def database_cpu(url: str) -> float:
    """CPU seconds the PostgreSQL server of ``url`` has used so far, when it runs on this machine (else 0): its
    postmaster's own and reaped children's time (a backend that exits is counted in ``cutime``), plus the live
    children's. Read from /proc: the server's processes are not ours to wait4."""
    from urllib.parse import urlparse

    port = urlparse(url).port
    if not url.startswith("postgresql") or port is None:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, list[str]] = {}  # pid -> the fields after "(comm) ": state ppid … utime(11) … cstime(14)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            stats[int(entry.name)] = stat[stat.rindex(")") + 2 :].split()
    master = next((pid for pid in stats if f"-p\x00{port}\x00".encode() in _cmdline(pid)), None)
    if master is None:
        return 0.0
    total = sum(int(stats[master][i]) for i in (11, 12, 13, 14))
    total += sum(int(f[11]) + int(f[12]) for f in stats.values() if f[1] == str(master))
    return total / tick


def runqueue_wait(pid: int | str = "self") -> float | None:
    """Seconds the threads of a process have spent ready to run but waiting for a CPU (the kernel's schedstat):
    on a machine shared with other work, where the wall time goes that the process's own CPU time does not show."""
    try:
        return sum(int((t / "schedstat").read_text().split()[1]) for t in Path(f"/proc/{pid}/task").iterdir()) / 1e9
    except (OSError, ValueError, IndexError):  # gone meanwhile, or no schedstat in this kernel
        return None


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def floor(world: dict[str, object], out: Path, districts: int | None, db: str) -> dict[str, float]:
    """The same publications in this process, one after the other, no queue (the first ``districts`` of them
    when given: at 30,000 communities the floor is measured on a sample and compared per community)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from web import hierarchy, scope
    from web.models import Community, Round
    from web.publication import publish_round

    round_ = Round.objects.get(pk=world["round"])
    users = list(get_user_model().objects.filter(pk__in=world["bureaus"]).select_related("account").order_by("pk"))
    users = users[:districts] if districts else users
    now = timezone.now()
    wall, cpu, published, server = time.perf_counter(), time.process_time(), 0, database_cpu(db)
    waited = runqueue_wait() or 0.0
    for user in users:
        acct = user.account
        communities = Community.objects.filter(hierarchy.below(scope.place(acct)))
        publish_round(round_, communities, out / acct.scope_district, lang="zh", now=now)
        published += communities.count()
        shutil.rmtree(out / acct.scope_district, ignore_errors=True)
        say(f"floor: {acct.scope_district} published ({published} communities so far)")
    return {
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "db_cpu_s": database_cpu(db) - server,
        "runqueue_wait_s": (runqueue_wait() or 0.0) - waited,
        "communities": published,
    }


def with_workers(world: dict[str, object], workers: int, db: str) -> dict[str, float]:
    from django.contrib.auth import get_user_model

    from web import jobs, scope
    from web.models import Job, Round

    round_ = Round.objects.get(pk=world["round"])
    users = list(get_user_model().objects.filter(pk__in=world["bureaus"]).select_related("account"))
    asked = [jobs.request(Job.PUBLISH, round_, scope.place(user.account), "zh", user).pk for user in users]
    command = [sys.executable, "-c", CLI, "worker", "--db", db, "--batch", "--interval", "0.2"]
    wall, server = time.perf_counter(), database_cpu(db)
    logs = [tempfile.TemporaryFile() for _ in range(workers)]  # noqa: SIM115 - files, not pipes: never blocks
    processes = [subprocess.Popen(command, cwd=ROOT, stderr=log) for log in logs]
    say(f"{workers} worker(s) started on {len(asked)} jobs")
    cpu, peak, peaks = 0.0, 0, []
    waits = {process.pid: 0.0 for process in processes}  # the last runqueue wait seen of each, before it exits
    pending = list(zip(processes, logs, strict=True))
    while pending:
        time.sleep(0.5)
        for process, log in list(pending):
            waits[process.pid] = runqueue_wait(process.pid) or waits[process.pid]
            done, status, usage = os.wait4(process.pid, os.WNOHANG)
            if not done:
                continue
            pending.remove((process, log))
            process.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            peak = max(peak, usage.ru_maxrss)
            peaks.append(round(usage.ru_maxrss / 1024))
            log.seek(0)
            errors = log.read().decode(errors="replace")
            log.close()
            if process.returncode != 0:
                raise SystemExit(f"worker exited {process.returncode}: {errors[-2000:]}")
    elapsed, server = time.perf_counter() - wall, database_cpu(db) - server
    say(f"{workers} worker(s) done in {elapsed:.1f} s")
    states = list(Job.objects.filter(pk__in=asked).values_list("state", flat=True))
    if states.count(Job.DONE) != len(asked):
        failed = list(Job.objects.filter(pk__in=asked).exclude(state=Job.DONE).values_list("state", "error"))
        raise SystemExit(f"not every job done: {failed[:3]}")
    for job in Job.objects.filter(pk__in=asked):
        shutil.rmtree(jobs.folder(job), ignore_errors=True)
    return {
        "wall_s": elapsed,
        "cpu_s": cpu,
        "db_cpu_s": server,
        "runqueue_wait_s": sum(waits.values()),
        "peak_rss_mib": peak / 1024,
        "peak_rss_mib_each": peaks,
    }


def run_engine(args: argparse.Namespace) -> dict[str, object]:
    import web

    web.setup(None, migrate=True)
    from django.db import connection

    started = time.perf_counter()
    say(f"{connection.vendor}: building {args.communities} communities in {args.districts} districts")
    world = build(args.communities, args.districts)
    report: dict[str, object] = {
        "engine": connection.vendor,
        "communities": args.communities,
        "districts": args.districts,
        "build_s": round(time.perf_counter() - started, 1),
        "cores": os.cpu_count(),
        "load": os.getloadavg()[0],
    }
    db = os.environ["SQCHECK_DATABASE_URL"]
    with tempfile.TemporaryDirectory(prefix="sqcheck-bench-floor-") as out:
        base = floor(world, Path(out), args.floor_districts, db)
    runs = {str(w): with_workers(world, w, db) for w in args.workers}
    n, m = args.communities, base["communities"]
    report["floor"] = {
        **base,
        "per_s": m / base["wall_s"],
        "cpu_ms_per_community": 1000 * base["cpu_s"] / m,
        "db_cpu_ms_per_community": 1000 * base["db_cpu_s"] / m,
        "cores_used": base["cpu_s"] / base["wall_s"],
    }
    report["workers"] = {
        w: {
            **r,
            "per_s": n / r["wall_s"],
            "ratio_to_floor": (n / r["wall_s"]) / (m / base["wall_s"]),  # throughputs: the floor may be a sample
            "cpu_ms_per_community": 1000 * r["cpu_s"] / n,
            "db_cpu_ms_per_community": 1000 * r["db_cpu_s"] / n,
            "cores_used": r["cpu_s"] / r["wall_s"],
        }
        for w, r in runs.items()
    }
    report["load_after"] = os.getloadavg()[0]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communities", type=int, default=1200)
    parser.add_argument("--districts", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument(
        "--floor-districts", type=int, default=0, help="measure the floor on the first K districts only (0: all)"
    )
    parser.add_argument("--json", type=Path, help="also write each engine's figures to this file (JSON lines)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_engine(args), ensure_ascii=False))
        return
    from tests.web import pgcluster

    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory(prefix="sqcheck-bench-jobs-") as folder:
            env = {**os.environ, "SQCHECK_DATA_DIR": folder, "SQCHECK_CACHE_DIR": ""}
            command = [sys.executable, __file__, "--one", *sys.argv[1:]]
            if engine == "sqlite":
                env["SQCHECK_DATABASE_URL"] = str(Path(folder) / "bench.sqlite3")
                out = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)
            else:
                with pgcluster.cluster() as url:
                    env["SQCHECK_DATABASE_URL"] = url
                    out = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)
        if out.returncode != 0:
            raise SystemExit(f"{engine}: failed with exit {out.returncode} (its errors are above)")
        r = json.loads(out.stdout.strip().splitlines()[-1])
        if args.json:
            with args.json.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(
            f"== {r['engine']}: {r['communities']} communities in {r['districts']} districts "
            f"(built in {r['build_s']} s),"
            f" {r['cores']} cores, load average {r['load']:.1f} → {r['load_after']:.1f}"
        )
        f = r["floor"]
        print(
            f"   floor (one process, no queue, {f['communities']} communities)  {f['wall_s']:7.1f} s  "
            f"{f['per_s']:6.1f}/s  "
            f"CPU {f['cpu_ms_per_community']:6.1f} ms per community "
            f"(+ database {f['db_cpu_ms_per_community']:.1f} ms)  "
            f"{f['cores_used']:.2f} cores used, {f['runqueue_wait_s']:.0f} s waiting for a CPU"
        )
        for w, row in r["workers"].items():
            print(
                f"   {w} worker process(es)          {row['wall_s']:7.1f} s  {row['per_s']:6.1f}/s  "
                f"{row['ratio_to_floor']:.2f}x the floor  CPU {row['cpu_ms_per_community']:6.1f} ms per community "
                f"(+ database {row['db_cpu_ms_per_community']:.1f} ms)  "
                f"peak {row['peak_rss_mib']:.0f} MiB per worker  {row['cores_used']:.2f} cores used, "
                f"{row['runqueue_wait_s']:.0f} s waiting for a CPU"
            )


if __name__ == "__main__":
    main()
