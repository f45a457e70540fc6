"""The house style of every chart: palette, fonts, size, layout and the source line.

Size and type: a chart is :data:`WIDTH` pixels wide. Printed, it is scaled down to the
printable width of an A4 page (:data:`~helpers.rendering.pdf.PRINT_WIDTH_PX`), so a font
of ``px`` pixels prints at :func:`print_points` points; the smallest font used here,
:data:`SMALL_PX`, prints at 7 points or more (:data:`MIN_PRINT_PT`).

Layout, top to bottom: the title (the chart's finding, wrapped at :data:`TITLE_WIDTH`
characters), the plotting area (at least :data:`MIN_PLOT_PX` tall whatever the legend),
the x-axis title, the legend (rows of two entries) and the source line. Everything below
the plotting area is placed relative to it, so a briefing page may drop the title (it
shows the finding as the chart's caption instead, see :mod:`.accessible`) by removing
``meta["title_px"]`` from the top margin and the height.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.coverage import number_words
from helpers.rendering.pdf import PRINT_WIDTH_PX

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
MUTED = "#555555"
NO_DATA = "#999999"

WIDTH = 800
FONT_PX = 13
SMALL_PX = 12
TITLE_PX = 16
FONT_FAMILY = '"Source Sans 3", "Helvetica Neue", Arial, "Liberation Sans", sans-serif'
MIN_PRINT_PT = 7.0
MIN_PLOT_PX = 260
TITLE_WIDTH = 75
TITLE_LINE_PX = 22
LEGEND_PER_ROW = 2
LEGEND_ENTRY_FRACTION = 0.49  # of the plot width: exactly two entries a row
LEGEND_ROW_PX = 24
SOURCE_PX = 28
#: Characters of the source line before it wraps (it would otherwise run off the left
#: edge, being anchored right), and the height of each further line.
SOURCE_WIDTH = 110
SOURCE_LINE_PX = 16
SEVERITY_AXIS = "Severity score (higher is harsher)"


def print_points(px: float, width: int = WIDTH, printed: int = PRINT_WIDTH_PX) -> float:
    """The printed size in points of a ``px``-pixel font in a chart ``width`` pixels wide
    that prints ``printed`` CSS pixels wide (96 px to the inch, 72 points to the inch).

    >>> round(print_points(SMALL_PX), 2), round(print_points(10, width=680), 2)
    (7.65, 7.5)
    """
    return px * min(1.0, printed / width) * 72 / 96


def esc(value: object) -> str:
    """HTML-escape text from the data for use in a figure (plotly renders some tags)."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=False)


def wrap(text: str, width: int = 95) -> str:
    """``text`` escaped, with ``<br>`` between lines of at most ``width`` characters.

    >>> wrap("Statements by governments and NGOs", 20)
    'Statements by<br>governments and NGOs'
    """
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or esc(text)


def wrap_title(text: str, width: int = TITLE_WIDTH) -> str:
    """A chart title, escaped and wrapped with ``<br>`` at ``width`` characters.

    >>> wrap_title("a " * 40).count("<br>")
    1
    """
    return wrap(text, width)


def number(value: float) -> str:
    """A number in a table or a label, without trailing zeros.

    >>> number(5.0), number(5.8), number(11.925), number(102994.0), number(1234567.5)
    ('5', '5.8', '11.93', '102,994', '1,234,567.5')
    """
    return number_words(value)


def legend_items(fig: go.Figure) -> int:
    """How many entries the figure's legend shows."""
    if fig.layout.showlegend is False:
        return 0
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    if len(fig.data) == 1 and fig.data[0].showlegend is not True:
        return 0
    return len(shown)


def _is_grid(fig: go.Figure) -> bool:
    return getattr(fig, "_grid_ref", None) is not None


@dataclass(frozen=True)
class Frame:
    """Pixel heights of a chart's parts (see :func:`frame_px`)."""

    top: int
    bottom: int
    height: int
    plot: int
    title: int
    axis: int


