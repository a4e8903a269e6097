"""The publish scope list on the round page (web/views/jobs.py): the account's own scope and the places below it
that have communities on *this* round's roster — never a district that only another standard's round names
(the hierarchy is shared by every round)."""

from __future__ import annotations

import re
from datetime import date

import pytest

pytestmark = pytest.mark.django_db


def _scope_options(page: str) -> list[str]:
    select = page.split('class="job-node"')[1].split("</select>")[0]
    return re.findall(r"<option value=\"\d+\">([^<]*)</option>", select)


def test_the_scope_list_names_only_the_rounds_own_places(world, tmp_path):
    from web import services

    roster = tmp_path / "other.csv"
    roster.write_text("区,街道,社区\n示例新区,锦园街道,锦园社区\n泉山区,示例街道,示例社区\n", encoding="utf-8")
    services.create_round(services.standard_version("wanzheng-2020"), roster, "2026", date(2099, 12, 31))
    city = world.client(world.city)
    for url in (f"/rounds/{world.round.pk}/", f"/rounds/{world.round.pk}/jobs/"):
        options = _scope_options(city.get(url).content.decode())
        assert options[1:] == ["云龙区", "泉山区", "鼓楼区"], options  # 示例新区 is the other round's only
    page = world.client(world.bureau).get(f"/rounds/{world.round.pk}/").content.decode()
    assert _scope_options(page)[1:] == ["泉山区/七里沟街道"]  # 示例街道 of 泉山区 is the other round's only
