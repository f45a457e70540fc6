"""Display primitives for notebooks: escaped text, escaped tables, figures.

Everything taken from the data (summaries, quotes, titles, actor names) is escaped
before it reaches HTML or Markdown, so markup or script in article text shows as text.
Notebooks never ``print()``: they call these (through :mod:`helpers.notebook`).

>>> escape_markdown("<b>x</b> *y*")
'&lt;b&gt;x&lt;/b&gt; \\\\*y\\\\*'
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_markdown(text: object) -> str:
    """``text`` safe inside Markdown: HTML-escaped, Markdown specials backslash-escaped,
    whitespace (newlines included) folded to single spaces."""
    folded = " ".join(str(text).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(folded, quote=False))


def display(obj: Any) -> None:
    """IPython's ``display`` (imported lazily so this module works outside a kernel)."""
    from IPython.display import display as ipy_display

    ipy_display(obj)


def markdown_block(lines: Iterable[str], *, bullets: bool = False, heading: str = "") -> str:
    """Join already escaped ``lines`` into Markdown (optionally as a bullet list)."""
    body = "\n".join(f"- {line}" if bullets else line for line in lines)
    return f"{heading}\n\n{body}" if heading else body


def show_text(text: str, *, style: str = "") -> None:
    """Show one paragraph of text from the data, escaped (``style``: ``'em'`` or ``'strong'``)."""
    from IPython.display import Markdown

    marks = {"em": "_", "strong": "**"}.get(style, "")
    display(Markdown(f"{marks}{escape_markdown(text)}{marks}"))


def show_heading(text: str, level: int = 2) -> None:
    """Show a heading whose words come from parameters or data, escaped."""
    from IPython.display import Markdown

    display(Markdown(f"{'#' * level} {escape_markdown(text)}"))


def show_bullets(items: Iterable[str]) -> None:
    """Show sentences as a bullet list, each escaped."""
    from IPython.display import Markdown

    display(Markdown(markdown_block((escape_markdown(i) for i in items), bullets=True)))


def table_html(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    css_class: str = "briefing-table",
    max_rows: int | None = None,
) -> str:
    """The frame as an HTML table with every cell escaped.

    ``columns`` maps column names to headings (and picks/orders them). Dates are written
    ``YYYY-MM-DD``, floats without trailing zeros, missing values as empty cells.
    """
    table = frame[list(columns)] if columns else frame
    table = table.head(max_rows) if max_rows else table
    table = table.apply(_cells).rename(columns=dict(columns or {}))
    html = table.to_html(index=False, escape=True, border=0, classes=[css_class], na_rep="")
    return break_long_runs(html)


#: The longest run of characters without a space that a table cell keeps whole. A longer
#: run (a URL, a string with no space) gets places where the browser may wrap it, or its
#: cell would widen the whole table beyond the page and clip every row.
LONGEST_RUN = 30
_TEXT = re.compile(r">([^<]+)<")
_RUN = re.compile(r"(?:&#?\w+;|[^\s&<>])+")
_UNIT = re.compile(r"&#?\w+;|.", re.DOTALL)


def break_long_runs(html: str, longest: int = LONGEST_RUN) -> str:
    """``html`` with ``<wbr>`` (a place to wrap that adds no character, so copied text is
    unchanged) every ``longest`` characters of a longer run in its text; an entity such as
    ``&amp;`` counts as one character and is never cut.

    >>> break_long_runs("<td>abcdefg &amp;&amp;&amp;&amp; ok</td>", longest=3)
    '<td>abc<wbr>def<wbr>g &amp;&amp;&amp;<wbr>&amp; ok</td>'
    """

    def wrap(run: re.Match[str]) -> str:
        units = _UNIT.findall(run.group(0))
        if len(units) <= longest:
            return run.group(0)
        parts = ("".join(units[i : i + longest]) for i in range(0, len(units), longest))
        return "<wbr>".join(parts)

    return _TEXT.sub(lambda text: f">{_RUN.sub(wrap, text.group(1))}<", html)


def _cells(col: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(col):
        return col.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_float_dtype(col):
        return col.map(lambda v: "" if pd.isna(v) else f"{v:.2f}".rstrip("0").rstrip("."))
    if pd.api.types.is_bool_dtype(col):
        return col.map({True: "yes", False: "no"})
    return col.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))


def show_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    css_class: str = "briefing-table",
    max_rows: int | None = None,
    empty: str = "No rows to show.",
) -> None:
    """Show ``frame`` as an escaped HTML table (see :func:`table_html`); ``empty`` in words
    when it has no rows."""
    from IPython.display import HTML

    if frame.empty:
        show_text(empty, style="em")
        return
    display(HTML(table_html(frame, columns, css_class=css_class, max_rows=max_rows)))
    if max_rows and len(frame) > max_rows:
        show_text(f"Showing the first {max_rows} of {len(frame)} rows.", style="em")


def show_figure(fig: Any) -> None:
    """Show a plotly figure (through the configured renderers) or a matplotlib figure
    (as a PNG image, whatever the backend)."""
    if hasattr(fig, "to_plotly_json"):
        fig.show()
        return
    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    display(Image(data=buffer.getvalue(), format="png"))
