"""The monthly verdicts: severity added each month, marked by its verdict with colour and
hatching (so the verdict never rests on colour alone), against the baseline; each bar's
hover and the numbers table give the verdict's one-line reason."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.escalation import NO_VERDICTS, VERDICT_MONTHS, VERDICTS
from helpers.analysis.findings import baseline_words, verdict_finding
from helpers.dates import format_month
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.marks import shade_no_coverage
from helpers.presenting.charts.style import NO_DATA, OKABE_ITO, esc, finish, number

VERDICT_COLORS = {
    "deteriorated": OKABE_ITO["vermillion"],
    "unchanged": OKABE_ITO["sky_blue"],
    "improved": OKABE_ITO["bluish_green"],
}
VERDICT_PATTERNS = {"deteriorated": "/", "unchanged": "", "improved": "."}
HEIGHT = 420


def verdict_chart(
    verdicts: pd.DataFrame,
    source: str,
    *,
    window: tuple[str, str] | None = None,
    cutoff: pd.Timestamp | None = None,
) -> go.Figure:
    """Bars of added severity per month, one trace per verdict present (months with no
    verdict grey and cross-hatched under the reason they have none), and the baseline as a
    dashed line over the covered months; greyed from the first month after ``cutoff``."""
    finding = verdict_finding(verdicts)
    fig = go.Figure()
    for name in (*VERDICTS, *NO_VERDICTS):
        part = verdicts[(verdicts["verdict"] == name) & (verdicts["added_severity"] != 0)]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["month"],
                y=part["added_severity"],
                name=name if name in VERDICTS else f"no verdict: {name}",
                marker={
                    "color": VERDICT_COLORS.get(name, NO_DATA),
                    "pattern": {"shape": VERDICT_PATTERNS.get(name, "x"), "fgcolor": "#222222"},
                },
                xperiod="M1",
                xperiodalignment="middle",
                hovertext=[esc(r) for r in part["reason"]],
                hoverinfo="text",
            )
        )
    covered = verdicts[verdicts["verdict"] != "no coverage"]
    fig.add_trace(
        go.Scatter(
            x=covered["month"],
            y=covered["baseline"],
            mode="lines",
            name=baseline_words(VERDICT_MONTHS),
            line={"color": "#000000", "dash": "dash", "width": 1.5},
            xperiod="M1",
            xperiodalignment="middle",
        )
    )
    hi = pd.Timestamp(window[1]) if window else None
    if window:
        fig.update_xaxes(range=[pd.Timestamp(window[0]), hi], type="date")
    shaded = shade_no_coverage(fig, cutoff, hi, monthly=True)
    fig = finish(
        fig,
        finding,
        source,
        "Month (acts whose dates span more than one month left out)",
        "Severity score<br>added in the month",
        height=HEIGHT,
    )
    alt = (
        "Bar chart of the severity score added each month, each bar marked with its "
        f"verdict, and a dashed line for the {baseline_words(VERDICT_MONTHS)}"
        + ("; months after the data cut-off are greyed" if shaded else "")
        + "."
    )
    return describe(fig, finding, alt, _numbers(verdicts))


def _numbers(verdicts: pd.DataFrame) -> dict:
    """The months with an act or a verdict, each with its reason."""
    shown = verdicts[(verdicts["n_events"] > 0) | verdicts["verdict"].isin(VERDICTS)]
    table = shown.assign(
        month=shown["month"].map(format_month),
        added=shown["added_severity"].map(number),
    )
    return numbers(
        table,
        {"month": "Month", "verdict": "Verdict", "added": "Severity added", "reason": "Why"},
    )
