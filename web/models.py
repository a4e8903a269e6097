"""What the app keeps: standards, communities, rounds, accounts and their scope, drafts, every submitted version,
evidence files and an append-only log. Nothing a clerk submits is ever overwritten."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from checker.model import Standard


class StandardVersion(models.Model):
    """One version of a standard, kept as its YAML text; a round pins one by its SHA-256."""

    standard_id = models.CharField(max_length=100)
    version = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["standard_id", "version"]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.version}"

    def load(self) -> Standard:
        from web.standards import standard_from_text

        return standard_from_text(self.text, self.sha256)


class ScopeNode(models.Model):
    """One node of the scope hierarchy 社区 → 街道 → 区 → 市 → 省, made from the rosters (see web.hierarchy): a
    street, district, city or province, named by its place in the tree; the one ``root`` node (all names empty)
    is above them all. A bureau's account is bound to one node and sees everything below it."""

    ROOT, PROVINCE, CITY, DISTRICT, STREET = "root", "province", "city", "district", "street"
    LEVELS = (ROOT, PROVINCE, CITY, DISTRICT, STREET)

    level = models.CharField(max_length=10)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    province = models.CharField(max_length=100, blank=True, default="")
    city = models.CharField(max_length=100, blank=True, default="")
    district = models.CharField(max_length=100, blank=True, default="")
    street = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["province", "city", "district", "street"]
        constraints = [
            models.UniqueConstraint(fields=["province", "city", "district", "street"], name="scope_node_place")
        ]

    def __str__(self) -> str:
        return self.path or "/"

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.province, self.city, self.district, self.street) if p)

    @property
    def name(self) -> str:
        return self.parts[-1] if self.parts else ""

    @property
    def path(self) -> str:
        return "/".join(self.parts)


class Community(models.Model):
    """A community, identified by province, city, district and name (the street is for people): two cities of
    one province may both have a 鼓楼区 (南京 and 徐州 do), so the district's name alone is not enough. Province and
    city are empty when the roster has no such columns, which is publish's identity (district and name). Its
    place in the hierarchy is its street's :class:`ScopeNode`."""

    province = models.CharField(max_length=100, blank=True, default="")
    city = models.CharField(max_length=100, blank=True, default="")
    district = models.CharField(max_length=100)
    street = models.CharField(max_length=100)
    name = models.CharField(max_length=100)
    node = models.ForeignKey(ScopeNode, null=True, blank=True, on_delete=models.PROTECT, related_name="communities")

    class Meta:
        ordering = ["district", "street", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "city", "district", "name"], name="community_place_name")
        ]
        indexes = [models.Index(fields=["province", "city", "district", "street"], name="community_place")]

    def __str__(self) -> str:
        return self.path

    @property
    def path(self) -> str:
        """Every level the roster gave: 区/街道/社区, with 省/市 in front when the roster had them (so the path
        names one community however many cities have a district of that name)."""
        return "/".join(p for p in (self.province, self.city, self.district, self.street, self.name) if p)


class Round(models.Model):
    """A filing round: one pinned standard, a period, a deadline and the roster of communities expected."""

    OPEN, CLOSED, PUBLISHED = "open", "closed", "published"
    STATES = [(OPEN, "open"), (CLOSED, "closed"), (PUBLISHED, "published")]

    standard = models.ForeignKey(StandardVersion, on_delete=models.PROTECT, related_name="rounds")
    period = models.CharField(max_length=50)
    deadline = models.DateField()
    state = models.CharField(max_length=10, choices=STATES, default=OPEN)
    communities = models.ManyToManyField(Community, related_name="rounds")
    # the day the round's figures (web.rollup) judged exemptions on: today while the round runs, its deadline after
    figures_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-deadline", "-id"]

    def __str__(self) -> str:
        return f"{self.standard.title} {self.period}"

    def accepts_filing(self, today: date | None = None) -> bool:
        """Clerks may save and submit while the round is open and the deadline has not passed."""
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.state == self.OPEN and today <= self.deadline


