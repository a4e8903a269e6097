"""End to end in a real browser (Debian's chromium through Playwright): a clerk fills part of the form, sees a
field error beside the field, fixes it, attaches a photo, sees the gap report and submits; the bureau sees the
submission; a city bureau follows a publication to its ZIP. Screenshots (desktop and phone) go to
out/screenshots/, and on failure too."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "out" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]  # fmt: skip

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by `make install` (system-deps)"),
]


@pytest.fixture
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def _photo(tmp_path: Path, name: str = "门头照片.jpg") -> Path:
    """A small photo to attach, as a phone would give it (JPEG, or PNG by the name's suffix)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), (235, 235, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 200, 700, 320), fill=(180, 30, 30))
    path = tmp_path / name
    image.save(path, "PNG" if name.lower().endswith(".png") else "JPEG")
    return path


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")


def _center(page, selector: str) -> None:
    page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'center'})")


def _shot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_clerk_files_and_bureau_sees_it(transactional_db, live_server, world, browser, tmp_path):
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        _login(page, base, "clerk")
        assert "2099-12-31" in page.content()
        page.click("text=填报：康居社区")
        page.wait_for_selector("#form")
        page.select_option("select[name='p.community.area_type']", "urban")

        # a number field: a wrong answer gets the CLI's message beside it, a right one clears it
        field = "q.XZ-F-202.value"
        message = page.locator("#msg-q_XZ-F-202_value")
        page.fill(f"[name='{field}']", "约300")
        page.locator(f"[name='{field}']").dispatch_event("change")
        message.locator(".error").wait_for()
        assert "约300" in message.inner_text()
        _center(page, f"[name='{field}']")
        _shot(page, "1-field-error-desktop")
        page.fill(f"[name='{field}']", "320")
        page.locator(f"[name='{field}']").dispatch_event("change")
        message.locator(".error").wait_for(state="detached")
        page.fill("[name='q.XZ-F-101.value']", "社区综合服务中心")
        page.click("button[name=save]")
        page.wait_for_selector("text=草稿已保存")

        # a photo for the door header: attached at once, shown as a thumbnail
        page.locator("#q-XZ-F-101 details.more summary").click()
        page.set_input_files("input[form='ev-XZ-F-101']", str(_photo(tmp_path)))
        page.wait_for_selector("#q-XZ-F-101 .thumb img")
        _center(page, "#q-XZ-F-101 .thumb")
        _shot(page, "2-evidence-thumbnail-desktop")

        # the gap report, as sqcheck check --format html renders it
        report = page.frame_locator("iframe.report")
        report.locator("body").wait_for()
        assert "XZ-" in report.locator("body").inner_text()
        page.locator("iframe.report").scroll_into_view_if_needed()
        _shot(page, "3-gap-report-desktop")

        page.on("dialog", lambda dialog: dialog.accept())
        page.click("button.primary[formaction]")
        page.wait_for_selector("text=已提交第 1 版")
        _shot(page, "4-submitted-desktop")

        phone = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="zh-CN",
        )
        mobile = phone.new_page()
        _login(mobile, base, "clerk")
        mobile.goto(page.url)
        mobile.wait_for_selector("#form")
        _shot(mobile, "5-form-phone")
        _center(mobile, "[name='q.XZ-F-202.value']")
        _shot(mobile, "6-question-phone")
        phone.close()

        bureau = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        _login(bureau, base, "quanshan")
        bureau.goto(f"{base}/rounds/{world.round.pk}/")
        row = bureau.locator("tr", has_text="康居社区")
        assert "已提交" in row.inner_text()
        assert re.search(r"\d+(\.\d)?", row.inner_text())
        _shot(bureau, "7-bureau-round-desktop")
    except Exception:
        _shot(page, "failure")
        raise
    finally:
        context.close()


