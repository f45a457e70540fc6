"""The timeline of a window of many events: counts per week or month instead of one marker
per event (the binning, ranking and labelling rules are in :mod:`helpers.analysis.summary`).

* upper panel: crackdown acts per bin, stacked by severity score (darker is harsher;
  releases, which score below zero, in green), so a bar's height is the number of acts
  and its colours their scores; the first-ranked acts carry a short label above their bar;
* lower panel: international responses per bin, stacked by kind.

Like the timeline that draws every event, it leaves out the other categories (domestic
responses, context); the briefing says how many there are.

Bars are drawn over the days of their bin; time after the data cut-off is greyed. The
chart's numbers (every bin's counts and severity points) go with it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analysis.findings import summary_timeline_finding
from helpers.analysis.summary import Binned, Labelled
from helpers.dates import bin_end, format_bin, format_date
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.marks import label_key_event, shade_no_coverage, time_range
from helpers.presenting.charts.style import (
    OKABE_ITO,
    count_axis,
    empty_figure,
    esc,
    finish,
    frame_px,
    keep_panel,
    number,
)
from helpers.presenting.charts.timeline import label_levels

#: Heights in pixels: the crackdown panel, each other panel, the gap between panels.
CRACKDOWN_PX = 300
PANEL_PX = 120
GAP_PX = 52
LEVEL_PX = 20
#: Severity scores from the lightest to the harshest: light to dark orange-red (one hue
#: family, read in order also in grey); a release (below zero) is green.
SCORE_SHADES = ("#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603", "#7f2704")
RELEASE_COLOR = OKABE_ITO["bluish_green"]
KIND_COLORS = (OKABE_ITO["blue"], OKABE_ITO["sky_blue"], OKABE_ITO["reddish_purple"])
KIND_COLORS += (OKABE_ITO["orange"], OKABE_ITO["yellow"], OKABE_ITO["black"])
TRACK_TITLES = {
    "crackdown": "Crackdown acts per {unit}, by severity score",
    "international_response": "International responses per {unit}, by kind",
}


def score_colors(scores: list[float]) -> dict[float, str]:
    """A colour per severity score: shades from light to dark for the positive scores in
    increasing order, green for a release.

    >>> score_colors([-4.0, 2.0, 9.0])
    {-4.0: '#009E73', 2.0: '#fdd0a2', 9.0: '#7f2704'}
    """
    positive = sorted(s for s in scores if s >= 0)
    out = {s: RELEASE_COLOR for s in scores if s < 0}
    for i, score in enumerate(positive):
        step = i * (len(SCORE_SHADES) - 1) // max(len(positive) - 1, 1)
        out[score] = SCORE_SHADES[step]
    return dict(sorted(out.items()))


def summary_timeline(
    binned: Binned,
    labels: Labelled,
    source: str,
    response_labels: dict[str, str] | None = None,
    *,
    window: tuple[str, str],
    cutoff: pd.Timestamp | None = None,
) -> go.Figure:
    """The summarised timeline of a window (see the module docstring)."""
    unit = binned.unit
    crack = binned.totals("crackdown")
    n_resp = int(binned.totals("international_response")["n_events"].sum())
    n_resp += binned.unplaced["international_response"]
    finding = summary_timeline_finding(crack, unit, n_resp)
    if binned.counts.empty:
        fig = empty_figure(finding, source, f"No event of this window lies within one {unit}.")
        return describe(fig, finding, "Timeline with no events to draw.")
    tracks = ["crackdown", "international_response"]
    heights = [CRACKDOWN_PX] + [PANEL_PX] * (len(tracks) - 1)
    plot_px = sum(heights) + GAP_PX * (len(tracks) - 1)
    fig = make_subplots(
        rows=len(tracks),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=GAP_PX / plot_px,
        row_heights=heights,
        subplot_titles=[TRACK_TITLES[t].format(unit=unit) for t in tracks],
    )
    labels_by_kind = response_labels or {}
    for row, track in enumerate(tracks, start=1):
        _bars(fig, binned, track, row, labels_by_kind)
        top = binned.totals(track)["n_events"].max()
        count_axis(fig, "y", top, row=row, col=1)
        fig.update_yaxes(title_text="Events", row=row, col=1)
    _labels(fig, binned, labels, crack, window)
    lo, hi = time_range(crack, window)
    pad = pd.Timedelta(days=3 if unit == "week" else 12)
    fig.update_xaxes(range=[lo - pad, hi + pad], type="date")
    fig.update_layout(barmode="stack", bargap=0.1)
    n_legend = sum(1 for t in fig.data if t.showlegend is not False)
    box = frame_px(finding, n_legend, 0, grid=True, min_plot=plot_px)
    shaded = shade_no_coverage(fig, cutoff, hi, rows=len(tracks), label_y=1, monthly=True)
    fig = finish(fig, finding, source, f"Date ({unit}s)", None, height=box.height)
    return describe(
        fig, finding, _alt(binned, labels, window, cutoff if shaded else None), _numbers(binned)
    )


def _bars(
    fig: go.Figure, binned: Binned, track: str, row: int, response_labels: dict[str, str]
) -> None:
    """One bar trace per group of ``track`` (score, kind or category), stacked."""
    part = binned.counts[binned.counts["track"] == track]
    groups = list(dict.fromkeys(part["group"]))
    if part.empty:
        fig.update_yaxes(visible=False, row=row, col=1)
        keep_panel(fig, row)
        return
    if track == "crackdown":
        colors = score_colors([float(g) for g in groups])
        groups = [f"{s:g}" for s in sorted(colors, reverse=True)]
        names = {g: f"score {g}" if float(g) >= 0 else f"release ({g})" for g in groups}
        color_of = {g: colors[float(g)] for g in groups}
    elif track == "international_response":
        order = [k for k in response_labels if k in groups] + [
            k for k in groups if k not in response_labels
        ]
        groups = order
        names = {g: response_labels.get(g, g.replace("_", " ")) or "response" for g in groups}
        color_of = {g: KIND_COLORS[i % len(KIND_COLORS)] for i, g in enumerate(groups)}
    width = _bar_width(binned)
    for group in groups:
        rows = part[part["group"] == group]
        middle = rows["bin"] + (bin_end(rows["bin"], binned.unit) - rows["bin"]) / 2
        fig.add_trace(
            go.Bar(
                x=middle,
                y=rows["n_events"],
                width=width,
                name=esc(names[group]),
                marker={"color": color_of[group], "line": {"width": 0}},
                customdata=[format_bin(b, binned.unit) for b in rows["bin"]],
                hovertemplate=f"%{{customdata}}: %{{y}} ({esc(names[group])})<extra></extra>",
                legendgroup=track,
            ),
            row=row,
            col=1,
        )


def _bar_width(binned: Binned) -> float:
    """Bar width in milliseconds: nine tenths of the bin."""
    days = 7 if binned.unit == "week" else 30.4
    return days * 0.9 * 24 * 3600 * 1000


def _labels(
    fig: go.Figure, binned: Binned, labels: Labelled, crack: pd.DataFrame, window: tuple
) -> None:
    """Label the chosen acts above the bars of their bins, each on its own level."""
    if labels.acts.empty:
        return
    top = float(crack["n_events"].max() or 1)
    level_units = top * LEVEL_PX / CRACKDOWN_PX
    lo, hi = time_range(crack, window)
    acts = labels.acts.assign(
        plot_date=labels.acts["bin"]
        + (bin_end(labels.acts["bin"], binned.unit) - labels.acts["bin"]) / 2
    )
    height = crack.set_index("bin")["n_events"]
    levels = label_levels(acts, lo, hi)
    for r, level, anchor in levels:
        label_y = top * 1.08 + level_units * (level + 0.5)
        label_key_event(fig, r, r.plot_date, float(height.get(r.bin, 0)), label_y, anchor)
    fig.update_yaxes(range=[0, top * 1.12 + level_units * (len(levels) + 0.5)], row=1, col=1)


def _alt(
    binned: Binned, labels: Labelled, window: tuple[str, str], cutoff: pd.Timestamp | None
) -> str:
    unit = binned.unit
    n = {
        t: int(binned.totals(t)["n_events"].sum()) for t in ("crackdown", "international_response")
    }
    text = (
        f"Bar chart by {unit} from {format_date(window[0])} to {format_date(window[1])}: "
        f"{n['crackdown']} crackdown acts stacked by severity score in the upper panel, "
        f"{n['international_response']} international responses by kind below"
    )
    left = binned.unplaced["crackdown"] + binned.unplaced["international_response"]
    if left:
        text += f"; {left} events whose dates span more than one {unit} are not in the bars"
    text += f". {labels.words()}"
    if cutoff is not None:
        text += f" The time after {format_date(cutoff)} is greyed: no source covers it."
    return text


def _numbers(binned: Binned) -> dict:
    crack = binned.totals("crackdown")
    resp = binned.totals("international_response")
    table = pd.DataFrame(
        {
            "when": [format_bin(b, binned.unit) for b in crack["bin"]],
            "crackdown": crack["n_events"].astype(str),
            "severity": crack["severity"].map(number),
            "responses": resp["n_events"].astype(str),
        }
    )
    table = table[(crack["n_events"] + resp["n_events"]).to_numpy() > 0]
    return numbers(
        table,
        {
            "when": binned.unit.capitalize(),
            "crackdown": "Crackdown acts",
            "severity": "Their severity points",
            "responses": "International responses",
        },
    )
