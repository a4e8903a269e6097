"""Review of submitted versions (审核): the bureau or an assigned inspector returns a version for correction, with
comments per requirement, or accepts it. The moves and who may make them are the library's
(:data:`checker.audits.states.SUBMISSION`); this module stores them, append-only, and logs them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from checker.audits.states import SUBMISSION, Refused, advance
from web import audit, rollup, scope
from web.models import Review, Submission

MAX_COMMENT = 2000


def state_of(submission: Submission) -> str:
    """A version's review state: its latest review's, else 'submitted'."""
    latest = submission.reviews.first()
    return latest.state if latest is not None else "submitted"


def latest_version(round_id: int, community_id: int) -> Submission | None:
    return Submission.objects.filter(round_id=round_id, community_id=community_id).order_by("-number").first()


def comments_to_show(round_id: int, community_id: int) -> tuple[str, Review | None, dict[str, list[Review]]]:
    """For the clerk's page: the latest version's state and review, and every comment per requirement left on
    any version (newest first), so a returned version's next version keeps the comments' history."""
    latest = latest_version(round_id, community_id)
    if latest is None:
        return "draft", None, {}
    history: dict[str, list[Review]] = {}
    reviews = Review.objects.filter(submission__round_id=round_id, submission__community_id=community_id)
    for review in reviews.select_related("submission", "by"):
        for requirement_id in review.item_comments:
            history.setdefault(requirement_id, []).append(review)
    return state_of(latest), latest.reviews.first(), history


def role_of(user: Any) -> str:
    acct = scope.account(user)
    return acct.role if acct is not None else ""


def review(
    submission: Submission,
    action: str,
    comment: str,
    item_comments: Mapping[str, str],
    request: HttpRequest,
) -> Review:
    """Make the move (refused by :class:`checker.audits.states.Refused` where the loop does not allow it). Only
    the latest version is reviewed: an older one was replaced by its community and is history."""
    comment = comment.strip()[:MAX_COMMENT]
    items = {k: v.strip()[:MAX_COMMENT] for k, v in item_comments.items() if v.strip()}
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        latest = latest_version(locked.round_id, locked.community_id)
        if latest is None or latest.pk != locked.pk:
            raise Refused("submission.not_from_here", state="superseded", action=action)
        target = advance(
            SUBMISSION, state_of(locked), action, role_of(request.user), comment or " ".join(items.values())
        )
        made = Review.objects.create(
            submission=locked, action=action, state=target, comment=comment, item_comments=items, by=request.user
        )
        rollup.refresh(locked.round_id, locked.community_id)
    audit.log(
        request,
        f"submission.{action}",
        f"{submission.community.path}#{submission.number}",
        state=target,
        items=sorted(items),
    )
    return made
