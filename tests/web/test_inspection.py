"""实地核查 on a phone: the inspector answers the audit sheet's items one by one (each saved as given, a stale
change refused with 409), adds photos, finishes; the record kept is the one ``sqcheck check --audit`` reads,
pinned to the submitted version's SHA-256; the bureau sees the audited report. A filled workbook or an ODK
export may be uploaded instead. Who may see what, for every view."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from tests.web.conftest import example_cells

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _submit(world):
    from web.models import Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    return Submission.objects.get(community=world.kangju)


def _start(world):
    from web.models import Audit

    _submit(world)
    response = world.client(world.inspector).post(world.filing_url("audit/"))
    audit = Audit.objects.get(community=world.kangju)
    assert response.status_code == 302 and response["Location"] == f"/audits/{audit.pk}/"
    return audit


def _answer(client, audit, fact, finding, verified="", comment="", revision=0, **extra):
    body = {"fact": fact, "finding": finding, "verified": verified, "comment": comment, "revision": revision}
    return client.post(f"/audits/{audit.pk}/answer/", {**body, **extra}, **JSON)


def _finish(client, audit, **header):
    body = {"inspector": "区民政局 王某", "organisation": "泉山区民政局", "date": "2026-05-12", **header}
    return client.post(f"/audits/{audit.pk}/finish/", body)


def test_the_page_is_the_audit_sheet_prefilled_with_the_claims_in_its_order(world):
    from checker.audits.sheet import build_sheet
    from web import inspection

    audit = _start(world)
    page = world.client(world.inspector).get(f"/audits/{audit.pk}/").content.decode()
    standard, assessment = inspection.assessment_of(audit.submission)
    sheet = build_sheet(standard, assessment)
    order = [row.fact_id for section in sheet.sections for row in section.rows]
    positions = [page.index(f'id="i-{fact}"') for fact in order]
    assert positions == sorted(positions)  # every item, in the sheet's order
    item = page.split('id="i-XZ-F-801"')[1].split("</form>")[0]
    assert "620 m²" in item and 'name="verified" value="620"' in item and 'inputmode="decimal"' in item
    assert 'accept="image/*" capture="environment"' in page
    assert "确认" in item and "不符" in item and "无法核实" in item


def test_the_inspector_audits_and_the_record_is_the_one_the_cli_reads(world, tmp_path: Path):
    from checker.audits import audited
    from web.models import AuditEvent, AuditPhoto

    audit = _start(world)
    inspector = world.client(world.inspector)
    saved = _answer(inspector, audit, "XZ-F-801", "not_confirmed", "480", "实测综合服务中心面积 480 平方米")
    assert saved.status_code == 200
    reply = saved.json()
    assert reply["revision"] == 1 and reply["problems"] == [] and reply["message"].startswith("已保存")
    assert _answer(inspector, audit, "XZ-F-103", "confirmed").json()["problems"] == []
    assert _answer(inspector, audit, "XZ-F-104", "unverifiable", comment="显示屏断电，无法核实").status_code == 200
    photo = inspector.post(
        f"/audits/{audit.pk}/photo/",
        {"fact": "XZ-F-801", "file": _file("现场.png", _png())},
        **JSON,
    )
    assert photo.status_code == 200 and photo.json()["thumb"]
    stored = AuditPhoto.objects.get()
    response = _finish(inspector, audit)
    assert response.status_code == 302 and response["Location"] == f"/audits/{audit.pk}/report.html"
    audit.refresh_from_db()
    assert audit.finished and audit.source == "app" and len(audit.record_sha256) == 64
    # the CLI on the submitted text and the kept record gives the same audited result
    (tmp_path / "自评表.yaml").write_text(audit.submission.text, encoding="utf-8")
    (tmp_path / "核查.yaml").write_text(audit.record_text, encoding="utf-8")
    result, _ = audited.check(tmp_path / "自评表.yaml", audit_path=tmp_path / "核查.yaml")
    cli = result.extras["audit"]
    assert cli["assessment_sha256"] == audit.submission.sha256
    assert cli["findings"] == {"confirmed": 1, "not_confirmed": 1, "unverifiable": 1, "unclaimed": 0}
    assert [d["id"] for d in cli["discrepancies"]][:1] == ["XZ-F-801"]
    assert cli["discrepancies"][0]["references"] == [f"{stored.name} sha256:{stored.sha256[:12]}"]
    actions = sorted(AuditEvent.objects.filter(action__startswith="audit.").values_list("action", flat=True))
    assert actions == ["audit.answer"] * 3 + ["audit.finish", "audit.photo", "audit.start"]
    # the bureau sees the audited report at once: the discrepancy, claimed beside verified, credibility
    bureau = world.client(world.bureau)
    page = bureau.get(f"/audits/{audit.pk}/report.html").content.decode()
    assert "XZ-F-801" in page and "620 m²" in page and "480 m²" in page and "50%" in page
    frame = bureau.get(f"/audits/{audit.pk}/report-frame/")
    assert frame.status_code == 200 and "480" in frame.content.decode()
    assert "default-src 'none'" in frame["Content-Security-Policy"]
    pdf = bureau.get(f"/audits/{audit.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    assert bureau.get(f"/audits/{audit.pk}/record.yaml").content.decode() == audit.record_text
    round_page = bureau.get(f"/rounds/{world.round.pk}/").content.decode()
    assert "已完成核查" in round_page
    # the bureau's roll-ups hold the verified result beside the claimed one, in the same transaction
    from web.models import CommunityRound

    row = CommunityRound.objects.get(round=world.round, community=world.kangju)
    assert row.audited and row.status == "audited" and row.verified_score == result.score
    assert row.verified_gaps.split() == [gap.id for gap in result.gaps]


def test_a_finished_audit_never_changes(world):
    audit = _start(world)
    inspector = world.client(world.inspector)
    _answer(inspector, audit, "XZ-F-103", "confirmed")
    _finish(inspector, audit)
    audit.refresh_from_db()
    text = audit.record_text
    late = _answer(inspector, audit, "XZ-F-103", "not_confirmed", "否", "又看了一次", revision=1)
    assert late.status_code == 409 and "已完成" in late.json()["message"]
    assert _finish(inspector, audit, inspector="别人").status_code == 302
    audit.refresh_from_db()
    assert audit.record_text == text
    with pytest.raises(PermissionError):
        audit.save()
    with pytest.raises(PermissionError):
        audit.delete()


def test_a_stale_answer_is_refused_and_the_same_answer_sent_twice_is_kept_once(world):
    from web import services
    from web.models import AuditAnswer

    audit = _start(world)
    second = services.add_user("li", "inspector", "pw-12345678", community="泉山区/七里沟街道/康居社区")
    mine, theirs = world.client(world.inspector), world.client(second)
    assert _answer(mine, audit, "XZ-F-801", "confirmed").json()["revision"] == 1
    again = _answer(mine, audit, "XZ-F-801", "confirmed")  # the reply was lost: the phone sends it again
    assert again.status_code == 200 and again.json()["revision"] == 1
    stale = _answer(theirs, audit, "XZ-F-801", "not_confirmed", "500", "面积不足", revision=0)
    assert stale.status_code == 409
    body = stale.json()
    assert "inspector" in body["message"] and body["finding"] == "confirmed" and body["revision"] == 1
    assert _answer(theirs, audit, "XZ-F-801", "not_confirmed", "500", "面积不足", revision=1).json()["revision"] == 2
    assert list(AuditAnswer.objects.values_list("revision", "finding")) == [(1, "confirmed"), (2, "not_confirmed")]


def test_an_answer_the_record_refuses_is_not_saved_and_said_at_its_field(world):
    """A tester saw 已保存 on an answer missing its required comment, refused only at 完成核查: it is refused
    when given (400, nothing stored), with the library's words at the field to change."""
    from web.models import AuditAnswer

    audit = _start(world)
    inspector = world.client(world.inspector)
    reply = _answer(inspector, audit, "XZ-F-801", "not_confirmed", "480", "")
    assert reply.status_code == 400 and not AuditAnswer.objects.exists()
    body = reply.json()
    assert body["message"].startswith("未保存") and "已保存" not in body["message"]
    assert body["fields"] == {"comment": ["结论为“不符”或“无法核实”时必须填写核查说明"]}
    body = _answer(inspector, audit, "XZ-F-801", "not_confirmed", "约480", "实测").json()
    assert list(body["fields"]) == ["verified"] and ("约480" in body["fields"]["verified"][0] or "数字" in str(body))
    body = _answer(inspector, audit, "XZ-F-801", "not_confirmed", "620", "核查").json()  # the claim itself
    assert list(body["fields"]) == ["finding"] and "相同" in body["fields"]["finding"][0]
    assert not AuditAnswer.objects.exists()
    saved = _answer(inspector, audit, "XZ-F-801", "not_confirmed", "480", "实测 480 平方米")
    assert saved.status_code == 200 and saved.json()["revision"] == 1 and saved.json()["problems"] == []
    # without JavaScript: the words come back on the page, nothing stored
    plain = inspector.post(f"/audits/{audit.pk}/answer/", {"fact": "XZ-F-103", "finding": "unverifiable"}, follow=True)
    assert "必须填写核查说明" in plain.content.decode() and not AuditAnswer.objects.filter(fact_id="XZ-F-103").exists()
    # in English the findings are named as the buttons name them, not by the record's codes
    world.inspector.account.lang = "en"
    world.inspector.account.save()
    body = _answer(inspector, audit, "XZ-F-104", "unverifiable", "", "").json()
    assert body["fields"]["comment"] == ["“Not confirmed” and “Unverifiable” need a comment"]
    assert "not_confirmed" not in str(body) and "Not saved" in body["message"]


