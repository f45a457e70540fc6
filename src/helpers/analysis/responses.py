"""International responses: by kind, by responder, and how fast they answered.

Definitions:

* A response **answers** a crackdown event when the crackdown event's id is listed in the
  response's ``responds_to`` cell.
* **Response lag** of a crackdown event: days from its ``plot_date`` to the ``plot_date``
  of the first international response that answers it. The lag is **approximate** when
  either date is known only to the month or year (both are then drawn at the middle of
  their span); an approximate lag is never negative (clipped at zero). Its
  **precision** is the coarser of the two dates' precisions. A lag involving a date known
  only to the year is listed but left out of the **median lag** (it could be anything
  from zero to a year).
* A crackdown event has **no response** when no international response known by the
  briefing date answers it. Releases (negative severity) are not expected to be answered
  and are left out of that list.
"""

from __future__ import annotations

from itertools import zip_longest

import pandas as pd

from helpers.analysis.loading import crackdown_events, international_responses
from helpers.dataset.actors import split_names
from helpers.dates import format_event_date

LAG_COLUMNS = [
    "crackdown_id",
    "crackdown_date",
    "crackdown_summary",
    "crackdown_precision",
    "response_id",
    "response_date",
    "responder",
    "response_kind",
    "response_precision",
    "lag_days",
    "approximate",
    "lag_precision",
    "lag_label",
]
PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def responses_by_kind(events: pd.DataFrame, kinds: dict[str, str] | None = None) -> pd.DataFrame:
    """International responses counted by ``response_kind``: ``response_kind``, ``label``
    (from the codebook's ``response_kinds`` when given), ``n_events``. Every kind in
    ``kinds`` is listed, with zero when absent; sorted by count, highest first."""
    resp = international_responses(events)
    counts = resp["response_kind"].value_counts()
    kinds = kinds or {}
    names = list(dict.fromkeys([*kinds, *counts.index]))
    out = pd.DataFrame(
        {
            "response_kind": names,
            "label": [kinds.get(k, k.replace("_", " ").capitalize()) for k in names],
            "n_events": [int(counts.get(k, 0)) for k in names],
        }
    )
    return out.sort_values(
        ["n_events", "label"], ascending=[False, True], kind="stable", ignore_index=True
    )


def responders(events: pd.DataFrame) -> pd.DataFrame:
    """Who responded and how: ``actor``, ``actor_kind``, ``n_events``, ``kinds`` (the
    response kinds used, ``;``-separated), ``first_date``, ``last_date`` (drawn dates) and
    ``first_when``, ``last_when`` (those dates in words, at their precision)."""
    resp = international_responses(events)
    cols = [
        "actor",
        "actor_kind",
        "n_events",
        "kinds",
        "first_date",
        "last_date",
        "first_when",
        "last_when",
    ]
    if resp.empty:
        return pd.DataFrame(columns=cols)
    # Each actor of a joint response keeps its own kind (actor_kind is aligned with actor).
    pairs = [
        list(zip_longest(split_names(a), split_names(k), fillvalue=""))
        for a, k in zip(resp["actor"], resp["actor_kind"], strict=True)
    ]
    exploded = resp.assign(pair=pairs).explode("pair")
    exploded["actor"] = exploded["pair"].str[0]
    exploded["actor_kind"] = exploded["pair"].str[1]
    exploded = exploded.sort_values(["plot_date", "event_id"], kind="stable")
    exploded["when"] = [
        format_event_date(d, p)
        for d, p in zip(exploded["date"], exploded["date_precision"], strict=True)
    ]
    out = exploded.groupby("actor", as_index=False).agg(
        actor_kind=("actor_kind", "first"),
        n_events=("event_id", "nunique"),
        kinds=("response_kind", lambda s: ";".join(sorted(set(s)))),
        first_date=("plot_date", "min"),
        last_date=("plot_date", "max"),
        first_when=("when", "first"),
        last_when=("when", "last"),
    )
    return out.sort_values(
        ["n_events", "actor"], ascending=[False, True], kind="stable", ignore_index=True
    )[cols]


def answers(responses: pd.DataFrame) -> pd.DataFrame:
    """One row per (response, crackdown id it answers): the ``responds_to`` links exploded."""
    resp = international_responses(responses)
    links = resp.assign(crackdown_id=resp["responds_to"].map(split_names)).explode("crackdown_id")
    return links.dropna(subset=["crackdown_id"]).reset_index(drop=True)


