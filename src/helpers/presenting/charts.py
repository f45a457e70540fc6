"""Chart functions: tidy frames in, figures out.

Every plotly figure is 900 px wide, titled with the finding it shows (computed from the
data), has labelled axes with units, uses the Okabe-Ito colorblind-safe palette and
carries a source line. Events dated only to the month or year are drawn at their
``plot_date`` with a hollow marker and a line spanning ``date_start``..``date_end``; the
legend and hover say "date known to the month" (or year). Dates of events are written at
their precision (:func:`helpers.analysis.context.format_event_date`): an event known to
the month is "October 2017", never the 16th it is drawn on.

Layout: titles are wrapped at :data:`TITLE_WIDTH` characters (:func:`wrap_title`) so they
fit in 900 px; the legend sits below the x-axis title in rows of two entries (each entry
is a fixed fraction of the plot width, so the number of rows is known), and the source
line below the legend, with the bottom margin computed from the number of legend rows so
the two never collide.
"""

from __future__ import annotations

import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.dates import format_date, format_event_date, format_month

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
PALETTE = list(OKABE_ITO.values())
CATEGORY_COLORS = {
    "crackdown": OKABE_ITO["vermillion"],
    "international_response": OKABE_ITO["blue"],
    "domestic_response": OKABE_ITO["bluish_green"],
    "context": OKABE_ITO["black"],
}
VERDICT_COLORS = {
    "deteriorated": OKABE_ITO["vermillion"],
    "unchanged": OKABE_ITO["sky_blue"],
    "improved": OKABE_ITO["bluish_green"],
    "no new acts reported": "#bbbbbb",
    "insufficient data": "#dddddd",
    "no coverage": "#eeeeee",
}
#: Verdicts are told by pattern as well as colour.
VERDICT_PATTERNS = {"deteriorated": "/", "improved": "\\", "unchanged": "", "no coverage": "."}
PRECISION_MARKERS = {"day": "circle", "month": "diamond-open", "year": "square-open"}
PRECISION_NAMES = {
    "day": "date known to the day",
    "month": "date known to the month",
    "year": "date known to the year",
}
WIDTH = 900
TITLE_WIDTH = 70
LABEL_WIDTH = 40
LEGEND_PER_ROW = 2
LEGEND_ENTRY_FRACTION = 0.49  # of the plot width: exactly two entries a row, whatever the margins
LEGEND_ROW_PX = 22
SOURCE_PX = 26
DATE_AXIS = "Date (events known only to the month or year drawn mid-span)"
DATE_AXIS_NO_YEAR = "Date (events known only to the year left out)"
SEVERITY_AXIS = "Severity score (Goldstein scale, higher is harsher)"


# --------------------------------------------------------------------------- helpers


def esc(value: object) -> str:
    """HTML-escape text from the data for use in a figure."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=False)


def wrap(text: str, width: int = 95) -> str:
    """``text`` escaped, with ``<br>`` between lines of at most ``width`` characters."""
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or esc(text)


def wrap_title(text: str, width: int = TITLE_WIDTH) -> str:
    """A chart title, escaped and wrapped with ``<br>`` at ``width`` characters (at
    most 70 by default, which fits a 900 px figure at the house font size).

    >>> wrap_title("a " * 40).count("<br>")
    1
    """
    return wrap(text, width)


def short(text: object, limit: int = 70) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (unescaped)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def legend_items(fig: go.Figure) -> int:
    """How many entries the figure's legend shows."""
    if fig.layout.showlegend is False:
        return 0
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    if len(fig.data) == 1 and fig.data[0].showlegend is not True:
        return 0
    return len(shown)


