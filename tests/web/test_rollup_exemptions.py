"""The roll-ups judge as the reports judge (#15): a version under the exemptions granted in the app — granted,
revoked, begun or lapsed as the round's day moves on — counts on the dashboard as its report shows it, and after
any sequence of submissions, reviews, grants, revocations and days passing the stored figures equal a
recomputation."""

from __future__ import annotations

import contextlib
import hashlib
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.web.conftest import PASSWORD, example_cells
from tests.web.test_rollup import _figures as _all_figures
from tests.web.test_rollup import province_round

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GAP = "XZ-F-301"  # a gap of 康居 and 蝶梦 (社区卫生服务站)
DAY0 = date(2030, 6, 1)  # the tests' "today": fixed, so nothing depends on the clock


@pytest.fixture
def today(monkeypatch):
    """The app's today (web.audited.today), moved by the test."""
    from web import audited

    clock = SimpleNamespace(day=DAY0)
    monkeypatch.setattr(audited, "today", lambda: clock.day)
    return clock


def _figures(round_) -> dict[str, int]:
    """The round's figures at the top node, zeros left out."""
    return {key: value for key, value in _all_figures(round_).items() if value}


def _form(granted: date, expires: date, requirement: str = GAP) -> dict[str, str]:
    return {
        "requirement": requirement,
        "justification": "辖区 200 米内已有社区卫生服务中心",
        "approved_by": "泉山区卫健委",
        "granted_on": granted.isoformat(),
        "expires_on": expires.isoformat(),
    }


def test_a_grant_and_its_revocation_move_the_figures_with_the_report(today, world):
    """Granted through the bureau's form: the dashboard's figures drop the gap and take the exempted score, as the
    report does; revoked: back to the submitted figures. Stored = recomputed each time."""
    from web import audited, rollup
    from web.models import ExemptionGrant, Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    submission = Submission.objects.get(round=world.round, community=world.kangju)
    before = _figures(world.round)
    assert before[f"gap:{GAP}"] == 1 and before["score_total"] == round(submission.score * 100)

    bureau = world.client(world.bureau)
    assert bureau.post(world.filing_url("exemptions/"), _form(DAY0, DAY0 + timedelta(days=365))).status_code == 302
    report = audited.judge(submission, "zh", audited.judging_day(world.round)).result
    after = _figures(world.round)
    assert f"gap:{GAP}" not in after and after["gaps_total"] == len(report.gaps) == before["gaps_total"] - 1
    assert after["score_total"] == round(report.score * 100) > before["score_total"]
    assert rollup.stored(world.round) == rollup.recompute(world.round)
    from reports.environment import number

    listed = bureau.get(f"/rounds/{world.round.pk}/").content.decode()  # the round's list says the same
    assert f"<td>{number(report.score)}</td>" in listed and f"<td>{number(submission.score)}</td>" not in listed

    grant = ExemptionGrant.objects.get()
    url = world.filing_url(f"exemptions/{grant.pk}/revoke/")
    assert bureau.post(url, {"reason": "服务站已建成"}).status_code == 302
    assert _figures(world.round) == before
    assert rollup.stored(world.round) == rollup.recompute(world.round)


def test_a_lapse_reaches_the_figures_when_the_day_passes(today, world):
    """A grant that expires while the round runs: the figures follow on the first dashboard view after the day,
    and a round past its deadline keeps the day of its deadline."""
    from web import rollup

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    before = _figures(world.round)
    world.client(world.bureau).post(world.filing_url("exemptions/"), _form(DAY0, DAY0 + timedelta(days=10)))
    exempted = _figures(world.round)
    assert f"gap:{GAP}" not in exempted
    today.day = DAY0 + timedelta(days=11)
    assert rollup.recompute(world.round, today.day) != rollup.stored(world.round)  # they still stand for DAY0
    assert world.client(world.bureau).get(f"/rounds/{world.round.pk}/dashboard/").status_code == 200
    assert _figures(world.round) == before
    assert rollup.stored(world.round) == rollup.recompute(world.round)
    # a round judged on its deadline: a later day changes nothing
    from web.models import Round

    Round.objects.filter(pk=world.round.pk).update(deadline=DAY0 + timedelta(days=5))
    round_ = Round.objects.get(pk=world.round.pk)
    rollup.ensure(round_)
    assert _figures(round_) == exempted and round_.figures_on == round_.deadline
    assert rollup.stored(round_) == rollup.recompute(round_, round_.deadline)


