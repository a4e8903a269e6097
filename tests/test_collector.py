"""The collector paused while one file is read or one report made (checker.collector)."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from checker import yamlio
from checker.collector import paused
from checker.errors import InputError
from tests.conftest import EXAMPLES


def test_the_collector_is_paused_while_a_report_is_made_and_restored_after() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():  # an inner report leaves the outer pause alone
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with paused():
            raise KeyError("a template's error")
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()  # paused by the program itself: a report does not turn it back on
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_reading_a_file_runs_paused_and_leaves_the_collector_on(monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    seen = []
    real = yamlio.parse_json if suffix == ".json" else yamlio.parse

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(yamlio, "parse_json" if suffix == ".json" else "parse", spy)
    raw = (EXAMPLES / "xuzhou-2017--kangju.yaml").read_bytes() if suffix == ".yaml" else b'{"a": [1, 2]}'
    doc, _ = yamlio.parse_bytes(raw, "x" + suffix)
    assert seen == [False] and gc.isenabled() and doc.data
    with pytest.raises(InputError):  # a broken file: and the collector is on again
        yamlio.parse_bytes(b"a: [", "broken.yaml")
    assert gc.isenabled()
