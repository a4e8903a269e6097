"""Who may see what: the one place. Every view fetches objects through these helpers, so a community, a
round, a submission or a file outside the user's scope is simply not found (404), never "forbidden"."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from web import hierarchy
from web.models import Account, Assignment, Audit, AuditPhoto, Community, Evidence, Job, Round, ScopeNode, Submission

User = Any  # a request.user: AbstractBaseUser or AnonymousUser


def account(user: User) -> Account | None:
    if not user.is_authenticated:
        return None
    try:
        return user.account  # type: ignore[no-any-return]
    except Account.DoesNotExist:
        return None


def communities(user: User, round_: Round | None = None) -> QuerySet[Community]:
    """The communities the user may see; an inspector's are those assigned for good (``Account.assigned``) and
    those the bureau planned for them (:class:`Assignment`) — in ``round_`` only, when it is given."""
    acct = account(user)
    if acct is None:
        return Community.objects.none()
    if acct.role == Account.CLERK:
        return Community.objects.filter(pk=acct.community_id)
    if acct.role == Account.INSPECTOR:
        planned = Assignment.objects.filter(inspector_id=acct.user_id)
        if round_ is not None:
            planned = planned.filter(round=round_)
        standing = Account.assigned.through.objects.filter(account_id=acct.pk).values("community_id")
        return Community.objects.filter(Q(pk__in=standing) | Q(pk__in=planned.values("community_id")))
    return Community.objects.filter(hierarchy.below(place(acct)))


def place(acct: Account) -> hierarchy.Place:
    """A bureau's node in the hierarchy, as its place (all empty: everything)."""
    return (acct.scope_province, acct.scope_city, acct.scope_district, acct.scope_street)


def rounds(user: User) -> QuerySet[Round]:
    """Rounds with at least one community of the user's scope on the roster. (EXISTS, not a join with
    DISTINCT: that made PostgreSQL compare every joined row, standard text included — 10 s at 10,000
    communities.)"""
    acct = account(user)
    if acct is not None and acct.role == Account.INSPECTOR:
        standing = Account.assigned.through.objects.filter(account_id=acct.pk).values("community_id")
        roster = Round.communities.through.objects.filter(round_id=OuterRef("pk"), community_id__in=standing)
        planned = Assignment.objects.filter(round_id=OuterRef("pk"), inspector_id=acct.user_id)
        return Round.objects.filter(Q(Exists(roster)) | Q(Exists(planned)))
    roster = Round.communities.through.objects.filter(
        round_id=OuterRef("pk"), community_id__in=communities(user).values("pk")
    )
    return Round.objects.filter(Exists(roster))


def of_filings(user: User, found: QuerySet[Any]) -> QuerySet[Any]:
    """Objects that belong to one round and community (versions, evidence, audits) within the user's scope: an
    inspector's planned communities count in the round they were planned for only."""
    acct = account(user)
    if acct is None:
        return found.none()
    if acct.role != Account.INSPECTOR:
        return found.filter(community__in=communities(user))
    standing = Account.assigned.through.objects.filter(account_id=acct.pk).values("community_id")
    planned = Assignment.objects.filter(
        round_id=OuterRef("round_id"), community_id=OuterRef("community_id"), inspector_id=acct.user_id
    )
    return found.filter(Q(community_id__in=standing) | Q(Exists(planned)))


def get_round(user: User, round_id: int) -> Round:
    return get_object_or_404(rounds(user).select_related("standard"), pk=round_id)


def get_filing(user: User, round_id: int, community_id: int) -> tuple[Round, Community]:
    """A round and one community of its roster, both within the user's scope."""
    round_ = get_round(user, round_id)
    community = get_object_or_404(communities(user, round_).filter(rounds=round_), pk=community_id)
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


def own_node(user: User) -> ScopeNode:
    """The node a bureau's account is bound to (404 for other roles, or while no roster has named it)."""
    acct = require_bureau(user)
    found = ScopeNode.objects.filter(**dict(zip(hierarchy.FIELDS, place(acct), strict=True))).first()
    if found is None:
        if any(place(acct)):
            raise Http404
        return hierarchy.root()
    return found


def get_node(user: User, node_id: int | None) -> ScopeNode:
    """A node at or below the bureau's own (the own one when ``node_id`` is None); any other node is 404."""
    own = own_node(user)
    if node_id is None or node_id == own.pk:
        return own
    node = get_object_or_404(ScopeNode, pk=node_id)
    if not hierarchy.contains(place(require_bureau(user)), hierarchy.node_place(node)):
        raise Http404
    return node


def get_submission(user: User, submission_id: int) -> Submission:
    found = Submission.objects.select_related("round__standard", "community")
    return get_object_or_404(of_filings(user, found), pk=submission_id)


def get_evidence(user: User, evidence_id: int) -> Evidence:
    return get_object_or_404(of_filings(user, Evidence.objects.all()), pk=evidence_id)


def get_audit(user: User, audit_id: int) -> Audit:
    """An on-site audit within the user's scope; a clerk sees their community's only once it is finished (an
    audit in progress is the inspector's working paper)."""
    found = of_filings(user, Audit.objects.select_related("round__standard", "community", "submission"))
    audit = get_object_or_404(found, pk=audit_id)
    acct = account(user)
    if acct is None or (acct.role == Account.CLERK and not audit.finished):
        raise Http404
    return audit


def may_audit(user: User) -> bool:
    """Only inspectors answer an audit's items (the bureau plans, reads and may upload a filled sheet)."""
    acct = account(user)
    return acct is not None and acct.role == Account.INSPECTOR


def may_upload_audit(user: User) -> bool:
    acct = account(user)
    return acct is not None and acct.role in (Account.INSPECTOR, Account.BUREAU)


def get_audit_photo(user: User, photo_id: int) -> AuditPhoto:
    photo = get_object_or_404(AuditPhoto.objects.select_related("audit"), pk=photo_id)
    get_audit(user, photo.audit_id)  # 404 unless the audit itself may be seen
    return photo


def job_communities(job: Job) -> QuerySet[Community]:
    """The communities of the scope a job was asked for."""
    return Community.objects.filter(hierarchy.below(job_place(job)))


def job_place(job: Job) -> hierarchy.Place:
    return (job.scope_province, job.scope_city, job.scope_district, job.scope_street)


def jobs(user: User) -> QuerySet[Job]:
    """A bureau's background jobs: those of its rounds asked for a node at or below its own (a district sees its
    own and its streets', never the city's or another district's). Nobody else sees any."""
    acct = account(user)
    if acct is None or acct.role != Account.BUREAU:
        return Job.objects.none()
    return Job.objects.filter(hierarchy.below(place(acct), prefix="scope_"), round__in=rounds(user))


def get_job(user: User, job_id: int) -> Job:
    return get_object_or_404(jobs(user).select_related("round__standard"), pk=job_id)


def public_job(token: str) -> Job:
    """A publication its bureau has shared: found by its token alone, no login; only finished publications."""
    if len(token) < 20:
        raise Http404
    return get_object_or_404(Job.objects.filter(kind=Job.PUBLISH, state=Job.DONE), public_token=token)
