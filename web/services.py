"""What the app does, apart from HTTP: shared by the views, the JSON API and the CLI commands
(``sqcheck users add``, ``rounds create``, ``tokens create``)."""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max

from checker import pipeline
from checker.engine import CheckResult
from checker.errors import InputError, Problem, UsageError
from checker.model import Standard
from checker.publish.roster import read_roster
from web import filing, rollup
from web.audit import log
from web.models import Account, ApiToken, Community, Draft, Evidence, Round, StandardVersion, Submission
from web.standards import bundled_or_path, standard_from_text, text_and_hash


class WebUsageError(UsageError):
    """A bad command line or form value, worded in the web UI's catalogue (see web.i18n)."""

    def message(self, lang: str = "zh") -> str:
        from web.i18n import t

        return t(self.code, lang, **self.args_)

    def __str__(self) -> str:
        return self.message("zh")


class Stale(Exception):
    """A draft saved from an older version than the one stored (someone else saved meanwhile)."""

    def __init__(self, draft: Draft) -> None:
        super().__init__("stale draft")
        self.draft = draft


# ---------------------------------------------------------------- standards, communities, rounds


def standard_version(id_or_path: str) -> StandardVersion:
    """A bundled standard (by ID) or a standard file, stored once per distinct text."""
    text, sha = text_and_hash(bundled_or_path(id_or_path))
    return standard_from_stored_text(text, sha)


def standard_from_stored_text(text: str, sha: str | None = None) -> StandardVersion:
    sha = sha or hashlib.sha256(text.encode("utf-8")).hexdigest()
    standard = standard_from_text(text, sha)  # lints it: InputError with every problem
    found = StandardVersion.objects.filter(sha256=sha).first()
    if found:
        return found
    return StandardVersion.objects.create(
        standard_id=standard.id, version=standard.version, title=standard.title, text=text, sha256=sha
    )


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_deadline(text: str) -> date | None:
    """YYYY-MM-DD only (Python also reads 20261231 and week dates; a person writing those meant something else)."""
    text = text.strip()
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def split_path(path: str, parts: int) -> list[str]:
    """'区/街道/社区' -> ['区', '街道', '社区']; UsageError unless it has 1..parts non-empty parts."""
    found = [p.strip() for p in path.split("/")]
    if not 1 <= len(found) <= parts or not all(found):
        raise WebUsageError("web.bad_path", path=path)
    return found


def community_by_path(path: str) -> Community:
    """A community named by its path: 区/街道/社区, with its 市 (and 省) in front where the rosters gave them —
    needed only when two cities both have that district and community name (南京 and 徐州 both have a 鼓楼区);
    such a path without them is refused, naming each community it could mean."""
    parts = split_path(path, 5)
    if len(parts) < 3:
        raise WebUsageError("web.bad_path", path=path)
    above, (district, _street, name) = parts[:-3], parts[-3:]
    named = Community.objects.filter(district=district, name=name).order_by("province", "city", "pk")
    found = [c for c in named if _above_ends_with(c, above)]
    if not found:
        raise WebUsageError("web.unknown_community", path=path)
    if len(found) > 1:
        raise WebUsageError("web.ambiguous_community", path=path, paths="、".join(c.path for c in found[:5]))
    return found[0]


def _above_ends_with(community: Community, above: list[str]) -> bool:
    """Whether the community's 省/市 (those the roster gave) end with the names written before its district."""
    levels = [p for p in (community.province, community.city) if p]
    return len(above) <= len(levels) and levels[len(levels) - len(above) :] == above


