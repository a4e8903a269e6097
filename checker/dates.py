"""Calendar dates in inputs (YYYY-MM-DD text) and the evaluation date, which tests can pin.

The evaluation date decides which exemptions are in force and where a rectification notice's deadlines
fall. It is today unless the environment variable ``SQCHECK_FIXED_TIME`` holds a date (or an ISO
date-time, of which the date is taken), so golden files and tests never depend on the wall clock.

>>> parse_date("2024-02-29")
datetime.date(2024, 2, 29)
>>> parse_date("2023-02-29") is None, parse_date("2024/02/01") is None, parse_date(20240201) is None
(True, True, True)
>>> evaluation_date({"SQCHECK_FIXED_TIME": "2024-07-01T09:30:00+08:00"})
datetime.date(2024, 7, 1)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from checker.errors import UsageError

FIXED_TIME_ENV = "SQCHECK_FIXED_TIME"
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_date(text: object) -> date | None:
    """A YYYY-MM-DD text as a date; None for anything else (wrong shape, or no such day)."""
    if not isinstance(text, str):
        return None
    match = _DATE.match(text.strip())
    if not match or len(text.strip()) != 10:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def pinned_time(code: str, environ: Mapping[str, str] | None = None) -> datetime | None:
    """The moment ``SQCHECK_FIXED_TIME`` pins (None if unset); a malformed pin is the usage error ``code``."""
    pinned = (os.environ if environ is None else environ).get(FIXED_TIME_ENV, "").strip()
    if not pinned:
        return None
    try:
        return datetime.fromisoformat(pinned)
    except ValueError:
        raise UsageError(code, name=FIXED_TIME_ENV, value=pinned) from None


def evaluation_date(environ: Mapping[str, str] | None = None) -> date:
    """Today, or the date pinned by ``SQCHECK_FIXED_TIME``; a malformed pin is a usage error (exit 2)."""
    pinned = pinned_time("cli.fixed_time", environ)
    return date.today() if pinned is None else pinned.date()


def days_after(start: date, days: int) -> date:
    return start + timedelta(days=days)
