"""Outlets cited by the events: horizontal bars of how many events cite each (from
:func:`helpers.analysis.sources.outlet_counts`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import outlets_finding
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.style import (
    OKABE_ITO,
    count_axis,
    empty_figure,
    finish,
    wrap,
)

LABEL_WIDTH = 30


def outlets_chart(outlets: pd.DataFrame, source: str, limit: int = 15) -> go.Figure:
    """The ``limit`` most cited outlets, most cited on top, each labelled with its count."""
    finding = outlets_finding(outlets)
    if outlets.empty:
        fig = empty_figure(finding, source, "The articles behind these events cite no outlet.")
        return describe(fig, finding, "Bar chart with no outlets to draw.")
    part = outlets.head(limit).iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=part["n_events"],
            y=[wrap(o, LABEL_WIDTH) for o in part["outlet"]],
            orientation="h",
            marker_color=OKABE_ITO["bluish_green"],
            name="events citing the outlet",
            text=part["n_events"],
            textposition="outside",
            cliponaxis=False,
        )
    )
    count_axis(fig, "x", part["n_events"].max())
    fig = finish(
        fig,
        finding,
        source,
        "Events citing the outlet (count)",
        None,
        height=max(320, 200 + 26 * len(part)),
    )
    shown = "" if len(outlets) <= limit else f" (the {limit} most cited of {len(outlets):,})"
    alt = f"Bar chart of how many events cite each outlet{shown}."
    return describe(
        fig, finding, alt, numbers(outlets, {"outlet": "Outlet", "n_events": "Events citing it"})
    )
