"""Build the data contract table ``data/processed/events.csv`` from the curated events.

``build_events`` validates first (any error: nothing is written), then joins each curated
event with the codebook, the actor registry and the articles and references it cites.
``load_events`` reads the result back with proper types, for notebooks.

The columns of ``data/processed/events.csv`` (one row per event, sorted by
``date_start`` then ``event_id``; lists are ``;``-separated strings) are declared, with
their types and meanings, in :data:`helpers.dataset.tables.EVENTS`. Imported ACLED
records are folded in by :func:`helpers.acled.events.merge_acled`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.acled.events import merge_acled
from helpers.atomic import write_csv
from helpers.dataset.actors import ActorRegistry, split_names
from helpers.dataset.codebook import CATEGORIES, load_codebook
from helpers.dataset.schema import EVENT_COLUMNS, REFERENCE_COLUMNS_USED, column_names
from helpers.dataset.tables import EVENTS
from helpers.dataset.validation import (
    INGEST_HINT,
    ValidationReport,
    load_articles,
    validate_project,
)
from helpers.dates import date_span, midpoint
from helpers.errors import InputError, Problem, relative
from helpers.paths import Project

#: Every column of ``data/processed/events.csv``, in order.
EVENTS_TABLE_COLUMNS: tuple[str, ...] = tuple(EVENTS.names())
#: Columns added by the build, after the curated ones.
DERIVED_COLUMNS: tuple[str, ...] = EVENTS_TABLE_COLUMNS[len(EVENT_COLUMNS) :]

DATE_COLUMNS = tuple(EVENTS.of_type("date"))
FLOAT_COLUMNS = tuple(EVENTS.of_type("number"))
INT_COLUMNS = tuple(EVENTS.of_type("integer"))


@dataclass
class BuildResult:
    """The table written, where, and the validation warnings that did not block it."""

    table: pd.DataFrame
    path: Path
    label: str
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """One line, e.g. ``'wrote data/processed/events.csv: 42 events (30 crackdown, ...)'``."""
        counts = self.table["category"].value_counts()
        parts = ", ".join(f"{counts[cat]} {cat}" for cat in CATEGORIES if cat in counts)
        warn = f"; {len(self.warnings)} warning(s)" if self.warnings else ""
        return f"wrote {self.label}: {len(self.table)} events ({parts}){warn}"


def build_events(project: Project) -> BuildResult:
    """Validate, then write ``data/processed/events.csv``; raise on any error, writing nothing.

    Raises :class:`~helpers.errors.InputError` listing every problem in the curated data,
    or telling to run ``briefings ingest`` when the processed articles are missing.
    """
    report = validate_project(project)
    report.raise_if_errors()
    table = events_table(project, report)
    write_csv(project.events_table, table)
    label = relative(project.events_table, project.root)
    return BuildResult(table, project.events_table, label, report.warnings)


def events_table(project: Project, report: ValidationReport | None = None) -> pd.DataFrame:
    """The joined table (not written); assumes the curated data validates.

    ACLED records held for review are added to ``report``'s warnings."""
    events = _read_curated(project.curated_events)
    articles = load_articles(project)
    references = _load_references(project)
    registry = ActorRegistry.from_rows(_read_text_csv(project.actors).to_dict("records"))
    codebook = load_codebook(project.codebook).table.drop(columns="category")
    table = events.merge(codebook, on="event_type", how="left", validate="many_to_one")
    table = pd.concat([table, _dates(table), _sources(table, articles, references)], axis=1)
    table["actor_kind"] = [
        ";".join(registry.kind(name) or "" for name in split_names(names))
        for names in table["actor"]
    ]
    acled = merge_acled(project, table, registry)
    if report is not None:
        report.warnings += acled.warnings
    table = acled.table[list(EVENTS_TABLE_COLUMNS)]
    return table.sort_values(["date_start", "event_id"], kind="stable", ignore_index=True)


