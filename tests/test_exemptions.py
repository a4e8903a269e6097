"""Exemptions: applied only to their community and within their dates, never silently, always counted.

The community is the audit fixture (everything claimed met) with its police station answered "否", so
R-police (5 of 42 points) is a gap unless an exemption in force leaves it out.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker import dates
from checker.errors import UsageError
from tests.conftest import FIXTURES, MINI, run_cli

STANDARDS = ("--standards-dir", str(MINI.parent))
NO_POLICE = (
    (FIXTURES / "audit" / "mini-community.yaml")
    .read_text(encoding="utf-8")
    .replace("R-police: {value: 是}", "R-police: {value: 否}")
)


def exemption(**fields: str) -> str:
    item = {
        "requirement": "R-police",
        "community": "测试社区",
        "justification": "辖区派出所就在社区隔壁",
        "approved_by": "测试区民政局",
        "granted_on": "2024-01-01",
        "expires_on": "2024-12-31",
    }
    item.update(fields)
    lines = [f'    {key}: "{value}"' for key, value in item.items()]
    lines[0] = "  - " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def files(tmp_path: Path, *items: str, standard: str = "mini") -> tuple[Path, Path]:
    community = tmp_path / "community.yaml"
    community.write_text(NO_POLICE, encoding="utf-8")
    listing = tmp_path / "exemptions.yaml"
    listing.write_text(f"standard: {standard}\nexemptions:\n" + "".join(items), encoding="utf-8")
    return community, listing


def check(tmp_path: Path, *items: str, on: str = "2024-07-01", fmt: str = "json", **kwargs: str) -> Any:
    community, listing = files(tmp_path, *items, **kwargs)
    with pytest.MonkeyPatch.context() as env:
        env.setenv(dates.FIXED_TIME_ENV, on)
        return run_cli("check", community, *STANDARDS, "--exemptions", listing, "--format", fmt), listing


def test_an_exemption_in_force_is_applied_and_counted(tmp_path: Path) -> None:
    run, _ = check(tmp_path, exemption(reference="测民复〔2024〕1号"))
    assert (run.code, run.err) == (0, "")
    out = json.loads(run.out)
    assert (out["counts"]["exempt"], out["counts"]["applicable"], out["score"]) == (1, 8, 100.0)
    police = next(r for r in out["results"] if r["id"] == "R-police")
    assert police["status"] == "exempt"
    assert police["reason"] == "辖区派出所就在社区隔壁（测试区民政局批准，测民复〔2024〕1号，有效期至 2024-12-31）"
    assert [e["requirement"] for e in out["exemptions"]["applied"]] == ["R-police"]
    assert out["exemptions"]["evaluated_on"] == "2024-07-01"


def test_the_text_summary_shows_the_exemption(tmp_path: Path) -> None:
    run, _ = check(tmp_path, exemption(), fmt="text")
    assert run.out.splitlines()[:2] == [
        "豁免（评估日 2024-07-01）：适用 1 项",
        "  R-police 警务室：辖区派出所就在社区隔壁（测试区民政局批准，有效期至 2024-12-31）",
    ]
    assert "豁免 1" in run.out


@pytest.mark.parametrize(
    ("on", "code", "warning"),
    [
        (
            "2025-01-01",
            "exemption.expired",
            "豁免已于 2024-12-31 到期（评估日 2025-01-01），本次未适用，按正常要求判定",
        ),
        ("2023-12-31", "exemption.not_yet_valid", "豁免自 2024-01-01 起生效（评估日 2023-12-31），本次未适用"),
    ],
)
def test_outside_its_dates_an_exemption_is_not_applied_and_says_so(
    tmp_path: Path, on: str, code: str, warning: str
) -> None:
    run, listing = check(tmp_path, exemption(), on=on)
    assert run.code == 1  # the gap resurfaces
    assert run.err.startswith(f"{listing}:3:5: 警告：要求“R-police”的")
    assert warning in run.err
    out = json.loads(run.out)
    assert out["counts"]["exempt"] == 0
    assert [g["id"] for g in out["gaps"]] == ["R-police"]
    lapsed = out["exemptions"]["expired" if code == "exemption.expired" else "not_yet_valid"]
    assert [e["requirement"] for e in lapsed] == ["R-police"]


def test_the_last_day_is_still_in_force(tmp_path: Path) -> None:
    run, _ = check(tmp_path, exemption(), on="2024-12-31T23:59:00+08:00")
    assert json.loads(run.out)["counts"]["exempt"] == 1


def test_another_communitys_exemption_is_not_applied(tmp_path: Path) -> None:
    run, listing = check(tmp_path, exemption(community="测试二社区"))
    assert run.code == 1
    assert run.err == f"{listing}:1:1: 提示：豁免清单中没有社区“测试社区”的豁免（是否应为“测试二社区”？）\n"


def test_an_unknown_requirement_is_bad_input(tmp_path: Path) -> None:
    run, listing = check(tmp_path, exemption(requirement="R-polise"))
    assert run.code == 2
    assert run.err == (f"{listing}:3:18: 第 1 条豁免的要求编号：标准中没有要求“R-polise”（是否应为“R-police”？）\n")
    assert run.out == ""


@pytest.mark.parametrize(
    ("fields", "place", "message"),
    [
        ({"justification": "  "}, "5:20: 第 1 条豁免的理由", "不能为空白"),
        (
            {"expires_on": "2024-02-30"},
            "8:17: 第 1 条豁免的失效日期",
            "应为日期，如 2024-06-30 或 2024年6月30日，实际为“2024-02-30”",
        ),
        (
            {"expires_on": "2023-12-31"},
            "8:17: 第 1 条豁免的失效日期",
            "失效日期 2023-12-31 早于批准日期 2024-01-01",
        ),
    ],
)
def test_malformed_exemptions_are_bad_input(tmp_path: Path, fields: dict[str, str], place: str, message: str) -> None:
    run, listing = check(tmp_path, exemption(**fields))
    assert run.code == 2
    assert run.err == f"{listing}:{place}：{message}\n"


def test_a_missing_justification_is_bad_input(tmp_path: Path) -> None:
    item = "".join(line + "\n" for line in exemption().splitlines() if "justification" not in line)
    run, listing = check(tmp_path, item)
    assert run.code == 2
    assert run.err == f"{listing}:3:5: 第 1 条豁免：缺少必填项“第 1 条豁免的理由”\n"


def test_a_list_for_another_standard_is_bad_input(tmp_path: Path) -> None:
    run, listing = check(tmp_path, exemption(), standard="xuzhou-2017")
    assert run.code == 2
    assert run.err == f"{listing}:1:11: 标准编号：豁免清单对应的标准为“xuzhou-2017”，而不是“mini”\n"


def test_the_same_requirement_twice_for_one_community_is_bad_input(tmp_path: Path) -> None:
    run, _ = check(tmp_path, exemption(), exemption(expires_on="2025-12-31"))
    assert run.code == 2
    assert "第 2 条豁免：同一社区的要求“R-police”已在第 3 行豁免过" in run.err


def test_the_evaluation_date_is_pinned_or_today() -> None:
    assert dates.evaluation_date({dates.FIXED_TIME_ENV: "2024-07-01"}) == date(2024, 7, 1)
    with pytest.raises(UsageError) as caught:
        dates.evaluation_date({dates.FIXED_TIME_ENV: "next tuesday"})
    assert caught.value.message() == "环境变量 SQCHECK_FIXED_TIME 的值“next tuesday”不是日期（应为 YYYY-MM-DD）"


def test_a_malformed_pinned_date_is_a_usage_error(tmp_path: Path) -> None:
    run, _ = check(tmp_path, exemption(), on="2024-13-01")
    assert run.code == 2
    assert "SQCHECK_FIXED_TIME" in run.err


def test_the_same_requirement_twice_on_one_line_is_bad_input(tmp_path: Path) -> None:
    community, _ = files(tmp_path)
    item = yaml.safe_load(exemption())[0]
    listing = tmp_path / "exemptions.json"  # JSON on one line: both items share a line number
    listing.write_text(
        json.dumps({"standard": "mini", "exemptions": [item, item]}, ensure_ascii=False), encoding="utf-8"
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv(dates.FIXED_TIME_ENV, "2024-07-01")
        run = run_cli("check", community, *STANDARDS, "--exemptions", listing)
    assert run.code == 2 and "已在第 1 行豁免过" in run.err
