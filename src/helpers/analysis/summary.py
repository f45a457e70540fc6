"""Summarised forms for a window of many events: counts per week or month, key events, and
what a briefing lists.

A briefing shows every event when its window holds at most :data:`MANY_EVENTS` of them:
one marker each on the timeline, one row each in the annex. Above that, one marker per
event no longer reads (and a page listing every quote grows without bound), so the
briefing switches to summarised forms:

* the timeline counts events per **bin**: per week when the window spans at most
  :data:`WEEKLY_UP_TO_DAYS` days, per month otherwise. An event is counted in a bin only
  when its interval (``date_start``..``date_end``) lies within that bin; events whose
  dates span more than one bin are counted apart, never spread or guessed into one;
* the events are **ranked** by one stated rule: severity score (highest first), then the
  number of outlets that reported them (most first), then date (earliest first), then id;
* the timeline labels the :data:`N_LABELLED` first-ranked crackdown acts that lie within
  one bin, and says how many acts share the lowest labelled score (ties are named);
* the event tables (the briefing's annex) list the :data:`N_KEY_EVENTS` first-ranked
  crackdown acts (the key events), then the next :data:`ANNEX_ROWS` events of the window
  by the same rank, and count the rest by kind; the full list travels with the HTML
  briefing as a CSV.

>>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "severity": [6.0, 9.0, 9.0],
...     "n_outlets": [1, 1, 3], "date_start": pd.to_datetime(["2017-01-02"] * 3)})
>>> ranked(frame)["event_id"].tolist()
['c', 'b', 'a']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis.coverage import plural
from helpers.analysis.loading import crackdown_events
from helpers.dates import bin_end, bin_start, bins_between

#: Above this many events in the window, the briefing uses the summarised forms.
MANY_EVENTS = 100
#: Weekly bins for a window of at most this many days (about half a year), else monthly.
WEEKLY_UP_TO_DAYS = 183
#: Crackdown acts labelled on the summarised timeline.
N_LABELLED = 5
#: Crackdown acts listed as the key events in the briefing's body.
N_KEY_EVENTS = 15
#: Events the annex lists beyond the key events.
ANNEX_ROWS = 100
#: Rows a table of events shows in the other briefings (it says how many it leaves out).
TABLE_ROWS = 100

RANK_COLUMNS = ["severity", "n_outlets", "date_start", "event_id"]
RANK_WORDS = (
    "by severity score (highest first), then by the number of outlets that reported them "
    "(most first), then by date (earliest first)"
)


def is_many(events: pd.DataFrame) -> bool:
    """Whether a window of ``events`` is shown in the summarised forms.

    >>> is_many(pd.DataFrame({"event_id": range(MANY_EVENTS)})), is_many(
    ...     pd.DataFrame({"event_id": range(MANY_EVENTS + 1)}))
    (False, True)
    """
    return len(events) > MANY_EVENTS


def threshold_words() -> str:
    """The rule in one sentence, for the method note and the pages that switch.

    >>> threshold_words().startswith("A window of more than 100 events")
    True
    """
    return (
        f"A window of more than {MANY_EVENTS} events is summarised: the timeline counts "
        f"events per week (a window of up to {WEEKLY_UP_TO_DAYS} days) or per month, and "
        f"the event tables list the {N_KEY_EVENTS} key events (the first-ranked crackdown "
        f"acts) and the next {ANNEX_ROWS} events, ranked {RANK_WORDS}, and count the rest "
        "by kind; the full list comes with the HTML briefing as a CSV file."
    )


def ranked(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` in rank order (see the module docstring)."""
    return events.sort_values(
        RANK_COLUMNS, ascending=[False, False, True, True], kind="stable", ignore_index=True
    )


# ----------------------------------------------------------------------------- bins


def bin_unit(start: str | pd.Timestamp, end: str | pd.Timestamp) -> str:
    """``'week'`` for a window of at most :data:`WEEKLY_UP_TO_DAYS` days, else ``'month'``.

    >>> bin_unit("2017-01-01", "2017-06-30"), bin_unit("2016-01-01", "2018-12-31")
    ('week', 'month')
    """
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
    return "week" if days <= WEEKLY_UP_TO_DAYS else "month"