def finish(
    fig: go.Figure,
    title: str,
    source: str,
    x_title: str | None,
    y_title: str | None,
    height: int = 540,
    *,
    x_space: int = 64,
    min_plot: int = 260,
) -> go.Figure:
    """Apply the house style: escaped title wrapped at :data:`TITLE_WIDTH` characters,
    axis titles, fixed width, and below the plot area (in this order, top to bottom) the
    x-axis title, the legend (rows of two) and the source line; the top and bottom
    margins grow with the title's lines and the legend's rows so nothing overlaps."""
    title_html = wrap_title(title)
    top = 36 + 22 * (title_html.count("<br>") + 1) + (24 if _is_grid(fig) else 0)
    n_items = legend_items(fig)
    rows = math.ceil(n_items / LEGEND_PER_ROW) if n_items else 0
    axis_space = x_space if x_title is not None else 24
    legend_px = rows * LEGEND_ROW_PX + (10 if rows else 0)
    bottom = axis_space + legend_px + SOURCE_PX
    height = max(height, top + bottom + min_plot)
    plot_height = height - top - bottom
    fig.update_layout(
        title={
            "text": title_html,
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1 - 14 / height,
            "yanchor": "top",
            "font": {"size": 16},
        },
        width=WIDTH,
        height=height,
        template="plotly_white",
        colorway=PALETTE,
        margin={"l": 70, "r": 30, "t": top, "b": bottom},
        showlegend=bool(n_items),
        legend={
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "x": 10 / WIDTH,
            "xanchor": "left",
            "y": (SOURCE_PX + legend_px) / height,
            "yanchor": "top",
            "entrywidth": LEGEND_ENTRY_FRACTION,
            "entrywidthmode": "fraction",
            "font": {"size": 11},
            "traceorder": "normal",
        },
        meta={"source": source},
    )
    if x_title is not None and _is_grid(fig):
        fig.update_xaxes(title_text=x_title, row=len(fig._grid_ref), col=1)
    elif x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None and not _is_grid(fig):
        fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(automargin="left+right")
    fig.update_yaxes(automargin="left+right")
    fig.add_annotation(
        text=esc(source),
        xref="paper",
        yref="paper",
        x=0,
        y=-(bottom - 6) / plot_height,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"size": 10, "color": "#555555"},
        name="source",
    )
    return fig


def count_axis(fig: go.Figure, axis: str, top: float) -> None:
    """Whole-number ticks (no 0.5 events) on the count axis ``'x'`` or ``'y'``."""
    step = max(1, math.ceil(float(top or 0) / 8))
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(tick0=0, dtick=step, rangemode="tozero", tickformat="d")


def _is_grid(fig: go.Figure) -> bool:
    return getattr(fig, "_grid_ref", None) is not None


def empty_figure(title: str, source: str, message: str) -> go.Figure:
    """A figure saying in words that there is nothing to draw."""
    fig = go.Figure()
    fig.add_annotation(
        text=esc(message),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 14},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title, source, None, None, height=340)


def hover_text(frame: pd.DataFrame) -> list[str]:
    """Escaped hover text: date (with its precision), type, actor, summary, sources."""
    out = []
    for r in frame.itertuples():
        precision = PRECISION_NAMES.get(r.date_precision, r.date_precision)
        sources = r.outlets.replace(";", ", ") if r.outlets else "no outlet cited"
        when = format_event_date(r.date, r.date_precision)
        out.append(
            f"<b>{esc(when)}</b> ({esc(precision)})<br>{esc(r.event_label)} by "
            f"{esc(r.actor)}<br>{esc(short(r.summary, 90))}<br>Sources: {esc(sources)} "
            f"({r.n_articles} article{'s' if r.n_articles != 1 else ''})"
        )
    return out


def _precision_traces(
    frame: pd.DataFrame,
    y: pd.Series,
    color: str,
    name: str,
    *,
    legend: bool = True,
    group: str = "",
) -> list[go.Scatter]:
    """One marker trace per date precision, plus span lines for imprecise dates."""
    traces: list[go.Scatter] = []
    for precision, marker in PRECISION_MARKERS.items():
        mask = frame["date_precision"] == precision
        if not mask.any():
            continue
        part, ys = frame[mask], y[mask]
        label = name if precision == "day" else f"{name}, {PRECISION_NAMES[precision]}"
        if precision != "day":
            xs, yy = [], []
            for r, yv in zip(part.itertuples(), ys, strict=True):
                xs += [r.date_start, r.date_end, None]
                yy += [yv, yv, None]
            traces.append(
                go.Scatter(
                    x=xs,
                    y=yy,
                    mode="lines",
                    line={"color": color, "width": 1.5, "dash": "dot"},
                    name=f"span of a date known to the {precision}",
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=group + precision,
                )
            )
        traces.append(
            go.Scatter(
                x=part["plot_date"],
                y=ys,
                mode="markers",
                name=label,
                marker={
                    "symbol": marker,
                    "size": 10,
                    "color": color,
                    "line": {"width": 1.5, "color": color},
                },
                hovertext=hover_text(part),
                hoverinfo="text",
                showlegend=legend,
                legendgroup=group + precision,
                meta={"precision": precision},
            )
        )
    return traces


