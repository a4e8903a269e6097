"""Hand-made rounds for the publish tests: self-assessments against the mini standard with known gaps.

The mini standard's points (tests/fixtures/standards/mini.yaml): R-area 10 (veto), R-police 5, R-care 5,
R-plaques 2, R-colour 2, R-header 2, R-matters 8, R-online 4, R-patrol 4 — 42 in all for an urban community.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import MINI

FIXED_TIME = "2024-07-01T09:30:00+08:00"

COMPLIANT: dict[str, Any] = {
    "R-area": 650,
    "R-police": True,
    "R-care": 250,
    "R-plaques": ["社区党组织", "社区居民委员会"],
    "R-colour": "灰底蓝字",
    "R-header": "社区综合服务中心",
    "R-matters": {"handled": ["M1", "M2", "M3", "M4"], "online": ["M1", "M3"]},
    "R-patrol": 3.5,
}


def assessment(
    name: str,
    district: str = "鼓楼区",
    street: str = "丰财街道",
    filled_on: str = "2024-06-01",
    period: str = "2024",
    **changes: Any,
) -> dict[str, Any]:
    """A mini self-assessment, compliant except for ``changes`` (requirement ID with "_" for "-": value)."""
    facts = dict(COMPLIANT)
    facts.update({key.replace("_", "-"): value for key, value in changes.items()})
    return {
        "standard": "mini",
        "standard_version": "1",
        "period": period,
        "filled_by": f"{name}居委会",
        "filled_on": filled_on,
        "community": {"name": name, "district": district, "street": street, "area_type": "urban"},
        "facts": {rid: {"value": value} for rid, value in facts.items()},
    }


def write_yaml(path: Path, data: dict[str, Any], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(encoding))
    return path


def publish_args(*inputs: Path, out: Path, extra: tuple[str | Path, ...] = ()) -> list[str | Path]:
    return ["publish", *inputs, "-o", out, "--standard", MINI, *extra]


def summary(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return data


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
