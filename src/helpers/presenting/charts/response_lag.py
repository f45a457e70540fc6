"""Response lag: for each answered crackdown act, the range of days to its first
international response (from :func:`helpers.analysis.responses.response_lags`).

Dates are intervals, so a lag is a range (shortest to longest possible gap): drawn as a
bar from one to the other with a marker at each end (one marker when the lag is exact),
labelled with the range in words ("0-3 days")."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import lag_finding
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.style import OKABE_ITO, empty_figure, esc, finish, wrap

LABEL_WIDTH = 30


def act_labels(lags: pd.DataFrame) -> list[str]:
    """Each answered act as a y-axis label: its headline and its date in words."""
    return [
        f"{wrap(h or i, LABEL_WIDTH)}<br>{esc(w)}"
        for h, i, w in zip(
            lags["crackdown_headline"].fillna(""),
            lags["crackdown_id"],
            lags["crackdown_when"],
            strict=True,
        )
    ]


def response_lag_chart(lags: pd.DataFrame, source: str) -> go.Figure:
    """One row per answered act (earliest on top): its lag range and the range in words."""
    finding = lag_finding(lags)
    if lags.empty:
        fig = empty_figure(finding, source, "No answered crackdown act in this window.")
        return describe(fig, finding, "Chart with no answered crackdown acts to draw.")
    labels = act_labels(lags)
    color = OKABE_ITO["orange"]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=(lags["lag_max"] - lags["lag_min"]).tolist(),
            base=lags["lag_min"].tolist(),
            y=labels,
            orientation="h",
            width=0.35,
            marker={"color": color, "opacity": 0.45},
            name="possible lag (dates are intervals)",
            hoverinfo="skip",
        )
    )
    for column, name in (("lag_min", "shortest possible lag"), ("lag_max", "longest possible lag")):
        fig.add_trace(
            go.Scatter(
                x=lags[column],
                y=labels,
                mode="markers",
                marker={
                    "color": color,
                    "size": 10,
                    "symbol": "line-ns" if column == "lag_min" else "line-ns-open",
                    "line": {"width": 3, "color": color},
                },
                name=name,
                showlegend=False,
                hovertext=[
                    f"{esc(lab)}: first response by {esc(r)}"
                    for lab, r in zip(lags["lag_label"], lags["responder"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=lags["lag_max"],
            y=labels,
            mode="text",
            text=[f"  {esc(lab)}" for lab in lags["lag_label"]],
            textposition="middle right",
            name="lag in words",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    longest = float(lags["lag_max"].max() or 0)
    fig.update_xaxes(range=[-0.5, max(longest, 1) * 1.35 + 2], rangemode="tozero")
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    fig = finish(
        fig,
        finding,
        source,
        "Days to the first international response (shortest to longest possible)",
        None,
        height=max(300, 190 + 48 * len(lags)),
    )
    alt = (
        f"Chart of the days from each of {len(lags)} answered crackdown acts to its first "
        "international response, one row per act, each drawn as the range from the "
        "shortest to the longest possible lag."
    )
    return describe(
        fig,
        finding,
        alt,
        numbers(
            lags,
            {
                "crackdown_headline": "Crackdown act",
                "crackdown_when": "Date",
                "responder": "First response by",
                "response_when": "Response date",
                "lag_label": "Lag",
            },
        ),
    )