def test_finishing_lists_the_items_to_correct_and_those_unanswered_as_links(world):
    from web import inspection

    audit = _start(world)
    inspector = world.client(world.inspector)
    page = inspector.get(f"/audits/{audit.pk}/").content.decode()
    finish = page.split('id="finish"')[1]
    total = page.count('class="question audit-item')
    assert f"尚未作结论 {total} 项" in finish and 'href="#i-XZ-F-801"' in finish
    _answer(inspector, audit, "XZ-F-103", "confirmed")
    # an answer kept before answers were checked when given (or by another path): finishing refuses it
    inspection.answer(audit, "XZ-F-801", 0, "not_confirmed", "480", "", world.inspector)
    refused = _finish(inspector, audit)
    assert refused.status_code == 422
    html = refused.content.decode()
    box = html.split('id="finish-problems"')[1].split("</div>")[0]
    assert '<a href="#i-XZ-F-801">' in box and "必须填写核查说明" in box and "XZ-F-103" not in box
    item = html.split('id="i-XZ-F-801"')[1].split("</form>")[0]
    assert 'class="error"' in item  # and at the item itself
    finish = html.split('id="finish"')[1]
    assert f"尚未作结论 {total - 2} 项" in finish and 'data-fact="XZ-F-103"' not in finish
    audit.refresh_from_db()
    assert not audit.finished


