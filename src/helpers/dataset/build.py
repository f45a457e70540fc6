"""Build the data contract table ``data/processed/events.csv`` from the curated events.

``build_events`` validates first (any error: nothing is written), then joins each curated
event with the codebook, the actor registry and the articles and references it cites.
``load_events`` reads the result back with proper types, for notebooks.

The columns of ``data/processed/events.csv`` (one row per event, sorted by
``date_start`` then ``event_id``; lists are ``;``-separated strings) are declared, with
their types and meanings, in :data:`helpers.dataset.tables.EVENTS`. Imported ACLED
records are folded in by :func:`helpers.acled.events.merge_acled`; the table is written
as CSV and as Parquet, which the briefings read (:mod:`helpers.dataset.events_store`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.acled.events import LinkReport, merge_acled
from helpers.corpus.outlets import publisher
from helpers.dataset.actors import ActorRegistry, split_names
from helpers.dataset.codebook import CATEGORIES, Codebook, load_codebook
from helpers.dataset.events_store import read_events, write_events
from helpers.dataset.schema import EVENT_COLUMNS, REFERENCE_COLUMNS_USED, column_names
from helpers.dataset.tables import EVENTS
from helpers.dataset.validation import (
    INGEST_HINT,
    load_articles,
    validate_project,
)
from helpers.dates import date_span, midpoint, narrow_intervals
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
    """How many events were written, of which categories, where, the validation
    warnings that did not block the build, and what became of the ACLED records."""

    counts: dict[str, int]
    path: Path
    label: str
    warnings: list[Problem] = field(default_factory=list)
    links: LinkReport = field(default_factory=LinkReport)

    @property
    def n_events(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """One line, e.g. ``'wrote data/processed/events.csv and events.parquet: 42 events
        (30 crackdown, ...)'``."""
        parts = ", ".join(f"{self.counts[cat]} {cat}" for cat in CATEGORIES if cat in self.counts)
        warn = f"; {len(self.warnings)} warning(s)" if self.warnings else ""
        return f"wrote {self.label}: {self.n_events} events ({parts}){warn}"


def build_events(project: Project) -> BuildResult:
    """Validate, then write ``data/processed/events.csv`` and ``events.parquet``; raise
    on any error, writing nothing.

    Raises :class:`~helpers.errors.InputError` listing every problem in the curated data,
    or telling to run ``briefings ingest`` when the processed articles are missing. ACLED
    records held for review are added to the warnings.
    """
    report = validate_project(project)
    report.raise_if_errors()
    curated, registry = curated_table(project)
    with tempfile.TemporaryDirectory(prefix="briefings-build-") as scratch:
        acled = merge_acled(project, curated, registry, Path(scratch))
        report.warnings += acled.warnings
        counts = write_events(project, acled.table[list(EVENTS_TABLE_COLUMNS)], acled.parts)
    label = f"{relative(project.events_table, project.root)} and {project.events_parquet.name}"
    return BuildResult(counts, project.events_table, label, report.warnings, acled.links)


def curated_table(project: Project) -> tuple[pd.DataFrame, ActorRegistry]:
    """The curated events joined with the codebook, the actor registry, the articles and
    references they cite (every contract column but the ACLED ones), and the registry;
    assumes the curated data validates."""
    events = _read_curated(project.curated_events)
    articles = load_articles(project)
    references = _load_references(project)
    registry = ActorRegistry.from_rows(_read_text_csv(project.actors).to_dict("records"))
    codebook = load_codebook(project.codebook)
    table = pd.concat([events, _sources(events, articles, references)], axis=1)
    return derive_columns(table, codebook, registry), registry


def derive_columns(
    events: pd.DataFrame, codebook: Codebook, registry: ActorRegistry
) -> pd.DataFrame:
    """``events`` with the columns the build derives from a curated row: the codebook's
    (``event_label``, ``goldstein``, ``severity``, ``cameo_code``, ``plover_type``,
    ``plover_mode``, ``response_kind``), the narrowed interval (:func:`interval_columns`),
    ``headline`` and ``actor_kind`` (from ``registry``).

    ``events`` holds the curated columns and ``first_reported`` (``last_reported`` too,
    when known); the other source columns (``country``, ``outlets``, ...) pass through.

    >>> from helpers.paths import project
    >>> codebook = load_codebook(project().codebook)
    >>> registry = ActorRegistry.from_rows([{"actor": "Police", "kind": "government"}])
    >>> events = pd.DataFrame([{"event_id": "RUR-001", "date": "2017-09",
    ...     "date_precision": "month", "event_type": "arrest", "actor": "Police",
    ...     "target": "Anna Vel", "responds_to": "", "first_reported": "2017-09-04"}])
    >>> row = derive_columns(events, codebook, registry).iloc[0]
    >>> row[["event_label", "headline", "actor_kind", "date_start", "date_end"]].tolist()
    ['Arrest, detention or charge', 'Anna Vel arrested', 'government', '2017-09-01', '2017-09-04']
    """
    table = events.merge(
        codebook.table.drop(columns="category"), on="event_type", how="left", validate="many_to_one"
    )
    table = pd.concat([table, interval_columns(table)], axis=1)
    table["headline"] = [
        headline(template, actor, target, label, registry)
        for template, actor, target, label in zip(
            table.pop("headline_template"),
            table["actor"],
            table["target"],
            table["event_label"],
            strict=True,
        )
    ]
    table["actor_kind"] = [
        ";".join(registry.kind(name) or "" for name in split_names(names))
        for names in table["actor"]
    ]
    return table


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


