"""Exemptions granted in the app (#14 §4): stored per community and standard, read back as the very records an
exemptions file gives (:class:`checker.audits.exemptions.Exemption`) and decided by the library's
:func:`~checker.audits.exemptions.decide`, so an exemption applies, lapses and warns exactly as the file's would."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from checker.audits import exemptions as library
from checker.model import Profile, Standard
from web.audit import log
from web.models import Community, ExemptionGrant, ExemptionRevocation, Round
from web.services import WebUsageError, parse_deadline

MAX_TEXT = 500


def as_library(grant: ExemptionGrant) -> library.Exemption:
    """The grant as an exemptions file's entry: same fields, same reason text, same matching by community."""
    return library.Exemption(
        requirement_id=grant.requirement_id,
        community=grant.community.name,
        district=grant.community.district,
        justification=grant.justification,
        approved_by=grant.approved_by,
        reference=grant.reference,
        granted_on=grant.granted_on,
        expires_on=grant.expires_on,
        file=f"exemption {grant.pk}",
    )


def _standing(on: date | None) -> Q:
    """Grants not revoked by ``on`` (a revocation holds from its day on; the days before keep the grant)."""
    return Q() if on is None else Q(revocation__isnull=True) | Q(revocation__revoked_on__gt=on)


def granted(community: Community, standard_id: str, on: date | None = None) -> tuple[library.Exemption, ...]:
    """The community's grants for a standard as an exemptions file's entries; with ``on``, those revoked by that
    day are left out (as if never granted: the report then shows no section for them)."""
    found = ExemptionGrant.objects.filter(_standing(on), community=community, standard_id=standard_id)
    return tuple(as_library(g) for g in found.select_related("community"))


def decision(community: Community, standard: Standard, profile: Profile, on: date) -> library.Decision | None:
    """Which of the community's grants hold on ``on`` (None when it has none: the report shows no section)."""
    found = granted(community, standard.id, on)
    return library.decide(found, profile, on) if found else None


def in_force(community_ids: Iterable[int] | None, standard_id: str, on: date) -> dict[int, tuple[int, ...]]:
    """Community ID -> the IDs of its grants in force on ``on`` (between their dates, not revoked): one query,
    for the roll-ups (a community with none is judged as submitted; with some, through web.audited)."""
    found = ExemptionGrant.objects.filter(
        _standing(on), standard_id=standard_id, granted_on__lte=on, expires_on__gte=on
    )
    if community_ids is not None:
        found = found.filter(community_id__in=list(community_ids))
    out: dict[int, list[int]] = {}
    for community_id, pk in found.order_by("community_id", "pk").values_list("community_id", "pk"):
        out.setdefault(community_id, []).append(pk)
    return {community_id: tuple(ids) for community_id, ids in out.items()}


def turning(standard_id: str, after: date | None, until: date) -> QuerySet[ExemptionGrant]:
    """Grants whose standing may differ between the day ``after`` and ``until`` (one starts, lapses or is revoked
    in between; every grant when ``after`` is None): the communities a round's figures must judge again when its
    day moves on."""
    found = ExemptionGrant.objects.filter(standard_id=standard_id)
    if after is None:
        return found
    low, high = min(after, until), max(after, until)
    days = {"gt": low, "lte": high}
    return found.filter(
        Q(granted_on__gt=low, granted_on__lte=high)
        | Q(expires_on__gte=low, expires_on__lt=high)  # in force on expires_on, lapsed the day after
        | Q(**{f"revocation__revoked_on__{k}": v for k, v in days.items()})
    )


@dataclass(frozen=True)
class Row:
    """A grant as the filing page lists it: in force, expired or not yet valid on the day."""

    grant: ExemptionGrant
    state: str  # applied | expired | not_yet_valid | revoked
    reason: str
    revocation: ExemptionRevocation | None = None


def rows(community: Community, standard_id: str, on: date, lang: str) -> list[Row]:
    out = []
    found = ExemptionGrant.objects.filter(community=community, standard_id=standard_id)
    for grant in found.select_related("community", "revocation", "revocation__revoked_by"):
        revocation = getattr(grant, "revocation", None)
        if revocation is not None and revocation.revoked_on <= on:
            state = "revoked"
        else:
            state = "expired" if on > grant.expires_on else "not_yet_valid" if on < grant.granted_on else "applied"
        out.append(Row(grant, state, as_library(grant).reason(lang), revocation))
    return out


def grant(
    community: Community, standard: Standard, form: dict[str, str], user: Any, request: HttpRequest | None = None
) -> ExemptionGrant:
    """A new grant from the bureau's form; WebUsageError naming the first field that is wrong."""
    requirement_id = form.get("requirement", "").strip()
    if standard.requirement(requirement_id) is None:
        raise WebUsageError("web.exempt_unknown", id=requirement_id)
    texts = {key: form.get(key, "").strip()[:MAX_TEXT] for key in ("justification", "approved_by", "reference")}
    for key in ("justification", "approved_by"):
        if not texts[key]:
            raise WebUsageError(f"web.exempt_no_{key}")
    dates = {key: parse_deadline(form.get(key, "")) for key in ("granted_on", "expires_on")}
    for key, value in dates.items():
        if value is None:
            raise WebUsageError(f"web.exempt_bad_{key}", value=form.get(key, ""))
    granted_on, expires_on = dates["granted_on"], dates["expires_on"]
    assert granted_on is not None and expires_on is not None
    if expires_on < granted_on:
        raise WebUsageError("exemption.order", granted=granted_on, expires=expires_on)
    with transaction.atomic():
        made = ExemptionGrant.objects.create(
            community=community,
            standard_id=standard.id,
            requirement_id=requirement_id,
            justification=texts["justification"],
            approved_by=texts["approved_by"][:100],
            reference=texts["reference"][:100],
            granted_on=granted_on,
            expires_on=expires_on,
            granted_by=user,
        )
        log(request, "exemption.grant", community.path, user, exemption=made.pk, **as_library(made).to_dict())
        _refresh_figures(community, standard.id)
    return made


def revoke(grant: ExemptionGrant, form: dict[str, str], user: Any, request: HttpRequest | None = None) -> None:
    """The bureau withdraws a grant from today on (the reason required); logged, kept beside the grant, and the
    figures of the community's rounds follow in the same transaction."""
    from web import audited

    reason = form.get("reason", "").strip()[:MAX_TEXT]
    if not reason:
        raise WebUsageError("web.exempt_no_revoke_reason")
    with transaction.atomic():
        locked = ExemptionGrant.objects.select_for_update().select_related("community").get(pk=grant.pk)
        if ExemptionRevocation.objects.filter(grant=locked).exists():
            raise WebUsageError("web.exempt_revoked_already", id=locked.requirement_id)
        made = ExemptionRevocation.objects.create(
            grant=locked, revoked_on=audited.today(), reason=reason, revoked_by=user
        )
        log(
            request,
            "exemption.revoke",
            locked.community.path,
            user,
            exemption=locked.pk,
            requirement=locked.requirement_id,
            revoked_on=made.revoked_on.isoformat(),
            reason=reason,
        )
        _refresh_figures(locked.community, locked.standard_id)


def _refresh_figures(community: Community, standard_id: str) -> None:
    """The roll-ups of every round of this standard with the community on its roster, judged again (#15)."""
    from web import rollup

    rounds = Round.objects.filter(standard__standard_id=standard_id, communities=community)
    for round_id in rounds.values_list("pk", flat=True):
        rollup.refresh(round_id, community.pk, rejudge=True)
