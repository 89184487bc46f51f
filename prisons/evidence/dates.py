"""ISO 8601 dates as the data writes them: a year, a month, a day, or an interval ``start/end``.

Small and free of the validator, so formatting and computations can read a date too.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _period(text: str) -> tuple[date, date]:
    """First and last day of one year, month or day."""
    match = _PERIOD.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not an ISO 8601 year, month or day")
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


@cache
def parse_iso(text: str) -> tuple[date, date]:
    """First and last day of an ISO 8601 date, month, year, or interval ``start/end`` (cached:
    a table repeats its dates)."""
    start_text, _, end_text = text.partition("/")
    start = _period(start_text)[0]
    end = _period(end_text or start_text)[1]
    if end < start:
        raise ValueError(f"{text!r} ends before it starts")
    return start, end


def is_iso(text: str) -> bool:
    """Whether ``text`` is empty or a date ``parse_iso`` reads."""
    if text == "":
        return True
    try:
        parse_iso(text)
    except ValueError:
        return False
    return True


def period_midpoint(iso: str) -> date:
    """Middle day of an ISO date or period, for comparing how far apart figures are."""
    start, end = parse_iso(iso)
    return start + (end - start) / 2


def days_between(earlier: str, later: str) -> int:
    """Days from the first day of one ISO date to the first day of another."""
    return (parse_iso(later)[0] - parse_iso(earlier)[0]).days
