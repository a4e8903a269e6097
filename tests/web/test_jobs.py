"""Publication and exports as background jobs (web/jobs.py, web/exports.py, web/views/jobs.py): asking, running,
progress, downloads, permissions, and the publication equal to the CLI's publish of the same texts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import run_cli
from tests.web.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

SUBMITTED = {"康居社区": "kangju", "蝶梦社区": "diemeng"}  # 下淀 stays unsubmitted: the roster's missing one


def submit_examples(world, names=SUBMITTED):
    from checker import pipeline
    from web import services

    standard = world.round.standard.load()
    for community in world.round.communities.filter(name__in=list(names)):
        doc, _, _ = pipeline.read_with_standard(EXAMPLES / f"xuzhou-2017--{names[community.name]}.yaml", standard)
        services.submit_document(world.round, community, doc, world.city, "upload")


def run(world, kind, user=None):
    from web import jobs, scope
    from web.models import Job

    user = user or world.city
    job = jobs.request(kind, world.round, scope.place(user.account), "zh", user)
    jobs.execute(job.pk)
    return Job.objects.get(pk=job.pk)


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_publication_zip_equals_the_cli_publish_of_the_same_texts(world, tmp_path, monkeypatch):
    from web import jobs
    from web.models import Submission
    from web.publication import ROSTER_NAME, document_name, round_title

    submit_examples(world)
    job = run(world, "publish")
    assert job.state == "done" and job.done == job.total == 2, job.error
    members = zip_members(jobs.result_path(job).read_bytes())
    assert {"index.html", "report.pdf", "summary.csv", "summary.json"} <= set(members)
    assert sum(name.startswith("communities/") for name in members) == 2

    # the same texts as files, the same roster, the CLI's own publish
    folder = tmp_path / "round"
    for submission in Submission.objects.filter(round=world.round):
        path = folder / document_name(submission.community)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(submission.text.encode("utf-8"))
    rows = ["区,街道,社区", *(f"{c.district},{c.street},{c.name}" for c in world.round.communities.all())]
    (folder / ROSTER_NAME).write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SQCHECK_FIXED_TIME", job.generated_at.isoformat())
    districts = sorted(p.name for p in folder.iterdir() if p.is_dir())
    cli = run_cli("publish", *districts, "-o", tmp_path / "cli", "--roster", ROSTER_NAME, "--standard", "xuzhou-2017",
                  "--title", round_title(world.round))  # fmt: skip
    assert cli.code == 1, cli.err  # gaps found
    expected = {p.relative_to(tmp_path / "cli").as_posix(): p.read_bytes() for p in (tmp_path / "cli").rglob("*")
                if p.is_file()}  # fmt: skip
    assert set(members) == set(expected)
    for name, content in expected.items():
        assert members[name] == content, name  # byte for byte, the PDF included


def test_a_community_audited_in_the_app_is_published_verified_as_the_cli_with_audits(world, tmp_path, monkeypatch):
    """The app's publication passes each latest version's finished audit to publish, as ``--audits 核查记录/``
    does: the published score is the verified one the app's pages show, byte for byte the CLI's."""
    import json

    import yaml

    from tests.web.conftest import EXAMPLES
    from web import inspection, jobs
    from web.models import Audit, Submission
    from web.publication import AUDITS_NAME, ROSTER_NAME, document_name, round_title

    submit_examples(world)
    submission = Submission.objects.get(round=world.round, community=world.diemeng)
    text = (EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml").read_text(encoding="utf-8")
    text = text.replace(yaml.safe_load(text)["assessment"]["sha256"], submission.sha256)
    inspection._keep(inspection.start_for(submission, world.inspector), text, Audit.APP, world.inspector, None)
    job = run(world, "publish")
    assert job.state == "done", job.error
    members = zip_members(jobs.result_path(job).read_bytes())
    summary = json.loads(members["summary.json"])
    audited = {c["name"]: c for c in summary["communities"]}
    assert audited["蝶梦社区"]["audited"] is True and audited["康居社区"]["audited"] is False
    assert audited["蝶梦社区"]["audit"]["file"] == "核查记录/云龙区-彭城街道-蝶梦社区.audit.yaml"  # no local path
    verified = inspection.audited_result(Audit.objects.get(), "zh").score
    assert audited["蝶梦社区"]["score"] == pytest.approx(verified, abs=0.05) != audited["蝶梦社区"]["score_claimed"]

    folder = tmp_path / "round"
    for version in Submission.objects.filter(round=world.round):
        path = folder / document_name(version.community)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(version.text.encode("utf-8"))
    stem = document_name(world.diemeng).removesuffix(".yaml").replace("/", "-")
    (folder / AUDITS_NAME).mkdir()
    (folder / AUDITS_NAME / f"{stem}.audit.yaml").write_text(text, encoding="utf-8")
    rows = ["区,街道,社区", *(f"{c.district},{c.street},{c.name}" for c in world.round.communities.all())]
    (folder / ROSTER_NAME).write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SQCHECK_FIXED_TIME", job.generated_at.isoformat())
    districts = sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != AUDITS_NAME)
    cli = run_cli("publish", *districts, "-o", tmp_path / "cli", "--roster", ROSTER_NAME, "--standard", "xuzhou-2017",
                  "--audits", AUDITS_NAME, "--title", round_title(world.round))  # fmt: skip
    assert cli.code == 1, cli.err
    expected = {p.relative_to(tmp_path / "cli").as_posix(): p.read_bytes() for p in (tmp_path / "cli").rglob("*")
                if p.is_file()}  # fmt: skip
    assert set(members) == set(expected)
    for name, content in expected.items():
        assert members[name] == content, name


def test_a_district_publishes_only_its_own_communities(world):
    import json

    from web import jobs

    submit_examples(world)
    job = run(world, "publish", world.bureau)  # 泉山区
    summary = json.loads(zip_members(jobs.result_path(job).read_bytes())["summary.json"])
    assert [c["name"] for c in summary["communities"]] == ["康居社区"]
    assert job.scope_district == "泉山区"


def test_a_retry_writes_the_same_bytes(world):
    from web import jobs
    from web.models import Job

    submit_examples(world)
    job = run(world, "publish")
    first = jobs.result_path(job).read_bytes()
    Job.objects.filter(pk=job.pk).update(state=Job.QUEUED)  # as recover() leaves a job whose worker died
    jobs.execute(job.pk)
    again = Job.objects.get(pk=job.pk)
    assert again.attempts == 2 and jobs.result_path(again).read_bytes() == first


def test_worklists_one_xlsx_per_body_formulas_stay_text(world):
    from openpyxl import load_workbook

    from web import jobs

    submit_examples(world)
    job = run(world, "worklists")
    assert job.state == "done", job.error
    members = zip_members(jobs.result_path(job).read_bytes())
    assert members and all(name.endswith(".xlsx") for name in members)
    assert "区民政局.xlsx" in members
    book = load_workbook(io.BytesIO(members["区民政局.xlsx"]))
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows and {r[1] for r in rows} <= {"康居社区", "蝶梦社区"}
    assert all(not str(v).startswith("=") for r in rows for v in r if v)


def test_worklists_are_the_same_bytes_whenever_the_job_runs(world, monkeypatch):
    """openpyxl stamps the clock into each XLSX (its properties and its ZIP entries); a job's work lists carry the
    job's time instead, so a second attempt at another moment writes the same bytes."""
    import time
    import zipfile

    from web import jobs
    from web.models import Job

    submit_examples(world)
    first = run(world, "worklists")
    later = time.localtime(time.time() + 3 * 86400)  # the next attempt, three days on
    monkeypatch.setattr(zipfile.time, "localtime", lambda *_: later)
    again = jobs.request("worklists", world.round, ("", "", "", ""), "zh", world.city)
    Job.objects.filter(pk=again.pk).update(generated_at=first.generated_at)
    jobs.execute(again.pk)
    again = Job.objects.get(pk=again.pk)
    assert again.state == "done" and again.result_sha256 == first.result_sha256
    assert jobs.result_path(again).read_bytes() == jobs.result_path(first).read_bytes()


