"""The rectification loop in the app (#14 §3): issued per gap, answered by the clerk, closed or kept open by the
inspector or the bureau, every move through the library's state table, everyone else kept out."""

from datetime import date, timedelta

import pytest

from tests.web.conftest import EXAMPLES, example_cells

pytestmark = pytest.mark.django_db


def _submitted(world):
    from web.models import Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    return Submission.objects.get(round=world.round, community=world.kangju)


def _issued(world):
    from web.models import RectificationItem

    submission = _submitted(world)
    response = world.client(world.bureau).post(f"/submissions/{submission.pk}/rectification/")
    assert response.status_code == 302
    return submission, list(RectificationItem.objects.filter(submission=submission))


def test_the_whole_loop(world):
    from django.utils import timezone

    from checker.audits.notice import DEFAULT_DEADLINES
    from web import gap_report
    from web.models import AuditEvent

    submission, items = _issued(world)
    gaps = gap_report.submitted(submission, "zh").gaps
    assert gaps and sorted(i.requirement_id for i in items) == sorted(g.id for g in gaps)
    today = timezone.localdate()
    for item, gap in zip(sorted(items, key=lambda i: i.requirement_id), sorted(gaps, key=lambda g: g.id), strict=True):
        assert item.priority == gap.level
        assert item.deadline == today + timedelta(days=DEFAULT_DEADLINES[gap.level])
    # issuing again adds nothing
    world.client(world.bureau).post(f"/submissions/{submission.pk}/rectification/")
    assert submission.rectification_items.count() == len(items)

    item = items[0]
    clerk = world.client(world.clerk)
    page = clerk.get(world.filing_url()).content.decode()
    assert item.title in page and "待整改" in page and item.deadline.isoformat() in page
    # the answer needs words: refused with the library's message, nothing recorded
    page = clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": " "}, follow=True)
    assert "“答复整改情况”须填写说明" in page.content.decode() and item.state == "open"
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已配备活动室"})
    assert item.state == "answered"
    # the inspector keeps it open with a comment, the clerk answers again, the bureau closes it
    inspector = world.client(world.inspector)
    inspector.post(f"/rectification/{item.pk}/", {"action": "reopen", "comment": "面积仍不足"})
    assert item.state == "open"
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已扩建至 60 平方米"})
    world.client(world.bureau).post(f"/rectification/{item.pk}/", {"action": "close"})
    assert item.state == "closed"
    page = clerk.get(world.filing_url()).content.decode()
    assert "已销号" in page and "面积仍不足" in page and "已扩建至 60 平方米" in page
    assert [e.state for e in item.events.all()] == ["answered", "open", "answered", "closed"]
    logged = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"rectification.issue", "rectification.answer", "rectification.reopen", "rectification.close"} <= logged


def test_a_clerk_cannot_close(world):
    _, items = _issued(world)
    item = items[0]
    clerk = world.client(world.clerk)
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已整改"})
    page = clerk.post(f"/rectification/{item.pk}/", {"action": "close"}, follow=True).content.decode()
    assert "社区工作人员不能对“已答复”的整改事项执行“销号”" in page
    assert item.state == "answered"
    # and the clerk is not offered the button
    assert 'value="close"' not in page


def test_no_second_answer_while_it_waits_for_the_recheck(world):
    """已答复 waits for 回头看: the clerk is shown why and no form; a second answer is refused in words, nothing
    recorded; once the inspector keeps it open the clerk answers again."""
    _, items = _issued(world)
    item = items[0]
    clerk = world.client(world.clerk)
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已整改"})
    page = clerk.get(world.filing_url()).content.decode()
    block = page.split(f'id="rect-{item.pk}"')[1].split('class="rect-item')[0]
    assert "正等待核查人员回头看" in block and 'name="action"' not in block
    page = clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "再补充"}, follow=True)
    assert "正等待核查人员回头看" in page.content.decode() and "继续整改" in page.content.decode()
    assert item.events.count() == 1 and item.state == "answered"
    world.client(world.inspector).post(f"/rectification/{item.pk}/", {"action": "reopen", "comment": "仍不足"})
    page = clerk.get(world.filing_url()).content.decode()
    block = page.split(f'id="rect-{item.pk}"')[1].split('class="rect-item')[0]
    assert 'value="answer"' in block and "正等待核查人员回头看" not in block
    clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已扩建"})
    assert [e.state for e in item.events.all()] == ["answered", "open", "answered"]


