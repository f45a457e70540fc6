"""Candidates against curated events: another source for an event, not a duplicate.

A candidate matches a curated event when the event type is the same, the date spans
overlap and the targets share a name (or, when neither has a target, the actors do). Such
a candidate is written as "another source for event X" (``matches_event=X``), and when
its date's span lies inside the event's and is shorter, as a refinement of that date.
Spans are compared, not precisions, so a range (``2017-11/2018-04``) is refined by any
date inside it and refines a year it narrows.

>>> ev = CuratedEvent("KHM-011", "arrest", "2017-09", "month", ("Gov",), ("Kem Sokha",), ())
>>> refine_date(ev, "2017-09-03", "day")
('2017-09-03', 'day')
>>> refine_date(ev, "2017", "year") is None
True
>>> aid = CuratedEvent("KHM-031", "aid_cut", "2017-11/2018-04", "range", (), (), ())
>>> refine_date(aid, "2018-01", "month"), refine_date(aid, "2017", "year")
(('2018-01', 'month'), None)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.csvfiles import dict_rows
from helpers.dataset.actors import split_names
from helpers.dates import date_form, date_span


@dataclass(frozen=True)
class CuratedEvent:
    """What matching needs from a row of ``data/curated/events.csv``."""

    event_id: str
    event_type: str
    date: str
    precision: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    article_ids: tuple[str, ...]

    def overlaps(self, value: str, precision: str) -> bool:
        """Whether the date ``value`` at ``precision`` overlaps this event's span."""
        try:
            start, end = date_span(self.date, self.precision)
            other_start, other_end = date_span(value, precision)
        except (ValueError, TypeError):
            return False
        return start <= other_end and other_start <= end


def read_curated(path: Path) -> list[CuratedEvent]:
    """The curated events at ``path`` (an empty list when the file is missing)."""
    if not Path(path).is_file():
        return []
    _, rows = dict_rows(path)
    return [
        CuratedEvent(
            r.get("event_id", ""),
            r.get("event_type", ""),
            r.get("date", ""),
            r.get("date_precision", ""),
            tuple(split_names(r.get("actor"))),
            tuple(split_names(r.get("target"))),
            tuple(split_names(r.get("article_ids"))),
        )
        for r in rows
    ]


def cited_articles(events: list[CuratedEvent]) -> set[str]:
    """Every article id some curated event cites."""
    return {aid for ev in events for aid in ev.article_ids}


def same_parties(event: CuratedEvent, actor: str, target: str) -> bool:
    """Targets share a name, or (neither has one) actors do."""
    targets = set(split_names(target))
    if targets or event.targets:
        return bool(targets & set(event.targets))
    return bool(set(split_names(actor)) & set(event.actors))


def find_match(
    events: list[CuratedEvent], event_type: str, value: str, precision: str, actor: str, target: str
) -> CuratedEvent | None:
    """The curated event this candidate is another source for, if any."""
    for event in events:
        if (
            event.event_type == event_type
            and value
            and event.overlaps(value, precision)
            and same_parties(event, actor, target)
        ):
            return event
    return None


def refine_date(event: CuratedEvent, value: str, precision: str) -> tuple[str, str] | None:
    """``(value, precision)`` when its span lies inside the event's and is shorter (never
    when ``precision`` is not the form of ``value``)."""
    if not value or date_form(value) != precision:
        return None
    start, end = date_span(event.date, event.precision)
    other_start, other_end = date_span(value, precision)
    if start <= other_start and other_end <= end and (other_start, other_end) != (start, end):
        return value, precision
    return None
