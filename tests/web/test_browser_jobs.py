"""In a real browser: a city bureau asks for the round's publication on the round page, follows its progress
(the list polls while the job waits and runs) and downloads the ZIP; desktop and phone screenshots go to
out/screenshots/. The worker's part runs in this process (the live server's test database is this process's)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.web.test_browser import CHROMIUM, _login, _shot, browser  # noqa: F401  (the fixture)
from tests.web.test_jobs import submit_examples

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by `make test`")


def test_bureau_follows_a_round_to_a_published_zip(transactional_db, live_server, world, browser):  # noqa: F811
    from web import jobs
    from web.models import Job

    submit_examples(world)
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        _login(page, base, "city")
        page.goto(f"{base}/rounds/{world.round.pk}/")
        page.click("#jobs button[value=publish]")
        page.wait_for_selector("#jobs tr.job.queued")
        assert "排队中" in page.locator("#jobs").inner_text()
        page.locator("#jobs").scroll_into_view_if_needed()
        _shot(page, "8-publish-queued-desktop")

        jobs.execute(Job.objects.get().pk)  # what `sqcheck worker` does
        page.wait_for_selector("#jobs tr.job.done a.download")  # htmx polling brought the result in
        assert "已完成" in page.locator("#jobs").inner_text()
        _shot(page, "9-publish-done-desktop")
        with page.expect_download() as info:
            page.click("#jobs tr.job.done a.download")
        download = info.value
        assert download.suggested_filename.endswith(".zip")
        with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as archive:
            names = archive.namelist()
        assert {"index.html", "report.pdf", "summary.csv", "summary.json"} <= set(names)

        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
            locale="zh-CN",
        )  # fmt: skip
        mobile = phone.new_page()
        _login(mobile, base, "city")
        mobile.goto(f"{base}/rounds/{world.round.pk}/#jobs")
        mobile.locator("#jobs").scroll_into_view_if_needed()
        _shot(mobile, "10-publish-done-phone")
        phone.close()
    except Exception:
        _shot(page, "failure")
        raise
    finally:
        context.close()
