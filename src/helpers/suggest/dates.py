"""The date grammar: dates written in a sentence, resolved against the article's own context.

Precision follows ACLED: a day, a month (``2017-11``) or a year (``2017``); nothing vaguer
is recorded. Full dates ("On 26 November 2017", "January 25, 2017") are read with
dateparser; partial and relative forms ("Sunday, September 3rd", "this past June",
"early October", "last week", "next year", "two weeks ago", "earlier this month") by the
small grammar below, against the article's publication date:

- a month and day without a year take the year near the publication date whose weekday
  matches when a weekday is written (else the latest such day not after publication, with
  a flag);
- a month without a year is the latest such month not after publication ("next July"
  is the first one after it);
- "last week" is the Monday-Sunday week before publication: month precision when the
  week sits in one month, else the month holding its middle day (flagged);
- a date after publication is *scheduled* ("the July 29, 2018 elections");
- a month and day with a relative year ("July 29 next year") take that year;
- a weekday alone ("On Friday") is the latest such day on or before publication (house
  style: an article published on a Friday reports that day's news);
- a day offset ("a day after", "two days before", "the next day", "the same day") is found by
  :func:`find_offsets` and resolved against an anchor date by the caller.

>>> pub = dt.date(2017, 11, 30)
>>> [(m.value, m.precision) for m in find_dates("In November of 2017 and this past June", pub)]
[('2017-11', 'month'), ('2017-06', 'month')]
>>> find_dates("On Sunday, September 3rd, he was arrested.", dt.date(2017, 9, 6))[0].value
'2017-09-03'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import dateparser

from helpers.corpus.pubdate import MONTHS
from helpers.dates import PRECISION_RANK, date_span, iso

_MONTH_NAMES = MONTHS
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_FULL = [m for m in _MONTH_NAMES if len(m) > 4 or m in ("may", "june", "july")]
_ABBR = [m for m in _MONTH_NAMES if m not in _FULL]


def _month_alt(names: list[str], capital: bool) -> str:
    names = sorted(names, key=len, reverse=True)
    return "|".join(n.capitalize() if capital else n for n in names)


#: A month name in any case (used where a year follows, so "may" is safe); "Nov." too.
MONTH = rf"(?P<month>(?:{_month_alt(_FULL, False)})\b|(?:{_month_alt(_ABBR, False)})\b\.?)"
#: A capitalised month name (no year follows: "May" the month, not "may" the verb).
MONTH_CAP = rf"(?-i:(?P<month>(?:{_month_alt(_FULL, True)})\b|(?:{_month_alt(_ABBR, True)})\b\.?))"
WEEKDAY = rf"(?:(?P<weekday>{'|'.join(_WEEKDAYS)}),?\s+(?:the\s+)?)"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d{2})"
QUAL = r"(?P<qual>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of)"


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: ISO value at its precision, where it is and how it was read."""

    value: str
    precision: str
    start: int
    end: int
    text: str
    rule: str
    scheduled: bool = False
    flag: str = ""

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """First and last day the mention covers."""
        return date_span(self.value, self.precision)


def _month_number(name: str) -> int:
    return _MONTH_NAMES[name.lower().rstrip(".")]


def _is_after(value: str, precision: str, published: dt.date | None) -> bool:
    """Whether the whole span lies after the publication date (a scheduled event)."""
    return published is not None and date_span(value, precision)[0] > published


# ------------------------------------------------------------------ resolution helpers


def latest_month_not_after(month: int, published: dt.date) -> dt.date:
    """The first day of the latest ``month`` that does not start after ``published``.

    >>> pub = dt.date(2017, 10, 6)
    >>> latest_month_not_after(6, pub), latest_month_not_after(11, pub)
    (datetime.date(2017, 6, 1), datetime.date(2016, 11, 1))
    """
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1)


