"""Counts per month against the period average.

Definition: for each category, the number of events placed in each calendar month of the
window (events whose interval lies within the month), the **average** over those months
(months with no event count as zero; callers end the window at the last covered month, so
every page uses the same months as base), the **ratio** of the month's count to that
average, and whether the month is **above average**. Events whose interval spans more than
one month are left out.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.loading import datable_to_month

COLUMNS = ["month", "category", "n_events", "average", "ratio", "above_average"]


def monthly_counts(
    events: pd.DataFrame,
    start: str,
    end: str,
    categories: list[str] | None = None,
    covered_end: str | None = None,
) -> pd.DataFrame:
    """Tidy counts: ``month``, ``category``, ``n_events``, ``average``, ``ratio``,
    ``above_average`` for every month from ``start`` to ``end`` and every category listed
    (default: the categories present). The average is taken over the months that ended by
    ``covered_end`` (default ``end``): a month the sources cover only in part shows its
    events but does not enter the average (its ratio is 0 and it is never above it)."""
    months = pd.date_range(
        pd.Timestamp(start).to_period("M").to_timestamp(),
        pd.Timestamp(end).to_period("M").to_timestamp(),
        freq="MS",
    )
    cats = categories if categories is not None else sorted(events["category"].unique())
    if not len(months) or not cats:
        return pd.DataFrame(columns=COLUMNS)
    counts = datable_to_month(events).groupby(["month", "category"]).size()
    index = pd.MultiIndex.from_product([months, cats], names=["month", "category"])
    out = counts.reindex(index, fill_value=0).rename("n_events").reset_index()
    covered = out["month"] + pd.offsets.MonthEnd(0) <= pd.Timestamp(covered_end or end)
    base = out["n_events"].where(covered)
    out["average"] = base.groupby(out["category"]).transform("mean").fillna(0.0)
    out["ratio"] = (out["n_events"] / out["average"]).where((out["average"] > 0) & covered, 0.0)
    out["above_average"] = (out["n_events"] > out["average"]) & covered
    return out[COLUMNS]
