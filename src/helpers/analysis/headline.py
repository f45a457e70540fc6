"""The bottom line of a briefing (page 1) and its key figures, generated from the data.

Every sentence here is built by a tested template from the events, the codebook and the
rules of :mod:`~helpers.analysis.escalation`, :mod:`~helpers.analysis.responses` and
:mod:`~helpers.analysis.coverage`; nothing is typed into the notebooks. The parts:

* **Key events**: the most severe crackdown acts of the window as dated sentences (acts
  of the top rungs of the scale, at most :data:`MAX_KEY_EVENTS`, told in date order).
* **Where things stand** at the data cut-off: acts whose effect lasts (a detention, a
  dissolution, an exile; ``standing`` in the codebook) with no act coded that ends them.
* **The response**: how many international responses, of which kinds, and the share of
  acts answered with its base.
* **What it rests on**: the coverage sentence.
* **What to watch**: scheduled events the data knows of, after the cut-off (or passed
  with no report of them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from helpers.analysis import escalation, responses
from helpers.analysis.context import Context
from helpers.analysis.coverage import coverage_sentence, number_words, outlet_words, plural
from helpers.analysis.loading import crackdown_events, international_responses
from helpers.dataset.actors import split_names
from helpers.dates import format_date, format_event_date, format_month, since_phrase

MAX_KEY_EVENTS = 6
#: A tie is named as a tie; with more than this many tied, the first are named and the
#: others counted.
TIES_NAMED = 4
#: Targets named per state in "where things stand" (the latest first acts); a window of
#: thousands of arrests names this many and counts the others, so page 1 stays a page.
STANDING_NAMED = 8
#: Acts at or above this rung are key events (carried-out acts, not words).
KEY_EVENT_RUNG = 5.0


@dataclass
class BottomLine:
    """Page 1 of a briefing, in sentences (plain text, unescaped)."""

    summary: str = ""
    key_events: list[str] = field(default_factory=list)
    standing: list[str] = field(default_factory=list)
    response: list[str] = field(default_factory=list)
    coverage: str = ""
    watch: list[str] = field(default_factory=list)


def bottom_line(ctx: Context) -> BottomLine:
    """The :class:`BottomLine` of the briefing ``ctx``."""
    return BottomLine(
        summary=summary_sentence(ctx),
        key_events=key_event_sentences(ctx.events),
        standing=standing_sentences(ctx),
        response=response_sentences(ctx),
        coverage=coverage_sentence(ctx.coverage, ctx.as_of),
        watch=watch_sentences(ctx),
    )


def summary_sentence(ctx: Context) -> str:
    """The bottom line in one sentence: how many acts, over what span, the most severe one
    and the share answered, with the base ("in these sources")."""
    crack = crackdown_events(ctx.events)
    if crack.empty:
        return (
            f"These sources report no crackdown act in {ctx.country} {ctx.window_words()} by "
            f"{format_date(ctx.as_of)}."
        )
    first, last = crack["date_start"].min(), crack["date_end"].max()
    answered, total = responses.share_answered(ctx.events, ctx.known)
    answered_part = (
        f"{number_words(answered)} of {number_words(total)} drew an international response "
        "that they report"
        if not international_responses(ctx.known).empty
        else "they code no international response"
    )
    return (
        f"In these sources, {plural(len(crack), 'crackdown act')} in {ctx.country} between "
        f"{format_month(first)} and {format_month(last)} add up to "
        f"{number_words(escalation.severity_total(ctx.events).total)} severity points; "
        "the most severe: "
        f"{most_severe_words(ctx.events)}; {answered_part}."
    )


# --------------------------------------------------------------------------- key events


def when(row) -> str:
    """An event's date in words at its precision, or the narrowed span when that is
    tighter than the coded precision (``'between 3 and 6 September 2017'``)."""
    start, end = pd.Timestamp(row.date_start), pd.Timestamp(row.date_end)
    if start == end:
        return format_date(start)
    coded = format_event_date(row.date, row.date_precision)
    if row.date_precision == "year" and (start.month, end.month) != (1, 12):
        if start.year == end.year and start.month == end.month:
            return format_month(start)
        return f"between {format_month(start)} and {format_month(end)}"
    return coded


def key_events(events: pd.DataFrame) -> pd.DataFrame:
    """The key crackdown acts (see the module docstring), in date order."""
    crack = crackdown_events(events)
    crack = crack[crack["severity"] >= KEY_EVENT_RUNG]
    top = crack.sort_values(["severity", "date_start"], ascending=[False, True], kind="stable")
    top = top.head(MAX_KEY_EVENTS)
    return top.sort_values(["date_start", "event_id"], kind="stable", ignore_index=True)


def key_event_sentences(events: pd.DataFrame) -> list[str]:
    """``'3 September 2017: Cambodian authorities arrested ...'`` for each key event."""
    return [
        capitalised(f"{when(r)}: {str(r.summary).strip()}") for r in key_events(events).itertuples()
    ]


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-case.

    >>> capitalised("between May and June 2017: acts")
    'Between May and June 2017: acts'
    """
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------ standing acts


