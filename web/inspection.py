"""On-site audits in the app (实地核查, #14 §1–§2): the bureau plans which inspector visits which community of a
round and when; the inspector answers the audit sheet's items on a phone; finishing writes the audit record the
CLI reads (``sqcheck check --audit``), pinned to the submitted version's SHA-256.

What an item is, its words and its order come from the audit sheet's view-model
(:func:`checker.audits.sheet.build_sheet`); a verified value is typed as the audit-sheet workbook types a cell
(:func:`checker.audits.sheet_xlsx_read.typed_verified`); the record is validated and read by
:func:`checker.audits.record.load`, and judged by :func:`checker.audits.record.compare`. This module stores
answers and moves; it decides nothing the library decides."""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from checker import assessment as assessments
from checker.audits import record
from checker.audits.record import FINDINGS
from checker.audits.sheet import AuditSheet, ChecklistBlock, SheetRow, build_sheet
from checker.audits.sheet_xlsx_read import typed_verified
from checker.engine import CheckResult
from checker.errors import InputError, Problem
from checker.model import Assessment, Standard
from checker.workbook import cells as cellconv
from checker.yamlio import parse
from web import audited, rollup, scope, services
from web import evidence as evidence_store
from web.audit import log
from web.models import Account, Assignment, Audit, AuditAnswer, AuditPhoto, Community, Round, Submission

# ---------------------------------------------------------------- assignments (the bureau's plan)


class AssignRefused(Exception):
    """A plan the bureau cannot make, or an upload that is not an audit at all; ``code`` is a web.i18n word."""

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


def mine_first(visits: list[Visit], user: Any) -> tuple[list[Visit], list[Visit]]:
    """An inspector's list split in two: the visits the bureau planned for this inspector (我的核查任务, by date),
    and the rest of what the inspector may see (the standing scope, or planned for someone else)."""
    mine = [v for v in visits if v.assignment is not None and v.assignment.inspector_id == user.pk]
    return mine, [v for v in visits if v not in mine]


def _planned(visit: Visit) -> date:
    return visit.assignment.planned_on if visit.assignment and visit.assignment.planned_on else date.max


# ---------------------------------------------------------------- the audit of one submitted version


class AuditClosed(Exception):
    """The audit is finished: its record is kept as it was, nothing more is added."""


class StaleAnswer(Exception):
    """An answer given from an older revision than the one stored (someone changed it meanwhile)."""

    def __init__(self, latest: AuditAnswer) -> None:
        super().__init__("stale answer")
        self.latest = latest


class NoSubmission(Exception):
    """The community has not submitted a version: there is nothing to audit yet."""


MAX_TEXT = 2000


def assessment_of(submission: Submission) -> tuple[Standard, Assessment]:
    """The submitted version as ``sqcheck check`` reads the same file (its SHA-256 is the submission's)."""
    standard = submission.round.standard.load()
    doc = parse(submission.text, services.submission_name(submission.community))
    return standard, assessments.from_document(doc, standard, submission.sha256)


def start(round_: Round, community: Community, user: Any, request: Any = None) -> Audit:
    """The audit of the community's latest submitted version: resumed if begun, else begun now."""
    latest = Submission.objects.filter(round=round_, community=community).order_by("-number").first()
    if latest is None:
        raise NoSubmission
    return start_for(latest, user, request)


def latest_answers(audit: Audit) -> dict[str, AuditAnswer]:
    found: dict[str, AuditAnswer] = {}
    for answer in audit.answers.select_related("by").order_by("fact_id", "revision"):
        found[answer.fact_id] = answer
    return found


@dataclass(frozen=True)
class Item:
    """One row of the audit sheet on the phone: the sheet's row (claim, requirement, how to check), the
    catalogue block of a checklist fact, what the form's field offers, and the answer and photos so far."""

    row: SheetRow
    checklist: ChecklistBlock | None
    options: tuple[str, ...]  # presence and choice: the values to pick from
    unit: str
    claimed_text: str  # the claim as a verified value is typed (pre-fills the field)
    answer: AuditAnswer | None
    photos: tuple[AuditPhoto, ...]

    @property
    def fact_id(self) -> str:
        return self.row.fact_id

    @property
    def revision(self) -> int:
        return self.answer.revision if self.answer is not None else 0

    def verified_text(self) -> str:
        if self.answer is not None and isinstance(self.answer.verified, str):
            return self.answer.verified
        return self.claimed_text

    def ticked(self, entry_id: str, key: str) -> bool:
        """A checklist entry as found (the answer) or, before any answer, as claimed."""
        found = self.answer.verified if self.answer is not None else None
        if isinstance(found, dict):
            return entry_id in found.get(key, ())
        entry = next((e for e in self.checklist.entries if e.entry_id == entry_id), None) if self.checklist else None
        if entry is None:
            return False
        return entry.claimed_handled if key == "handled" else entry.claimed_online


