"""The thin facade the notebooks import: ``from helpers import notebook as nb``.

The cell after a notebook's ``parameters`` cell calls ``ctx = nb.start(globals(),
"01_briefing")``, which

1. collects the parameters from the namespace (every name not starting with ``_`` that
   is not a module, function, class or IPython's own; papermill injects unknown names as
   plain assignments, so misspelled parameters are caught here),
2. validates them with :func:`helpers.presenting.params.validate_parameters` (a
   :class:`~helpers.errors.ParameterError` stops the notebook at once),
3. sets the plotly renderer explicitly (``plotly_mimetype+notebook``: the chart JSON for
   JupyterLab and inline HTML with plotly.js for the converted page, which works offline),
4. loads the events filtered by country, window and ``as_of``, and returns the
   :class:`~helpers.analysis.context.Context`.

The ``show_*`` functions compute one section from the context and display it; when the
window holds no events they say so in plain words instead.
"""

from __future__ import annotations

import types
from typing import Any

import pandas as pd

from helpers.analysis import (
    actors_network,
    escalation,
    headline,
    periods,
    responses,
    sources,
)
from helpers.analysis.context import Context, load_context
from helpers.analysis.loading import crackdown_events
from helpers.dataset.actors import split_names
from helpers.dates import format_date, format_event_date, format_month
from helpers.paths import project
from helpers.presenting import charts
from helpers.presenting.display import (
    escape_markdown,
    show_bullets,
    show_figure,
    show_heading,
    show_table,
    show_text,
)
from helpers.presenting.params import known_countries, validate_parameters

__all__ = [
    "Context",
    "collect_parameters",
    "configure_renderers",
    "escape_markdown",
    "start",
]

PLOTLY_RENDERER = "plotly_mimetype+notebook"
IPYTHON_NAMES = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open", "display"})
PARAMETER_TYPES = (str, int, float, bool, list, dict, tuple, type(None))
NOTHING = "Nothing to show: no events in this window were reported by the briefing date."


def event_dates(frame, date: str = "date", precision: str = "date_precision") -> list[str]:
    """The ``date`` column of ``frame`` in words, each at its ``precision``."""
    return [format_event_date(d, p) for d, p in zip(frame[date], frame[precision], strict=True)]


def percent(values) -> list[str]:
    """Shares (0..1) as whole percentages: ``0.21`` -> ``'21%'``."""
    return [f"{v:.0%}" for v in values]


# ----------------------------------------------------------------------------- start


def collect_parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """The parameter-like names of a notebook namespace (see the module docstring)."""
    return {
        name: value
        for name, value in namespace.items()
        if not name.startswith("_")
        and name not in IPYTHON_NAMES
        and not isinstance(value, types.ModuleType | type | types.FunctionType)
        and isinstance(value, PARAMETER_TYPES)
    }


def configure_renderers() -> None:
    """Set the plotly renderer explicitly (papermill's default drops charts from HTML)."""
    import plotly.io as pio

    pio.renderers.default = PLOTLY_RENDERER


def start(namespace: dict[str, Any], notebook: str, root: str | None = None) -> Context:
    """Validate the notebook's parameters, configure renderers and load the events."""
    proj = project(root)
    params = validate_parameters(
        notebook, collect_parameters(namespace), countries=known_countries(proj.root)
    )
    configure_renderers()
    return load_context(notebook, params, proj)


# --------------------------------------------------------------------------- general


def _window(ctx: Context) -> tuple[str, str]:
    """The window a time axis spans."""
    return ctx.start, ctx.end


def _nothing(ctx: Context) -> bool:
    """Say so and return True when the window holds no events."""
    if ctx.empty:
        show_text(NOTHING, style="em")
    return ctx.empty


def show_title(ctx: Context) -> None:
    """The briefing's title and the date it speaks for."""
    show_heading(ctx.title, level=2)
    show_text(
        f"What was known on {format_date(ctx.as_of)} about {ctx.country}, {ctx.window_words()}.",
        style="em",
    )


def show_headline(ctx: Context) -> None:
    """Headline findings in plain words (or the plain sentence saying the window is empty)."""
    show_bullets(headline.headline_findings(ctx))