def test_per_community_pdfs_come_from_the_report_cache(world, monkeypatch, tmp_path):
    from web import jobs

    monkeypatch.setenv("SQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    submit_examples(world, {"康居社区": "kangju"})
    job = run(world, "pdfs")
    members = zip_members(jobs.result_path(job).read_bytes())
    assert (
        list(members) == ["泉山区/七里沟街道/康居社区.pdf"]
        and members["泉山区/七里沟街道/康居社区.pdf"][:5] == b"%PDF-"
    )
    cached = list((tmp_path / "cache").rglob("*"))
    assert any(p.is_file() for p in cached)
    # the report page's PDF of that version is the one already laid out
    from web.models import Submission

    submission = Submission.objects.get(community__name="康居社区")
    page = world.client(world.city).get(f"/submissions/{submission.pk}/report.pdf")
    assert page.content == members["泉山区/七里沟街道/康居社区.pdf"]


def test_notices_zip_holds_every_issued_notice_as_issued_and_only_the_scopes(world):
    from datetime import date

    from web import jobs, rectification
    from web.models import Submission

    submit_examples(world)
    notices = {
        s.community.name: rectification.issue(s, world.city, date(2026, 6, 1))
        for s in Submission.objects.filter(round=world.round)
    }
    job = run(world, "notices")  # the city: both districts
    assert job.state == "done", job.error
    members = zip_members(jobs.result_path(job).read_bytes())
    kangju = "泉山区/七里沟街道/康居社区（第 1 版）整改通知书.pdf"
    diemeng = f"{world.diemeng.district}/{world.diemeng.street}/蝶梦社区（第 1 版）整改通知书.pdf"
    assert members == {kangju: bytes(notices["康居社区"].pdf), diemeng: bytes(notices["蝶梦社区"].pdf)}
    district = run(world, "notices", world.bureau)  # 泉山区 sees only its own community's notice
    assert list(zip_members(jobs.result_path(district).read_bytes())) == [kangju]


def test_a_notices_job_with_nothing_issued_fails_saying_so(world):
    submit_examples(world)
    job = run(world, "notices")
    assert job.state == "failed" and "尚未下发整改通知书" in job.error


# ---------------------------------------------------------------- the views


def test_bureau_asks_sees_progress_and_downloads(world):
    from web import jobs
    from web.models import Job

    submit_examples(world)
    client = world.client(world.city)
    response = client.post(f"/rounds/{world.round.pk}/jobs/new/", {"kind": "publish"})
    assert response.status_code == 302
    job = Job.objects.get()
    listing = client.get(f"/rounds/{world.round.pk}/jobs/").content.decode()
    assert "排队中" in listing and 'hx-trigger="every 2s"' in listing  # polls while queued
    jobs.execute(job.pk)
    page = client.get(f"/rounds/{world.round.pk}/").content.decode()
    assert "已完成" in page and f"/jobs/{job.pk}/download" in page and "every 2s" not in page
    download = client.get(f"/jobs/{job.pk}/download")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).testzip() is None