class Account(models.Model):
    """A user's role and scope: a clerk files for one community, an inspector sees the communities assigned,
    a bureau sees one node of the hierarchy — a province, city, district or street, named by the four scope
    fields (those below its level empty) — or everything when all four are empty."""

    CLERK, INSPECTOR, BUREAU = "clerk", "inspector", "bureau"
    ROLES = [(CLERK, "clerk"), (INSPECTOR, "inspector"), (BUREAU, "bureau")]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account")
    role = models.CharField(max_length=10, choices=ROLES)
    community = models.ForeignKey(Community, null=True, blank=True, on_delete=models.PROTECT, related_name="clerks")
    scope_province = models.CharField(max_length=100, blank=True, default="")
    scope_city = models.CharField(max_length=100, blank=True, default="")
    scope_district = models.CharField(max_length=100, blank=True, default="")
    scope_street = models.CharField(max_length=100, blank=True, default="")
    assigned = models.ManyToManyField(Community, blank=True, related_name="inspectors")
    must_change_password = models.BooleanField(default=False)
    lang = models.CharField(max_length=5, default="zh", choices=[("zh", "简体中文"), ("en", "English")])

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.role})"


class Draft(models.Model):
    """The form as the clerk left it (field -> text typed), one per community and round. ``version`` counts
    saves: a save that starts from an older version is refused (optimistic locking)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="drafts")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="drafts")
    cells = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "community"], name="draft_round_community")]
        # which communities of a round have a draft, read from the index alone: the cells (~15 KB a draft) come
        # before the version in the row, so reading the version of 10,000 drafts read every draft's cells
        indexes = [models.Index(fields=["round", "version", "community"], name="draft_round_version")]


class Submission(models.Model):
    """One submitted version: the canonical self-assessment text and its SHA-256. Never changed or deleted."""

    FORM, UPLOAD, API = "form", "upload", "api"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="submissions")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=10, default=FORM)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    # the result when submitted, for lists (the report is always recomputed from the text)
    score = models.FloatField(null=True, blank=True)
    grade = models.CharField(max_length=100, blank=True, default="")
    gaps = models.PositiveIntegerField(default=0)
    gap_ids = models.TextField(blank=True, default="")  # the gaps' requirement IDs, space-separated, for roll-ups

    class Meta:
        ordering = ["round", "community", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "community", "number"], name="submission_round_community_number")
        ]
        # a round's versions with their scores, read from the index alone (the round page, the roll-ups): the text
        # (~10 KB a version) comes before the score in the row
        indexes = [models.Index(fields=["round", "community", "number", "score", "grade"], name="submission_standing")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("a submission is never changed")
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("a submission is never deleted")


class StoredFile(models.Model):
    """What is kept of an uploaded file beside its bytes (stored under the data folder by SHA-256, see
    :mod:`web.evidence`): the evidence a clerk attaches and the photos an inspector takes."""

    sha256 = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    thumbnail = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Evidence(StoredFile):
    """A photo or PDF attached to one requirement; the bytes live under the data folder, named by SHA-256."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="evidence")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="evidence")
    requirement_id = models.CharField(max_length=100)

    class Meta:
        ordering = ["requirement_id", "uploaded_at", "id"]


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    """Append-only: who did what, when and from where."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True, default="")
    action = models.CharField(max_length=50)
    target = models.CharField(max_length=300, blank=True, default="")
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("the audit log is append-only")


class ApiToken(models.Model):
    """An API token; only its SHA-256 is kept (the token itself is shown once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)