def create_round(
    standard: StandardVersion, roster_path: Path, period: str, deadline: date, user: Any = None, request: Any = None
) -> Round:
    """A round for the roster's communities (created where new: a community is its 省, 市, 区 and name, so the
    鼓楼区 of 南京 and the 鼓楼区 of 徐州 never share one)."""
    roster = read_roster(roster_path)
    with transaction.atomic():
        round_ = Round.objects.create(standard=standard, period=period, deadline=deadline, created_by=user)
        members = []
        for entry in roster.entries:
            community, _ = Community.objects.get_or_create(  # its identity: 省, 市, 区 and name
                province=entry.province,
                city=entry.city,
                district=entry.district,
                name=entry.name,
                defaults={"street": entry.street},
            )
            members.append(community)
        round_.communities.set(members)
        rollup.rebuild(round_)  # the hierarchy's nodes, every community not started, the roster's denominators
        log(
            request,
            "round.create",
            f"round {round_.pk}",
            user=user,
            standard=standard.sha256,
            period=period,
            deadline=deadline.isoformat(),
            communities=len(members),
        )
    return round_


# ---------------------------------------------------------------- accounts and tokens


def add_user(
    username: str,
    role: str,
    password: str,
    community: str | None = None,
    scope: str | None = None,
    must_change: bool = False,
    request: Any = None,
) -> Any:
    """A user with a role and scope (a clerk's community and a bureau's scope named by their paths)."""
    if role not in (Account.CLERK, Account.INSPECTOR, Account.BUREAU):
        raise WebUsageError("web.bad_role", role=role)
    if role == Account.CLERK and not community:
        raise WebUsageError("web.clerk_needs_community")
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise WebUsageError("web.user_exists", username=username)
    place = community_by_path(community) if community else None
    province, city, district, street = scope_place(scope) if scope and role == Account.BUREAU else ("", "", "", "")
    with transaction.atomic():
        user = user_model.objects.create_user(username=username, password=password)
        acct = Account.objects.create(
            user=user,
            role=role,
            community=place if role == Account.CLERK else None,
            scope_province=province,
            scope_city=city,
            scope_district=district,
            scope_street=street,
            must_change_password=must_change,
        )
        if role == Account.INSPECTOR and place is not None:
            acct.assigned.add(place)
        log(request, "user.add", username, role=role, community=community or "", scope=scope or "")
    return user


def scope_place(scope: str) -> tuple[str, str, str, str]:
    """A bureau's scope written as a path ('泉山区', '泉山区/七里沟街道', '江苏省/徐州市', …) as the place of the
    one node it names in the hierarchy the rosters made. Before any roster names it, '区' or '区/街道' is taken
    as a district (and street) of a roster without 省/市 columns."""
    from web import hierarchy

    parts = split_path(scope, 4)
    found = hierarchy.find(scope)
    if len(found) > 1:
        raise WebUsageError("web.ambiguous_scope", scope=scope, paths="、".join(n.path for n in found[:5]))
    if found:
        return hierarchy.node_place(found[0])
    if len(parts) > 2:
        raise WebUsageError("web.unknown_scope", scope=scope)
    return ("", "", parts[0], parts[1] if len(parts) > 1 else "")