def test_only_the_bureau_issues(world):
    from web.models import RectificationItem

    submission = _submitted(world)
    for user in (world.clerk, world.inspector, world.other_bureau):
        assert world.client(user).post(f"/submissions/{submission.pk}/rectification/").status_code == 404
    assert not RectificationItem.objects.exists()


def test_someone_elses_item_is_not_found(world):
    _, items = _issued(world)
    item = items[0]
    for user in (world.other_clerk, world.other_bureau):
        response = world.client(user).post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "x"})
        assert response.status_code == 404
    assert item.state == "open"


def test_requires_login(world):
    from django.test import Client

    submission, items = _issued(world)
    anonymous = Client()
    for url in (f"/rectification/{items[0].pk}/", f"/submissions/{submission.pk}/rectification/"):
        response = anonymous.post(url, {"action": "answer", "comment": "x"})
        assert response.status_code in (302, 404)
        assert response.status_code == 404 or "/login/" in response["Location"]
    assert items[0].state == "open"


def test_get_is_rejected(world):
    submission, items = _issued(world)
    assert world.client(world.clerk).get(f"/rectification/{items[0].pk}/").status_code == 405
    assert world.client(world.bureau).get(f"/submissions/{submission.pk}/rectification/").status_code == 405


def test_overdue_is_flagged_until_closed(world):
    from web.models import RectificationItem

    submission = _submitted(world)
    from web import rectification

    items = list(rectification.issue(submission, world.bureau, date(2000, 1, 1)).items.all())  # long past
    page = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert page.count("已逾期") == len(items)
    item = items[0]
    rectification.move(item, "answer", world.clerk, "已整改")
    rectification.move(item, "close", world.inspector)
    page = world.client(world.clerk).get(world.filing_url()).content.decode()
    assert page.count("已逾期") == len(items) - 1
    assert RectificationItem.objects.count() == len(items)


def test_items_and_history_are_never_changed(world):
    from web import rectification

    _, items = _issued(world)
    rectification.move(items[0], "answer", world.clerk, "已整改")
    event = items[0].events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        items[0].save()


# ---------------------------------------------------------------- the notice, answers with photos, the list


def _pdf_text(content: bytes) -> str:
    import subprocess

    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return done.stdout.decode()


