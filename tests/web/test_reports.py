import pytest
from django.test import Client

from tests.web.conftest import example_cells

pytestmark = pytest.mark.django_db


def _submitted(world):
    from web.models import Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    return Submission.objects.get()


def test_draft_report_is_the_reports_html(world):
    client = world.client(world.clerk)
    client.post(world.filing_url(), {**example_cells(world), "_version": "0"})
    response = client.get(world.filing_url("report.html"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "缺什么，补什么" in body or "缺项" in body
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_submission_report_html_and_pdf(world, monkeypatch):
    from reports import pdf as reports_pdf

    layouts = []
    real_html = reports_pdf.HTML
    monkeypatch.setattr(reports_pdf, "HTML", lambda *a, **k: layouts.append(1) or real_html(*a, **k))
    for name in ("SQCHECK_FIXED_TIME", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)
    submission = _submitted(world)
    client = world.client(world.bureau)
    assert client.get(f"/submissions/{submission.pk}/report.html").status_code == 200
    pdf = client.get(f"/submissions/{submission.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert pdf["Content-Disposition"].startswith("attachment")
    first = len(layouts)  # one layout, or two when the cover spills onto page 2 (康居's does: see reports.pdf)
    assert first in (1, 2)
    again = client.get(f"/submissions/{submission.pk}/report.pdf")  # later: the clock's time is not an input
    assert again.content == pdf.content and len(layouts) == first  # read back from the cache folder (#16 §5)
    assert client.get(f"/submissions/{submission.pk}/report.exe").status_code == 404


def test_requires_login(world):
    assert Client().get(world.filing_url("report.html")).status_code == 302


def test_someone_elses_report_is_404(world):
    submission = _submitted(world)
    for user in (world.other_clerk, world.other_bureau):
        client = world.client(user)
        assert client.get(f"/submissions/{submission.pk}/report.html").status_code == 404
        assert client.get(world.filing_url("report.html")).status_code == 404
