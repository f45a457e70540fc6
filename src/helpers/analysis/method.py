"""The method note of a briefing, built from the codebook and the rules it describes, so
the note cannot drift from what the measures do."""

from __future__ import annotations

from helpers.analysis import escalation, responses, sources, summary
from helpers.analysis.context import Context
from helpers.analysis.coverage import outlet_words, plural
from helpers.dates import format_date


def scale_words(ctx: Context) -> str:
    """The severity scale's rungs in words, from the codebook.

    >>> from helpers.dataset.codebook import load_codebook
    >>> from helpers.paths import project
    >>> from types import SimpleNamespace
    >>> ctx = SimpleNamespace(codebook=load_codebook(project().codebook))
    >>> scale_words(ctx)[:60]
    'violence against opponents 9, ending a political party 8, ar'
    """
    if ctx.codebook is None:
        return ""
    rungs = sorted(ctx.codebook.severity_scale.rungs.items(), key=lambda kv: -kv[0])
    return ", ".join(f"{label} {weight:g}" for weight, label in rungs)


def method_sentences(ctx: Context) -> list[str]:
    """The method note, one sentence a bullet."""
    cov = ctx.coverage
    outlets = outlet_words(cov.outlets) or "no outlet"
    acled = sources.acled_note(ctx.events)
    return [
        "Events from news articles are coded by hand with the project's codebook; each "
        "event cites the reports that tell of it and quotes one of them.",
        *([acled] if acled else []),
        f"This briefing rests on {plural(cov.n_sources, 'report')} from "
        f"{plural(len(cov.outlets), 'outlet')} ({outlets}). They are not a record of "
        "everything that happened: an act or a response they do not mention is not counted, "
        "so 'no response' means none reported in these sources.",
        f"Only events first reported on or before {format_date(ctx.as_of)} are used, so the "
        "briefing shows what was known that day; the data cut-off is the latest such report"
        + (f" ({format_date(cov.cutoff)})" if cov.cutoff is not None else "")
        + ", and months after it are marked as having no coverage.",
        "Each crackdown act scores its rung on the project's severity scale, where a "
        "carried-out act outranks a threat of it: " + scale_words(ctx) + ". The scale is an "
        "ordering for comparison, not a measure of harm; it does not weigh who was targeted.",
        "A date is an interval: an event known to the month or year covers that span, and "
        "one the sources place only between two dates covers every day from the first to "
        "the second, narrowed where the sources allow (an event ends by its first report; a "
        "response starts no earlier than the act it answers). Charts draw it over that span, "
        "and an act is counted in a month only when its interval lies within that month.",
        escalation.verdict_rule(ctx.lightest_act),
        "Response lag runs from the shortest to the longest possible number of days between "
        "an act and its first international response; a median is given only for at least "
        f"{responses.MIN_LAGS} lags.",
        "An international response is an act of a foreign government, an intergovernmental "
        "or UN body, or an international NGO; calls by the country's own opposition, even "
        "from exile, are domestic responses.",
        "Machine-suggested events waiting for review are never counted.",
        summary.threshold_words(),
    ]
