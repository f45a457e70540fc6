"""Parameters in plain words, for the header of a briefing and the index.

``describe_parameters({"country": "Cambodia", "start": "2016-01-01", "end": "2018-12-31",
"as_of": "2026-11-28"})`` gives "Events in Cambodia from 1 January 2016 to 31 December
2018, as known on 28 November 2026". Other parameters follow as short "Label: value"
phrases. The result is plain text: callers escape it when they put it into HTML.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.dates import plain_date

#: Parameter names read as the country (or countries) of the events.
COUNTRY_KEYS = ("country", "countries")
#: Names read as the first and last day of the period.
START_KEYS = ("start", "start_date", "date_from", "since", "period_start")
END_KEYS = ("end", "end_date", "date_to", "until", "period_end")
#: Names that are part of the page's frame, not the description.
HIDDEN_KEYS = frozenset({"title", "as_of"})

#: Plain-words phrases for parameters the project's notebooks take.
PHRASES = {
    "rolling_days": "Escalation measured over rolling {value}-day windows",
    "categories": "Event tables list: {value}",
}

#: ISO 3166 alpha-3 codes the project uses, spelled out for readers.
COUNTRY_NAMES = {"KHM": "Cambodia", "MMR": "Myanmar", "THA": "Thailand", "VNM": "Vietnam"}


def _first(params: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The first of ``keys`` that ``params`` sets to something other than None/empty."""
    for key in keys:
        if params.get(key) not in (None, "", []):
            return params[key]
    return None


def _country_words(value: Any) -> str:
    """A country parameter (code, name or list) as words: "Cambodia and Thailand"."""
    items = value if isinstance(value, list | tuple) else [value]
    names = [COUNTRY_NAMES.get(str(v).upper(), str(v)) for v in items]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _value_words(value: Any) -> str:
    """Any other parameter value as words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_value_words(v) for v in value) or "none"
    if value is None:
        return "none"
    return plain_date(value)


def _label(key: str) -> str:
    """``min_count`` as ``Min count``."""
    return key.replace("_", " ").strip().capitalize()


def describe_period(params: dict[str, Any]) -> str:
    """The main sentence: which events, where, when, as known on which day."""
    country, start, end = (_first(params, k) for k in (COUNTRY_KEYS, START_KEYS, END_KEYS))
    words = "Events"
    if country is not None:
        words += f" in {_country_words(country)}"
    if start is not None and end is not None:
        words += f" from {plain_date(start)} to {plain_date(end)}"
    elif start is not None:
        words += f" since {plain_date(start)}"
    elif end is not None:
        words += f" up to {plain_date(end)}"
    if params.get("as_of"):
        words += f", as known on {plain_date(params['as_of'])}"
    return words


def other_parameters(params: dict[str, Any]) -> list[str]:
    """The parameters the main sentence does not cover, as "Label: value" phrases."""
    covered = set(COUNTRY_KEYS + START_KEYS + END_KEYS) | HIDDEN_KEYS
    phrases = []
    for key, value in params.items():
        if key in covered or value in ("", None, []):
            continue
        words = _value_words(value)
        if key in PHRASES:
            words = re.sub(r",\s*", ", ", words).replace("_", " ")
            phrases.append(PHRASES[key].format(value=words))
        else:
            phrases.append(f"{_label(key)}: {words}")
    return phrases


def describe_parameters(params: dict[str, Any]) -> str:
    """The whole description in one line of plain text."""
    extra = other_parameters(params)
    sentence = describe_period(params)
    return sentence + (". " + "; ".join(extra) + "." if extra else "")
