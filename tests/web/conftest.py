"""Fixtures for the web app's tests: one round of xuzhou-2017 over the example roster (康居 and 七里沟 are in
泉山区, 蝶梦 in 云龙区, 下淀 in 鼓楼区), and one account of each kind, plus "someone else" for each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ROSTER = EXAMPLES / "rosters" / "xuzhou-2017.csv"
KANGJU = "泉山区/七里沟街道/康居社区"
DIEMENG = "云龙区/彭城街道/蝶梦社区"
PASSWORD = "correct horse 42"


@dataclass
class World:
    round: Any
    kangju: Any
    diemeng: Any
    clerk: Any  # 康居's clerk
    other_clerk: Any  # 蝶梦's clerk
    bureau: Any  # 泉山区
    other_bureau: Any  # 鼓楼区
    city: Any  # the whole city
    inspector: Any  # assigned 康居

    def client(self, user: Any) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def filing_url(self, suffix: str = "", community: Any = None) -> str:
        community = community or self.kangju
        return f"/rounds/{self.round.pk}/c/{community.pk}/{suffix}"


@pytest.fixture
def world(db: Any) -> World:
    from web import services
    from web.models import Community

    # the period of the example self-assessments the tests file (a round refuses a filing of another period)
    round_ = services.create_round(services.standard_version("xuzhou-2017"), ROSTER, "2018", date(2099, 12, 31))
    users = {
        "clerk": services.add_user("clerk", "clerk", PASSWORD, community=KANGJU),
        "other_clerk": services.add_user("other", "clerk", PASSWORD, community=DIEMENG),
        "bureau": services.add_user("quanshan", "bureau", PASSWORD, scope="泉山区"),
        "other_bureau": services.add_user("gulou", "bureau", PASSWORD, scope="鼓楼区"),
        "city": services.add_user("city", "bureau", PASSWORD),
        "inspector": services.add_user("inspector", "inspector", PASSWORD, community=KANGJU),
    }
    return World(
        round=round_,
        kangju=Community.objects.get(name="康居社区"),
        diemeng=Community.objects.get(name="蝶梦社区"),
        **users,
    )


def example_cells(world: World, name: str = "kangju") -> dict[str, str]:
    """The form's fields filled from examples/xuzhou-2017--NAME.yaml (as an upload would), for the round's period."""
    from checker import pipeline
    from web import filing, services

    standard = world.round.standard.load()
    doc, _, _ = pipeline.read_with_standard(EXAMPLES / f"xuzhou-2017--{name}.yaml", standard)
    cells = filing.cells_from_data(services.validated_data(doc, standard), filing.form_spec(standard))
    return {**cells, "p.period": world.round.period}  # the examples describe 2018; filed in the round's period


def cli_score(name: str = "xuzhou-2017--kangju.yaml") -> str:
    """The score ``sqcheck check`` gives the example, as the pages print it."""
    from checker import pipeline
    from reports.environment import number

    result, _ = pipeline.check(EXAMPLES / name)
    return number(result.score)
