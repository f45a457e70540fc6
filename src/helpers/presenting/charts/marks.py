"""Events on a time axis: markers, date spans, stacked markers, labels, no-coverage shade.

* An event is drawn at its ``plot_date``; when its date covers more than a day
  (``date_start`` .. ``date_end``, as narrowed in the data) a dotted line spans that
  interval and the marker is hollow. A marker is never drawn outside its span
  (:func:`marker_dates`).
* Markers that would cover each other (same row, closer in time than a marker's width)
  are stacked around their value (:func:`dodge`), so two events on one spot are both seen.
* Key events are labelled with a short, whole label: the event's headline and its date
  at its precision ("Kem Sokha arrested, 3 Sep 2017", see :func:`event_label`).
* Time after the data cut-off (the latest first report) is greyed and labelled "no
  coverage": nothing after it is known, which is not the same as nothing happening.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.findings import event_headline
from helpers.dates import PRECISION_WORDS, format_date, format_event_date, format_event_short
from helpers.presenting.charts.style import MUTED, NO_DATA, SMALL_PX, WIDTH, esc, wrap

PRECISION_MARKERS = {
    "day": "circle",
    "month": "diamond-open",
    "year": "square-open",
    "range": "triangle-up-open",
}
PRECISION_NAMES = PRECISION_WORDS
MARKER_PX = 11
#: Width of the plotting area of a full-width chart (WIDTH less margins and axis labels).
PLOT_WIDTH_PX = WIDTH - 150


def event_label(row: object) -> str:
    """The label of a key event: headline (or type label) and date at its precision.

    >>> event_label({"headline": "Kem Sokha arrested", "event_label": "Arrest",
    ...              "date": "2017-09-03", "date_precision": "day"})
    'Kem Sokha arrested, 3 Sep 2017'
    >>> event_label({"event_label": "Threat of repression", "date": "2017-10",
    ...              "date_precision": "month"})
    'Threat of repression, Oct 2017'
    >>> event_label({"headline": "Aid cut", "date": "2017-11/2018-04",
    ...              "date_precision": "range"})
    'Aid cut, Nov 2017 to Apr 2018'
    """
    get = row.get if isinstance(row, dict | pd.Series) else lambda k, d=None: getattr(row, k, d)
    when = format_event_short(get("date", ""), get("date_precision", "day") or "day")
    return f"{event_headline(row)}, {when}"


def label_key_event(
    fig: go.Figure, row: object, x: object, y: float, label_y: float, anchor: str
) -> None:
    """Label the key event ``row`` drawn at (``x``, ``y``) in the top panel: its label at
    height ``label_y`` (data units), an arrow down to the mark, anchored ``anchor``."""
    fig.add_annotation(
        x=x,
        y=y,
        ax=x,
        ay=label_y,
        axref="x",
        ayref="y",
        text=esc(event_label(row)),
        showarrow=True,
        arrowhead=2,
        arrowwidth=1,
        arrowcolor=MUTED,
        xanchor=anchor,
        font={"size": SMALL_PX},
        bgcolor="rgba(255,255,255,0.85)",
        name="key event",
        row=1,
        col=1,
    )


def hover_text(frame: pd.DataFrame) -> list[str]:
    """Escaped hover text: date (with its precision), type, actor, summary, sources."""
    out = []
    for r in frame.itertuples():
        precision = PRECISION_NAMES.get(r.date_precision, r.date_precision)
        sources = r.outlets.replace(";", ", ") if r.outlets else "no outlet cited"
        when = format_event_date(r.date, r.date_precision)
        summary = " ".join(str(r.summary).split())
        out.append(
            f"<b>{esc(when)}</b> ({esc(precision)})<br>{esc(r.event_label)} by "
            f"{esc(r.actor)}<br>{esc(summary[:120])}<br>Sources: {esc(sources)} "
            f"({r.n_articles} article{'s' if r.n_articles != 1 else ''})"
        )
    return out


def spans(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each event's first and last possible day (``plot_date`` when the span is missing)."""
    start = frame["date_start"] if "date_start" in frame else frame["plot_date"]
    end = frame["date_end"] if "date_end" in frame else frame["plot_date"]
    return start.fillna(frame["plot_date"]), end.fillna(frame["plot_date"])


def marker_dates(frame: pd.DataFrame) -> pd.Series:
    """Where each marker is drawn: ``plot_date``, kept inside ``date_start`` .. ``date_end``.

    >>> frame = pd.DataFrame({"plot_date": pd.to_datetime(["2017-09-15", "2017-09-15"]),
    ...     "date_start": pd.to_datetime(["2017-09-01", "2017-09-01"]),
    ...     "date_end": pd.to_datetime(["2017-09-30", "2017-09-06"])})
    >>> [str(d.date()) for d in marker_dates(frame)]
    ['2017-09-15', '2017-09-06']
    """
    start, end = spans(frame)
    return frame["plot_date"].clip(lower=start, upper=end)


def dodge(x: pd.Series, y: pd.Series, tolerance: pd.Timedelta, step: float) -> pd.Series:
    """``y`` with markers that would cover each other stacked: events on the same ``y``
    whose ``x`` lie within ``tolerance`` of the previous one form a group, spread
    ``step`` apart around their value (the group's middle stays on it).

    >>> x = pd.to_datetime(pd.Series(["2017-09-03", "2017-09-04", "2018-01-01"]))
    >>> dodge(x, pd.Series([5.0, 5.0, 5.0]), pd.Timedelta(days=7), 0.4).tolist()
    [4.8, 5.2, 5.0]
    """
    out = pd.Series(pd.Series(y).to_numpy(dtype=float), index=x.index)
    order = pd.DataFrame({"x": x, "y": out}).sort_values(["y", "x"], kind="stable")
    group: list = []
    previous = None
    for idx, row in order.iterrows():
        if previous is not None and (
            row["y"] != previous["y"] or row["x"] - previous["x"] > tolerance
        ):
            _spread(out, group, step)
            group = []
        group.append(idx)
        previous = row
    _spread(out, group, step)
    return out


