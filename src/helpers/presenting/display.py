"""Display primitives for notebooks: escaped text, escaped tables, figures.

Everything taken from the data (summaries, quotes, titles, actor names) is escaped
before it reaches HTML or Markdown, so markup or script in article text shows as text.
Notebooks never ``print()``: they call these (through :mod:`helpers.notebook`).

The ``show_*`` functions return what they show, so a notebook can keep it
(``table = show_table(...)``); IPython does not show that value a second time as the
cell's result (see :func:`shown_once`). Outside IPython (a script, a doctest) nothing is
displayed and the return value is the same.

Tables carry their own style for JupyterLab (left-aligned, wrapping text, a sensible width
per column; see :data:`TABLE_CSS`); in a rendered briefing the page's stylesheet decides,
because every rule is scoped to pages whose ``<body>`` is not of class ``briefing``.

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

from helpers.analysis.coverage import number_words

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_markdown(text: object) -> str:
    """``text`` safe inside Markdown: HTML-escaped, Markdown specials backslash-escaped,
    whitespace (newlines included) folded to single spaces.

    >>> print(escape_markdown("Hun Sen's *party*   (CPP)"))
    Hun Sen's \\*party\\* \\(CPP\\)
    """
    folded = " ".join(str(text).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(folded, quote=False))


def in_ipython() -> bool:
    """True inside an IPython shell or kernel (JupyterLab, papermill, the render)."""
    from IPython import get_ipython

    return get_ipython() is not None


#: (formatter, id) of the values :func:`shown_once` hides from the current cell's result.
_HIDDEN: list[tuple[Any, int]] = []


def _hide(obj: Any) -> None:
    """The display of a value already shown in this cell: nothing."""


def _forget_hidden(*_: Any) -> None:
    """After each cell: values returned by ``show_*`` display normally again."""
    while _HIDDEN:
        formatter, key = _HIDDEN.pop()
        formatter.singleton_printers.pop(key, None)


def shown_once(obj: Any) -> Any:
    """Return ``obj``, which a ``show_*`` function has just displayed, so that IPython does
    not display it again as the result of the cell (the notebooks' cells end with a
    ``show_*`` call). From the next cell on it displays as usual: ``table`` alone in a
    later cell shows the frame. Works by registering a do-nothing display for this one
    object until the cell has run.

    >>> shown_once([1, 2])
    [1, 2]
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or obj is None:
        return obj
    formatter = shell.display_formatter.ipython_display_formatter
    formatter.singleton_printers[id(obj)] = _hide
    _HIDDEN.append((formatter, id(obj)))
    if _forget_hidden not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", _forget_hidden)
    return obj


def display(obj: Any) -> None:
    """IPython's ``display``; nothing outside IPython (see the module docstring)."""
    if not in_ipython():
        return
    from IPython.display import display as ipy_display

    ipy_display(obj)


def markdown_block(lines: Iterable[str], *, bullets: bool = False, heading: str = "") -> str:
    """Join already escaped ``lines`` into Markdown (optionally as a bullet list)."""
    body = "\n".join(f"- {line}" if bullets else line for line in lines)
    return f"{heading}\n\n{body}" if heading else body


def show_text(text: str, *, style: str = "") -> str:
    """Show one paragraph of text from the data, escaped (``style``: ``'em'`` or
    ``'strong'``); return the text."""
    from IPython.display import Markdown

    marks = {"em": "_", "strong": "**"}.get(style, "")
    display(Markdown(f"{marks}{escape_markdown(text)}{marks}"))
    return shown_once(text)


def show_heading(text: str, level: int = 2) -> str:
    """Show a heading whose words come from parameters or data, escaped; return them."""
    from IPython.display import Markdown

    display(Markdown(f"{'#' * level} {escape_markdown(text)}"))
    return shown_once(text)


def show_bullets(items: Iterable[str]) -> list[str]:
    """Show sentences as a bullet list, each escaped; return the sentences.

    >>> show_bullets(["One.", "Two."])
    ['One.', 'Two.']
    """
    from IPython.display import Markdown

    items = list(items)
    display(Markdown(markdown_block((escape_markdown(i) for i in items), bullets=True)))
    return shown_once(items)


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
    table = table.apply(cell_texts).rename(columns=dict(columns or {}))
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