def initial_password() -> str:
    """Easy to read aloud and type on a phone: no 0/O or 1/l/I."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def clerk_username(community: Community) -> str:
    return f"c{community.pk:05d}"


def create_clerks(round_: Round, within: Any = None, request: Any = None) -> list[tuple[Community, str, str]]:
    """One clerk account for each community of the round (within a bureau's scope) that has none:
    (community, username, password)."""
    made = []
    roster = round_.communities.all() if within is None else round_.communities.filter(pk__in=within.values("pk"))
    for community in roster.exclude(clerks__isnull=False).order_by("district", "street", "name"):
        password = initial_password()
        username = clerk_username(community)
        add_user(username, Account.CLERK, password, community=community.path, must_change=True, request=request)
        made.append((community, username, password))
    return made


def create_token(username: str) -> str:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise WebUsageError("web.unknown_user", username=username)
    token = "sqk_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=hashlib.sha256(token.encode()).hexdigest())
    log(None, "token.create", username, user=user)
    return token


def user_for_token(token: str) -> Any:
    found = ApiToken.objects.select_related("user").filter(digest=hashlib.sha256(token.encode()).hexdigest()).first()
    return found.user if found and found.user.is_active else None


# ---------------------------------------------------------------- drafts and submissions


def draft_of(round_: Round, community: Community) -> Draft | None:
    return Draft.objects.filter(round=round_, community=community).select_related("updated_by").first()


def draft_cells(round_: Round, community: Community, spec: filing.FormSpec) -> tuple[dict[str, str], int]:
    draft = draft_of(round_, community)
    if draft is None:
        return filing.community_defaults(spec, community, round_.period), 0
    return dict(draft.cells), draft.version


def save_draft(
    round_: Round, community: Community, cells: dict[str, str], base_version: int, user: Any, request: Any = None
) -> Draft:
    """Store the draft if nobody saved since ``base_version``; else raise Stale (nothing is written)."""
    with contextlib.suppress(IntegrityError):  # two first saves at once: one creates the row
        Draft.objects.get_or_create(round=round_, community=community)
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(round=round_, community=community)
        if draft.version != base_version:
            raise Stale(draft)
        draft.cells = cells
        draft.version += 1
        draft.updated_by = user
        draft.save()
        if draft.version == 1:  # the first save: not started -> draft
            rollup.refresh(round_.pk, community.pk)
        log(request, "draft.save", f"round {round_.pk} {community.path}", version=draft.version)
    return draft


def attached_names(round_: Round, community: Community) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for item in Evidence.objects.filter(round=round_, community=community, rectification_events__isnull=True):
        names.setdefault(item.requirement_id, []).append(item.name)
    return names


@dataclass(frozen=True)
class Submitted:
    submission: Submission
    result: CheckResult


def submit_document(
    round_: Round, community: Community, doc: Any, user: Any, source: str, request: Any = None, lang: str = "zh"
) -> Submitted:
    """A new version from a validated document (InputError with every placed problem otherwise)."""
    standard = round_.standard.load()
    text, sha = filing.canonical_text(doc, standard, round_.period)
    result = filing.judge_text(text, sha, standard, lang, submission_name(community))
    for _ in range(5):  # two submissions at once: the second takes the next number
        try:
            with transaction.atomic():
                # the community's draft row is its lock: one submission at a time gets the next number
                Draft.objects.select_for_update().get_or_create(round=round_, community=community)
                last = Submission.objects.filter(round=round_, community=community).aggregate(n=Max("number"))["n"]
                submission = Submission.objects.create(
                    round=round_,
                    community=community,
                    number=(last or 0) + 1,
                    text=text,
                    sha256=sha,
                    source=source,
                    submitted_by=user,
                    ip=request.META.get("REMOTE_ADDR") if request is not None else None,
                    score=result.score,
                    grade=result.grade.title if result.grade else "",
                    gaps=len(result.gaps),
                    gap_ids=" ".join(gap.id for gap in result.gaps),
                )
                rollup.refresh(round_.pk, community.pk)
                log(
                    request,
                    "submission.create",
                    f"round {round_.pk} {community.path}",
                    user=user,
                    number=submission.number,
                    sha256=sha,
                    source=source,
                )
            return Submitted(submission, result)
        except IntegrityError:
            continue
    raise RuntimeError("could not number the submission")


def submission_name(community: Community) -> str:
    return f"{community.name}自评表.yaml"


# ---------------------------------------------------------------- uploaded self-assessment files

_UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f]")


def upload_name(name: str) -> str:
    """The uploaded file's own name, made harmless: its last part, no control characters, not hidden."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = _UNSAFE.sub("", base).strip().lstrip(".")
    return base[-120:] or "upload"


def read_upload(chunks: Iterable[bytes], name: str, standard: Standard) -> tuple[Any, str]:
    """Read an uploaded self-assessment with the CLI's readers (chosen by its suffix, as the CLI does);
    InputError with the CLI's problems, placed in the file's own name."""
    shown = upload_name(name)
    with tempfile.TemporaryDirectory(prefix="sqcheck-upload-") as folder:
        path = Path(folder) / shown
        with path.open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
        try:
            doc, _, _ = pipeline.read_with_standard(path, standard)
        except InputError as error:
            raise InputError(_renamed(error.problems, shown), _renamed(error.notices, shown)) from None
    doc.name = shown
    doc.notices = _renamed(doc.notices, shown)
    return doc, shown


def _renamed(problems: Iterable[Problem], name: str) -> list[Problem]:
    return [replace(p, file=name) for p in problems]


def validated_data(doc: Any, standard: Standard, period: str | None = None) -> dict[str, Any]:
    """The canonical data of an uploaded document; InputError with every placed problem if it is not valid (or,
    with the round's ``period``, names another 填报周期)."""
    from checker.workbook.canonical import canonical

    values: dict[str, Any] = {}
    problems = filing.validate(doc, standard, values, period)
    if problems:
        raise InputError(problems, doc.notices)
    return canonical(doc.data, standard, values)


@dataclass(frozen=True)
class Latest:
    """A community's latest submitted version, as the round's lists show it."""

    pk: int
    number: int
    score: float | None
    grade: str


def status_rows(round_: Round, communities: Any) -> list[dict[str, Any]]:
    """Per community of the roster (within ``communities``): not started / draft / submitted, with the latest
    version's score and grade, and the community itself."""
    return with_communities(standings(round_, communities))


def standings(round_: Round, communities: Any) -> list[dict[str, Any]]:
    """:func:`status_rows` without the communities (``community_id`` only), in the roster's order: enough to
    count and narrow a city's 10,000 rows before the few shown are fetched (:func:`with_communities`)."""
    roster = round_.communities.filter(pk__in=communities.values("pk")).order_by("district", "street", "name")
    # by round only, no sub-query over the roster: one index range each, filtered below (a round is one city's)
    latest: dict[int, Latest] = {}
    versions = Submission.objects.filter(round=round_).order_by("community_id", "number")
    for pk, community_id, number, score, grade in versions.values_list(
        "pk", "community_id", "number", "score", "grade"
    ):
        latest[community_id] = Latest(pk, number, score, grade)  # the texts (~30 KB each) are not read
    for row in _exempted_standings(round_):  # judged under exemptions, as their reports: the roll-ups' figures
        found = latest.get(row.community_id)
        if found is not None and found.pk == row.submission_id:
            latest[row.community_id] = replace(found, score=row.score, grade=row.grade)
    drafts = set(Draft.objects.filter(round=round_, version__gt=0).values_list("community_id", flat=True))
    reviewed = review_states(round_)
    rows = []
    for community_id in roster.values_list("pk", flat=True):
        sub = latest.get(community_id)
        status = "submitted" if sub else ("draft" if community_id in drafts else "not_started")
        rows.append(
            {
                "community_id": community_id,
                "status": status,
                "submission": sub,
                "review": reviewed.get(sub.pk, "") if sub else "",
            }
        )
    return rows


def with_communities(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of :func:`standings` with their communities (``community``), fetched in one query."""
    found = Community.objects.in_bulk([row["community_id"] for row in rows])
    return [{**row, "community": found[row["community_id"]]} for row in rows]


def _exempted_standings(round_: Round) -> Any:
    """The round's standings judged under an exemption (few): their claimed score and grade are the reports'."""
    from web.models import CommunityRound

    return (
        CommunityRound.objects.filter(round=round_)
        .exclude(exempted="")
        .only("community_id", "submission_id", "score", "grade")
    )


def review_states(round_: Round) -> dict[int, str]:
    """Submission ID -> where review has taken it (returned / accepted / audited); versions nobody reviewed are
    absent (still just 'submitted')."""
    from web.models import Audit, Review

    found: dict[int, str] = {}
    for submission_id, state in (
        Review.objects.filter(submission__round=round_).order_by("id").values_list("submission_id", "state")
    ):
        found[submission_id] = state
    audited = Audit.objects.filter(round=round_, state=Audit.FINISHED).values_list("submission_id", flat=True)
    found.update(dict.fromkeys(audited, "audited"))
    return found