def test_without_javascript_an_item_is_saved_by_its_button(world):
    audit = _start(world)
    body = {"fact": "XZ-F-103", "finding": "confirmed", "revision": "0"}
    response = world.client(world.inspector).post(f"/audits/{audit.pk}/answer/", body)
    assert response.status_code == 302 and response["Location"].endswith("#i-XZ-F-103")
    page = world.client(world.inspector).get(f"/audits/{audit.pk}/").content.decode()
    assert 'value="confirmed" checked' in page.split('id="i-XZ-F-103"')[1].split("</form>")[0]


def test_a_photo_is_typed_by_content_and_served_as_an_attachment(world):
    from web.models import AuditPhoto

    audit = _start(world)
    inspector = world.client(world.inspector)
    refused = inspector.post(
        f"/audits/{audit.pk}/photo/", {"fact": "XZ-F-801", "file": _file("x.png", b"<svg/>")}, **JSON
    )
    assert refused.status_code == 422 and not AuditPhoto.objects.exists()
    inspector.post(f"/audits/{audit.pk}/photo/", {"fact": "XZ-F-801", "file": _file("../../a.jpg", _png())}, **JSON)
    photo = AuditPhoto.objects.get()
    assert photo.name == "a.png" and photo.content_type == "image/png"
    served = inspector.get(f"/audit-photos/{photo.pk}/")
    assert b"".join(served.streaming_content) == _png()
    assert served.status_code == 200 and "attachment" in served["Content-Disposition"]
    assert served["X-Content-Type-Options"] == "nosniff" and served["Content-Security-Policy"] == "sandbox"
    thumb = inspector.get(f"/audit-photos/{photo.pk}/thumb.jpg")
    assert thumb["Content-Type"] == "image/jpeg" and b"".join(thumb.streaming_content).startswith(b"\xff\xd8")
    served.close()
    thumb.close()