def test_someone_elses_job_is_404_and_a_clerk_cannot_publish(world):
    from web.models import Job

    submit_examples(world)
    job = run(world, "publish")  # the city's
    for user in (world.bureau, world.other_bureau, world.clerk, world.inspector):
        client = world.client(user)
        assert client.get(f"/jobs/{job.pk}/download").status_code == 404
        assert client.post(f"/jobs/{job.pk}/share/").status_code == 404
    mine = run(world, "publish", world.bureau)  # 泉山区's: the city may see it, 鼓楼区 may not
    seen = world.client(world.city).get(f"/jobs/{mine.pk}/download")
    assert seen.status_code == 200 and b"".join(seen.streaming_content)  # read to the end: the file is closed
    assert world.client(world.other_bureau).get(f"/jobs/{mine.pk}/download").status_code == 404
    before = Job.objects.count()
    for user in (world.clerk, world.inspector):
        response = world.client(user).post(f"/rounds/{world.round.pk}/jobs/new/", {"kind": "publish"})
        assert response.status_code == 404
    assert Job.objects.count() == before


def test_a_city_publishes_one_district_and_a_district_no_other(world):
    from web.models import Job, ScopeNode

    quanshan = ScopeNode.objects.get(district="泉山区", street="")
    gulou = ScopeNode.objects.get(district="鼓楼区", street="")
    page = world.client(world.city).get(f"/rounds/{world.round.pk}/").content.decode()
    assert f'<option value="{quanshan.pk}">' in page  # the level below offered
    response = world.client(world.city).post(
        f"/rounds/{world.round.pk}/jobs/new/", {"kind": "publish", "node": str(quanshan.pk)}
    )
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.scope_district, job.scope_street) == ("泉山区", "")
    assert world.client(world.bureau).get(f"/rounds/{world.round.pk}/jobs/").content.decode().count("job-state") == 1
    refused = world.client(world.bureau).post(
        f"/rounds/{world.round.pk}/jobs/new/", {"kind": "publish", "node": str(gulou.pk)}
    )
    assert refused.status_code == 404 and Job.objects.count() == 1