# ----------------------------------------------------------------------------- charts


def timeline_title(events: pd.DataFrame) -> str:
    """The finding of the dual-track timeline (unescaped): the most severe act(s), ties
    named as ties, and the number of responses."""
    from helpers.analysis.escalation import most_severe_events

    n_resp = int((events["category"] == "international_response").sum())
    responses = f"{n_resp} international response{'s' if n_resp != 1 else ''} in the window"
    top = most_severe_events(events)
    if top.empty:
        return f"No crackdown events in this window; {responses}"
    heads = top["headline"] if "headline" in top else top["event_label"]
    acts = " and ".join(short(h, 40) for h in heads.head(2))
    tie = " (tied)" if len(top) > 1 else ""
    return f"Most severe act{tie}: {acts}; {responses}"


def key_events(crack: pd.DataFrame, n_key: int = 4) -> pd.DataFrame:
    """The ``n_key`` most severe crackdown events to annotate (earliest on a tie), in date
    order; events known only to the year are used only when nothing else is left."""
    ranked = crack.assign(_year=(crack["date_precision"] == "year").astype(int))
    ranked = ranked.sort_values(
        ["_year", "severity", "plot_date"], ascending=[True, False, True], kind="stable"
    )
    return ranked.head(n_key).sort_values("plot_date", kind="stable").drop(columns="_year")


def dual_track_timeline(
    events: pd.DataFrame,
    source: str,
    response_labels: dict[str, str] | None = None,
    n_key: int = 4,
) -> go.Figure:
    """Crackdown events above (y = severity), international responses below (y = kind),
    on a shared time axis; the ``n_key`` (at most 4) most severe crackdown events are
    annotated with labels of at most 40 characters, each on its own level above the
    markers so that no two labels overlap."""
    crack = events[events["category"] == "crackdown"].reset_index(drop=True)
    resp = events[events["category"] == "international_response"].reset_index(drop=True)
    title = timeline_title(events)
    if crack.empty and resp.empty:
        return empty_figure(title, source, "No crackdown events or responses in this window.")
    labels = response_labels or {}
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        row_heights=[0.6, 0.4],
        subplot_titles=("Crackdown (severity of each act)", "International response (by kind)"),
    )
    for trace in _precision_traces(
        crack, crack["severity"], CATEGORY_COLORS["crackdown"], "crackdown event", group="c"
    ):
        fig.add_trace(trace, row=1, col=1)
    kind = resp["response_kind"].map(lambda k: esc(labels.get(k, k.replace("_", " "))))
    for trace in _precision_traces(
        resp, kind, CATEGORY_COLORS["international_response"], "international response", group="r"
    ):
        fig.add_trace(trace, row=2, col=1)
    key = key_events(crack, min(n_key, 4)) if not crack.empty else crack
    if not crack.empty:
        low = min(0.0, float(crack["severity"].min()))
        high = float(crack["severity"].max())
        span = max(high - low, 1.0)
        step = span * 0.2
        levels = [high + step * (1 + i) for i in range(len(key))]
        top = (levels[-1] if levels else high) + step * 0.6
        for r, level, anchor in _label_levels(key, *_time_range(events)):
            fig.add_annotation(
                x=r.plot_date,
                y=r.severity,
                ax=r.plot_date,
                ay=levels[level],
                axref="x",
                ayref="y",
                text=esc(short(r.summary, LABEL_WIDTH)),
                showarrow=True,
                arrowhead=2,
                arrowwidth=1,
                arrowcolor="#555555",
                xanchor=anchor,
                font={"size": 10},
                bgcolor="rgba(255,255,255,0.85)",
                row=1,
                col=1,
            )
        fig.update_yaxes(range=[low - step * 0.5, top], row=1, col=1)
    fig.update_yaxes(title_text="Severity score<br>(higher is harsher)", row=1, col=1)
    fig.update_yaxes(title_text="Response kind", row=2, col=1, type="category")
    return finish(fig, title, source, DATE_AXIS, None, height=780)


def _label_levels(key: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp) -> list[tuple]:
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


