"""Matching audits (实地核查记录, see checker/audits/record.py) to the round's self-assessments.

An audit names the self-assessment it verifies by the SHA-256 of the file's bytes, so matching needs no names:
the folder of audits is indexed by that digest once, and each worker looks its assessment up. A matched audit
is validated against the assessment and the community is judged on the verified facts (the claimed score
is kept beside it). Where several audits name the same file, the latest visit (``date``) counts, then the
first in path order; the others are rejected as superseded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from checker.audits import record as audits
from checker.engine import CheckResult, evaluate
from checker.errors import InputError, Problem
from checker.model import Assessment, Standard
from checker.publish.record import AuditMark, Rejection, day_number, statuses

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class AuditIndex:
    """Audit file by the SHA-256 of the self-assessment it verifies."""

    by_sha: Mapping[str, str] = field(default_factory=dict)

    def files(self) -> frozenset[str]:
        return frozenset(self.by_sha.values())


@dataclass(frozen=True)
class Judged:
    result: CheckResult
    mark: AuditMark | None = None
    rejections: tuple[Rejection, ...] = ()


def index_audits(files: Iterable[Path]) -> tuple[AuditIndex, list[Rejection]]:
    """The audits among ``files`` (found like self-assessments, in path order) by assessment digest, and the
    files that cannot be used."""
    rejected: list[Rejection] = []
    candidates: dict[str, list[tuple[str, str]]] = {}  # digest -> [(visit date, file)]
    for path in files:
        try:
            doc = audits.read_document(path)
        except InputError as error:
            rejected.append(Rejection(str(path), "audit_invalid", (*error.notices, *error.problems)))
            continue
        data = doc.data if isinstance(doc.data, dict) else {}
        pinned = data.get("assessment")
        pinned = pinned if isinstance(pinned, dict) else {}
        digest = str(pinned.get("sha256") or "").strip().lower()
        if not _SHA256.match(digest):
            problem = doc.problem("publish.audit_no_sha", ("assessment", "sha256") if pinned else ())
            rejected.append(Rejection(str(path), "audit_invalid", (problem,)))
            continue
        candidates.setdefault(digest, []).append((str(data.get("date") or ""), str(path)))
    by_sha: dict[str, str] = {}
    for digest, visits in candidates.items():
        ordered = sorted(visits, key=lambda v: (-day_number(v[0]), v[1]))
        by_sha[digest] = ordered[0][1]
        for _, file in ordered[1:]:
            problem = Problem(file, 1, 1, "publish.audit_superseded", {"kept": ordered[0][1]})
            rejected.append(Rejection(file, "audit_superseded", (problem,), kept=ordered[0][1]))
    return AuditIndex(dict(sorted(by_sha.items()))), rejected


def judge_with_audit(assessment: Assessment, standard: Standard, index: AuditIndex, lang: str) -> Judged:
    """The community's result: on the verified facts if a valid audit names its file, else on its claims."""
    path = index.by_sha.get(assessment.sha256)
    if path is None:
        return Judged(evaluate(standard, assessment, lang))
    try:
        audit = audits.load(path, standard, assessment)
    except InputError as error:
        rejection = Rejection(path, "audit_invalid", (*error.notices, *error.problems))
        return Judged(evaluate(standard, assessment, lang), None, (rejection,))
    audited = audits.compare(standard, assessment, audit, lang)
    mark = AuditMark(
        file=path,
        claimed_score=audited.claimed.score,
        credibility=audited.credibility.value,
        discrepancies=len(audited.discrepancies),
        claimed_statuses=statuses(audited.claimed),
    )
    return Judged(audited.verified, mark)


def unmatched(index: AuditIndex, used: Iterable[str]) -> list[Rejection]:
    """Audits naming no accepted self-assessment of this round (a file since edited, or one rejected)."""
    left = sorted(index.files() - set(used))
    return [Rejection(file, "audit_unmatched", (Problem(file, 1, 1, "publish.audit_unmatched"),)) for file in left]
