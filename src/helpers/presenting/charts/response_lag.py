"""Response lag: one bar per answered crackdown act, the days to its first international
response (from :func:`helpers.analysis.responses.response_lags`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import headlines, lag_finding
from helpers.dates import format_event_date, format_event_short
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.style import OKABE_ITO, empty_figure, esc, finish, wrap

LABEL_WIDTH = 30
TRACES = (
    (False, "exact lag (both dates known to the day)", ""),
    (True, "approximate lag (a date known only to the month or year)", "/"),
)


def response_lag_chart(
    lags: pd.DataFrame, source: str, events: pd.DataFrame | None = None
) -> go.Figure:
    """Bars of days to the first response, each labelled with the lag in words (so a lag
    of zero is visible); approximate lags are hatched and named so. Each act is named by
    its headline (from ``events``, else its summary) and its date at its precision."""
    finding = lag_finding(lags)
    if lags.empty:
        fig = empty_figure(finding, source, "No answered crackdown events in this window.")
        return describe(fig, finding, "Bar chart with no answered crackdown acts to draw.")
    names = headlines(events) if events is not None else {}
    precision = lags.get("crackdown_precision", pd.Series("day", index=lags.index))
    acts = [
        names.get(i) or s
        for i, s in zip(lags["crackdown_id"], lags["crackdown_summary"], strict=True)
    ]
    labels = pd.Series(
        [
            f"{wrap(a, LABEL_WIDTH)}<br>{esc(format_event_short(d, p))}"
            for a, d, p in zip(acts, lags["crackdown_date"], precision, strict=True)
        ],
        index=lags.index,
    )
    ordered = lags.iloc[::-1]
    fig = go.Figure()
    for approximate, name, pattern in TRACES:
        part = ordered[ordered["approximate"] == approximate]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["lag_days"],
                y=labels[part.index],
                orientation="h",
                name=name,
                marker={"color": OKABE_ITO["orange"], "pattern": {"shape": pattern}},
                text=[esc(lab) for lab in part["lag_label"]],
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"{esc(lab)}; first response by {esc(r)}"
                    for lab, r in zip(part["lag_label"], part["responder"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    longest = float(lags["lag_days"].max() or 0)
    fig.update_xaxes(range=[0, max(longest, 1) * 1.9], rangemode="tozero")
    fig.update_yaxes(categoryorder="array", categoryarray=list(labels[ordered.index]))
    fig.update_layout(barmode="overlay")
    fig = finish(
        fig,
        finding,
        source,
        "Days to the first international response",
        None,
        height=max(320, 200 + 52 * len(lags)),
    )
    alt = (
        f"Bar chart of the days from each of {len(lags)} answered crackdown acts to its "
        "first international response, one bar per act."
    )
    table = lags.assign(
        act=acts,
        when=[
            format_event_date(d, p) for d, p in zip(lags["crackdown_date"], precision, strict=True)
        ],
    )
    return describe(
        fig,
        finding,
        alt,
        numbers(
            table,
            {
                "act": "Crackdown act",
                "when": "Date",
                "responder": "First response by",
                "lag_label": "Lag",
            },
        ),
    )