@dataclass(frozen=True)
class AuditForm:
    sheet: AuditSheet
    sections: tuple[tuple[str, tuple[Item, ...]], ...]
    answered: int
    total: int


def claimed_text(kind: str, value: Any) -> str:
    """A claimed value as the inspector would type it in the sheet's verified cell (320, 是, 甲、乙)."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, bool):
        return cellconv.YES if value else cellconv.NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def form(audit: Audit, lang: str = "zh") -> AuditForm:
    """The audit sheet's items, in its sections and order, with the answers and photos so far."""
    standard, assessment = assessment_of(audit.submission)
    sheet = build_sheet(standard, assessment, lang)
    blocks = {b.fact_id: b for b in sheet.checklists}
    answers = latest_answers(audit)
    photos: dict[str, list[AuditPhoto]] = {}
    for photo in audit.photos.all():
        photos.setdefault(photo.fact_id, []).append(photo)
    sections = []
    for section in sheet.sections:
        items = []
        for row in section.rows:
            req = standard.index[row.fact_id]
            options: tuple[str, ...] = ()
            if row.kind == "presence":
                options = (cellconv.YES, cellconv.NO)
            elif row.kind == "choice":
                options = tuple(req.params.get("options", ()))
            items.append(
                Item(
                    row=row,
                    checklist=blocks.get(row.fact_id),
                    options=options,
                    unit=str(req.params.get("unit", "")),
                    claimed_text=claimed_text(row.kind, row.claimed_value),
                    answer=answers.get(row.fact_id),
                    photos=tuple(photos.get(row.fact_id, ())),
                )
            )
        sections.append((section.title, tuple(items)))
    total = sum(len(items) for _, items in sections)
    answered = sum(1 for a in answers.values() if a.finding)
    return AuditForm(sheet, tuple(sections), answered, total)


def fact_ids(audit: Audit) -> frozenset[str]:
    """The facts an audit has items for (the standard's fact owners)."""
    return frozenset(r.id for r in audit.round.standard.load().fact_owners())


def clean_verified(audit: Audit, fact_id: str, text: str, handled: list[str], online: list[str]) -> Any:
    """The verified value as posted: a checklist's entries found (only the catalogue's), else the text typed."""
    standard = audit.round.standard.load()
    req = standard.index[fact_id]
    if req.kind == "checklist":
        entries = [e.id for e in standard.catalogues[req.params["catalogue"]].entries]
        return {"handled": [e for e in entries if e in handled], "online": [e for e in entries if e in online]}
    text = text.strip()[:MAX_TEXT]
    return text or None


def answer(
    audit: Audit,
    fact_id: str,
    base_revision: int,
    finding: str,
    verified: Any,
    comment: str,
    user: Any,
    request: Any = None,
) -> AuditAnswer:
    """Store one answer as a new revision, unless the audit is finished (AuditClosed) or someone answered this
    item since ``base_revision`` (StaleAnswer). Sending the answer already stored again changes nothing (a
    phone that lost the reply re-sends what was saved)."""
    finding = finding if finding in FINDINGS else ""
    comment = comment.strip()[:MAX_TEXT]
    with transaction.atomic():
        locked = Audit.objects.select_for_update().get(pk=audit.pk)
        if locked.finished:
            raise AuditClosed
        latest = locked.answers.filter(fact_id=fact_id).order_by("-revision").first()
        if latest is not None and (latest.finding, latest.verified, latest.comment) == (finding, verified, comment):
            return latest
        if latest is not None and latest.revision != base_revision:
            raise StaleAnswer(latest)
        made = AuditAnswer.objects.create(
            audit=locked,
            fact_id=fact_id,
            revision=latest.revision + 1 if latest is not None else 1,
            finding=finding,
            verified=verified,
            comment=comment,
            by=user,
        )
        log(
            request,
            "audit.answer",
            audit.community.path,
            user,
            audit=audit.pk,
            fact=fact_id,
            finding=finding,
            revision=made.revision,
        )
    return made


