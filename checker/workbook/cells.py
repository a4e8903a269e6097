"""How a fact is written into a cell and read back out of one (the conventions the instructions sheet explains).

* 是/否 for yes/no; numbers as numbers (a number typed into a text cell is still read as a number);
* several texts in one cell: one per line, or separated by 、 or ；; the single word 无 for none;
* checklist items by name (or ID); a trailing ★ marks an item that is also done online;
* a cell holding only spaces is empty.

>>> split_items("社区党组织、社区居民委员会", known=())
['社区党组织', '社区居民委员会']
>>> split_items("图书室（书屋、阅览室）\\n活动室", known=("图书室（书屋、阅览室）",))
['图书室（书屋、阅览室）', '活动室']
>>> split_items("无", known=())
[]
>>> number_from_cell("３２０"), number_from_cell(" 12.5 "), number_from_cell("约300")
(320, 12.5, '约300')
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, time
from typing import Any

from checker.model import Catalogue
from checker.reading import as_number, split_list
from checker.rules.base import number_text

YES, NO = "是", "否"
NONE_WORD = "无"
ONLINE_MARK = "★"


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _norm(text: str) -> str:
    return "".join(text.split())


def split_items(text: str, known: Collection[str]) -> list[str]:
    """The texts of a list cell (the same reading as a list written as one text in YAML)."""
    return split_list(text, known)


def join_items(items: Iterable[str]) -> str:
    return "\n".join(items) or NONE_WORD


def lines_of(text: str) -> list[str]:
    """Evidence: one file reference per line, kept as written (blank lines dropped)."""
    return [line for line in text.splitlines() if line.strip()]


def number_from_cell(value: Any) -> Any:
    """Numbers stay numbers; a plain number typed as text becomes one (as in YAML); anything else is left for the
    rule kind to reject with the text the clerk wrote."""
    if isinstance(value, str):
        number = as_number(value)
        return value if number is None else number
    return value


def text_from_cell(value: Any) -> Any:
    """Text as written; a number or a date the spreadsheet made of what was typed, back as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date().isoformat()
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def phone_from_cell(value: Any) -> Any:
    """A phone number as text. Typed into a cell formatted as a number, a landline lost the 0 of its area code:
    it is put back where the digits cannot be anything else (10 digits, or 11 not starting with 1; a mobile
    number has 11 starting with 1, a local number 7 or 8).

    >>> phone_from_cell(51683001234), phone_from_cell(1062751234), phone_from_cell(13912345678)
    ('051683001234', '01062751234', '13912345678')
    >>> phone_from_cell(83001234), phone_from_cell("0516-83001234")
    ('83001234', '0516-83001234')
    """
    text = text_from_cell(value)
    typed_as_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not typed_as_number or not isinstance(text, str) or not text.isdigit():
        return text
    return "0" + text if len(text) == 10 or (len(text) == 11 and not text.startswith("1")) else text


def int_from_cell(value: Any) -> Any:
    value = number_from_cell(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def bool_to_cell(value: bool) -> str:
    return YES if value else NO


# ---------------------------------------------------------------- checklist items in one cell


def item_names(catalogue: Catalogue) -> dict[str, str]:
    """Item name (without spaces) -> ID, for the names that are unambiguous."""
    names: dict[str, str] = {}
    seen: set[str] = set()
    for entry in catalogue.entries:
        key = _norm(entry.name)
        if key in seen:
            names.pop(key, None)
        else:
            names[key] = entry.id
        seen.add(key)
    return names


def items_from_cell(text: str, catalogue: Catalogue) -> dict[str, list[str]]:
    """``{handled, online}`` from a cell naming items; unknown names are passed on for the rule to reject."""
    names = item_names(catalogue)
    known = [e.name for e in catalogue.entries] + [f"{e.name}{ONLINE_MARK}" for e in catalogue.entries]
    handled: list[str] = []
    online: list[str] = []
    for token in split_items(text, known):
        mark = token.endswith(ONLINE_MARK) and _norm(token) not in names
        name = token[: -len(ONLINE_MARK)].strip() if mark else token
        entry_id = names.get(_norm(name)) or name
        handled.append(entry_id)
        if mark:
            online.append(entry_id)
    return {"handled": handled, "online": online}


def items_to_cell(fact: dict[str, list[str]], catalogue: Catalogue) -> str:
    names = item_names(catalogue)
    online = set(fact.get("online", ()))
    lines = []
    for entry_id in fact.get("handled", ()):
        entry = catalogue.entry(entry_id)
        name = entry.name if entry is not None and names.get(_norm(entry.name)) == entry_id else entry_id
        lines.append(name + (ONLINE_MARK if entry_id in online else ""))
    return join_items(lines)
