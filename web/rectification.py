"""The rectification loop in the app (#14 §3): the bureau issues the notice (整改通知书) of a submitted version —
from its audited check when an inspector has finished one, else from the self-assessment's own gaps — with a
deadline per priority; the notice's PDF is kept as issued and its items open. The clerk answers each item with
what was done and photos; the inspector or the bureau closes it (销号) or keeps it open with a comment. Every move
goes through :func:`checker.audits.states.advance`, so the app and the library agree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from checker.audits.notice import DEFAULT_DEADLINES, build_notice, self_assessed
from checker.audits.states import RECTIFICATION, advance, overdue
from checker.dates import days_after
from checker.engine import PRIORITY_LEVELS
from web import audited, scope
from web import evidence as evidence_store
from web.audit import log
from web.models import (
    Community,
    Evidence,
    RectificationEvent,
    RectificationItem,
    RectificationNotice,
    Round,
    Submission,
)
from web.services import WebUsageError

MAX_COMMENT = 2000
MAX_PHOTOS = 6  # per answer
MAX_DAYS = 365
FILTERS = ("open", "answered", "closed", "overdue")


def deadline_days(form: Mapping[str, str]) -> dict[str, int]:
    """Days per priority from the issuing form (``days_veto``, ...), the notice's defaults where left empty."""
    days = dict(DEFAULT_DEADLINES)
    for level in PRIORITY_LEVELS:
        text = (form.get(f"days_{level}") or "").strip()
        if not text:
            continue
        if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
            raise WebUsageError("web.rect_bad_days", value=text, limit=MAX_DAYS)
        days[level] = int(text)
    return days


def issue(
    submission: Submission,
    user: Any,
    today: date,
    request: HttpRequest | None = None,
    lang: str = "zh",
    deadlines: Mapping[str, int] = DEFAULT_DEADLINES,
    authority: str = "",
    number: str = "",
    record: tuple[str, str] | None = None,
) -> RectificationNotice:
    """Issue the notice of this version and open one item per gap it lists. WebUsageError when it was issued
    already or lists nothing to put right."""
    from checker.commands.notice import render_notice

    if RectificationNotice.objects.filter(submission=submission).exists():
        raise WebUsageError("web.rect_already", number=submission.number)
    judged = audited.judge(submission, lang, audited.judging_day(submission.round, today), record)
    gaps = judged.result.gaps
    if not gaps:
        raise WebUsageError("web.rect_nothing", number=submission.number)
    notice = build_notice(
        judged.audited or self_assessed(judged.result), today, deadlines, authority.strip()[:100], number.strip()[:100]
    )
    pdf = render_notice(notice, "pdf")
    try:
        with transaction.atomic():
            made = RectificationNotice.objects.create(
                round=submission.round,
                community=submission.community,
                submission=submission,
                audited=judged.audited is not None,
                audit_sha256=judged.audit_sha256,
                issued_on=today,
                deadlines=dict(deadlines),
                authority=notice.authority,
                number=notice.number,
                pdf=pdf,
                created_by=user,
            )
            existing = set(submission.rectification_items.values_list("requirement_id", flat=True))
            items = [
                RectificationItem.objects.create(
                    round=submission.round,
                    community=submission.community,
                    submission=submission,
                    notice=made,
                    requirement_id=gap.id,
                    title=gap.requirement.title,
                    priority=gap.level,
                    deadline=days_after(today, deadlines[gap.level]),
                    created_by=user,
                )
                for gap in gaps
                if gap.id not in existing
            ]
            log(
                request,
                "rectification.issue",
                submission.community.path,
                user,
                submission=submission.number,
                notice=made.pk,
                sha256=made.sha256,
                audited=made.audited,
                audit_sha256=made.audit_sha256,
                deadlines=made.deadlines,
                items=[i.requirement_id for i in items],
            )
    except IntegrityError:  # issued by someone else at the same moment
        raise WebUsageError("web.rect_already", number=submission.number) from None
    return made


def move(
    item: RectificationItem,
    action: str,
    user: Any,
    comment: str = "",
    request: HttpRequest | None = None,
    photos: Iterable[Any] = (),
) -> str:
    """Answer (with photos), close or reopen an item: the state after, or
    :class:`~checker.audits.states.Refused` (WebUsageError for a second answer before the re-check); a photo
    that is not one raises EvidenceRefused. Nothing is recorded unless the whole move is."""
    acct = scope.account(user)
    role = acct.role if acct is not None else ""
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise evidence_store.EvidenceRefused("web.rect_too_many", limit=MAX_PHOTOS)
    if photos and action != "answer":
        raise evidence_store.EvidenceRefused("web.rect_photos_answer_only")
    stored = [(upload, evidence_store.store(upload.chunks())) for upload in photos]  # by content: harmless if unused
    comment = comment.strip()[:MAX_COMMENT]
    with transaction.atomic():
        RectificationItem.objects.select_for_update().filter(pk=item.pk).first()  # one move at a time per item
        current = item.state
        if current == "answered" and action == "answer" and role == "clerk":
            raise WebUsageError("web.rect_wait_recheck")  # the table refuses it too; these words say what comes next
        state = advance(RECTIFICATION, current, action, role, comment)
        event = RectificationEvent.objects.create(
            item=item, action=action, state=state, comment=comment, by=user, role=role
        )
        evidence = [
            Evidence.objects.create(
                round=item.round,
                community=item.community,
                requirement_id=item.requirement_id,
                sha256=found.sha256,
                name=evidence_store.safe_name(upload.name or "", found.content_type),
                content_type=found.content_type,
                size=found.size,
                thumbnail=found.thumbnail,
                uploaded_by=user,
            )
            for upload, found in stored
        ]
        event.evidence.add(*evidence)
        log(
            request,
            f"rectification.{action}",
            item.community.path,
            user,
            item=item.pk,
            requirement=item.requirement_id,
            state=state,
            photos=[e.sha256 for e in evidence],
        )
    return state