def frame_px(
    title: str,
    n_legend: int,
    height: int,
    *,
    grid: bool = False,
    x_space: int = 60,
    min_plot: int = MIN_PLOT_PX,
    source_lines: int = 1,
) -> Frame:
    """The heights :func:`finish` gives a chart: title room, top and bottom margins, the
    plotting area (at least ``min_plot``) and the total, for a legend of ``n_legend``
    entries below an x-axis title ``x_space`` tall.

    >>> box = frame_px("One line", 3, 300)
    >>> box.title, box.top, box.bottom, box.plot, box.height
    (42, 58, 144, 260, 462)
    """
    title_px = 20 + TITLE_LINE_PX * (wrap_title(title).count("<br>") + 1)
    top = 16 + (26 if grid else 0) + title_px
    rows = math.ceil(n_legend / LEGEND_PER_ROW) if n_legend else 0
    bottom = x_space + rows * LEGEND_ROW_PX + (8 if rows else 0) + SOURCE_PX
    bottom += (source_lines - 1) * SOURCE_LINE_PX
    height = max(height, top + bottom + min_plot)
    return Frame(top, bottom, height, height - top - bottom, title_px, x_space)


def finish(
    fig: go.Figure,
    title: str,
    source: str,
    x_title: str | None,
    y_title: str | None,
    height: int = 460,
    *,
    x_space: int = 60,
    min_plot: int = MIN_PLOT_PX,
) -> go.Figure:
    """Apply the house style (see the module docstring); the plotting area is at least
    ``min_plot`` pixels tall, the figure grows to keep it."""
    title_html = wrap_title(title)
    source_html = wrap(source, SOURCE_WIDTH)
    n_items = legend_items(fig)
    box = frame_px(
        title,
        n_items,
        height,
        grid=_is_grid(fig),
        x_space=x_space if x_title is not None else 24,
        min_plot=min_plot,
        source_lines=source_html.count("<br>") + 1,
    )
    top, bottom, height, plot_height = box.top, box.bottom, box.height, box.plot
    title_px, axis_space = box.title, box.axis
    fig.update_layout(
        title={
            "text": title_html,
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1 - 14 / height,
            "yanchor": "top",
            "font": {"size": TITLE_PX},
        },
        width=WIDTH,
        height=height,
        template="plotly_white",
        colorway=PALETTE,
        font={"size": FONT_PX, "family": FONT_FAMILY, "color": "#1d1d1f"},
        margin={"l": 70, "r": 24, "t": top, "b": bottom},
        showlegend=bool(n_items),
        legend={
            "orientation": "h",
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "xanchor": "left",
            "y": -axis_space / plot_height,
            "yanchor": "top",
            "entrywidth": LEGEND_ENTRY_FRACTION,
            "entrywidthmode": "fraction",
            "font": {"size": SMALL_PX},
            "traceorder": "normal",
        },
        meta={**_meta(fig), "source": source, "title_px": title_px, "plot_px": plot_height},
    )
    if x_title is not None and _is_grid(fig):
        fig.update_xaxes(title_text=x_title, row=len(fig._grid_ref), col=1)
    elif x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None and not _is_grid(fig):
        fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(automargin="left+right", tickfont={"size": SMALL_PX})
    fig.update_yaxes(automargin="left+right", tickfont={"size": SMALL_PX})
    fig.add_annotation(
        text=source_html,
        align="right",
        xref="paper",
        yref="paper",
        x=1,
        y=-(bottom - 6) / plot_height,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        font={"size": SMALL_PX, "color": MUTED},
        name="source",
    )
    return fig


def _meta(fig: go.Figure) -> dict:
    meta = fig.layout.meta
    return dict(meta) if isinstance(meta, dict) else {}


def keep_panel(fig: go.Figure, row: int) -> None:
    """Keep the empty panel ``row`` of a grid drawn: plotly.js leaves out a panel without a
    trace, and with it the axis it carries (the bottom panel carries the dates of every
    panel above it). An invisible trace with no points keeps it."""
    fig.add_trace(
        go.Scatter(x=[], y=[], mode="markers", showlegend=False, hoverinfo="skip", name="empty"),
        row=row,
        col=1,
    )


def count_axis(fig: go.Figure, axis: str, top: float, **where: int) -> None:
    """Whole-number ticks (no 0.5 events) on the count axis ``'x'`` or ``'y'``."""
    step = max(1, math.ceil(float(top or 0) / 8))
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(tick0=0, dtick=step, rangemode="tozero", tickformat="d", **where)


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
        font={"size": FONT_PX + 1},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title, source, None, None, height=300, min_plot=120)
