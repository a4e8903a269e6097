"""A submitted version's gap report is the same wherever it is served (web.gap_report): the report page, the
round's exported PDFs and the JSON API all show it judged under the exemptions granted in the app, with the
community's rectification items — before, the export and the API judged the bare text."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.web.test_api import _auth
from tests.web.test_jobs import run, submit_examples, zip_members
from tests.web.test_rollup_exemptions import DAY0, GAP, _form, today  # noqa: F401 (today: a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]  # the app's today: DAY0


def _granted_and_issued(world):
    from web import rectification
    from web.models import Submission

    submit_examples(world, {"康居社区": "kangju"})
    submission = Submission.objects.get(round=world.round, community=world.kangju)
    granted = world.client(world.bureau).post(world.filing_url("exemptions/"), _form(DAY0, DAY0 + timedelta(days=365)))
    assert granted.status_code == 302
    rectification.issue(submission, world.city, DAY0)
    return submission


def test_the_exported_pdf_is_the_report_pages_pdf_under_exemptions_and_items(world, monkeypatch, tmp_path):
    from web import jobs

    monkeypatch.setenv("SQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    submission = _granted_and_issued(world)
    page = world.client(world.city).get(f"/submissions/{submission.pk}/report.pdf")
    exported = zip_members(jobs.result_path(run(world, "pdfs")).read_bytes())
    assert exported["泉山区/七里沟街道/康居社区.pdf"] == page.content


def test_the_api_result_is_the_report_pages_result(world):
    from django.test import Client

    from web import audited

    submission = _granted_and_issued(world)
    judged = audited.judge(submission, "zh", audited.judging_day(world.round)).result
    assert GAP not in {gap.id for gap in judged.gaps}  # the grant is in force on the round's day
    body = Client().get(f"/api/submissions/{submission.pk}", **_auth("quanshan")).json()
    assert body["result"]["score"] == judged.score
    assert GAP not in {gap["id"] for gap in body["result"]["gaps"]}
    assert body["result"]["rectification"] and body["result"]["exemptions"]