def _filled_rounds(tmp_path: Path):
    """Two rounds of a province's roster (two cities, three districts), versions stored as judged ones are, so the
    dashboard has every kind of figure: statuses, scores, grades, gaps per body."""
    from tests.web.test_rollup import province_round
    from web import rollup
    from web.models import Draft, Submission

    earlier, current = province_round(tmp_path, "2025"), province_round(tmp_path, "2026")
    standard = current.standard.load()
    ids = [r.id for r in standard.requirements]
    grades = [g.title for g in standard.grades]
    for offset, round_ in enumerate((earlier, current)):
        for index, community in enumerate(round_.communities.order_by("pk")):
            if (index + offset) % 4 == 3:
                Draft.objects.create(round=round_, community=community, version=1) if index % 2 else None
                continue
            gaps = ids[index : index + 12 - 4 * offset - index % 3]
            Submission.objects.create(
                round=round_,
                community=community,
                number=1,
                text=f"{round_.pk}-{community.pk}",
                score=100 - 3.5 * len(gaps) - index,
                grade=grades[min(len(gaps) // 4, len(grades) - 1)],
                gaps=len(gaps),
                gap_ids=" ".join(gaps),
            )
        rollup.rebuild(round_)
    return current


def test_bureau_dashboard_on_desktop_and_phone(transactional_db, live_server, browser, tmp_path):
    """The city's account: its districts side by side, a district's streets, the communities behind a figure, the
    round against the previous one; screenshots on a desktop and a phone (looked at, see docs)."""
    from web import services

    current = _filled_rounds(tmp_path)
    services.add_user("xuzhou", "bureau", PASSWORD, scope="徐州市")
    base = live_server.url
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    try:
        _login(desk, base, "xuzhou")
        desk.locator("section.card", has_text="2026").locator("text=汇总看板").click()
        desk.wait_for_selector("#progress")
        assert "下一级对比：区" in desk.content() and "玄武区" not in desk.content()
        desk.screenshot(path=str(SHOTS / "8-dashboard-desktop.png"), full_page=True)
        desk.locator("#below a", has_text="泉山区").click()
        desk.wait_for_selector("text=下一级对比：街道")
        desk.locator("#progress .tile.submitted a").click()
        desk.wait_for_selector("table.communities")
        assert "个社区" in desk.locator("h1").inner_text()
        desk.screenshot(path=str(SHOTS / "9-dashboard-communities-desktop.png"), full_page=True)
        desk.goto(f"{base}/rounds/{current.pk}/dashboard/")
        desk.click("text=与其他轮次对比")
        desk.wait_for_selector("#compare")
        assert "2026 与 2025 对比" in desk.content()
        desk.screenshot(path=str(SHOTS / "10-compare-desktop.png"), full_page=True)

        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
        ).new_page()
        _login(phone, base, "xuzhou")
        phone.goto(f"{base}/rounds/{current.pk}/dashboard/")
        phone.wait_for_selector("#progress")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone: {width}px"
        phone.screenshot(path=str(SHOTS / "11-dashboard-phone.png"), full_page=True)
        phone.goto(f"{base}/rounds/{current.pk}/compare/")
        phone.wait_for_selector("#compare")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.screenshot(path=str(SHOTS / "12-compare-phone.png"), full_page=True)
    except Exception:
        _shot(desk, "failure-dashboard")
        raise


def test_bureau_follows_a_round_to_a_published_zip(transactional_db, live_server, world, browser):
    """A city bureau asks for the round's publication on the round page, follows its progress (the list polls
    while the job waits) and downloads the ZIP. The worker's part runs in this process: the live server's test
    database is this process's."""
    from tests.web.test_jobs import submit_examples
    from web import jobs
    from web.models import Job

    submit_examples(world)
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        _login(page, base, "city")
        page.locator("section.card", has_text="2018").locator("text=汇总看板").first.click()
        page.wait_for_selector("#progress")
        page.locator("#below a", has_text="泉山区").click()  # the city drills down to one district
        page.wait_for_selector("text=下一级对比：街道")
        page.click("button.publish-here")  # and publishes it from the dashboard
        page.wait_for_selector("#jobs tr.job.queued")
        assert "泉山区" in page.locator("#jobs tr.job").inner_text()
        assert "排队中" in page.locator("#jobs").inner_text()
        page.locator("#jobs").scroll_into_view_if_needed()
        _shot(page, "13-publish-queued-desktop")

        jobs.execute(Job.objects.get().pk)  # what `sqcheck worker` does
        page.wait_for_selector("#jobs tr.job.done a.download")  # htmx polling brought the result in
        assert "已完成" in page.locator("#jobs").inner_text()
        _shot(page, "14-publish-done-desktop")
        with page.expect_download() as info:
            page.click("#jobs tr.job.done a.download")
        download = info.value
        assert download.suggested_filename.endswith(".zip")
        with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as archive:
            names = archive.namelist()
        assert {"index.html", "report.pdf", "summary.csv", "summary.json"} <= set(names)
        assert [n for n in names if n.startswith("communities/")] == [n for n in names if "康居" in n]  # 泉山区 only

        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
            locale="zh-CN",
        )  # fmt: skip
        mobile = phone.new_page()
        _login(mobile, base, "city")
        mobile.goto(f"{base}/rounds/{world.round.pk}/#jobs")
        mobile.locator("#jobs").scroll_into_view_if_needed()
        _shot(mobile, "15-publish-done-phone")
        phone.close()
    except Exception:
        _shot(page, "failure-publish")
        raise
    finally:
        context.close()
