"""The thin facade the notebooks import: ``from helpers import notebook as nb``.

The cell after a notebook's ``parameters`` cell calls ``ctx = nb.start(globals(),
"01_briefing")``, which

1. collects the parameters from the namespace: the names the notebook's ``parameters``
   cell declares, and any name papermill injected (see :func:`collect_parameters`), so an
   analyst's own variables (``n_top = 3``) never break a re-run while a misspelled
   ``-p contry X`` is still refused,
2. validates them with :func:`helpers.presenting.params.validate_parameters` (a
   :class:`~helpers.errors.ParameterError` stops the notebook at once),
3. sets the plotly renderer explicitly (``plotly_mimetype+notebook``: the chart JSON for
   JupyterLab and inline HTML with plotly.js for the converted page, which works offline),
4. loads the events filtered by country, window and ``as_of``, and returns the
   :class:`~helpers.analysis.context.Context`.

A script, or a notebook of one's own, calls :func:`load` (also ``helpers.load``) with the
parameters as keywords, checked the same way.

The ``show_*`` functions compute one section from the context, display it and return the
tidy frame (or the figure) they show, so what is seen can be kept; when the window holds
no events they say so in plain words and return ``None``. Outside IPython they display
nothing and return the same.

The examples run on the invented events of :mod:`helpers.sample`:

>>> from helpers.sample import sample_context
>>> ctx = sample_context()
>>> show_key_figures(ctx)["figure"].tolist()[:2]
['Sources', 'Data cut-off']
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.analysis import (
    actors_network,
    changes,
    escalation,
    headline,
    loading,
    method,
    periods,
    responses,
    sources,
    summary,
)
from helpers.analysis.context import Context, load_context
from helpers.analysis.coverage import coverage_sentence, header_words, plural
from helpers.analysis.loading import crackdown_events, international_responses
from helpers.analysis.questions import counts_by, response_pairs
from helpers.dataset.actors import kind_words, split_names
from helpers.dates import format_date, format_event_date, format_month
from helpers.paths import project
from helpers.presenting import charts
from helpers.presenting.attachments import show_events_csv
from helpers.presenting.display import (
    display,
    escape_markdown,
    show_bullets,
    show_figure,
    show_heading,
    show_table,
    show_text,
    shown_once,
)
from helpers.presenting.event_rows import (
    EVENT_TABLE_COLUMNS,
    event_dates,
    event_rows,
)
from helpers.presenting.export import export_rows
from helpers.presenting.params import SHARED, known_countries, notebook_names, validate_parameters
from helpers.presenting.workbench import Workbench
from helpers.rendering.manifest import previous_briefing
from helpers.sample import sample_context  # noqa: F401 (the examples run on it)

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "Context",
    "Workbench",
    "collect_parameters",
    "configure_renderers",
    "counts_by",
    "crackdown",
    "escape_markdown",
    "explore",
    "export_rows",
    "load",
    "response_pairs",
    "show_actor_pairs",
    "show_aliases",
    "show_basis",
    "show_bottom_line",
    "show_counts",
    "show_escalation",
    "show_events_download",
    "show_events_table",
    "show_explorer",
    "show_headline",
    "show_key_figures",
    "show_method_note",
    "show_monthly_counts",
    "show_outlets",
    "show_precision_mix",
    "show_responders",
    "show_response_lag",
    "show_response_pairs",
    "show_responses_by_kind",
    "show_severity_by",
    "show_since_last",
    "show_single_source",
    "show_suggested",
    "show_timeline",
    "show_title",
    "show_unanswered",
    "show_validation_warnings",
    "show_verdicts",
    "start",
]

PLOTLY_RENDERER = "plotly_mimetype+notebook"
#: The comment papermill writes at the top of the cell it injects the parameters in.
PAPERMILL_HEADER = "# Parameters"
#: The name a context built by :func:`load` carries (it belongs to no notebook).
LOADED = "python"
NOTHING = "Nothing to show: no events in this window were reported by the briefing date."


def percent(values) -> list[str]:
    """Shares (0..1) as whole percentages: ``0.21`` -> ``'21%'``.

    >>> percent([0.21, 1.0])
    ['21%', '100%']
    """
    return [f"{v:.0%}" for v in values]


# ----------------------------------------------------------------------------- start


def declared_parameters(notebook: str) -> list[str]:
    """The names the ``parameters`` cell of ``notebook`` declares: its specs in
    :mod:`helpers.presenting.params` (a test keeps each cell equal to them); a notebook
    outside the suite takes the shared ones.

    >>> declared_parameters("scratch")[:3]
    ['country', 'start_date', 'end_date']
    """
    from helpers.presenting.params import specs_for

    specs = specs_for(notebook) if notebook in notebook_names() else SHARED
    return [s.name for s in specs]


def injected_parameters(namespace: dict[str, Any]) -> list[str]:
    """The names papermill injected into this kernel: those assigned in the last cell of
    the IPython input history (``In``) that starts with papermill's ``# Parameters``.

    >>> injected_parameters({"In": ["", "x = 1", '# Parameters\\ncontry = "X"\\n']})
    ['contry']
    >>> injected_parameters({})
    []
    """
    history = namespace.get("In") or namespace.get("_ih") or []
    for source in reversed(history):
        if isinstance(source, str) and source.lstrip().startswith(PAPERMILL_HEADER):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                return []
            return [
                target.id
                for node in tree.body
                if isinstance(node, ast.Assign | ast.AnnAssign)
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)
            ]
    return []


def collect_parameters(namespace: dict[str, Any], notebook: str) -> dict[str, Any]:
    """The parameters of ``notebook`` in a notebook's namespace: the values of the names
    its ``parameters`` cell declares (:func:`declared_parameters`) and of any name papermill
    injected (:func:`injected_parameters`, so that an unknown ``-p contry X`` reaches the
    checks and is refused). Every other variable is the analyst's own and is left alone.

    >>> collect_parameters({"country": "Cambodia", "n_top": 3, "In": ["", "n_top = 3"]},
    ...                    "explore")
    {'country': 'Cambodia'}
    >>> injected = '# Parameters\\ncontry = "X"\\n'
    >>> collect_parameters({"contry": "X", "In": ["", injected]}, "explore")
    {'contry': 'X'}
    """
    names = dict.fromkeys([*declared_parameters(notebook), *injected_parameters(namespace)])
    return {name: namespace[name] for name in names if name in namespace}


def configure_renderers() -> None:
    """Set the plotly renderer explicitly (papermill's default drops charts from HTML)."""
    import plotly.io as pio

    pio.renderers.default = PLOTLY_RENDERER


def check_parameters(notebook: str, params: dict[str, Any], root: Path) -> dict[str, Any]:
    """``params`` validated for ``notebook`` (a notebook outside the suite, or a script,
    takes the shared parameters) against the countries of the project at ``root``."""
    specs = None if notebook in notebook_names() else SHARED
    return validate_parameters(notebook, params, countries=known_countries(root), specs=specs)


def start(namespace: dict[str, Any], notebook: str, root: str | None = None) -> Context:
    """Validate the notebook's parameters, configure renderers and load the events.

    ``notebook`` is the notebook's name: one of the suite (``'01_briefing'``) or any other
    (an analyst's own notebook takes the shared parameters). ``root`` is the project
    folder (default: found from ``BRIEFINGS_ROOT`` or the working directory).

    >>> start({"country": "Cambodia", "start_date": "2017", "n_top": 3}, "scratch")
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: Parameter 'start_date' was given '2017'; expected a date ...
    """
    proj = project(root)
    params = check_parameters(notebook, collect_parameters(namespace, notebook), proj.root)
    configure_renderers()
    return load_context(notebook, params, proj)


def load(root: str | Path | None = None, **params: Any) -> Context:
    """The events of a country, window and briefing date, for any notebook or script.

    Takes the parameters every notebook takes, as keywords (``country``, ``start_date``,
    ``end_date``, ``as_of``, ``title``, ``categories``, ``rolling_days``), checks them as
    :func:`start` does (an unknown or malformed one raises
    :class:`~helpers.errors.ParameterError` saying what is expected) and returns the
    :class:`~helpers.analysis.context.Context`: ``ctx.events`` (the window),
    ``ctx.known`` (everything reported by ``as_of``), ``ctx.listed`` and the parameters.
    Reads the country's rows of ``data/processed/events.parquet`` (``make data`` builds it).

    >>> import helpers
    >>> ctx = helpers.load(  # doctest: +SKIP
    ...     country="Cambodia", start_date="2017-01-01", as_of="2017-10-31"
    ... )
    >>> helpers.load(contry="Cambodia")
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: Unknown parameter 'contry' (given 'Cambodia'); did you ...
    """
    proj = project(None if root is None else str(root))
    return load_context(LOADED, check_parameters(LOADED, params, proj.root), proj)


# --------------------------------------------------------------------------- general


def _window(ctx: Context) -> tuple[str, str]:
    """The window a time axis spans."""
    return ctx.start, ctx.end


def _nothing(ctx: Context) -> bool:
    """Say so and return True when the window holds no events."""
    if ctx.empty:
        show_text(NOTHING, style="em")
    return ctx.empty


#: What each section cannot show when the sources code no international response.
NONE_CODED_LEADS = {
    "chart": "so there is nothing to chart",
    "responders": "so there is no responder to list",
    "timeline": "so the lower track of the timeline is empty",
    "lag": "so no response lag can be measured",
    "unanswered": "so these sources cannot tell which crackdown acts drew a response",
}


def none_coded(ctx: Context, what: str = "chart") -> str:
    """The sentence shown instead of a response chart or table when the sources code no
    international response for the country at all (by the briefing date); ``what`` is a
    key of :data:`NONE_CODED_LEADS`."""
    return (
        f"No international responses to the crackdown in {ctx.country} are coded in these "
        f"sources (reported by {format_date(ctx.as_of)}), {NONE_CODED_LEADS[what]}. This is "
        "not evidence that none were made: the sources may not record them."
    )


def _no_responses_coded(ctx: Context, what: str = "chart") -> bool:
    """Say so and return True when no international response of the country is coded by
    the briefing date, in or out of the window (lags and answers look beyond it)."""
    if international_responses(ctx.known).empty:
        show_text(none_coded(ctx, what), style="em")
        return True
    return False


def _no_responses_in_window(ctx: Context, what: str = "chart") -> bool:
    """Say so and return True when the window holds no international response (with the
    stronger sentence when the sources code none at all)."""
    if _no_responses_coded(ctx, what):
        return True
    if international_responses(ctx.events).empty:
        show_text(
            f"No international responses to the crackdown in {ctx.country} are coded in "
            f"this window ({ctx.window_words()}), {NONE_CODED_LEADS[what]}.",
            style="em",
        )
        return True
    return False


def show_bottom_line(ctx: Context) -> headline.BottomLine | None:
    """Page 1: key events as dated sentences, where things stand at the data cut-off, the
    international response, what the briefing rests on and what to watch; returns them.

    >>> show_bottom_line(sample_context()).coverage
    'This briefing rests on ...'
    """
    if ctx.empty:
        show_text(headline.empty_message(ctx))
        show_text(coverage_sentence(ctx.coverage, ctx.as_of))
        return None
    line = headline.bottom_line(ctx)
    show_text(line.summary, style="strong")
    sections = (
        ("Key events", line.key_events, "No crackdown act on the top rungs in this window."),
        ("Where things stand", line.standing, "No lasting act (detention, dissolution, exile)."),
        ("The international response", line.response, ""),
        ("What this rests on", [line.coverage], ""),
        ("What to watch", line.watch, "No scheduled event after the data cut-off is coded."),
    )
    for heading, sentences, empty in sections:
        show_heading(heading, level=3)
        show_bullets(sentences or [empty])
    return shown_once(line)


def show_since_last(ctx: Context) -> changes.SinceLast:
    """Since the last briefing of this series (notebook, country and window) published in
    ``reports/``: events first reported since, corrections, events removed, and the change
    in the severity total and the monthly verdict (:mod:`helpers.analysis.changes`);
    returns the section.

    >>> show_since_last(sample_context()).intro
    'This is the first briefing ...'
    """
    show_heading("Since the last briefing", level=2)
    previous = None
    if ctx.project is not None:
        previous = previous_briefing(
            ctx.project.reports, ctx.notebook, ctx.country, ctx.start, ctx.end, ctx.as_of
        )
    section = changes.since_last(
        ctx,
        previous.snapshot if previous else None,
        previous.as_of if previous else None,
    )
    show_text(section.intro)
    for heading, sentences in section.groups:
        show_heading(heading, level=3)
        show_bullets(sentences)
    return shown_once(section)


def show_basis(ctx: Context) -> list[str]:
    """What every page rests on, with the same numbers on every briefing of a window: the
    coverage sentence and the one severity total, acts, responses and the share answered;
    returns the sentences.

    >>> show_basis(sample_context())[1]
    '6 events in the window: ...'
    """
    lines = [show_text(coverage_sentence(ctx.coverage, ctx.as_of))]
    if not ctx.empty:
        lines += show_bullets(headline.basis_sentences(ctx))
    return shown_once(lines)


def show_title(ctx: Context) -> list[str]:
    """The briefing's title and the date it speaks for; returns both lines.

    >>> show_title(sample_context())[1]
    'What was known about Ruritania between 1 January 2016 and 31 December 2018: as of ...'
    """
    return shown_once(
        [
            show_heading(ctx.title, level=2),
            show_text(
                f"What was known about {ctx.country} {ctx.window_words()}: "
                f"{header_words(ctx.coverage, ctx.as_of)}.",
                style="em",
            ),
        ]
    )


def show_headline(ctx: Context) -> list[str]:
    """Findings on severity and the latest verdict (or the sentence saying the window is
    empty); returns the sentences.

    >>> show_headline(sample_context())[0]
    'Severity total of the window: 16 points from 3 acts; ...'
    """
    return show_bullets(headline.headline_findings(ctx))


def show_key_figures(ctx: Context) -> pd.DataFrame | None:
    """The key figures: ``figure``, ``value`` and ``definition`` (what it counts).

    >>> show_key_figures(sample_context()).iloc[0].tolist()[:2]
    ['Sources', '6 reports from 2 outlets']
    """
    if _nothing(ctx):
        return None
    return show_table(
        headline.key_figures(ctx),
        {"figure": "Figure", "value": "Value", "definition": "What it counts"},
        css_class="key-figures",
    )


def show_events_table(ctx: Context, max_rows: int | None = None) -> pd.DataFrame | None:
    """The events of the ``categories`` parameter in the window: date (at its precision),
    what happened with the verbatim evidence quote, who, and sources (the reporting
    articles by publisher and title, and the outlets they cite); the event id is kept for
    provenance. Returns the rows listed (``max_rows`` only shortens the display) with the
    columns of :data:`EVENT_TABLE_COLUMNS`.

    A window of many events (:func:`helpers.analysis.summary.is_many`) lists its key
    events (the first-ranked crackdown acts), then the next events by rank, and counts the
    others by kind (:func:`_many_events_tables`). Either way the full list of the window
    follows, as the CSV that travels with the HTML briefing (:func:`show_events_download`).

    >>> show_events_table(sample_context(), max_rows=2)[["event_id", "when"]].head(2)
      event_id              when
    0  RUR-001  3 September 2017
    1  RUR-002    September 2017
    """
    if _nothing(ctx):
        return None
    articles = sources.read_articles(ctx.project)
    if summary.is_many(ctx.listed):
        shown = _many_events_tables(ctx, articles, max_rows)
    else:
        table = event_rows(
            ctx.listed.sort_values(["plot_date", "event_id"], kind="stable"), articles
        )
        shown = show_table(
            table,
            EVENT_TABLE_COLUMNS,
            css_class="events-table",
            max_rows=max_rows,
            empty="No events of the selected categories in this window.",
        )
    show_events_download(ctx)
    return shown_once(shown)


def _many_events_tables(
    ctx: Context, articles: pd.DataFrame | None, max_rows: int | None
) -> pd.DataFrame:
    """The event tables of a window of many events: the key events, the next events by
    rank (by date), the others counted by kind; returns the rows listed."""
    key = summary.key_events(ctx.listed)
    listed, rest = summary.annex_events(ctx.listed)
    tie = summary.key_tie_words(ctx.listed)
    others = f"the other {len(rest):,} are counted by kind" if len(rest) else "none is left out"
    show_text(
        f"This window holds {len(ctx.listed):,} events of the listed categories, more than "
        f"the {summary.MANY_EVENTS} a briefing lists in full. Listed below: the key events "
        f"(the first {len(key)} crackdown acts by rank{f'; {tie}' if tie else ''}), then the "
        f"next {len(listed)} events, ranked {summary.RANK_WORDS}; {others}. Every one is in "
        "the CSV file that comes with the HTML briefing."
    )
    show_heading("Key events", level=4)
    key_rows = show_table(
        event_rows(key, articles),
        {**EVENT_TABLE_COLUMNS, "severity": "Severity score"},
        css_class="events-table",
        empty="No crackdown act among the listed categories in this window.",
    )
    show_heading(f"The next {len(listed)} events, by date", level=4)
    next_rows = show_table(
        event_rows(listed.sort_values(["plot_date", "event_id"], kind="stable"), articles),
        EVENT_TABLE_COLUMNS,
        css_class="events-table",
        max_rows=max_rows,
        empty="No other event of the listed categories in this window.",
    )
    if not rest.empty:
        show_heading("The other events, by kind", level=4)
        show_table(
            summary.counts_by_kind(rest).assign(
                category=lambda t: t["category"].str.replace("_", " ")
            ),
            {
                "event_label": "Kind of event",
                "category": "Category",
                "n_events": "Events not listed",
                "total_severity": "Their severity points",
            },
        )
    return pd.concat([key_rows, next_rows], ignore_index=True)


def show_events_download(ctx: Context) -> Path | None:
    """The window's full event list (every category, reported by the briefing date) as a
    CSV file published next to the HTML briefing, with the link to it
    (:func:`helpers.presenting.attachments.show_events_csv`); returns the file written
    (``None`` outside ``briefings render``, which gives the kernels a folder for it).

    >>> show_events_download(sample_context()) is None  # not rendering: nothing written
    True
    """
    n = len(ctx.events)
    what = (
        f"the {n:,} event{'s' if n != 1 else ''} of this window known by {format_date(ctx.as_of)}"
    )
    return show_events_csv(ctx.events, what)


def show_method_note(ctx: Context) -> list[str]:
    """The method note: what is counted and how each measure is defined, built from the
    codebook and the rules themselves (:mod:`helpers.analysis.method`); returns the
    sentences.

    >>> show_method_note(sample_context())[0].startswith("Events from news articles")
    True
    """
    return show_bullets(method.method_sentences(ctx))


# ------------------------------------------------------------------------ escalation


def show_timeline(ctx: Context) -> go.Figure | None:
    """Dual-track timeline: crackdown above, international response below; returns the
    figure.

    >>> len(show_timeline(sample_context()).data) > 0
    True
    """
    if _nothing(ctx):
        return None
    if summary.is_many(ctx.events):
        return _summary_timeline(ctx)
    show_text(TIMELINE_READING)
    fig = show_figure(
        charts.dual_track_timeline(
            ctx.events, ctx.source_line, ctx.response_kinds, window=_window(ctx), cutoff=ctx.cutoff
        )
    )
    _no_responses_coded(ctx, "timeline")
    return fig


#: How to read the timeline that draws every event.
TIMELINE_READING = (
    "Each crackdown act is drawn at its date and its severity score; international "
    "responses are drawn below on the same time axis. A hollow marker on a dotted line is "
    "an event not known to the day: the line spans the days it may fall on."
)


def _summary_timeline(ctx: Context) -> go.Figure:
    """The timeline of a window of many events: counts per week or month, the most severe
    acts labelled, and how to read it with its bases."""
    binned = summary.binned(ctx.events, ctx.start, ctx.end)
    labels = summary.labelled(ctx.events, binned.unit)
    unit = binned.unit
    left = binned.unplaced["crackdown"] + binned.unplaced["international_response"]
    spanning = (
        f" {left:,} event{'s' if left != 1 else ''} whose dates span more than one {unit} "
        f"{'are' if left != 1 else 'is'} left out of the bars (the event list holds them)."
        if left
        else ""
    )
    others = len(ctx.events) - len(crackdown_events(ctx.events))
    others -= len(international_responses(ctx.events))
    not_drawn = (
        f" The {others:,} other events (domestic responses, context) are not drawn."
        if others
        else ""
    )
    show_text(
        f"This window holds {len(ctx.events):,} events, too many to draw one by one (more "
        f"than {summary.MANY_EVENTS}): the bars count them per {unit}, crackdown acts above "
        f"by severity score, international responses below. An event is counted in the "
        f"{unit} that holds every day it may fall on.{spanning}{not_drawn} {labels.words()} "
        f"Acts are ranked {summary.RANK_WORDS}."
    )
    fig = show_figure(
        charts.summary_timeline(
            binned,
            labels,
            ctx.source_line,
            ctx.response_kinds,
            window=_window(ctx),
            cutoff=ctx.cutoff,
        )
    )
    _no_responses_coded(ctx, "timeline")
    return fig


def show_escalation(ctx: Context) -> go.Figure | None:
    """The escalation curve (cumulative and rolling index); returns the figure.

    >>> len(show_escalation(sample_context()).data) > 0
    True
    """
    if _nothing(ctx):
        return None
    days = ctx.params["rolling_days"]
    index = escalation.daily_index(ctx.events, ctx.start, ctx.measured_end, days)
    return show_figure(
        charts.escalation_curve(
            index, ctx.source_line, days, window=_window(ctx), cutoff=ctx.cutoff
        )
    )


def show_verdicts(ctx: Context, table: bool = True) -> pd.DataFrame | None:
    """Monthly verdicts (chart, the rule, then every month with an act or a verdict, with
    its reason); returns every month's verdict.

    >>> list(show_verdicts(sample_context()).columns[:1])
    ['month']
    """
    if _nothing(ctx):
        return None
    verdicts = headline.month_verdicts(ctx)
    fig = charts.verdict_chart(verdicts, ctx.source_line, window=_window(ctx), cutoff=ctx.cutoff)
    show_figure(fig)
    show_text(escalation.verdict_rule(ctx.lightest_act))
    if table:
        shown = verdicts[
            (verdicts["n_events"] > 0) | verdicts["verdict"].isin(escalation.VERDICTS)
        ].copy()
        shown["month"] = shown["month"].map(format_month)
        show_table(
            shown,
            {"month": "Month", "verdict": "Verdict", "reason": "Why"},
            empty="No month of the window holds a crackdown act or a verdict.",
        )
    return shown_once(verdicts)


def show_severity_by(
    ctx: Context, column: str, what: str, by_institution: bool = False
) -> pd.DataFrame | None:
    """Crackdown severity by ``column`` (``event_label`` or ``actor``), chart and table;
    ``by_institution`` groups people with the institution they act for; returns the table.

    >>> show_severity_by(sample_context(), "event_label", "kind of act").columns.tolist()
    ['event_label', 'n_events', 'total_severity', 'share']
    """
    if _nothing(ctx):
        return None
    institutions = ctx.institutions if by_institution else None
    table = escalation.severity_by(ctx.events, column, institutions)
    show_figure(charts.severity_bars(table, column, ctx.source_line, what))
    table = table.assign(share=percent(table["share"]))
    return show_table(
        table,
        {
            column: what.capitalize(),
            "n_events": "Events",
            "total_severity": "Total severity points",
            "share": "Share of the total",
        },
        empty="No crackdown events in this window.",
    )


def show_actor_pairs(ctx: Context, max_rows: int = 20) -> pd.DataFrame | None:
    """Who acted against whom in the crackdown; returns every pair.

    >>> show_actor_pairs(sample_context())[["actor", "target"]].iloc[0].tolist()
    [...]
    """
    if _nothing(ctx):
        return None
    return show_table(
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
) -> go.Figure | None:
    """Events per month against the monthly average (months up to the data cut-off: later
    ones have no coverage), one panel per category of ``categories`` that has events;
    returns the figure.

    >>> type(show_monthly_counts(sample_context())).__name__
    'Figure'
    """
    if _nothing(ctx):
        return None
    counts = periods.monthly_counts(
        ctx.events, ctx.start, ctx.reported_end, list(categories), covered_end=ctx.covered_end
    )
    return show_figure(
        charts.monthly_counts_chart(
            counts, ctx.source_line, categories, window=_window(ctx), cutoff=ctx.cutoff
        )
    )


# ------------------------------------------------------------------------- responses


def show_responses_by_kind(ctx: Context) -> go.Figure | None:
    """International responses by kind (aid cuts, sanctions, ...); returns the figure.

    >>> len(show_responses_by_kind(sample_context()).data)
    1
    """
    if _nothing(ctx) or _no_responses_in_window(ctx):
        return None
    table = responses.responses_by_kind(ctx.events, ctx.response_kinds)
    return show_figure(charts.responses_by_kind_chart(table, ctx.source_line))


def show_responders(ctx: Context) -> pd.DataFrame | None:
    """Who responded, how often and with what kinds of response; returns the table.

    >>> show_responders(sample_context())["actor"].tolist()
    ['Freedonia', 'Northern Union', 'United Nations']
    """
    if _nothing(ctx) or _no_responses_in_window(ctx, "responders"):
        return None
    table = responses.responders(ctx.events)
    labels = ctx.response_kinds
    table["actor_kind"] = table["actor_kind"].map(kind_words)
    table["kinds"] = table["kinds"].map(
        lambda cell: "; ".join(labels.get(k, k.replace("_", " ")) for k in cell.split(";") if k)
    )
    shown = show_table(
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
    n_responses = len(international_responses(ctx.events))
    if int(table["n_events"].sum()) > n_responses:
        show_text(
            f"A response made by several actors together counts once for each of them: the "
            f"column adds up to {int(table['n_events'].sum()):,}, for "
            f"{plural(n_responses, 'international response')} in all.",
            style="em",
        )
    return shown


def show_response_lag(ctx: Context, table: bool = False) -> pd.DataFrame | None:
    """Days from each answered crackdown act to its first international response, as a
    range (dates are intervals); with ``table``, every (response, act) pair; returns the
    first response to each act.

    >>> show_response_lag(sample_context())["crackdown_id"].tolist()
    ['RUR-001', 'RUR-003']
    """
    if _nothing(ctx) or _no_responses_coded(ctx, "lag"):
        return None
    lags = responses.response_lags(ctx.events, ctx.known)
    fig = charts.response_lag_chart(lags, ctx.source_line)
    show_figure(fig)
    if table:
        show_table(
            responses.response_pairs(ctx.events, ctx.known),
            {
                "crackdown_when": "Act date",
                "crackdown_headline": "Act",
                "responder": "Response by",
                "response_when": "Response date",
                "lag_label": "Lag",
            },
            empty="No crackdown act in this window drew an international response.",
        )
    return shown_once(lags)


def show_unanswered(ctx: Context, max_rows: int | None = summary.TABLE_ROWS) -> pd.DataFrame | None:
    """Crackdown acts that no international response reported in these sources answered
    (the first ``max_rows`` shown, the table says how many more); returns them all.

    >>> show_unanswered(sample_context())["event_id"].tolist()
    ['RUR-005']
    """
    if _nothing(ctx) or _no_responses_coded(ctx, "unanswered"):
        return None
    answered, total = responses.share_answered(ctx.events, ctx.known)
    show_text(f"{responses.answered_words(answered, total)}.")
    table = responses.unanswered(ctx.events, ctx.known)
    table = table.assign(when=event_dates(table))
    return show_table(
        table,
        {
            "event_id": "ID",
            "when": "Date",
            "event_label": "What kind",
            "summary": "What happened",
            "actor": "Who",
            "target": "Against whom",
            "severity": "Severity points",
        },
        css_class="unanswered-table",
        max_rows=max_rows,
        empty="Every crackdown act drew at least one international response in these sources.",
    )


# --------------------------------------------------------------------------- sources


def show_outlets(ctx: Context) -> go.Figure | None:
    """The outlets that published the reports (the independent sources), then the outlets
    the articles cite as further reading (not independent sources); returns the figure.

    >>> len(show_outlets(sample_context()).data) > 0
    True
    """
    if _nothing(ctx):
        return None
    fig = show_figure(charts.outlets_chart(sources.outlet_counts(ctx.events), ctx.source_line))
    show_text(
        "Further reading cited under the articles: these links are not independent sources "
        "and are not counted as such anywhere in the briefings."
    )
    show_table(
        sources.outlet_counts(ctx.events, "further_reading"),
        {"outlet": "Outlet cited as further reading", "n_events": "Events"},
        empty="The articles cite no further reading.",
    )
    return shown_once(fig)


def show_single_source(
    ctx: Context, max_rows: int | None = summary.TABLE_ROWS
) -> pd.DataFrame | None:
    """Events resting on reports from a single outlet (the first ``max_rows`` shown, the
    table says how many more); returns them all.

    >>> sorted(show_single_source(sample_context())["event_id"])
    ['RUR-002', 'RUR-003', 'RUR-005', 'RUR-006']
    """
    if _nothing(ctx):
        return None
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
    show_text(sources.single_source_words(ctx.events))
    return show_table(
        single,
        {
            "event_id": "ID",
            "date": "Date",
            "summary": "What happened",
            "n_articles": "Reports",
            "outlets": "Published by",
        },
        max_rows=max_rows,
        empty="No event rests on a single source.",
    )


def show_precision_mix(ctx: Context) -> go.Figure | None:
    """How many events are dated to the day, the month, the year or a range; returns the
    figure.

    >>> len(show_precision_mix(sample_context()).data) > 0
    True
    """
    if _nothing(ctx):
        return None
    return show_figure(charts.precision_chart(sources.precision_mix(ctx.events), ctx.source_line))


def show_aliases(ctx: Context) -> pd.DataFrame | None:
    """Spellings in the window's articles that were resolved to canonical actor names
    (``data/curated/actors.csv``), for the actors of the window's events; returns them
    (``None`` without a project).

    >>> show_aliases(sample_context()) is None
    True
    """
    if ctx.project is None:
        show_text("No actor registry is available for this dataset.", style="em")
        return None
    events = ctx.events
    article_ids = [i for cell in events["article_ids"] for i in split_names(cell)]
    names = [n for col in ("actor", "target") for cell in events[col] for n in split_names(cell)]
    texts = sources.article_texts(ctx.project, article_ids)
    table = sources.alias_table(ctx.project.actors, texts, names)
    table["kind"] = table["kind"].map(kind_words)
    return show_table(
        table,
        {
            "actor": "Canonical name",
            "kind": "Kind",
            "aliases": "Written in the articles as",
            "n_aliases": "Aliases",
        },
        empty="The articles use every actor's canonical name.",
    )


def show_validation_warnings(ctx: Context) -> pd.DataFrame | None:
    """Warnings from the dataset's validation (they did not block the build); returns
    them (``None`` without a project).

    >>> show_validation_warnings(sample_context()) is None
    True
    """
    table = sources.validation_warnings(ctx.project) if ctx.project else None
    if table is None:
        show_text("Validation warnings are not available for this dataset.", style="em")
        return None
    return show_table(
        table, {"where": "Where", "warning": "Warning"}, empty="Validation found no warnings."
    )


def show_suggested(ctx: Context) -> pd.DataFrame | None:
    """Suggested events waiting for review, per article (never used in any measure);
    returns the counts (``None`` when there are none).

    >>> show_suggested(sample_context()) is None
    True
    """
    table = sources.suggested_counts(ctx.project) if ctx.project else None
    if table is None or table.empty:
        show_text("No machine-suggested events are waiting for review.")
        return None
    show_text(
        f"{int(table['n_suggested'].sum())} suggested events are waiting for review; "
        "they are not counted anywhere in this briefing."
    )
    return show_table(
        table, {"article_id": "Article", "file": "File", "n_suggested": "Suggested events"}
    )


# --------------------------------------------------------------------------- explore


def show_explorer(ctx: Context) -> go.Figure | None:
    """All events of the window, filterable by category (dropdown) and date (slider);
    returns the figure. The ``explore`` notebook's workbench (:func:`explore`) is the
    linked, filterable version.

    >>> len(show_explorer(sample_context()).layout.updatemenus)
    1
    """
    if _nothing(ctx):
        return None
    return show_figure(charts.explorer(ctx.events, ctx.source_line))


def explore(ctx: Context) -> Workbench:
    """The ``explore`` workbench over the events known by the briefing date: filters
    (country, window, category, event type, actor, date precision, response kind, search)
    linked to a chart, an event card (click a point or choose an event) and a sortable,
    wrapping table, with an export button; see :mod:`helpers.presenting.workbench`.
    Starts on the context's country and window; returns the workbench, whose ``rows``
    are the events its filters keep and whose ``export()`` writes them to CSV and Parquet.
    Needs a running kernel with JupyterLab's widget manager to be seen.

    >>> wb = explore(sample_context(start_date="2018-01-01"))
    >>> wb.rows["event_id"].tolist()
    ['RUR-006', 'RUR-005']
    >>> wb.filters["categories"].value = ("crackdown",)
    >>> wb.rows["event_id"].tolist(), len(wb.figure.data[-1].x)
    (['RUR-005'], 1)
    """
    everything = ctx.known
    if ctx.project is not None and ctx.project.events_parquet.is_file():
        is_today = ctx.as_of == dt.date.today().isoformat()
        everything = loading.filter_known(
            loading.read_events(ctx.project), ctx.as_of, is_today=is_today
        )
    bench = Workbench(
        everything,
        ctx.params,
        articles=sources.read_articles(ctx.project),
        response_kinds=ctx.response_kinds,
        root=ctx.project.root if ctx.project is not None else None,
    )
    display(bench)
    return shown_once(bench)


def show_counts(ctx: Context, by: str = "actor", period: str | None = "Q") -> pd.DataFrame:
    """Events of the window per ``by`` (``actor``, ``event_label``, ``response_kind``,
    ...) per ``period`` (``M``, ``Q``, ``Y`` or ``None``), as a table; returns it. See
    :func:`helpers.analysis.questions.counts_by` (actor lists are split; an event dated
    more coarsely than the period is counted under its own date).

    >>> show_counts(sample_context(), by="event_label", period="Y")["period"].tolist()
    ['2017', '2017', '2017', '2017', '2018', '2018']
    """
    table = counts_by(ctx.events, by=by, period=period)
    headings = {by: by.replace("_", " ").capitalize(), "period": "Period", "n_events": "Events"}
    if period is None:
        headings.pop("period")
    return show_table(table, headings, empty="No events in this window.")


def show_response_pairs(ctx: Context, max_rows: int | None = None) -> pd.DataFrame:
    """Each international response of the window with the act it answers (acts looked up
    among every event known by the briefing date), both dates at their precision and
    the range of lags they allow, and the responses that answer nothing coded; returns
    the pairs. See :func:`helpers.analysis.questions.response_pairs`.

    >>> show_response_pairs(sample_context())["link"].tolist()
    ['answers', 'answers', 'answers', 'answers nothing coded']
    """
    pairs = response_pairs(ctx.events, ctx.known)
    shown = pairs.assign(
        lag=[
            "" if pd.isna(lo) else (f"{lo} days" if lo == hi else f"{lo} to {hi} days")
            for lo, hi in zip(pairs["lag_min_days"], pairs["lag_max_days"], strict=True)
        ]
    )
    show_table(
        shown,
        {
            "response_id": "Response",
            "response_when": "Date",
            "responder": "By",
            "response_summary": "What was done",
            "link": "Link",
            "act_id": "Act",
            "act_when": "Act date",
            "act_summary": "Act",
            "lag": "Lag",
        },
        css_class="pairs-table",
        max_rows=max_rows,
        empty="No international responses in this window.",
    )
    return shown_once(pairs)


def crackdown(ctx: Context) -> pd.DataFrame:
    """Crackdown events in the window (for analysts in ``explore``).

    >>> crackdown(sample_context())["event_id"].tolist()
    ['RUR-001', 'RUR-003', 'RUR-005']
    """
    return crackdown_events(ctx.events)
