"""Dates as the intervals they cover, and dates in words: the one place for both.

A coded date is written at its precision (``2017-11-26`` day, ``2017-11`` month, ``2017``
year) and stands for every day of its span. An event the sources bound by two dates that
are not one calendar unit is a ``range``: an ISO 8601 interval of two coded dates, each at
its own precision (``2017-11/2018-04``, ``2016-05/2017-01-25``), standing for every day
from the first day of its start to the last day of its end. Charts draw a date over its
span, and text names it only as precisely as it is known ("November 2017", never a
mid-month day; "between November 2017 and April 2018").

>>> date_span("2017-02", "month")
(datetime.date(2017, 2, 1), datetime.date(2017, 2, 28))
>>> date_span("2017-11/2018-04", "range")
(datetime.date(2017, 11, 1), datetime.date(2018, 4, 30))
>>> format_event_date("2017-10-16", "month")
'October 2017'
>>> format_event_date("2016-05/2017-01-25", "range")
'between May 2016 and 25 January 2017'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

import pandas as pd

#: The calendar units a date is written at; each end of a range is written at one of them.
UNITS: tuple[str, ...] = ("day", "month", "year")

PRECISIONS: tuple[str, ...] = (*UNITS, "range")

#: Between the two coded dates of a range (ISO 8601's interval separator).
RANGE_SEPARATOR = "/"

#: The form a date takes at each precision.
DATE_FORMS: dict[str, str] = {
    "day": "YYYY-MM-DD",
    "month": "YYYY-MM",
    "year": "YYYY",
    "range": "START/END, each as YYYY-MM-DD, YYYY-MM or YYYY (2017-11/2018-04)",
}

#: Each precision in words (legends, tables, filters).
PRECISION_WORDS: dict[str, str] = {
    "day": "date known to the day",
    "month": "date known to the month",
    "year": "date known to the year",
    "range": "date known to lie between two dates",
}

#: Finer units rank higher (a range has no rank: compare its span).
PRECISION_RANK: dict[str, int] = {"day": 3, "month": 2, "year": 1}

_UNIT_FORM = r"\d{4}(?:-\d{2}){0,2}"

DATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
    "range": re.compile(rf"^({_UNIT_FORM}){RANGE_SEPARATOR}({_UNIT_FORM})$"),
}

#: What a malformed date is told is expected.
EXPECTED_DATE = "a date as YYYY-MM-DD, YYYY-MM or YYYY, or a range of two such dates as START/END"


# ----------------------------------------------------------------------------- spans


def date_form(value: str) -> str | None:
    """The precision whose form ``value`` has (``day``, ``month``, ``year``, ``range``) or
    ``None``.

    >>> date_form("2017-11-26"), date_form("2017-11"), date_form("2017"), date_form("26/11/2017")
    ('day', 'month', 'year', None)
    >>> date_form("2016/2017-01")
    'range'
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
    >>> date_span("2016/2017-01")
    (datetime.date(2016, 1, 1), datetime.date(2017, 1, 31))
    >>> date_span("2018-04/2017-11")
    Traceback (most recent call last):
    ...
    ValueError: '2018-04/2017-11' starts after it ends; expected the earlier date first
    """
    precision = precision or date_form(value)
    if precision == "range":
        return _range_span(value)
    match = DATE_PATTERNS[precision].match(value) if precision in DATE_PATTERNS else None
    if not match:
        raise ValueError(f"expected {EXPECTED_DATE}, got {value!r}")
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


def range_ends(value: str) -> tuple[str, str]:
    """The two coded dates of a range, start and end (``ValueError`` if ``value`` is none).

    >>> range_ends("2017-11-16/2018-04")
    ('2017-11-16', '2018-04')
    """
    match = DATE_PATTERNS["range"].match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"expected a range as {DATE_FORMS['range']}, got {value!r}")
    return match.group(1), match.group(2)


def _range_span(value: str) -> tuple[dt.date, dt.date]:
    """First day of a range's start to last day of its end; its start may not be later."""
    first, last = range_ends(value)
    start, end = date_span(first)[0], date_span(last)[1]
    if start > end:
        raise ValueError(f"{value!r} starts after it ends; expected the earlier date first")
    return start, end


