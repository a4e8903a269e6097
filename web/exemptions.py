"""Exemptions granted in the app (#14 §4): stored per community and standard, read back as the very records an
exemptions file gives (:class:`checker.audits.exemptions.Exemption`) and decided by the library's
:func:`~checker.audits.exemptions.decide`, so an exemption applies, lapses and warns exactly as the file's would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from checker.audits import exemptions as library
from checker.model import Profile, Standard
from web.audit import log
from web.models import Community, ExemptionGrant
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


def granted(community: Community, standard_id: str) -> tuple[library.Exemption, ...]:
    found = ExemptionGrant.objects.filter(community=community, standard_id=standard_id).select_related("community")
    return tuple(as_library(g) for g in found)


def decision(community: Community, standard: Standard, profile: Profile, on: date) -> library.Decision | None:
    """Which of the community's grants hold on ``on`` (None when it has none: the report shows no section)."""
    found = granted(community, standard.id)
    return library.decide(found, profile, on) if found else None


@dataclass(frozen=True)
class Row:
    """A grant as the filing page lists it: in force, expired or not yet valid on the day."""

    grant: ExemptionGrant
    state: str  # applied | expired | not_yet_valid
    reason: str


def rows(community: Community, standard_id: str, on: date, lang: str) -> list[Row]:
    out = []
    for grant in ExemptionGrant.objects.filter(community=community, standard_id=standard_id).select_related(
        "community"
    ):
        state = "expired" if on > grant.expires_on else "not_yet_valid" if on < grant.granted_on else "applied"
        out.append(Row(grant, state, as_library(grant).reason(lang)))
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
    return made