class Review(models.Model):
    """One move of a submitted version through review (checker.audits.states.SUBMISSION): who returned or accepted
    it, with the comment and the comments per requirement. Append-only, like the versions: a submission's state is
    its latest review's, and a returned version's comments stay when the next version is submitted."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="reviews")
    action = models.CharField(max_length=20)
    state = models.CharField(max_length=20)  # the state the move led to
    comment = models.TextField(blank=True, default="")
    item_comments = models.JSONField(default=dict, blank=True)  # requirement ID -> the reviewer's words
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("reviews are append-only")
        super().save(*args, **kwargs)


class RectificationItem(models.Model):
    """One gap of a judged submission, issued to the community to put right by its deadline (整改事项).
    Never changed once issued: where it stands is its latest :class:`RectificationEvent`."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="rectification_items")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="rectification_items")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="rectification_items")
    notice = models.ForeignKey(
        "RectificationNotice", null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )  # the notice that issued it (none for items issued before notices were kept)
    requirement_id = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    priority = models.CharField(max_length=10)  # veto | high | normal, as the notice groups them
    deadline = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "requirement_id"], name="rectification_submission_req")
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("a rectification item is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("a rectification item is never deleted")

    @property
    def state(self) -> str:
        last = self.events.order_by("-id").first()
        return last.state if last is not None else "open"


class RectificationEvent(models.Model):
    """Append-only: one move of a rectification item (answer, close, reopen), the state after it and the words."""

    item = models.ForeignKey(RectificationItem, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=20)
    state = models.CharField(max_length=20)
    comment = models.TextField(blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=10)
    at = models.DateTimeField(auto_now_add=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="rectification_events")  # answer photos

    class Meta:
        ordering = ["id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the rectification history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("the rectification history is append-only")


class Assignment(models.Model):
    """The bureau's plan for a round: which inspector audits a community on site (实地核查), and when. One
    inspector per community and round; re-assigning replaces the plan (each change is in the activity log)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="assignments")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    planned_on = models.DateField(null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["planned_on", "community__district", "community__street", "community__name"]
        constraints = [models.UniqueConstraint(fields=["round", "community"], name="assignment_round_community")]


class Audit(models.Model):
    """An on-site audit of one submitted version (pinned by the submission and so by its SHA-256). In progress it
    gathers answers; finished, it holds the audit record the CLI reads (``record_text``) and never changes."""

    IN_PROGRESS, FINISHED = "in_progress", "finished"
    APP, XLSX, XLSFORM = "app", "xlsx", "xlsform"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="audits")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="audits")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="audits")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=20, default=IN_PROGRESS)
    source = models.CharField(max_length=10, default=APP)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    record_text = models.TextField(blank=True, default="")  # the audit record (YAML), as `check --audit` reads it
    record_sha256 = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["submission"], name="audit_submission")]

    @property
    def finished(self) -> bool:
        return self.state == self.FINISHED

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and Audit.objects.filter(pk=self.pk, state=self.FINISHED).exists():
            raise PermissionError("a finished audit is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("an audit is never deleted")


class AuditAnswer(models.Model):
    """One answer given on site for one fact: finding, the verified value as typed, a comment. Append-only: a
    changed answer is a new revision, so every answer keeps its time and a stale change can be refused."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="answers")
    fact_id = models.CharField(max_length=100)
    revision = models.PositiveIntegerField()
    finding = models.CharField(max_length=20, blank=True, default="")  # "" = not checked
    verified = models.JSONField(
        null=True, blank=True
    )  # text as typed; a checklist's {"handled": [...], "online": [...]}
    comment = models.TextField(blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fact_id", "revision"]
        constraints = [models.UniqueConstraint(fields=["audit", "fact_id", "revision"], name="audit_answer_revision")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit answers are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("audit answers are append-only")


class AuditPhoto(StoredFile):
    """A photo taken on site for one fact; the bytes are stored as evidence files are (by SHA-256)."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="photos")
    fact_id = models.CharField(max_length=100)

    class Meta:
        ordering = ["fact_id", "uploaded_at", "id"]

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("audit photos are kept")


class CommunityRound(models.Model):
    """Where one roster community stands in one round now: its status (not started, draft, submitted, returned,
    accepted, audited), its latest version's claimed score, grade and gaps, and the verified ones once audited.
    Kept by :mod:`web.rollup` in the same transaction as the event that changes it; the dashboard's lists read it.
    ``gaps`` is space-padded (" A B ") so one gap can be matched as " A "."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="standing")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="standing")
    status = models.CharField(max_length=20, default="not_started")
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(default=0)
    score = models.FloatField(null=True, blank=True)
    grade = models.CharField(max_length=100, blank=True, default="")
    gaps = models.TextField(blank=True, default="")
    verified_score = models.FloatField(null=True, blank=True)
    verified_grade = models.CharField(max_length=100, blank=True, default="")
    verified_gaps = models.TextField(blank=True, default="")
    audited = models.BooleanField(default=False)
    exempted = models.TextField(blank=True, default="")  # the grants in force on the round's day, IDs space-padded

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "community"], name="community_round")]
        indexes = [models.Index(fields=["round", "status"], name="community_round_status")]


class RollUp(models.Model):
    """A summary figure of one round at one node of the hierarchy: ``key`` names what is counted ("roster",
    "status:draft", "grade:优秀", "score:80", "gap:XZ-S-101", "score_total" in hundredths of a point …) and
    ``value`` is its sum over every roster community below the node. Updated with the events, never by a page."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rollups")
    node = models.ForeignKey(ScopeNode, on_delete=models.PROTECT, related_name="rollups")
    key = models.CharField(max_length=150)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "node", "key"], name="rollup_round_node_key")]


class RectificationNotice(models.Model):
    """整改通知书 as issued from the app for one submitted version: the PDF kept byte for byte (with its SHA-256),
    the deadlines per priority it gave and whether it came from an audited check. Never changed or deleted."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="rectification_notices")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="rectification_notices")
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="rectification_notice")
    audited = models.BooleanField()  # from the inspector's verified facts (else from the self-assessment)
    audit_sha256 = models.CharField(max_length=64, blank=True, default="")  # the audit record it was built from
    issued_on = models.DateField()
    deadlines = models.JSONField()  # priority -> days, as the notice printed them
    authority = models.CharField(max_length=100, blank=True, default="")
    number = models.CharField(max_length=100, blank=True, default="")
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("an issued notice is never changed")
        self.sha256 = hashlib.sha256(bytes(self.pdf)).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("an issued notice is never deleted")