def _time_range(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    starts = events["date_start"] if "date_start" in events else events["plot_date"]
    ends = events["date_end"] if "date_end" in events else events["plot_date"]
    return pd.Timestamp(starts.min()), pd.Timestamp(ends.max())


def escalation_title(index: pd.DataFrame, rolling_days: int) -> str:
    """The escalation curve's finding. The peak day is named only when an event known to
    the day was added on it; otherwise (a month-precision event drawn mid-month) only
    its month is (``'mid-October 2017'``)."""
    if index.empty or not (index["added_severity"] != 0).any():
        return "No crackdown severity was added in this window"
    peak = index.loc[index["rolling"].idxmax()]
    exact = "day_events" not in index.columns or peak["day_events"] > 0
    when = format_date(peak["date"]) if exact else f"mid-{format_month(peak['date'])}"
    return (
        f"The crackdown escalated most in the {rolling_days} days to {when} "
        f"(severity score {peak['rolling']:g}); by the end of the window the index "
        f"stood at {index['cumulative'].iloc[-1]:g}"
    )


def escalation_curve(index: pd.DataFrame, source: str, rolling_days: int) -> go.Figure:
    """Cumulative and rolling escalation index (from ``escalation.daily_index``)."""
    title = escalation_title(index, rolling_days)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=index["date"],
            y=index["cumulative"],
            mode="lines",
            name="cumulative index",
            line={"color": OKABE_ITO["vermillion"], "width": 2.5},
            hovertemplate="%{x|%d %b %Y}: cumulative severity %{y:g}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=index["date"],
            y=index["rolling"],
            mode="lines",
            name=f"severity added in the last {rolling_days} days",
            line={"color": OKABE_ITO["blue"], "width": 2},
            hovertemplate=f"%{{x|%d %b %Y}}: last {rolling_days} days %{{y:g}}<extra></extra>",
        )
    )
    return finish(
        fig, title, source, DATE_AXIS_NO_YEAR, "Escalation index (sum of severity scores)"
    )


def verdict_title(verdicts: pd.DataFrame) -> str:
    """How many months got a verdict, and which."""
    from helpers.analysis.escalation import VERDICTS

    judged = verdicts[verdicts["verdict"].isin(VERDICTS)]
    if judged.empty:
        return f"No month of the window has enough data for a verdict ({len(verdicts)} months)"
    counts = judged["verdict"].value_counts()
    return (
        f"Verdicts for {len(judged)} of {len(verdicts)} months: {counts.get('deteriorated', 0)} "
        f"deteriorated, {counts.get('improved', 0)} improved, {counts.get('unchanged', 0)} "
        "unchanged; the rest lack data or coverage"
    )


def verdict_chart(verdicts: pd.DataFrame, source: str) -> go.Figure:
    """Monthly added severity by verdict (colour and pattern), with the three-month
    baseline; months without a verdict are drawn pale and named in the legend."""
    title = verdict_title(verdicts)
    fig = go.Figure()
    for name, color in VERDICT_COLORS.items():
        part = verdicts[verdicts["verdict"] == name]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["month"],
                y=part["added_severity"].where(part["verdict"] != "no coverage", 0.0),
                name=name,
                marker={"color": color, "pattern": {"shape": VERDICT_PATTERNS.get(name, "")}},
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
            name="average of the previous three months",
            line={"color": "#000000", "dash": "dash"},
        )
    )
    return finish(
        fig,
        title,
        source,
        "Month (acts that cannot be placed in one month left out)",
        "Severity points added in the month",
    )


def responses_title(table: pd.DataFrame) -> str:
    """The most common kind of response, ties named as ties."""
    total = int(table["n_events"].sum()) if not table.empty else 0
    if not total:
        return "No international responses in this window"
    top = table[table["n_events"] == table["n_events"].max()]
    n = int(top["n_events"].iloc[0])
    if len(top) > 1:
        kinds = " and ".join(top["label"])
        return f"{kinds} tie as the most common responses ({n} each of {total})"
    return f"{top['label'].iloc[0]} were the most common response ({n} of {total})"


def responses_by_kind_chart(table: pd.DataFrame, source: str) -> go.Figure:
    """Horizontal bars of ``responses.responses_by_kind``."""
    title = responses_title(table)
    ordered = table.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered["n_events"],
            y=[esc(v) for v in ordered["label"]],
            orientation="h",
            marker_color=OKABE_ITO["blue"],
            name="international responses",
            hovertemplate="%{y}: %{x} responses<extra></extra>",
        )
    )
    count_axis(fig, "x", ordered["n_events"].max() if len(ordered) else 1)
    return finish(
        fig, title, source, "Number of responses (events)", "Kind of response", height=460
    )