def add_photo(audit: Audit, fact_id: str, stored: Any, name: str, user: Any, request: Any = None) -> AuditPhoto:
    """A photo stored by :func:`web.evidence.store`, attached to one item of an audit in progress. The same photo
    sent again for the same item (a phone that kept it offline and lost the reply) is the one already kept."""
    with transaction.atomic():
        locked = Audit.objects.select_for_update().get(pk=audit.pk)
        if locked.finished:
            raise AuditClosed
        already = locked.photos.filter(fact_id=fact_id, sha256=stored.sha256).first()
        if already is not None:
            return already
        photo = AuditPhoto.objects.create(
            audit=locked,
            fact_id=fact_id,
            sha256=stored.sha256,
            name=evidence_store.safe_name(name, stored.content_type),
            content_type=stored.content_type,
            size=stored.size,
            thumbnail=stored.thumbnail,
            uploaded_by=user,
        )
        log(request, "audit.photo", audit.community.path, user, audit=audit.pk, fact=fact_id, sha256=stored.sha256)
    return photo


def reference(photo: AuditPhoto) -> str:
    """How a photo is named in the record's references: its name and the start of its SHA-256."""
    return f"{photo.name} sha256:{photo.sha256[:12]}"


@dataclass(frozen=True)
class Header:
    """The record's header: who inspected, for which body, who from the community was there, on which day."""

    inspector: str
    organisation: str = ""
    accompanied_by: str = ""
    date: str = ""


@dataclass(frozen=True)
class Given:
    """One item's answer as given (stored, or about to be): the finding, the verified value, the comment."""

    finding: str
    verified: Any
    comment: str


def record_data(audit: Audit, header: Header, only: str | None = None, proposed: Given | None = None) -> dict[str, Any]:
    """The audit record (the structure of a YAML audit record) from the answers given: one check per answered
    item, verified values typed as the audit sheet's cells are, photos as references. ``only`` keeps one item,
    answered as ``proposed`` when given (an answer checked before it is kept)."""
    standard = audit.round.standard.load()
    photos: dict[str, list[str]] = {}
    for photo in audit.photos.all() if only is None else audit.photos.filter(fact_id=only):
        photos.setdefault(photo.fact_id, []).append(reference(photo))
    answers: dict[str, Any] = {only: proposed} if only is not None and proposed is not None else latest_answers(audit)
    checks: dict[str, Any] = {}
    for fact_id, given in answers.items():
        if not given.finding or (only is not None and fact_id != only):
            continue
        check: dict[str, Any] = {"finding": given.finding}
        if given.finding == "not_confirmed" and given.verified is not None:
            req = standard.requirement(fact_id)
            check["verified"] = typed_verified(req.kind if req else "", given.verified)
        if given.comment:
            check["comment"] = given.comment
        if photos.get(fact_id):
            check["references"] = photos[fact_id]
        checks[fact_id] = check
    return {
        "standard": standard.id,
        "assessment": {
            "file": services.submission_name(audit.community),
            "sha256": audit.submission.sha256,
            "community": audit.community.name,
        },
        "inspector": header.inspector,
        "organisation": header.organisation or None,
        "accompanied_by": header.accompanied_by or None,
        "date": header.date,
        "checks": checks,
    }


def record_text(data: dict[str, Any], audit: Audit) -> str:
    head = (
        f"# 实地核查记录：{audit.community.path}，第 {audit.submission.number} 版自评（sqcheck 应用内核查）。\n"
        "# finding：confirmed 确认 / not_confirmed 不符 / unverifiable 无法核实；未列出的项目未核查。\n"
    )
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def problems_by_fact(problems: list[Problem], lang: str) -> tuple[dict[str, list[str]], list[str]]:
    """Problems of a record placed beside their item (by the check's path), the rest on their own."""
    by_fact: dict[str, list[str]] = {}
    rest: list[str] = []
    for problem in problems:
        parts = problem.path.split(".", 2)
        if len(parts) >= 2 and parts[0] == "checks":
            by_fact.setdefault(parts[1].split("[", 1)[0], []).append(item_message(problem, lang))
        else:
            rest.append(problem.message(lang))
    return by_fact, rest


FIELD_OF = {"audit.comment_required": "comment"}  # the rules about a field other than their path's


def answer_problems(audit: Audit, fact_id: str, lang: str, proposed: Given | None = None) -> list[tuple[str, str]]:
    """(field, message) for each problem of one item's answer as stored, or as ``proposed`` (须填写核查值,
    应为数字 …): the record with this check alone, validated as the CLI validates a record. The field is the one
    of the phone's form it is about (finding, verified or comment); the words are the library's (the app's names
    of the findings in English: the record's codes are not what the inspector tapped)."""
    standard, assessment = assessment_of(audit.submission)
    data = record_data(audit, Header("-", date="2000-01-01"), only=fact_id, proposed=proposed)
    doc = parse(record_text(data, audit), "record.yaml")
    found = []
    for problem in record.problems(doc, standard, assessment):
        parts = problem.path.split(".")
        if len(parts) < 2 or parts[0] != "checks" or parts[1].split("[", 1)[0] != fact_id:
            continue
        field = FIELD_OF.get(problem.code) or ("verified" if "verified" in parts[2:] else "finding")
        found.append((field, item_message(problem, lang)))
    return found


