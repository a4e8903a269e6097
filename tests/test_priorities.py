"""The bundled standards' own priorities hold over generated assessments (issue #13 §2; hypothesis).

The priorities (standards/README.md, "轻重次序"): a veto is falsification or a serious incident, and sinks the
community to the bottom band; a core (必备) item — a basic facility, the 65 matters, 全科社工 — missing keeps it
out of 达标; signage is cosmetic and can never outweigh a basic service. So a community missing a basic
facility never grades above one whose only gaps are signage.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import standard as standards
from checker.engine import evaluate
from checker.model import Assessment, Fact, Profile, Requirement, Standard
from checker.rules import KINDS
from tests.conftest import EXAMPLES, ROOT, run_cli

XUZHOU = standards.load_standard(ROOT / "standards" / "xuzhou-2017.yaml")
LIVING_ROOM = standards.load_standard(ROOT / "standards" / "living-room-2023.yaml")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rank(standard: Standard, assessment: Assessment) -> int:
    """0 for the top band, larger for lower ones."""
    grade = evaluate(standard, assessment).grade
    assert grade is not None
    return list(standard.grades).index(grade)


def band(standard: Standard, grade_id: str) -> int:
    return [g.id for g in standard.grades].index(grade_id)


def met_value(standard: Standard, req: Requirement) -> Any:
    """A raw fact that meets the requirement whatever the community's size."""
    p = req.params
    if req.kind == "presence":
        return True
    if req.kind == "threshold":
        return p["min"] * 100 if "min" in p else 0
    if req.kind == "checklist":
        entries = standard.catalogues[p["catalogue"]].entries
        return {"handled": [e.id for e in entries], "online": [e.id for e in entries if e.online]}
    if req.kind == "allowed_set":
        return list(p.get("required", p["allowed"]))
    if req.kind == "choice":
        return p["accept"][0]
    return p["equals"][0] if "equals" in p else "".join(p["contains"])


