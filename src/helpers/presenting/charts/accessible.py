"""What a chart says in words: its caption, its accessible name and its numbers.

Every chart function calls :func:`describe`, which keeps three things in the figure's
``layout.meta`` (plain JSON, so they travel with the figure through the kernel):

* ``caption``: the chart's key sentence (its finding, from :mod:`helpers.analysis.findings`);
* ``alt``: the accessible name, what the chart draws, for readers who cannot see it;
* ``numbers``: the numbers drawn, as ``{"columns": [...], "rows": [[...], ...]}`` of text.

The briefing page (:mod:`helpers.rendering.html_export`) turns a figure into
:func:`figure_html`: a ``<figure>`` whose ``<figcaption>`` is the key sentence (in the page
text, so the in-chart title is dropped, see :func:`without_title`), the chart in a
container named by ``aria-label``, and the numbers in a collapsible ``<details>`` table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from helpers.presenting.display import cell_texts

NUMBERS_SUMMARY = "The numbers behind this chart"
#: How every chart's markup begins.
FIGURE_OPEN = '<figure class="briefing-chart">'
_TAG_RE = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ChartText:
    """A chart in words (plain text; escaped when written into a page)."""

    caption: str
    alt: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def numbers(frame: pd.DataFrame, columns: Mapping[str, str]) -> dict[str, list]:
    """``frame``'s ``columns`` (name -> heading) as text rows for :func:`describe`.

    >>> numbers(pd.DataFrame({"n": [3, 1], "kind": ["aid cut", "UN appeal"]}),
    ...         {"kind": "Kind", "n": "Responses"})
    {'columns': ['Kind', 'Responses'], 'rows': [['aid cut', '3'], ['UN appeal', '1']]}
    >>> numbers(pd.DataFrame({"index": [102994.0, 5.5]}), {"index": "Index"})["rows"]
    [['102,994'], ['5.5']]
    """
    texts = frame[list(columns)].apply(cell_texts) if len(frame) else frame[list(columns)]
    rows = [list(row) for row in texts.itertuples(index=False)]
    return {"columns": list(columns.values()), "rows": rows}


def describe(
    fig: go.Figure, caption: str, alt: str, table: Mapping[str, list] | None = None
) -> go.Figure:
    """Store the chart's caption, accessible name and numbers in ``layout.meta``."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta.update(caption=caption, alt=alt, numbers=dict(table or {"columns": [], "rows": []}))
    fig.update_layout(meta=meta)
    return fig


def plain(markup: str) -> str:
    """Text of a plotly label: ``<br>`` as a space, tags dropped, entities decoded.

    >>> plain("Crackdown peaked<br>in &lt;2017&gt;")
    'Crackdown peaked in <2017>'
    """
    return html.unescape(_TAG_RE.sub("", markup.replace("<br>", " "))).strip()


def chart_text(figure: Mapping[str, Any]) -> ChartText:
    """The words of a figure (its JSON): from ``layout.meta`` when the chart was described,
    else from its title (a figure made elsewhere), else a generic name."""
    layout = figure.get("layout") or {}
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    title = layout.get("title") or {}
    title_text = plain(title.get("text") or "") if isinstance(title, dict) else ""
    caption = meta.get("caption") or title_text
    table = meta.get("numbers") or {}
    return ChartText(
        caption=caption,
        alt=meta.get("alt") or caption or "Chart",
        columns=list(table.get("columns") or []),
        rows=[list(r) for r in table.get("rows") or []],
    )


def without_title(figure: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a described figure's JSON without its title, the top margin and height
    shrunk by the title's room (``meta["title_px"]``); other figures are returned as they
    are. The page shows the title's finding as the caption instead."""
    layout = dict(figure.get("layout") or {})
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    title_px = meta.get("title_px")
    if not meta.get("caption") or not title_px:
        return dict(figure)
    margin = dict(layout.get("margin") or {})
    margin["t"] = max(10, margin.get("t", 0) - title_px)
    layout.update(title={"text": ""}, margin=margin, height=layout.get("height", 0) - title_px)
    return {**figure, "layout": layout}


def numbers_html(text: ChartText) -> str:
    """The numbers as a collapsible table (escaped); empty when there are none."""
    if not text.rows:
        return ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in text.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in text.rows
    )
    return (
        f'<details class="chart-numbers"><summary>{NUMBERS_SUMMARY}</summary>'
        f'<table class="numbers-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></details>"
    )


def figure_html(chart: str, text: ChartText) -> str:
    """A chart's markup (``chart``: the plotly div) as an accessible figure.

    >>> page = figure_html("<div class='plotly-graph-div'></div>",
    ...                    ChartText("2 of 3 acts drew a response.", "Bar chart <of acts>"))
    >>> 'aria-label="Bar chart &lt;of acts&gt;"' in page, "<figcaption" in page
    (True, True)
    """
    caption = html.escape(text.caption)
    return (
        f"{FIGURE_OPEN}"
        f'<figcaption class="chart-caption">{caption}</figcaption>'
        f'<div class="chart-canvas" role="img" aria-label="{html.escape(text.alt, quote=True)}">'
        f"{chart}</div>{numbers_html(text)}</figure>"
    )
