"""The escalation curve: the escalation index day by day, as the band its imprecise dates
allow (from :func:`helpers.analysis.escalation.daily_index`).

Each index is drawn as a line for the least it can be by the day (the acts whose whole
interval is past; an easing act such as a release, whose score is negative, as soon as it
may have begun) and a shaded band up to the most (the other way round); a precisely dated
act moves both at once.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import escalation_finding
from helpers.dates import format_date, format_month
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.marks import shade_no_coverage
from helpers.presenting.charts.style import OKABE_ITO, finish, number

HEIGHT = 420
X_TITLE = "Date"
Y_TITLE = "Escalation index<br>(sum of severity scores)"
BANDS = {"vermillion": "rgba(213,94,0,0.18)", "blue": "rgba(0,114,178,0.18)"}


def _band(
    fig: go.Figure,
    index: pd.DataFrame,
    certain: str,
    possible: str,
    name: str,
    color: str,
    short: str,
) -> None:
    """A solid line for ``certain`` and a shaded band up to ``possible`` (named ``short``
    in the legend, so the entry fits its half of the row)."""
    fig.add_trace(
        go.Scatter(
            x=index["date"],
            y=index[certain],
            mode="lines",
            name=name,
            line={"color": OKABE_ITO[color], "width": 2.5 if color == "vermillion" else 2},
            hovertemplate=f"%{{x|%d %b %Y}}: {name} %{{y:g}}<extra></extra>",
            legendgroup=certain,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=index["date"],
            y=index[possible],
            mode="lines",
            name=f"{short}: with acts that may have begun",
            line={"color": OKABE_ITO[color], "width": 0.5, "dash": "dot"},
            fill="tonexty",
            fillcolor=BANDS[color],
            hovertemplate="%{x|%d %b %Y}: up to %{y:g}<extra></extra>",
            legendgroup=certain,
        )
    )


def escalation_curve(
    index: pd.DataFrame,
    source: str,
    rolling_days: int,
    *,
    window: tuple[str, str] | None = None,
    cutoff: pd.Timestamp | None = None,
) -> go.Figure:
    """Cumulative and rolling escalation index (each a line and its band), greyed after
    ``cutoff`` up to the end of ``window`` (default: the index's last day)."""
    finding = escalation_finding(index, rolling_days, cutoff)
    fig = go.Figure()
    _band(
        fig,
        index,
        "cumulative",
        "cumulative_possible",
        "cumulative index",
        "vermillion",
        "cumulative",
    )
    _band(
        fig,
        index,
        "rolling",
        "rolling_possible",
        f"severity of the last {rolling_days} days",
        "blue",
        f"last {rolling_days} days",
    )
    lo = pd.Timestamp(window[0]) if window else (index["date"].min() if len(index) else None)
    hi = pd.Timestamp(window[1]) if window else (index["date"].max() if len(index) else None)
    if lo is not None and hi is not None:
        fig.update_xaxes(range=[lo, hi], type="date")
    fig.update_yaxes(rangemode="tozero")
    shaded = shade_no_coverage(fig, cutoff, hi)
    fig = finish(fig, finding, source, X_TITLE, Y_TITLE, height=HEIGHT)
    span = f" from {format_date(lo)} to {format_date(hi)}" if lo is not None else ""
    greyed = f"; the time after {format_date(cutoff)} is greyed, no source covers it"
    alt = (
        f"Line chart of the escalation index by day{span}: the cumulative severity score of "
        f"crackdown acts and the severity of the last {rolling_days} days, each a line for "
        "the acts certainly past and a shaded band up to the value counting acts that may "
        f"have begun{greyed if shaded else ''}."
    )
    return describe(fig, finding, alt, _numbers(index))


def _numbers(index: pd.DataFrame) -> dict:
    """Month by month: the cumulative index at the month's end, certain and possible."""
    columns = {
        "month": "Month",
        "cumulative": "Cumulative index at the month's end, at least",
        "possible": "At most, counting acts that may have begun",
    }
    if index.empty:
        return numbers(pd.DataFrame(columns=list(columns)), columns)
    month = index["date"].dt.to_period("M")
    table = index.groupby(month).agg(
        cumulative=("cumulative", "last"), possible=("cumulative_possible", "last")
    )
    changed = table.diff().fillna(table).abs().sum(axis=1) > 0
    table = table[changed].reset_index()
    table["month"] = table["date"].map(lambda p: format_month(p.to_timestamp()))
    table["cumulative"] = table["cumulative"].map(number)
    table["possible"] = table["possible"].map(number)
    return numbers(table, columns)