def _spread(values: pd.Series, group: list, step: float) -> None:
    middle = (len(group) - 1) / 2
    for i, idx in enumerate(group):
        values[idx] = round(values[idx] + (i - middle) * step, 6)


def dodge_tolerance(
    lo: pd.Timestamp, hi: pd.Timestamp, plot_px: int = PLOT_WIDTH_PX
) -> pd.Timedelta:
    """The time a marker covers on an axis from ``lo`` to ``hi`` drawn ``plot_px`` wide.

    >>> dodge_tolerance(pd.Timestamp("2016-01-01"), pd.Timestamp("2018-12-31"), 650).days
    18
    """
    return (pd.Timestamp(hi) - pd.Timestamp(lo)) * (MARKER_PX / plot_px)


def event_traces(
    frame: pd.DataFrame,
    y: pd.Series,
    color: str,
    name: str,
    *,
    legend: bool = True,
    group: str = "",
) -> list[go.Scatter]:
    """One marker trace per date precision (each point's ``customdata`` is its event id),
    plus a dotted line over the span of each event whose date covers more than a day."""
    traces: list[go.Scatter] = []
    ys = pd.Series(y).to_numpy(dtype=float)
    start, end = spans(frame)
    at = marker_dates(frame)
    wide = (end > start).to_numpy()
    if wide.any():
        xs: list = []
        yy: list = []
        for s, e, yv in zip(start[wide], end[wide], ys[wide], strict=True):
            xs += [s, e, None]
            yy += [yv, yv, None]
        traces.append(
            go.Scatter(
                x=xs,
                y=yy,
                mode="lines",
                line={"color": color, "width": 1.5, "dash": "dot"},
                name=f"{name}: span of dates it may fall on",
                hoverinfo="skip",
                showlegend=False,
                legendgroup=group,
            )
        )
    for precision, marker in PRECISION_MARKERS.items():
        mask = (frame["date_precision"] == precision).to_numpy()
        if not mask.any():
            continue
        part = frame[mask]
        label = name if precision == "day" else f"{name}, {PRECISION_NAMES[precision]}"
        traces.append(
            go.Scatter(
                x=at[mask],
                y=ys[mask],
                mode="markers",
                name=label,
                marker={
                    "symbol": marker,
                    "size": MARKER_PX,
                    "color": color,
                    "line": {"width": 1.5, "color": color},
                },
                hovertext=hover_text(part),
                hoverinfo="text",
                customdata=part["event_id"].tolist(),
                showlegend=legend,
                legendgroup=group + precision,
                meta={"precision": precision},
            )
        )
    return traces


def precision_legend(fig: go.Figure, precisions: list[str]) -> None:
    """Legend entries for the marker shapes (grey, so they stand for every colour): one per
    date precision in ``precisions``."""
    for precision in precisions:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=PRECISION_NAMES[precision],
                marker={
                    "symbol": PRECISION_MARKERS[precision],
                    "size": MARKER_PX,
                    "color": MUTED,
                    "line": {"width": 1.5, "color": MUTED},
                },
                showlegend=True,
                hoverinfo="skip",
            )
        )


def no_coverage_words(cutoff: pd.Timestamp) -> str:
    """The label of the greyed period.

    >>> no_coverage_words(pd.Timestamp("2018-04-08"))
    'no coverage (no source after 8 April 2018)'
    """
    return f"no coverage (no source after {format_date(cutoff)})"


def shade_no_coverage(
    fig: go.Figure,
    cutoff: pd.Timestamp | None,
    end: pd.Timestamp | str | None,
    rows: int = 1,
    label_y: float = 0.5,
    *,
    monthly: bool = False,
) -> bool:
    """Grey the time after ``cutoff`` up to the window's ``end`` in each of ``rows``
    stacked panels, labelled once at its right edge, at height ``label_y`` of the plotting
    area (inside it, so the label is never cut; pick a height the chart leaves empty);
    False when there is nothing to grey. A ``monthly`` chart is greyed from the first
    month not wholly covered (a month running past the cut-off has no coverage either)."""
    if cutoff is None or end is None or pd.Timestamp(cutoff) >= pd.Timestamp(end):
        return False
    start = pd.Timestamp(cutoff) + pd.Timedelta(days=1)
    if monthly:
        start = start.to_period("M").to_timestamp()
    for row in range(1, rows + 1):
        where = {"row": row, "col": 1} if rows > 1 else {}
        fig.add_vrect(
            x0=start,
            x1=pd.Timestamp(end),
            fillcolor=NO_DATA,
            opacity=0.18,
            line_width=0,
            layer="below",
            **where,
        )
    fig.add_annotation(
        x=pd.Timestamp(end),
        xref="x",
        y=label_y,
        yref="paper",
        yanchor="top" if label_y >= 1 else "middle",
        xanchor="right",
        align="right",
        text=wrap(no_coverage_words(pd.Timestamp(cutoff)), 22),
        showarrow=False,
        font={"size": SMALL_PX, "color": MUTED},
        name="no coverage",
    )
    return True


def time_range(
    events: pd.DataFrame, window: tuple[str, str] | None = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis: the window when given, else the events' spans."""
    if window is not None:
        return pd.Timestamp(window[0]), pd.Timestamp(window[1])
    start, end = spans(events)
    return pd.Timestamp(start.min()), pd.Timestamp(end.max())
