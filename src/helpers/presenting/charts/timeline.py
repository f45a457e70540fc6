"""The dual-track timeline: crackdown acts above (y = severity score), international
responses below (y = kind), on one time axis.

Each event is drawn as :mod:`.marks` draws events (span over an imprecise date, marker
inside it, markers on one spot stacked). The ``n_key`` most severe crackdown acts (at most
four) carry a short, whole label ("Kem Sokha arrested, 3 Sep 2017"), each on its own level
above the markers so that no two labels overlap. Time after the data cut-off is greyed.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analysis.findings import event_headline, timeline_finding
from helpers.dates import format_date, format_event_date, period_of
from helpers.presenting.charts.accessible import describe, numbers
from helpers.presenting.charts.marks import (
    MARKER_PX,
    PRECISION_MARKERS,
    dodge,
    dodge_tolerance,
    event_traces,
    label_key_event,
    marker_dates,
    precision_legend,
    shade_no_coverage,
    time_range,
)
from helpers.presenting.charts.style import (
    CATEGORY_COLORS,
    empty_figure,
    finish,
    frame_px,
    keep_panel,
    number,
    wrap,
)

#: Heights in pixels: the crackdown panel, each kind's row in the response panel (room for
#: a two-line label), and the gap between the panels (room for the lower panel's title).
CRACKDOWN_PX = 300
KIND_ROW_PX = 34
GAP_PX = 52
MAX_KEY = 4
LEVEL_PX = 20
KIND_WIDTH = 20
X_TITLE = "Date (a dotted line spans the dates an imprecise event may fall on)"


def key_events(crack: pd.DataFrame, n_key: int = MAX_KEY) -> pd.DataFrame:
    """The ``n_key`` most severe crackdown events to label (earliest on a tie), in date
    order; events whose coded date does not lie within one month (known only to the year,
    or to a range across months) are used only when nothing else is left."""
    coarse = [
        int(period_of(d, p, "M") is None)
        for d, p in zip(crack["date"], crack["date_precision"], strict=True)
    ]
    ranked = crack.assign(_coarse=coarse)
    ranked = ranked.sort_values(
        ["_coarse", "severity", "plot_date"], ascending=[True, False, True], kind="stable"
    )
    return ranked.head(n_key).sort_values("plot_date", kind="stable").drop(columns="_coarse")


def label_levels(key: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp) -> list[tuple]:
    """(row, level, xanchor) for each key event. Labels right of 40% of the time axis
    extend to the left of their arrow and the others to the right, so none runs off the
    plot; on each side the label nearest the middle gets the lowest level, so an arrow
    never comes down through a label on its own side."""
    width = (hi - lo) if hi > lo else pd.Timedelta(days=1)
    rows = list(key.itertuples())
    right = sorted((r for r in rows if (r.plot_date - lo) / width > 0.4), key=lambda r: r.plot_date)
    left = sorted(
        (r for r in rows if (r.plot_date - lo) / width <= 0.4),
        key=lambda r: r.plot_date,
        reverse=True,
    )
    return [(r, i, "right") for i, r in enumerate(right)] + [
        (r, len(right) + i, "left") for i, r in enumerate(left)
    ]


def dual_track_timeline(
    events: pd.DataFrame,
    source: str,
    response_labels: dict[str, str] | None = None,
    n_key: int = MAX_KEY,
    *,
    window: tuple[str, str] | None = None,
    cutoff: pd.Timestamp | None = None,
) -> go.Figure:
    """The timeline of ``events`` over ``window`` (default: the events' dates), greyed
    after ``cutoff``; see the module docstring."""
    crack = events[events["category"] == "crackdown"].reset_index(drop=True)
    resp = events[events["category"] == "international_response"].reset_index(drop=True)
    finding = timeline_finding(events)
    if crack.empty and resp.empty:
        fig = empty_figure(finding, source, "No crackdown events or responses in this window.")
        return describe(fig, finding, "Timeline with no events to draw.")
    lo, hi = time_range(events, window)
    tolerance = dodge_tolerance(lo, hi)
    n_kinds = resp["response_kind"].nunique()
    crack_px, resp_px = CRACKDOWN_PX, KIND_ROW_PX * max(n_kinds, 2) + 16
    plot_px = crack_px + GAP_PX + resp_px
    precisions = [p for p in PRECISION_MARKERS if (events["date_precision"] == p).any()]
    box = frame_px(finding, len(precisions), 0, grid=True, min_plot=plot_px)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=GAP_PX / plot_px,
        row_heights=[crack_px, resp_px],
        subplot_titles=("Crackdown (severity of each act)", "International response (by kind)"),
    )
    key = key_events(crack, min(n_key, MAX_KEY)) if not crack.empty else crack
    if not crack.empty:
        _crackdown_track(fig, crack, key, tolerance, crack_px, lo, hi)
    kinds = _response_track(fig, resp, response_labels or {}, tolerance, resp_px)
    pad = (hi - lo) * 0.015
    fig.update_xaxes(range=[lo - pad, hi + pad], type="date")
    fig.update_yaxes(title_text="Severity score", row=1, col=1)
    precision_legend(fig, precisions)
    shaded = shade_no_coverage(fig, cutoff, hi, rows=2, label_y=1)
    fig = finish(fig, finding, source, X_TITLE, None, height=box.height)
    return describe(
        fig,
        finding,
        _alt(crack, resp, kinds, lo, hi, cutoff if shaded else None),
        _numbers(crack, resp, response_labels or {}),
    )


def _crackdown_track(
    fig: go.Figure,
    crack: pd.DataFrame,
    key: pd.DataFrame,
    tolerance: pd.Timedelta,
    panel_px: float,
    lo: pd.Timestamp,
    hi: pd.Timestamp,
) -> None:
    low = min(0.0, float(crack["severity"].min()))
    high = float(crack["severity"].max())
    spread = max(high - low, 1.0)
    label_share = min(0.6, (len(key) * LEVEL_PX + 10) / panel_px)
    total = (spread * 1.15) / (1 - label_share)  # data units over the whole panel
    per_px = total / panel_px
    y = dodge(marker_dates(crack), crack["severity"], tolerance, per_px * MARKER_PX * 1.15)
    for trace in event_traces(
        crack, y, CATEGORY_COLORS["crackdown"], "crackdown act", legend=False, group="c"
    ):
        fig.add_trace(trace, row=1, col=1)
    bottom = low - spread * 0.075
    first_level = high + spread * 0.075 + per_px * (LEVEL_PX * 0.5 + 6)
    at = marker_dates(crack)
    for r, level, anchor in label_levels(key, lo, hi):
        i = crack.index[crack["event_id"] == r.event_id][0]
        label_y = first_level + level * per_px * LEVEL_PX
        label_key_event(fig, r, at[i], y[i], label_y, anchor)
    fig.update_yaxes(range=[bottom, bottom + total], row=1, col=1)


def _response_track(
    fig: go.Figure,
    resp: pd.DataFrame,
    labels: dict[str, str],
    tolerance: pd.Timedelta,
    panel_px: float,
) -> list[str]:
    """Responses at one row per kind present (in the codebook's order, first on top)."""
    present = list(dict.fromkeys(resp["response_kind"]))
    kinds = [k for k in labels if k in present] + [k for k in present if k not in labels]
    if not kinds:
        fig.update_yaxes(visible=False, row=2, col=1)
        keep_panel(fig, 2)
        return []
    position = {k: len(kinds) - 1 - i for i, k in enumerate(kinds)}
    per_px = (len(kinds) + 0.2) / panel_px
    step = min(0.3, per_px * MARKER_PX * 1.15)
    y = dodge(
        marker_dates(resp), resp["response_kind"].map(position).astype(float), tolerance, step
    )
    for trace in event_traces(
        resp,
        y,
        CATEGORY_COLORS["international_response"],
        "international response",
        legend=False,
        group="r",
    ):
        fig.add_trace(trace, row=2, col=1)
    names = [wrap(labels.get(k, k.replace("_", " ")), KIND_WIDTH) for k in kinds]
    fig.update_yaxes(
        tickmode="array",
        tickvals=[position[k] for k in kinds],
        ticktext=names,
        range=[-0.6, len(kinds) - 0.4],
        showgrid=True,
        zeroline=False,
        row=2,
        col=1,
    )
    return [labels.get(k, k.replace("_", " ")) for k in kinds]


def _alt(
    crack: pd.DataFrame,
    resp: pd.DataFrame,
    kinds: list[str],
    lo: pd.Timestamp,
    hi: pd.Timestamp,
    cutoff: pd.Timestamp | None,
) -> str:
    text = (
        f"Timeline from {format_date(lo)} to {format_date(hi)}: {len(crack):,} crackdown acts "
        f"drawn by date and severity score in the upper panel, {len(resp):,} international "
        "responses drawn by date and kind in the lower panel"
    )
    if kinds:
        text += f" ({', '.join(kinds)})"
    if cutoff is not None:
        text += f"; the time after {format_date(cutoff)} is greyed, no source covers it"
    return text + "."


def _numbers(crack: pd.DataFrame, resp: pd.DataFrame, labels: dict[str, str]) -> dict:
    rows = []
    for frame, track in ((crack, "Crackdown"), (resp, "International response")):
        for r in frame.to_dict("records"):
            value = (
                number(r["severity"])
                if track == "Crackdown"
                else labels.get(r["response_kind"], r["response_kind"].replace("_", " "))
            )
            rows.append(
                {
                    "at": r["plot_date"],
                    "when": format_event_date(r["date"], r["date_precision"]),
                    "track": track,
                    "what": event_headline(r),
                    "value": value,
                    "id": r["event_id"],
                }
            )
    table = pd.DataFrame(rows, columns=["at", "when", "track", "what", "value", "id"])
    table = table.sort_values(["at", "id"], kind="stable")
    return numbers(
        table,
        {
            "id": "ID",
            "when": "Date",
            "track": "Track",
            "what": "Event",
            "value": "Severity score or kind of response",
        },
    )
