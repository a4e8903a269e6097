"""Who may see what: the one place. Every view fetches objects through these helpers, so a community, a
round, a submission or a file outside the user's scope is simply not found (404), never "forbidden"."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from web.models import Account, Community, Evidence, Round, Submission

User = Any  # a request.user: AbstractBaseUser or AnonymousUser


def account(user: User) -> Account | None:
    if not user.is_authenticated:
        return None
    try:
        return user.account  # type: ignore[no-any-return]
    except Account.DoesNotExist:
        return None


def communities(user: User) -> QuerySet[Community]:
    acct = account(user)
    if acct is None:
        return Community.objects.none()
    if acct.role == Account.CLERK:
        return Community.objects.filter(pk=acct.community_id)
    if acct.role == Account.INSPECTOR:
        return acct.assigned.all()
    found = Community.objects.all()
    if acct.scope_district:
        found = found.filter(district=acct.scope_district)
    if acct.scope_street:
        found = found.filter(street=acct.scope_street)
    return found


def rounds(user: User) -> QuerySet[Round]:
    """Rounds with at least one community of the user's scope on the roster. (EXISTS, not a join with
    DISTINCT: that made PostgreSQL compare every joined row, standard text included — 10 s at 10,000
    communities.)"""
    roster = Round.communities.through.objects.filter(
        round_id=OuterRef("pk"), community_id__in=communities(user).values("pk")
    )
    return Round.objects.filter(Exists(roster))


def get_round(user: User, round_id: int) -> Round:
    return get_object_or_404(rounds(user).select_related("standard"), pk=round_id)


def get_filing(user: User, round_id: int, community_id: int) -> tuple[Round, Community]:
    """A round and one community of its roster, both within the user's scope."""
    round_ = get_round(user, round_id)
    community = get_object_or_404(communities(user).filter(rounds=round_), pk=community_id)
    return round_, community


def may_file(user: User, community: Community) -> bool:
    """Only the community's own clerk fills in and submits its self-assessment."""
    acct = account(user)
    return acct is not None and acct.role == Account.CLERK and acct.community_id == community.pk


def may_manage(user: User) -> bool:
    acct = account(user)
    return acct is not None and acct.role == Account.BUREAU


def require_bureau(user: User) -> Account:
    acct = account(user)
    if acct is None or acct.role != Account.BUREAU:
        raise Http404
    return acct


def get_submission(user: User, submission_id: int) -> Submission:
    scope = communities(user)
    found = Submission.objects.select_related("round__standard", "community").filter(community__in=scope)
    return get_object_or_404(found, pk=submission_id)


def get_evidence(user: User, evidence_id: int) -> Evidence:
    return get_object_or_404(Evidence.objects.filter(community__in=communities(user)), pk=evidence_id)
