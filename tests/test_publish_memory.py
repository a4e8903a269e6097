"""Publishing holds little per community: what it keeps and what writing summary.json needs, measured with
tracemalloc on rounds of synthetic communities (the bundled xuzhou examples' records, renamed), so a
per-community cost that comes back fails here long before a 50,000-community round runs out of memory.
Sizes, never times."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import pipeline
from checker import standard as standards
from checker.engine import evaluate
from checker.publish import aggregate, machine
from checker.publish.record import CommunityRecord, record_of
from tests.conftest import EXAMPLES


def _base() -> list[CommunityRecord]:
    found = []
    for path in sorted(EXAMPLES.glob("xuzhou-2017--*.yaml")):
        loaded = pipeline.load(path)
        found.append(record_of(evaluate(loaded.standard, loaded.assessment, "zh"), 0, (), None))
    assert any(r.missing for r in found) and any(r.gap_count for r in found)
    return found


def records(n: int, base: list[CommunityRecord]) -> list[CommunityRecord]:
    """``n`` communities with names, files and districts of their own (new strings, as from a worker)."""
    made = [
        dataclasses.replace(
            b,
            index=i,
            name=f"{b.name}{i:05d}",
            district=f"{i % 40:02d}区",
            street="".join(b.street),
            file=f"第{i % 40:02d}区/{i:05d}-{b.name}.yaml",
            sha256=f"{i:064x}",
        )
        for i in range(n)
        for b in [base[i % len(base)]]
    ]
    return sorted(made, key=lambda r: (r.district, r.street, r.name, r.index))


def publication(n: int, base: list[CommunityRecord]) -> aggregate.Publication:
    standard = standards.resolve("xuzhou-2017")
    when = datetime(2024, 7, 1, tzinfo=UTC)
    return aggregate.build(standard, records(n, base), [], lang="zh", generated_at=when)


class _Sink(io.RawIOBase):
    """A binary file that keeps nothing."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


def peak_above_start(action: Callable[[], object]) -> int:
    """Bytes allocated at the peak of ``action`` beyond what was allocated when it started."""
    tracemalloc.start()
    try:
        start, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - start


@pytest.fixture(scope="module")
def base() -> list[CommunityRecord]:
    return _base()


def test_writing_summary_json_needs_no_memory_per_community(base: list[CommunityRecord], monkeypatch: Any) -> None:
    """summary.json's work lists name a community for each of its gaps and missing entries: built whole they
    took ~6 KiB per community while being written (650 MiB at 50,000). Written item by item, the memory it
    needs does not grow with the round."""
    monkeypatch.setattr(machine, "CHUNK", 1 << 12)  # the write buffer, or it would be most of what is measured
    sizes = {}
    for n in (60, 360):
        pub = publication(n, base)
        sizes[n] = peak_above_start(partial(machine.write_summary_json, pub, True, _Sink()))
    per_community = (sizes[360] - sizes[60]) / 300
    assert per_community < 200, sizes


# ---------------------------------------------------------------- the streamed JSON is json.dumps, byte for byte

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(codec="utf-8"), max_size=8),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.lists(inner, max_size=4).map(lambda items: ("streamed", items)),
    ),
    max_leaves=30,
)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value[1]]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _streamed(value: Any) -> Any:
    if isinstance(value, tuple):  # a Streamed list whose items are converted as they are written
        return machine.Streamed(value[1], _streamed)
    if isinstance(value, list):
        return [_streamed(v) for v in value]
    if isinstance(value, dict):
        return {k: _streamed(v) for k, v in value.items()}
    return value


@settings(max_examples=300, deadline=None)
@given(_values)
def test_streamed_json_is_json_dumps_byte_for_byte(value: Any) -> None:
    out = io.BytesIO()
    machine.write_json(_streamed(value), out)
    expected = json.dumps(_plain(value), ensure_ascii=False, indent=1, allow_nan=False)
    assert out.getvalue().decode("utf-8") == expected


def test_streamed_json_refuses_what_json_refuses() -> None:
    for bad in ({"a": float("nan")}, {"a": machine.Streamed([object()])}, {"a": machine.Streamed([float("inf")])}):
        with pytest.raises((ValueError, TypeError)):
            machine.write_json(bad, io.BytesIO())


# ---------------------------------------------------------------- what the publishing process keeps per community


class _Measured:
    """What publishing ``n`` synthetic communities held and needed, in bytes beyond what was allocated before."""

    def __init__(self, written: int, laid_out: int | None, peak: int) -> None:
        self.written = written  # held when the outputs start to be written
        self.laid_out = laid_out  # held when report.pdf is laid out (None: not asked for)
        self.peak = peak