def show_key_figures(ctx: Context) -> None:
    if _nothing(ctx):
        return
    show_table(
        headline.key_figures(ctx),
        {"figure": "Figure", "value": "Value", "definition": "What it counts"},
        css_class="key-figures",
    )


EVENT_TABLE_COLUMNS = {
    "event_id": "ID",
    "when": "Date",
    "event_label": "What kind",
    "summary": "What happened",
    "actor": "Who",
    "target": "Against whom",
    "sources": "Sources",
}


def with_evidence(table: pd.DataFrame) -> pd.Series:
    """Each event's summary followed by its evidence quote, so every row shows what it
    rests on.

    >>> frame = pd.DataFrame({"summary": ["Arrested."], "evidence": ["He was arrested."]})
    >>> with_evidence(frame).tolist()
    ['Arrested. Evidence: “He was arrested.”']
    """
    evidence = table["evidence"].fillna("").str.strip()
    quoted = " Evidence: “" + evidence + "”"
    return table["summary"] + quoted.where(evidence != "", "")


def show_events_table(ctx: Context, max_rows: int | None = None) -> None:
    """The events of the ``categories`` parameter in the window: date (at its precision),
    what happened with the verbatim evidence quote, who, and sources (the reporting
    articles by publisher and title, and the outlets they cite); the event id is kept for
    provenance."""
    if _nothing(ctx):
        return
    table = ctx.listed.sort_values(["plot_date", "event_id"], kind="stable").copy()
    table["when"] = event_dates(table)
    table["summary"] = with_evidence(table)
    table["sources"] = sources.provenance(table, sources.read_articles(ctx.project))
    table["actor"] = table["actor"].str.replace(";", "; ")
    table["target"] = table["target"].str.replace(";", "; ")
    show_table(
        table,
        EVENT_TABLE_COLUMNS,
        css_class="events-table",
        max_rows=max_rows,
        empty="No events of the selected categories in this window.",
    )


def show_method_note(ctx: Context) -> None:
    """A short method note: what is counted and how the measures are defined."""
    show_bullets(
        [
            "Events are coded by hand from news articles with the project's codebook; each "
            "event cites the articles that report it and a verbatim quote.",
            f"Only events first reported on or before {format_date(ctx.as_of)} are used, so "
            "the briefing shows what was known that day.",
            "Each act has a severity score: the weight of its kind on the Goldstein "
            "conflict-cooperation scale, turned so that higher is harsher (an arrest weighs "
            "5, violent repression 9, a release -7).",
            f"The escalation index adds up the severity scores of crackdown acts; the rolling "
            f"index covers the last {ctx.params['rolling_days']} days. "
            + escalation.verdict_rule(ctx.lightest_act),
            "Events known only to the month are drawn in the middle of that month and "
            "written with the month alone; lags involving them are approximate. Events known "
            "only to the year are drawn mid-year on the timeline but left out of every "
            "day-by-day or month-by-month measure (escalation index, worst month, monthly "
            "verdicts, response lag).",
            "Machine-suggested events waiting for review are never counted.",
        ]
    )


# ------------------------------------------------------------------------ escalation


def show_timeline(ctx: Context):  # -> plotly Figure | None
    """Dual-track timeline: crackdown above, international response below; greyed after
    the data cut-off."""
    if _nothing(ctx):
        return None
    fig = charts.dual_track_timeline(
        ctx.events,
        ctx.source_line,
        ctx.response_kinds,
        window=_window(ctx),
        cutoff=ctx.cutoff,
        verdicts=headline.month_verdicts(ctx),
    )
    show_figure(fig)
    return fig


def show_escalation(ctx: Context):  # -> plotly Figure | None
    """The escalation curve (cumulative and rolling index)."""
    if _nothing(ctx):
        return None
    days = ctx.params["rolling_days"]
    index = escalation.daily_index(ctx.events, ctx.start, ctx.measured_end, days)
    fig = charts.escalation_curve(
        index, ctx.source_line, days, window=_window(ctx), cutoff=ctx.cutoff
    )
    show_figure(fig)
    return fig


