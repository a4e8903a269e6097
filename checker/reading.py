"""What a person means by what they typed, read the same way from YAML, JSON and the Excel form.

* numbers with full-width digits or a full-width point (３２０, １２．５), or grouped by thousands (3,200);
* lists written in one text, separated by 、 ；; or line breaks (the single word 无 for none);
* dates as 2024-05-01, 2024-5-1, 2024/5/1, 2024.5.1 or 2024年5月1日 (any of them with full-width digits);
* a choice by its Chinese label or its code (城市社区 or urban).

>>> as_number("３２０"), as_number(" 12.5 "), as_number("3,200"), as_number("约300"), as_number("1,00")
(320, 12.5, 3200, None, None)
>>> as_number("010") is None  # a code, not ten
True
>>> split_list("社区党组织、社区居民委员会；党群服务中心"), split_list("无")
(['社区党组织', '社区居民委员会', '党群服务中心'], [])
>>> as_date("2024年5月1日"), as_date("２０２４/5/1"), as_date("2024年2月30日"), as_date("5月1日")
(datetime.date(2024, 5, 1), datetime.date(2024, 5, 1), None, None)
>>> choice_code("城市社区", (("城市社区", "urban"), ("农村社区", "rural"))), choice_code("镇", (("城市社区", "urban"),))
('urban', None)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from datetime import date

NONE_WORDS = ("无", "（无）", "(无)")
ITEM_SEPARATORS = re.compile(r"[、；;]")
# no leading zeros (010 is an ID or a code, not ten), as in YAML
_MAX_DIGITS = 16  # as the YAML reader's bound (10^15): a longer number stays text and is refused with its words
_NUMBER = re.compile(r"[-+]?(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?")
_DATE = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")


def plain(text: str) -> str:
    """Full-width letters, digits and punctuation as their ASCII forms (NFKC), stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def as_number(text: str) -> int | float | None:
    """The number a text plainly is, else None (the caller keeps the text for its message)."""
    candidate = plain(text)
    if not candidate.isascii() or not _NUMBER.fullmatch(candidate):
        return None
    candidate = candidate.replace(",", "")
    whole = candidate.lstrip("+-").partition(".")[0]
    if len(whole) > _MAX_DIGITS:  # beyond any count or area (and int() refuses 4,300 digits): text, for its message
        return None
    return float(candidate) if "." in candidate else int(candidate)


def _norm(text: str) -> str:
    return "".join(text.split())


def split_list(text: str, known: Collection[str] = ()) -> list[str]:
    """The items of a list written as one text. A line that is itself a known item is kept whole even if it
    holds a 、 (图书室（书屋、阅览室）)."""
    if text.strip() in NONE_WORDS:
        return []
    whole = {_norm(k) for k in known}
    items: list[str] = []
    for line in text.splitlines():
        parts = [line] if _norm(line) in whole else ITEM_SEPARATORS.split(line)
        items += [p.strip() for p in parts if p.strip()]
    return items


def as_date(text: str) -> date | None:
    """The calendar date a text names in full (year, month and day), else None."""
    match = _DATE.fullmatch(plain(text))
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def choice_code(text: str, options: Iterable[tuple[str, str]]) -> str | None:
    """The code of a choice given by its label or its code; None if it is neither."""
    typed = plain(text)
    for label, code in options:
        if typed in (label, code):
            return code
    return None