def _publish_measured(
    n: int, base: list[CommunityRecord], tmp_path: Any, monkeypatch: Any, formats: frozenset[str], previous: bool
) -> _Measured:
    """Publish ``n`` communities through publish_documents with the workers' outcomes made from synthetic records
    and passed through pickle, as a worker's are; report.pdf's layout replaced by a note of what is held then.
    With ``previous``, compared with a publication of the same round (its summary.json), as ``--previous``."""
    import pickle

    from checker.publish import collect, outputs
    from checker.publish import run as publish_run
    from checker.publish.names import PublicNames

    standard = standards.resolve("xuzhou-2017")
    inputs = tmp_path / "round"
    made = [dataclasses.replace(r, file=str(inputs / r.file)) for r in records(n, base)]
    outcomes = [pickle.dumps(collect.Outcome(r, standard=standard.id)) for r in made]
    del made
    monkeypatch.setattr(  # a worker's outcome per task, as each task is handed out
        collect,
        "judge_all",
        lambda tasks, *args, **kwargs: (pickle.loads(o) for _, o in zip(tasks, outcomes, strict=True)),
    )
    before = None
    if previous:
        before = tmp_path / f"before-{n}"
        tasks = collect.tasks_of([f"{inputs}{os.sep}{i}.yaml" for i in range(n)])
        options = publish_run.Options(inputs=(inputs,), outdir=before, formats=frozenset({"json"}))
        publish_run.publish_documents(publish_run.Documents(tasks, standard, names=PublicNames.of([inputs])), options)
    written: list[int] = []
    laid_out: list[int] = []
    real_write = publish_run._write

    def write(*args: Any, **kwargs: Any) -> Any:
        written.append(tracemalloc.get_traced_memory()[0])
        return real_write(*args, **kwargs)

    def lay_out(report: Any, handle: Any) -> None:
        laid_out.append(tracemalloc.get_traced_memory()[0])
        handle.write(b"%PDF-1.7\n")

    monkeypatch.setattr(publish_run, "_write", write)
    monkeypatch.setattr(outputs, "write_report_pdf", lay_out)
    options = publish_run.Options(
        inputs=(inputs,), outdir=tmp_path / f"out-{n}-{len(formats)}", formats=formats, previous=before
    )
    tracemalloc.start()
    try:
        start, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        # the tasks as publish() makes them (the found files' paths as text), held by the caller as publish()
        # holds them: once handed to the workers they must be let go of
        tasks = collect.tasks_of([f"{inputs}{os.sep}{i}.yaml" for i in range(n)])
        documents = publish_run.Documents(tasks, standard, names=PublicNames.of([inputs]))
        del tasks
        published = publish_run.publish_documents(documents, options)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(published.publication.communities) == n  # the caller still gets the whole publication
    assert (published.publication.progress is not None) == previous
    return _Measured(written[0] - start, laid_out[0] - start if laid_out else None, peak - start)


def _per_community(found: dict[int, _Measured], what: str) -> float:
    """The growth from the second size measured to the last, per community (the first fills caches)."""
    (small, a), (large, b) = sorted(found.items())[-2:]
    return (getattr(b, what) - getattr(a, what)) / (large - small)


def test_the_publishing_process_keeps_little_per_community(
    base: list[CommunityRecord], tmp_path: Any, monkeypatch: Any
) -> None:
    """A round's records arrive from the worker processes unpickled, each with its own copy of every text. What
    the publishing process holds per community while it writes the outputs (one record, its row, its place in
    the work lists), and the most it needs at any moment, must stay small: at 50,000 communities each KiB is
    49 MiB."""
    monkeypatch.setattr(machine, "CHUNK", 1 << 12)
    formats = frozenset({"json", "csv", "html"})
    # the first compiles templates and fills caches: not per community
    found = {n: _publish_measured(n, base, tmp_path, monkeypatch, formats, False) for n in (20, 60, 360)}
    held, peak = _per_community(found, "written"), _per_community(found, "peak")
    # 2,615 and 10,488 bytes before summary.json was streamed; 1,520 and 1,574 while the tasks were kept to the end
    assert held < 1450 and peak < 1450, (held, peak)


@pytest.mark.parametrize("previous", [False, True], ids=["first-round", "with-previous"])
def test_report_pdf_is_laid_out_holding_nothing_per_community(
    base: list[CommunityRecord], tmp_path: Any, monkeypatch: Any, previous: bool
) -> None:
    """Laying report.pdf out takes ~150 MiB at any size. It came on top of everything held per community (1.3 KiB
    each: 289 MiB at 50,000 against 208 at 1,000); it is laid out now with the communities set aside, so the
    publishing process's peak stays flat with the round. With ``--previous`` the progress (a change per
    community) is set aside too."""
    monkeypatch.setattr(machine, "CHUNK", 1 << 12)
    formats = frozenset({"json", "csv", "html", "pdf"})
    # the printed report names up to 150 communities whose score moved (Limits): both sizes show that many
    found = {n: _publish_measured(n, base, tmp_path, monkeypatch, formats, previous) for n in (20, 200, 600)}
    laid_out, peak = _per_community(found, "laid_out"), _per_community(found, "peak")
    assert laid_out < 100, (laid_out, peak)
    assert peak < (1800 if previous else 1450), (laid_out, peak)


def test_a_previous_round_is_held_in_little_per_community(base: list[CommunityRecord], tmp_path: Any) -> None:
    """With ``--previous`` the previous round's standings are held from the start of publishing to the end of the
    comparison, beside the round's own. Each community's gaps were a frozenset (and Standing and Side had a
    __dict__ each): 2,053 B a community of the generated 1,000-community round, 855 B here; as a tuple (~8 B a
    gap) in slotted records 829 B and 426 B."""
    from checker.publish.progress import read_summary

    standard = standards.resolve("xuzhou-2017")
    ids = aggregate.requirement_ids(standard)
    held = {}
    for n in (20, 100, 500):  # the first loads the schema and ijson: not per community
        path = tmp_path / f"summary-{n}.json"
        with open(path, "wb") as handle:
            machine.write_summary_json(publication(n, base), False, handle)
        tracemalloc.start()
        try:
            start, _ = tracemalloc.get_traced_memory()
            found = read_summary(path, standard.id, ids)
            held[n] = tracemalloc.get_traced_memory()[0] - start
        finally:
            tracemalloc.stop()
        assert len(found.standings) == n
        assert sum(len(s.published.gaps) for s in found.standings.values()) >= 5 * n  # gaps enough to matter
    per_community = (held[500] - held[100]) / 400
    assert per_community < 650, held