def next_month_after(month: int, published: dt.date) -> dt.date:
    """The first day of the first ``month`` after the publication month ("next July")."""
    year = published.year if month > published.month else published.year + 1
    return dt.date(year, month, 1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_month_day(
    month: int, day: int, published: dt.date, weekday: str | None = None
) -> tuple[dt.date | None, str, str]:
    """Year for a month and day written without one: ``(date, rule, flag)``.

    With a weekday, the year near publication whose weekday matches (closest first,
    the past preferred); without one, or when none matches (flagged), the latest such
    day not after publication.

    >>> resolve_month_day(9, 3, dt.date(2017, 9, 6), "sunday")[0]
    datetime.date(2017, 9, 3)
    >>> resolve_month_day(9, 3, dt.date(2017, 9, 6), "tuesday")[2]
    'weekday Tuesday matches none of 2016-2018; took the latest such day not after publication'
    """
    years = (published.year, published.year - 1, published.year + 1)
    options = [d for d in (_safe_date(y, month, day) for y in years) if d]
    past = [d for d in options if d <= published]
    fallback = max(past) if past else (min(options) if options else None)
    if weekday is None:
        return fallback, "year from publication date (latest not after it)", ""
    wanted = _WEEKDAYS.index(weekday.lower())
    matching = [d for d in options if d.weekday() == wanted]
    if matching:
        best = min(matching, key=lambda d: (abs((d - published).days), d > published))
        return best, f"year from publication date, weekday {weekday.capitalize()} checked", ""
    flag = (
        f"weekday {weekday.capitalize()} matches none of {published.year - 1}-"
        f"{published.year + 1}; took the latest such day not after publication"
    )
    return fallback, "year from publication date (weekday does not match)", flag


def week_before(published: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week before the publication week."""
    monday = published - dt.timedelta(days=published.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


def resolve_week(monday: dt.date, sunday: dt.date) -> tuple[str, str, str]:
    """A week at month precision: ``(value, rule, flag)``.

    >>> resolve_week(dt.date(2017, 11, 13), dt.date(2017, 11, 19))[0]
    '2017-11'
    >>> resolve_week(dt.date(2017, 10, 30), dt.date(2017, 11, 5))[0]
    '2017-11'
    """
    span = f"{monday.isoformat()}..{sunday.isoformat()}"
    if monday.month == sunday.month:
        rule = f"week {span} sits in one month: month precision (ACLED would use week, 2)"
        return iso(monday, "month"), rule, ""
    middle = monday + dt.timedelta(days=3)
    rule = f"week {span} spans two months: month of its middle day {middle.isoformat()}"
    return iso(middle, "month"), rule, "week spans two months; check the date"


# --------------------------------------------------------------------------- handlers

Handler = Callable[[re.Match[str], dt.date | None], tuple[str, str, str, str] | None]
"""A handler returns ``(value, precision, rule, flag)`` or ``None`` when it cannot resolve."""


def _full_date(match: re.Match[str], published: dt.date | None) -> tuple | None:
    text = match.group(0)
    if match.group("weekday"):
        text = text[match.end("weekday") - match.start(0) :].lstrip(", ")
    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        return None
    day = parsed.date()
    rule, flag = "full date (dateparser)", ""
    weekday = match.group("weekday")
    if weekday and day.weekday() != _WEEKDAYS.index(weekday.lower()):
        flag = f"written weekday {weekday.capitalize()} does not match {day.isoformat()}"
    return day.isoformat(), "day", rule, flag


def _iso_date(match: re.Match[str], published: dt.date | None) -> tuple | None:
    day = _safe_date(int(match["year"]), int(match["mnum"]), int(match["day"]))
    return (day.isoformat(), "day", "ISO date", "") if day else None


def _month_day(match: re.Match[str], published: dt.date | None) -> tuple | None:
    if published is None:
        return None
    day, rule, flag = resolve_month_day(
        _month_number(match["month"]), int(match["day"]), published, match.group("weekday")
    )
    return (day.isoformat(), "day", f"month and day; {rule}", flag) if day else None


def _year_offset(which: str) -> int:
    return {"next": 1, "last": -1, "past": -1, "previous": -1}.get(which.lower(), 0)


def _month_day_rel_year(match: re.Match[str], published: dt.date | None) -> tuple | None:
    """ "July 29 next year": the day in the year before/after publication's."""
    if published is None:
        return None
    which = match["which"].lower()
    day = _safe_date(
        published.year + _year_offset(which), _month_number(match["month"]), int(match["day"])
    )
    rule = f"month and day with '{which} year' from publication date"
    return (day.isoformat(), "day", rule, "") if day else None


def _month_rel_year(match: re.Match[str], published: dt.date | None) -> tuple | None:
    """ "July next year", "in March last year": the month in that year."""
    if published is None:
        return None
    which = match["which"].lower()
    year = published.year + _year_offset(which)
    value = f"{year:04d}-{_month_number(match['month']):02d}"
    return value, "month", f"month with '{which} year' from publication date", ""


def _month_year(match: re.Match[str], published: dt.date | None) -> tuple | None:
    value = f"{int(match['year']):04d}-{_month_number(match['month']):02d}"
    qual = _qualifier(match)
    return value, "month", f"month and year{qual}", ""


def _qualifier(match: re.Match[str]) -> str:
    qual = match.groupdict().get("qual")
    return f" ('{' '.join(qual.split())}' kept at this precision)" if qual else ""


def _relative_month(match: re.Match[str], published: dt.date | None) -> tuple | None:
    if published is None:
        return None
    month = _month_number(match["month"])
    cue = " ".join(match["cue"].lower().split())
    if cue == "next":
        first, rule = (
            next_month_after(month, published),
            "'next <month>': first one after publication",
        )
    elif cue == "this":
        first, rule = dt.date(published.year, month, 1), "'this <month>': publication year"
    else:
        first = latest_month_not_after(month, published)
        rule = f"'{cue} <month>': latest such month not after publication"
    return iso(first, "month"), "month", rule + _qualifier(match), ""


def _year(match: re.Match[str], published: dt.date | None) -> tuple | None:
    return match["year"], "year", "year" + _qualifier(match), ""


def _relative_year(match: re.Match[str], published: dt.date | None) -> tuple | None:
    if published is None:
        return None
    which = match["which"].lower()
    offset = _year_offset(which)
    return str(published.year + offset), "year", f"'{which} year' from publication date", ""


def _relative_month_word(match: re.Match[str], published: dt.date | None) -> tuple | None:
    if published is None:
        return None
    which = match["which"].lower()
    first = published.replace(day=1)
    if which in ("last", "past", "previous"):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    elif which == "next":
        first = (first + dt.timedelta(days=32)).replace(day=1)
    return iso(first, "month"), "month", f"'{which} month' from publication date", ""


def _relative_week(match: re.Match[str], published: dt.date | None) -> tuple | None:
    if published is None:
        return None
    which = match["which"].lower()
    monday, sunday = week_before(published)
    shift = {"this": 7, "next": 14}.get(which, 0)
    monday, sunday = (monday + dt.timedelta(days=shift), sunday + dt.timedelta(days=shift))
    value, rule, flag = resolve_week(monday, sunday)
    return value, "month", f"'{which} week' from publication date; {rule}", flag


def _relative_day(match: re.Match[str], published: dt.date | None) -> tuple | None:
    if published is None:
        return None
    word = match["word"].lower()
    day = published - dt.timedelta(days=1) if word == "yesterday" else published
    return day.isoformat(), "day", f"'{word}' from publication date", ""


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "several": 3,
}  # fmt: skip


def _ago(match: re.Match[str], published: dt.date | None) -> tuple | None:
    """ "two weeks ago": days at day precision, weeks and months at month, years at year."""
    if published is None:
        return None
    count_text = " ".join(match["count"].lower().split())
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    unit = match["unit"].lower().rstrip("s")
    vague = count_text in ("a few", "several")
    flag = f"'{count_text}' is vague; check the date" if vague else ""
    if unit == "day":
        day = published - dt.timedelta(days=count)
        return day.isoformat(), "day", f"'{count} days ago' from publication date", flag
    if unit == "week":
        day = published - dt.timedelta(days=7 * count)
        rule = f"'{count} weeks ago' from publication date ({day.isoformat()}): its month"
        return iso(day, "month"), "month", rule, flag
    if unit == "month":
        first = published.replace(day=1)
        for _ in range(count):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return iso(first, "month"), "month", f"'{count} months ago' from publication date", flag
    return str(published.year - count), "year", f"'{count} years ago' from publication date", flag


def _weekday_only(match: re.Match[str], published: dt.date | None) -> tuple | None:
    if published is None:
        return None
    wanted = _WEEKDAYS.index(match["weekday"].lower())
    back = (published.weekday() - wanted) % 7
    day = published - dt.timedelta(days=back)
    rule = "weekday: the latest one on or before publication (house style)"
    return day.isoformat(), "day", rule, ""


_CUES = r"this\s+past|last|next|this|early|mid|late|in|on|since|during|by|until|from|throughout"
#: The grammar, most specific first; a later form never overlaps an earlier one.
GRAMMAR: tuple[tuple[str, Handler], ...] = (
    (rf"\b{WEEKDAY}?{MONTH}\s+{DAY},?\s+{YEAR}\b", _full_date),
    (rf"\b{WEEKDAY}?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH},?\s+{YEAR}\b", _full_date),
    (r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b", _iso_date),
    (
        rf"\b{WEEKDAY}?{MONTH_CAP}\s+{DAY}\b,?\s+(?:of\s+)?(?P<which>next|last|this|past)\s+year\b",
        _month_day_rel_year,
    ),
    (
        rf"\b{WEEKDAY}?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH_CAP},?\s+(?:of\s+)?"
        r"(?P<which>next|last|this|past)\s+year\b",
        _month_day_rel_year,
    ),
    (
        rf"\b(?:{QUAL}[\s-]+)?{MONTH_CAP},?\s+(?:of\s+)?(?P<which>next|last|this|past)\s+year\b",
        _month_rel_year,
    ),
    (rf"\b{WEEKDAY}?{MONTH_CAP}\s+{DAY}\b(?!\s*,?\s*\d)", _month_day),
    (rf"\b{WEEKDAY}?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH_CAP}(?!,?\s*\d)", _month_day),
    (rf"\b(?:{QUAL}[\s-]+)?{MONTH}(?:\s+of)?,?\s+{YEAR}\b", _month_year),
    (rf"\b(?P<cue>{_CUES})[\s-]+(?:{QUAL}[\s-]+)?{MONTH_CAP}", _relative_month),
    (r"\b(?:earlier\s+|later\s+)?(?P<which>next|last|this|past|previous)\s+year\b", _relative_year),
    (r"\b(?P<which>next|last|this|past|previous)\s+month\b", _relative_month_word),
    (r"\b(?P<which>next|last|this|past)\s+week(?:end)?\b", _relative_week),
    (r"\b(?P<word>yesterday|today)\b", _relative_day),
    (
        r"\b(?P<count>\d{1,2}|a\s+couple\s+of|a\s+few|several|an?|one|two|three|four|five|six"
        r"|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
        _ago,
    ),
    (
        rf"\b(?:on|last)\s+(?-i:(?P<weekday>{'|'.join(w.capitalize() for w in _WEEKDAYS)}))\b",
        _weekday_only,
    ),
    (rf"(?<![\d$.,])(?:{QUAL}[\s-]+)?{YEAR}\b(?!s\b|-\d|\d|%)", _year),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), h) for p, h in GRAMMAR)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date written in ``text``, resolved against ``published``, in text order.

    >>> pub = dt.date(2018, 4, 8)
    >>> m = find_dates("boycott the July 29, 2018 elections", pub)[0]
    >>> m.value, m.scheduled
    ('2018-07-29', True)
    >>> [(m.value, m.precision) for m in find_dates("in late 2017 and next year", pub)]
    [('2017', 'year'), ('2019', 'year')]
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, handler in _COMPILED:
        for match in pattern.finditer(text):
            if _overlaps(match.start(), match.end(), taken):
                continue
            resolved = handler(match, published)
            if resolved is None:
                continue
            value, precision, rule, flag = resolved
            scheduled = _is_after(value, precision, published)
            found.append(
                DateMention(
                    value,
                    precision,
                    match.start(),
                    match.end(),
                    match.group(0),
                    rule,
                    scheduled,
                    flag,
                )
            )
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def pick_date(
    mentions: list[DateMention], anchor: int, allow_scheduled: bool
) -> DateMention | None:
    """The mention that dates the act at ``anchor``: the nearest one, earlier ones preferred.

    Scheduled (future) dates are left out unless ``allow_scheduled`` (context types only).
    """
    usable = [m for m in mentions if allow_scheduled or not m.scheduled]
    if not usable:
        return None

    def distance(m: DateMention) -> tuple[int, int]:
        gap = anchor - m.end if m.end <= anchor else (m.start - anchor) + 15
        return max(gap, 0), -PRECISION_RANK[m.precision]

    return min(usable, key=distance)


