"""The escalation curve: the cumulative escalation index and the severity added over the
rolling window, day by day (from :func:`helpers.analysis.escalation.daily_index`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import escalation_finding
from helpers.dates import format_date, format_month
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.marks import shade_no_coverage
from helpers.presenting.charts.style import OKABE_ITO, finish, number

HEIGHT = 400
X_TITLE = "Date (acts known only to the year left out)"
Y_TITLE = "Escalation index<br>(sum of severity scores)"


def escalation_curve(
    index: pd.DataFrame,
    source: str,
    rolling_days: int,
    *,
    window: tuple[str, str] | None = None,
    cutoff: pd.Timestamp | None = None,
) -> go.Figure:
    """Cumulative and rolling escalation index, greyed after ``cutoff`` up to the end of
    ``window`` (default: the index's last day)."""
    finding = escalation_finding(index, rolling_days)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=index["date"],
            y=index["cumulative"],
            mode="lines",
            name="cumulative index",
            line={"color": OKABE_ITO["vermillion"], "width": 2.5},
            hovertemplate="%{x|%d %b %Y}: cumulative severity %{y:g}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=index["date"],
            y=index["rolling"],
            mode="lines",
            name=f"severity added in the last {rolling_days} days",
            line={"color": OKABE_ITO["blue"], "width": 2, "dash": "dash"},
            hovertemplate=f"%{{x|%d %b %Y}}: last {rolling_days} days %{{y:g}}<extra></extra>",
        )
    )
    lo = pd.Timestamp(window[0]) if window else (index["date"].min() if len(index) else None)
    hi = pd.Timestamp(window[1]) if window else (index["date"].max() if len(index) else None)
    if lo is not None and hi is not None:
        fig.update_xaxes(range=[lo, hi], type="date")
    shaded = shade_no_coverage(fig, cutoff, hi)
    fig = finish(fig, finding, source, X_TITLE, Y_TITLE, height=HEIGHT)
    alt = (
        "Line chart of the escalation index by day"
        + (f" from {format_date(lo)} to {format_date(hi)}" if lo is not None else "")
        + f": the cumulative severity score of crackdown acts (solid line) and the severity "
        f"added in the last {rolling_days} days (dashed line)"
        + (
            f"; the time after {format_date(cutoff)} is greyed, no source covers it"
            if shaded
            else ""
        )
        + "."
    )
    return describe(fig, finding, alt, _numbers(index))


def _numbers(index: pd.DataFrame) -> dict:
    """Month by month: severity added and the cumulative index at the month's end."""
    if index.empty:
        return numbers(pd.DataFrame(columns=["month", "added", "cumulative"]), {"month": "Month"})
    month = index["date"].dt.to_period("M")
    table = index.groupby(month).agg(
        added=("added_severity", "sum"), cumulative=("cumulative", "last")
    )
    table = table[(table["added"] != 0) | (table["cumulative"] != 0)].reset_index()
    table["month"] = table["date"].map(lambda p: format_month(p.to_timestamp()))
    table["added"] = table["added"].map(number)
    table["cumulative"] = table["cumulative"].map(number)
    return numbers(
        table,
        {
            "month": "Month",
            "added": "Severity added in the month",
            "cumulative": "Cumulative index at the month's end",
        },
    )
