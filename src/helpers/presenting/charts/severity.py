"""Crackdown severity by kind of act or by actor: horizontal bars of the total severity
score (from :func:`helpers.analysis.escalation.severity_by`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import severity_finding
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.style import OKABE_ITO, empty_figure, esc, finish, number, wrap

LABEL_WIDTH = 30


def severity_bars(
    table: pd.DataFrame, column: str, source: str, what: str, limit: int = 12
) -> go.Figure:
    """The ``limit`` heaviest ``column`` values (``event_label`` or ``actor``), heaviest on
    top, each labelled with its total."""
    finding = severity_finding(table, column, what)
    if table.empty:
        fig = empty_figure(finding, source, "No crackdown events in this window.")
        return describe(fig, finding, "Bar chart with no crackdown acts to draw.")
    part = table.head(limit).iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=part["total_severity"],
            y=[wrap(v, LABEL_WIDTH) for v in part[column]],
            orientation="h",
            marker_color=OKABE_ITO["vermillion"],
            name="total severity",
            text=[number(v) for v in part["total_severity"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"{esc(v)}: {n:,} events, severity score {s:g}"
                for v, n, s in zip(
                    part[column], part["n_events"], part["total_severity"], strict=True
                )
            ],
            hoverinfo="text",
        )
    )
    fig = finish(
        fig,
        finding,
        source,
        "Total severity score (the scores of its acts added up)",
        None,
        height=max(320, 200 + 34 * len(part)),
    )
    shown = "" if len(table) <= limit else f" (the {limit} heaviest of {len(table):,})"
    alt = f"Bar chart of the crackdown's total severity score by {what}{shown}."
    table = table.assign(
        total=table["total_severity"].map(number), share_words=table["share"].map("{:.0%}".format)
    )
    return describe(
        fig,
        finding,
        alt,
        numbers(
            table,
            {
                column: what.capitalize(),
                "n_events": "Events",
                "total": "Total severity score",
                "share_words": "Share of the total",
            },
        ),
    )
