"""The rectification loop in chromium on a phone (#14 §5): the bureau has issued the notice; the clerk answers
the first item with what was done and a photo taken with the phone; the inspector opens the item on a phone,
sees the answer and the photo and closes it (销号); the bureau's list of items across communities shows it
closed. Screenshots (phone and desktop) go to out/screenshots/ (rect-*.png)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web import test_browser
from tests.web.conftest import example_cells
from tests.web.test_browser import CHROMIUM, _login, _photo, _shot

browser = test_browser.browser  # the same chromium fixture

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by `make install` (system-deps)"),
]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_clerk_answers_with_a_photo_and_the_inspector_closes(transactional_db, live_server, world, browser, tmp_path):
    from django.utils import timezone

    from web import rectification
    from web.models import RectificationItem, Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    submission = Submission.objects.get(round=world.round, community=world.kangju)
    notice = rectification.issue(submission, world.bureau, timezone.localdate())
    item = notice.items.order_by("deadline", "id").first()
    base, anchor = live_server.url, f"#rect-{item.pk}"

    phone = browser.new_context(locale="zh-CN", **PHONE)
    page = phone.new_page()
    page.set_default_timeout(20000)
    try:
        _login(page, base, "clerk")
        page.goto(f"{base}{world.filing_url()}{anchor}")
        card = page.locator(anchor)
        assert "待整改" in card.inner_text()
        card.locator("details.rect-act > summary").click()
        card.locator("textarea[name=comment]").fill("已在服务中心门口加挂标识牌，见照片。")
        card.locator("input[name=photos]").set_input_files(str(_photo(tmp_path, "整改后照片.jpg")))
        card.locator("textarea[name=comment]").scroll_into_view_if_needed()
        _shot(page, "rect-clerk-phone-before")
        card.locator("button[value=answer]").click()
        page.wait_for_selector(f"{anchor} .rect-state.answered")
        card = page.locator(anchor)
        assert "已答复" in card.inner_text() and "已在服务中心门口加挂标识牌" in card.inner_text()
        assert card.locator(".thumb img").count() == 1
        card.scroll_into_view_if_needed()
        _shot(page, "rect-clerk-phone-answered")
        assert card.locator("button[value=close]").count() == 0  # the clerk does not close
        page.goto(f"{base}/")
        _shot(page, "rect-clerk-phone-home")
        phone.clear_cookies()

        _login(page, base, "inspector")
        page.goto(f"{base}{world.filing_url()}{anchor}")
        card = page.locator(anchor)
        assert card.locator(".thumb img").count() == 1  # the inspector sees the photo
        assert card.locator(".thumb img").evaluate("img => img.naturalWidth") > 0
        card.locator("details.rect-act > summary").click()
        card.locator("textarea[name=comment]").fill("回头看：已整改到位。")
        card.scroll_into_view_if_needed()
        _shot(page, "rect-inspector-phone-before")
        card.locator("button[value=close]").click()
        page.wait_for_selector(f"{anchor} .rect-state.closed")
        page.locator(anchor).scroll_into_view_if_needed()
        _shot(page, "rect-inspector-phone-closed")
    except Exception:
        _shot(page, "rect-failure", full=True)
        raise
    finally:
        phone.close()
    assert RectificationItem.objects.get(pk=item.pk).state == "closed"

    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = desktop.new_page()
    page.set_default_timeout(20000)
    try:
        _login(page, base, "quanshan")
        page.goto(f"{base}/rectification/?state=closed")
        assert page.locator("table.rect-list tbody tr").count() == 1
        _shot(page, "rect-bureau-list-desktop")
        page.goto(f"{base}{world.filing_url()}#rectification")
        _shot(page, "rect-bureau-filing-desktop")
    finally:
        desktop.close()


def test_a_refused_answer_is_said_in_view_at_its_item_on_a_phone(
    transactional_db, live_server, world, browser, tmp_path
):
    """Tester 19 #9: a photo that is not an image: the words are at the item, in view after the reload, the
    item open and the comment typed kept (rect-refused-phone.png)."""
    from django.utils import timezone

    from web import rectification
    from web.models import Submission

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    submission = Submission.objects.get(round=world.round, community=world.kangju)
    item = rectification.issue(submission, world.bureau, timezone.localdate()).items.order_by("deadline", "id").last()
    base, anchor = live_server.url, f"#rect-{item.pk}"
    fake = tmp_path / "现场.jpg"
    fake.write_bytes(b"this is not a photo")
    page = browser.new_context(locale="zh-CN", **PHONE).new_page()
    page.set_default_timeout(20000)
    try:
        _login(page, base, "clerk")
        page.goto(f"{base}{world.filing_url()}{anchor}")
        card = page.locator(anchor)
        card.locator("details.rect-act > summary").click()
        card.locator("textarea[name=comment]").fill("已加挂标识牌")
        card.locator("input[name=photos]").set_input_files(str(fake))
        card.locator("button[value=answer]").click()
        page.wait_for_selector(f"{anchor} #e-{item.pk}")
        card = page.locator(anchor)
        assert card.locator("textarea[name=comment]").input_value() == "已加挂标识牌"
        assert card.locator("details.rect-act").evaluate("d => d.open")
        error = page.locator(f"#e-{item.pk}")
        assert "佐证材料只接受" in error.inner_text()
        box = error.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844  # in view, not at the top
        _shot(page, "rect-refused-phone")
    finally:
        page.context.close()
