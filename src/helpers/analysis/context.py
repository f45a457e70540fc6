"""The briefing context: validated parameters and the events they select.

:func:`load_context` is what :func:`helpers.notebook.start` calls once parameters are
valid. Frames on the context (all typed as :func:`~helpers.analysis.loading.prepare_events`
returns them):

* ``known``: events of the country first reported by ``as_of`` (any date), used where a
  measure needs history before the window (monthly verdict baselines) or responses made
  after it;
* ``events``: ``known`` events inside the window; every measure starts from these;
* ``listed``: ``events`` of the ``categories`` parameter, for event tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from helpers.analysis import loading
from helpers.analysis.coverage import Coverage, coverage, plural
from helpers.analysis.escalation import LIGHTEST_ACT
from helpers.dataset.actors import ActorRegistry
from helpers.dataset.codebook import Codebook, load_codebook
from helpers.dates import format_date
from helpers.paths import Project

DATASET_NAME = "crackdown-briefings coded events"


@dataclass
class Context:
    """Everything a notebook shows: parameters, the project, the codebook and the events."""

    notebook: str
    params: dict[str, Any]
    project: Project | None
    codebook: Codebook | None
    known: pd.DataFrame
    events: pd.DataFrame
    listed: pd.DataFrame
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def start(self) -> str:
        return self.params["start_date"]

    @property
    def end(self) -> str:
        return self.params["end_date"]

    @property
    def as_of(self) -> str:
        return self.params["as_of"]

    @property
    def measured_end(self) -> str:
        """The last day time series run to: the window's end, or the briefing date if
        earlier (months after the briefing date are unknown, not quiet)."""
        return min(self.end, self.as_of)

    @property
    def covered_end(self) -> str:
        """The last day counts per month run to: ``measured_end``, or the last day of the
        last month that ended by the data cut-off if earlier (so every average has the
        same, covered, months as its base)."""
        cutoff = self.cutoff
        if cutoff is None:
            return self.measured_end
        last_full = (cutoff + pd.offsets.Day(1)).to_period("M").to_timestamp() - pd.Timedelta(
            days=1
        )
        return min(self.measured_end, max(last_full, pd.Timestamp(self.start)).date().isoformat())

    @property
    def reported_end(self) -> str:
        """The last day of the month holding the data cut-off (or ``measured_end`` if
        earlier): monthly counts show that month's events, though it is covered only in
        part and enters no average."""
        cutoff = self.cutoff
        if cutoff is None:
            return self.measured_end
        month_end = (cutoff + pd.offsets.MonthEnd(0)).date().isoformat()
        return min(self.measured_end, max(month_end, self.start))

    @property
    def country(self) -> str:
        return self.params["country"]

    @property
    def title(self) -> str:
        return self.params["title"]

    @property
    def empty(self) -> bool:
        """True when no event of the country lies in the window by the briefing date."""
        return self.events.empty

    @property
    def n_articles(self) -> int:
        """Distinct articles cited by the events in the window."""
        return loading.n_articles(self.events)

    @property
    def coverage(self) -> Coverage:
        """What the briefing rests on (see :mod:`helpers.analysis.coverage`); worked out
        once (every page section asks for it)."""
        if "coverage" not in self.extra:
            self.extra["coverage"] = coverage(self.events, self.known)
        return self.extra["coverage"]

    @property
    def cutoff(self) -> pd.Timestamp | None:
        """The data cut-off: the latest first report on or before ``as_of`` among the
        country's events (``None`` when nothing is known)."""
        return self.coverage.cutoff

    @property
    def lightest_act(self) -> float:
        """The weight of the lightest crackdown act on the codebook's severity scale."""
        if self.codebook is None:
            return LIGHTEST_ACT
        weights = [t.severity for t in self.codebook.types.values() if (t.severity or 0) > 0]
        return float(min(weights)) if weights else LIGHTEST_ACT

    @property
    def registry(self) -> ActorRegistry | None:
        """The project's actor registry (``None`` without a project)."""
        if "registry" not in self.extra:
            path = getattr(self.project, "actors", None)
            self.extra["registry"] = ActorRegistry.load(path) if path and path.is_file() else None
        return self.extra["registry"]

    @property
    def institutions(self) -> dict[str, str]:
        """Actor name -> the institution it acts for (``member_of`` in the registry)."""
        reg = self.registry
        return {k: v for k, v in reg.member_of.items() if v} if reg else {}

    @property
    def response_kinds(self) -> dict[str, str]:
        return dict(self.codebook.response_kinds) if self.codebook else {}

    @property
    def source_line(self) -> str:
        """The source note every chart carries: what it rests on and the cut-off (ACLED
        named when its events are used, as its terms require)."""
        cov = self.coverage
        cutoff = f", cut-off {cov.cutoff:%Y-%m-%d}" if cov.cutoff is not None else ""
        outlets = f" from {plural(len(cov.outlets), 'outlet')}" if cov.outlets else ""
        acled = ""
        if "source_kind" in self.events.columns:
            k = int(self.events["source_kind"].str.contains("acled").sum())
            if k:
                acled = f"; {plural(k, 'ACLED event')}, acleddata.com"
        return (
            f"Source: {DATASET_NAME} ({plural(cov.n_sources, 'report')}{outlets}{cutoff}"
            f"{acled}), as of {self.as_of}"
        )

    def window_words(self) -> str:
        """``'between 1 January 2016 and 31 December 2018'``."""
        return f"between {format_date(self.start)} and {format_date(self.end)}"


def build_context(
    notebook: str,
    params: dict[str, Any],
    events: pd.DataFrame,
    project: Project | None = None,
    codebook: Codebook | None = None,
) -> Context:
    """Filter ``events`` (typed or raw contract frame) by the validated ``params``."""
    frame = loading.prepare_events(events)
    frame = loading.filter_country(frame, params["country"])
    is_today = params["as_of"] == dt.date.today().isoformat()
    known = loading.filter_known(frame, params["as_of"], is_today=is_today)
    in_window = loading.filter_window(known, params["start_date"], params["end_date"])
    listed = loading.filter_categories(in_window, params.get("categories", ""))
    return Context(notebook, params, project, codebook, known, in_window, listed)


def load_context(notebook: str, params: dict[str, Any], project: Project) -> Context:
    """Read the project's events of the briefing's country (only those) and the codebook,
    and build the :class:`Context`."""
    codebook = load_codebook(project.codebook)
    events = loading.read_events(project, params["country"])
    return build_context(notebook, params, events, project, codebook)
