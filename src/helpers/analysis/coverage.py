"""What a briefing rests on: its sources, their span, and the data cut-off.

Definitions:

* The **sources** of a briefing are the articles (and other reports) cited by the events
  of its country known by ``as_of``; the **outlets** are those that *published* them
  (for an article, the publication named in its reporter line). The outlets an article
  cites as further reading are not independent sources and are not counted here.
* The **data cut-off** is the latest ``first_reported`` date on or before ``as_of`` among
  those events: nothing after it is known to these sources.
* A period (a month) is **covered** when it ended on or before the cut-off. A period after
  the cut-off, or running past it, has **no coverage**: silence there is not calm, so no
  verdict, count or trend is given for it.

>>> frame = pd.DataFrame({"article_ids": ["a1;a2", "a2"], "outlets": ["IW", "IW"],
...     "first_reported": pd.to_datetime(["2017-09-06", "2018-04-08"])})
>>> cov = coverage(frame)
>>> cov.n_sources, cov.outlets, cov.cutoff.date()
(2, ['IW'], datetime.date(2018, 4, 8))
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.dataset.actors import split_names
from helpers.dates import format_date


@dataclass(frozen=True)
class Coverage:
    """The sources of a set of events: how many, which outlets, over which span."""

    n_sources: int
    outlets: list[str]
    first_report: pd.Timestamp | None
    cutoff: pd.Timestamp | None

    @property
    def empty(self) -> bool:
        return self.n_sources == 0


def coverage(events: pd.DataFrame, known: pd.DataFrame | None = None) -> Coverage:
    """The :class:`Coverage` of ``events``; the cut-off is taken from ``known`` (all the
    country's events known by the briefing date, default ``events``), so that a briefing
    on an early window still says how far the country's sources reach."""
    ids = {a for cell in events["article_ids"] for a in split_names(cell)}
    if "acled_ids" in events.columns:  # each ACLED record is a report of its own
        ids |= {f"acled:{a}" for cell in events["acled_ids"] for a in split_names(cell)}
    outlets = sorted({o for cell in events["outlets"] for o in split_names(cell)})
    reported = events["first_reported"].dropna()
    latest = (events if known is None else known)["first_reported"].dropna()
    return Coverage(
        n_sources=len(ids),
        outlets=outlets,
        first_report=reported.min() if len(reported) else None,
        cutoff=latest.max() if len(latest) else None,
    )


def plural(n: float, word: str, words: str | None = None) -> str:
    """``'1 article'``, ``'3 articles'``, ``'3,111 points'`` (thousands separated).

    >>> plural(1, "outlet"), plural(3, "outlet"), plural(2, "reply", "replies")
    ('1 outlet', '3 outlets', '2 replies')
    >>> plural(3111.0, "point"), plural(2.5, "point")
    ('3,111 points', '2.5 points')
    """
    return f"{number_words(n)} {word if n == 1 else (words or word + 's')}"


def number_words(n: float) -> str:
    """A count or a score as a reader writes it: thousands separated, at most two decimals,
    no trailing zeros, never in scientific notation.

    >>> number_words(21648), number_words(55.0), number_words(-4), number_words(0.5)
    ('21,648', '55', '-4', '0.5')
    >>> number_words(11.925), number_words(1234567.5)
    ('11.93', '1,234,567.5')
    """
    rounded = round(float(n), 2)
    if rounded.is_integer():
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}".rstrip("0").rstrip(".")


def outlet_words(outlets: list[str], limit: int = 4) -> str:
    """``'Impunity Watch'``, ``'A, B and C'``, ``'A, B, C, D and 3 others'``.

    >>> outlet_words(["A"]), outlet_words(["A", "B", "C"]), outlet_words(list("ABCDEF"))
    ('A', 'A, B and C', 'A, B, C, D and 2 others')
    """
    if len(outlets) > limit:
        return f"{', '.join(outlets[:limit])} and {plural(len(outlets) - limit, 'other')}"
    if len(outlets) <= 1:
        return "".join(outlets)
    return f"{', '.join(outlets[:-1])} and {outlets[-1]}"