def _diemeng_audited(world, state="finished"):
    """蝶梦's example submitted, and the example audit record pinned to the submitted version's SHA-256, stored as
    the inspector's audit of it."""
    import hashlib

    from web.models import Audit, Submission

    world.client(world.other_clerk).post(
        world.filing_url("submit/", world.diemeng), {**example_cells(world, "diemeng"), "_version": "0"}
    )
    submission = Submission.objects.get(round=world.round, community=world.diemeng)
    text = (EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml").read_text(encoding="utf-8")
    text = text.replace("ec3e62676e844a444138f700b4d97dabbfb3dd3c2114fcccdbc2121bc2c1e1f4", submission.sha256)
    Audit.objects.create(
        round=world.round,
        community=world.diemeng,
        submission=submission,
        inspector=world.inspector,
        state=state,
        record_text=text,
        record_sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    return submission


def test_the_notice_comes_from_the_audited_check(world):
    from checker.audits import audited as library
    from web.models import Audit, RectificationNotice

    submission = _diemeng_audited(world)
    city = world.client(world.city)  # 云龙区 is outside 泉山区's bureau: the city bureau issues it
    assert city.post(f"/submissions/{submission.pk}/rectification/").status_code == 302
    notice = RectificationNotice.objects.get()
    # the items are the verified gaps (the inspector found three more than the self-assessment claims)
    example = EXAMPLES / "xuzhou-2017--diemeng.yaml"
    expected = library.audited(library.read_inputs(example), EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml")
    assert sorted(i.requirement_id for i in notice.items.all()) == sorted(g.id for g in expected.verified.gaps)
    claimed = {g.id for g in library.check(example)[0].gaps}
    assert {"XZ-F-801", "XZ-F-402"} <= {i.requirement_id for i in notice.items.all()} - claimed
    assert notice.audited and notice.audit_sha256 == Audit.objects.get().record_sha256
    text = _pdf_text(bytes(notice.pdf))
    assert "整改通知书" in text and "实地核查" in text and "李强" in text and "未经实地核查" not in text
    # downloadable exactly as stored, by those who see 蝶梦, nobody else
    response = city.get(f"/notices/{notice.pk}.pdf")
    assert response.status_code == 200 and response.content == bytes(notice.pdf)
    assert response["Content-Type"] == "application/pdf"
    assert world.client(world.other_clerk).get(f"/notices/{notice.pk}.pdf").status_code == 200
    for user in (world.clerk, world.bureau, world.inspector):
        assert world.client(user).get(f"/notices/{notice.pk}.pdf").status_code == 404
    # the audited report and the round's status say so too
    html = city.get(f"/submissions/{submission.pk}/report.html").content.decode()
    assert "李强" in html and "整改事项" in html
    assert '<td class="st">已实地核查' in city.get(f"/rounds/{world.round.pk}/").content.decode()


def test_an_audit_in_progress_is_not_a_finding(world):
    from web.models import RectificationNotice

    submission = _diemeng_audited(world, state="in_progress")
    world.client(world.city).post(f"/submissions/{submission.pk}/rectification/")
    notice = RectificationNotice.objects.get()
    assert not notice.audited and "XZ-F-801" not in {i.requirement_id for i in notice.items.all()}


def test_notice_pdf_requires_login(world):
    from django.test import Client

    from web.models import RectificationNotice

    submission = _submitted(world)
    world.client(world.bureau).post(f"/submissions/{submission.pk}/rectification/")
    url = f"/notices/{RectificationNotice.objects.get().pk}.pdf"
    response = Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert world.client(world.bureau).post(url).status_code == 405
    assert world.client(world.bureau).get(url).status_code == 200


def test_the_notice_from_the_self_assessment_with_deadlines_chosen(world):
    from django.utils import timezone

    from web.models import AuditEvent, RectificationNotice

    submission = _submitted(world)
    bureau = world.client(world.bureau)
    # a wrong number of days is refused in words, nothing issued
    page = bureau.post(f"/submissions/{submission.pk}/rectification/", {"days_high": "0"}, follow=True)
    assert "整改期限应为 1 至 365 的整数天数，实际为“0”" in page.content.decode()
    assert not RectificationNotice.objects.exists()
    form = {"days_high": "15", "days_normal": "", "authority": "泉山区民政局", "number": "泉民整〔2026〕3号"}
    assert bureau.post(f"/submissions/{submission.pk}/rectification/", form).status_code == 302
    notice = RectificationNotice.objects.get()
    assert notice.deadlines == {"veto": 30, "high": 15, "normal": 90} and not notice.audited
    today = timezone.localdate()
    for item in notice.items.all():
        assert item.deadline == today + timedelta(days=notice.deadlines[item.priority])
    text = _pdf_text(bytes(notice.pdf))
    assert "未经实地核查" in text and "泉民整〔2026〕3号" in text and "15 日内整改" in text
    assert "检查人" not in text
    page = bureau.get(world.filing_url()).content.decode()
    assert f"/notices/{notice.pk}.pdf" in page and "依据自评结果" in page
    # issued once: the second time is refused, nothing added
    page = bureau.post(f"/submissions/{submission.pk}/rectification/", form, follow=True).content.decode()
    assert "第 1 版的整改通知已下发" in page and RectificationNotice.objects.count() == 1
    issued = AuditEvent.objects.get(action="rectification.issue")
    assert issued.detail["sha256"] == notice.sha256 and issued.detail["deadlines"]["high"] == 15
    with pytest.raises(PermissionError):
        notice.save()
    with pytest.raises(PermissionError):
        notice.delete()


def test_the_clerk_answers_with_a_photo(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.web.test_evidence import png_bytes
    from web import services

    _, items = _issued(world)
    item = items[0]
    clerk = world.client(world.clerk)
    photo = SimpleUploadedFile("整改后.png", png_bytes())
    response = clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已更换门牌", "photos": photo})
    assert response.status_code == 302 and response["Location"].endswith(f"#rect-{item.pk}")
    event = item.events.get()
    (evidence,) = event.evidence.all()
    assert evidence.thumbnail and evidence.requirement_id == item.requirement_id
    page = clerk.get(world.filing_url()).content.decode()
    assert f"/evidence/{evidence.pk}/thumb.jpg" in page and "已更换门牌" in page
    # an answer's photo is the answer's, not the self-assessment's evidence
    assert evidence.name not in services.attached_names(world.round, world.kangju).get(item.requirement_id, [])
    # the inspector sees it too; not a photo: refused, nothing recorded
    inspector_page = world.client(world.inspector).get(world.filing_url()).content.decode()
    assert f"/evidence/{evidence.pk}/thumb.jpg" in inspector_page
    fake = SimpleUploadedFile("x.png", b"<html>not a photo</html>")
    form = {"action": "answer", "comment": "再补充", "photos": fake}
    page = clerk.post(f"/rectification/{item.pk}/", form, follow=True)
    assert "佐证材料只接受" in page.content.decode() and item.events.count() == 1


def test_the_list_across_communities(world):
    from django.test import Client

    from web import rectification

    _, items = _issued(world)
    rectification.move(items[0], "answer", world.clerk, "已整改")
    rectification.move(items[1], "answer", world.clerk, "已整改")
    rectification.move(items[1], "close", world.inspector)
    bureau = world.client(world.bureau)
    page = bureau.get("/rectification/").content.decode()
    n = len(items)
    assert f"共 {n} 项：待整改 {n - 2}，已答复 1，已销号 1；其中逾期 0 项" in page
    assert page.count("#rect-") == n
    assert bureau.get("/rectification/?state=answered").content.decode().count("#rect-") == 1
    assert bureau.get("/rectification/?state=closed").content.decode().count("#rect-") == 1
    assert bureau.get("/rectification/?state=open").content.decode().count("#rect-") == n - 2
    assert bureau.get("/rectification/?state=overdue").content.decode().count("#rect-") == 0
    assert bureau.get(f"/rectification/?round={world.round.pk}&state=open").content.decode().count("#rect-") == n - 2
    # scoped: the other district's bureau and 蝶梦's clerk see nothing; 康居's clerk sees its own
    assert world.client(world.other_bureau).get("/rectification/").content.decode().count("#rect-") == 0
    assert world.client(world.other_clerk).get("/rectification/").content.decode().count("#rect-") == 0
    assert world.client(world.clerk).get("/rectification/").content.decode().count("#rect-") == n
    assert f"{n - 1} 项整改未销号" in world.client(world.clerk).get("/").content.decode()  # none overdue yet
    response = Client().get("/rectification/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_overdue_is_flagged_on_everyones_pages(world):
    from web import rectification

    submission = _submitted(world)
    notice = rectification.issue(submission, world.bureau, date(2000, 1, 1))
    n = notice.items.count()
    flag = f"{n} 项整改逾期"
    assert flag in world.client(world.clerk).get("/").content.decode()  # the clerk's home
    assert flag in world.client(world.inspector).get("/").content.decode()  # the inspector's list
    round_page = world.client(world.bureau).get(f"/rounds/{world.round.pk}/").content.decode()
    assert flag in round_page and f"其中逾期 {n} 项" in round_page  # the bureau's round page
    assert f"其中逾期 {n} 项" in world.client(world.bureau).get("/").content.decode()
    assert flag not in world.client(world.other_clerk).get("/").content.decode()


def test_the_gap_report_shows_open_answered_and_closed(world):
    from web import rectification

    submission, items = _issued(world)
    rectification.move(items[0], "answer", world.clerk, "已配备活动室")
    rectification.move(items[1], "answer", world.clerk, "已整改")
    rectification.move(items[1], "close", world.inspector)
    clerk = world.client(world.clerk)
    html = clerk.get(f"/submissions/{submission.pk}/report.html").content.decode()
    assert 'class="rectification"' in html
    assert "待整改 " in html and "已答复 1" in html and "已销号 1" in html and "已配备活动室" in html
    assert html.count('class="state-closed"') == 1 and html.count('class="state-answered"') == 1
    assert "已销号 1" in clerk.get(world.filing_url("report.html")).content.decode()  # the draft's report too
    text = _pdf_text(clerk.get(f"/submissions/{submission.pk}/report.pdf").content)
    assert "整改事项" in text and "已销号" in text and "已答复" in text and "已配备活动室" in text


def test_the_round_status_shows_review_states(world):
    submission = _submitted(world)
    bureau = world.client(world.bureau)
    bureau.post(f"/submissions/{submission.pk}/review/", {"action": "return", "comment": "请补充照片"})
    page = bureau.get(f"/rounds/{world.round.pk}/").content.decode()
    assert '<td class="st">已退回修改' in page


def test_the_notice_is_issued_where_the_bureau_looks_for_it(world):
    """A tester looked for 下发整改通知 on the 审核 page and the 核查报告, not at the bottom of the filing page: it is
    on all three (the bureau only), the same POST, and brings the bureau back where it was."""
    from web.models import Audit, RectificationNotice

    submission = _diemeng_audited(world)
    audit = Audit.objects.get()
    city = world.client(world.city)
    places = {
        "review": f"/submissions/{submission.pk}/review/",
        "report": f"/audits/{audit.pk}/report.html",
        "filing": world.filing_url(community=world.diemeng),
    }
    action = f'action="/submissions/{submission.pk}/rectification/"'
    for name, url in places.items():
        page = city.get(url).content.decode()
        assert 'id="issue"' in page and action in page, name
        assert "依据实地核查结果" in page and "下发整改通知（第 1 版）" in page, name
    for user in (world.inspector, world.other_clerk):  # 蝶梦's clerk sees the report, not the bureau's form
        for url in places.values():
            assert action not in world.client(user).get(url).content.decode()
    # and after the audit, the round page points the bureau to it
    row = city.get(f"/rounds/{world.round.pk}/").content.decode()
    assert f'href="/audits/{audit.pk}/report.html#issue">待下发整改通知' in row
    assert "待下发整改通知" not in world.client(world.inspector).get(f"/rounds/{world.round.pk}/").content.decode()
    # issued from the 核查报告: back on it, the notice shown there with its PDF
    response = city.post(f"/submissions/{submission.pk}/rectification/", {"next": places["report"]})
    assert response.status_code == 302 and response["Location"] == places["report"] + "#issue"
    notice = RectificationNotice.objects.get()
    page = city.get(places["report"]).content.decode()
    assert f"/notices/{notice.pk}.pdf" in page and action not in page
    assert f"/notices/{notice.pk}.pdf" in city.get(places["review"]).content.decode()
    assert "待下发整改通知" not in city.get(f"/rounds/{world.round.pk}/").content.decode()
    # a next elsewhere is not followed
    city.post(f"/submissions/{submission.pk}/rectification/", {"next": "https://evil.example/"})  # refused: issued
    response = city.post(f"/submissions/{submission.pk}/rectification/", {"next": "//evil.example/x"})
    assert response["Location"].startswith("/rounds/")


def test_an_older_versions_pages_offer_no_notice(world):
    from checker import pipeline
    from web import services
    from web.models import Submission

    submission = _submitted(world)
    doc, _, _ = pipeline.read_with_standard(EXAMPLES / "xuzhou-2017--kangju.yaml", world.round.standard.load())
    services.submit_document(world.round, world.kangju, doc, world.clerk, "upload")
    newer = Submission.objects.filter(community=world.kangju).order_by("-number").first()
    assert newer.number == submission.number + 1
    page = world.client(world.bureau).get(f"/submissions/{submission.pk}/review/").content.decode()
    assert 'id="issue"' not in page
    page = world.client(world.bureau).get(f"/submissions/{newer.pk}/review/").content.decode()
    assert 'id="issue"' in page and f'action="/submissions/{newer.pk}/rectification/"' in page


def test_a_refused_answer_is_said_at_its_item_with_the_words_typed_kept(world):
    """Tester 19 #9: a refused answer (a photo that is not an image, an empty comment) was a flash at the top of
    the page, out of view on a phone, and the comment typed was lost. It is now said at the item, whose form
    is open with the comment kept, once (a reload shows the item as it is)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, items = _issued(world)
    item = items[0]
    clerk = world.client(world.clerk)
    fake = SimpleUploadedFile("现场.jpg", b"not an image at all", content_type="image/jpeg")
    response = clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": "已配备活动室", "photos": fake})
    assert response.status_code == 302 and response["Location"].endswith(f"#rect-{item.pk}")
    page = clerk.get(response["Location"]).content.decode()
    block = page.split(f'id="rect-{item.pk}"')[1].split('class="rect-item')[0]
    assert '<details class="rect-act" open>' in block
    assert ">已配备活动室</textarea>" in block and 'aria-invalid="true"' in block
    assert f'id="e-{item.pk}">佐证材料只接受' in block
    assert 'class="flash error"' not in page.split('id="rectification"')[0]  # not at the top of the page
    assert item.state == "open"
    again = clerk.get(world.filing_url()).content.decode()  # said once
    assert "佐证材料只接受" not in again and ">已配备活动室</textarea>" not in again
    response = clerk.post(f"/rectification/{item.pk}/", {"action": "answer", "comment": " "})
    block = clerk.get(response["Location"]).content.decode().split(f'id="rect-{item.pk}"')[1]
    assert f'id="e-{item.pk}">“答复整改情况”须填写说明' in block.split('class="rect-item')[0]


def test_a_post_only_address_opened_in_the_browser_gets_the_apps_page(world):
    """Tester 19 #11: /rectification/1/ typed in the address bar gave a 405 with an empty body (chromium's own
    English error page). It is the app's page, in the user's language, with the way home; the API stays plain."""
    submission, items = _issued(world)
    clerk = world.client(world.clerk)
    for url in (f"/rectification/{items[0].pk}/", f"/submissions/{submission.pk}/rectification/", "/logout/"):
        response = clerk.get(url)
        body = response.content.decode()
        assert (response.status_code, response["Allow"]) == (405, "POST"), url
        assert "此地址不能直接打开" in body and "返回首页" in body, url
    from web.models import Account

    Account.objects.filter(user=world.clerk).update(lang="en")
    assert "cannot be opened directly" in clerk.get(f"/rectification/{items[0].pk}/").content.decode()
    api = clerk.get(f"/api/rounds/{world.round.pk}/communities/{world.kangju.pk}/submissions")
    assert api.status_code == 405 and b"<html" not in api.content