def _read_text_csv(path: Path) -> pd.DataFrame:
    """A hand-edited CSV as stripped strings (a spreadsheet's byte-order mark is dropped)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.apply(lambda col: col.str.strip())


def _read_curated(path: Path) -> pd.DataFrame:
    frame = _read_text_csv(path)
    for name in column_names(EVENT_COLUMNS):
        if name not in frame.columns:
            frame[name] = ""
    return frame[column_names(EVENT_COLUMNS)]


def _load_references(project: Project) -> pd.DataFrame:
    path = project.references_table
    if not path.is_file():
        raise InputError(Problem(relative(path, project.root), f"not found; {INGEST_HINT}"))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REFERENCE_COLUMNS_USED if c not in frame.columns]
    if missing:
        raise InputError(
            Problem(
                relative(path, project.root),
                f"missing column(s) {', '.join(missing)}; run `briefings ingest` again",
            )
        )
    return frame


def _dates(table: pd.DataFrame) -> pd.DataFrame:
    """date_start, date_end and plot_date (ISO strings) for each row."""
    rows = []
    for value, precision in zip(table["date"], table["date_precision"], strict=True):
        start, end = date_span(value, precision)
        rows.append(
            {
                "date_start": start.isoformat(),
                "date_end": end.isoformat(),
                "plot_date": midpoint(start, end).isoformat(),
            }
        )
    return pd.DataFrame(rows, index=table.index, columns=["date_start", "date_end", "plot_date"])


def _sources(table: pd.DataFrame, articles: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """country, first_reported, n_articles, outlets, n_outlets, source_files per row."""
    current = references[references["old_document"].str.strip().str.lower() != "true"]
    outlets_by_article = current.groupby("article_id")["outlet"].agg(list).to_dict()
    rows = []
    for cell in table["article_ids"]:
        ids = [aid for aid in split_names(cell) if aid in articles.index]
        cited = articles.loc[ids]
        outlets = _unique_outlets(o for aid in ids for o in outlets_by_article.get(aid, []))
        dates = sorted(d for d in cited["published_date"].str.strip() if d)
        rows.append(
            {
                "country": ";".join(_unique(cited["country"])),
                "first_reported": dates[0] if dates else "",
                "n_articles": len(ids),
                "outlets": ";".join(outlets),
                "n_outlets": len(outlets),
                "source_files": ";".join(_unique(cited["source_file"])),
            }
        )
    columns = ["country", "first_reported", "n_articles", "outlets", "n_outlets", "source_files"]
    return pd.DataFrame(rows, index=table.index, columns=columns)


def _unique(values: Iterable[str]) -> list[str]:
    """Sorted unique non-empty values, stripped."""
    return sorted({str(v).strip() for v in values if str(v).strip()})


def _unique_outlets(values: Iterable[str]) -> list[str]:
    """Sorted unique outlets; spellings that differ only in case count once.

    >>> _unique_outlets(["Reuters", "Aljazeera", "AlJazeera", "reuters"])
    ['AlJazeera', 'Reuters']
    """
    by_key: dict[str, str] = {}
    for outlet in _unique(values):
        by_key.setdefault(outlet.casefold(), outlet)
    return sorted(by_key.values())


def load_events(project: Project) -> pd.DataFrame:
    """Read ``data/processed/events.csv`` with proper types.

    Dates (``date_start``, ``date_end``, ``plot_date``, ``first_reported``) become
    ``datetime64`` (empty ``first_reported`` is ``NaT``), ``goldstein``/``severity``
    floats, counts integers; ``date`` and the ``;``-separated lists stay strings (empty
    cells are ``""``, never NaN).

    >>> from helpers.paths import project
    >>> load_events(project())["plot_date"].dtype        # doctest: +SKIP
    dtype('<M8[s]')
    """
    path = project.events_table
    if not path.is_file():
        raise InputError(
            Problem(relative(path, project.root), "not found; run `briefings build` first")
        )
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for name in DATE_COLUMNS:
        frame[name] = pd.to_datetime(frame[name].replace("", None), format="%Y-%m-%d")
    for name in FLOAT_COLUMNS:
        frame[name] = frame[name].astype(float)
    for name in INT_COLUMNS:
        frame[name] = frame[name].astype(int)
    return frame