def interval_columns(table: pd.DataFrame) -> pd.DataFrame:
    """date_start, date_end, plot_date (ISO strings), interval_basis and scheduled per row:
    the coded span narrowed by first report and by the acts a response answers
    (:func:`helpers.dates.narrow_intervals`)."""
    ids = list(table["event_id"])
    spans = {
        eid: date_span(value, precision)
        for eid, value, precision in zip(ids, table["date"], table["date_precision"], strict=True)
    }
    last_column = table.get("last_reported", table["first_reported"])
    first, last = (
        {
            eid: dt.date.fromisoformat(day) if day else None
            for eid, day in zip(ids, cells, strict=True)
        }
        for cells in (table["first_reported"], last_column)
    )
    answers = {eid: split_names(cell) for eid, cell in zip(ids, table["responds_to"], strict=True)}
    narrowed = narrow_intervals(spans, first, answers, last)
    columns = ["date_start", "date_end", "plot_date", "interval_basis", "scheduled"]
    rows = [
        (
            start.isoformat(),
            end.isoformat(),
            midpoint(start, end).isoformat(),
            basis,
            "true" if scheduled else "false",
        )
        for start, end, scheduled, basis in (narrowed[eid] for eid in ids)
    ]
    return pd.DataFrame(rows, index=table.index, columns=columns)


def _day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def names_in_words(names: list[str]) -> str:
    """``'A'``, ``'A and B'``, ``'A, B and C'``.

    >>> names_in_words(["US"]), names_in_words(["US", "EU"]), names_in_words(["a", "b", "c"])
    ('US', 'US and EU', 'a, b and c')
    """
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def headline(template: str, actor: str, target: str, label: str, registry: ActorRegistry) -> str:
    """The short label of an event: the codebook's ``template`` with the short names of its
    actors and targets; the event type's ``label`` when the template needs a target the
    event has none of.

    >>> reg = ActorRegistry.from_rows([{"actor": "Kem Sokha", "kind": "person"},
    ...     {"actor": "Cambodia National Rescue Party", "kind": "party", "short_name": "CNRP"}])
    >>> headline("{target} arrested", "Police", "Kem Sokha", "Arrest", reg)
    'Kem Sokha arrested'
    >>> headline("{target} dissolved", "Court", "Cambodia National Rescue Party", "Ban", reg)
    'CNRP dissolved'
    >>> headline("{target} threatened", "Hun Sen", "", "Threat of repression", reg)
    'Threat of repression'
    """
    actors = [registry.short(n) for n in split_names(actor)]
    targets = [registry.short(n) for n in split_names(target)]
    if ("{target}" in template and not targets) or ("{actor}" in template and not actors):
        return label
    text = template.format(actor=names_in_words(actors), target=names_in_words(targets))
    return text[:1].upper() + text[1:]


def _sources(table: pd.DataFrame, articles: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """country, first_reported, n_articles, outlets (publishers), n_outlets,
    further_reading (cited outlets) and source_files per row."""
    current = references[references["old_document"].str.strip().str.lower() != "true"]
    outlets_by_article = current.groupby("article_id")["outlet"].agg(list).to_dict()
    rows = []
    for cell in table["article_ids"]:
        ids = [aid for aid in split_names(cell) if aid in articles.index]
        cited = articles.loc[ids]
        further = _unique_outlets(o for aid in ids for o in outlets_by_article.get(aid, []))
        publishers = _unique_outlets(publisher(line) for line in cited["reporter_line"])
        dates = sorted(d for d in cited["published_date"].str.strip() if d)
        rows.append(
            {
                "country": ";".join(_unique(cited["country"])),
                "first_reported": dates[0] if dates else "",
                "last_reported": dates[-1] if dates else "",
                "n_articles": len(ids),
                "outlets": ";".join(publishers),
                "n_outlets": len(publishers),
                "further_reading": ";".join(further),
                "source_files": ";".join(_unique(cited["source_file"])),
            }
        )
    columns = [
        "country",
        "first_reported",
        "last_reported",
        "n_articles",
        "outlets",
        "n_outlets",
        "further_reading",
        "source_files",
    ]
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


def load_events(project: Project, country: str | None = None) -> pd.DataFrame:
    """The built events (of ``country`` only, when given) with proper types.

    Dates (``date_start``, ``date_end``, ``plot_date``, ``first_reported``) become
    ``datetime64`` (empty ``first_reported`` is ``NaT``), ``goldstein``/``severity``
    floats, counts integers; ``date``, ``scheduled`` and the ``;``-separated lists stay
    strings (empty cells are ``""``, never NaN). Read from ``events.parquet``
    (:func:`helpers.dataset.events_store.read_events`).

    >>> from helpers.paths import project
    >>> load_events(project())["plot_date"].dtype        # doctest: +SKIP
    dtype('<M8[ns]')
    """
    return read_events(project, country)
