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
    changes,
    escalation,
    headline,
    method,
    periods,
    responses,
    sources,
)
from helpers.analysis.context import Context, load_context
from helpers.analysis.coverage import coverage_sentence, header_words
from helpers.analysis.loading import crackdown_events, international_responses
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
from helpers.rendering.manifest import previous_briefing

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


def show_title(ctx: Context) -> None:
    """The briefing's title, the date it speaks for and the latest source it rests on."""
    show_heading(ctx.title, level=2)
    show_text(
        f"What was known about {ctx.country} {ctx.window_words()}: "
        f"{header_words(ctx.coverage, ctx.as_of)}.",
        style="em",
    )


def show_bottom_line(ctx: Context) -> None:
    """Page 1: key events as dated sentences, where things stand at the data cut-off, the
    international response, what the briefing rests on and what to watch."""
    if ctx.empty:
        show_text(headline.empty_message(ctx))
        show_text(coverage_sentence(ctx.coverage, ctx.as_of))
        return
    line = headline.bottom_line(ctx)
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


def show_since_last(ctx: Context) -> None:
    """Since the last briefing of this series (notebook, country and window) published in
    ``reports/``: events first reported since, corrections, events removed, and the change
    in the severity total and the monthly verdict (:mod:`helpers.analysis.changes`)."""
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


def show_basis(ctx: Context) -> None:
    """What every page rests on, with the same numbers on every briefing of a window: the
    coverage sentence and the one severity total, acts, responses and the share answered."""
    show_text(coverage_sentence(ctx.coverage, ctx.as_of))
    if ctx.empty:
        return
    show_bullets(headline.basis_sentences(ctx))


def show_headline(ctx: Context) -> None:
    """Findings on severity and the latest verdict (or the sentence saying the window is
    empty)."""
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
    """The method note: what is counted and how each measure is defined, built from the
    codebook and the rules themselves (:mod:`helpers.analysis.method`)."""
    show_bullets(method.method_sentences(ctx))


# ------------------------------------------------------------------------ escalation


def show_timeline(ctx: Context):  # -> plotly Figure | None
    """Dual-track timeline: crackdown above, international response below; greyed after
    the data cut-off."""
    if _nothing(ctx):
        return None
    fig = charts.dual_track_timeline(
        ctx.events, ctx.source_line, ctx.response_kinds, window=_window(ctx), cutoff=ctx.cutoff
    )
    show_figure(fig)
    _no_responses_coded(ctx, "timeline")
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
    """Monthly verdicts (chart, then every month with an act or a verdict, with its
    reason), and the rule they follow."""
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
    return fig


def show_severity_by(
    ctx: Context, column: str, what: str, by_institution: bool = False
):  # -> plotly Figure | None
    """Crackdown severity by ``column`` (``event_label`` or ``actor``), chart and table;
    ``by_institution`` groups people with the institution they act for."""
    if _nothing(ctx):
        return None
    institutions = ctx.institutions if by_institution else None
    table = escalation.severity_by(ctx.events, column, institutions)
    fig = charts.severity_bars(table, column, ctx.source_line, what)
    show_figure(fig)
    table = table.assign(share=percent(table["share"]))
    show_table(
        table,
        {
            column: what.capitalize(),
            "n_events": "Events",
            "total_severity": "Total severity score",
            "share": "Share of the total",
        },
        empty="No crackdown events in this window.",
    )
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
    counts = periods.monthly_counts(ctx.events, ctx.start, ctx.covered_end, list(categories))
    fig = charts.monthly_counts_chart(
        counts, ctx.source_line, categories, window=_window(ctx), cutoff=ctx.cutoff
    )
    show_figure(fig)
    return fig


# ------------------------------------------------------------------------- responses


def show_responses_by_kind(ctx: Context):  # -> plotly Figure | None
    """International responses by kind (kinds with none left out)."""
    if _nothing(ctx) or _no_responses_in_window(ctx):
        return None
    table = responses.responses_by_kind(ctx.events, ctx.response_kinds)
    fig = charts.responses_by_kind_chart(table, ctx.source_line)
    show_figure(fig)
    return fig


def show_responders(ctx: Context) -> None:
    """Who responded, how often and with what kinds of response."""
    if _nothing(ctx) or _no_responses_in_window(ctx, "responders"):
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
    """Days from each answered crackdown act to its first international response, as a
    range (dates are intervals); with ``table``, every (response, act) pair."""
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
    return fig


def show_unanswered(ctx: Context, max_rows: int | None = None) -> None:
    """Crackdown acts that no international response reported in these sources answered."""
    if _nothing(ctx) or _no_responses_coded(ctx, "unanswered"):
        return
    answered, total = responses.share_answered(ctx.events, ctx.known)
    show_text(f"{responses.answered_words(answered, total)}.")
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
            "severity": "Severity points",
        },
        css_class="unanswered-table",
        max_rows=max_rows,
        empty="Every crackdown act drew at least one international response in these sources.",
    )


# --------------------------------------------------------------------------- sources


def show_outlets(ctx: Context):  # -> plotly Figure | None
    """The outlets that published the reports (the independent sources), then the outlets
    the articles cite as further reading (not independent sources)."""
    if _nothing(ctx):
        return None
    fig = charts.outlets_chart(sources.outlet_counts(ctx.events), ctx.source_line)
    show_figure(fig)
    show_text(
        "Further reading cited under the articles: these links are not independent sources "
        "and are not counted as such anywhere in the briefings."
    )
    show_table(
        sources.outlet_counts(ctx.events, "further_reading"),
        {"outlet": "Outlet cited as further reading", "n_events": "Events"},
        empty="The articles cite no further reading.",
    )
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
    show_text(sources.single_source_words(ctx.events))
    show_table(
        single,
        {
            "event_id": "ID",
            "date": "Date",
            "summary": "What happened",
            "n_articles": "Reports",
            "outlets": "Published by",
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
