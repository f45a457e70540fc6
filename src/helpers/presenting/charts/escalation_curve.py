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
#: Above this many days to draw (about three years of daily changes), the curve is drawn
#: at each week's end, so a briefing's page does not grow with its window's length.
MAX_DRAWN_DAYS = 1_100
X_TITLE_WEEKLY = "Date (the index at each week's end and on its peak day)"
CURVES = ["cumulative", "cumulative_possible", "rolling", "rolling_possible"]
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
    drawn, weekly = drawn_days(index)
    fig = go.Figure()
    _band(
        fig,
        drawn,
        "cumulative",
        "cumulative_possible",
        "cumulative index",
        "vermillion",
        "cumulative",
    )
    _band(
        fig,
        drawn,
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
    x_title = X_TITLE_WEEKLY if weekly else X_TITLE
    fig = finish(fig, finding, source, x_title, Y_TITLE, height=HEIGHT)
    span = f" from {format_date(lo)} to {format_date(hi)}" if lo is not None else ""
    greyed = (
        f"; the time after {format_date(cutoff)} is greyed, no source covers it"
        if shaded and cutoff is not None
        else ""
    )
    drawn_at = "at each week's end" if weekly else "by day"
    alt = (
        f"Line chart of the escalation index {drawn_at}{span}: the cumulative severity score of "
        f"crackdown acts and the severity of the last {rolling_days} days, each a line for "
        "the acts certainly past and a shaded band up to the value counting acts that may "
        f"have begun{greyed}."
    )
    return describe(fig, finding, alt, _numbers(index))


def drawn_days(index: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The days of ``index`` the curve is drawn through, and whether they are weekly.

    A day whose four values equal both its neighbours' lies on the straight line between
    them and is left out: nothing drawn changes. When more than :data:`MAX_DRAWN_DAYS` days
    remain, the curve is drawn through each week's last day, the first and last day and the
    day the rolling index peaks (the finding names that day), every value as computed.

    >>> days = pd.date_range("2017-01-01", periods=5, freq="D", name="date")
    >>> index = pd.DataFrame({"date": days, **{c: [0, 0, 0, 6, 6] for c in CURVES}})
    >>> drawn, weekly = drawn_days(index)
    >>> drawn["date"].dt.day.tolist(), weekly
    ([1, 3, 4, 5], False)
    """
    if len(index) <= 2:
        return index, False
    values = index[CURVES]
    same_before = (values == values.shift(1)).all(axis=1)
    same_after = (values == values.shift(-1)).all(axis=1)
    drawn = index[~(same_before & same_after)]
    if len(drawn) <= MAX_DRAWN_DAYS:
        return drawn.reset_index(drop=True), False
    week_end = index["date"].dt.day_of_week == 6
    keep = week_end | (index.index == index.index[0]) | (index.index == index.index[-1])
    keep |= index.index == index["rolling"].idxmax()
    return index[keep].reset_index(drop=True), True


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