def single_unit(value: str) -> tuple[str, str] | None:
    """The date and unit a range covers exactly, when it is one day, month or year (it
    should then be written at that unit); ``None`` otherwise.

    >>> single_unit("2017-11-01/2017-11-30"), single_unit("2017-01/2017-12")
    (('2017-11', 'month'), ('2017', 'year'))
    >>> single_unit("2017-11/2018-04") is None, single_unit("2017-11-16/2017-11-20") is None
    (True, True)
    """
    written, unit = enclosing_date(*date_span(value, "range"))
    return None if unit == "range" else (written, unit)


def midpoint(start: dt.date, end: dt.date) -> dt.date:
    """The middle of a span (rounded down), where an imprecise event is drawn.

    >>> midpoint(dt.date(2017, 11, 1), dt.date(2017, 11, 30))
    datetime.date(2017, 11, 15)
    """
    return start + (end - start) // 2


#: ACLED's ``time_precision``: 1 the day itself, 2 a week or weekend (ACLED codes the
#: middle day of it), 3 the month (ACLED codes a day inside it, usually the middle).
ACLED_TIME_PRECISIONS: dict[int, str] = {
    1: "the day",
    2: "the week around the date",
    3: "the month",
}


def acled_span(day: dt.date, time_precision: int) -> tuple[dt.date, dt.date]:
    """First and last day an ACLED date stands for, at ACLED's ``time_precision``.

    Precision 2 is the week centred on the date (three days either side): ACLED puts a
    week-long or weekend event on the middle day of the period.

    >>> acled_span(dt.date(2017, 9, 3), 1)
    (datetime.date(2017, 9, 3), datetime.date(2017, 9, 3))
    >>> acled_span(dt.date(2017, 9, 3), 2)
    (datetime.date(2017, 8, 31), datetime.date(2017, 9, 6))
    >>> acled_span(dt.date(2017, 9, 15), 3)
    (datetime.date(2017, 9, 1), datetime.date(2017, 9, 30))
    """
    if time_precision == 1:
        return day, day
    if time_precision == 2:
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    if time_precision == 3:
        return date_span(iso(day, "month"), "month")
    raise ValueError(f"ACLED time_precision must be 1, 2 or 3, got {time_precision!r}")


def enclosing_date(start: dt.date, end: dt.date) -> tuple[str, str]:
    """A span of days written as a coded date that says exactly that span: the day, the
    month or the year when the span is one, otherwise the range of its two days.

    >>> enclosing_date(dt.date(2017, 9, 3), dt.date(2017, 9, 3))
    ('2017-09-03', 'day')
    >>> enclosing_date(dt.date(2017, 10, 1), dt.date(2017, 10, 31))
    ('2017-10', 'month')
    >>> enclosing_date(dt.date(2017, 9, 4), dt.date(2017, 9, 10))
    ('2017-09-04/2017-09-10', 'range')
    >>> enclosing_date(dt.date(2017, 12, 29), dt.date(2018, 1, 4))
    ('2017-12-29/2018-01-04', 'range')
    """
    if start == end:
        return start.isoformat(), "day"
    for unit in ("month", "year"):
        if date_span(iso(start, unit), unit) == (start, end):
            return iso(start, unit), unit
    return f"{start.isoformat()}{RANGE_SEPARATOR}{end.isoformat()}", "range"


def covers(value: str, precision: str, start: dt.date, end: dt.date) -> bool:
    """True when the coded date ``value`` holds every day from ``start`` to ``end``.

    >>> covers("2017", "year", dt.date(2017, 12, 29), dt.date(2018, 1, 4))
    False
    """
    first, last = date_span(value, precision)
    return first <= start and end <= last


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


# ----------------------------------------------------------------------- bins of time


