"""On-site audits in the app (实地核查, #14 §1–§2): the bureau plans which inspector visits which community of a
round and when; the inspector answers the audit sheet's items on a phone; finishing writes the audit record the
CLI reads (``sqcheck check --audit``), pinned to the submitted version's SHA-256.

What an item is, its words and its order come from the audit sheet's view-model
(:func:`checker.audits.sheet.build_sheet`); a verified value is typed as the audit-sheet workbook types a cell
(:func:`checker.audits.sheet_xlsx_read.typed_verified`); the record is validated and read by
:func:`checker.audits.record.load`, and judged by :func:`checker.audits.record.compare`. This module stores
answers and moves; it decides nothing the library decides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet

from web import scope
from web.audit import log
from web.models import Account, Assignment, Audit, Community, Round, Submission

# ---------------------------------------------------------------- assignments (the bureau's plan)


class AssignRefused(Exception):
    """A plan the bureau cannot make; ``code`` is a web.i18n word."""

    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code, self.args_ = code, args


def inspectors() -> QuerySet[Any]:
    """Every inspector account, by user name (inspectors are not bound to a district: a bureau may send any)."""
    return get_user_model().objects.filter(account__role=Account.INSPECTOR, is_active=True).order_by("username")


def assign(
    round_: Round,
    communities: QuerySet[Community],
    inspector_id: int | None,
    planned_on: date | None,
    by: Any,
    request: Any = None,
) -> list[Assignment]:
    """Plan ``inspector_id`` for each community (already limited to the bureau's scope and the round's roster);
    re-assigning a community replaces its plan. ``inspector_id`` None removes the plans."""
    inspector = inspectors().filter(pk=inspector_id).first() if inspector_id is not None else None
    if inspector_id is not None and inspector is None:
        raise AssignRefused("web.assign_no_inspector")
    chosen = list(communities)
    if not chosen:
        raise AssignRefused("web.assign_no_community")
    made = []
    with transaction.atomic():
        for community in chosen:
            if inspector is None:
                Assignment.objects.filter(round=round_, community=community).delete()
                continue
            found, _ = Assignment.objects.update_or_create(
                round=round_,
                community=community,
                defaults={"inspector": inspector, "planned_on": planned_on, "assigned_by": by},
            )
            made.append(found)
        log(
            request,
            "assignment.set" if inspector is not None else "assignment.remove",
            f"round {round_.pk}",
            by,
            inspector=inspector.get_username() if inspector is not None else "",
            planned_on=planned_on.isoformat() if planned_on else "",
            communities=[c.path for c in chosen],
        )
    return made


def plans(round_: Round) -> dict[int, Assignment]:
    """The round's plan per community ID."""
    found = Assignment.objects.filter(round=round_).select_related("inspector")
    return {a.community_id: a for a in found}


def audits_of(round_: Round) -> dict[int, Audit]:
    """The latest audit per community of the round (the one of its newest audited version)."""
    found: dict[int, Audit] = {}
    for audit in Audit.objects.filter(round=round_).order_by("submission__number", "id"):
        found[audit.community_id] = audit
    return found


@dataclass(frozen=True)
class Visit:
    """One community on an inspector's list: the plan, the version to audit and where the audit stands."""

    community: Community
    assignment: Assignment | None
    latest: Submission | None
    audit: Audit | None

    @property
    def status(self) -> str:
        """not_submitted | to_audit | in_progress | finished | outdated (a newer version came after the audit)."""
        if self.latest is None:
            return "not_submitted"
        if self.audit is None:
            return "to_audit"
        if self.audit.submission_id != self.latest.pk and self.audit.finished:
            return "outdated"
        return "in_progress" if not self.audit.finished else "finished"


def visits(user: Any, round_: Round) -> list[Visit]:
    """The communities of the round the user sees, with plan, latest version and audit, planned dates first."""
    mine = scope.communities(user, round_)
    roster = list(round_.communities.filter(pk__in=mine.values("pk")).order_by("district", "street", "name")[:500])
    planned = plans(round_)
    audits = audits_of(round_)
    latest: dict[int, Submission] = {}
    for sub in Submission.objects.filter(round=round_, community__in=roster).defer("text").order_by("number"):
        latest[sub.community_id] = sub
    found = [Visit(c, planned.get(c.pk), latest.get(c.pk), audits.get(c.pk)) for c in roster]
    found.sort(key=lambda v: (v.assignment is None or v.assignment.planned_on is None, _planned(v)))
    return found


def _planned(visit: Visit) -> date:
    return visit.assignment.planned_on if visit.assignment and visit.assignment.planned_on else date.max
