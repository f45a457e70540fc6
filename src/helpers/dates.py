"""Dates as the intervals they cover, and dates in words: the one place for both.

A coded date is written at its precision (``2017-11-26`` day, ``2017-11`` month, ``2017``
year) and stands for every day of its span. Charts draw it at the middle of the span,
and text names it only as precisely as it is known ("November 2017", never a mid-month
day).

>>> date_span("2017-02", "month")
(datetime.date(2017, 2, 1), datetime.date(2017, 2, 28))
>>> format_event_date("2017-10-16", "month")
'October 2017'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

import pandas as pd

PRECISIONS: tuple[str, ...] = ("day", "month", "year")

#: The form a date takes at each precision.
DATE_FORMS: dict[str, str] = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}

#: Finer precisions rank higher.
PRECISION_RANK: dict[str, int] = {"day": 3, "month": 2, "year": 1}

DATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}


# ----------------------------------------------------------------------------- spans


def date_form(value: str) -> str | None:
    """The precision whose form ``value`` has (``day``, ``month``, ``year``) or ``None``.

    >>> date_form("2017-11-26"), date_form("2017-11"), date_form("2017"), date_form("26/11/2017")
    ('day', 'month', 'year', None)
    """
    for precision, pattern in DATE_PATTERNS.items():
        if pattern.match(value):
            return precision
    return None


def date_span(value: str, precision: str | None = None) -> tuple[dt.date, dt.date]:
    """First and last day covered by ``value`` (precision taken from its form if not given).

    Raises ``ValueError`` naming the problem for malformed or impossible dates.

    >>> date_span("2017-11-26")
    (datetime.date(2017, 11, 26), datetime.date(2017, 11, 26))
    >>> date_span("2016", "year")
    (datetime.date(2016, 1, 1), datetime.date(2016, 12, 31))
    """
    precision = precision or date_form(value)
    match = DATE_PATTERNS[precision].match(value) if precision in DATE_PATTERNS else None
    if not match:
        raise ValueError(f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}")
    parts = [int(g) for g in match.groups()] + [None, None]
    year, month, day = parts[0], parts[1], parts[2]
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} is not a real date: there is no month {month}")
    if day is not None:
        try:
            start = dt.date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date: {exc}") from None
        return start, start
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def midpoint(start: dt.date, end: dt.date) -> dt.date:
    """The middle of a span (rounded down), where an imprecise event is drawn.

    >>> midpoint(dt.date(2017, 11, 1), dt.date(2017, 11, 30))
    datetime.date(2017, 11, 15)
    """
    return start + (end - start) // 2


def iso(day: dt.date, precision: str) -> str:
    """``day`` written at ``precision``.

    >>> iso(dt.date(2017, 11, 26), "month")
    '2017-11'
    """
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


#: Calendar periods events can be counted by, with their names in words.
PERIODS: dict[str, str] = {"M": "month", "Q": "quarter", "Y": "year"}


def period_of(value: str, precision: str, freq: str) -> str | None:
    """The calendar period (``freq``: ``M``, ``Q`` or ``Y``) that holds every day a coded
    date may stand for, as pandas writes it; ``None`` when the date is known too coarsely
    to fall in one such period (a year-only event has no quarter).

    >>> period_of("2017-09-03", "day", "Q"), period_of("2017-09", "month", "M")
    ('2017Q3', '2017-09')
    >>> period_of("2017", "year", "Q") is None, period_of("2017", "year", "Y")
    (True, '2017')
    """
    if freq not in PERIODS:
        raise ValueError(f"period {freq!r} is not one of {', '.join(PERIODS)}")
    start, end = date_span(value, precision)
    first, last = pd.Period(start, freq=freq), pd.Period(end, freq=freq)
    return str(first) if first == last else None


# ----------------------------------------------------------------------------- words


def _timestamp(value: Any) -> pd.Timestamp:
    """A timestamp from a date, timestamp or ISO string at any precision."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 4:
            text += "-01-01"
        elif len(text) == 7:
            text += "-01"
        return pd.Timestamp(text)
    return pd.Timestamp(value)


def format_date(value: Any) -> str:
    """``'26 November 2017'`` from a date, timestamp or ISO string.

    >>> format_date("2017-11-26")
    '26 November 2017'
    """
    ts = _timestamp(value)
    return f"{ts.day} {ts:%B %Y}"


def format_month(value: Any) -> str:
    """``'November 2017'``.

    >>> format_month("2017-11-26")
    'November 2017'
    """
    return f"{_timestamp(value):%B %Y}"


def format_short(value: Any) -> str:
    """A day in a chart label: ``'3 Sep 2017'``.

    >>> format_short("2017-09-03")
    '3 Sep 2017'
    """
    ts = _timestamp(value)
    return f"{ts.day} {ts:%b %Y}"


def format_event_date(value: Any, precision: str = "day") -> str:
    """The date of an event in words, at the precision it is known to.

    ``value`` is the event's ``date`` cell (``2017``, ``2017-10``, ``2017-10-03``), its
    ``plot_date`` or any timestamp; only the parts its ``precision`` vouches for are
    shown, so an event known to the month (drawn mid-month) never gets a day.

    >>> format_event_date("2017-10-03", "day"), format_event_date("2017-10-16", "month")
    ('3 October 2017', 'October 2017')
    >>> format_event_date("2017", "year"), format_event_date("2017-10", "month")
    ('2017', 'October 2017')
    """
    if value is None or value is pd.NaT or (isinstance(value, str) and not value.strip()):
        return ""
    ts = _timestamp(value)
    if pd.isna(ts):
        return ""
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return format_month(ts)
    return format_date(ts)


def event_date_phrase(value: Any, precision: str = "day") -> str:
    """The date of an event inside a sentence.

    >>> event_date_phrase("2017-10-03"), event_date_phrase("2017-10", "month")
    ('on 3 October 2017', 'in October 2017')
    >>> event_date_phrase("2017", "year")
    'in 2017 (dated only to the year)'
    """
    words = format_event_date(value, precision)
    if precision == "year":
        return f"in {words} (dated only to the year)"
    if precision == "month":
        return f"in {words}"
    return f"on {words}"


def plain_date(value: Any) -> str:
    """A parameter's date in words: ``2016-01-01`` as ``1 January 2016``, ``2017-11`` as
    ``November 2017``; anything else as given.

    >>> plain_date("2016-01-01"), plain_date("2017-11"), plain_date("soon")
    ('1 January 2016', 'November 2017', 'soon')
    """
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    for fmt, out in (("%Y-%m-%d", "{d.day} {d:%B %Y}"), ("%Y-%m", "{d:%B %Y}")):
        try:
            return out.format(d=dt.datetime.strptime(text[:10], fmt))
        except ValueError:
            continue
    return text