def test_a_clerk_cannot_see_an_audit_in_progress_only_the_finished_result(world):
    audit = _start(world)
    photo_reply = world.client(world.inspector).post(
        f"/audits/{audit.pk}/photo/", {"fact": "XZ-F-801", "file": _file("p.png", _png())}, **JSON
    )
    clerk = world.client(world.clerk)
    assert clerk.get(f"/audits/{audit.pk}/").status_code == 404
    assert clerk.get(photo_reply.json()["url"]).status_code == 404
    assert _answer(clerk, audit, "XZ-F-103", "confirmed").status_code == 404
    assert 'id="audit-card"' not in clerk.get(world.filing_url()).content.decode()
    _answer(world.client(world.inspector), audit, "XZ-F-103", "confirmed")
    _finish(world.client(world.inspector), audit)
    assert clerk.get(f"/audits/{audit.pk}/report.html").status_code == 200
    assert _finish(clerk, audit).status_code == 404


def test_someone_elses_audit_is_not_found(world):
    from web import services

    audit = _start(world)
    stranger = services.add_user("zhao", "inspector", "pw-12345678", community="云龙区/彭城街道/蝶梦社区")
    urls = [f"/audits/{audit.pk}/", f"/audits/{audit.pk}/sheet.xlsx"]
    for user in (stranger, world.other_bureau, world.other_clerk):
        client = world.client(user)
        assert [client.get(u).status_code for u in urls] == [404, 404]
        assert _answer(client, audit, "XZ-F-103", "confirmed").status_code == 404
        assert _finish(client, audit).status_code == 404
        assert client.post(world.filing_url("audit/")).status_code == 404
    # the bureau of the district reads the audit in progress but does not answer it
    bureau = world.client(world.bureau)
    page = bureau.get(f"/audits/{audit.pk}/").content.decode()
    assert "只有核查人员可以填写" in page and "disabled" in page
    assert _answer(bureau, audit, "XZ-F-103", "confirmed").status_code == 404
    assert bureau.post(world.filing_url("audit/")).status_code == 404
    assert _answer(world.client(world.inspector), audit, "NO-SUCH-ITEM", "confirmed").status_code == 404


