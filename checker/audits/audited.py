"""A check with the bureau's inputs: exemptions in force on the evaluation date and an inspector's audit.

This is what ``sqcheck check --audit --exemptions`` and ``sqcheck notice`` call; the result is the verified
judgement (claims where nobody checked), with ``extras["audit"]`` and ``extras["exemptions"]`` for every
output format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from checker import pipeline
from checker.engine import CheckResult, evaluate, with_extras
from checker.errors import Problem
from checker.model import Standard

# An audit's and the exemptions' modules are imported when a check is given one (~5 ms at every plain check's
# start otherwise; tests/test_cli_startup.py keeps them out)
if TYPE_CHECKING:
    from checker.audits import exemptions as exemption_files
    from checker.audits import record as audits


@dataclass(frozen=True)
class Inputs:
    loaded: pipeline.Loaded
    exemptions: exemption_files.Decision | None
    notices: tuple[Problem, ...]

    def reasons(self, lang: str) -> dict[str, str]:
        return self.exemptions.reasons(lang) if self.exemptions else {}


def read_inputs(
    path: Path | str,
    standard: Standard | None = None,
    standards_dirs: Iterable[Path] = (),
    exemptions_path: Path | str | None = None,
    on: date | None = None,
) -> Inputs:
    """The self-assessment and the exemptions that hold for its community on ``on`` (default: today)."""
    loaded = pipeline.load(path, standard, standards_dirs)
    notices = list(loaded.notices)
    decision = None
    if exemptions_path is not None:
        from checker.audits import exemptions as exemption_files
        from checker.dates import evaluation_date

        granted, file_notices = exemption_files.load(exemptions_path, loaded.standard)
        day = on or evaluation_date()
        decision = exemption_files.decide(granted, loaded.assessment.profile, day, str(exemptions_path))
        notices += [*file_notices, *decision.notices]
    return Inputs(loaded, decision, tuple(notices))


def audited(inputs: Inputs, audit_path: Path | str, lang: str = "zh") -> audits.AuditedResult:
    from checker.audits import record as audits

    record = audits.load(audit_path, inputs.loaded.standard, inputs.loaded.assessment)
    return audits.compare(inputs.loaded.standard, inputs.loaded.assessment, record, lang, inputs.reasons(lang))


def check(
    path: Path | str,
    lang: str = "zh",
    standard: Standard | None = None,
    standards_dirs: Iterable[Path] = (),
    audit_path: Path | str | None = None,
    exemptions_path: Path | str | None = None,
    on: date | None = None,
) -> tuple[CheckResult, tuple[Problem, ...]]:
    """Judge a self-assessment under exemptions and, if given, an audit; reading notices beside it."""
    inputs = read_inputs(path, standard, standards_dirs, exemptions_path, on)
    extras: dict[str, object] = {}
    if inputs.exemptions is not None:
        extras["exemptions"] = inputs.exemptions.to_dict()
    if audit_path is not None:
        from checker.audits.output import audit_dict

        compared = audited(inputs, audit_path, lang)
        result = compared.verified
        extras["audit"] = audit_dict(compared)
    else:
        result = evaluate(inputs.loaded.standard, inputs.loaded.assessment, lang, exemptions=inputs.reasons(lang))
    return with_extras(result, **extras), inputs.notices
