"""The escalation index and the monthly verdict.

Definitions (the codebook gives each event type a Goldstein weight; ``severity`` is
``-goldstein``, so an arrest weighs 5, violent repression 9 and a release -7):

* **Added severity** of a day or a month: the sum of the severity of the crackdown events
  drawn on it (``plot_date``; an event known only to the month is drawn mid-month).
  Releases subtract from it.
* **Cumulative escalation index**: the running total of added severity from the first
  day of the window.
* **Rolling escalation index**: the added severity of the last ``rolling_days`` days,
  the day itself included.
* **Monthly verdict**: a month *deteriorated* when its added severity exceeds the average
  of the three previous months by more than 25% of that average, *improved* when it falls
  short of it by more than 25%, and is otherwise *unchanged*. With an average of zero,
  any added severity is a deterioration and any net easing an improvement. The first
  month with no earlier month in the data has no verdict; the months before it count
  (as zero when nothing happened) once there is one.

Crackdown events known only to the year are left out of all of these (they cannot be
placed on a day or in a month; see :func:`~helpers.analysis.loading.datable_to_month`).
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.loading import crackdown_events, datable_to_month

VERDICT_MONTHS = 3
VERDICT_TOLERANCE = 0.25
VERDICT_RULE = (
    "A month deteriorated when the severity it added exceeds the average of the three "
    "previous months by more than 25%, improved when it falls short of that average by "
    "more than 25%, and is otherwise unchanged."
)


def daily_index(events: pd.DataFrame, start: str, end: str, rolling_days: int = 90) -> pd.DataFrame:
    """One row per day of the window: ``date``, ``added_severity``, ``n_events``,
    ``day_events`` (those of them known to the day), ``cumulative`` and ``rolling`` (see
    the module docstring for each definition)."""
    days = pd.date_range(start, end, freq="D", name="date")
    crack = datable_to_month(crackdown_events(events))
    grouped = crack.groupby("plot_date")["severity"].agg(["sum", "count"])
    grouped = grouped.reindex(days, fill_value=0)
    exact = crack[crack["date_precision"] == "day"].groupby("plot_date").size()
    out = pd.DataFrame(
        {
            "date": days,
            "added_severity": grouped["sum"].to_numpy(dtype=float),
            "n_events": grouped["count"].to_numpy(dtype=int),
            "day_events": exact.reindex(days, fill_value=0).to_numpy(dtype=int),
        }
    )
    out["cumulative"] = out["added_severity"].cumsum()
    out["rolling"] = out["added_severity"].rolling(rolling_days, min_periods=1).sum()
    return out


def monthly_severity(
    events: pd.DataFrame, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """One row per calendar month from ``start`` (default: first event) to ``end``
    (default: last event): ``month`` (first day), ``added_severity``, ``n_events``,
    ``top_event_id`` and ``top_summary`` (the month's most severe crackdown event).
    Events known only to the year are left out."""
    crack = datable_to_month(crackdown_events(events))
    months = _months(crack, start, end)
    if not len(months):
        return pd.DataFrame(
            columns=["month", "added_severity", "n_events", "top_event_id", "top_summary"]
        )
    crack = crack.assign(month=crack["plot_date"].dt.to_period("M").dt.to_timestamp())
    sums = crack.groupby("month")["severity"].agg(["sum", "count"]).reindex(months, fill_value=0)
    top = (
        crack.sort_values(["severity", "plot_date"], ascending=[False, True], kind="stable")
        .drop_duplicates("month")
        .set_index("month")
        .reindex(months)
    )
    return pd.DataFrame(
        {
            "month": months,
            "added_severity": sums["sum"].to_numpy(dtype=float),
            "n_events": sums["count"].to_numpy(dtype=int),
            "top_event_id": top["event_id"].fillna("").to_numpy(),
            "top_summary": top["summary"].fillna("").to_numpy(),
        }
    )


def _months(crack: pd.DataFrame, start: str | None, end: str | None) -> pd.DatetimeIndex:
    if start is None and crack.empty:
        return pd.DatetimeIndex([], name="month")
    first = pd.Timestamp(start) if start is not None else crack["plot_date"].min()
    last = pd.Timestamp(end) if end is not None else crack["plot_date"].max()
    if start is None and end is not None:
        first = min(first, last)
    return pd.date_range(
        first.to_period("M").to_timestamp(),
        last.to_period("M").to_timestamp(),
        freq="MS",
        name="month",
    )


def verdict(added: float, baseline: float | None, tolerance: float = VERDICT_TOLERANCE) -> str:
    """``'deteriorated'``, ``'improved'``, ``'unchanged'`` or ``'no baseline'`` (see module doc).

    >>> verdict(10, 5), verdict(5, 5), verdict(3, 5), verdict(0, 0), verdict(5, None)
    ('deteriorated', 'unchanged', 'improved', 'unchanged', 'no baseline')
    """
    if baseline is None or pd.isna(baseline):
        return "no baseline"
    margin = tolerance * abs(baseline)
    if added > baseline + margin:
        return "deteriorated"
    if added < baseline - margin:
        return "improved"
    return "unchanged"


def monthly_verdicts(
    events: pd.DataFrame,
    start: str,
    end: str,
    months: int = VERDICT_MONTHS,
    tolerance: float = VERDICT_TOLERANCE,
) -> pd.DataFrame:
    """Verdict for each month of the window: ``month``, ``added_severity``, ``baseline``
    (average of up to ``months`` previous months), ``verdict``.

    Pass the events known by ``as_of`` *before* window filtering so that the first months
    of the window have a baseline from the months before it.
    """
    crack = datable_to_month(crackdown_events(events))
    first = crack["plot_date"].min() if not crack.empty else pd.Timestamp(start)
    origin = min(first, pd.Timestamp(start))
    table = monthly_severity(events, origin.isoformat()[:10], end)
    baseline = table["added_severity"].shift(1).rolling(months, min_periods=1).mean()
    table["baseline"] = baseline
    table["verdict"] = [
        verdict(a, b, tolerance) for a, b in zip(table["added_severity"], baseline, strict=True)
    ]
    window = table["month"] >= pd.Timestamp(start).to_period("M").to_timestamp()
    cols = ["month", "added_severity", "n_events", "baseline", "verdict", "top_summary"]
    return table.loc[window, cols].reset_index(drop=True)


def worst_month(events: pd.DataFrame) -> pd.Series | None:
    """The month with the highest added severity (earliest on a tie), or ``None``."""
    table = monthly_severity(events)
    table = table[table["n_events"] > 0]
    if table.empty:
        return None
    return table.loc[table["added_severity"].idxmax()]


def most_severe_event(events: pd.DataFrame) -> pd.Series | None:
    """The crackdown event of highest severity (earliest on a tie), or ``None``."""
    crack = crackdown_events(events)
    if crack.empty:
        return None
    ordered = crack.sort_values(["severity", "plot_date"], ascending=[False, True], kind="stable")
    return ordered.iloc[0]


def severity_by(events: pd.DataFrame, column: str) -> pd.DataFrame:
    """Crackdown events grouped by ``column`` (e.g. ``event_label``, ``actor``): ``n_events``,
    ``total_severity``, ``share`` of all added severity; ``;``-lists are split so each
    name gets the event's full severity. Sorted by total severity, highest first."""
    crack = crackdown_events(events)
    cols = [column, "n_events", "total_severity", "share"]
    if crack.empty:
        return pd.DataFrame(columns=cols)
    exploded = crack.assign(**{column: crack[column].str.split(";")}).explode(column)
    exploded[column] = exploded[column].str.strip()
    out = exploded.groupby(column, as_index=False).agg(
        n_events=("event_id", "nunique"), total_severity=("severity", "sum")
    )
    total = crack["severity"].sum()
    out["share"] = out["total_severity"] / total if total else 0.0
    return out.sort_values(
        ["total_severity", column], ascending=[False, True], kind="stable", ignore_index=True
    )[cols]
