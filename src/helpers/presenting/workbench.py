"""The ``explore`` workbench: filters linked to a chart, an event card and a table.

Pure parts, tested without a browser:

* :func:`filter_events`: the rows the filters keep (country and window as in a briefing:
  an event is in the window when its ``plot_date`` is; every other filter left empty
  keeps everything);
* :func:`workbench_chart`: every kept event by date and severity, whatever the legend a
  plotting area of :data:`PLOT_HEIGHT` px; hollow markers and dotted spans for dates
  known only to the month or year, or to a range between two dates; the hover names the
  event id, the date at its precision, the whole summary and the evidence quote;
* :func:`event_card`: one event's card: date at its precision, summary, actors, the
  evidence quote, the reporting articles and the outlets they cite;
* :func:`sorted_rows`: the table's rows in the chosen order.

:class:`Workbench` puts them together with ipywidgets (it needs a running kernel with
JupyterLab's widget manager): change a filter and the chart, the table, the count and
the event chooser all follow; click a point (or choose an event) to see its card;
"Export" writes the kept rows to CSV and Parquet (:mod:`helpers.presenting.export`).

>>> from helpers.sample import sample_events
>>> kept = filter_events(sample_events(), categories=["crackdown"], precisions=["day"])
>>> kept["event_id"].tolist()
['RUR-001', 'RUR-003']
>>> fig = workbench_chart(kept, "Source: invented")
>>> fig.layout.height - fig.layout.margin.t - fig.layout.margin.b >= PLOT_HEIGHT
True
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis import loading
from helpers.analysis.context import DATASET_NAME
from helpers.dataset.actors import split_names
from helpers.dates import format_event_date
from helpers.presenting.charts import CATEGORY_COLORS, PRECISION_MARKERS, PRECISION_NAMES
from helpers.presenting.display import table_html, table_style
from helpers.presenting.event_rows import EVENT_TABLE_COLUMNS, event_rows
from helpers.presenting.export import Export, export_rows, export_stem

#: The plotting area's height in px (the chart grows around it for title, legend, axis
#: titles and source; it never shrinks it).
PLOT_HEIGHT = 320
WIDTH = 900
TITLE_PX = 30
LEGEND_PX = 30
AXIS_PX = 62
SOURCE_PX = 24
HOVER_WIDTH = 60
#: Rows the table shows at once (the count, the chart and the export keep every row).
TABLE_ROWS = 200
SEARCHED = ("event_id", "summary", "evidence", "actor", "target", "event_label", "notes")

#: Orders the table can be sorted in: label -> (columns, ascending).
SORTS: dict[str, tuple[list[str], bool]] = {
    "Date, earliest first": (["plot_date", "event_id"], True),
    "Date, latest first": (["plot_date", "event_id"], False),
    "Severity, harshest first": (["severity", "plot_date"], False),
    "ID": (["event_id"], True),
    "What kind": (["event_label", "plot_date"], True),
    "Who": (["actor", "plot_date"], True),
    "Most sources first": (["n_articles", "plot_date"], False),
}

DATE_NOTE = "Date (hollow markers: not known to the day, drawn mid-span; dotted line: the span)"
SEVERITY_NOTE = "Severity score (higher is harsher)"


# --------------------------------------------------------------------------- filters


def filter_events(
    events: pd.DataFrame,
    *,
    country: str = "",
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    categories: Iterable[str] = (),
    event_types: Iterable[str] = (),
    actors: Iterable[str] = (),
    precisions: Iterable[str] = (),
    response_kinds: Iterable[str] = (),
    search: str = "",
) -> pd.DataFrame:
    """The events the filters keep (an empty filter keeps everything).

    ``actors`` keeps events with any of them among their actors (``;``-lists split);
    ``response_kinds`` keeps international responses of those kinds; ``search`` keeps
    events whose id, summary, evidence, actors, target, kind or notes contain it (case
    ignored).

    >>> from helpers.sample import sample_events
    >>> filter_events(sample_events(), actors=["Freedonia"])["event_id"].tolist()
    ['RUR-002', 'RUR-004']
    >>> filter_events(sample_events(), start="2018-01-01", search="Concern")["event_id"].tolist()
    ['RUR-006']
    """
    rows = events
    if country:
        rows = loading.filter_country(rows, country)
    if start is not None or end is not None:
        rows = loading.filter_window(rows, str(start or "1000-01-01"), str(end or "9999-12-31"))
    for column, chosen in (
        ("category", categories),
        ("event_type", event_types),
        ("date_precision", precisions),
        ("response_kind", response_kinds),
    ):
        chosen = set(chosen)
        if chosen:
            rows = rows[rows[column].isin(chosen)]
    wanted = set(actors)
    if wanted:
        rows = rows[rows["actor"].map(lambda cell: bool(wanted & set(split_names(cell))))]
    needle = search.strip().casefold()
    if needle:
        text = rows[list(SEARCHED)].astype(str).agg(" ".join, axis=1).str.casefold()
        rows = rows[text.str.contains(needle, regex=False)]
    return rows.reset_index(drop=True)


def sorted_rows(rows: pd.DataFrame, order: str = "Date, earliest first") -> pd.DataFrame:
    """``rows`` in the order named ``order`` (a key of :data:`SORTS`).

    >>> from helpers.sample import sample_events
    >>> sorted_rows(sample_events(), "Severity, harshest first")["event_id"].head(2).tolist()
    ['RUR-003', 'RUR-001']
    """
    columns, ascending = SORTS[order]
    return rows.sort_values(columns, ascending=ascending, kind="stable", ignore_index=True)


# ----------------------------------------------------------------------------- chart


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=False)


def _wrapped(text: str, width: int = HOVER_WIDTH) -> str:
    return "<br>".join(_esc(line) for line in textwrap.wrap(str(text), width)) or _esc(text)


def hover_card(row: Any) -> str:
    """The hover text of one event (escaped): id, date at its precision, kind, actors,
    the whole summary and the evidence quote."""
    when = format_event_date(row.date, row.date_precision)
    who = row.actor.replace(";", "; ")
    against = f" against {row.target.replace(';', '; ')}" if row.target else ""
    return (
        f"<b>{_esc(row.event_id)}</b> · {_esc(when)}<br>{_esc(row.event_label)}: "
        f"{_esc(who)}{_esc(against)}<br>{_wrapped(row.summary)}"
        f"<br><i>“{_wrapped(row.evidence)}”</i>"
    )


def _iso(day: Any) -> str:
    """A date as ``YYYY-MM-DD`` (the widget sends datetimes to the browser as numbers)."""
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def chart_height(title: str) -> tuple[int, dict[str, int]]:
    """The figure height and margins that leave :data:`PLOT_HEIGHT` px to the plot."""
    top = 16 + TITLE_PX * (title.count("<br>") + 1) + LEGEND_PX
    bottom = AXIS_PX + SOURCE_PX
    return top + PLOT_HEIGHT + bottom, {"t": top, "b": bottom, "l": 72, "r": 24}


def workbench_chart(rows: pd.DataFrame, source: str, total: int | None = None) -> go.Figure:
    """Every event of ``rows`` by date (x) and severity (y), one colour per category;
    ``customdata`` holds the event id (what a click reports). ``total`` (the events
    before filtering) goes into the title when given."""
    fig = go.Figure()
    for category, color in CATEGORY_COLORS.items():
        part = rows[rows["category"] == category]
        shown_in_legend = False
        for precision, symbol in PRECISION_MARKERS.items():
            sub = part[part["date_precision"] == precision]
            if sub.empty:
                continue
            if precision != "day":
                xs: list[Any] = []
                ys: list[Any] = []
                for r in sub.itertuples():
                    xs += [_iso(r.date_start), _iso(r.date_end), None]
                    ys += [r.severity, r.severity, None]
                fig.add_trace(
                    go.Scatter(
                        x=xs,
                        y=ys,
                        mode="lines",
                        line={"color": color, "width": 1.5, "dash": "dot"},
                        hoverinfo="skip",
                        showlegend=False,
                        legendgroup=category,
                        name=f"span, {PRECISION_NAMES[precision]}",
                    )
                )
            fig.add_trace(
                go.Scatter(
                    x=[_iso(d) for d in sub["plot_date"]],
                    y=sub["severity"],
                    mode="markers",
                    name=category.replace("_", " "),
                    legendgroup=category,
                    showlegend=not shown_in_legend,
                    marker={"symbol": symbol, "size": 11, "color": color, "line": {"width": 1.5}},
                    customdata=sub["event_id"],
                    hovertext=[hover_card(r) for r in sub.itertuples()],
                    hoverinfo="text",
                    meta={"category": category, "precision": precision},
                )
            )
            shown_in_legend = True
    n = len(rows)
    of = f" of {total:,}" if total is not None and total != n else ""
    title = f"{n:,}{of} coded event{'s' if n != 1 else ''} by date and severity"
    height, margin = chart_height(title)
    fig.update_layout(
        title={"text": _esc(title), "x": 0.01, "xanchor": "left", "y": 1 - 12 / height},
        height=height,
        width=WIDTH,
        margin=margin,
        template="plotly_white",
        hovermode="closest",
        hoverlabel={"align": "left"},
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 1 - (16 + TITLE_PX) / height,
            "yanchor": "top",
            "x": 0,
            "font": {"size": 11},
        },
        showlegend=n > 0,
        meta={"source": source},
        clickmode="event",
    )
    fig.update_xaxes(title_text=DATE_NOTE, type="date", automargin=False, title_standoff=8)
    fig.update_yaxes(title_text=SEVERITY_NOTE, automargin=False, zeroline=True)
    fig.add_annotation(
        text=_esc(source),
        xref="paper",
        yref="paper",
        x=0,
        y=-(margin["b"] - 4) / PLOT_HEIGHT,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"size": 10, "color": "#555555"},
    )
    if n == 0:
        fig.add_annotation(
            text="No events match the filters.",
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
            font={"size": 14},
        )
    return fig


# ------------------------------------------------------------------------------ card


def event_card(event: pd.Series, articles: pd.DataFrame | None = None) -> str:
    """One event as escaped HTML: id and kind, date at its precision, summary, who acted
    against whom, the evidence quote, the reporting articles (publisher and title, from
    :func:`helpers.analysis.sources.read_articles`) and the outlets they cite, and what
    it responds to.

    >>> from helpers.sample import sample_events
    >>> card = event_card(sample_events().iloc[1])
    >>> "September 2017" in card and "RUR-001" in card and "Radio Two" in card
    True
    """
    known = {}
    if articles is not None:
        known = {r.article_id: (r.publisher, r.title) for r in articles.itertuples()}
    items = []
    for article_id in split_names(event["article_ids"]):
        publisher, title = known.get(article_id, ("", ""))
        named = f"{_esc(publisher)}: “{_esc(title)}”" if title else "article"
        items.append(f"<li>{named} <code>{_esc(article_id)}</code></li>")
    outlets = ", ".join(_esc(o) for o in split_names(event["outlets"])) or "none cited"
    precision = PRECISION_NAMES.get(event["date_precision"], event["date_precision"])
    parts = [
        f"<h4 style='margin:0.2rem 0'>{_esc(event['event_id'])} · "
        f"{_esc(event['event_label'])}</h4>",
        f"<p><b>{_esc(format_event_date(event['date'], event['date_precision']))}</b> "
        f"({_esc(precision)}) · {_esc(event['category'].replace('_', ' '))}</p>",
        f"<p>{_esc(event['summary'])}</p>",
        f"<p><b>Who:</b> {_esc(event['actor'].replace(';', '; '))}"
        + (
            f" · <b>against:</b> {_esc(event['target'].replace(';', '; '))}"
            if event["target"]
            else ""
        )
        + "</p>",
        f"<blockquote style='margin:0.3rem 0 0.3rem 0.8rem'>“{_esc(event['evidence'])}”"
        "</blockquote>",
        f"<p><b>Reported by</b></p><ul style='margin-top:0'>{''.join(items)}</ul>",
        f"<p><b>Outlets cited:</b> {outlets}</p>",
    ]
    if event.get("responds_to"):
        answered = ", ".join(_esc(i) for i in split_names(event["responds_to"]))
        parts.append(f"<p><b>Responds to:</b> {answered}</p>")
    return "<div class='event-card'>" + "".join(parts) + "</div>"


def table_view(rows: pd.DataFrame, articles: pd.DataFrame | None, limit: int = TABLE_ROWS) -> str:
    """The rows as the workbench's table (escaped HTML, wrapping), at most ``limit``."""
    if rows.empty:
        return "<p><i>No events match the filters.</i></p>"
    shown = event_rows(rows.head(limit), articles)
    note = ""
    if len(rows) > limit:
        note = f"<p><i>Showing the first {limit} of {len(rows):,} rows; export to get all.</i></p>"
    return (
        table_style("events-table")
        + table_html(shown, EVENT_TABLE_COLUMNS, css_class="events-table")
        + note
    )