#: Weeks start on Monday.
BIN_UNITS: tuple[str, ...] = ("week", "month")


def bin_start(days: pd.Series, unit: str) -> pd.Series:
    """The first day of the week (Monday) or month holding each day.

    >>> days = pd.Series(pd.to_datetime(["2017-09-03", "2017-09-04"]))
    >>> bin_start(days, "week").dt.strftime("%d %b").tolist()
    ['28 Aug', '04 Sep']
    >>> bin_start(days, "month").dt.day.tolist()
    [1, 1]
    """
    if unit == "week":
        return (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.normalize()
    return days.dt.to_period("M").dt.to_timestamp()


def bin_end(starts: pd.Series, unit: str) -> pd.Series:
    """The last day of each week or month starting on ``starts``.

    >>> bin_end(pd.Series(pd.to_datetime(["2017-02-01"])), "month").dt.day.tolist()
    [28]
    """
    if unit == "week":
        return starts + pd.Timedelta(days=6)
    return starts + pd.offsets.MonthEnd(0)


def bins_between(start: Any, end: Any, unit: str) -> pd.DatetimeIndex:
    """The first day of every week or month from the one holding ``start`` to the one
    holding ``end``.

    >>> [d.day for d in bins_between("2017-09-03", "2017-09-20", "week")]
    [28, 4, 11, 18]
    """
    first = bin_start(pd.Series([pd.Timestamp(start)]), unit).iloc[0]
    return pd.date_range(first, pd.Timestamp(end), freq="W-MON" if unit == "week" else "MS")


def format_bin(value: Any, unit: str) -> str:
    """A week or month in words: ``'the week of 4 September 2017'``, ``'September 2017'``.

    >>> format_bin("2017-09-04", "week"), format_bin("2017-09-01", "month")
    ('the week of 4 September 2017', 'September 2017')
    """
    return f"the week of {format_date(value)}" if unit == "week" else format_month(value)


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


def format_event_short(value: Any, precision: str = "day") -> str:
    """The date of an event in a chart label, at its precision: ``'3 Sep 2017'``,
    ``'Sep 2017'`` or ``'2017'``.

    >>> format_event_short("2017-09-03"), format_event_short("2017-09-16", "month")
    ('3 Sep 2017', 'Sep 2017')
    >>> format_event_short("2017-07-02", "year")
    '2017'

    A range names its two ends, each at its own precision:

    >>> format_event_short("2017-11/2018-04-08", "range")
    'Nov 2017 to 8 Apr 2018'
    """
    if precision == "range":
        first, last = range_ends(value)
        return " to ".join(format_event_short(d, date_form(d) or "day") for d in (first, last))
    ts = _timestamp(value)
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return f"{ts:%b %Y}"
    return format_short(ts)


def format_event_date(value: Any, precision: str = "day") -> str:
    """The date of an event in words, at the precision it is known to.

    ``value`` is the event's ``date`` cell (``2017``, ``2017-10``, ``2017-10-03``), its
    ``plot_date`` or any timestamp; only the parts its ``precision`` vouches for are
    shown, so an event known to the month (drawn mid-month) never gets a day. A range
    needs its ``date`` cell (a single day cannot say where it starts and ends) and is
    named by its two ends, each at its own precision.

    >>> format_event_date("2017-10-03", "day"), format_event_date("2017-10-16", "month")
    ('3 October 2017', 'October 2017')
    >>> format_event_date("2017", "year"), format_event_date("2017-10", "month")
    ('2017', 'October 2017')
    >>> format_event_date("2017-11-16/2018-04-08", "range")
    'between 16 November 2017 and 8 April 2018'
    """
    if value is None or value is pd.NaT or (isinstance(value, str) and not value.strip()):
        return ""
    if precision == "range":
        first, last = range_ends(value)
        words = [format_event_date(d, date_form(d) or "day") for d in (first, last)]
        return f"between {words[0]} and {words[1]}"
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
    >>> event_date_phrase("2017-11/2018-04", "range")
    'between November 2017 and April 2018'
    """
    words = format_event_date(value, precision)
    if precision == "range":
        return words
    if precision == "year":
        return f"in {words} (dated only to the year)"
    if precision == "month":
        return f"in {words}"
    return f"on {words}"


def since_phrase(value: Any, precision: str = "day") -> str:
    """Since when a lasting state holds, at the precision its start is known to.

    >>> since_phrase("2017-09-03"), since_phrase("2017", "year")
    ('since 3 September 2017', 'since 2017')
    >>> since_phrase("2017-11/2018-04", "range")
    'since a date between November 2017 and April 2018'
    """
    words = format_event_date(value, precision)
    return f"since a date {words}" if precision == "range" else f"since {words}"


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


# ------------------------------------------------------------------------- intervals


def narrow_intervals(
    spans: dict[str, tuple[dt.date, dt.date]],
    first_reported: dict[str, dt.date | None],
    answers: dict[str, list[str]],
    last_reported: dict[str, dt.date | None] | None = None,
) -> dict[str, tuple[dt.date, dt.date, bool, str]]:
    """Narrow each event's coded span by what is known, and say why.

    ``spans`` maps an event id to the first and last day its coded date covers,
    ``first_reported`` to the earliest publication date of its sources (``last_reported``,
    default the same, to the latest), ``answers`` to the ids of the events it responds
    to. Two rules, applied until nothing changes:

    * an event cannot happen after its first report, so its span ends there at the
      latest; an event wholly after its latest report was *scheduled* when reported
      (an election announced ahead) and keeps its span, and so does an event some source
      reports before it began (the sources disagree on when it was known);
    * a response cannot come before the act it answers, so its span starts no earlier
      than the latest start among the acts it answers.

    A rule that would leave an empty span is not applied (validation reports such
    conflicts). Returns ``{id: (start, end, scheduled, basis)}`` where ``basis`` says in
    words which rule set each bound ("" when the coded span stands).

    >>> d = dt.date
    >>> spans = {"A": (d(2017, 9, 3), d(2017, 9, 3)), "R": (d(2017, 9, 1), d(2017, 9, 30))}
    >>> out = narrow_intervals(spans, {"A": d(2017, 9, 6), "R": d(2017, 9, 6)}, {"R": ["A"]})
    >>> out["R"][:3]
    (datetime.date(2017, 9, 3), datetime.date(2017, 9, 6), False)
    >>> out["R"][3]
    'after A (3 September 2017); by its first report (6 September 2017)'
    """
    last_reported = first_reported if last_reported is None else last_reported
    bounds = {key: [start, end] for key, (start, end) in spans.items()}
    scheduled = {
        key: last_reported.get(key) is not None and last_reported[key] < spans[key][0]
        for key in spans
    }
    ends_by_report: set[str] = set()
    for key, (start, end) in spans.items():
        reported = first_reported.get(key)
        if reported is not None and start <= reported < end:
            bounds[key][1] = reported
            ends_by_report.add(key)
    starts_after: dict[str, str] = {}
    for _ in range(len(spans) + 1):
        changed = False
        for key, targets in answers.items():
            if key not in bounds:
                continue
            known = [t for t in targets if t in bounds]
            if not known:
                continue
            latest = max(known, key=lambda t: bounds[t][0])
            start = bounds[latest][0]
            if bounds[key][0] < start <= bounds[key][1]:
                bounds[key][0] = start
                starts_after[key] = latest
                changed = True
        if not changed:
            break
    out = {}
    for key, (start, end) in bounds.items():
        basis = []
        if key in starts_after:
            basis.append(f"after {starts_after[key]} ({format_date(start)})")
        if key in ends_by_report and end == first_reported[key]:
            basis.append(f"by its first report ({format_date(end)})")
        if scheduled[key]:
            basis.append(f"scheduled: announced by {format_date(last_reported[key])}")
        out[key] = (start, end, scheduled[key], "; ".join(basis))
    return out
