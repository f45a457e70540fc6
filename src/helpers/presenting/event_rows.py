"""The rows of an event table: dates in words at their precision, what happened with the
evidence it rests on, and the sources, shared by the briefings' events table and the
``explore`` workbench.

>>> from helpers.sample import sample_events
>>> event_rows(sample_events().head(2))[["event_id", "when", "actor"]]
  event_id              when                        actor
0  RUR-001  3 September 2017  Police; Ministry of Interior
1  RUR-002    September 2017                    Freedonia
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis import sources
from helpers.dates import format_event_date

#: Columns of an event table and their headings.
EVENT_TABLE_COLUMNS = {
    "event_id": "ID",
    "when": "Date",
    "event_label": "What kind",
    "summary": "What happened",
    "actor": "Who",
    "target": "Against whom",
    "sources": "Sources",
}


def event_dates(frame, date: str = "date", precision: str = "date_precision") -> list[str]:
    """The ``date`` column of ``frame`` in words, each at its ``precision``.

    >>> event_dates(pd.DataFrame({"date": ["2017-09-03", "2017-09"],
    ...                           "date_precision": ["day", "month"]}))
    ['3 September 2017', 'September 2017']
    """
    return [format_event_date(d, p) for d, p in zip(frame[date], frame[precision], strict=True)]


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


def event_rows(events: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """``events`` (in their order) with the table's cells added or rewritten: ``when``,
    ``summary`` with its evidence, ``sources`` (the reporting articles by publisher and
    title from ``articles``, see :func:`helpers.analysis.sources.read_articles`, and the
    outlets they cite) and actor lists written with a space after each ``;``."""
    table = events.copy()
    table["when"] = event_dates(table)
    table["summary"] = with_evidence(table)
    table["sources"] = sources.provenance(table, articles)
    table["actor"] = table["actor"].str.replace(";", "; ")
    table["target"] = table["target"].str.replace(";", "; ")
    return table
