"""International responses by kind: horizontal bars (kinds with no response left out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import responses_finding
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.style import OKABE_ITO, count_axis, empty_figure, finish, wrap

LABEL_WIDTH = 28


def responses_by_kind_chart(table: pd.DataFrame, source: str) -> go.Figure:
    """Bars of :func:`helpers.analysis.responses.responses_by_kind`, most common on top."""
    finding = responses_finding(table)
    shown = table[table["n_events"] > 0]
    if shown.empty:
        fig = empty_figure(finding, source, "No international responses in this window.")
        return describe(fig, finding, "Bar chart with no responses to draw.")
    ordered = shown.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered["n_events"],
            y=[wrap(v, LABEL_WIDTH) for v in ordered["label"]],
            orientation="h",
            marker_color=OKABE_ITO["blue"],
            name="international responses",
            text=ordered["n_events"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} responses<extra></extra>",
        )
    )
    count_axis(fig, "x", ordered["n_events"].max())
    fig = finish(
        fig,
        finding,
        source,
        "Number of responses (events)",
        None,
        height=max(300, 200 + 34 * len(shown)),
    )
    alt = (
        f"Bar chart of {int(shown['n_events'].sum())} international responses by kind: "
        + "; ".join(f"{k} {n:,}" for k, n in zip(shown["label"], shown["n_events"], strict=True))
        + "."
    )
    return describe(
        fig, finding, alt, numbers(shown, {"label": "Kind of response", "n_events": "Responses"})
    )