# --------------------------------------------------------------------------- widgets


class Workbench:
    """The linked widgets of the ``explore`` notebook (see the module docstring).

    ``events`` are the events known by the briefing date (every country, any date);
    ``params`` the notebook's validated parameters (the starting country and window, and
    ``as_of``); ``articles`` the articles table for sources; ``root`` the folder exports
    go under. ``rows`` is always the frame the chart, the table, the count and an export
    share.
    """

    def __init__(
        self,
        events: pd.DataFrame,
        params: dict[str, Any],
        *,
        articles: pd.DataFrame | None = None,
        response_kinds: dict[str, str] | None = None,
        root: Path | None = None,
    ) -> None:
        import ipywidgets as w

        self.events = events
        self.as_of = params["as_of"]
        self.articles = articles
        self.root = Path(root) if root is not None else Path.cwd()
        self.last_export: Export | None = None
        countries = sorted({c for cell in events["country"] for c in split_names(cell)})
        kinds = response_kinds or {}
        labels = events.drop_duplicates("event_type").set_index("event_type")["event_label"]
        actors = sorted({a for cell in events["actor"] for a in split_names(cell)})
        multi = {"rows": 4, "layout": w.Layout(width="15rem")}
        self.filters: dict[str, Any] = {
            "country": w.Dropdown(
                options=countries or [params["country"]],
                value=params["country"],
                description="Country",
            ),
            "start": w.DatePicker(value=_day(params["start_date"]), description="From"),
            "end": w.DatePicker(value=_day(params["end_date"]), description="To"),
            "categories": w.SelectMultiple(
                options=[(c.replace("_", " "), c) for c in CATEGORY_COLORS],
                description="Category",
                **multi,
            ),
            "event_types": w.SelectMultiple(
                options=[(labels[t], t) for t in sorted(labels.index, key=labels.get)],
                description="Event type",
                **multi,
            ),
            "precisions": w.SelectMultiple(
                options=[(PRECISION_NAMES[p].replace("date ", ""), p) for p in PRECISION_NAMES],
                description="Date",
                **{**multi, "rows": len(PRECISION_NAMES)},
            ),
            "response_kinds": w.SelectMultiple(
                options=[(label, kind) for kind, label in kinds.items()],
                description="Response",
                **multi,
            ),
            "actors": w.TagsInput(
                allowed_tags=actors, allow_duplicates=False, layout=w.Layout(width="40rem")
            ),
            "search": w.Text(
                placeholder="words in the summary, evidence, actors, id…",
                description="Search",
                continuous_update=False,
            ),
        }
        self.order = w.Dropdown(options=list(SORTS), description="Sort by")
        self.count = w.HTML()
        self.figure = go.FigureWidget()
        self.chooser = w.Dropdown(description="Event", layout=w.Layout(width="42rem"))
        self.card = w.HTML()
        self.table = w.HTML()
        self.export_button = w.Button(description="Export rows", icon="download")
        self.export_note = w.HTML()
        for widget in self.filters.values():
            widget.observe(self._refresh, names="value")
        self.order.observe(self._show_table, names="value")
        self.chooser.observe(self._show_card, names="value")
        self.export_button.on_click(lambda _: self.export())
        hint = w.HTML(
            "<small>An empty list keeps everything; ctrl- or shift-click selects several. "
            "Actors: type a name and press Enter.</small>"
        )
        f = self.filters
        self.widget = w.VBox(
            [
                w.HBox([f["country"], f["start"], f["end"]]),
                w.HBox([f["categories"], f["event_types"], f["precisions"], f["response_kinds"]]),
                w.HBox([w.Label("Actors"), f["actors"]]),
                w.HBox([f["search"], self.order]),
                hint,
                self.count,
                self.figure,
                self.chooser,
                self.card,
                w.HBox([self.export_button, self.export_note]),
                self.table,
            ]
        )
        self.rows = pd.DataFrame(columns=events.columns)
        self._refresh()

    # ------------------------------------------------------------------ state

    def filter_values(self) -> dict[str, Any]:
        """The filters' current values, as :func:`filter_events` takes them."""
        values = {name: widget.value for name, widget in self.filters.items()}
        values["start"] = values["start"].isoformat() if values["start"] else None
        values["end"] = values["end"].isoformat() if values["end"] else None
        return values

    def _refresh(self, *_: Any) -> None:
        """Apply the filters and redraw everything that shows rows."""
        self.rows = sorted_rows(filter_events(self.events, **self.filter_values()))
        in_country = filter_events(self.events, country=self.filters["country"].value)
        n, total = len(self.rows), len(in_country)
        self.count.value = (
            f"<b>{n:,}</b> of {total:,} events of {_esc(self.filters['country'].value)} "
            "known by the briefing date match the filters."
        )
        self._draw(total)
        options = [(self._label(r), r.event_id) for r in self.rows.itertuples()]
        self.chooser.options = [("(choose an event, or click a point)", ""), *options]
        self.chooser.value = ""
        self._show_table()

    def _draw(self, total: int) -> None:
        new = workbench_chart(self.rows, source_line(self.rows, self.as_of), total)
        with self.figure.batch_update():
            self.figure.data = ()
            self.figure.add_traces(list(new.data))
            self.figure.layout = new.layout
        for trace in self.figure.data:
            if trace.mode == "markers":
                trace.on_click(self._clicked)

    def _clicked(self, trace: Any, points: Any, _state: Any) -> None:
        if points.point_inds:
            self.chooser.value = str(trace.customdata[points.point_inds[0]])

    @staticmethod
    def _label(row: Any) -> str:
        when = format_event_date(row.date, row.date_precision)
        summary = row.summary if len(row.summary) <= 70 else row.summary[:69] + "…"
        return f"{row.event_id} · {when} · {summary}"

    def _show_card(self, *_: Any) -> None:
        chosen = self.chooser.value
        if not chosen:
            self.card.value = ""
            return
        event = self.rows[self.rows["event_id"] == chosen].iloc[0]
        self.card.value = event_card(event, self.articles)

    def _show_table(self, *_: Any) -> None:
        self.rows = sorted_rows(self.rows, self.order.value)
        self.table.value = table_view(self.rows, self.articles)

    # ----------------------------------------------------------------- actions

    def export(self, stem: str | Path | None = None) -> Export:
        """Write the kept rows to CSV and Parquet (default: a new file name under
        ``exports/``) and say where."""
        country = self.filters["country"].value
        target = Path(stem) if stem is not None else export_stem(self.root, f"{country} events")
        self.last_export = export_rows(self.rows, target)
        self.export_note.value = _esc(self.last_export.summary(self.root))
        return self.last_export

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def source_line(rows: pd.DataFrame, as_of: str) -> str:
    """The source note of the chart, counting the articles of the rows it draws.

    >>> from helpers.sample import sample_events
    >>> source_line(sample_events(), "2018-12-31")
    'Source: crackdown-briefings coded events (6 articles), as of 2018-12-31'
    """
    n = loading.n_articles(rows)
    return f"Source: {DATASET_NAME} ({n} article{'s' if n != 1 else ''}), as of {as_of}"