def cell_texts(col: pd.Series) -> pd.Series:
    """A column's cells as text: counts and scores with thousands separated (a column of
    years, named so, without), dates as ``YYYY-MM-DD``.

    >>> cell_texts(pd.Series([9926, 12], name="n_events")).tolist()
    ['9,926', '12']
    >>> cell_texts(pd.Series([2017], name="year")).tolist()
    ['2017']
    >>> cell_texts(pd.Series([1234.5, None])).tolist()
    ['1,234.5', '']
    """
    if pd.api.types.is_datetime64_any_dtype(col):
        return col.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_float_dtype(col):
        return col.map(lambda v: "" if pd.isna(v) else number_words(v))
    if pd.api.types.is_integer_dtype(col) and "year" not in str(col.name).lower():
        return col.map(lambda v: "" if pd.isna(v) else f"{v:,}")
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
) -> pd.DataFrame:
    """Show ``frame`` as an escaped HTML table (see :func:`table_html`), ``empty`` in words
    when it has no rows; return the rows shown: every row (``max_rows`` only shortens the
    display), the ``columns`` under their own names, not their headings.

    >>> frame = pd.DataFrame({"event_id": ["X-1", "X-2"], "summary": ["a", "b"], "n": [1, 2]})
    >>> show_table(frame, {"event_id": "ID", "summary": "What happened"}, max_rows=1)
      event_id summary
    0      X-1       a
    1      X-2       b
    """
    from IPython.display import HTML

    shown = frame[list(columns)] if columns else frame
    if frame.empty:
        show_text(empty, style="em")
        return shown_once(shown)
    display(
        HTML(
            table_style(css_class)
            + table_html(frame, columns, css_class=css_class, max_rows=max_rows)
        )
    )
    if max_rows and len(frame) > max_rows:
        show_text(f"Showing the first {max_rows:,} of {len(frame):,} rows.", style="em")
    return shown_once(shown)


def show_figure(fig: Any) -> Any:
    """Show a plotly figure (through the configured renderers) or a matplotlib figure
    (as a PNG image, whatever the backend), and return it."""
    if not in_ipython():
        return fig
    if hasattr(fig, "to_plotly_json"):
        fig.show()
        return shown_once(fig)
    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    display(Image(data=buffer.getvalue(), format="png"))
    return shown_once(fig)


# ------------------------------------------------------------------- JupyterLab tables

#: The style of every table outside a rendered briefing, as (selector after the table,
#: declarations). JupyterLab's own table style right-aligns cells and lets one long
#: summary make a table wider than the screen.
TABLE_RULES: tuple[tuple[str, str], ...] = (
    (
        "",
        "table-layout: auto; width: 100%; max-width: 72rem; border-collapse: collapse; "
        "margin: 0.4rem 0 1rem;",
    ),
    (
        " :is(th, td)",
        "text-align: left; vertical-align: top; white-space: normal; overflow-wrap: break-word; "
        "padding: 0.3rem 0.5rem; max-width: 32rem; line-height: 1.35;",
    ),
)

_NARROW = "white-space: nowrap; overflow-wrap: normal;"

#: Per table class, the style of some columns (1 = first): ids and dates on one line,
#: room for what happened and for the sources.
COLUMN_CSS: dict[str, dict[int, str]] = {
    "events-table": {1: _NARROW, 2: _NARROW, 4: "min-width: 15rem;", 7: "min-width: 11rem;"},
    "unanswered-table": {1: _NARROW, 2: _NARROW, 4: "min-width: 15rem;"},
}


def table_style(css_class: str) -> str:
    """The ``<style>`` element for tables of ``css_class``, shown with each table (an
    output cannot rely on one shown earlier having been kept). Every rule is scoped to
    pages whose ``<body>`` is not of class ``briefing``, so briefings keep their look.

    >>> table_style("events-table").count("body:not(.briefing) table.events-table")
    6
    >>> table_style("key-figures")[:60]
    '<style>body:not(.briefing) table.key-figures { table-layout:'
    """
    rules = list(TABLE_RULES) + [
        (f" :is(th, td):nth-child({n})", css) for n, css in COLUMN_CSS.get(css_class, {}).items()
    ]
    css = " ".join(
        f"body:not(.briefing) table.{css_class}{sel} {{ {decl} }}" for sel, decl in rules
    )
    return f"<style>{css}</style>"