# ---------------------------------------------------------------- what the pages show


@dataclass(frozen=True)
class IssueForm:
    """下发整改通知 where the bureau looks for it (the filing page, the 审核 page, the 核查报告): the community's
    latest version (the one a notice is issued for), its notice if issued already, and whether a finished audit
    of that version is the notice's basis."""

    submission: Submission
    notice: RectificationNotice | None
    audited: bool
    deadlines: Mapping[str, int]


def noticed(round_: Round) -> set[int]:
    """The IDs of the round's submitted versions whose notice was issued."""
    return set(RectificationNotice.objects.filter(round=round_).values_list("submission_id", flat=True))


def issue_form(user: Any, round_id: int, community_id: int) -> IssueForm | None:
    """The form (or the notice issued) for a bureau; None for anyone else or before any submission."""
    from web.models import Audit

    if not scope.may_manage(user):
        return None
    latest = Submission.objects.filter(round_id=round_id, community_id=community_id).defer("text")
    submission = latest.order_by("-number").first()
    if submission is None:
        return None
    notice = RectificationNotice.objects.filter(submission=submission).defer("pdf").first()
    finished = Audit.objects.filter(submission=submission, state=Audit.FINISHED).exists()
    return IssueForm(submission, notice, finished, DEFAULT_DEADLINES)


def with_state(items: QuerySet[RectificationItem]) -> QuerySet[RectificationItem]:
    """Items annotated with ``current``: the state after their latest event (``open`` before any)."""
    latest = RectificationEvent.objects.filter(item=OuterRef("pk")).order_by("-id").values("state")[:1]
    return items.annotate(current=Coalesce(Subquery(latest), Value("open")))


def in_scope(user: Any) -> QuerySet[RectificationItem]:
    return with_state(scope.of_filings(user, RectificationItem.objects.all()))


def filtered(items: QuerySet[RectificationItem], which: str, today: date) -> QuerySet[RectificationItem]:
    """``open`` / ``answered`` / ``closed`` by state; ``overdue``: past its deadline and not closed."""
    if which == "overdue":
        return items.exclude(current="closed").filter(deadline__lt=today)
    if which in RECTIFICATION.states:
        return items.filter(current=which)
    return items


@dataclass(frozen=True)
class Counts:
    open: int = 0
    answered: int = 0
    closed: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.open + self.answered + self.closed


def counts(items: QuerySet[RectificationItem], today: date) -> Counts:
    found = {"open": 0, "answered": 0, "closed": 0, "overdue": 0}
    for state, deadline in items.values_list("current", "deadline"):
        found[state] = found.get(state, 0) + 1
        found["overdue"] += overdue(state, deadline, today)
    return Counts(**{k: found[k] for k in ("open", "answered", "closed", "overdue")})


def overdue_by_filing(items: QuerySet[RectificationItem], today: date) -> dict[tuple[int, int], int]:
    """(round ID, community ID) -> how many of its items are overdue (only those with one)."""
    return _by_filing(filtered(items, "overdue", today))


def unclosed_by_filing(items: QuerySet[RectificationItem]) -> dict[tuple[int, int], int]:
    """(round ID, community ID) -> how many of its items are not closed yet (only those with one)."""
    return _by_filing(items.exclude(current="closed"))


def _by_filing(items: QuerySet[RectificationItem]) -> dict[tuple[int, int], int]:
    found: dict[tuple[int, int], int] = {}
    for key in items.values_list("round_id", "community_id"):
        found[key] = found.get(key, 0) + 1
    return found


def rows(round_: Round, community: Community, role: str, today: date) -> list[dict[str, Any]]:
    """The items of a community's round as a page lists them: state, deadline, overdue, history with photos, the
    moves allowed."""
    found = []
    items = RectificationItem.objects.filter(round=round_, community=community).select_related("notice")
    for item in items.prefetch_related("events__evidence", "events__by"):
        events = list(item.events.all())
        state = events[-1].state if events else "open"
        found.append(
            {
                "item": item,
                "state": state,
                "overdue": overdue(state, item.deadline, today),
                "events": events,
                "actions": RECTIFICATION.actions(state, role),
            }
        )
    return found


def report_extras(round_: Round, community: Community, today: date, lang: str) -> list[dict[str, Any]]:
    """The items as the gap report lists them (``extras["rectification"]``): open, answered and closed, each
    with its deadline, whether it is overdue and the latest words said about it."""
    from checker.audits.states import word

    out = []
    for row in rows(round_, community, "", today):
        last = row["events"][-1] if row["events"] else None
        out.append(
            {
                "id": row["item"].requirement_id,
                "title": row["item"].title,
                "priority": row["item"].priority,
                "deadline": row["item"].deadline.isoformat(),
                "state": row["state"],
                "state_text": word(row["state"], lang),
                "overdue": row["overdue"],
                "last": last.comment if last is not None else "",
                "last_on": timezone.localtime(last.at).date().isoformat() if last is not None else "",
                "photos": sum(len(e.evidence.all()) for e in row["events"]),
            }
        )
    return out


def get_item(user: Any, item_id: int) -> RectificationItem:
    from django.shortcuts import get_object_or_404

    found = RectificationItem.objects.select_related("round", "community")
    return get_object_or_404(scope.of_filings(user, found), pk=item_id)


def get_notice(user: Any, notice_id: int) -> RectificationNotice:
    from django.shortcuts import get_object_or_404

    found = RectificationNotice.objects.select_related("community")
    return get_object_or_404(scope.of_filings(user, found), pk=notice_id)
