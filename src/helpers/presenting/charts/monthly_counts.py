"""Events per month, one panel per category (categories with no event left out), each
against its monthly average (from :func:`helpers.analysis.periods.monthly_counts`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analysis.findings import monthly_counts_finding
from helpers.dates import format_month
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.marks import shade_no_coverage
from helpers.presenting.charts.style import (
    CATEGORY_COLORS,
    OKABE_ITO,
    count_axis,
    empty_figure,
    finish,
    number,
)

PANEL_PX = 120
AVERAGE = "monthly average of the panel's category"


def category_name(category: str) -> str:
    """``'international_response'`` -> ``'International response'``."""
    return category.replace("_", " ").capitalize()


def monthly_counts_chart(
    counts: pd.DataFrame,
    source: str,
    categories: tuple[str, ...] = ("crackdown", "international_response"),
    *,
    window: tuple[str, str] | None = None,
    cutoff: pd.Timestamp | None = None,
) -> go.Figure:
    """Small multiples: bars of events per month for each of ``categories`` that has an
    event, each with its monthly average as a dashed line; greyed after ``cutoff``."""
    finding = monthly_counts_finding(counts)
    present = [c for c in categories if counts.loc[counts["category"] == c, "n_events"].sum() > 0]
    if not present:
        fig = empty_figure(finding, source, "No events in this window.")
        return describe(fig, finding, "Chart with no events to draw.")
    fig = make_subplots(
        rows=len(present),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12 if len(present) > 1 else 0.0,
        subplot_titles=[category_name(c) for c in present],
    )
    for row, cat in enumerate(present, 1):
        part = counts[counts["category"] == cat]
        color = CATEGORY_COLORS.get(cat, OKABE_ITO["black"])
        fig.add_trace(
            go.Bar(
                x=part["month"],
                y=part["n_events"],
                name=f"{category_name(cat)}: events per month",
                marker_color=color,
                xperiod="M1",
                xperiodalignment="middle",
                showlegend=False,
                hovertemplate="%{x|%B %Y}: %{y} events<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=part["month"],
                y=part["average"],
                mode="lines",
                name=AVERAGE,
                line={"color": "#000000", "dash": "dash", "width": 1.2},
                showlegend=row == 1,
                hovertemplate="monthly average %{y:.2f}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        count_axis(fig, "y", part["n_events"].max(), row=row, col=1)
        fig.update_yaxes(title_text="Events", row=row, col=1)
    hi = pd.Timestamp(window[1]) if window else None
    if window:
        fig.update_xaxes(range=[pd.Timestamp(window[0]), hi], type="date")
    shaded = shade_no_coverage(fig, cutoff, hi, rows=len(present), monthly=True)
    height = 200 + PANEL_PX * len(present)
    fig = finish(
        fig,
        finding,
        source,
        "Month (events whose dates span more than one month left out)",
        None,
        height=height,
    )
    alt = (
        "Bar charts of events per month, one panel per category ("
        + ", ".join(category_name(c).lower() for c in present)
        + "), each with a dashed line at its monthly average"
        + ("; months after the data cut-off are greyed" if shaded else "")
        + "."
    )
    return describe(fig, finding, alt, _numbers(counts, present))


def _numbers(counts: pd.DataFrame, present: list[str]) -> dict:
    """One row per month with an event, a column per category."""
    wide = counts[counts["category"].isin(present)].pivot_table(
        index="month", columns="category", values="n_events", aggfunc="sum", fill_value=0
    )
    wide = wide[wide.sum(axis=1) > 0].reset_index()
    wide["month"] = wide["month"].map(format_month)
    for cat in present:
        wide[cat] = wide[cat].map(number)
    return numbers(wide, {"month": "Month", **{c: category_name(c) for c in present}})
