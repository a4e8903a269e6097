import json

import pytest
from django.test import Client

from tests.web.conftest import EXAMPLES, cli_score, example_cells

pytestmark = pytest.mark.django_db


def test_submit_keeps_every_version(world):
    from web.models import Submission

    client = world.client(world.clerk)
    cells = example_cells(world)
    assert client.post(world.filing_url("submit/"), {**cells, "_version": "0"}).status_code == 302
    cells["p.filled_by"] = "张三"
    assert client.post(world.filing_url("submit/"), {**cells, "_version": "1"}).status_code == 302
    versions = Submission.objects.filter(round=world.round, community=world.kangju).order_by("number")
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].sha256 != versions[1].sha256 and "张三" in versions[1].text
    assert "已提交第 2 版" in client.get(world.filing_url()).content.decode()
    bureau = world.client(world.bureau).get(f"/rounds/{world.round.pk}/").content.decode()
    assert "已提交" in bureau and cli_score() in bureau


def test_submitted_result_equals_sqcheck_check_on_the_same_text(world, tmp_path):
    from checker import pipeline
    from checker.output import to_dict
    from web import gap_report, services
    from web.models import Submission

    client = world.client(world.clerk)
    client.post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    submission = Submission.objects.get(round=world.round, community=world.kangju)
    path = tmp_path / services.submission_name(world.kangju)
    path.write_text(submission.text, encoding="utf-8")
    cli, _ = pipeline.check(path)
    web = gap_report.submitted(submission, "zh")
    web_json, cli_json = to_dict(web), to_dict(cli)
    assert web_json["assessment"]["file"] == path.name  # the same file name; the folder differs
    web_json["assessment"]["file"] = cli_json["assessment"]["file"] = ""
    assert json.dumps(web_json, sort_keys=True) == json.dumps(cli_json, sort_keys=True)
    original, _ = pipeline.check(EXAMPLES / "xuzhou-2017--kangju.yaml")
    assert to_dict(web)["score"] == to_dict(original)["score"]


def test_invalid_form_is_not_submitted_and_problems_stand_beside_fields(world):
    from web.models import Submission

    client = world.client(world.clerk)
    cells = example_cells(world)
    del cells["p.community.name"]
    response = client.post(world.filing_url("submit/"), {**cells, "_version": "0"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "请改正后再提交" in body
    fragment = body.split('id="msg-p_community_name"', 1)[1].split("</div>", 1)[0]
    assert "缺少必填项" in fragment
    assert not Submission.objects.exists()


def test_rejects_get(world):
    assert world.client(world.clerk).get(world.filing_url("submit/")).status_code == 405


def test_requires_login(world):
    assert Client().post(world.filing_url("submit/")).status_code == 302


@pytest.mark.parametrize("who", ["other_clerk", "bureau", "inspector"])
def test_only_the_communitys_clerk_submits(world, who):
    response = world.client(getattr(world, who)).post(world.filing_url("submit/"), {"_version": "0"})
    assert response.status_code == 404


def test_submissions_are_never_changed_and_the_log_is_append_only(world):
    from web.models import AuditEvent, Submission

    client = world.client(world.clerk)
    client.post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    submission = Submission.objects.get()
    submission.text = "changed"
    with pytest.raises(PermissionError):
        submission.save()
    with pytest.raises(PermissionError):
        submission.delete()
    event = AuditEvent.objects.filter(action="submission.create").get()
    assert event.username == "clerk" and event.ip == "127.0.0.1" and event.detail["number"] == 1
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="x")
    with pytest.raises(PermissionError):
        event.save()