def test_requires_login_and_post(world):
    assert Client().get(f"/rounds/{world.round.pk}/jobs/").status_code == 302
    assert Client().get("/jobs/1/download").status_code == 302
    assert world.client(world.city).get(f"/rounds/{world.round.pk}/jobs/new/").status_code == 405
    assert world.client(world.city).post(f"/rounds/{world.round.pk}/jobs/new/", {"kind": "rm"}).status_code == 404


def test_public_page_serves_only_that_publication(world):
    from web.models import Job

    submit_examples(world)
    job = run(world, "publish")
    world.client(world.city).post(f"/jobs/{job.pk}/share/")
    token = Job.objects.get(pk=job.pk).public_token
    assert len(token) >= 20
    anonymous = Client()
    index = anonymous.get(f"/p/{token}/")
    assert index.status_code == 200 and "康居社区" in b"".join(index.streaming_content).decode()
    assert "sandbox" in index["Content-Security-Policy"] and index["X-Content-Type-Options"] == "nosniff"
    report = anonymous.get(f"/p/{token}/report.pdf")
    assert report["Content-Type"] == "application/pdf" and b"".join(report.streaming_content).startswith(b"%PDF-")
    for bad in ("../../secret_key", "..%2F..%2Fsecret_key", "communities/../../publication.zip", "nope.html"):
        assert anonymous.get(f"/p/{token}/{bad}").status_code == 404, bad
    assert anonymous.get("/p/" + "x" * 32 + "/").status_code == 404
    world.client(world.city).post(f"/jobs/{job.pk}/share/", {"stop": "1"})
    assert anonymous.get(f"/p/{token}/").status_code == 404


def test_a_failed_job_says_why(world, monkeypatch):
    from checker.errors import UsageError
    from web import exports

    def refuse(*args, **kwargs):
        raise UsageError("publish.no_files", paths="-")

    monkeypatch.setattr(exports, "publish_round", refuse)
    job = run(world, "publish")
    assert job.state == "failed" and job.error