def standing_acts(ctx: Context) -> pd.DataFrame:
    """Crackdown acts known by the cut-off whose effect lasts and that no later act of an
    ``ended_by`` type with the same target ends: ``target``, ``state``, ``event_id``,
    ``date``, ``date_precision``, ``date_start``, ``date_end``, ``last_reported`` (the
    latest report of the act). One row per target and state (the latest act); a state
    with ``target_kinds`` applies only to targets of those registry kinds."""
    cols = [
        "target",
        "state",
        "event_id",
        "date",
        "date_precision",
        "date_start",
        "date_end",
        "last_reported",
    ]
    if ctx.codebook is None:
        return pd.DataFrame(columns=cols)
    types = ctx.codebook.types
    crack = crackdown_events(ctx.known)
    crack = crack[crack["date_start"] <= pd.Timestamp(ctx.measured_end)]
    # The latest start of an act of each type against each target: an act is ended when
    # an act of an ``ended_by`` type against its target starts on or after it.
    latest: dict[tuple[str, str], pd.Timestamp] = {}
    for event_type, cell, start in zip(
        crack["event_type"], crack["target"], crack["date_start"], strict=True
    ):
        for target in split_names(cell):
            key = (target, event_type)
            if key not in latest or start > latest[key]:
                latest[key] = start
    rows = []
    for r in crack.sort_values("date_start", kind="stable").itertuples():
        standing = types[r.event_type].standing if r.event_type in types else None
        if standing is None:
            continue
        for target in split_names(r.target):
            kind = ctx.registry.kind(target) if ctx.registry is not None else None
            if standing.target_kinds and kind not in standing.target_kinds:
                continue
            ended = any(
                (target, ending) in latest and latest[(target, ending)] >= r.date_start
                for ending in standing.ended_by
            )
            if not ended:
                last = getattr(r, "last_reported", None)
                act = (r.event_id, r.date, r.date_precision, r.date_start, r.date_end, last)
                rows.append((target, standing.state, *act))
    out = pd.DataFrame(rows, columns=cols)
    return out.drop_duplicates(["target", "state"], keep="last").reset_index(drop=True)


def standing_sentences(ctx: Context) -> list[str]:
    """``'Detained or charged, as last reported, with nothing coded that ends it: Kem Sokha
    (since 3 September 2017; last reported 8 April 2018) and ...'``: one sentence per
    state. "As last reported" because the sources may say nothing after that date."""
    table = standing_acts(ctx)
    if table.empty or ctx.cutoff is None:
        return []
    out = []
    for state, group in table.groupby("state", sort=False):
        names = [
            f"{r.target} ({since_phrase(r.date, r.date_precision)}"
            + (
                f"; last reported {format_date(r.last_reported)})"
                if _known(r.last_reported)
                else ")"
            )
            for r in group.itertuples()
        ]
        if len(names) > STANDING_NAMED:
            latest = names[-STANDING_NAMED:]
            listed = f"{len(names):,} targets; the {STANDING_NAMED} latest: " + outlet_words(
                latest, limit=STANDING_NAMED
            )
        else:
            listed = outlet_words(names, limit=len(names))
        out.append(
            f"{capitalised(state)} as last reported, with nothing coded that ends it by the "
            f"data cut-off ({format_date(ctx.cutoff)}): {listed}."
        )
    return out


def _since(row) -> str:
    """``'since 3 September 2017; last reported 8 April 2018'``."""
    since = since_phrase(row.date, row.date_precision)
    if _known(row.last_reported):
        return f"{since}; last reported {format_date(row.last_reported)}"
    return since


def _known(value) -> bool:
    return value is not None and not pd.isna(value) and str(value) != ""


# ----------------------------------------------------------------------------- response