def lag_title(lags: pd.DataFrame) -> str:
    """The response lag in a sentence, with its count (a median only from enough lags)."""
    if lags.empty:
        return "No crackdown act in this window drew an international response in these sources"
    from helpers.analysis.responses import lag_summary

    return f"First international response to each answered act: {lag_summary(lags)}"


def response_lag_chart(lags: pd.DataFrame, source: str) -> go.Figure:
    """One bar per answered crackdown act, spanning the shortest to the longest possible
    days to its first response (dates are intervals), labelled with the range in words."""
    title = lag_title(lags)
    if lags.empty:
        return empty_figure(title, source, "No answered crackdown acts in this window.")
    ordered = lags.iloc[::-1]
    heads = ordered["crackdown_headline"].where(ordered["crackdown_headline"] != "", "act")
    labels = [
        f"{esc(short(h, LABEL_WIDTH))}<br>{esc(w)}"
        for h, w in zip(heads, ordered["crackdown_when"], strict=True)
    ]
    width = (ordered["lag_max"] - ordered["lag_min"]).clip(lower=0.6)
    fig = go.Figure(
        go.Bar(
            base=ordered["lag_min"],
            x=width,
            y=labels,
            orientation="h",
            name="possible days to the first response",
            marker={"color": OKABE_ITO["orange"]},
            text=[esc(lab) for lab in ordered["lag_label"]],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 10},
            hovertext=[
                f"{esc(lab)}; first response by {esc(r)}"
                for lab, r in zip(ordered["lag_label"], ordered["responder"], strict=True)
            ],
            hoverinfo="text",
        )
    )
    longest = float(lags["lag_max"].max() or 0)
    fig.update_xaxes(range=[0, max(longest, 1) * 1.45], rangemode="tozero")
    height = max(420, 300 + 44 * len(lags))
    return finish(
        fig,
        title,
        source,
        "Days from the act to its first international response (shortest to longest possible)",
        "Crackdown act",
        height=height,
    )


def monthly_counts_title(counts: pd.DataFrame, category: str = "crackdown") -> str:
    part = counts[counts["category"] == category]
    if part.empty or not part["n_events"].sum():
        return f"No {category.replace('_', ' ')} events in this window"
    above = part[part["above_average"]]
    return (
        f"{len(above)} of {len(part)} months had more {category.replace('_', ' ')} events "
        f"than the monthly average of {part['average'].iloc[0]:.1f}"
    )


def monthly_counts_chart(
    counts: pd.DataFrame,
    source: str,
    categories: tuple[str, ...] = ("crackdown", "international_response"),
) -> go.Figure:
    """Events per month for ``categories``, with each category's monthly average."""
    title = monthly_counts_title(counts)
    fig = go.Figure()
    for cat in categories:
        part = counts[counts["category"] == cat]
        if part.empty:
            continue
        color = CATEGORY_COLORS.get(cat, OKABE_ITO["black"])
        name = cat.replace("_", " ")
        fig.add_trace(
            go.Bar(x=part["month"], y=part["n_events"], name=f"{name} events", marker_color=color)
        )
        fig.add_trace(
            go.Scatter(
                x=part["month"],
                y=part["average"],
                mode="lines",
                name=f"{name}: monthly average",
                line={"color": color, "dash": "dash"},
            )
        )
    fig.update_layout(barmode="group")
    shown = counts[counts["category"].isin(categories)]
    count_axis(fig, "y", shown["n_events"].max() if len(shown) else 1)
    return finish(
        fig,
        title,
        source,
        "Month (events known only to the year left out)",
        "Events per month (count)",
    )