def test_the_live_score_applies_exemptions(today, world):
    """The filing page's live score is the draft report's: judged under the exemptions in force."""
    from reports.environment import number
    from web import audited, filing, services

    cells = example_cells(world)
    services.save_draft(world.round, world.kangju, cells, 0, world.clerk)
    standard = world.round.standard.load()
    doc = filing.read_cells(cells, filing.form_spec(standard))
    plain = filing.live(doc, standard, "zh").result
    world.client(world.bureau).post(world.filing_url("exemptions/"), _form(DAY0, DAY0 + timedelta(days=365)))
    exempted = audited.live(doc, world.round, world.kangju, "zh").result
    assert exempted.score > plain.score and GAP not in {g.id for g in exempted.gaps}
    page = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert f"<strong>{number(exempted.score)}</strong>" in page
    assert f"<strong>{number(plain.score)}</strong>" not in page
    checked = world.client(world.clerk).post(world.filing_url("check/"), {**cells, "_field": "q.XZ-F-101.value"})
    assert f"<strong>{number(exempted.score)}</strong>" in checked.content.decode()


# ---------------------------------------------------------------- revoking: the view


def test_revoking_is_the_bureaus_logged_and_kept(today, world):
    from web.models import AuditEvent, ExemptionGrant, ExemptionRevocation

    world.client(world.bureau).post(world.filing_url("exemptions/"), _form(DAY0, DAY0 + timedelta(days=365)))
    grant = ExemptionGrant.objects.get()
    url = world.filing_url(f"exemptions/{grant.pk}/revoke/")
    for user in (world.clerk, world.inspector, world.other_bureau):
        assert world.client(user).post(url, {"reason": "x"}).status_code == 404
    from django.test import Client

    anonymous = Client().post(url, {"reason": "x"})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert world.client(world.bureau).get(url).status_code == 405
    other = world.client(world.bureau).post(world.filing_url(f"exemptions/{grant.pk}/revoke/", world.diemeng))
    assert other.status_code == 404  # a grant of another community through this one's page
    refused = world.client(world.bureau).post(url, {"reason": " "}, follow=True)
    assert "请填写撤销理由" in refused.content.decode() and not ExemptionRevocation.objects.exists()

    assert world.client(world.bureau).post(url, {"reason": "服务站已建成"}).status_code == 302
    again = world.client(world.bureau).post(url, {"reason": "再撤一次"}, follow=True)
    assert f"{GAP} 的豁免已撤销" in again.content.decode()
    revocation = ExemptionRevocation.objects.get()
    assert (revocation.grant, revocation.revoked_on, revocation.reason) == (grant, DAY0, "服务站已建成")
    assert ExemptionGrant.objects.filter(pk=grant.pk).exists()  # kept, in history
    logged = AuditEvent.objects.get(action="exemption.revoke")
    assert logged.detail["exemption"] == grant.pk and logged.detail["reason"] == "服务站已建成"
    page = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert "已撤销" in page and "服务站已建成" in page
    with pytest.raises(PermissionError):
        revocation.save()
    with pytest.raises(PermissionError):
        revocation.delete()


def test_a_revocation_holds_from_its_day_on(today, world):
    """The report of a day before the revocation keeps the grant; from the revocation's day on it is gone."""
    from web import audited
    from web.models import ExemptionGrant, Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    submission = Submission.objects.get()
    world.client(world.bureau).post(world.filing_url("exemptions/"), _form(DAY0, DAY0 + timedelta(days=365)))
    today.day = DAY0 + timedelta(days=3)
    grant = ExemptionGrant.objects.get()
    world.client(world.bureau).post(world.filing_url(f"exemptions/{grant.pk}/revoke/"), {"reason": "已建成"})
    gaps = lambda on: {g.id for g in audited.judge(submission, "zh", on).result.gaps}  # noqa: E731
    assert GAP not in gaps(DAY0 + timedelta(days=2)) and GAP in gaps(DAY0 + timedelta(days=3))
    html = world.client(world.clerk).get(f"/submissions/{submission.pk}/report.html").content.decode()
    assert "泉山区卫健委批准" not in html


# ---------------------------------------------------------------- random sequences, exemptions included

COMMUNITIES = ["康居社区", "七里沟社区", "梅园社区"]  # two in one street, one in another city
VERSIONS = ["kangju", "diemeng", "huaiyin"]  # each has XZ-F-202 as a gap; 康居 and 蝶梦 XZ-F-301 too
REQUIREMENTS = ["XZ-F-301", "XZ-F-202"]
_texts: dict[tuple[str, str], str] = {}


def _text(example: str, community) -> str:
    """The example's self-assessment as this community's (its name and place), so its grants match it."""
    key = (example, community.name)
    if key not in _texts:
        import yaml

        data = yaml.safe_load((EXAMPLES / f"xuzhou-2017--{example}.yaml").read_text(encoding="utf-8"))
        data["community"].update(
            name=community.name, city=community.city, district=community.district, street=community.street
        )
        _texts[key] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return _texts[key]