def response_lags(events: pd.DataFrame, responses: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each crackdown event in ``events`` answered by a response in ``responses``
    (default: ``events``), its first response and the lag (see the module docstring).

    Columns: crackdown_id, crackdown_date, crackdown_summary, crackdown_precision,
    response_id, response_date, responder, response_kind, response_precision, lag_days,
    approximate, lag_label. Sorted by crackdown date.
    """
    crack = crackdown_events(events)
    links = answers(events if responses is None else responses)
    if crack.empty or links.empty:
        return pd.DataFrame(columns=LAG_COLUMNS)
    merged = crack.merge(links, left_on="event_id", right_on="crackdown_id", suffixes=("_c", "_r"))
    if merged.empty:
        return pd.DataFrame(columns=LAG_COLUMNS)
    merged = merged.sort_values(["event_id_c", "plot_date_r", "event_id_r"], kind="stable")
    first = merged.drop_duplicates("event_id_c")
    approximate = (first["date_precision_c"] != "day") | (first["date_precision_r"] != "day")
    coarsest = [
        max(c, r, key=lambda p: PRECISION_ORDER.get(p, 0))
        for c, r in zip(first["date_precision_c"], first["date_precision_r"], strict=True)
    ]
    lag = (first["plot_date_r"] - first["plot_date_c"]).dt.days
    lag = lag.where(~approximate, lag.clip(lower=0))
    out = pd.DataFrame(
        {
            "crackdown_id": first["event_id_c"],
            "crackdown_date": first["plot_date_c"],
            "crackdown_summary": first["summary_c"],
            "crackdown_precision": first["date_precision_c"],
            "response_id": first["event_id_r"],
            "response_date": first["plot_date_r"],
            "responder": first["actor_r"],
            "response_kind": first["response_kind_r"],
            "response_precision": first["date_precision_r"],
            "lag_days": lag.astype(int),
            "approximate": approximate.astype(bool),
            "lag_precision": coarsest,
        }
    )
    out["lag_label"] = [
        lag_label(d, a, p)
        for d, a, p in zip(out["lag_days"], out["approximate"], out["lag_precision"], strict=True)
    ]
    return out.sort_values(["crackdown_date", "crackdown_id"], kind="stable", ignore_index=True)


def lag_label(days: int, approximate: bool, precision: str = "month") -> str:
    """``'12 days'``, ``'about 30 days (date known to the month)'``, ``'same day'``;
    ``precision`` is the coarser precision of the two dates of an approximate lag.

    >>> lag_label(1, False), lag_label(30, True), lag_label(0, False)
    ('1 day', 'about 30 days (date known to the month)', 'same day')
    >>> lag_label(0, True), lag_label(0, True, "year")
    ('same month (date known to the month)', 'same year (date known only to the year)')
    """
    if not approximate:
        return "same day" if days == 0 else f"{days} day{'s' if abs(days) != 1 else ''}"
    if precision == "year":
        note = "(date known only to the year)"
        return f"same year {note}" if days == 0 else f"about {days} days {note}"
    if days == 0:
        return "same month (date known to the month)"
    return f"about {days} day{'s' if abs(days) != 1 else ''} (date known to the month)"


def median_lag_words(median: float | None, approximate: bool) -> str:
    """The median lag in words: ``'none'``, ``'16 days'``, ``'about 16 days'``, or
    ``'within the same month'`` for an approximate median of zero (dates drawn mid-month).

    >>> median_lag_words(16, True), median_lag_words(0, True), median_lag_words(None, False)
    ('about 16 days', 'within the same month', 'none')
    """
    if median is None:
        return "none"
    if median == 0:
        return "within the same month" if approximate else "the same day"
    return f"{'about ' if approximate else ''}{median:g} days"


def median_lag(lags: pd.DataFrame) -> tuple[float | None, bool]:
    """Median ``lag_days`` and whether any lag in it is approximate (``None`` when empty).

    Lags involving a date known only to the year are left out (see the module docstring).
    """
    if "lag_precision" in lags.columns:
        lags = lags[lags["lag_precision"] != "year"]
    if lags.empty:
        return None, False
    return float(lags["lag_days"].median()), bool(lags["approximate"].any())


def unanswered(events: pd.DataFrame, responses: pd.DataFrame | None = None) -> pd.DataFrame:
    """Crackdown events (severity above zero) that no international response answers.

    Returns those rows of ``events`` with their contract columns, sorted by severity
    (highest first), then date.
    """
    crack = crackdown_events(events)
    crack = crack[crack["severity"] > 0]
    answered = set(answers(events if responses is None else responses)["crackdown_id"])
    out = crack[~crack["event_id"].isin(answered)]
    return out.sort_values(
        ["severity", "plot_date"], ascending=[False, True], kind="stable", ignore_index=True
    )


def share_answered(events: pd.DataFrame, responses: pd.DataFrame | None = None) -> tuple[int, int]:
    """(answered, total) crackdown events of severity above zero."""
    crack = crackdown_events(events)
    total = int((crack["severity"] > 0).sum())
    return total - len(unanswered(events, responses)), total
