"""The pinned clock: SQCHECK_FIXED_TIME, and the reproducible-builds convention SOURCE_DATE_EPOCH."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import reports
from checker import dates
from checker.errors import UsageError
from tests.conftest import MINI, run_cli
from tests.reports_support import MINI_ASSESSMENT, NOW, check_mini

EPOCH = "1719797400"  # 2024-07-01T01:30:00Z


def test_source_date_epoch_pins_the_clock() -> None:
    env = {dates.EPOCH_ENV: EPOCH}
    assert dates.pinned_time("cli.fixed_time", env) == datetime(2024, 7, 1, 1, 30, tzinfo=UTC)
    assert dates.evaluation_date(env) == date(2024, 7, 1)


def test_sqcheck_fixed_time_wins_over_source_date_epoch() -> None:
    env = {dates.EPOCH_ENV: EPOCH, dates.FIXED_TIME_ENV: "2023-01-02"}
    assert dates.evaluation_date(env) == date(2023, 1, 2)


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5", "1e9", "2024-07-01"])
def test_a_malformed_source_date_epoch_is_a_usage_error_naming_it(value: str) -> None:
    with pytest.raises(UsageError) as caught:
        dates.evaluation_date({dates.EPOCH_ENV: value})
    expected = f"环境变量 SOURCE_DATE_EPOCH 的值“{value}”不是日期（应为 自 1970-01-01 UTC 起的整秒数）"
    assert caught.value.message() == expected
    assert "whole seconds since 1970-01-01 UTC" in caught.value.message("en")


def test_reports_take_their_time_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(dates.FIXED_TIME_ENV, raising=False)
    monkeypatch.setenv(dates.EPOCH_ENV, EPOCH)
    assert reports.generation_time() == datetime(2024, 7, 1, 1, 30, tzinfo=UTC)
    run = run_cli("check", MINI_ASSESSMENT, "--standard", MINI, "--format", "md")
    pinned = datetime(2024, 7, 1, 1, 30, tzinfo=UTC)
    assert run.code == 1 and run.out == reports.render(check_mini(), "md", now=pinned)
    assert run.out != reports.render(check_mini(), "md", now=NOW)


def test_cli_refuses_a_bad_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(dates.FIXED_TIME_ENV, raising=False)
    monkeypatch.setenv(dates.EPOCH_ENV, "soon")
    run = run_cli("check", MINI_ASSESSMENT, "--standard", MINI, "--format", "md")
    assert run.code == 2 and "SOURCE_DATE_EPOCH" in run.err and run.out == ""