_OFFSET_COUNT = r"(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
#: "a day after", "two weeks before", "three days later", "the day before", "the next day",
#: "the same day".
_OFFSET = re.compile(
    rf"\b{_OFFSET_COUNT}\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before|later|earlier)\b"
    r"|\bthe\s+(?P<dir2>next|following|previous|preceding)\s+(?P<unit2>day|week)\b"
    r"|\bthe\s+(?P<unit3>day|week)\s+(?P<dir3>after|before)\b"
    r"|\b(?:on\s+)?the\s+same\s+(?P<same>day)\b",
    re.IGNORECASE,
)


_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|stated|added|announced|reported|wrote|tweeted|told\s+\w+)"
    r"(?:\s+(?:in|to|on)\s+(?:\w+\s+){0,2}?\w+)?\s*$",
    re.I,
)


@dataclass(frozen=True)
class DayOffset:
    """A date written relative to another act ("a day after", "the next day").

    ``days`` is signed: the written act lies ``days`` from its anchor. ``links`` is
    ``True`` when the phrase joins two acts ("A came a day after B"), so the anchor is the
    act on the other side of the phrase; ``False`` when the anchor is the date already in
    context ("The next day, ...").
    """

    start: int
    end: int
    days: int
    links: bool
    text: str


def find_offsets(text: str) -> list[DayOffset]:
    """Relative day and week offsets written in ``text``.

    >>> [(o.days, o.links) for o in find_offsets("The arrest came a day after the vote.")]
    [(1, True)]
    >>> [(o.days, o.links) for o in find_offsets("Two weeks earlier, police raided it.")]
    [(-14, False)]
    >>> [(o.days, o.links) for o in find_offsets("The group said the same day that ...")]
    [(0, False)]
    """
    found = []
    for m in _OFFSET.finditer(text):
        if m["same"]:
            # "came on the same day that X was charged" links two acts (left alone);
            # "said the same day that ..." is speech dated by the story's day
            joined = re.match(r"\s+(?:that|as|when|of)\b", text[m.end() :])
            if joined and not _SPEECH_BEFORE.search(text[: m.start()]):
                continue
            found.append(DayOffset(m.start(), m.end(), 0, False, m[0]))
            continue
        if m["count"]:
            count = m["count"].lower()
            number = int(count) if count.isdigit() else _NUMBER_WORDS[count]
            unit, direction = m["unit"], m["dir"].lower()
        else:
            number = 1
            unit = m["unit2"] or m["unit3"]
            direction = (m["dir2"] or m["dir3"]).lower()
        days = number * (7 if unit.lower().startswith("week") else 1)
        forward = direction in ("after", "later", "next", "following")
        links = direction in ("after", "before") and bool(m["count"] or m["dir3"])
        found.append(DayOffset(m.start(), m.end(), days if forward else -days, links, m[0]))
    return found


def offset_date(offset: DayOffset, anchor: dt.date, published: dt.date | None, rule: str):
    """The day ``offset`` lands on from ``anchor`` (a :class:`DateMention`)."""
    day = anchor + dt.timedelta(days=offset.days)
    value = day.isoformat()
    return DateMention(
        value,
        "day",
        offset.start,
        offset.end,
        offset.text,
        rule,
        _is_after(value, "day", published),
    )


def publication_fallback(published: dt.date) -> DateMention:
    """The publication month, for an act whose sentence and paragraph carry no date."""
    value = iso(published, "month")
    return DateMention(
        value,
        "month",
        -1,
        -1,
        "",
        "no date in context: publication month",
        False,
        "undated in text; check the date",
    )


def shifted(mention: DateMention, rule_prefix: str) -> DateMention:
    """``mention`` borrowed from a neighbouring sentence (offsets dropped, rule prefixed)."""
    return replace(mention, start=-1, end=-1, rule=f"{rule_prefix}: {mention.rule}")
