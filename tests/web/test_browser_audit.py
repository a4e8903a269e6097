"""The audit on a phone, end to end in chromium (#14 §5): the bureau plans an inspector for 康居 on the round page;
the inspector opens it on a 390×844 phone, answers items (one 不符 with a different verified value and a photo),
loses the connection for one answer, reloads, finds every answer kept, finishes; the bureau's audited report
shows the discrepancy. Screenshots go to out/screenshots/ (audit-*.png)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web import test_browser
from tests.web.conftest import PASSWORD, example_cells
from tests.web.test_browser import CHROMIUM, _login, _photo, _shot

browser = test_browser.browser  # the same chromium fixture

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by `make install` (system-deps)"),
]


def _png(tmp_path: Path) -> Path:
    return _photo(tmp_path, "服务中心.png")


def _answer(page, fact: str, finding: str) -> None:
    page.locator(f"#i-{fact} label.finding.{finding}").click()


def _saved(page, fact: str) -> None:
    page.wait_for_function(
        "f => (document.querySelector('#i-' + f + ' .item-status') || {}).textContent.startsWith('已保存')", arg=fact
    )


def test_inspector_audits_on_a_phone_and_the_bureau_sees_the_discrepancy(
    transactional_db,
    live_server,
    world,
    browser,
    tmp_path,
):
    from web import services
    from web.models import Audit, AuditAnswer

    services.add_user("wang", "inspector", PASSWORD)
    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    base = live_server.url
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    bureau = desk.new_page()
    bureau.set_default_timeout(20000)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = phone.new_page()
    page.set_default_timeout(20000)
    try:
        # the bureau plans wang for 康居 on 2026-05-12
        _login(bureau, base, "quanshan")
        bureau.goto(f"{base}/rounds/{world.round.pk}/")
        bureau.check(f"input[name=community][value='{world.kangju.pk}']")
        bureau.select_option("#inspector", label="wang")
        bureau.fill("#planned_on", "2026-05-12")
        bureau.click("#assign button.primary")
        bureau.wait_for_selector("text=已为 1 个社区安排核查")
        _shot(bureau, "audit-1-plan-desktop")

        # the inspector's list, on a phone
        _login(page, base, "wang")
        assert "2026-05-12" in page.inner_text(".visits") and "待核查" in page.inner_text(".visits")
        _shot(page, "audit-2-list-phone")
        page.click(".visits a.button")
        page.locator("#audit-card").scroll_into_view_if_needed()
        _shot(page, "audit-2b-card-phone")
        page.click("#audit-card button.primary")
        page.wait_for_selector("#audit")
        _shot(page, "audit-3-form-phone")

        _answer(page, "XZ-F-103", "confirmed")
        _saved(page, "XZ-F-103")
        _answer(page, "XZ-F-801", "not_confirmed")
        page.fill("#v-XZ-F-801", "480")
        page.fill("#c-XZ-F-801", "实测综合服务中心面积 480 平方米")
        page.locator("#c-XZ-F-801").dispatch_event("change")
        page.wait_for_function("() => document.querySelector('#sync').textContent === '全部答案已保存'")
        page.set_input_files("input.photo-input[data-fact='XZ-F-801']", str(_png(tmp_path)))
        page.wait_for_selector("#i-XZ-F-801 .thumb img")
        page.locator("#i-XZ-F-801").scroll_into_view_if_needed()
        _shot(page, "audit-4-discrepancy-phone")

        # the connection drops in the basement: the answer is kept on the phone
        page.route("**/answer/", lambda route: route.abort("internetdisconnected"))
        _answer(page, "XZ-F-104", "unverifiable")
        page.fill("#c-XZ-F-104", "显示屏断电，无法核实")
        page.locator("#c-XZ-F-104").dispatch_event("change")
        page.wait_for_function("() => document.querySelector('#sync').textContent.startsWith('未联网：1 项')")
        _shot(page, "audit-5-offline-phone")
        assert not AuditAnswer.objects.filter(fact_id="XZ-F-104").exists()

        # reloaded with the connection back: nothing lost, the kept answer is sent
        page.unroute("**/answer/")
        page.reload()
        page.wait_for_function("() => document.querySelector('#sync').textContent === '全部答案已保存'")
        assert page.locator("#i-XZ-F-104 input[value=unverifiable]").is_checked()
        assert page.locator("#i-XZ-F-801 input[value=not_confirmed]").is_checked()
        assert page.input_value("#v-XZ-F-801") == "480"
        assert page.locator("#i-XZ-F-801 .thumb img").count() == 1
        assert AuditAnswer.objects.get(fact_id="XZ-F-104").comment == "显示屏断电，无法核实"
        assert page.inner_text("#answered") == "3"

        page.locator("#finish").scroll_into_view_if_needed()
        _shot(page, "audit-6-finish-phone")
        page.click("#finish-button")
        page.wait_for_selector("#audit-summary")
        _shot(page, "audit-7-report-phone")
        audit = Audit.objects.get()
        assert audit.finished

        # the bureau's audited report: verified beside claimed
        bureau.goto(f"{base}/audits/{audit.pk}/report.html")
        summary = bureau.inner_text("#audit-summary")
        assert "XZ-F-801" in summary and "620 m²" in summary and "480 m²" in summary
        report = bureau.frame_locator("iframe.report")
        report.locator("body").wait_for()
        assert "480" in report.locator("body").inner_text()
        _shot(bureau, "audit-8-report-desktop")
        bureau.goto(f"{base}/rounds/{world.round.pk}/")
        assert "已完成核查" in bureau.inner_text("table.status")
        _shot(bureau, "audit-9-round-desktop")
        page.goto(f"{base}/rounds/{world.round.pk}/c/{world.kangju.pk}/")
        page.locator("#audit-card").scroll_into_view_if_needed()
        _shot(page, "audit-10-card-finished-phone")
    except Exception:
        _shot(page, "audit-failure-phone")
        _shot(bureau, "audit-failure-desktop")
        raise
    finally:
        desk.close()
        phone.close()
