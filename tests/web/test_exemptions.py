"""Exemptions granted in the app (#14 §4): the bureau's grant is an exemptions file's entry — applied, lapsed and
reported exactly as the library decides — logged, shown on the reports, and kept out of the rectification items."""

from datetime import date, timedelta

import pytest

from tests.web.conftest import example_cells

pytestmark = pytest.mark.django_db

GAP = "XZ-F-301"  # 康居's one high-priority gap (社区卫生服务站)


def _form(**changes):
    today = date.today()
    form = {
        "requirement": GAP,
        "justification": "辖区 200 米内已有社区卫生服务中心",
        "approved_by": "泉山区卫健委",
        "reference": "泉卫复〔2026〕7号",
        "granted_on": (today - timedelta(days=10)).isoformat(),
        "expires_on": (today + timedelta(days=365)).isoformat(),
    }
    return {**form, **changes}


def _submitted(world):
    from web.models import Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    return Submission.objects.get(round=world.round, community=world.kangju)


def test_granted_exemption_shows_on_the_report_and_the_log(world):
    from web.models import AuditEvent, ExemptionGrant

    submission = _submitted(world)
    bureau = world.client(world.bureau)
    response = bureau.post(world.filing_url("exemptions/"), _form())
    assert response.status_code == 302
    grant = ExemptionGrant.objects.get()
    assert (grant.requirement_id, grant.standard_id, grant.community) == (GAP, "xuzhou-2017", world.kangju)
    logged = AuditEvent.objects.get(action="exemption.grant")
    assert logged.detail["requirement"] == GAP and logged.detail["approved_by"] == "泉山区卫健委"
    page = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert "有效" in page and "辖区 200 米内已有社区卫生服务中心" in page
    html = world.client(world.clerk).get(f"/submissions/{submission.pk}/report.html").content.decode()
    assert "泉山区卫健委批准，泉卫复〔2026〕7号" in html  # the library's reason, beside the exempt requirement
    from web import audited

    judged = audited.judge(submission, "zh", date.today())
    assert GAP not in {g.id for g in judged.result.gaps}
    assert judged.result.extras["exemptions"]["applied"][0]["requirement"] == GAP


def test_an_expired_exemption_is_not_applied(world):
    from web import audited

    submission = _submitted(world)
    old = _form(granted_on="2020-01-01", expires_on="2020-12-31")
    world.client(world.bureau).post(world.filing_url("exemptions/"), old)
    judged = audited.judge(submission, "zh", date.today())
    assert GAP in {g.id for g in judged.result.gaps}
    assert judged.exemptions is not None and [e.requirement_id for e in judged.exemptions.expired] == [GAP]
    assert "已过期" in world.client(world.clerk).get(world.filing_url()).content.decode()
    html = world.client(world.clerk).get(f"/submissions/{submission.pk}/report.html").content.decode()
    assert "豁免已于 2020-12-31 到期，未适用" in html
    # on a day inside its window it holds
    assert GAP not in {g.id for g in audited.judge(submission, "zh", date(2020, 6, 1)).result.gaps}


def test_the_same_semantics_as_an_exemptions_file(world, tmp_path):
    """The grant read back is the entry an exemptions file with the same words gives, decided the same way."""
    from checker.audits import exemptions as library
    from web import audited, exemptions

    submission = _submitted(world)
    world.client(world.bureau).post(world.filing_url("exemptions/"), _form())
    form = _form()
    path = tmp_path / "exemptions.yaml"
    path.write_text(
        f'standard: "xuzhou-2017"\nexemptions:\n  - requirement: "{GAP}"\n    community: "康居社区"\n'
        f'    district: "泉山区"\n    justification: "{form["justification"]}"\n'
        f'    approved_by: "{form["approved_by"]}"\n'
        f'    reference: "{form["reference"]}"\n    granted_on: "{form["granted_on"]}"\n'
        f'    expires_on: "{form["expires_on"]}"\n',
        encoding="utf-8",
    )
    standard, assessment = audited.loaded(submission)
    from_file, _ = library.load(path, standard)
    from_app = exemptions.granted(world.kangju, standard.id)
    assert [e.to_dict() for e in from_app] == [e.to_dict() for e in from_file]
    for on in (date(2020, 1, 1), date.today(), date(2099, 1, 1)):
        app_decision = library.decide(from_app, assessment.profile, on)
        file_decision = library.decide(from_file, assessment.profile, on)
        assert app_decision.to_dict() == file_decision.to_dict()
        assert app_decision.reasons("en") == file_decision.reasons("en")


def test_an_exempted_requirement_is_not_issued(world):
    from django.utils import timezone

    from web import rectification

    submission = _submitted(world)
    world.client(world.bureau).post(world.filing_url("exemptions/"), _form())
    notice = rectification.issue(submission, world.bureau, timezone.localdate())
    assert GAP not in {i.requirement_id for i in notice.items.all()} and notice.items.exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"requirement": "XZ-NOPE"}, "本标准没有要求“XZ-NOPE”"),
        ({"justification": " "}, "请填写豁免理由"),
        ({"approved_by": ""}, "请填写批准单位"),
        ({"expires_on": "2026/12/31"}, "失效日期“2026/12/31”应为 YYYY-MM-DD"),
        ({"granted_on": "2026-06-01", "expires_on": "2026-01-01"}, "失效日期 2026-01-01 早于批准日期 2026-06-01"),
    ],
)
def test_a_wrong_grant_is_refused_in_words(world, change, words):
    from web.models import ExemptionGrant

    page = world.client(world.bureau).post(world.filing_url("exemptions/"), _form(**change), follow=True)
    assert words in page.content.decode()
    assert not ExemptionGrant.objects.exists()


def test_only_the_bureau_grants_within_its_scope(world):
    from django.test import Client

    from web.models import ExemptionGrant

    for user in (world.clerk, world.inspector, world.other_bureau):
        assert world.client(user).post(world.filing_url("exemptions/"), _form()).status_code == 404
    response = Client().post(world.filing_url("exemptions/"), _form())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert world.client(world.bureau).get(world.filing_url("exemptions/")).status_code == 405
    assert not ExemptionGrant.objects.exists()
    # and a grant is never changed
    world.client(world.bureau).post(world.filing_url("exemptions/"), _form())
    with pytest.raises(PermissionError):
        ExemptionGrant.objects.get().save()
