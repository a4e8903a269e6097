"""Where a self-assessment and a rectification item stand in the round, and who may move them on.

The closed loop of a real assessment — 自评 → 审核 → 实地核查 → 整改通知 → 整改回复 → 回头看 → 销号 — as two small state
machines, so the web app, the CLI and the tests agree on one table instead of each deciding in its own code:

* a submission: ``draft`` → ``submitted`` → ``returned`` (for correction, with the reviewer's comments) or
  ``accepted`` → ``audited``; a returned submission is submitted again as its next version;
* a rectification item (one gap of the notice): ``open`` → ``answered`` (the community says what it did) →
  ``closed`` (the inspector's re-check, 销号) or back to ``open`` (kept open, with a comment); an answered item
  waits for the re-check: the community answers again only once it is kept open.

>>> advance(SUBMISSION, "draft", "submit", "clerk")
'submitted'
>>> advance(RECTIFICATION, "answered", "close", "clerk")
Traceback (most recent call last):
...
checker.audits.states.Refused: 社区工作人员不能对“已答复”的整改事项执行“销号”
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.messages import render

ROLES = ("clerk", "inspector", "bureau")


@dataclass(frozen=True)
class Move:
    target: str
    roles: tuple[str, ...]
    needs_comment: bool = False


@dataclass(frozen=True)
class Machine:
    name: str  # the message key's prefix: what is moved
    states: tuple[str, ...]
    moves: dict[tuple[str, str], Move]

    def actions(self, state: str, role: str) -> tuple[str, ...]:
        """What this role may do from this state, in the table's order (the buttons a page offers)."""
        return tuple(a for (s, a), move in self.moves.items() if s == state and role in move.roles)


SUBMISSION = Machine(
    "submission",
    ("draft", "submitted", "returned", "accepted", "audited"),
    {
        ("draft", "submit"): Move("submitted", ("clerk",)),
        ("returned", "submit"): Move("submitted", ("clerk",)),  # the next version; the comments' history stays
        ("submitted", "return"): Move("returned", ("bureau", "inspector"), needs_comment=True),
        ("submitted", "accept"): Move("accepted", ("bureau", "inspector")),
        ("accepted", "audit"): Move("audited", ("inspector",)),
        ("accepted", "return"): Move("returned", ("bureau",), needs_comment=True),  # found wrong after all
    },
)

RECTIFICATION = Machine(
    "rectification",
    ("open", "answered", "closed"),
    {
        ("open", "answer"): Move("answered", ("clerk",), needs_comment=True),  # what was done, with evidence
        ("answered", "close"): Move("closed", ("inspector", "bureau")),  # 回头看 found it done: 销号
        ("answered", "reopen"): Move("open", ("inspector", "bureau"), needs_comment=True),  # not done: why
    },
)


class Refused(Exception):
    """A move the table does not allow; :meth:`message` gives the reason in the user's words."""

    def __init__(self, code: str, **keys: str) -> None:
        self.code, self.keys = code, keys  # state, action and role as keys: named in the reader's language
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        return render(self.code, lang, **{name: word(key, lang) for name, key in self.keys.items()})


def advance(machine: Machine, state: str, action: str, role: str, comment: str = "") -> str:
    """The state after ``action``, or :class:`Refused` saying why not (unknown state, wrong role, no comment)."""
    if state not in machine.states:
        raise Refused("state.unknown", state=state)
    move = machine.moves.get((state, action))
    keys = {"state": state, "action": action, "role": role}
    if move is None:
        raise Refused(f"{machine.name}.not_from_here", **keys)
    if role not in move.roles:
        raise Refused(f"{machine.name}.not_your_move", **keys)
    if move.needs_comment and not comment.strip():
        raise Refused("state.needs_comment", action=action)
    return move.target


def overdue(state: str, deadline: date | None, today: date) -> bool:
    """A rectification item past its deadline and not closed: flagged on everyone's pages."""
    return state != "closed" and deadline is not None and today > deadline


WORDS = {
    "draft": ("草稿", "draft"),
    "submitted": ("已提交", "submitted"),
    "returned": ("已退回修改", "returned for correction"),
    "accepted": ("已通过审核", "accepted"),
    "audited": ("已实地核查", "audited"),
    "superseded": ("已被新版本取代", "superseded by a newer version"),
    "open": ("待整改", "open"),
    "answered": ("已答复", "answered"),
    "closed": ("已销号", "closed"),
    "submit": ("提交", "submit"),
    "return": ("退回修改", "return for correction"),
    "accept": ("通过审核", "accept"),
    "audit": ("实地核查", "audit"),
    "answer": ("答复整改情况", "answer"),
    "close": ("销号", "close"),
    "reopen": ("继续整改", "keep open"),
    "clerk": ("社区工作人员", "a community clerk"),
    "inspector": ("核查人员", "an inspector"),
    "bureau": ("民政部门", "the bureau"),
}


def word(key: str, lang: str = "zh") -> str:
    """A state, action or role in the reader's words (草稿, 退回修改, 核查人员)."""
    zh, en = WORDS.get(key, (key, key))
    return en if lang == "en" else zh
