"""The engine's faster sums are its definitions to the last bit (#16 §2): category and part scores from one pass,
the score without closed gaps, the lowest core score, and checklist names computed once per catalogue.

The reference functions below are the definitions as they were written before the one-pass versions; results are
compared by ``repr`` so that an int where a float was (or the other way round) fails too."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import pipeline
from checker import standard as standards
from checker.engine import (
    LEFT_OUT,
    OPEN,
    RequirementResult,
    _lowest_core,
    _score,
    _scores_by_group,
    evaluate,
    half_up,
)
from checker.model import Standard
from checker.rules import checklist
from tests.conftest import EXAMPLES
from tests.test_engine_properties import STANDARD, assessments


def _reference_score(results: list[RequirementResult], closed: object = ()) -> float | None:
    earned = possible = 0.0
    for r in results:
        if r.status not in LEFT_OUT and not r.requirement.bonus:
            earned += r.max_points if r.id in closed else r.points  # type: ignore[operator]
            possible += r.max_points
    return half_up(100 * earned / possible) if possible else None


def _reference_groups(standard: Standard, results: tuple[RequirementResult, ...]) -> tuple[list[str], list[str]]:
    by_id = {r.id: r for r in results}
    categories = []
    for part in standard.parts:
        for category in part.categories:
            members = [by_id[i] for i in category.requirement_ids]
            base = [r for r in members if not r.requirement.bonus]
            counts: dict[str, int] = {}
            for r in base:
                counts[r.status] = counts.get(r.status, 0) + 1
            categories.append(
                repr(
                    (
                        round(sum(r.points for r in base), 2),
                        round(sum(r.max_points for r in base), 2),
                        _reference_score(members),
                        list(counts.items()),
                    )
                )
            )
    parts = []
    for part in standard.parts:
        members = [by_id[i] for c in part.categories for i in c.requirement_ids]
        base = [r for r in members if not r.requirement.bonus and r.status not in LEFT_OUT]
        parts.append(
            repr(
                (
                    round(sum(r.points for r in base), 2),
                    round(sum(r.max_points for r in base), 2),
                    _reference_score(members),
                )
            )
        )
    return categories, parts


def _reference_lowest_core(results: tuple[RequirementResult, ...], closed: set[str]) -> float:
    scores = []
    for r in results:
        if r.requirement.core and r.status not in LEFT_OUT:
            scores.append(100.0 if r.id in closed or r.status == "met" else 100 * r.credit)
    return min(scores, default=100.0)


def _same_as_definitions(standard: Standard, results: tuple[RequirementResult, ...], closed: set[str]) -> None:
    by_id = {r.id: r for r in results}
    categories, parts = _scores_by_group(standard, by_id)
    got_categories = [repr((c.points, c.max_points, c.score, list(c.counts.items()))) for c in categories]
    got_parts = [repr((p.points, p.max_points, p.score)) for p in parts]
    assert (got_categories, got_parts) == _reference_groups(standard, results)
    for chosen in (set(), closed):
        assert repr(_score(results, chosen)) == repr(_reference_score(list(results), chosen))
        assert repr(_lowest_core(results, chosen)) == repr(_reference_lowest_core(results, chosen))


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_group_scores_are_their_definitions_on_every_example(path: Path) -> None:
    loaded = pipeline.load(path)
    result = evaluate(loaded.standard, loaded.assessment)
    open_ids = {r.id for r in result.results if r.status in OPEN}
    half = set(sorted(open_ids)[::2])
    _same_as_definitions(loaded.standard, result.results, half)
    _same_as_definitions(loaded.standard, result.results, open_ids)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments(), st.data())
def test_group_scores_are_their_definitions_on_generated_facts(assessment: object, data: st.DataObject) -> None:
    result = evaluate(STANDARD, assessment)  # type: ignore[arg-type]
    open_ids = sorted(r.id for r in result.results if r.status in OPEN)
    closed = set(data.draw(st.lists(st.sampled_from(open_ids), unique=True))) if open_ids else set()
    _same_as_definitions(STANDARD, result.results, closed)


def test_whole_number_points_stay_whole() -> None:
    """A standard whose points are written as whole numbers: sums keep the type sum() gives them."""
    standard = standards.resolve("xuzhou-2017")
    whole = {r.id: dataclasses.replace(r, points=int(r.points)) for r in standard.requirements if r.points.is_integer()}
    loaded = pipeline.load(EXAMPLES / "xuzhou-2017--kangju.yaml")
    results = tuple(
        r._replace(requirement=whole[r.id], max_points=int(r.max_points)) if r.id in whole else r
        for r in evaluate(standard, loaded.assessment).results
    )
    _same_as_definitions(standard, results, set())


def test_checklist_names_are_computed_once_per_catalogue() -> None:
    standard = standards.resolve("xuzhou-2017")
    catalogue = next(c for c in standard.catalogues.values() if c.entries)
    names = checklist._names(catalogue)
    assert names == checklist._entry_names(catalogue)
    assert checklist._names(catalogue) is names  # the same dict: not computed again
    other = dataclasses.replace(catalogue, entries=catalogue.entries[:1])
    assert checklist._names(other) == checklist._entry_names(other) != names  # a copy with other entries: afresh
