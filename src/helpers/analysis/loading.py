"""Read the events table and filter it by country, window and briefing date (``as_of``).

Definitions:

* An event is **in the window** when its ``plot_date`` (the day itself, or the middle of
  the month or year its date is known to) falls between ``start_date`` and ``end_date``
  inclusive.
* An event is **known by** ``as_of`` when its ``first_reported`` date (the earliest
  publication date of its articles) is on or before ``as_of``. An event whose articles
  carry no publication date is kept only when ``as_of`` is today (it may have been known
  earlier, but we cannot show it was).
* Events **datable to a month** are those whose interval (``date_start``..``date_end``,
  the coded date narrowed by what is known) lies within one calendar month. Measures per
  month (escalation index, monthly severity and verdicts, counts per month) use only
  these: an event that could fall in either of two months is drawn over its span on
  timelines but never attributed to one month in a finding.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.dataset.build import DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, load_events
from helpers.dataset.tables import EVENTS
from helpers.paths import Project

#: Text columns of the events table (declared in :mod:`helpers.dataset.tables`).
TEXT_COLUMNS = tuple(EVENTS.of_type("string"))


def read_events(project: Project) -> pd.DataFrame:
    """``data/processed/events.csv`` with proper types (see :func:`prepare_events`);
    raises :class:`~helpers.errors.InputError` when the table has not been built yet."""
    return prepare_events(load_events(project))


def prepare_events(frame: pd.DataFrame) -> pd.DataFrame:
    """Coerce the contract's columns to their types (idempotent; returns a copy).

    Dates become ``datetime64`` (empty ``first_reported`` is ``NaT``), ``goldstein`` and
    ``severity`` floats, counts integers, text columns strings with ``""`` for empty.
    """
    out = frame.copy()
    for name in TEXT_COLUMNS:
        if name in out.columns:
            out[name] = out[name].fillna("").astype(str)
    for name in DATE_COLUMNS:
        if name in out.columns:
            col = out[name]
            if not pd.api.types.is_datetime64_any_dtype(col):
                col = pd.to_datetime(col.replace("", None), format="%Y-%m-%d")
            out[name] = col.astype("datetime64[ns]")
    for name in FLOAT_COLUMNS:
        if name in out.columns:
            out[name] = pd.to_numeric(out[name]).astype(float)
    for name in INT_COLUMNS:
        if name in out.columns:
            out[name] = pd.to_numeric(out[name]).fillna(0).astype(int)
    return out.reset_index(drop=True)


def filter_country(events: pd.DataFrame, country: str) -> pd.DataFrame:
    """Events whose ``country`` cell names ``country`` (case-insensitive; ``;``-lists allowed)."""
    key = country.casefold()
    mask = events["country"].map(lambda c: key in [p.strip().casefold() for p in c.split(";")])
    return events[mask.astype(bool)].reset_index(drop=True)


def filter_known(
    events: pd.DataFrame, as_of: str | dt.date, *, is_today: bool = False
) -> pd.DataFrame:
    """Events first reported on or before ``as_of`` (see the module docstring).

    ``is_today`` keeps events with no known publication date.
    """
    cutoff = pd.Timestamp(as_of)
    reported = events["first_reported"]
    mask = reported.le(cutoff)
    if is_today:
        mask = mask | reported.isna()
    return events[mask.fillna(False).astype(bool)].reset_index(drop=True)


def filter_window(events: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Events whose ``plot_date`` lies between ``start`` and ``end`` inclusive."""
    mask = events["plot_date"].between(pd.Timestamp(start), pd.Timestamp(end))
    return events[mask].reset_index(drop=True)


def filter_categories(events: pd.DataFrame, categories: str) -> pd.DataFrame:
    """Events of the comma-separated ``categories`` (empty keeps all)."""
    names = [c.strip() for c in categories.split(",") if c.strip()]
    if not names:
        return events
    return events[events["category"].isin(names)].reset_index(drop=True)


def crackdown_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events of category ``crackdown`` (releases included, with negative severity)."""
    return events[events["category"] == "crackdown"].reset_index(drop=True)


def within_one_month(events: pd.DataFrame) -> pd.Series:
    """Whether each event's interval lies within one calendar month."""
    start, end = events["date_start"], events["date_end"]
    return (start.dt.year == end.dt.year) & (start.dt.month == end.dt.month)


def datable_to_month(events: pd.DataFrame) -> pd.DataFrame:
    """Events whose interval lies within one month (see the module docstring), with a
    ``month`` column (its first day)."""
    out = events[within_one_month(events).astype(bool)].reset_index(drop=True)
    return out.assign(month=out["date_start"].dt.to_period("M").dt.to_timestamp())


def not_datable_to_month(events: pd.DataFrame) -> pd.DataFrame:
    """Events whose interval spans more than one month."""
    return events[~within_one_month(events).astype(bool)].reset_index(drop=True)


def year_only(events: pd.DataFrame) -> pd.DataFrame:
    """Events known only to the year."""
    return events[events["date_precision"] == "year"].reset_index(drop=True)


def international_responses(events: pd.DataFrame) -> pd.DataFrame:
    """Events of category ``international_response``."""
    return events[events["category"] == "international_response"].reset_index(drop=True)


def n_articles(events: pd.DataFrame) -> int:
    """Number of distinct articles cited by ``events``."""
    ids = {a.strip() for cell in events["article_ids"] for a in cell.split(";") if a.strip()}
    return len(ids)