events = st.lists(
    st.one_of(
        st.tuples(st.just("submit"), st.sampled_from(COMMUNITIES), st.sampled_from(VERSIONS)),
        st.tuples(st.sampled_from(["return", "accept"]), st.sampled_from(COMMUNITIES), st.none()),
        st.tuples(
            st.just("grant"),
            st.sampled_from(COMMUNITIES),
            st.tuples(st.sampled_from(REQUIREMENTS), st.integers(-5, 5), st.integers(0, 10)),
        ),
        st.tuples(st.just("revoke"), st.sampled_from(COMMUNITIES), st.integers(0, 3)),
        st.tuples(st.just("day"), st.none(), st.integers(1, 6)),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=events)
@example(sequence=[("submit", "康居社区", "kangju"), ("grant", "康居社区", ("XZ-F-301", 0, 0))])
@example(
    sequence=[
        ("submit", "梅园社区", "diemeng"),
        ("grant", "梅园社区", ("XZ-F-202", -1, 5)),
        ("accept", "梅园社区", None),
        ("revoke", "梅园社区", 0),
    ]
)
@example(sequence=[("submit", "七里沟社区", "huaiyin"), ("grant", "七里沟社区", ("XZ-F-202", 0, 1)), ("day", None, 2)])
@example(sequence=[("submit", "康居社区", "kangju"), ("grant", "康居社区", ("XZ-F-301", 2, 9)), ("day", None, 4)])
def test_rollup_equals_recomputation_with_exemptions(tmp_path, today, sequence):
    from web import rollup, services

    today.day = DAY0
    with transaction.atomic():
        round_ = province_round(tmp_path)
        bureau = services.add_user("b", "bureau", PASSWORD)
        for kind, name, detail in sequence:
            community = round_.communities.get(name=name) if name else None
            _event(round_, community, kind, detail, bureau, today)
        rollup.ensure(round_)  # the dashboard's first view after the day moved on
        assert rollup.stored(round_) == rollup.recompute(round_)
        _as_reported(round_)
        before = rollup.stored(round_)
        rollup.rebuild(round_)
        assert rollup.stored(round_) == before
        transaction.set_rollback(True)


def _as_reported(round_) -> None:
    """Each community stands on the dashboard as its latest version's report judges it (web.audited.judge on the
    round's day): the oracle the recomputation itself cannot be, as it shares the roll-ups' code."""
    from web import audited, rollup
    from web.models import Submission

    day = rollup.figures_day(round_)
    for standing in rollup.stored(round_)[0].values():
        if standing.submission_id is None:
            continue
        result = audited.judge(Submission.objects.get(pk=standing.submission_id), "zh", day).result
        assert (standing.score, standing.gaps) == (result.score, tuple(g.id for g in result.gaps))


def _event(round_, community, kind, detail, bureau, today) -> None:
    from checker.audits.states import Refused
    from web import exemptions, filing, review, rollup
    from web.models import ExemptionGrant, Submission

    request = SimpleNamespace(user=bureau, META={})
    if kind == "submit":  # as services.submit_document stores a judged version
        text = _text(detail, community)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        result = filing.judge_text(text, sha, round_.standard.load(), "zh")
        with transaction.atomic():
            number = Submission.objects.filter(round=round_, community=community).count() + 1
            Submission.objects.create(
                round=round_,
                community=community,
                number=number,
                text=text,
                sha256=sha,
                score=result.score,
                grade=result.grade.title if result.grade else "",
                gaps=len(result.gaps),
                gap_ids=" ".join(g.id for g in result.gaps),
            )
            rollup.refresh(round_.pk, community.pk)
    elif kind == "grant":
        requirement, start, length = detail
        granted = today.day + timedelta(days=start)
        exemptions.grant(
            community, round_.standard.load(), _form(granted, granted + timedelta(days=length), requirement), bureau
        )
    elif kind == "revoke":
        grants = list(ExemptionGrant.objects.filter(community=community, revocation__isnull=True).order_by("pk"))
        if grants:
            exemptions.revoke(grants[detail % len(grants)], {"reason": "已整改"}, bureau)
    elif kind == "day":
        today.day += timedelta(days=detail)
        if detail % 2:  # now and then someone looks at the dashboard (the figures catch up); else later
            rollup.ensure(round_)
    else:
        latest = review.latest_version(round_.pk, community.pk)
        if latest is not None:
            with contextlib.suppress(Refused):
                review.review(latest, kind, "意见", {}, request)  # type: ignore[arg-type]