class ExemptionGrant(models.Model):
    """An exemption (豁免) the bureau granted in the app: the same facts as an entry of an exemptions file
    (checker.audits.exemptions), for one community and one standard. Never changed; it lapses by its expiry, or
    from the day the bureau revokes it (:class:`ExemptionRevocation`, kept beside it)."""

    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="exemptions")
    standard_id = models.CharField(max_length=100)
    requirement_id = models.CharField(max_length=100)
    justification = models.TextField()
    approved_by = models.CharField(max_length=100)
    reference = models.CharField(max_length=100, blank=True, default="")
    granted_on = models.DateField()
    expires_on = models.DateField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["requirement_id", "granted_on", "id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("a granted exemption is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("a granted exemption is never deleted")


class ExemptionRevocation(models.Model):
    """The bureau's withdrawal of a grant (撤销豁免): from ``revoked_on`` on, the grant no longer applies; the days
    before keep it (a round judged on an earlier day is unchanged). Never changed or deleted, as the grant."""

    grant = models.OneToOneField(ExemptionGrant, on_delete=models.PROTECT, related_name="revocation")
    revoked_on = models.DateField()
    reason = models.TextField()
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("a revocation is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("a revocation is never deleted")


class Job(models.Model):
    """Work done off the request path by ``sqcheck worker`` (web/jobs.py): a round's publication for a scope, or
    one of its exports. The row is the job's truth: the queue only says "run job N", and a job whose worker
    stopped beating (killed) is queued again. ``generated_at`` is fixed when the job is asked for, so a retry
    writes the same bytes."""

    PUBLISH, WORKLISTS, PDFS, NOTICES = "publish", "worklists", "pdfs", "notices"
    KINDS = [(PUBLISH, "publish"), (WORKLISTS, "worklists"), (PDFS, "pdfs"), (NOTICES, "notices")]
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, "queued"), (RUNNING, "running"), (DONE, "done"), (FAILED, "failed")]

    kind = models.CharField(max_length=20, choices=KINDS)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="jobs")
    # the node of the hierarchy it was asked for (its place; all empty: everything)
    scope_province = models.CharField(max_length=100, blank=True, default="")
    scope_city = models.CharField(max_length=100, blank=True, default="")
    scope_district = models.CharField(max_length=100, blank=True, default="")
    scope_street = models.CharField(max_length=100, blank=True, default="")
    lang = models.CharField(max_length=5, default="zh")
    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    done = models.PositiveIntegerField(default=0)  # communities handled so far
    total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True, default="")  # host:pid of the worker running it
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")  # the queue's task for the current attempt
    generated_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result_name = models.CharField(max_length=200, blank=True, default="")
    result_size = models.PositiveBigIntegerField(null=True, blank=True)
    result_sha256 = models.CharField(max_length=64, blank=True, default="")
    error = models.TextField(blank=True, default="")
    public_token = models.CharField(max_length=64, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
