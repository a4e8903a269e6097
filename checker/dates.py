"""Calendar dates in inputs (2024-06-30, or 2024年6月30日 as people write them) and the evaluation date, which
tests can pin.

The evaluation date decides which exemptions are in force and where a rectification notice's deadlines
fall. It is today unless the environment variable ``SQCHECK_FIXED_TIME`` holds a date (or an ISO
date-time, of which the date is taken), so golden files and tests never depend on the wall clock. Without it,
the reproducible-builds convention ``SOURCE_DATE_EPOCH`` (whole seconds since 1970-01-01 UTC) pins the clock too.

>>> parse_date("2024-02-29")
datetime.date(2024, 2, 29)
>>> parse_date("2024年2月1日"), parse_date("2024/02/01")
(datetime.date(2024, 2, 1), datetime.date(2024, 2, 1))
>>> parse_date("2023-02-29") is None, parse_date("2月1日") is None, parse_date(20240201) is None
(True, True, True)
>>> evaluation_date({"SQCHECK_FIXED_TIME": "2024-07-01T09:30:00+08:00"})
datetime.date(2024, 7, 1)
>>> pinned_time("cli.fixed_time", {"SOURCE_DATE_EPOCH": "1719797400"}).isoformat()
'2024-07-01T01:30:00+00:00'
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

from checker.errors import UsageError
from checker.messages import Term
from checker.reading import as_date

FIXED_TIME_ENV = "SQCHECK_FIXED_TIME"
EPOCH_ENV = "SOURCE_DATE_EPOCH"  # https://reproducible-builds.org/specs/source-date-epoch/
_EPOCH = re.compile(r"^[0-9]{1,12}$")


def parse_date(text: object) -> date | None:
    """A text naming a whole date (2024-06-30, 2024/6/30, 2024年6月30日, …, see :func:`checker.reading.as_date`) as a
    date; None for anything else (not text, no year, or no such day)."""
    return as_date(text) if isinstance(text, str) else None


def pinned_time(code: str, environ: Mapping[str, str] | None = None) -> datetime | None:
    """The moment ``SQCHECK_FIXED_TIME`` pins, else ``SOURCE_DATE_EPOCH`` (in UTC); None if neither is set.
    A malformed pin is the usage error ``code`` (it names the variable)."""
    environ = os.environ if environ is None else environ
    pinned = environ.get(FIXED_TIME_ENV, "").strip()
    if pinned:
        try:
            return datetime.fromisoformat(pinned)
        except ValueError:
            shape = Term("pin.date" if code == "cli.fixed_time" else "pin.datetime")
            raise UsageError(code, name=FIXED_TIME_ENV, value=pinned, expected=shape) from None
    epoch = environ.get(EPOCH_ENV, "").strip()
    if not epoch:
        return None
    if not _EPOCH.match(epoch):  # the convention: a decimal count of seconds, nothing else
        raise UsageError(code, name=EPOCH_ENV, value=epoch, expected=Term("pin.epoch"))
    return datetime.fromtimestamp(int(epoch), tz=UTC)


def evaluation_date(environ: Mapping[str, str] | None = None) -> date:
    """Today, or the date pinned by ``SQCHECK_FIXED_TIME`` or ``SOURCE_DATE_EPOCH``; a malformed pin is a usage
    error (exit 2)."""
    pinned = pinned_time("cli.fixed_time", environ)
    return date.today() if pinned is None else pinned.date()


def days_after(start: date, days: int) -> date:
    return start + timedelta(days=days)