def placed(events: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The events whose interval lies within one bin, with a ``bin`` column (its first
    day); the others are left out (see :func:`unplaced`)."""
    starts = bin_start(events["date_start"], unit)
    inside = events["date_end"] <= bin_end(starts, unit)
    return events[inside.to_numpy()].assign(bin=starts[inside.to_numpy()]).reset_index(drop=True)


def unplaced(events: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The events whose dates span more than one bin (counted apart, never in a bar)."""
    starts = bin_start(events["date_start"], unit)
    return events[(events["date_end"] > bin_end(starts, unit)).to_numpy()].reset_index(drop=True)


@dataclass
class Binned:
    """The window's events counted per bin, for the summarised timeline.

    ``counts`` has a row per bin and group drawn: ``bin``, ``track`` (``crackdown``,
    ``international_response`` or ``other``), ``group`` (the severity score of the acts,
    the kind of response, or the category), ``n_events`` and ``severity`` (their total
    score). ``unplaced`` counts, per track, the events whose dates span more than one bin.
    """

    unit: str
    bins: pd.DatetimeIndex
    counts: pd.DataFrame
    unplaced: dict[str, int]

    def totals(self, track: str) -> pd.DataFrame:
        """``bin``, ``n_events``, ``severity`` of one track, every bin (0 when empty)."""
        part = self.counts[self.counts["track"] == track]
        sums = part.groupby("bin")[["n_events", "severity"]].sum()
        out = sums.reindex(self.bins, fill_value=0).rename_axis("bin").reset_index()
        return out.astype({"n_events": int})


TRACKS = ("crackdown", "international_response", "other")


def track_of(category: str) -> str:
    """The timeline track of a category: its own for the crackdown and the international
    response, ``other`` for the rest."""
    return category if category in TRACKS else "other"


def binned(events: pd.DataFrame, start: str, end: str) -> Binned:
    """Count the events per bin of the window ``start``..``end`` (module docstring)."""
    unit = bin_unit(start, end)
    frame = events.assign(track=events["category"].map(track_of))
    inside = placed(frame, unit)
    group = inside["category"].where(inside["track"] == "other", "")
    group = group.where(inside["track"] != "crackdown", inside["severity"].map(_score))
    group = group.where(
        inside["track"] != "international_response", inside["response_kind"].fillna("")
    )
    counts = (
        inside.assign(group=group)
        .groupby(["bin", "track", "group"], as_index=False)
        .agg(n_events=("event_id", "size"), severity=("severity", "sum"))
    )
    left = unplaced(frame, unit)["track"].value_counts()
    return Binned(
        unit, bins_between(start, end, unit), counts, {t: int(left.get(t, 0)) for t in TRACKS}
    )


def _score(value: float) -> str:
    return f"{float(value):g}"


# ------------------------------------------------------------------ labels and lists


@dataclass
class Labelled:
    """The acts the summarised timeline labels, and the tie at the lowest labelled score:
    how many acts of the window (placed in a bin or not) share that score."""

    acts: pd.DataFrame
    score: float | None
    tied: int

    def words(self) -> str:
        """How the labels were chosen, with the tie named.

        >>> acts = pd.DataFrame({"event_id": ["a", "b"]})
        >>> Labelled(acts, 9.0, 40).words()
        'Labelled: 2 of the 40 acts scoring 9, the first by the rule.'
        """
        if self.acts.empty or self.score is None:
            return "No crackdown act lies within one bin: none is labelled."
        n = len(self.acts)
        if self.tied > n:
            return (
                f"Labelled: {n} of the {self.tied:,} acts scoring {self.score:g}, the first by "
                "the rule."
            )
        return f"Labelled: the {plural(n, 'most severe act')}."


def labelled(events: pd.DataFrame, unit: str, n: int = N_LABELLED) -> Labelled:
    """The ``n`` first-ranked crackdown acts lying within one bin (module docstring)."""
    crack = crackdown_events(events)
    acts = ranked(placed(crack, unit)).head(n) if not crack.empty else crack
    if acts.empty:
        return Labelled(acts, None, 0)
    score = float(acts["severity"].iloc[-1])
    tied = int((crack["severity"] == score).sum())
    order = ["date_start", "event_id"]
    return Labelled(acts.sort_values(order, kind="stable", ignore_index=True), score, tied)


def key_events(events: pd.DataFrame, n: int = N_KEY_EVENTS) -> pd.DataFrame:
    """The ``n`` first-ranked crackdown acts, in rank order."""
    return ranked(crackdown_events(events)).head(n)


def key_tie_words(events: pd.DataFrame, n: int = N_KEY_EVENTS) -> str:
    """How the key events were chosen when more acts share the score of the last of them
    than the key events hold (a tie the rank breaks): ``''`` when there is no such tie.

    >>> acts = pd.DataFrame({"event_id": list("abcd"), "category": ["crackdown"] * 4,
    ...     "severity": [9.0, 9.0, 9.0, 6.0], "n_outlets": [1] * 4,
    ...     "date_start": pd.to_datetime(["2021-01-01"] * 4)})
    >>> key_tie_words(acts, 2)
    '3 acts score 9, the highest score of the key events: the rank picks 2 of them'
    >>> key_tie_words(acts, 3)
    ''
    """
    key = key_events(events, n)
    if key.empty:
        return ""
    lowest = key["severity"].min()
    tied = int((crackdown_events(events)["severity"] == lowest).sum())
    picked = int((key["severity"] == lowest).sum())
    if tied <= picked:
        return ""
    where = "the highest score" if lowest == key["severity"].max() else "the lowest score"
    return (
        f"{tied:,} acts score {lowest:g}, {where} of the key events: the rank picks "
        f"{picked} of them"
    )


def annex_events(events: pd.DataFrame, n: int = ANNEX_ROWS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The annex of a window of many events: the ``n`` first-ranked events after the key
    events, and the events neither lists (both in rank order)."""
    key = set(key_events(events)["event_id"])
    rest = ranked(events[~events["event_id"].isin(key)])
    return rest.head(n).reset_index(drop=True), rest.iloc[n:].reset_index(drop=True)


def counts_by_kind(events: pd.DataFrame) -> pd.DataFrame:
    """``category``, ``event_label``, ``n_events``, ``total_severity`` of ``events``, most
    first (ties by category, then kind)."""
    table = events.groupby(["category", "event_label"], as_index=False).agg(
        n_events=("event_id", "size"), total_severity=("severity", "sum")
    )
    return table.sort_values(
        ["n_events", "category", "event_label"], ascending=[False, True, True], ignore_index=True
    )
