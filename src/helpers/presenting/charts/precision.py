"""How precisely events are dated: bars per date precision (precisions with no event left
out), from :func:`helpers.analysis.sources.precision_mix`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import precision_finding
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.style import OKABE_ITO, count_axis, empty_figure, finish

PRECISION_COLORS = {
    "day": OKABE_ITO["blue"],
    "month": OKABE_ITO["orange"],
    "year": OKABE_ITO["reddish_purple"],
    "range": OKABE_ITO["bluish_green"],
}


def precision_chart(mix: pd.DataFrame, source: str) -> go.Figure:
    """Events by date precision, each bar labelled with its count."""
    finding = precision_finding(mix)
    shown = mix[mix["n_events"] > 0]
    if shown.empty:
        fig = empty_figure(finding, source, "No events in this window.")
        return describe(fig, finding, "Bar chart with no events to draw.")
    fig = go.Figure(
        go.Bar(
            x=shown["meaning"],
            y=shown["n_events"],
            name="events",
            marker_color=[
                PRECISION_COLORS.get(p, OKABE_ITO["black"]) for p in shown["date_precision"]
            ],
            text=shown["n_events"],
            textposition="outside",
            cliponaxis=False,
        )
    )
    count_axis(fig, "y", shown["n_events"].max())
    fig = finish(fig, finding, source, "How precisely the date is known", "Events", height=340)
    alt = (
        "Bar chart of events by how precisely their date is known: "
        + "; ".join(f"{m} {n:,}" for m, n in zip(shown["meaning"], shown["n_events"], strict=True))
        + "."
    )
    table = shown.assign(share_words=shown["share"].map("{:.0%}".format))
    return describe(
        fig,
        finding,
        alt,
        numbers(table, {"meaning": "Date known", "n_events": "Events", "share_words": "Share"}),
    )
