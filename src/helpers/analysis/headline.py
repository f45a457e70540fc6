"""Key figures and the briefing's headline findings, in plain words."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import escalation, responses
from helpers.analysis.context import Context
from helpers.analysis.loading import crackdown_events, international_responses
from helpers.dates import event_date_phrase, format_date, format_month

VERDICT_WORDS = {"unchanged": "was unchanged"}
SEVERITY_NOTE = (
    "each act scores the weight of its kind on the Goldstein scale: an arrest 5, "
    "violent repression 9, a release -7"
)


def key_figures(ctx: Context) -> pd.DataFrame:
    """``figure``, ``value``, ``definition``: events in the window, crackdown events,
    international responses, share of crackdown events answered, median response lag and
    the worst month."""
    crack = crackdown_events(ctx.events)
    resp = international_responses(ctx.events)
    answered, total = responses.share_answered(ctx.events, ctx.known)
    lags = responses.response_lags(ctx.events, ctx.known)
    median, approx = responses.median_lag(lags)
    worst = escalation.worst_month(ctx.events)
    rows = [
        (
            "Events in the window",
            str(len(ctx.events)),
            "Coded events that happened in the window and had been reported by the briefing date.",
        ),
        (
            "Crackdown events",
            str(len(crack)),
            "Acts of the state against its critics and opponents (arrests, bans, threats).",
        ),
        (
            "International responses",
            str(len(resp)),
            "Acts of foreign governments, the UN or international NGOs about the crackdown.",
        ),
        (
            "Crackdown events answered",
            f"{answered} of {total}" + (f" ({answered / total:.0%})" if total else ""),
            "Crackdown acts (releases left out) that at least one international response "
            "reported by the briefing date answered.",
        ),
        (
            "Median response lag",
            responses.median_lag_words(median, approx),
            "Typical time from a crackdown act to the first international response to it.",
        ),
        (
            "Worst month",
            "none"
            if worst is None
            else f"{format_month(worst['month'])} (severity score {worst['added_severity']:g})",
            f"The month whose crackdown acts add up to the highest severity score ({SEVERITY_NOTE}"
            "; acts dated only to the year are left out).",
        ),
    ]
    return pd.DataFrame(rows, columns=["figure", "value", "definition"])


def headline_findings(ctx: Context) -> list[str]:
    """Plain-language sentences for the top of the briefing (unescaped text: display them
    through :func:`helpers.notebook.show_findings`)."""
    if ctx.empty:
        return [empty_message(ctx)]
    crack = crackdown_events(ctx.events)
    resp = international_responses(ctx.events)
    findings = [
        f"{len(ctx.events)} events in {ctx.country} {ctx.window_words()} were reported by "
        f"{format_date(ctx.as_of)}: {len(crack)} acts of crackdown and {len(resp)} "
        f"international responses."
    ]
    findings += [
        s
        for s in (
            _worst_sentence(ctx),
            _answered_sentence(ctx),
            _lag_sentence(ctx),
            _verdict_sentence(ctx),
        )
        if s
    ]
    return findings


def empty_message(ctx: Context) -> str:
    """The plain sentence shown when the window holds no event."""
    return (
        f"No events in {ctx.country} {ctx.window_words()} had been reported by "
        f"{format_date(ctx.as_of)}, so there is nothing to chart or count for this window."
    )


def _worst_sentence(ctx: Context) -> str | None:
    worst = escalation.worst_month(ctx.events)
    peak = escalation.most_severe_event(ctx.events)
    if worst is None or peak is None:
        return None
    n = int(worst["n_events"])
    summary = str(peak["summary"]).strip()
    return (
        f"The crackdown was harshest in {format_month(worst['month'])}, when its {n} "
        f"act{'s' if n != 1 else ''} added up to a severity score of "
        f"{worst['added_severity']:g} ({SEVERITY_NOTE}). The most severe single act "
        f"(severity score {peak['severity']:g}) came "
        f"{event_date_phrase(peak['date'], peak['date_precision'])}: {summary}"
    )


def _answered_sentence(ctx: Context) -> str | None:
    answered, total = responses.share_answered(ctx.events, ctx.known)
    if not total:
        return None
    return (
        f"{answered} of {total} crackdown events ({answered / total:.0%}) drew at least one "
        f"international response; {total - answered} drew none."
    )


def _lag_sentence(ctx: Context) -> str | None:
    lags = responses.response_lags(ctx.events, ctx.known)
    median, approx = responses.median_lag(lags)
    if median is None:
        return None
    note = " (approximate: some dates are known only to the month)" if approx else ""
    if median == 0:
        return (
            "When the world responded, the first response typically came "
            f"{responses.median_lag_words(median, approx)} as the act it answered{note}."
        )
    return (
        f"When the world responded, the first response came a median of {median:g} days "
        f"after the act it answered{note}."
    )


def _verdict_sentence(ctx: Context) -> str | None:
    table = escalation.monthly_verdicts(ctx.known, ctx.start, ctx.measured_end)
    table = table[table["month"] <= pd.Timestamp(ctx.as_of)]
    table = table[table["verdict"] != "no baseline"]
    if table.empty:
        return None
    last = table.iloc[-1]
    counts = table["verdict"].value_counts()
    return (
        f"In {format_month(last['month'])}, the last month with a verdict, the situation "
        f"{VERDICT_WORDS.get(last['verdict'], last['verdict'])} against the three months "
        f"before; over the window "
        f"{counts.get('deteriorated', 0)} months deteriorated and "
        f"{counts.get('improved', 0)} improved."
    )