def item_message(problem: Problem, lang: str) -> str:
    """A problem shown at its item: the rule's own words for the finding rules (the item names itself), the
    library's placed message otherwise."""
    from web.i18n import finding_rule

    return finding_rule(problem.code, lang) or problem.message(lang)


def finish(audit: Audit, header: Header, user: Any, request: Any = None) -> Audit:
    """Write the audit record from the answers, read it back with the library's own reader against the
    submitted version (so it is pinned to its SHA-256 and valid for ``sqcheck check --audit``), and keep it:
    InputError with every problem if it does not validate; AuditClosed if already finished."""
    data = record_data(audit, header)
    return _keep(audit, record_text(data, audit), Audit.APP, user, request)


def _keep(audit: Audit, text: str, source: str, user: Any, request: Any) -> Audit:
    standard, assessment = assessment_of(audit.submission)
    name = f"{audit.community.name}核查记录.yaml"
    with tempfile.TemporaryDirectory(prefix="sqcheck-audit-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        checked = record.load(path, standard, assessment)  # InputError with every problem
    verified = record.compare(standard, assessment, checked).verified
    standing = rollup.Standing(  # for the bureau's roll-ups (#15 §2), the verified result beside the claimed
        submission_id=audit.submission_id,
        verified_score=verified.score,
        verified_grade=verified.grade.title if verified.grade else "",
        verified_gaps=tuple(gap.id for gap in verified.gaps),
    )
    with transaction.atomic():
        locked = Audit.objects.select_for_update().get(pk=audit.pk)
        if locked.finished:
            raise AuditClosed
        locked.record_text = text
        locked.record_sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        locked.state = Audit.FINISHED
        locked.source = source
        locked.finished_at = timezone.now()
        locked.save()
        moved = _audited(audit.submission, user)
        rollup.refresh(audit.round_id, audit.community_id, verified=standing)
        log(
            request,
            "audit.finish",
            audit.community.path,
            user,
            audit=audit.pk,
            submission=audit.submission.number,
            sha256=audit.submission.sha256,
            record_sha256=locked.record_sha256,
            source=source,
            checks=len(checked.checks),
            review_state=moved,
        )
    return locked


def _audited(submission: Submission, user: Any) -> str:
    """An accepted version audited by an inspector moves on in the review loop (accepted → audited, the library's
    :data:`~checker.audits.states.SUBMISSION` table); otherwise its review state stays as it is."""
    from checker.audits.states import SUBMISSION, Refused, advance
    from web.models import Review
    from web.review import role_of, state_of

    state = state_of(submission)
    try:
        target = advance(SUBMISSION, state, "audit", role_of(user))
    except Refused:
        return state
    Review.objects.create(submission=submission, action="audit", state=target, by=user)
    return target


def loaded_record(audit: Audit) -> record.Audit:
    """The kept record, read as ``sqcheck check --audit`` reads the file."""
    standard, assessment = assessment_of(audit.submission)
    with tempfile.TemporaryDirectory(prefix="sqcheck-audit-") as folder:
        path = Path(folder) / f"{audit.community.name}核查记录.yaml"
        path.write_text(audit.record_text, encoding="utf-8")
        return record.load(path, standard, assessment)


def audited_result(audit: Audit, lang: str = "zh") -> CheckResult:
    """The finished audit's judgement, as ``sqcheck check --audit --exemptions`` gives it: verified beside
    claimed, discrepancies first, credibility (``extras["audit"]``), under the exemptions the bureau granted in
    force on the round's day — the one judging path of the app (:func:`web.audited.judge`), as the notice and
    the gap report."""
    day = audited.judging_day(audit.submission.round)
    judged = audited.judge(audit.submission, lang, day, (audit.record_text, audit.record_sha256))
    return judged.result


# ---------------------------------------------------------------- a filled sheet or a field tool's export instead

MAX_UPLOAD = 50 * 1024 * 1024  # an ODK/Kobo ZIP with its photos; the readers apply their own caps too
SHEET_SUFFIXES = (".xlsx",)
EXPORT_SUFFIXES = (".csv", ".zip")


def upload(
    round_: Round, community: Community, chunks: Iterable[bytes], name: str, user: Any, request: Any = None
) -> Audit:
    """A filled audit-sheet workbook (.xlsx) or an ODK/Kobo/Enketo export of the XLSForm (.csv/.zip), read by the
    library's readers; the record must pin one of the community's submitted versions of this round. InputError
    with every problem placed (sheet!cell, or the CSV's cell) in the uploaded file's own name."""
    shown = services.upload_name(name)
    suffix = Path(shown).suffix.lower()
    if suffix not in (*SHEET_SUFFIXES, *EXPORT_SUFFIXES):
        raise AssignRefused("web.audit_upload_kind", name=shown)
    versions = list(Submission.objects.filter(round=round_, community=community).order_by("-number"))
    if not versions:
        raise NoSubmission
    standard = round_.standard.load()
    with tempfile.TemporaryDirectory(prefix="sqcheck-audit-upload-") as folder:
        path = Path(folder) / shown
        size = 0
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_UPLOAD:
                    raise AssignRefused("web.audit_upload_size", name=shown, limit=MAX_UPLOAD)
                out.write(chunk)
        try:
            if suffix in SHEET_SUFFIXES:
                data = dict(record.read_document(path, standard).data)
            else:
                data = _from_export(path, shown, versions)
        except InputError as error:
            raise InputError(_renamed(error.problems, shown), _renamed(error.notices, shown)) from None
        pinned = str((data.get("assessment") or {}).get("sha256") or "").strip().lower()
        submission = next((v for v in versions if v.sha256 == pinned), versions[0])
        _standard, assessment = assessment_of(submission)
        found = record.problems(record.read_document(path, standard), standard, assessment) if suffix == ".xlsx" else []
        if found:  # the workbook's own problems, each at its sheet!cell
            raise InputError(_renamed(found, shown))
    audit = start_for(submission, user, request)
    text = f"# 实地核查记录，自上传文件 {shown} 读入。\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=1000
    )
    return _keep(audit, text, Audit.XLSX if suffix in SHEET_SUFFIXES else Audit.XLSFORM, user, request)