def response_sentences(ctx: Context) -> list[str]:
    """One or two sentences on the international response, with bases and limits."""
    resp = international_responses(ctx.events)
    answered, total = responses.share_answered(ctx.events, ctx.known)
    if resp.empty:
        return [
            "No international response is coded in these sources for this window"
            + (f"; {plural(total, 'crackdown act')} are." if total else ".")
            + " That is not evidence that none was made."
        ]
    kinds = responses.responses_by_kind(ctx.events, ctx.response_kinds)
    parts = [f"{label}: {n:,}" for label, n in zip(kinds["label"], kinds["n_events"], strict=True)]
    linked = int((resp["responds_to"].str.strip() != "").sum())
    first = (
        f"These sources report {plural(len(resp), 'international response')} in the window "
        f"({'; '.join(parts)}); {linked} of them are tied by the text to a coded act."
    )
    lags = responses.response_lags(ctx.events, ctx.known)
    second = f"{responses.answered_words(answered, total)}; response lag: " + (
        responses.lag_summary(lags) + "."
    )
    return [first, second]


# ------------------------------------------------------------------------------ watch


def scheduled_events(ctx: Context) -> pd.DataFrame:
    """Scheduled events the data knows of by the briefing date that fall after the data
    cut-off (upcoming, or passed with no report of them)."""
    known = ctx.known
    if "scheduled" not in known.columns or ctx.cutoff is None:
        return known.iloc[0:0]
    flagged = known["scheduled"].astype(str).str.lower() == "true"
    later = known["date_end"] > ctx.cutoff
    return known[flagged & later].sort_values("date_start", kind="stable", ignore_index=True)


def watch_sentences(ctx: Context) -> list[str]:
    """What to watch: each scheduled event after the cut-off, dated at its precision."""
    today = pd.Timestamp(ctx.as_of)
    out = []
    for r in scheduled_events(ctx).itertuples():
        date = capitalised(format_event_date(r.date, r.date_precision))
        last = getattr(r, "last_reported", None)
        announced = f"announced by {format_date(last if _known(last) else r.first_reported)}"
        if r.date_end < today:
            out.append(
                f"{date}: {r.headline!s} ({announced}). The date has passed with no report "
                "of it in these sources."
            )
        else:
            out.append(f"{date}: {str(r.summary).strip().rstrip('.')} (scheduled; {announced}).")
    return out


# ---------------------------------------------------------------------------- figures


def worst_month_words(verdicts: pd.DataFrame) -> str:
    """``'November 2017 (16 points)'``, or the tie named as a tie."""
    worst = escalation.worst_months(verdicts)
    if worst.empty:
        return "none"
    months = [format_month(m) for m in worst["month"]]
    points = f"{number_words(worst['added_severity'].iloc[0])} points"
    if len(months) == 1:
        return f"{months[0]} ({points})"
    return f"a tie between {tie_words(months, len(months))} ({points} each)"


def most_severe_words(events: pd.DataFrame) -> str:
    """``'CNRP dissolved (November 2017), 8 points'``, or the tie named as a tie."""
    top = escalation.most_severe_events(events)
    if top.empty:
        return "none"
    acts = [f"{r.headline or r.event_label} ({when(r)})" for r in top.head(TIES_NAMED).itertuples()]
    points = f"{number_words(top['severity'].iloc[0])} points"
    if len(top) == 1:
        return f"{acts[0]}, {points}"
    return f"a tie between {tie_words(acts, len(top))}, {points} each"


def tie_words(named: list[str], tied: int) -> str:
    """The first :data:`TIES_NAMED` of ``tied`` things sharing the top, then how many more.

    >>> tie_words(["A", "B"], 2), tie_words(["A", "B", "C", "D"], 2341)
    ('A and B', 'A, B, C, D and 2,337 others')
    """
    shown = named[:TIES_NAMED]
    if tied <= len(shown):
        return outlet_words(shown, limit=len(shown))
    return f"{', '.join(shown)} and {plural(tied - len(shown), 'other')}"