def show_verdicts(ctx: Context, table: bool = True):  # -> plotly Figure | None
    """Monthly verdicts (chart, then the months that deteriorated or improved, each with
    its reason)."""
    if _nothing(ctx):
        return None
    verdicts = headline.month_verdicts(ctx)
    fig = charts.verdict_chart(verdicts, ctx.source_line, window=_window(ctx), cutoff=ctx.cutoff)
    show_figure(fig)
    if table:
        changed = verdicts[verdicts["verdict"].isin(["deteriorated", "improved"])].copy()
        changed["month"] = changed["month"].map(format_month)
        show_table(
            changed,
            {"month": "Month", "verdict": "Verdict", "reason": "Why"},
            empty="No month deteriorated or improved.",
        )
    return fig


def show_severity_by(ctx: Context, column: str, what: str):  # -> plotly Figure | None
    """Crackdown severity by ``column`` (``event_label`` or ``actor``); its numbers are in
    the chart's table."""
    if _nothing(ctx):
        return None
    groups = ctx.institutions if column == "actor" else None
    table = escalation.severity_by(ctx.events, column, groups)
    fig = charts.severity_bars(table, column, ctx.source_line, what)
    show_figure(fig)
    return fig


def show_actor_pairs(ctx: Context, max_rows: int = 20) -> None:
    """Who acted against whom in the crackdown."""
    if _nothing(ctx):
        return
    show_table(
        actors_network.actor_pairs(ctx.events),
        {
            "actor": "Who acted",
            "target": "Against whom",
            "n_events": "Events",
            "total_severity": "Total severity score",
            "event_types": "Kinds of act",
        },
        max_rows=max_rows,
        empty="No crackdown events in this window.",
    )


def show_monthly_counts(
    ctx: Context, categories: tuple[str, ...] = ("crackdown", "international_response")
):  # -> plotly Figure | None
    """Events per month against the monthly average (months up to the data cut-off: later
    ones have no coverage), one panel per category of ``categories`` that has events."""
    if _nothing(ctx):
        return None
    end = min(pd.Timestamp(ctx.measured_end), ctx.cutoff or pd.Timestamp(ctx.measured_end))
    counts = periods.monthly_counts(ctx.events, ctx.start, end, list(categories))
    fig = charts.monthly_counts_chart(
        counts, ctx.source_line, categories, window=_window(ctx), cutoff=ctx.cutoff
    )
    show_figure(fig)
    return fig


# ------------------------------------------------------------------------- responses


def show_responses_by_kind(ctx: Context):  # -> plotly Figure | None
    """International responses by kind (kinds with none left out)."""
    if _nothing(ctx):
        return None
    table = responses.responses_by_kind(ctx.events, ctx.response_kinds)
    fig = charts.responses_by_kind_chart(table, ctx.source_line)
    show_figure(fig)
    return fig


def show_responders(ctx: Context) -> None:
    """Who responded, how often and with what kinds of response."""
    if _nothing(ctx):
        return
    table = responses.responders(ctx.events)
    labels = ctx.response_kinds
    table["actor_kind"] = table["actor_kind"].map(lambda k: str(k).replace("_", " "))
    table["kinds"] = table["kinds"].map(
        lambda cell: "; ".join(labels.get(k, k.replace("_", " ")) for k in cell.split(";") if k)
    )
    show_table(
        table,
        {
            "actor": "Who responded",
            "actor_kind": "Kind of actor",
            "n_events": "Responses",
            "kinds": "Kinds of response",
            "first_when": "First",
            "last_when": "Last",
        },
        empty="No international responses in this window.",
    )


def show_response_lag(ctx: Context, table: bool = False):  # -> plotly Figure | None
    """Days from each answered crackdown act to its first international response (chart);
    with ``table``, every response and the act it answers."""
    if _nothing(ctx):
        return None
    lags = responses.response_lags(ctx.events, ctx.known)
    fig = charts.response_lag_chart(lags, ctx.source_line)
    show_figure(fig)
    if table:
        show_table(
            responses.response_pairs(ctx.events, ctx.known),
            {
                "crackdown_when": "Act date",
                "crackdown_headline": "Crackdown act",
                "responder": "Response by",
                "response_headline": "Response",
                "response_when": "Response date",
                "lag_label": "Lag",
            },
            empty="No crackdown act in this window drew an international response.",
        )
    return fig


