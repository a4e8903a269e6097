"""Benchmark: the web app with 10,000 communities and their submissions, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/bench_web.py [--communities 10000] [--requests 20] [--clerks 50] [--seconds 60]
                                             [--engines sqlite,postgresql]

Per engine (PostgreSQL: a throwaway cluster, as the tests start one), in a fresh database: one round of
xuzhou-2017 over N communities, each with a draft and one submitted version (the example 康居's canonical text,
bulk-inserted). Then, in process through Django's test client (no network), median and p95 wall time of

* the clerk's form page (GET), a live field check (htmx POST), a submission (POST: save, validate, judge, store),
* the city bureau's round page over N communities (its counts over all N, its table one page of 200 rows).

Then ``sqcheck serve`` (Waitress, 8 threads) on 127.0.0.1 and C concurrent clerks, each its own community,
logging in and submitting again and again for a bounded time: throughput, errors, and a count from the database
proving that every accepted submission is stored once, numbered 1..n without gaps or duplicates. Only
127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-password-1"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build(n: int, clerks: int) -> dict[str, object]:
    """The database: a round over n communities, each with a draft and a submission; clerk accounts."""
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from checker import pipeline
    from web import filing, rollup, services
    from web.models import Account, Community, Draft, Round, Submission

    std = services.standard_version("xuzhou-2017")
    standard = std.load()
    spec = filing.form_spec(standard)
    doc, _, _ = pipeline.read_with_standard(ROOT / "examples" / "xuzhou-2017--kangju.yaml", standard)
    cells = filing.cells_from_data(services.validated_data(doc, standard), spec)
    cells["p.period"] = "2026"  # the example describes 2018; filed in the 2026 round (a round refuses another period)
    text, sha = filing.canonical_text(filing.read_cells(cells, spec), standard)
    result = filing.judge_text(text, sha, standard, "zh")
    started = time.perf_counter()
    Community.objects.bulk_create(
        [Community(district=f"区{i % 10:02d}", street=f"街道{i % 100:03d}", name=f"社区{i:05d}") for i in range(n)],
        batch_size=2000,
    )
    communities = list(Community.objects.order_by("pk"))
    round_ = Round.objects.create(standard=std, period="2026", deadline=date(2099, 12, 31))
    through = Round.communities.through
    through.objects.bulk_create([through(round_id=round_.pk, community_id=c.pk) for c in communities], batch_size=5000)
    Draft.objects.bulk_create(
        [Draft(round=round_, community=c, cells=cells, version=1) for c in communities], batch_size=2000
    )
    Submission.objects.bulk_create(
        [
            Submission(round=round_, community=c, number=1, text=text, sha256=sha, score=result.score,
                       grade=result.grade.title if result.grade else "", gaps=len(result.gaps),
                       gap_ids=" ".join(g.id for g in result.gaps))
            for c in communities
        ],
        batch_size=1000,
    )  # fmt: skip
    rollup.rebuild(round_)  # the dashboard's figures, as create_round makes them (bulk inserts bypass the events)
    user_model = get_user_model()
    hashed = make_password(PASSWORD)
    users = user_model.objects.bulk_create([user_model(username=f"c{i:05d}", password=hashed) for i in range(clerks)])
    Account.objects.bulk_create([Account(user=u, role="clerk", community=communities[i]) for i, u in enumerate(users)])
    services.add_user("city", "bureau", PASSWORD)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live database
    return {
        "round": round_.pk,
        "communities": [c.pk for c in communities[:clerks]],
        "cells": cells,
        "build_s": time.perf_counter() - started,
    }


def latencies(world: dict, requests: int) -> dict[str, dict[str, float]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from web.models import Draft

    user_model = get_user_model()
    round_id = world["round"]
    community = world["communities"][0]
    clerk = Client()
    clerk.force_login(user_model.objects.get(username="c00000"))
    city = Client()
    city.force_login(user_model.objects.get(username="city"))
    base = f"/rounds/{round_id}/c/{community}/"
    cells = dict(world["cells"])
    field = next(k for k in cells if k.endswith(".value") and cells[k].isdigit())
    out: dict[str, list[float]] = {"form page": [], "field check": [], "submission": [], "round page (bureau)": []}

    def timed(name: str, call, expect: int) -> None:
        started = time.perf_counter()
        response = call()
        out[name].append((time.perf_counter() - started) * 1000)
        if response.status_code != expect:
            raise SystemExit(f"{name}: HTTP {response.status_code}")

    for i in range(requests):
        timed("form page", lambda: clerk.get(base), 200)
        check = {**cells, field: "约300" if i % 2 else cells[field], "_field": field}
        timed("field check", lambda: clerk.post(base + "check/", check), 200)  # noqa: B023
        version = Draft.objects.get(round_id=round_id, community_id=community).version
        timed("submission", lambda: clerk.post(base + "submit/", {**cells, "_version": str(version)}), 302)  # noqa: B023
        if i < max(5, requests // 4):  # the round page lists every community: fewer rounds
            timed("round page (bureau)", lambda: city.get(f"/rounds/{round_id}/"), 200)
    return {
        name: {"median_ms": statistics.median(v), "p95_ms": percentile(v, 0.95), "n": len(v)} for name, v in out.items()
    }


class Clerk(threading.Thread):
    """One clerk in a browser-like session: log in once, then submit the form again and again."""

    def __init__(self, base: str, username: str, round_id: int, community: int, cells: dict, until: float) -> None:
        super().__init__(daemon=True)
        self.base, self.username, self.cells, self.until = base, username, cells, until
        self.page = f"{base}/rounds/{round_id}/c/{community}/"
        self.ok = 0
        self.errors: list[str] = []
        self.barrier: threading.Barrier | None = None
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
        self.jar = jar

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, url: str, data: dict) -> int:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, body, headers={"X-CSRFToken": self.csrf(), "Referer": url})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=60) as response:
            return response.read().decode()

    def run(self) -> None:
        try:
            self.get(f"{self.base}/login/")
            if self.post(f"{self.base}/login/", {"username": self.username, "password": PASSWORD}) != 302:
                self.errors.append("login")
            if self.barrier is not None:
                self.barrier.wait(timeout=600)
            if self.errors:
                return
            while time.time() < self.until:
                page = self.get(self.page)
                version = re.search(r'name="_version" value="(-?\d+)"', page).group(1)  # type: ignore[union-attr]
                status = self.post(self.page + "submit/", {**self.cells, "_version": version})
                if status == 302:
                    self.ok += 1
                else:
                    self.errors.append(f"HTTP {status}")
        except Exception as error:  # counted, never hidden
            self.errors.append(f"{type(error).__name__}: {error}")
            if self.barrier is not None:
                self.barrier.abort()  # the others stop waiting for this clerk's login


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def concurrent(db: str, data_dir: str, world: dict, clerks: int, seconds: float) -> dict[str, object]:
    from web.models import Submission

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "SQCHECK_DATABASE_URL": db, "SQCHECK_DATA_DIR": data_dir}
    server = subprocess.Popen(
        [sys.executable, "-c", "from checker.cli import main; main()", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        before = Submission.objects.count()
        numbers_before = {c: Submission.objects.filter(community_id=c).count() for c in world["communities"][:clerks]}
        until = time.time() + 3600  # reset once everyone has logged in
        threads = [
            Clerk(base, f"c{i:05d}", world["round"], world["communities"][i], world["cells"], until)
            for i in range(clerks)
        ]
        logged_in = threading.Barrier(clerks + 1)
        for thread in threads:
            thread.barrier = logged_in
        for thread in threads:
            thread.start()
        with contextlib.suppress(threading.BrokenBarrierError):  # a failed login is counted as an error
            logged_in.wait(timeout=600)  # the clock starts when every clerk has logged in (hashing is slow)
        started = time.perf_counter()
        for thread in threads:
            thread.until = time.time() + seconds
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.communicate(timeout=30)
    accepted = sum(t.ok for t in threads)
    errors = [e for t in threads for e in t.errors]
    stored = Submission.objects.count() - before
    lost_or_duplicated = []
    for thread, community in zip(threads, world["communities"], strict=False):
        numbers = sorted(Submission.objects.filter(community_id=community).values_list("number", flat=True))
        if numbers != list(range(1, len(numbers) + 1)) or len(numbers) - numbers_before[community] != thread.ok:
            lost_or_duplicated.append((thread.username, numbers[-3:], thread.ok))
    return {
        "clerks": clerks,
        "seconds": round(elapsed, 1),
        "accepted": accepted,
        "stored": stored,
        "throughput_per_s": round(accepted / elapsed, 1),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "lost_or_duplicated": lost_or_duplicated[:5],
    }


def run_engine(args: argparse.Namespace) -> dict[str, object]:
    """In this process: one engine's database, set up from SQCHECK_DATABASE_URL."""
    os.environ.setdefault("SQCHECK_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import web

    web.setup(None, migrate=True)
    from django.db import connection

    world = build(args.communities, args.clerks)
    report: dict[str, object] = {"engine": connection.vendor, "communities": args.communities,
                                 "build_s": round(world["build_s"], 1)}  # fmt: skip
    report["latency"] = latencies(world, args.requests)
    report["concurrent"] = concurrent(
        os.environ["SQCHECK_DATABASE_URL"], os.environ["SQCHECK_DATA_DIR"], world, args.clerks, args.seconds
    )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communities", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--clerks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # run one engine in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_engine(args), ensure_ascii=False))
        return
    from tests.web import pgcluster

    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory(prefix="sqcheck-bench-web-") as folder:
            env = {**os.environ, "SQCHECK_DATA_DIR": folder}
            command = [sys.executable, __file__, "--one", *sys.argv[1:]]
            if engine == "sqlite":
                env["SQCHECK_DATABASE_URL"] = str(Path(folder) / "bench.sqlite3")
                out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            else:
                with pgcluster.cluster() as url:
                    env["SQCHECK_DATABASE_URL"] = url
                    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise SystemExit(f"{engine}: {out.stderr[-3000:]}")
        report = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"== {engine}: {report['communities']} communities (built in {report['build_s']} s)")
        for name, row in report["latency"].items():
            print(f"   {name:<22} median {row['median_ms']:8.1f} ms   p95 {row['p95_ms']:8.1f} ms   (n={row['n']})")
        c = report["concurrent"]
        print(
            f"   {c['clerks']} concurrent clerks for {c['seconds']} s: {c['accepted']} submissions accepted "
            f"({c['throughput_per_s']}/s), {c['stored']} stored, {c['errors']} errors {c['error_kinds']}, "
            f"lost or duplicated: {c['lost_or_duplicated'] or 'none'}"
        )


if __name__ == "__main__":
    main()