def _from_export(path: Path, shown: str, versions: list[Submission]) -> dict[str, Any]:
    """The export's submission for one of these versions (the newest version's first); its own problems, placed
    at the CSV's cells, are raised."""
    from checker.audits.xlsform_read import read_export

    submissions = read_export(path)
    by_sha = {s.sha256.strip().lower(): s for s in submissions}
    chosen = next((by_sha[v.sha256] for v in versions if v.sha256 in by_sha), None)
    if chosen is None:
        raise AssignRefused("web.audit_upload_none", name=shown, count=len(submissions))
    if chosen.problems:
        raise InputError(chosen.problems)
    return chosen.data


def _renamed(problems: Iterable[Problem], name: str) -> list[Problem]:
    return [replace(p, file=name) for p in problems]


def start_for(submission: Submission, user: Any, request: Any = None) -> Audit:
    """The audit of this version (begun now if none): an upload finishes it."""
    audit = Audit.objects.filter(submission=submission).first()
    if audit is not None:
        return audit
    with contextlib.suppress(IntegrityError), transaction.atomic():  # two first taps at once: one row
        Audit.objects.create(
            round=submission.round, community=submission.community, submission=submission, inspector=user
        )
        log(
            request,
            "audit.start",
            submission.community.path,
            user,
            round=submission.round_id,
            submission=submission.number,
            sha256=submission.sha256,
        )
    return Audit.objects.get(submission=submission)


@dataclass(frozen=True)
class Card:
    """What a community's page shows of its audit: the plan, the audit of the newest audited version, and what
    this user may do (start or continue on the phone, upload a filled sheet)."""

    visit: Visit
    may_audit: bool
    may_upload: bool


def card(user: Any, round_: Round, community: Community) -> Card | None:
    """None for a clerk until an audit of their community is finished (an audit in progress is not theirs)."""
    acct = scope.account(user)
    if acct is None:
        return None
    latest = Submission.objects.filter(round=round_, community=community).defer("text").order_by("-number").first()
    audit = Audit.objects.filter(round=round_, community=community).order_by("-submission__number").first()
    visit = Visit(community, Assignment.objects.filter(round=round_, community=community).first(), latest, audit)
    if acct.role == Account.CLERK:
        return Card(visit, False, False) if audit is not None and audit.finished else None
    return Card(visit, scope.may_audit(user), scope.may_upload_audit(user))