def any_value(standard: Standard, req: Requirement) -> st.SearchStrategy[Any]:
    """Any well-formed raw fact for the requirement, met or not; None = left unanswered."""
    p = req.params
    if req.kind == "presence":
        values: st.SearchStrategy[Any] = st.booleans()
    elif req.kind == "threshold":
        top = max(p.get("min", 0), p.get("max", 0)) * 2 or 10
        values = st.integers(0, int(top))
    elif req.kind == "checklist":
        ids = [e.id for e in standard.catalogues[p["catalogue"]].entries]
        values = st.lists(st.sampled_from(ids), unique=True).map(lambda h: {"handled": h, "online": h[: len(h) // 2]})
    elif req.kind == "allowed_set":
        values = st.lists(st.sampled_from([*p["allowed"], "社区老年人协会"]), unique=True)
    elif req.kind == "choice":
        values = st.sampled_from(p["options"])
    else:
        values = st.sampled_from([*p.get("equals", []), "社区居委会"])
    return st.one_of(st.none(), values)


def assessment(standard: Standard, raw: dict[str, Any], households: int, area_type: str = "urban") -> Assessment:
    facts = {}
    for rid, value in raw.items():
        if value is not None:
            req = standard.index[rid]
            facts[rid] = Fact(rid, KINDS[req.kind].read_fact(req.params, value, standard.catalogues))
    profile = Profile("测试社区", "区", "街道", area_type, households=households, population=households * 3)
    return Assessment(standard.id, standard.version, "2018", profile, facts, "generated.yaml", "0" * 64)


def owners(standard: Standard) -> list[Requirement]:
    return list(standard.fact_owners())


@st.composite
def signage_only(draw: st.DrawFn, standard: Standard = XUZHOU) -> Assessment:
    """Everything met except signage (category F1), which may be anything, even unanswered."""
    raw = {
        r.id: draw(any_value(standard, r)) if r.category_id == "F1" else met_value(standard, r)
        for r in owners(standard)
    }
    return assessment(standard, raw, draw(st.integers(300, 6000)), draw(st.sampled_from(["urban", "rural"])))


@st.composite
def missing_a_basic_facility(draw: st.DrawFn, standard: Standard = XUZHOU) -> Assessment:
    """Anything at all, except that one core facility (an `entry` of the facilities catalogue) is absent."""
    raw = {r.id: draw(any_value(standard, r)) for r in owners(standard)}
    raw["XZ-V-101"] = raw["XZ-V-102"] = True  # no veto: the facility alone must hold it back
    area_type = draw(st.sampled_from(["urban", "rural"]))
    core = [
        r
        for r in owners(standard)
        if r.core
        and str(r.params.get("entry", "")).startswith("facilities/")
        and area_type in r.applies_if.get("area_type", [area_type])
    ]
    missing = draw(st.sampled_from(core))
    raw[missing.id] = False if missing.kind == "presence" else 0
    return assessment(standard, raw, draw(st.integers(300, 6000)), area_type)


@st.composite
def anything(draw: st.DrawFn, standard: Standard) -> Assessment:
    raw = {r.id: draw(any_value(standard, r)) for r in owners(standard)}
    return assessment(standard, raw, draw(st.integers(300, 6000)))


@SETTINGS
@given(signage_only(), missing_a_basic_facility())
def test_missing_a_basic_facility_never_grades_above_signage_only_gaps(
    only_signage: Assessment, no_facility: Assessment
) -> None:
    signage_rank, facility_rank = rank(XUZHOU, only_signage), rank(XUZHOU, no_facility)
    assert signage_rank <= band(XUZHOU, "pass"), "signage alone never costs 达标"
    assert facility_rank >= band(XUZHOU, "basic"), "a missing basic facility always costs 达标"
    assert facility_rank >= signage_rank


@SETTINGS
@given(st.data())
def test_a_failed_veto_is_the_bottom_band_whatever_the_score(data: st.DataObject) -> None:
    for standard, veto in ((XUZHOU, "XZ-V-101"), (LIVING_ROOM, "LR-V-101")):
        raw = {r.id: met_value(standard, r) for r in owners(standard)}
        raw[veto] = False  # falsification found: everything else met
        assert rank(standard, assessment(standard, raw, data.draw(st.integers(300, 6000)))) == len(standard.grades) - 1


@SETTINGS
@given(st.data())
def test_meeting_one_more_requirement_never_lowers_the_grade(data: st.DataObject) -> None:
    standard = data.draw(st.sampled_from([XUZHOU, LIVING_ROOM]))
    before = data.draw(anything(standard))
    rid = data.draw(st.sampled_from([r.id for r in owners(standard)]))
    req = standard.index[rid]
    better = dict(before.facts)
    better[rid] = Fact(rid, KINDS[req.kind].read_fact(req.params, met_value(standard, req), standard.catalogues))
    after = Assessment(before.standard_id, before.standard_version, "2018", before.profile, better, "g.yaml", "0" * 64)
    assert rank(standard, after) <= rank(standard, before)


def test_signage_weighs_less_than_the_health_station() -> None:
    signage = sum(r.points for r in XUZHOU.requirements if r.category_id == "F1")
    assert signage < XUZHOU.index["XZ-F-301"].points
    assert all(not r.veto for r in XUZHOU.requirements if r.category_id == "F1")
    # vetoes are falsification and serious incidents, not areas; area minimums are core gates instead
    assert {r.id for r in XUZHOU.requirements if r.veto} == {"XZ-V-101", "XZ-V-102"}
    assert XUZHOU.index["XZ-F-801"].core and XUZHOU.index["XZ-F-501"].core


def test_diemeng_without_health_station_ranks_below_kangju_with_extra_plaques() -> None:
    def grade(name: str) -> tuple[float, str]:
        data = json.loads(run_cli("check", EXAMPLES / name, "--format", "json").out)
        return data["score"], data["grade"]["id"]

    assert grade("xuzhou-2017--diemeng.yaml") == (83.0, "basic")
    assert grade("xuzhou-2017--kangju.yaml") == (92.5, "pass")