def coverage_sentence(cov: Coverage, as_of: str) -> str:
    """What the briefing rests on, in one sentence.

    >>> cov = Coverage(6, ["Impunity Watch"], pd.Timestamp("2017-02-07"),
    ...     pd.Timestamp("2018-04-08"))
    >>> print(coverage_sentence(cov, "2026-12-01"))
    This briefing rests on 6 reports from 1 outlet (Impunity Watch), published between 7 February 2017 and 8 April 2018 (a report that carries no date is dated by the newest link it cites). Data cut-off: 8 April 2018; nothing later is known to these sources, although the briefing is dated 1 December 2026.
    """  # noqa: E501
    if cov.empty or cov.cutoff is None:
        return f"No source reported any event of this briefing by {format_date(as_of)}."
    span = (
        f"published on {format_date(cov.cutoff)}"
        if cov.first_report == cov.cutoff
        else f"published between {format_date(cov.first_report)} and "
        f"{format_date(cov.cutoff)} (a report that carries no date is dated by the newest "
        "link it cites)"
    )
    outlets = f" ({outlet_words(cov.outlets)})" if cov.outlets else ""
    text = (
        f"This briefing rests on {plural(cov.n_sources, 'report')} from "
        f"{plural(len(cov.outlets), 'outlet')}{outlets}, {span}. "
        f"Data cut-off: {format_date(cov.cutoff)}"
    )
    if cov.cutoff.normalize() < pd.Timestamp(as_of).normalize():
        return (
            f"{text}; nothing later is known to these sources, although the briefing is "
            f"dated {format_date(as_of)}."
        )
    return f"{text}."


def header_words(cov: Coverage, as_of: str) -> str:
    """The briefing header's dates: ``'as of 1 December 2026 · latest source 8 April 2018'``.

    >>> header_words(Coverage(1, [], None, pd.Timestamp("2018-04-08")), "2026-12-01")
    'as of 1 December 2026 · latest source 8 April 2018'
    """
    latest = f" · latest source {format_date(cov.cutoff)}" if cov.cutoff is not None else ""
    return f"as of {format_date(as_of)}{latest}"


def month_is_covered(month: pd.Timestamp, cutoff: pd.Timestamp | None) -> bool:
    """Whether the month starting ``month`` ended on or before the ``cutoff``.

    >>> month_is_covered(pd.Timestamp("2018-03-01"), pd.Timestamp("2018-04-08"))
    True
    >>> month_is_covered(pd.Timestamp("2018-04-01"), pd.Timestamp("2018-04-08"))
    False
    """
    if cutoff is None:
        return False
    return month + pd.offsets.MonthEnd(0) <= cutoff


def no_coverage_words(cutoff: pd.Timestamp | None) -> str:
    """How a period without coverage is labelled.

    >>> no_coverage_words(pd.Timestamp("2018-04-08"))
    'no coverage (no source after 8 April 2018)'
    """
    if cutoff is None:
        return "no coverage (no source)"
    return f"no coverage (no source after {format_date(cutoff)})"


def cutoff_for(project, country: str, as_of: str) -> pd.Timestamp | None:
    """The data cut-off of ``country`` as of ``as_of`` in ``project``'s processed events
    (``None`` when the table is not built, or nothing is known by then). Reads only the
    country's first reports.

    >>> from pathlib import Path
    >>> from types import SimpleNamespace
    >>> cutoff_for(SimpleNamespace(events_parquet=Path("nowhere.parquet")), "Cambodia",
    ...     "2018-01-01")
    """
    from helpers.dataset.events_store import first_reports

    dates = first_reports(project, country)
    dates = dates[dates <= pd.Timestamp(as_of)].dropna()
    return dates.max() if len(dates) else None