def test_an_internal_error_fails_the_job_at_once_saying_so(world, monkeypatch):
    from web import exports, jobs
    from web.models import Job

    def broken(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(exports, "publish_round", broken)
    job = jobs.request("publish", world.round, ("", "", "", ""), "zh", world.city)
    with pytest.raises(KeyError):
        jobs.execute(job.pk)
    job = Job.objects.get(pk=job.pk)
    assert job.state == "failed" and "内部错误" in job.error and "surprise" in job.error


def test_recover_queues_a_job_whose_worker_stopped_beating(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    from web import jobs

    submit_examples(world)
    job = jobs.request("publish", world.round, ("", "", "", ""), "zh", world.city)
    claimed = jobs.claim(job.pk)
    assert claimed is not None and jobs.claim(job.pk) is None  # a live attempt is not taken over
    later = timezone.now() + timedelta(seconds=settings.JOB_LEASE + 1)
    assert jobs.recover(later) == [job.pk]
    job.refresh_from_db()
    assert job.state == "queued" and job.attempts == 1
    for _ in range(jobs.MAX_ATTEMPTS - 1):
        jobs.claim(job.pk)
        jobs.recover(timezone.now() + timedelta(seconds=settings.JOB_LEASE + 1))
    job.refresh_from_db()
    assert job.state == "failed" and "3" in job.error
    assert Path(jobs.folder(job)).name == str(job.pk)


# ---------------------------------------------------------------- progress across rounds (the CLI's --previous)

CHANGED = {  # round 2: 康居 closes XZ-F-109 (a gap in round 1) and opens XZ-F-104
    '  XZ-F-109:\n    value: "否"': '  XZ-F-109:\n    value: "是"',
    '  XZ-F-104:\n    value: "是"': '  XZ-F-104:\n    value: "否"',
}


def second_round(world, tmp_path):
    """Round 2 of the same standard (a later deadline), 康居 and 蝶梦 submitted, 康居 with two answers changed."""
    from datetime import date

    from checker import pipeline
    from tests.web.conftest import ROSTER
    from web import services

    round2 = services.create_round(world.round.standard, ROSTER, "2027", date(2100, 12, 31))
    standard = round2.standard.load()
    for community in round2.communities.filter(name__in=list(SUBMITTED)):
        text = (EXAMPLES / f"xuzhou-2017--{SUBMITTED[community.name]}.yaml").read_text(encoding="utf-8")
        text = text.replace('period: "2018"', 'period: "2027"', 1)  # filed for round 2's period
        if community.name == "康居社区":
            for old, new in CHANGED.items():
                assert old in text
                text = text.replace(old, new)
        path = tmp_path / "round2-inputs" / f"{SUBMITTED[community.name]}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        doc, _, _ = pipeline.read_with_standard(path, standard)
        services.submit_document(round2, community, doc, world.city, "upload")
    return round2


def cli_publication(round_, folder, out, monkeypatch, when, *extra):
    """``sqcheck publish`` of a round's submitted texts written as files (with its roster, standard and title)."""
    from web.models import Submission
    from web.publication import ROSTER_NAME, document_name, round_title

    for submission in Submission.objects.filter(round=round_):
        path = folder / document_name(submission.community)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(submission.text.encode("utf-8"))
    rows = ["区,街道,社区", *(f"{c.district},{c.street},{c.name}" for c in round_.communities.all())]
    (folder / ROSTER_NAME).write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SQCHECK_FIXED_TIME", when.isoformat())
    districts = sorted(p.name for p in folder.iterdir() if p.is_dir())
    cli = run_cli("publish", *districts, "-o", out, "--roster", ROSTER_NAME, "--standard", "xuzhou-2017",
                  "--title", round_title(round_), *extra)  # fmt: skip
    assert cli.code == 1, cli.err  # gaps found
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_round_two_is_published_with_progress_as_the_cli_with_previous(world, tmp_path, monkeypatch):
    """The app's publication of round 2 compares it with round 1 for the same scope, as ``publish --previous``:
    byte for byte the CLI's output, whether round 1 is judged from the database (never published for the scope)
    or taken from its finished publication; the round page says which round it was compared with and how."""
    import json

    from web import jobs
    from web.models import Job
    from web.publication import Previous, previous_for

    submit_examples(world)
    round2 = second_round(world, tmp_path)
    assert previous_for(world.round, ("", "", "", "")) is None  # round 1 has none before it
    title1 = Previous(world.round).name

    # 1. round 1 never published: judged from the database
    job = jobs.request("publish", round2, ("", "", "", ""), "zh", world.city)
    jobs.execute(job.pk)
    job = Job.objects.get(pk=job.pk)
    assert job.state == "done", job.error
    members = zip_members(jobs.result_path(job).read_bytes())
    progress = json.loads(members["summary.json"])["progress"]
    assert progress["previous"] == f"{title1}/summary.json"  # named by the round's title, no local path
    kangju = next(c for c in progress["communities"] if c["name"] == "康居社区")
    assert kangju["newly_met"] == ["XZ-F-109"] and kangju["newly_missing"] == ["XZ-F-104"], kangju
    assert progress["totals"]["compared"] == 2

    previous = tmp_path / "cli-previous" / title1  # the CLI's round 1, published where --previous finds it
    cli_publication(world.round, tmp_path / "r1", previous, monkeypatch, job.generated_at)
    expected = cli_publication(round2, tmp_path / "r2", tmp_path / "cli2", monkeypatch, job.generated_at,
                               "--previous", previous)  # fmt: skip
    assert set(members) == set(expected)
    for name, content in expected.items():
        assert members[name] == content, name  # summary.json, summary.csv, index.html, pages, report.pdf

    client = Client()
    client.force_login(world.city)
    page = client.get(f"/rounds/{round2.pk}/").content.decode()
    assert f"与上一轮（{world.round}）比较：该轮本范围未发布过，按数据库中的版本评定" in page

    # 2. round 1 published by the city: its summary.json is what round 2 is compared with, the same bytes
    first = run(world, "publish")
    assert first.state == "done" and previous_for(round2, ("", "", "", "")).job == first
    again = jobs.request("publish", round2, ("", "", "", ""), "zh", world.city)
    Job.objects.filter(pk=again.pk).update(generated_at=job.generated_at)  # the same time as the first: same bytes
    jobs.execute(again.pk)
    again = Job.objects.get(pk=again.pk)
    assert again.state == "done", again.error
    assert zip_members(jobs.result_path(again).read_bytes()) == members
    page = client.get(f"/rounds/{round2.pk}/").content.decode()
    assert f"与上一轮（{world.round}）比较：用该轮本范围已发布的结果" in page
    # a publication of another scope (泉山区) is not taken for the city's: the district's round 1 is judged anew
    assert previous_for(round2, ("", "", "泉山区", "")).job is None


def test_no_previous_round_is_said_on_the_round_page(world):
    submit_examples(world)
    job = run(world, "publish")
    assert job.state == "done", job.error
    client = Client()
    client.force_login(world.city)
    page = client.get(f"/rounds/{world.round.pk}/").content.decode()
    assert "没有同一标准的更早轮次，未做跨轮比较" in page
    import json

    from web import jobs

    summary = json.loads(zip_members(jobs.result_path(job).read_bytes())["summary.json"])
    assert summary.get("progress") is None


def test_a_previous_round_on_a_version_with_requirements_this_one_lacks_is_not_compared(world, monkeypatch):
    """The CLI refuses such a previous round (exit 2); the app publishes without the comparison and says why."""
    from dataclasses import replace
    from datetime import date

    from tests.web.conftest import ROSTER
    from web import services
    from web.models import StandardVersion
    from web.publication import previous_for

    newer = services.standard_from_stored_text(world.round.standard.text + "\n# 2027 年修订\n")
    dropped = world.round.standard.load().requirements[0].id
    load = StandardVersion.load

    def fewer(version):  # the newer version has no longer the first requirement
        standard = load(version)
        if version.sha256 != newer.sha256:
            return standard
        return replace(standard, requirements=tuple(r for r in standard.requirements if r.id != dropped))

    monkeypatch.setattr(StandardVersion, "load", fewer)
    round2 = services.create_round(newer, ROSTER, "2027", date(2100, 12, 31))
    previous = previous_for(round2, ("", "", "", ""))
    assert previous is not None and previous.round == world.round and previous.refused == dropped
    same = services.create_round(world.round.standard, ROSTER, "2028", date(2101, 12, 31))
    assert previous_for(same, ("", "", "", "")).round == round2  # the latest earlier round, whatever its version
