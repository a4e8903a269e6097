"""A filing's 填报周期 against its round (#15): a form of another period is refused at its field on the form, at
its line and column in an uploaded file and at its cell in a workbook, in the words of the form; the same period
written another way (２０１８, 2018年度) is the same period."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.conftest import EXAMPLES, example_cells

pytestmark = pytest.mark.django_db

KANGJU = EXAMPLES / "xuzhou-2017--kangju.yaml"  # period: "2018", as the world's round
WRONG = "应为本轮的填报周期“2018”，填的是“2017”"


def _with_period(period: str) -> bytes:
    text = KANGJU.read_text(encoding="utf-8")
    assert 'period: "2018"' in text
    return text.replace('period: "2018"', f'period: "{period}"', 1).encode("utf-8")


def _upload(world, name: str, content: bytes):
    client = world.client(world.clerk)
    return client.post(world.filing_url("upload/"), {"file": SimpleUploadedFile(name, content), "_version": "0"})


def test_the_form_says_it_beside_the_field_and_refuses_to_submit(world):
    from web.models import Submission

    client = world.client(world.clerk)
    cells = {**example_cells(world), "p.period": "2017"}
    checked = client.post(world.filing_url("check/"), {**cells, "_field": "p.period"}).content.decode()
    assert WRONG in checked
    submitted = client.post(world.filing_url("submit/"), {**cells, "_version": "0"})
    assert submitted.status_code == 422 and WRONG in submitted.content.decode()
    assert not Submission.objects.exists()
    page = client.get(world.filing_url()).content.decode()  # the saved draft shows it at the field too
    assert WRONG in page
    assert (
        client.post(world.filing_url("submit/"), {**cells, "p.period": "2018年度", "_version": "1"}).status_code == 302
    )
    assert Submission.objects.count() == 1


def test_an_uploaded_file_is_refused_at_its_line(world):
    from web.models import Draft

    response = _upload(world, "康居.yaml", _with_period("2017"))
    assert response.status_code == 422
    assert f"康居.yaml:7:9: 填报周期：{WRONG}" in response.content.decode()
    assert not Draft.objects.filter(version__gt=0).exists()
    assert _upload(world, "康居.yaml", _with_period("２０１８")).status_code == 302


def test_a_workbook_is_refused_at_its_cell(world):
    from checker import pipeline
    from checker.workbook.writer import render_workbook
    from web import filing

    standard = world.round.standard.load()
    doc, _, _ = pipeline.read_with_standard(KANGJU, standard)
    data = {**filing.export_data(doc, standard), "period": "2017"}
    content = render_workbook(standard, data, period="2017")
    response = _upload(world, "表.xlsx", content)
    body = response.content.decode()
    assert response.status_code == 422 and WRONG in body
    assert "表.xlsx:" in body and "!" in body.split(WRONG)[0].rsplit("表.xlsx:", 1)[-1]  # placed at a sheet!cell


def test_the_api_refuses_it_placed(world):
    from web import services

    headers = {"HTTP_AUTHORIZATION": f"Bearer {services.create_token('clerk')}"}
    url = f"/api/rounds/{world.round.pk}/communities/{world.kangju.pk}/submissions"
    response = Client().post(url, {"file": SimpleUploadedFile("k.yaml", _with_period("2017"))}, **headers)
    assert response.status_code == 422
    problem = next(p for p in response.json()["problems"] if p["code"] == "round.period")
    assert (problem["line"], problem["col"]) == (7, 9)


def test_the_demo_files_each_round_for_its_own_period(tmp_path):
    """`make demo`'s versions say the period of the round they were filed in (its notices too)."""
    import re
    import sqlite3
    import subprocess
    import sys

    from tests.web.conftest import ROOT

    db = tmp_path / "demo.sqlite3"
    env = {"PATH": "/usr/bin:/bin", "SQCHECK_DATA_DIR": str(tmp_path / "files")}
    command = [sys.executable, "-m", "web.demo", "--db", str(db), "--logins", str(tmp_path / "logins.txt")]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    with sqlite3.connect(db) as con:
        rows = con.execute("select r.period, s.text from web_submission s join web_round r on s.round_id = r.id")
        found = {(period, re.search(r'^period: "?([^"\n]+)"?$', text, re.M).group(1)) for period, text in rows}
    assert found and all(period == filed for period, filed in found), found
