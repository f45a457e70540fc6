"""Dates as written in articles, and the inferred publication date of an article.

Articles carry no publication date, so it is inferred: the latest date among the
article's references, leaving out references to old documents (a treaty from 1966 cited
next to news from 2017). When no reference is dated, the latest fully specified past date
written in the body is used instead. Dates are read with strict formats only: a date
missing its day or year is never completed by guessing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

#: How much older than the median reference date a reference must be to count as an old
#: document (in days; two years).
OLD_DOCUMENT_DAYS = 2 * 365

#: Month names and abbreviations as written in articles, to month numbers.
MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Longest names first so that "Sept" is not read as "Sep" followed by "t".
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DAY_MONTH_YEAR = rf"{_DAY}\s+(?P<month>{_MONTH})\.?,?\s+{_YEAR}"
_MONTH_DAY_YEAR = rf"(?P<month>{_MONTH})\.?\s+{_DAY},?\s+{_YEAR}"
_ISO = r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})"
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO)]
# The same formats, for finding dates inside running text.
_SEARCH = [re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for p in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR)]
_PARTIAL_DATE = re.compile(rf"(?:(?:{_MONTH})\.?,?\s+)?\d{{4}}", re.IGNORECASE)


class DatedReference(Protocol):
    """What publication-date inference needs from a reference."""

    outlet: str
    date: dt.date | None
    date_text: str


@dataclass(frozen=True)
class PublishedDate:
    """An inferred publication date, why it was chosen, and which references are old."""

    date: dt.date | None
    basis: str
    old_document: tuple[bool, ...] = ()


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` spells out in full (day, month and year), else ``None``.

    >>> parse_date("8 April 2018"), parse_date("2 September, 2017")
    (datetime.date(2018, 4, 8), datetime.date(2017, 9, 2))
    >>> parse_date("April 8, 2018"), parse_date(" Sept. 2, 2017 ")
    (datetime.date(2018, 4, 8), datetime.date(2017, 9, 2))
    >>> parse_date("April 2018") is None, parse_date("31 February 2018") is None
    (True, True)
    """
    cleaned = text.strip().rstrip(".")
    for pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _to_date(match)
    return None


def impossible_date(text: str) -> str | None:
    """Why ``text``, written as a full date, is no real date; ``None`` for a real date or
    text that is not written as a date.

    >>> impossible_date("31 February 2018"), impossible_date("2018-13-02")
    ('February 2018 has 28 days', 'there is no month 13')
    >>> impossible_date("0 May 2018"), impossible_date("8 April 2018"), impossible_date("Reuters")
    ('there is no day 0', None, None)
    """
    cleaned = text.strip().rstrip(".")
    for pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None or _to_date(match) is not None:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
        year, day = int(groups["year"]), int(groups["day"])
        if not 1 <= month <= 12:
            return f"there is no month {month}"
        if year < dt.MINYEAR:
            return f"there is no year {year}"
        if day < 1:
            return f"there is no day {day}"
        return f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"
    return None


def is_partial_date(text: str) -> bool:
    """Whether ``text`` is a date without its day, such as ``April 2018`` or ``2018``.

    >>> is_partial_date("April 2018"), is_partial_date("2018"), is_partial_date("Reuters")
    (True, True, False)
    """
    return bool(_PARTIAL_DATE.fullmatch(text.strip().rstrip(".")))


def find_dates(text: str) -> list[tuple[dt.date, str]]:
    """Every fully specified date written in ``text``, with the words as written, in order.

    >>> for found in find_dates("On 26 November 2017, Jan. 25, 2017 and May 2016 came up."):
    ...     print(found)
    (datetime.date(2017, 11, 26), '26 November 2017')
    (datetime.date(2017, 1, 25), 'Jan. 25, 2017')
    """
    found: list[tuple[int, dt.date, str]] = []
    for pattern in _SEARCH:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date is not None:
                found.append((match.start(), date, match.group(0)))
    return [(date, written) for _, date, written in sorted(found, key=lambda f: f[0])]


def old_document_flags(dates: Sequence[dt.date | None]) -> list[bool]:
    """Flag dates more than two years older than the median of the dated ones.

    >>> old_document_flags([dt.date(2017, 1, 25), None, dt.date(1966, 12, 19),
    ...                     dt.date(2017, 2, 7)])
    [False, False, True, False]
    """
    ordinals = [d.toordinal() for d in dates if d is not None]
    if not ordinals:
        return [False] * len(dates)
    cutoff = int(statistics.median(ordinals)) - OLD_DOCUMENT_DAYS
    return [d is not None and d.toordinal() < cutoff for d in dates]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _from_references(
    references: Sequence[DatedReference], old: Sequence[bool], today: dt.date
) -> PublishedDate | None:
    dated = [r for r, is_old in zip(references, old, strict=True) if r.date and not is_old]
    current = [r for r in dated if r.date <= today]
    if not current:
        return None
    latest = max(current, key=lambda r: r.date)  # max keeps the first of equal dates
    basis = f"latest reference date ({latest.outlet}, {latest.date_text})"
    if any(old):
        basis += f"; {_plural(sum(old), 'old document')} excluded"
    if len(current) < len(dated):
        basis += f"; {_plural(len(dated) - len(current), 'future date')} ignored"
    return PublishedDate(latest.date, basis, tuple(old))


def _from_body(body: str, today: dt.date, old: Sequence[bool]) -> PublishedDate | None:
    past = [(date, written) for date, written in find_dates(body) if date <= today]
    if not past:
        return None
    date, written = max(past, key=lambda found: found[0])
    basis = f"no dated reference; latest past date written in the body ({written})"
    return PublishedDate(date, basis, tuple(old))


def infer_published_date(
    references: Sequence[DatedReference], body: str, today: dt.date | None = None
) -> PublishedDate:
    """Infer an article's publication date from its references, else from its body.

    >>> from types import SimpleNamespace as Ref
    >>> refs = [Ref(outlet="Reuters", date=dt.date(2018, 4, 8), date_text="8 April 2018"),
    ...         Ref(outlet="UN", date=dt.date(1966, 12, 19), date_text="19 December 1966"),
    ...         Ref(outlet="VOA", date=dt.date(2018, 4, 5), date_text="5 April 2018")]
    >>> found = infer_published_date(refs, "")
    >>> found.date, found.old_document
    (datetime.date(2018, 4, 8), (False, True, False))
    >>> found.basis
    'latest reference date (Reuters, 8 April 2018); 1 old document excluded'
    >>> typo = Ref(outlet="BBC", date=dt.date(2081, 3, 4), date_text="4 March 2081")
    >>> infer_published_date([refs[0], typo], "", today=dt.date(2026, 1, 1)).basis
    'latest reference date (Reuters, 8 April 2018); 1 future date ignored'
    >>> infer_published_date([], "Talks began on 3 March 2017.").date
    datetime.date(2017, 3, 3)
    >>> infer_published_date([], "In May 2016 nothing happened.").basis
    'no dated reference or date in text'
    """
    today = today or dt.date.today()
    # A reference dated after today is a typo; it must not set the date nor make the
    # real references look old.
    old = old_document_flags([r.date if r.date and r.date <= today else None for r in references])
    found = _from_references(references, old, today) or _from_body(body, today, old)
    return found or PublishedDate(None, "no dated reference or date in text", tuple(old))
