"""Rows of a suggestion file: the curated event columns plus what a reviewer needs.

Extra columns: ``suggestion_id`` (``SUG-<n>``, the row's stable name for ``briefings
accept``), ``confidence`` (0-1), ``status`` (``suggested``, or ``accepted`` once accepted),
``accepted_as`` (the curated event an accepted row went to), ``rule`` (what fired: lexicon
entry, date rule, role rule), ``evidence_start``/``evidence_end`` (character offsets of the
evidence sentence in the article body), ``matches_event`` (the curated event this is
another source for) and ``proposed_actors`` (names not in the registry). ``event_id`` is
left empty: accept gives a new event the next id of its country.
"""

from __future__ import annotations

from helpers.dataset.schema import EVENT_COLUMNS, column_names
from helpers.suggest.candidates import Candidate
from helpers.suggest.merge import CuratedEvent, find_match, refine_date

REVIEW_COLUMNS: tuple[str, ...] = (
    "suggestion_id",
    "confidence",
    "status",
    "accepted_as",
    "rule",
    "evidence_start",
    "evidence_end",
    "matches_event",
    "proposed_actors",
)
SUGGESTED_COLUMNS: tuple[str, ...] = (*column_names(EVENT_COLUMNS), *REVIEW_COLUMNS)


def summary_for(candidate: Candidate) -> str:
    """A plain one-line summary for the reviewer to rewrite."""
    actor = candidate.actor or "unknown actor"
    against = f" (target: {candidate.target})" if candidate.target else ""
    return f"{candidate.label}: {actor}{against}. Suggested; review before accepting."


def _rule(candidate: Candidate) -> str:
    date_rule = candidate.date.rule if candidate.date else "no date found"
    if candidate.date is not None and candidate.date.text:
        date_rule = f"{date_rule} from '{candidate.date.text}'"
    return f"{candidate.hit.rule}; date: {date_rule}; roles: {candidate.roles_rule}"


def _match_notes(candidate: Candidate, events: list[CuratedEvent]) -> tuple[str, list[str]]:
    if candidate.date is None:
        return "", []
    event = find_match(
        events, candidate.event_type, candidate.date.value, candidate.date.precision,
        candidate.actor, candidate.target,
    )  # fmt: skip
    if event is None:
        return "", []
    notes = [f"another source for {event.event_id}"]
    refined = refine_date(event, candidate.date.value, candidate.date.precision)
    if refined:
        notes.append(f"refines its date {event.date} to {refined[0]}")
    return event.event_id, notes


def candidate_row(candidate: Candidate, number: int, events: list[CuratedEvent]) -> dict[str, str]:
    """The suggestion-file row for ``candidate`` (suggestion id ``SUG-<number>``)."""
    matches, match_notes = _match_notes(candidate, events)
    date = candidate.date
    return {
        "event_id": "",
        "date": date.value if date else "",
        "date_precision": date.precision if date else "",
        "category": candidate.category,
        "event_type": candidate.event_type,
        "actor": candidate.actor,
        "target": candidate.target,
        "summary": summary_for(candidate),
        "article_ids": candidate.article_id,
        "evidence": candidate.sentence.text,
        "responds_to": "",
        "notes": "; ".join([*candidate.notes, *match_notes]),
        "suggestion_id": f"SUG-{number}",
        "confidence": f"{candidate.confidence:.2f}",
        "status": "suggested",
        "accepted_as": "",
        "rule": _rule(candidate),
        "evidence_start": str(candidate.sentence.start),
        "evidence_end": str(candidate.sentence.end),
        "matches_event": matches,
        "proposed_actors": ";".join(candidate.proposed),
    }
