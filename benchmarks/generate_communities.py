"""Seeded generator of realistic self-assessments for benchmarks: the standard's own blank template (with its
Chinese comments, ~25 KB for xuzhou-2017) filled with plausible facts, evidence file names and notes.

    .venv/bin/python benchmarks/generate_communities.py OUTDIR --count 100 --seed 1

The same seed always gives the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from checker import standard as standards  # noqa: E402
from checker.model import Requirement, Standard  # noqa: E402
from checker.template import render_template  # noqa: E402

DISTRICTS = ("鼓楼区", "云龙区", "泉山区", "铜山区", "贾汪区", "经济技术开发区")
STREET_STEMS = "黄楼丰财牌楼环城琵琶九里大郭庄彭城子房翟山潘塘湖滨王陵段庄金山奎山七里沟永安桥头城东"
NAME_CHARS = "康居和平幸福民主建国振兴新华光明朝阳东方团结胜利长青锦绣金色阳光兴隆文化青年育才怡园桃园苏堤"
EVIDENCE = (
    "门头照片",
    "现场照片",
    "平面图",
    "产权证明",
    "租赁合同",
    "台账扫描件",
    "培训签到表",
    "巡查记录",
    "系统截图",
)
NOTES = (
    "与街道共用，按协议使用。",
    "正在改造，预计年内完成。",
    "由第三方专业机构运营，合同见附件。",
    "数据来自民政系统导出。",
    "",
    "",
)


def _pairs(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(0, len(text) - 1, 2)]


def community_names(rng: random.Random) -> Iterator[tuple[str, str, str]]:
    """(district, street, name) without repeats, spread over the districts in a shuffled order."""
    stems, chars = _pairs(STREET_STEMS), _pairs(NAME_CHARS)
    two = [a + b for a in chars for b in chars if a != b]  # 康居和平社区: 506 per district
    three = [name + c for name in two for c in chars if c not in name]  # then 康居和平幸福社区: 10,626 more
    names = [n + "社区" for n in two + three]
    rng.shuffle(names)
    index = 0
    while True:
        for d, district in enumerate(DISTRICTS):
            if index // len(DISTRICTS) >= len(names):
                return
            name = names[index // len(DISTRICTS)]
            street = stems[(d * 5 + rng.randrange(6)) % len(stems)] + "街道"
            index += 1
            yield district, street, name


def _threshold(req: Requirement, rng: random.Random, profile: dict[str, Any]) -> float | int:
    params = req.params
    low, high = params.get("min"), params.get("max")
    if "per" in params:  # the area or staff needed for this community's size
        base = (profile[params["per"]["field"]] or 1000) / params["per"]["size"] * low
    elif low is not None:
        base = low
    else:
        base = high * 0.9
    value = base * rng.uniform(0.55, 1.5)
    if low is not None and high is not None:
        value = rng.choice((low - 1, low, low, high, high + 1))
    return round(value) if params.get("integer") or value > 50 else round(value, 1)


def fact_value(req: Requirement, standard: Standard, rng: random.Random, profile: dict[str, Any]) -> Any:
    """A plausible value for a fact-owning requirement: mostly met, sometimes not."""
    p = req.params
    if req.kind == "presence":
        return rng.random() < 0.82
    if req.kind == "threshold":
        return _threshold(req, rng, profile)
    if req.kind == "text":
        return p["equals"][0] if rng.random() < 0.9 else "社区服务站"
    if req.kind == "choice":
        return p["accept"][0] if rng.random() < 0.85 else rng.choice(p["options"])
    if req.kind == "allowed_set":
        extra = ["社区警务室"] if rng.random() < 0.15 else []
        return [*p["allowed"], *extra]
    if req.kind == "checklist":
        entries = standard.catalogues[p["catalogue"]].entries
        share = 1.0 if rng.random() < 0.45 else rng.uniform(0.6, 1.0)
        handled = [e.id for e in entries if rng.random() < share]
        online = [e.id for e in entries if e.online and e.id in handled and rng.random() < 0.85]
        return {"handled": handled, "online": online} if online else {"handled": handled}
    raise ValueError(f"no generator for rule kind {req.kind}")


def _block(req: Requirement, value: Any, rng: random.Random) -> str:
    evidence = [f"{req.id}-{rng.choice(EVIDENCE)}{i + 1}.jpg" for i in range(rng.randrange(4))]
    unanswered = rng.random() < 0.02
    lines = [
        f"  {req.id}:",
        "    value:" if unanswered else f"    value: {json.dumps(value, ensure_ascii=False)}",
        f"    evidence: {json.dumps(evidence, ensure_ascii=False)}",
        f"    note: {json.dumps(rng.choice(NOTES), ensure_ascii=False)}",
    ]
    return "\n".join(lines)


def assessment_text(standard: Standard, template: str, place: tuple[str, str, str], rng: random.Random) -> str:
    district, street, name = place
    households = rng.randrange(800, 6000)
    profile = {"households": households, "population": int(households * rng.uniform(2.4, 3.1))}
    text = template.replace("（请填写社区名称）", name).replace("（请填写所属区）", district)
    text = text.replace("（请填写所属街道）", street)
    text = text.replace('filled_by: ""', f'filled_by: "{name}居委会"').replace(
        'filled_on: ""', f'filled_on: "2024-06-{rng.randrange(1, 29):02d}"'
    )
    text = re.sub(r"(  households:) ", rf"\1 {profile['households']}", text, count=1)
    text = re.sub(r"(  population:) ", rf"\1 {profile['population']}", text, count=1)
    for req in standard.fact_owners():
        blank = f'  {req.id}:\n    value:\n    evidence: []\n    note: ""'
        text = text.replace(blank, _block(req, fact_value(req, standard, rng, profile), rng), 1)
    return text


def generate(directory: Path, count: int, seed: int = 1, standard_id: str = "xuzhou-2017") -> list[Path]:
    """Write ``count`` self-assessments into ``directory`` (one sub-folder per district); return their paths."""
    rng = random.Random(seed)
    standard = standards.resolve(standard_id)
    template = render_template(standard, "2024")
    paths = []
    for number, place in zip(range(count), community_names(rng), strict=False):
        path = directory / place[0] / f"{number:05d}-{place[2]}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(assessment_text(standard, template, place, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--standard", default="xuzhou-2017")
    args = parser.parse_args()
    paths = generate(args.directory, args.count, args.seed, args.standard)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} self-assessments, {size / len(paths) / 1024:.1f} KB each on average, in {args.directory}")


if __name__ == "__main__":
    main()
