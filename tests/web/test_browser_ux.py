"""What a new user met, in chromium on a 390×844 phone and a desktop (screenshots in out/screenshots/ux-*.png):
a photo taken without a connection is kept on the phone (IndexedDB) and sent when it is back, a reload between
included; an answer missing its required comment says 未保存 with the words at the comment; the finish card lists
what is unanswered; the bureau finds 下发整改通知 on the 核查报告."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.web import test_browser
from tests.web.conftest import example_cells
from tests.web.test_browser import CHROMIUM, _login
from tests.web.test_browser_audit import _answer, _png, _saved, _shot

browser = test_browser.browser  # the same chromium fixture

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by `make install` (system-deps)"),
]

SYNC = "() => document.querySelector('#sync').textContent"


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


def test_an_offline_photo_is_kept_on_the_phone_and_sent_when_the_connection_is_back(
    transactional_db, live_server, world, browser, tmp_path
):
    from web.models import AuditPhoto

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    base = live_server.url
    page = _phone(browser)
    photo = _png(tmp_path)
    try:
        _login(page, base, "inspector")
        page.goto(f"{base}{world.filing_url()}")
        page.click("#audit-card button.primary")
        page.wait_for_selector("#audit")

        # in the basement: the photo is taken, kept on the phone, shown as waiting; nothing reaches the server
        page.route("**/photo/", lambda route: route.abort("internetdisconnected"))
        page.set_input_files("input.photo-input[data-fact='XZ-F-801']", str(photo))
        page.wait_for_function(SYNC + ".includes('未联网：1 张照片已暂存在本机')")
        assert page.locator("#i-XZ-F-801 .thumb.waiting img").count() == 1
        assert "待上传" in page.inner_text("#i-XZ-F-801 .thumbs")
        page.locator("#i-XZ-F-801").scroll_into_view_if_needed()
        _shot(page, "ux-1-photo-offline-phone")
        assert not AuditPhoto.objects.exists()

        # the page is opened again, still without a connection: the photo is still there, still waiting
        page.reload()
        page.wait_for_function(SYNC + ".includes('未联网：1 张照片')")
        assert page.locator("#i-XZ-F-801 .thumb.waiting img").count() == 1
        assert not AuditPhoto.objects.exists()

        # the connection is back: sent once, shown as the server's thumbnail, nothing left waiting
        page.unroute("**/photo/")
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.wait_for_selector("#i-XZ-F-801 .thumb:not(.waiting) img")
        page.wait_for_function(SYNC + " === '全部答案已保存'")
        (kept,) = AuditPhoto.objects.all()
        assert kept.fact_id == "XZ-F-801" and kept.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
        page.reload()  # nothing waits on the phone any more: not sent twice
        page.wait_for_function(SYNC + " === '全部答案已保存'")
        assert page.locator("#i-XZ-F-801 .thumb img").count() == 1 and AuditPhoto.objects.count() == 1
        page.locator("#i-XZ-F-801").scroll_into_view_if_needed()
        _shot(page, "ux-2-photo-sent-phone")
    except Exception:
        _shot(page, "ux-failure-photo")
        raise
    finally:
        page.context.close()


def test_a_missing_comment_is_said_at_the_comment_and_the_bureau_issues_from_the_report(
    transactional_db, live_server, world, browser
):
    from web.models import AuditAnswer, RectificationNotice

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    base = live_server.url
    page = _phone(browser)
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    desk.set_default_timeout(20000)
    try:
        _login(page, base, "inspector")
        page.goto(f"{base}{world.filing_url()}")
        page.click("#audit-card button.primary")
        page.wait_for_selector("#audit")
        _answer(page, "XZ-F-104", "unverifiable")
        page.wait_for_function(
            "() => document.querySelector('#i-XZ-F-104 .field-msg[data-field=comment]').textContent"
            ".includes('必须填写核查说明')"
        )
        assert page.inner_text("#i-XZ-F-104 .item-status").startswith("未保存")
        page.wait_for_function(SYNC + " === '1 项答案未保存，请按红字说明改正'")  # not "all saved"
        assert not AuditAnswer.objects.filter(fact_id="XZ-F-104").exists()
        page.locator("#i-XZ-F-104").scroll_into_view_if_needed()
        _shot(page, "ux-3-comment-required-phone")
        page.fill("#c-XZ-F-104", "显示屏断电，无法核实")
        page.locator("#c-XZ-F-104").dispatch_event("change")
        _saved(page, "XZ-F-104")
        assert page.inner_text("#i-XZ-F-104 .field-msg[data-field=comment]") == ""
        _answer(page, "XZ-F-103", "confirmed")
        _saved(page, "XZ-F-103")
        page.locator("#finish").scroll_into_view_if_needed()
        page.click("#unanswered summary")
        total = page.locator("form.audit-item").count()
        assert page.inner_text("#unanswered summary").startswith(f"尚未作结论 {total - 2} 项")
        _shot(page, "ux-4-finish-unanswered-phone")
        page.click("#finish-button")
        page.wait_for_selector("#audit-summary")

        # the bureau opens the 核查报告 and issues the notice from there
        _login(desk, base, "quanshan")
        desk.goto(f"{base}/rounds/{world.round.pk}/")
        desk.click("text=已完成核查")
        desk.wait_for_selector("#issue")
        _shot(desk, "ux-5-report-issue-desktop")
        desk.click("#issue summary")
        desk.click("#issue button.primary")
        desk.wait_for_selector("#issue .notice-line")
        assert RectificationNotice.objects.get().audited
        _shot(desk, "ux-6-report-issued-desktop")
    except Exception:
        _shot(page, "ux-failure-phone")
        _shot(desk, "ux-failure-desktop")
        raise
    finally:
        page.context.close()
        desk.context.close()


def test_a_history_with_many_gaps_closed_stays_within_a_phone(transactional_db, live_server, world, browser):
    """Tester 19 #10: 12 codes on one line in 较上轮补齐 made /communities/N/history/ 1120 px wide on a 390 px
    phone (1410 px on a desktop). The codes wrap in their cells; the page never scrolls sideways."""
    from datetime import timedelta

    from web.models import CommunityRound, Round

    clerk = world.client(world.clerk)
    full = example_cells(world)
    first = world.round
    blank = {k: ("" if k.startswith("q.") and k.endswith(".value") else v) for k, v in full.items()}
    assert clerk.post(world.filing_url("submit/"), {**blank, "_version": "0"}).status_code == 302
    later = Round.objects.create(standard=first.standard, period="2027", deadline=first.deadline + timedelta(365))
    later.communities.add(world.kangju)
    url = f"/rounds/{later.pk}/c/{world.kangju.pk}/submit/"
    assert clerk.post(url, {**full, "p.period": "2027", "_version": "0"}).status_code == 302
    gaps = [CommunityRound.objects.get(round=r, community=world.kangju).gaps.split() for r in (first, later)]
    assert len(set(gaps[0]) - set(gaps[1])) >= 12  # many gaps closed since the first round

    base = live_server.url
    for viewport, name in (({"width": 390, "height": 844}, "phone"), ({"width": 1366, "height": 900}, "desktop")):
        page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
        try:
            _login(page, base, world.bureau.username)
            page.goto(f"{base}/communities/{world.kangju.pk}/history/")
            assert page.locator("table.grid .qid").count() >= 12
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            _shot(page, f"ux-history-{name}", full=True)
            assert width[0] <= width[1], width
        finally:
            page.context.close()