def key_figures(ctx: Context) -> pd.DataFrame:
    """``figure``, ``value``, ``definition``: the briefing's numbers, each with its base."""
    crack = crackdown_events(ctx.events)
    resp = international_responses(ctx.events)
    answered, total = responses.share_answered(ctx.events, ctx.known)
    lags = responses.response_lags(ctx.events, ctx.known)
    verdicts = month_verdicts(ctx)
    counts = escalation.verdict_counts(verdicts)
    cov = ctx.coverage
    rows = [
        (
            "Sources",
            f"{plural(cov.n_sources, 'report')} from {plural(len(cov.outlets), 'outlet')}",
            "Reports cited by the window's events, and the outlets that published them "
            f"({outlet_words(cov.outlets) or 'none'}); further-reading links are not counted.",
        ),
        (
            "Data cut-off",
            format_date(cov.cutoff) if cov.cutoff is not None else "none",
            "The latest first report on or before the briefing date: nothing later is known.",
        ),
        (
            "Events in the window",
            number_words(len(ctx.events)),
            "Coded events in the window, reported by the briefing date.",
        ),
        (
            "Crackdown acts",
            number_words(len(crack)),
            "Acts of the state against its critics and opponents (arrests, bans, threats).",
        ),
        (
            "Severity total",
            escalation.severity_total(ctx.events).words(),
            "Sum of the acts' rungs on the severity scale (carried-out acts outrank threats).",
        ),
        (
            "Most severe act",
            most_severe_words(ctx.events),
            "The act(s) on the highest rung of the severity scale.",
        ),
        (
            "International responses",
            number_words(len(resp)),
            "Acts of foreign governments, intergovernmental and UN bodies and international "
            "NGOs about the crackdown.",
        ),
        (
            "Acts answered",
            f"{number_words(answered)} of {number_words(total)}",
            "Crackdown acts (releases left out) that an international response reported in "
            "these sources answers; none reported is not none made.",
        ),
        (
            "Response lag",
            responses.lag_summary(lags),
            "Days from each answered act to its first response, as a range (dates are "
            f"intervals); a median needs at least {responses.MIN_LAGS} lags.",
        ),
        (
            "Worst month",
            worst_month_words(verdicts),
            "The covered month whose acts add up to the most severity points.",
        ),
        (
            "Monthly verdicts",
            f"{counts['deteriorated']} deteriorated, {counts['unchanged']} unchanged, "
            f"{counts['improved']} improved; no verdict for {counts['insufficient data']} "
            f"(insufficient data), {counts['no new acts reported']} (no new acts reported), "
            f"{counts['no coverage']} (no coverage)",
            escalation.verdict_rule(ctx.lightest_act),
        ),
    ]
    return pd.DataFrame(rows, columns=["figure", "value", "definition"])


def month_verdicts(ctx: Context) -> pd.DataFrame:
    """The monthly verdicts of the briefing's window up to its measured end."""
    return escalation.monthly_verdicts(
        ctx.known, ctx.start, ctx.measured_end, ctx.cutoff, ctx.lightest_act
    )


def headline_findings(ctx: Context) -> list[str]:
    """Short findings for pages after page 1 (the severity picture and the verdicts)."""
    if ctx.empty:
        return [empty_message(ctx)]
    verdicts = month_verdicts(ctx)
    covered = verdicts[verdicts["verdict"].isin(escalation.VERDICTS)]
    findings = [
        f"Severity total of the window: {escalation.severity_total(ctx.events).words()}.",
        f"Most severe act: {most_severe_words(ctx.events)}; worst month: "
        f"{worst_month_words(verdicts)}.",
    ]
    if not covered.empty:
        findings.append(str(covered["reason"].iloc[-1]))
    return findings


def basis_sentences(ctx: Context) -> list[str]:
    """The window's shared numbers, identical on every briefing of the same window."""
    crack = crackdown_events(ctx.events)
    resp = international_responses(ctx.events)
    answered, total = responses.share_answered(ctx.events, ctx.known)
    return [
        f"{plural(len(ctx.events), 'event')} in the window: {plural(len(crack), 'crackdown act')}"
        f" and {plural(len(resp), 'international response')}.",
        f"Severity total: {escalation.severity_total(ctx.events).words()}.",
        f"{answered_or_uncoded(ctx, answered, total)}.",
    ]


def answered_or_uncoded(ctx: Context, answered: int, total: int) -> str:
    """The answered share with its base, or, when the sources code no international
    response at all (an ACLED-only country), that the share cannot be told."""
    if international_responses(ctx.known).empty:
        return (
            f"{number_words(answered)} of {number_words(total)} crackdown acts drew an "
            "international response in these "
            "sources, which code no international response at all: the share cannot be told"
        )
    return responses.answered_words(answered, total)


def empty_message(ctx: Context) -> str:
    """The plain sentence shown when the window holds no event."""
    return (
        f"No events in {ctx.country} {ctx.window_words()} had been reported by "
        f"{format_date(ctx.as_of)}, so there is nothing to chart or count for this window."
    )


def sources_line(ctx: Context) -> str:
    """``'6 reports from 1 outlet (Impunity Watch)'``."""
    cov = ctx.coverage
    outlets = f" ({outlet_words(cov.outlets)})" if cov.outlets else ""
    return f"{plural(cov.n_sources, 'report')} from {plural(len(cov.outlets), 'outlet')}{outlets}"
