"""Properties of scoring over generated facts for the mini standard (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import standard as standards
from checker.engine import OPEN, _standing, evaluate
from checker.model import Assessment, Fact, Profile
from tests.conftest import MINI

STANDARD = standards.load_standard(MINI)
MATTERS = ["M1", "M2", "M3", "M4"]


@st.composite
def matters(draw: st.DrawFn) -> dict[str, list[str]]:
    handled = draw(st.lists(st.sampled_from(MATTERS), unique=True))
    online = draw(st.lists(st.sampled_from(handled), unique=True)) if handled else []
    return {"handled": handled, "online": online}


VALUES = {
    "R-area": st.floats(0, 1200, allow_nan=False),
    "R-police": st.booleans(),
    "R-care": st.floats(0, 400, allow_nan=False),
    "R-plaques": st.lists(st.sampled_from(["社区党组织", "社区居民委员会", "计生协会"]), max_size=3),
    "R-colour": st.sampled_from(["灰底蓝字", "白底红字", "其他"]),
    "R-header": st.sampled_from(["社区综合服务中心", "社区居委会"]),
    "R-matters": matters(),
    "R-patrol": st.floats(0, 8, allow_nan=False),
}


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    facts = {}
    for req_id, values in VALUES.items():
        if draw(st.booleans()) or req_id == "R-area":  # some questions left unanswered
            facts[req_id] = Fact(req_id, draw(values))
    area_type = draw(st.sampled_from(["urban", "rural"]))
    profile = Profile("测试社区", "区", "街道", area_type, households=draw(st.integers(100, 9000)))
    return Assessment("mini", "1", "2024", profile, facts, "generated.yaml", "0" * 64)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_scores_and_grades_hold_together(assessment: Assessment) -> None:
    result = evaluate(STANDARD, assessment)
    assert result.score is not None and 0 <= result.score <= 100
    assert result.compliant == (result.score == 100.0) == (not result.gaps)
    assert [g.priority for g in result.gaps] == list(range(1, len(result.gaps) + 1))
    vetoes = [g for g in result.gaps if g.level == "veto"]
    assert result.gaps[: len(vetoes)] == tuple(vetoes), "veto gaps come first"
    for category in result.categories:
        assert category.score is None or 0 <= category.score <= 100
    everything = {r.id for r in result.results if r.status in OPEN}
    assert _standing(STANDARD, result.results, everything) == (100.0, STANDARD.grades[0])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_next_grade_path_reaches_the_next_band(assessment: Assessment) -> None:
    result = evaluate(STANDARD, assessment)
    bands = list(STANDARD.grades)
    if result.grade is bands[0]:
        assert result.next_grade is None
        return
    path = result.next_grade
    assert path is not None
    assert set(path.gap_ids) <= {g.id for g in result.gaps}
    score, grade = _standing(STANDARD, result.results, set(path.gap_ids))
    assert grade is not None and bands.index(grade) < bands.index(result.grade)
    assert score == path.score_after
    # fewest: dropping any non-gate gap from the path misses the band (the greedy order closes big gaps first)
    for gap_id in path.gap_ids:
        fewer = set(path.gap_ids) - {gap_id}
        _, reached = _standing(STANDARD, result.results, fewer)
        veto = STANDARD.index[gap_id].veto
        if not veto:
            assert reached is None or bands.index(reached) > bands.index(path.grade)