def severity_bars(
    table: pd.DataFrame, column: str, source: str, what: str, limit: int = 12
) -> go.Figure:
    """Bars of ``escalation.severity_by``: total severity per ``column`` value."""
    if table.empty:
        return empty_figure(
            f"No crackdown events by {what} in this window",
            source,
            "No crackdown events in this window.",
        )
    top = table.iloc[0]
    title = (
        f"{short(top[column], 50)}: {top['share']:.0%} of the crackdown's total severity "
        f"score ({top['n_events']} event{'s' if top['n_events'] != 1 else ''})"
    )
    part = table.head(limit).iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=part["total_severity"],
            y=[esc(short(v, 40)) for v in part[column]],
            orientation="h",
            marker_color=OKABE_ITO["vermillion"],
            name="total severity",
            hovertext=[
                f"{esc(v)}: {n} events, severity score {s:g}"
                for v, n, s in zip(
                    part[column], part["n_events"], part["total_severity"], strict=True
                )
            ],
            hoverinfo="text",
        )
    )
    return finish(
        fig,
        title,
        source,
        "Total severity score (sum of the weights of its acts; an arrest weighs 5)",
        what.capitalize(),
        height=max(420, 280 + 30 * len(part)),
    )


def precision_chart(mix: pd.DataFrame, source: str) -> go.Figure:
    """Events by date precision (from ``sources.precision_mix``)."""
    total = int(mix["n_events"].sum())
    day = int(mix.loc[mix["date_precision"] == "day", "n_events"].sum())
    title = f"{day} of {total} events are dated to the day" if total else "No events in this window"
    fig = go.Figure(
        go.Bar(
            x=mix["meaning"],
            y=mix["n_events"],
            name="events",
            marker_color=[OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["reddish_purple"]],
        )
    )
    count_axis(fig, "y", mix["n_events"].max() if len(mix) else 1)
    return finish(
        fig, title, source, "How precisely the date is known", "Events (count)", height=420
    )


def outlets_chart(outlets: pd.DataFrame, source: str, limit: int = 15) -> go.Figure:
    """Bars: how many events each outlet is cited for."""
    if outlets.empty:
        return empty_figure(
            "No outlets are cited by these events",
            source,
            "The articles behind these events cite no outlet.",
        )
    top = outlets.iloc[0]
    title = f"{short(top['outlet'], 40)} is the most cited outlet ({top['n_events']} events)"
    part = outlets.head(limit).iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=part["n_events"],
            y=[esc(o) for o in part["outlet"]],
            orientation="h",
            marker_color=OKABE_ITO["bluish_green"],
            name="events citing the outlet",
        )
    )
    count_axis(fig, "x", part["n_events"].max())
    return finish(
        fig,
        title,
        source,
        "Events citing the outlet (count)",
        "Outlet",
        height=max(420, 280 + 26 * len(part)),
    )


def explorer(events: pd.DataFrame, source: str) -> go.Figure:
    """Every event on a time axis (y = severity), with a dropdown to show one category
    and a range slider: for analysts exploring the data."""
    fig = go.Figure()
    cats = [c for c in CATEGORY_COLORS if (events["category"] == c).any()]
    for cat in cats:
        part = events[events["category"] == cat].reset_index(drop=True)
        for trace in _precision_traces(
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
    return finish(
        fig,
        f"{len(events)} coded events by date and severity",
        source,
        DATE_AXIS,
        SEVERITY_AXIS,
        height=640,
        x_space=110,
    )


# ------------------------------------------------------------------------ matplotlib


def small_multiples(counts: pd.DataFrame, source: str):  # -> matplotlib.figure.Figure
    """Static small multiples (matplotlib): events per month, one panel per category,
    each with its monthly average as a dashed line."""
    from matplotlib.figure import Figure

    cats = [c for c in CATEGORY_COLORS if c in set(counts["category"])]
    fig = Figure(figsize=(9, 1.8 * max(len(cats), 1) + 1), layout="constrained")
    axes = fig.subplots(max(len(cats), 1), 1, sharex=True, squeeze=False)[:, 0]
    for ax, cat in zip(axes, cats, strict=False):
        part = counts[counts["category"] == cat]
        ax.bar(part["month"], part["n_events"], width=25, color=CATEGORY_COLORS[cat])
        ax.plot(part["month"], part["average"], linestyle="--", color="#000000", linewidth=1)
        ax.set_title(cat.replace("_", " ").capitalize(), loc="left", fontsize=10)
        ax.set_ylabel("Events (count)")
    axes[-1].set_xlabel("Month")
    fig.suptitle(monthly_counts_title(counts), x=0.01, ha="left", fontsize=12)
    fig.text(0.01, 0.0, source, fontsize=8, color="#555555", ha="left", va="bottom")
    return fig
