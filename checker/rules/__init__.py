"""The registry of rule kinds: an explicit mapping from the kind's name in YAML to its module."""

from __future__ import annotations

from typing import cast

from checker.rules import allowed_set, checklist, choice, presence, survey, text, threshold
from checker.rules.base import RuleKind

KINDS: dict[str, RuleKind] = {
    module.ID: cast(RuleKind, module) for module in (presence, threshold, checklist, allowed_set, choice, text, survey)
}

__all__ = ["KINDS", "RuleKind"]
