"""The explorer for analysts in JupyterLab: every event on a time axis (y = severity), a
dropdown to show one category and a range slider. Not part of the rendered briefings."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.presenting.charts.accessible import describe
from helpers.presenting.charts.marks import event_traces
from helpers.presenting.charts.style import CATEGORY_COLORS, SEVERITY_AXIS, finish

DATE_AXIS = "Date (a dotted line spans the dates an imprecise event may fall on)"


def explorer(events: pd.DataFrame, source: str) -> go.Figure:
    """All ``events`` by date and severity, filterable by category and date."""
    fig = go.Figure()
    cats = [c for c in CATEGORY_COLORS if (events["category"] == c).any()]
    for cat in cats:
        part = events[events["category"] == cat].reset_index(drop=True)
        for trace in event_traces(
            part, part["severity"], CATEGORY_COLORS[cat], cat.replace("_", " "), group=cat
        ):
            trace.meta = {**(trace.meta or {}), "category": cat}
            fig.add_trace(trace)
    buttons = [
        {
            "label": "all categories",
            "method": "update",
            "args": [{"visible": [True] * len(fig.data)}],
        }
    ]
    for cat in cats:
        visible = [t.meta.get("category") == cat for t in fig.data]
        buttons.append(
            {"label": cat.replace("_", " "), "method": "update", "args": [{"visible": visible}]}
        )
    fig.update_layout(updatemenus=[{"buttons": buttons, "x": 1, "xanchor": "right", "y": 1.15}])
    fig.update_xaxes(rangeslider={"visible": True})
    title = f"{len(events):,} coded events by date and severity"
    fig = finish(fig, title, source, DATE_AXIS, SEVERITY_AXIS, height=640, x_space=110)
    return describe(
        fig, title, f"Scatter chart of {len(events):,} coded events by date and severity score."
    )