def test_every_view_requires_login_and_posts_reject_get(world):
    audit = _start(world)
    anonymous = Client()
    for url in (f"/audits/{audit.pk}/", f"/audits/{audit.pk}/report.html", f"/audits/{audit.pk}/sheet.xlsx"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    for url in (f"/audits/{audit.pk}/answer/", f"/audits/{audit.pk}/finish/", world.filing_url("audit/upload/")):
        assert anonymous.post(url).status_code == 302
    inspector = world.client(world.inspector)
    for url in (
        f"/audits/{audit.pk}/answer/",
        f"/audits/{audit.pk}/photo/",
        f"/audits/{audit.pk}/finish/",
        world.filing_url("audit/"),
        world.filing_url("audit/upload/"),
    ):
        assert inspector.get(url).status_code == 405
    assert inspector.get(f"/audits/{audit.pk}/report.html").status_code == 404  # not finished yet


def test_nothing_to_audit_before_a_submission(world):
    response = world.client(world.inspector).post(world.filing_url("audit/"), follow=True)
    assert "尚未提交自评" in response.content.decode()


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _filled_sheet(content: bytes, finding: str, verified: str, comment: str) -> bytes:
    """The audit sheet workbook the app offers, filled in as an inspector would in Excel."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    ws = book["核查表"]
    labels = {ws.cell(r, 1).value: r for r in range(1, 30)}
    ws.cell(labels["检查人"], 2).value = "王某"
    ws.cell(labels["核查日期（YYYY-MM-DD）"], 2).value = "2026-05-12"
    head = next(r for r in range(1, 60) if ws.cell(r, 1).value == "编号")
    cols = {ws.cell(head, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 1).value == "XZ-F-801")
    ws.cell(row, cols["核查结论"]).value = finding
    ws.cell(row, cols["核查值"]).value = verified
    ws.cell(row, cols["核查说明"]).value = comment
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_audit_sheet_workbook_is_uploaded_instead(world):
    audit = _start(world)
    bureau = world.client(world.bureau)
    sheet = bureau.get(f"/audits/{audit.pk}/sheet.xlsx")
    assert sheet.status_code == 200
    bad = _filled_sheet(sheet.content, "不符", "约480", "实测")
    refused = bureau.post(world.filing_url("audit/upload/"), {"file": _file("核查表.xlsx", bad)})
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "核查表.xlsx:核查表!" in text and "约480" in text
    good = _filled_sheet(sheet.content, "不符", "480", "实测 480 平方米")
    response = bureau.post(world.filing_url("audit/upload/"), {"file": _file("核查表.xlsx", good)})
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.finished and audit.source == "xlsx" and "480" in audit.record_text
    assert "480 m²" in bureau.get(f"/audits/{audit.pk}/report.html").content.decode()


def test_an_odk_export_is_uploaded_instead(world):
    from tests.test_audit_xlsform import _csv, _export_row

    submission = _submit(world)
    standard = world.round.standard.load()
    record = {
        "standard": "xuzhou-2017",
        "assessment": {"sha256": submission.sha256, "community": "康居社区"},
        "inspector": "王某",
        "date": "2026-05-12",
        "checks": {"XZ-F-801": {"finding": "not_confirmed", "verified": 480, "comment": "实测"}},
    }
    other = {**record, "assessment": {"sha256": "0" * 64, "community": "别处"}}
    export = _csv([_export_row(other, standard, "-"), _export_row(record, standard, "-")])
    response = world.client(world.inspector).post(
        world.filing_url("audit/upload/"), {"file": _file("导出.csv", export)}
    )
    assert response.status_code == 302
    from web.models import Audit

    audit = Audit.objects.get(submission=submission)
    assert audit.finished and audit.source == "xlsform"
    none = _csv([_export_row(other, standard, "-")])
    refused = world.client(world.bureau).post(
        world.filing_url("audit/upload/"), {"file": _file("b.csv", none)}, follow=True
    )
    assert "b.csv”中的 1 份提交都不是该社区本轮已提交版本的核查" in refused.content.decode()
    wrong = world.client(world.bureau).post(
        world.filing_url("audit/upload/"), {"file": _file("a.txt", b"x")}, follow=True
    )
    assert "不是核查表" in wrong.content.decode()


def test_the_audit_page_speaks_english_on_request(world):
    audit = _start(world)
    world.inspector.account.lang = "en"
    world.inspector.account.save()
    page = world.client(world.inspector).get(f"/audits/{audit.pk}/").content.decode()
    assert "On-site audit: 康居社区" in page and "Verified value" in page and "not confirmed" in page
    assert "核查值" not in page and "完成核查" not in page


def test_an_accepted_version_audited_by_the_inspector_moves_to_audited(world):
    from web.models import Review

    audit = _start(world)
    world.client(world.bureau).post(f"/submissions/{audit.submission.pk}/review/", {"action": "accept"})
    inspector = world.client(world.inspector)
    _answer(inspector, audit, "XZ-F-103", "confirmed")
    _finish(inspector, audit)
    assert Review.objects.filter(submission=audit.submission).first().state == "audited"
    assert "已实地核查" in world.client(world.clerk).get(world.filing_url()).content.decode()


def test_a_version_not_yet_accepted_keeps_its_review_state(world):
    from web import review

    audit = _start(world)
    inspector = world.client(world.inspector)
    _answer(inspector, audit, "XZ-F-103", "confirmed")
    _finish(inspector, audit)
    assert review.state_of(audit.submission) == "submitted"


def test_a_finished_audit_its_photos_and_its_files_are_not_found_outside_the_scope(world):
    from web import services

    audit = _start(world)
    inspector = world.client(world.inspector)
    photo = inspector.post(f"/audits/{audit.pk}/photo/", {"fact": "XZ-F-801", "file": _file("p.png", _png())}, **JSON)
    _answer(inspector, audit, "XZ-F-103", "confirmed")
    _finish(inspector, audit)
    urls = [
        f"/audits/{audit.pk}/report.html",
        f"/audits/{audit.pk}/report-frame/",
        f"/audits/{audit.pk}/record.yaml",
        photo.json()["url"],
        photo.json()["thumb"],
    ]
    seen = [world.client(world.bureau).get(u) for u in urls]
    assert [r.status_code for r in seen] == [200] * 5
    stranger = services.add_user("zhao", "inspector", "pw-12345678", community="云龙区/彭城街道/蝶梦社区")
    for user in (stranger, world.other_bureau, world.other_clerk):
        client = world.client(user)
        assert [client.get(u).status_code for u in urls] == [404] * 5
        body = {"file": _file("核查表.xlsx", b"PK")}
        assert client.post(world.filing_url("audit/upload/"), body).status_code == 404
    anonymous = Client()
    assert all(anonymous.get(u)["Location"].startswith("/login/") for u in urls)
    for response in seen:  # last: closing a file response ends the request, and its database connection
        response.close()


def test_the_audited_report_applies_the_exemptions_the_bureau_granted(world):
    """One judging path: the bureau's audited report is judged under the app's exemptions, as the notice and the
    gap report are (it ignored them while it compared the record on its own)."""
    from datetime import date, timedelta

    audit = _start(world)
    inspector = world.client(world.inspector)
    assert _answer(inspector, audit, "XZ-F-103", "confirmed").status_code == 200
    assert _finish(inspector, audit).status_code == 302
    bureau = world.client(world.bureau)
    before = bureau.get(f"/audits/{audit.pk}/report-frame/").content.decode()
    assert "泉卫复〔2026〕7号" not in before
    today = date.today()
    granted = {
        "requirement": "XZ-F-301",
        "justification": "辖区 200 米内已有社区卫生服务中心",
        "approved_by": "泉山区卫健委",
        "reference": "泉卫复〔2026〕7号",
        "granted_on": (today - timedelta(days=10)).isoformat(),
        "expires_on": (today + timedelta(days=365)).isoformat(),
    }
    assert bureau.post(world.filing_url("exemptions/"), granted).status_code == 302
    after = bureau.get(f"/audits/{audit.pk}/report-frame/").content.decode()
    assert "泉山区卫健委批准，泉卫复〔2026〕7号" in after


def test_the_same_photo_sent_again_for_an_item_is_kept_once(world):
    """A phone that kept a photo offline re-sends it when the reply was lost: the photo already kept is the
    answer, no second copy (another item, or another photo, is a new one)."""
    from web.models import AuditPhoto

    audit = _start(world)
    inspector = world.client(world.inspector)
    first = inspector.post(f"/audits/{audit.pk}/photo/", {"fact": "XZ-F-801", "file": _file("a.png", _png())}, **JSON)
    again = inspector.post(f"/audits/{audit.pk}/photo/", {"fact": "XZ-F-801", "file": _file("a.png", _png())}, **JSON)
    assert first.status_code == again.status_code == 200 and first.json()["photo"] == again.json()["photo"]
    inspector.post(f"/audits/{audit.pk}/photo/", {"fact": "XZ-F-103", "file": _file("a.png", _png())}, **JSON)
    assert AuditPhoto.objects.count() == 2


def test_items_outside_the_communitys_profile_are_not_offered_and_every_claim_can_be_confirmed(world):
    """Tester 19 #4: XZ-F-101 (按社区类型不适用, 青禾) was offered on the phone, refused when confirmed, and left
    未核查. The phone form is the audit sheet, which offers only facts some requirement of which applies."""
    from checker.engine import applies
    from web import inspection

    audit = _start(world)
    inspector = world.client(world.inspector)
    page = inspector.get(f"/audits/{audit.pk}/").content.decode()
    standard, assessment = inspection.assessment_of(audit.submission)
    owners = [r.id for r in standard.fact_owners()]
    outside = [
        f for f in owners if not any(applies(assessment.profile, r) for r in standard.requirements if r.fact_id == f)
    ]
    assert outside  # 康居 is urban: XZ-F-302 and XZ-F-804 are for rural communities
    for fact in outside:
        assert f'id="i-{fact}"' not in page
    answered = [f for f in owners if f not in outside and (c := assessment.facts.get(f)) is not None and c.answered]
    for fact in answered:
        response = _answer(inspector, audit, fact, "confirmed")
        assert (response.status_code, response.json()["problems"]) == (200, []), fact
    unanswered = len(owners) - len(outside) - len(answered)
    finish = inspector.get(f"/audits/{audit.pk}/").content.decode()
    assert (f"尚未作结论 {unanswered} 项" in finish) if unanswered else ("尚未作结论" not in finish)
    assert _finish(inspector, audit).status_code == 302


def test_the_version_fingerprint_is_labelled_for_people_not_shown_raw_in_the_header(world):
    """Tester 19 #11: "SHA-256 446ef31e3f41" stood bare in the phone audit's header. The header says which
    version; the fingerprint is folded under 版本指纹 with what it is for."""
    audit = _start(world)
    page = world.client(world.inspector).get(f"/audits/{audit.pk}/").content.decode()
    header = page.split("<h1>")[1].split("</p>")[0]
    assert "SHA-256" not in header and "第 1 版" in header
    folded = page.split('<details class="fingerprint muted">')[1].split("</details>")[0]
    assert "<summary>版本指纹</summary>" in folded and audit.submission.sha256 in folded and "核查记录凭此" in folded
