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

from helpers.analysis.coverage import number_words, outlet_words, plural
from helpers.analysis.escalation import (
    NO_VERDICTS,
    VERDICT_MONTHS,
    VERDICTS,
    most_severe_events,
    verdict_counts,
)
from helpers.analysis.headline import TIES_NAMED, tie_words, when
from helpers.analysis.loading import international_responses
from helpers.analysis.responses import lag_summary
from helpers.dates import format_bin, format_date

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def join_words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` (every item named)."""
    items = list(items)
    return outlet_words(items, limit=len(items))


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
    names = [str(v) for v in table.loc[table[value] == top, name]]
    return names, top.item() if hasattr(top, "item") else top


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
    """The dual-track timeline's finding: the most severe crackdown act(s) of the window
    (the highest markers), ties named as ties, and the number of international responses."""
    n_resp = len(international_responses(events))
    responses = f"{plural(n_resp, 'international response')} in the window"
    top = most_severe_events(events)
    if top.empty:
        return f"No crackdown acts in this window; {responses}"
    acts = [f"{event_headline(r)} ({when(r)})" for r in top.head(TIES_NAMED).itertuples()]
    points = f"{number_words(top['severity'].iloc[0])} points"
    if len(top) > 1:
        return f"Most severe acts, tied at {points}: {tie_words(acts, len(top))}; {responses}"
    return f"Most severe act: {acts[0]}, {points}; {responses}"


def summary_timeline_finding(totals: pd.DataFrame, unit: str, n_responses: int) -> str:
    """The summarised timeline's finding: the week(s) or month(s) with the most crackdown
    acts (ties named, at most three, then how many more), with their severity points, and
    the number of international responses. ``totals`` has ``bin``, ``n_events`` and
    ``severity`` of the crackdown track, every bin.

    >>> totals = pd.DataFrame({"bin": pd.to_datetime(["2017-09-01", "2017-10-01"]),
    ...     "n_events": [40, 12], "severity": [260.0, 70.0]})
    >>> summary_timeline_finding(totals, "month", 3)
    'Most crackdown acts in one month: 40 in September 2017 (260 severity points); 3 international responses in the window'
    """  # noqa: E501
    responses = f"{plural(n_responses, 'international response')} in the window"
    if totals.empty or totals["n_events"].max() == 0:
        return f"No crackdown act lies within one {unit} of this window; {responses}"
    top = totals[totals["n_events"] == totals["n_events"].max()]
    named = [format_bin(b, unit) for b in top["bin"].head(3)]
    if len(top) > 3:
        named.append(plural(len(top) - 3, f"other {unit}"))
    n = int(top["n_events"].iloc[0])
    if len(top) == 1:
        points = f"{number_words(top['severity'].iloc[0])} severity points"
        return f"Most crackdown acts in one {unit}: {n:,} in {named[0]} ({points}); {responses}"
    tied = f"{n:,} each, tied, in {join_words(named)}"
    return f"Most crackdown acts in one {unit}: {tied}; {responses}"


def escalation_finding(
    index: pd.DataFrame, rolling_days: int, cutoff: pd.Timestamp | None = None
) -> str:
    """The escalation curve's finding: the ``rolling_days`` days that certainly held the
    most severity (acts whose whole interval lies inside them) and where the index stood
    at the data ``cutoff`` (or the index's last day, if earlier), with the higher value it
    may have reached counting imprecisely dated acts as soon as they may have begun."""
    if index.empty or not (index["cumulative_possible"] != 0).any():
        return "No crackdown severity was added in this window"
    peak = index.loc[index["rolling"].idxmax()]
    upto = index if cutoff is None else index[index["date"] <= cutoff]
    last = (upto if len(upto) else index).iloc[-1]
    value = f"{number_words(last['cumulative'])}"
    if last["cumulative_possible"] != last["cumulative"]:
        possible = number_words(last["cumulative_possible"])
        value += f" (up to {possible} with acts that may have begun by then)"
    when = "the data cut-off" if cutoff is not None and len(upto) < len(index) else "its end"
    if peak["rolling"] <= 0:
        return (
            f"No {rolling_days} days certainly held a crackdown act; at {when} the index "
            f"stood at {value}"
        )
    return (
        f"The crackdown escalated most in the {rolling_days} days to "
        f"{format_date(peak['date'])} (severity score {number_words(peak['rolling'])}); "
        f"at {when} the "
        f"index stood at {value}"
    )


def verdict_finding(verdicts: pd.DataFrame) -> str:
    """How many months could be judged and how they went, and why the others got none.

    >>> frame = pd.DataFrame({"verdict": ["deteriorated", "insufficient data", "no coverage"]})
    >>> verdict_finding(frame)
    '1 of 3 months could be judged: 1 deteriorated, 0 unchanged, 0 improved; no verdict for the other 2 (1 insufficient data, 1 no coverage)'
    """  # noqa: E501
    counts = verdict_counts(verdicts)
    judged = sum(counts[v] for v in VERDICTS)
    others = len(verdicts) - judged
    reasons = ", ".join(f"{counts[v]} {v}" for v in NO_VERDICTS if counts[v])
    rest = f"no verdict for the other {others} ({reasons})" if others else ""
    if not judged:
        return f"No month of the window could be judged: {rest or 'no month'}"
    text = (
        f"{judged} of {plural(len(verdicts), 'month')} could be judged: "
        f"{counts['deteriorated']} deteriorated, {counts['unchanged']} unchanged, "
        f"{counts['improved']} improved"
    )
    return f"{text}; {rest}" if rest else text


def baseline_words(months: int = VERDICT_MONTHS) -> str:
    """The verdict's baseline in words, from the rule's constant.

    >>> baseline_words(3)
    'average of the three months before'
    """
    return f"average of the {count_words(months)} months before"


def responses_finding(table: pd.DataFrame) -> str:
    """The most common kind(s) of international response, ties named as ties.

    >>> frame = pd.DataFrame({"label": ["Statements", "UN appeals", "Aid cuts"],
    ...                       "n_events": [4, 4, 1]})
    >>> responses_finding(frame)
    'Two kinds tie as the most common response, 4 of 9 each: statements; UN appeals'
    """
    total = int(table["n_events"].sum()) if not table.empty else 0
    if not total:
        return "No international responses in this window"
    names, top = leaders(table, "n_events", "label")
    if len(names) > 1:
        kinds = "; ".join(n[:1].lower() + n[1:] if n[1:2].islower() else n for n in names)
        return (
            f"{count_words(len(names)).capitalize()} kinds tie as the most common response, "
            f"{top:,} of {total:,} each: {kinds}"
        )
    return f"{names[0]} were the most common response ({top:,} of {total:,})"


def lag_finding(lags: pd.DataFrame) -> str:
    """How long the first international response to each answered act took, as ranges of
    days, with their count (a median only from enough lags)."""
    if lags.empty:
        return (
            "No crackdown act in this window drew an international response reported in "
            "these sources"
        )
    return f"First international response to each answered act: {lag_summary(lags)}"


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
            f"{tie_words(names, len(names))} tie for the largest share of the crackdown's total "
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
    return f"{day:,} of {total:,} events are dated to the day"


def outlets_finding(outlets: pd.DataFrame) -> str:
    """The most cited outlet(s), ties named as ties."""
    if outlets.empty:
        return "No outlets are cited by these events"
    names, top = leaders(outlets, "n_events", "outlet")
    if len(names) > 1:
        return f"{tie_words(names, len(names))} are the most cited outlets ({top} events each)"
    return f"{names[0]} is the most cited outlet ({plural(int(top), 'event')})"
