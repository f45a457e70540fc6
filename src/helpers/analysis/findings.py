"""The finding of each chart: one sentence computed from the data it draws.

A chart is titled with its finding and the briefing page shows that sentence as the
chart's caption. Every sentence names its base ("3 of 12"), names ties as ties
(:func:`leaders`) and says so when there is nothing to find. Events are named by their
``headline`` (a short label from the data contract, e.g. "Kem Sokha arrested") when the
table has one, else by the codebook label of their type (:func:`event_headline`).

>>> join_words(["aid cuts", "UN appeals", "statements"])
'aid cuts, UN appeals and statements'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers.analysis.escalation import VERDICT_MONTHS, monthly_severity
from helpers.analysis.loading import crackdown_events, international_responses
from helpers.dates import format_date, format_month

#: The verdicts that judge a month; any other value (no baseline, insufficient data, no
#: coverage) means the month was not judged.
JUDGED = ("deteriorated", "unchanged", "improved")
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def join_words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(n: int, word: str, words: str | None = None) -> str:
    """``'1 event'``, ``'3 events'``.

    >>> plural(1, "event"), plural(3, "event"), plural(2, "reply", "replies")
    ('1 event', '3 events', '2 replies')
    """
    return f"{n} {word if n == 1 else (words or word + 's')}"


def count_words(n: int) -> str:
    """Small counts in words: ``'three'``; larger ones as digits.

    >>> count_words(3), count_words(12)
    ('three', '12')
    """
    return NUMBER_WORDS.get(n, str(n))


def leaders(table: pd.DataFrame, value: str, name: str) -> tuple[list[str], Any]:
    """The ``name`` of every row sharing the highest ``value`` (a tie keeps them all, in
    table order) and that value.

    >>> frame = pd.DataFrame({"kind": ["a", "b", "c"], "n": [4, 4, 1]})
    >>> leaders(frame, "n", "kind")
    (['a', 'b'], 4)
    """
    top = table[value].max()
    return [str(v) for v in table.loc[table[value] == top, name]], top


def event_headline(row: Any) -> str:
    """A short label for an event: its ``headline`` when the table has one, else the
    codebook label of its type (``event_label``).

    >>> event_headline({"headline": "Kem Sokha arrested", "event_label": "Arrest"})
    'Kem Sokha arrested'
    >>> event_headline({"headline": "", "event_label": "Arrest"})
    'Arrest'
    """
    get = row.get if isinstance(row, dict | pd.Series) else lambda k, d=None: getattr(row, k, d)
    headline = get("headline", "")
    if isinstance(headline, str) and headline.strip():
        return headline.strip()
    return str(get("event_label", "") or "")


def headlines(events: pd.DataFrame) -> dict[str, str]:
    """``{event_id: headline}`` for every event (see :func:`event_headline`)."""
    return {r["event_id"]: event_headline(r) for _, r in events.iterrows()}


# ---------------------------------------------------------------------------- charts


def timeline_finding(events: pd.DataFrame) -> str:
    """The dual-track timeline's finding: the month(s) of highest added crackdown severity
    (events known only to the year are not attributed to a month) and the number of
    international responses."""
    n_resp = len(international_responses(events))
    responses = f"{plural(n_resp, 'international response')} in the window"
    crack = crackdown_events(events)
    if crack.empty:
        return f"No crackdown events in this window; {responses}"
    months = monthly_severity(events)
    months = months[months["n_events"] > 0]
    if months.empty:
        return f"Crackdown acts are dated only to the year; {responses}"
    names = headlines(events)
    top = months[months["added_severity"] == months["added_severity"].max()]
    acts = [names.get(i, s) for i, s in zip(top["top_event_id"], top["top_summary"], strict=True)]
    when = join_words([format_month(m) for m in top["month"]])
    tie = " (a tie)" if len(top) > 1 else ""
    return f"Crackdown severity peaked in {when}{tie}: {join_words(acts)}; {responses}"


def escalation_finding(index: pd.DataFrame, rolling_days: int) -> str:
    """The escalation curve's finding. The peak day is named only when an event known to
    the day was added on it; otherwise (a month-precision event drawn mid-month) only
    its month is (``'mid-October 2017'``)."""
    if index.empty or not (index["added_severity"] != 0).any():
        return "No crackdown severity was added in this window"
    peak = index.loc[index["rolling"].idxmax()]
    exact = "day_events" not in index.columns or peak["day_events"] > 0
    when = format_date(peak["date"]) if exact else f"mid-{format_month(peak['date'])}"
    return (
        f"The crackdown escalated most in the {rolling_days} days to {when} "
        f"(severity score {peak['rolling']:g}); by the end of the window the index "
        f"stood at {index['cumulative'].iloc[-1]:g}"
    )


def verdict_finding(verdicts: pd.DataFrame) -> str:
    """How many judged months deteriorated and improved, of how many, and how many months
    were not judged."""
    judged = verdicts[verdicts["verdict"].isin(JUDGED)]
    unjudged = len(verdicts) - len(judged)
    rest = f"; {plural(unjudged, 'month')} not judged" if unjudged else ""
    if judged.empty:
        return f"Not enough months to judge the trend{rest}"
    counts = judged["verdict"].value_counts()
    return (
        f"The situation deteriorated in {counts.get('deteriorated', 0)} of "
        f"{plural(len(judged), 'judged month')} and improved in "
        f"{counts.get('improved', 0)}{rest}"
    )


def baseline_words(months: int = VERDICT_MONTHS) -> str:
    """The verdict's baseline in words, from the rule's constant.

    >>> baseline_words(3)
    'average of the previous three months'
    """
    return f"average of the previous {count_words(months)} months"


def responses_finding(table: pd.DataFrame) -> str:
    """The most common kind(s) of international response, ties named as ties."""
    total = int(table["n_events"].sum()) if not table.empty else 0
    if not total:
        return "No international responses in this window"
    names, top = leaders(table, "n_events", "label")
    if len(names) > 1:
        return f"{join_words(names)} were the most common responses, tied at {top} of {total} each"
    return f"{names[0]} were the most common response ({top} of {total})"


def lag_finding(lags: pd.DataFrame) -> str:
    """How long the first international response took (median of the measurable lags)."""
    if lags.empty:
        return "No crackdown event in this window drew an international response"
    from helpers.analysis.responses import median_lag, median_lag_words

    median, approximate = median_lag(lags)
    if median is None:
        return (
            f"{plural(len(lags), 'crackdown act')} drew an international response; their "
            "dates are known only to the year, so the lag cannot be measured"
        )
    words = median_lag_words(median, approximate)
    year = int((lags["lag_precision"] == "year").sum()) if "lag_precision" in lags else 0
    counted = f"{len(lags)} acts answered" + (
        f"; {year} dated only to the year not counted" if year else ""
    )
    if median == 0:
        return (
            f"The first international response typically came {words} as the act it "
            f"answered ({counted})"
        )
    return (
        f"The first international response came a median of {words} after the act it "
        f"answered ({counted})"
    )


def monthly_counts_finding(counts: pd.DataFrame, category: str = "crackdown") -> str:
    """How many months had more ``category`` events than the monthly average."""
    part = counts[counts["category"] == category]
    name = category.replace("_", " ")
    if part.empty or not part["n_events"].sum():
        return f"No {name} events in this window"
    above = part[part["above_average"]]
    return (
        f"{len(above)} of {len(part)} months had more {name} events than the monthly "
        f"average of {part['average'].iloc[0]:.1f}"
    )


def severity_finding(table: pd.DataFrame, column: str, what: str) -> str:
    """Whose (or which kind's) acts weigh most in the crackdown's total severity score,
    ties named as ties."""
    if table.empty:
        return f"No crackdown events by {what} in this window"
    names, top = leaders(table, "total_severity", column)
    rows = table[table["total_severity"] == top]
    share = rows["share"].iloc[0]
    if len(names) > 1:
        return (
            f"{join_words(names)} tie for the largest share of the crackdown's total "
            f"severity score ({share:.0%} each)"
        )
    n = int(rows["n_events"].iloc[0])
    return f"{names[0]}: {share:.0%} of the crackdown's total severity score ({plural(n, 'event')})"


def precision_finding(mix: pd.DataFrame) -> str:
    """How many events are dated to the day."""
    total = int(mix["n_events"].sum())
    if not total:
        return "No events in this window"
    day = int(mix.loc[mix["date_precision"] == "day", "n_events"].sum())
    return f"{day} of {total} events are dated to the day"


def outlets_finding(outlets: pd.DataFrame) -> str:
    """The most cited outlet(s), ties named as ties."""
    if outlets.empty:
        return "No outlets are cited by these events"
    names, top = leaders(outlets, "n_events", "outlet")
    if len(names) > 1:
        return f"{join_words(names)} are the most cited outlets ({top} events each)"
    return f"{names[0]} is the most cited outlet ({plural(int(top), 'event')})"
