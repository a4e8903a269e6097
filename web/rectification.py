"""The rectification loop in the app (#14 §3): the bureau issues one item per gap of a judged submission, with
the notice's deadline for its priority; the clerk answers; the inspector or the bureau closes it (销号) or keeps
it open. Every move goes through :func:`checker.audits.states.advance`, so the app and the library agree."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from checker.audits.notice import parse_deadlines
from checker.audits.states import RECTIFICATION, advance, overdue
from checker.dates import days_after
from web import scope, services
from web.audit import log
from web.models import Community, RectificationEvent, RectificationItem, Round, Submission


def issue(
    submission: Submission, user: Any, today: date, request: HttpRequest | None = None
) -> list[RectificationItem]:
    """One item per gap of the submission as judged now; issuing the same submission twice adds nothing."""
    deadlines = parse_deadlines([])  # the notice's defaults per priority (veto 30, high 60, normal 90 days)
    result = services.judge_submission(submission)
    with transaction.atomic():
        existing = {i.requirement_id for i in RectificationItem.objects.filter(submission=submission)}
        made = [
            RectificationItem.objects.create(
                round=submission.round,
                community=submission.community,
                submission=submission,
                requirement_id=gap.id,
                title=gap.requirement.title,
                priority=gap.level,
                deadline=days_after(today, deadlines[gap.level]),
                created_by=user,
            )
            for gap in result.gaps
            if gap.id not in existing
        ]
        if made:
            log(
                request,
                "rectification.issue",
                submission.community.path,
                user,
                submission=submission.number,
                items=[i.requirement_id for i in made],
            )
    return made


def move(item: RectificationItem, action: str, user: Any, comment: str = "", request: HttpRequest | None = None) -> str:
    """Answer, close or reopen an item: the state after, or :class:`~checker.audits.states.Refused`."""
    acct = scope.account(user)
    role = acct.role if acct is not None else ""
    with transaction.atomic():
        RectificationItem.objects.select_for_update().filter(pk=item.pk).first()  # one move at a time per item
        state = advance(RECTIFICATION, item.state, action, role, comment)
        RectificationEvent.objects.create(
            item=item, action=action, state=state, comment=comment.strip(), by=user, role=role
        )
        log(
            request,
            f"rectification.{action}",
            item.community.path,
            user,
            item=item.pk,
            requirement=item.requirement_id,
            state=state,
        )
    return state


def rows(round_: Round, community: Community, role: str, today: date) -> list[dict[str, Any]]:
    """The items of a community's round as a page lists them: state, deadline, overdue, history, the moves allowed."""
    found = []
    items = RectificationItem.objects.filter(round=round_, community=community).prefetch_related("events")
    for item in items:
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


def get_item(user: Any, item_id: int) -> RectificationItem:
    from django.shortcuts import get_object_or_404

    found = RectificationItem.objects.select_related("round", "community")
    return get_object_or_404(found.filter(community__in=scope.communities(user)), pk=item_id)
