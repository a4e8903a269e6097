"""The app's words as a new user meets them (a tester's walk found `not_confirmed`, lowercase state codes and
"1 communities"): every page the clerks, the bureaus and the inspector reach by links, with a review, an audit
in progress, a finished audit, a notice whose items are open, answered, closed and overdue, an exemption and a
plan, shows no ASCII word in Chinese but the allowed names (file types, user names); English says a label with a
capital, a count of one in the singular, and no full-width colon after its words."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from tests.web.conftest import example_cells
from tests.web.test_rectification import _diemeng_audited

pytestmark = pytest.mark.django_db

SKIP = re.compile(
    r"\.(pdf|xlsx|yaml|zip|csv|jpg)$|/logout/|/lang/|/download|/evidence/\d+/$|/audit-photos/\d+/$|report-frame"
    r"|^/p/|^/submissions/\d+/report\.html|^/rounds/\d+/c/\d+/report\.html|/api/"
)  # files, moves, and the library's own reports (tested in tests/test_reports.py)
ALLOWED = {  # names, not words: user names, file types, products, the language switch
    "clerk", "other", "quanshan", "gulou", "city", "inspector", "PDF", "HTML", "Excel", "xlsx", "csv", "zip", "yaml",
    "yml", "json", "YAML", "JSON", "XLSX", "CSV", "ZIP", "ODK", "Collect", "KoboToolbox", "Kobo", "Enketo", "English",
    "SHA", "MB", "GB", "LED",  # GB 50180, LED: the standard's own words
}  # fmt: skip


class _Text(HTMLParser):
    """What a reader sees of a page: its text (not scripts or styles) and the attributes shown as text."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        for name in ("title", "placeholder", "aria-label", "alt"):
            if found.get(name):
                self.parts.append(found[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _walk(client, limit: int = 80) -> dict[str, str]:
    """Every page reachable by links from the home page (up to ``limit``): its path and its visible text."""
    seen: dict[str, str] = {}
    todo = ["/"]
    while todo and len(seen) < limit:
        url = todo.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        parser = _Text()
        parser.feed(response.content.decode())
        seen[url] = " ".join(parser.parts)
        for href in parser.links:
            path = href.split("#")[0]
            if path.startswith("?"):
                path = url.split("?")[0] + path
            if path.startswith("/") and not SKIP.search(path) and path not in seen:
                todo.append(path)
    return seen


def _the_loop(world) -> None:
    """康居: submitted, returned with a comment, submitted again, an audit in progress with answers; 蝶梦: audited,
    an exemption, a notice issued long ago (overdue) with items answered, closed and kept open; a plan."""
    from checker import pipeline
    from tests.web.conftest import EXAMPLES
    from web import exemptions, inspection, rectification, services

    world.client(world.clerk).post(world.filing_url("submit/"), {**example_cells(world), "_version": "0"})
    first = world.round.submissions.get(community=world.kangju)
    world.client(world.bureau).post(f"/submissions/{first.pk}/review/", {"action": "return", "comment": "请补充照片"})
    doc, _, _ = pipeline.read_with_standard(EXAMPLES / "xuzhou-2017--kangju.yaml", world.round.standard.load())
    services.submit_document(world.round, world.kangju, doc, world.clerk, "upload")
    audit = inspection.start(world.round, world.kangju, world.inspector)
    inspection.answer(audit, "XZ-F-103", 0, "confirmed", None, "", world.inspector)
    inspection.answer(audit, "XZ-F-801", 0, "not_confirmed", "480", "", world.inspector)  # a problem to show
    submission = _diemeng_audited(world)
    standard = world.round.standard.load()
    form = {"requirement": "XZ-F-301", "justification": "场地改造中", "approved_by": "区民政局",
            "granted_on": "2026-01-01", "expires_on": "2099-12-31"}  # fmt: skip
    exemptions.grant(world.diemeng, standard, form, world.city)
    items = list(rectification.issue(submission, world.city, date(2000, 1, 1)).items.all())
    rectification.move(items[0], "answer", world.other_clerk, "已整改")
    rectification.move(items[0], "close", world.city)
    rectification.move(items[1], "answer", world.other_clerk, "已整改")
    rectification.move(items[2], "answer", world.other_clerk, "已整改")
    rectification.move(items[2], "reopen", world.city, "仍不足")
    world.client(world.city).post(
        f"/rounds/{world.round.pk}/assign/", {"inspector": world.inspector.pk, "community": [world.diemeng.pk]}
    )


def _users(world):
    return {"clerk": world.clerk, "other": world.other_clerk, "bureau": world.bureau, "city": world.city,
            "inspector": world.inspector}  # fmt: skip


def test_the_chinese_pages_show_no_english_word_or_code(world):
    _the_loop(world)
    offenders = []
    for name, user in _users(world).items():
        pages = _walk(world.client(user))
        assert len([p for p in pages.values() if p]) >= 3, (name, list(pages))
        for url, text in pages.items():
            text = re.sub(r"\b[A-Z]{1,4}(?:-[A-Z0-9]+)+\b", "", text)  # requirement IDs: XZ-F-801
            text = re.sub(r"\b[0-9a-f]{12,64}\b|\S+\.(?:pdf|jpg|png)\b", "", text)  # SHA-256s, file names
            for word in re.findall(r"[A-Za-z][A-Za-z_]+", text):
                if word not in ALLOWED:
                    at = text.find(word)
                    offenders.append((word, name, url, " ".join(text[max(0, at - 40) : at + 40].split())))
    assert not offenders, sorted({o[0]: o for o in offenders}.values())


def test_the_english_pages_say_labels_and_counts_of_one_as_english_does(world):
    _the_loop(world)
    offenders = []
    for user in _users(world).values():
        user.account.lang = "en"
        user.account.save()
    for name, user in _users(world).items():
        for url, text in _walk(world.client(user)).items():
            for found in re.findall(r"\b[a-z]+_[a-z_]+\b|\b1 [a-z]+s\b(?! (?:is|was))|[A-Za-z]：", text):
                offenders.append((name, url, found))
    assert not offenders, offenders[:20]
    page = world.client(world.city).get("/rectification/").content.decode()
    for word in ("Open", "Answered", "Closed", "Overdue", "All"):
        assert f">{word}<" in page, word
    body = world.client(world.city).post(
        f"/rounds/{world.round.pk}/assign/",
        {"inspector": world.inspector.pk, "community": [world.kangju.pk]},
        follow=True,
    )
    assert "Audit planned for 1 community." in body.content.decode()
