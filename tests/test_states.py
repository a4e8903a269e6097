"""The review and rectification state machines: every move the loop allows, and every other one refused.

The expected tables are written out here by hand from the loop (自评 → 审核 → 实地核查 → 整改通知 → 整改回复 →
回头看 → 销号), not read from the module, so a changed table fails until this file agrees.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from checker.audits.states import RECTIFICATION, ROLES, SUBMISSION, Machine, Refused, advance, overdue

SUBMISSION_ALLOWED = {
    ("draft", "submit", "clerk"): "submitted",
    ("returned", "submit", "clerk"): "submitted",
    ("submitted", "return", "bureau"): "returned",
    ("submitted", "return", "inspector"): "returned",
    ("submitted", "accept", "bureau"): "accepted",
    ("submitted", "accept", "inspector"): "accepted",
    ("accepted", "audit", "inspector"): "audited",
    ("accepted", "return", "bureau"): "returned",
}
RECTIFICATION_ALLOWED = {
    ("open", "answer", "clerk"): "answered",
    ("answered", "close", "inspector"): "closed",
    ("answered", "close", "bureau"): "closed",
    ("answered", "reopen", "inspector"): "open",
    ("answered", "reopen", "bureau"): "open",
}
ACTIONS = ("submit", "return", "accept", "audit", "answer", "close", "reopen")
CASES = [(SUBMISSION, SUBMISSION_ALLOWED), (RECTIFICATION, RECTIFICATION_ALLOWED)]


def _every(machine: Machine) -> list[tuple[str, str, str]]:
    return list(itertools.product(machine.states, ACTIONS, ROLES))


@pytest.mark.parametrize(("machine", "allowed"), CASES, ids=["submission", "rectification"])
def test_every_allowed_move_lands_where_the_loop_says(machine: Machine, allowed: dict) -> None:
    for (state, action, role), target in allowed.items():
        assert advance(machine, state, action, role, comment="已按要求整改") == target


@pytest.mark.parametrize(("machine", "allowed"), CASES, ids=["submission", "rectification"])
def test_every_other_move_is_refused_with_a_reason(machine: Machine, allowed: dict) -> None:
    refused = [combo for combo in _every(machine) if combo not in allowed]
    assert len(refused) == len(machine.states) * len(ACTIONS) * len(ROLES) - len(allowed)
    for state, action, role in refused:
        with pytest.raises(Refused) as caught:
            advance(machine, state, action, role, comment="说明")
        assert caught.value.message("zh") and caught.value.message("en")


@pytest.mark.parametrize(("machine", "allowed"), CASES, ids=["submission", "rectification"])
def test_the_buttons_a_page_offers_are_the_allowed_moves(machine: Machine, allowed: dict) -> None:
    for state, role in itertools.product(machine.states, ROLES):
        expected = {a for (s, a, r) in allowed if s == state and r == role}
        assert set(machine.actions(state, role)) == expected


@pytest.mark.parametrize(
    ("machine", "state", "action", "role"),
    [
        (SUBMISSION, "submitted", "return", "bureau"),
        (RECTIFICATION, "open", "answer", "clerk"),
        (RECTIFICATION, "answered", "reopen", "inspector"),
    ],
)
def test_returning_answering_and_reopening_need_words(machine: Machine, state: str, action: str, role: str) -> None:
    for comment in ("", "   "):
        with pytest.raises(Refused, match="须填写说明"):
            advance(machine, state, action, role, comment=comment)


def test_a_refusal_names_who_what_and_where_in_the_readers_language() -> None:
    with pytest.raises(Refused) as caught:
        advance(SUBMISSION, "submitted", "audit", "clerk")
    assert caught.value.message("zh") == "“已提交”的自评表不能“实地核查”"
    with pytest.raises(Refused) as caught:
        advance(SUBMISSION, "accepted", "audit", "clerk")
    assert caught.value.message("zh") == "社区工作人员不能对“已通过审核”的自评表执行“实地核查”"
    assert caught.value.message("en") == "a community clerk cannot audit a self-assessment that is accepted"
    with pytest.raises(Refused, match="未知状态"):
        advance(SUBMISSION, "lost", "submit", "clerk")


@pytest.mark.parametrize(
    ("state", "deadline", "today", "expected"),
    [
        ("open", date(2018, 7, 31), date(2018, 8, 1), True),
        ("answered", date(2018, 7, 31), date(2018, 8, 1), True),  # answered but not yet re-checked
        ("open", date(2018, 7, 31), date(2018, 7, 31), False),  # the deadline day itself is in time
        ("closed", date(2018, 7, 31), date(2018, 9, 1), False),
        ("open", None, date(2030, 1, 1), False),
    ],
)
def test_overdue_means_past_the_deadline_and_not_closed(state: str, deadline, today: date, expected: bool) -> None:
    assert overdue(state, deadline, today) is expected
