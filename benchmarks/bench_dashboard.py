"""Benchmark: the bureau's dashboard at a province's scale, on PostgreSQL (#15 §6).

    .venv/bin/python benchmarks/bench_dashboard.py [--communities 30000] [--rounds 4] [--requests 30]

A throwaway PostgreSQL cluster (as the tests start one), a fresh database: a province of 10 cities × 8
districts × 15 streets (1,200 streets) and N communities, R rounds of xuzhou-2017 each with every community on
the roster; in each round about 85 % have a submitted version (score, grade and 0–30 gaps drawn from the
standard's requirement IDs, a short text: the dashboard never reads it), some of them returned or accepted, and
5 % a draft; 1 % (``--exempted``) have an exemption granted and a real self-assessment as their latest version in
every round (a version under an exemption is judged from its text, as its report is). The roll-ups are built by
:func:`web.rollup.rebuild` (timed: the cost of a rebuild from scratch, exempted versions judged).

Then, in process through Django's test client (no network), interleaved, median and p95 wall time of

* the floor: a logged-in page with no data (the password form) — every other figure is also given as a ratio
  to it, so runs on a busy and an idle machine compare;
* the dashboard of the newest round for the province's account, a city's, a district's and a street's;
* the comparison with the previous round (province, district) and the first page of a figure's communities;
* one event kept current: a submission's :func:`web.rollup.refresh` (every node above it updated);
* granting an exemption to a community with a real version (:func:`web.exemptions.grant`: the grant, the log and
  its figures judged again in the round, in one transaction).

Also timed once: recomputing the province's figures from every community (what a page would cost without the
roll-ups). Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-password-1"
CITIES, DISTRICTS, STREETS = 10, 8, 15


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build(n: int, rounds: int, seed: int = 7, share: float = 0.01) -> dict[str, object]:
    from django.db import connection

    from web import hierarchy, rollup, services
    from web.models import Community, Draft, Review, Round, Submission

    rng = random.Random(seed)
    std = services.standard_version("xuzhou-2017")
    standard = std.load()
    ids = [r.id for r in standard.requirements]
    grades = [g.title for g in standard.grades]
    started = time.perf_counter()
    Community.objects.bulk_create(
        [
            Community(
                province="示例省",
                city=f"市{i % CITIES:02d}",
                district=f"市{i % CITIES:02d}区{(i // CITIES) % DISTRICTS}",
                street=f"街道{(i // (CITIES * DISTRICTS)) % STREETS:02d}",
                name=f"社区{i:05d}",
            )
            for i in range(n)
        ],
        batch_size=5000,
    )
    communities = list(Community.objects.order_by("pk"))
    hierarchy.ensure_nodes(communities)
    made = []
    through = Round.communities.through
    for number in range(rounds):
        round_ = Round.objects.create(standard=std, period=str(2023 + number), deadline=date(2023 + number, 12, 31))
        through.objects.bulk_create([through(round_id=round_.pk, community_id=c.pk) for c in communities], 5000)
        versions, drafts = [], []
        for c in communities:
            roll = rng.random()
            if roll < 0.85:
                gaps = rng.sample(ids, rng.randint(0, 30))
                score = max(0.0, round(100 - 2.1 * len(gaps) - rng.random() * 5, 1))
                versions.append(
                    Submission(
                        round=round_,
                        community=c,
                        number=1,
                        text=f"{number}-{c.pk}",
                        sha256=f"{number}-{c.pk}",
                        score=score,
                        grade=grades[min(len(gaps) // 8, len(grades) - 1)],
                        gaps=len(gaps),
                        gap_ids=" ".join(gaps),
                    )
                )
            elif roll < 0.90:
                drafts.append(Draft(round=round_, community=c, version=1))
        Submission.objects.bulk_create(versions, batch_size=5000)
        Draft.objects.bulk_create(drafts, batch_size=5000)
        stored = list(Submission.objects.filter(round=round_).values_list("pk", flat=True))
        reviews = [
            Review(submission_id=pk, action=a, state="returned" if a == "return" else "accepted", comment="意见")
            for pk in stored
            for a in [rng.choice(["return", "accept", "", "", ""])]
            if a
        ]
        Review.objects.bulk_create(reviews, batch_size=5000)
        made.append(round_)
    exempted = exemptions(made, communities, rng, share)
    loaded = time.perf_counter() - started
    rebuilds = []
    for round_ in made:
        start = time.perf_counter()
        rollup.rebuild(round_)
        rebuilds.append(time.perf_counter() - start)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "rounds": made,
        "load_s": loaded,
        "rebuild_s": rebuilds,
        "communities": communities,
        "exempted": exempted,
    }


def exemptions(rounds: list[object], communities: list[object], rng: random.Random, share: float) -> list[int]:
    """A share of the communities with an exemption granted (XZ-F-301, in force in every round): their latest
    version in each round is a real self-assessment (the kangju example as that community's), since a version
    under an exemption is judged from its text, as its report is."""
    import hashlib

    import yaml

    from web.models import ExemptionGrant, Submission

    chosen = rng.sample(communities, max(1, round(len(communities) * share)))
    example = yaml.safe_load((ROOT / "examples" / "xuzhou-2017--kangju.yaml").read_text(encoding="utf-8"))
    for round_ in rounds:
        versions = []
        for c in chosen:
            example["community"].update(name=c.name, city=c.city, district=c.district, street=c.street)
            text = yaml.safe_dump(example, allow_unicode=True, sort_keys=False)
            number = Submission.objects.filter(round=round_, community=c).count() + 1
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            versions.append(Submission(round=round_, community=c, number=number, text=text, sha256=sha, score=92.5))
        Submission.objects.bulk_create(versions, batch_size=1000)
    ExemptionGrant.objects.bulk_create(
        [
            ExemptionGrant(
                community=c,
                standard_id="xuzhou-2017",
                requirement_id="XZ-F-301",
                justification="辖区内已有社区卫生服务中心",
                approved_by="卫健委",
                granted_on=date(2020, 1, 1),
                expires_on=date(2099, 12, 31),
            )
            for c in chosen
        ]
    )
    return [c.pk for c in chosen]


def accounts() -> dict[str, object]:
    from web import services

    return {
        "province": services.add_user("province", "bureau", PASSWORD, scope="示例省"),
        "city": services.add_user("city", "bureau", PASSWORD, scope="示例省/市03"),
        "district": services.add_user("district", "bureau", PASSWORD, scope="市03区5"),
        "street": services.add_user("street", "bureau", PASSWORD, scope="市03区5/街道07"),
    }


def measure(world: dict[str, object], users: dict[str, object], requests: int) -> dict[str, dict[str, float]]:
    from django.test import Client

    from web import rollup
    from web.models import CommunityRound, RollUp, Submission

    rounds = world["rounds"]
    newest = rounds[-1]  # type: ignore[index]
    clients = {}
    for name, user in users.items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        clients[name] = client
    base = f"/rounds/{newest.pk}"
    pages = {
        "floor: password page": (clients["province"], "/password/"),
        "dashboard, province": (clients["province"], f"{base}/dashboard/"),
        "dashboard, city": (clients["city"], f"{base}/dashboard/"),
        "dashboard, district": (clients["district"], f"{base}/dashboard/"),
        "dashboard, street": (clients["street"], f"{base}/dashboard/"),
        "compare, province": (clients["province"], f"{base}/compare/"),
        "compare, district": (clients["district"], f"{base}/compare/"),
        "communities behind a figure, province": (
            clients["province"],
            f"{base}/dashboard/communities/?status=returned",
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in [*pages, "one event: rollup.refresh"]}
    community_ids = [c.pk for c in world["communities"]]  # type: ignore[attr-defined]
    rng = random.Random(11)
    for name, (client, url) in pages.items():  # warm: templates compiled, the standard parsed
        assert client.get(url).status_code == 200, (name, url)
    for _ in range(requests):
        for name, (client, url) in pages.items():
            start = time.perf_counter()
            response = client.get(url)
            times[name].append(time.perf_counter() - start)
            assert response.status_code == 200, (name, url, response.status_code)
        community = rng.choice(community_ids)
        start = time.perf_counter()
        number = Submission.objects.filter(round=newest, community_id=community).count() + 1
        Submission.objects.create(
            round=newest, community_id=community, number=number, text="x", score=77.0, grade="", gap_ids="XZ-F-101"
        )
        rollup.refresh(newest.pk, community)
        times["one event: rollup.refresh"].append(time.perf_counter() - start)
    times["one grant: exemptions.grant"] = grant_times(world, users["province"], requests)
    start = time.perf_counter()
    recomputed = rollup.recompute(newest)
    recompute_s = time.perf_counter() - start
    assert recomputed == rollup.stored(newest), "the roll-ups differ from a recomputation"
    floor = statistics.median(times["floor: password page"])
    out = {
        name: {
            "median_ms": statistics.median(v) * 1000,
            "p95_ms": percentile(v, 0.95) * 1000,
            "p95_x_floor": percentile(v, 0.95) / floor,
            "n": len(v),
        }
        for name, v in times.items()
    }
    out["recompute everything (no roll-ups), once"] = {
        "median_ms": recompute_s * 1000,
        "p95_ms": recompute_s * 1000,
        "p95_x_floor": recompute_s / floor,
        "n": 1,
    }
    out["_sizes"] = {
        "rollup_rows": RollUp.objects.count(),
        "community_rounds": CommunityRound.objects.count(),
        "submissions": Submission.objects.count(),
    }
    return out


def grant_times(world: dict[str, object], user: object, requests: int) -> list[float]:
    """Granting an exemption (XZ-F-202) to exempted communities: their version is judged again in each round."""
    from web import exemptions
    from web.models import Community

    standard = world["rounds"][-1].standard.load()  # type: ignore[index]
    form = {
        "requirement": "XZ-F-202",
        "justification": "基准测试",
        "approved_by": "民政局",
        "granted_on": "2020-01-01",
        "expires_on": "2099-12-31",
    }
    found = []
    for pk in world["exempted"][:requests]:  # type: ignore[index]
        community = Community.objects.get(pk=pk)
        start = time.perf_counter()
        exemptions.grant(community, standard, form, user)
        found.append(time.perf_counter() - start)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--communities", type=int, default=30000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--exempted", type=float, default=0.01, help="share of communities with an exemption")
    args = parser.parse_args()
    from tests.web import pgcluster

    with pgcluster.cluster() as url, tempfile.TemporaryDirectory(prefix="sqcheck-bench-") as data:
        os.environ["SQCHECK_DATA_DIR"] = data
        import web

        web.setup(url, migrate=True)
        world = build(args.communities, args.rounds, share=args.exempted)
        print(
            f"built {args.communities} communities × {args.rounds} rounds in {world['load_s']:.1f} s; "
            f"rollup.rebuild per round: {', '.join(f'{s:.1f} s' for s in world['rebuild_s'])}"  # type: ignore[attr-defined]
        )
        results = measure(world, accounts(), args.requests)
    sizes = results.pop("_sizes")
    print(f"tables: {sizes}")
    for name, row in results.items():
        print(
            f"  {name:<42} median {row['median_ms']:8.1f} ms   p95 {row['p95_ms']:8.1f} ms"
            f"   p95 = {row['p95_x_floor']:6.2f}x floor   (n={row['n']})"
        )


if __name__ == "__main__":
    main()