def show_unanswered(ctx: Context, max_rows: int | None = None) -> None:
    """Crackdown events that no international response answered by the briefing date."""
    if _nothing(ctx):
        return
    answered, total = responses.share_answered(ctx.events, ctx.known)
    show_text(
        f"{total - answered} of {total} crackdown events drew no international "
        f"response reported by {format_date(ctx.as_of)}."
    )
    table = responses.unanswered(ctx.events, ctx.known)
    table = table.assign(when=event_dates(table))
    show_table(
        table,
        {
            "event_id": "ID",
            "when": "Date",
            "event_label": "What kind",
            "summary": "What happened",
            "actor": "Who",
            "target": "Against whom",
            "severity": "Severity score",
        },
        css_class="unanswered-table",
        max_rows=max_rows,
        empty="Every crackdown event drew at least one international response.",
    )


# --------------------------------------------------------------------------- sources


def show_outlets(ctx: Context):  # -> plotly Figure | None
    """How many events cite each outlet."""
    if _nothing(ctx):
        return None
    fig = charts.outlets_chart(sources.outlet_counts(ctx.events), ctx.source_line)
    show_figure(fig)
    return fig


def show_single_source(ctx: Context) -> None:
    """Events resting on one article citing at most one outlet."""
    if _nothing(ctx):
        return
    single = sources.single_source(ctx.events)
    single = single.assign(
        date=[
            format_event_date(d, p)
            for d, p in zip(
                single["date"],
                ctx.events.set_index("event_id").loc[single["event_id"], "date_precision"],
                strict=True,
            )
        ]
    )
    show_text(
        f"{len(single)} of {len(ctx.events)} events rest on a single source "
        "(one article citing at most one outlet)."
    )
    show_table(
        single,
        {
            "event_id": "ID",
            "date": "Date",
            "summary": "What happened",
            "n_articles": "Articles",
            "outlets": "Outlet",
        },
        empty="No event rests on a single source.",
    )


def show_precision_mix(ctx: Context):  # -> plotly Figure | None
    """Events by how precisely their date is known (precisions with none left out)."""
    if _nothing(ctx):
        return None
    fig = charts.precision_chart(sources.precision_mix(ctx.events), ctx.source_line)
    show_figure(fig)
    return fig


def show_aliases(ctx: Context) -> None:
    """Spellings in the window's articles that were resolved to canonical actor names
    (``data/curated/actors.csv``), for the actors of the window's events."""
    if ctx.project is None:
        show_text("No actor registry is available for this dataset.", style="em")
        return
    events = ctx.events
    article_ids = [i for cell in events["article_ids"] for i in split_names(cell)]
    names = [n for col in ("actor", "target") for cell in events[col] for n in split_names(cell)]
    texts = sources.article_texts(ctx.project, article_ids)
    table = sources.alias_table(ctx.project.actors, texts, names)
    table["kind"] = table["kind"].map(lambda k: str(k).replace("_", " "))
    show_table(
        table,
        {
            "actor": "Canonical name",
            "kind": "Kind",
            "aliases": "Written in the articles as",
            "n_aliases": "Aliases",
        },
        empty="The articles use every actor's canonical name.",
    )


def show_validation_warnings(ctx: Context) -> None:
    """Warnings from the dataset's validation (they did not block the build)."""
    table = sources.validation_warnings(ctx.project) if ctx.project else None
    if table is None:
        show_text("Validation warnings are not available for this dataset.", style="em")
        return
    show_table(
        table, {"where": "Where", "warning": "Warning"}, empty="Validation found no warnings."
    )


def show_suggested(ctx: Context) -> None:
    """Suggested events waiting for review, per article (never used in any measure)."""
    table = sources.suggested_counts(ctx.project) if ctx.project else None
    if table is None or table.empty:
        show_text("No machine-suggested events are waiting for review.")
        return
    show_text(
        f"{int(table['n_suggested'].sum())} suggested events are waiting for review; "
        "they are not counted anywhere in this briefing."
    )
    show_table(table, {"article_id": "Article", "file": "File", "n_suggested": "Suggested events"})


# --------------------------------------------------------------------------- explore


def show_explorer(ctx: Context) -> None:
    """All events of the window, filterable by category (dropdown) and date (slider)."""
    if _nothing(ctx):
        return
    show_figure(charts.explorer(ctx.events, ctx.source_line))


def crackdown(ctx: Context):  # -> pandas.DataFrame
    """Crackdown events in the window (for analysts in ``explore``)."""
    return crackdown_events(ctx.events)
