"""The built events table on disk, written once in two forms, and read one country at a time.

``briefings build`` writes, together or not at all:

* ``data/processed/events.parquet``: the table the briefings read. Typed as
  :data:`helpers.dataset.tables.EVENTS` declares (dates, integers, numbers, booleans),
  sorted by ``country``, then ``date_start`` and ``event_id``, in row groups that each
  record the countries they hold, so reading one country skips the other countries' rows
  (:func:`helpers.columnar.read_naming`).
* ``data/processed/events.csv``: the same rows as text, sorted by ``date_start`` then
  ``event_id``: the data contract for outside users, as before.

:func:`read_events` returns the frame the CSV reader always returned (dates as
``datetime64``, ``goldstein``/``severity`` floats, counts integers, ``scheduled`` and the
text columns as text with ``""`` for empty), for the whole table or for one country.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers import columnar
from helpers.atomic import write_all
from helpers.dataset.tables import EVENTS, Field
from helpers.errors import InputError, Problem, relative
from helpers.paths import Project

#: Order of the Parquet file (one country's rows together) and of the CSV (the contract).
PARQUET_ORDER = "country, date_start, event_id"
CSV_ORDER = "date_start, event_id"

BUILD_HINT = "run `briefings build` first"
#: What to do about a damaged or retyped events file: the build writes it from the sources.
REBUILD_HINT = "run `briefings build` to write it again"


def write_events(project: Project, curated: pd.DataFrame, parts: Iterable[Path] = ()) -> dict:
    """Write ``events.parquet`` and ``events.csv`` together from the ``curated`` rows (a
    frame of the contract's columns, text or typed) and ``parts`` (Parquet files typed as
    :data:`~helpers.dataset.tables.EVENTS`, such as the ACLED rows); returns the number of
    events per category."""
    schema = columnar.arrow_schema(EVENTS)
    with (
        tempfile.TemporaryDirectory(prefix="briefings-events-") as scratch,
        columnar.connect() as con,
    ):
        # Every part is read from Parquet: DuckDB spills a sort of files to disk, not of
        # a table handed over from Python.
        first = Path(scratch) / "curated.parquet"
        pq.write_table(columnar.typed(EVENTS, curated), first)
        names = ", ".join(f'"{n}"' for n in EVENTS.names())
        rows = f"SELECT {names} FROM {columnar.parquet_source([first, *parts])}"
        write_all(
            {
                project.events_table: lambda tmp: _write_csv(con, rows, tmp),
                project.events_parquet: lambda tmp: columnar.write_query_to(
                    con, f"SELECT * FROM ({rows}) ORDER BY {PARQUET_ORDER}", tmp, schema
                ),
            }
        )
        counts = con.sql(f"SELECT category, count(*) FROM ({rows}) GROUP BY category").fetchall()
    return dict(counts)


def _write_csv(con: duckdb.DuckDBPyConnection, rows: str, path: Path) -> None:
    """The contract CSV, sorted by :data:`CSV_ORDER`, written a batch at a time as it has
    always been written: empty text as an empty cell, quotes only where needed, dates
    ISO, numbers as ``-3.0``, booleans ``true``/``false``."""
    cells = ", ".join(_as_text(f) for f in EVENTS.fields)
    sorted_rows = con.sql(f"SELECT {cells} FROM ({rows}) ORDER BY {CSV_ORDER}")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EVENTS.names())
        for batch in sorted_rows.to_arrow_reader(columnar.BATCH_ROWS):
            writer.writerows(zip(*batch.to_pydict().values(), strict=True))


def _as_text(f: Field) -> str:
    """SQL writing one column of the events as the CSV holds it."""
    name = f'"{f.name}"'
    if f.type == "boolean":
        text = f"CASE WHEN {name} THEN 'true' WHEN NOT {name} THEN 'false' END"
    elif f.type == "string":
        text = name
    else:
        text = f"CAST({name} AS VARCHAR)"
    return f"coalesce({text}, '') AS {name}"


# ------------------------------------------------------------------------- reading


def read_events(project: Project, country: str | None = None) -> pd.DataFrame:
    """The built events (of ``country`` only, when given: its ``;``-list names it), sorted
    by ``date_start`` then ``event_id``, typed as the module docstring says; raises
    :class:`~helpers.errors.InputError` when the table has not been built."""
    path = _checked(project)
    with columnar.connect() as con, columnar.reading(_label(project), REBUILD_HINT):
        if country:
            table = columnar.read_naming(con, path, "country", country, order=CSV_ORDER)
        else:
            source = columnar.parquet_source(path)
            table = con.sql(f"SELECT * FROM {source} ORDER BY {CSV_ORDER}").to_arrow_table()
    return contract_frame(table)


def contract_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table of the events as the frame the readers return (module docstring)."""
    frame = pd.DataFrame(index=range(table.num_rows))
    for f in EVENTS.fields:
        column = table.column(f.name).to_pandas()
        if f.type == "date":
            frame[f.name] = pd.to_datetime(column).astype("datetime64[ns]")
        elif f.type == "number":
            frame[f.name] = column.astype(float)
        elif f.type == "integer":
            frame[f.name] = column.fillna(0).astype(int)
        elif f.type == "boolean":
            frame[f.name] = column.map({True: "true", False: "false"}).fillna("").astype(str)
        else:
            frame[f.name] = column.fillna("").astype(str)
    return frame


def countries(project: Project) -> set[str]:
    """Every country the built events name (``;``-lists split); empty when not built
    (or built without a ``country`` column: loading the events says so)."""
    path = project.events_parquet
    if not _holds(project, "country"):
        return set()
    with columnar.connect() as con, columnar.reading(_label(project), REBUILD_HINT):
        cells = columnar.distinct(con, path, "country")
    return {part.strip() for cell in cells for part in cell.split(";") if part.strip()}


def first_reports(project: Project, country: str) -> pd.Series:
    """The ``first_reported`` dates of ``country``'s events (``NaT`` when unknown); empty
    when the table has not been built (or lacks these columns)."""
    path = project.events_parquet
    if not _holds(project, "country", "first_reported"):
        return pd.Series([], dtype="datetime64[ns]")
    with columnar.connect() as con, columnar.reading(_label(project), REBUILD_HINT):
        table = columnar.read_naming(con, path, "country", country, select="first_reported")
    return pd.to_datetime(table.column("first_reported").to_pandas()).astype("datetime64[ns]")


def _holds(project: Project, *names: str) -> bool:
    """Whether the events Parquet file exists with the columns ``names``, typed as
    declared; an :class:`~helpers.errors.InputError` when it is damaged or retyped."""
    if not project.events_parquet.is_file():
        return False
    schema = _schema(project)
    return set(names) <= set(schema.names)


def _label(project: Project) -> str:
    return relative(project.events_parquet, project.root)


def _schema(project: Project) -> pa.Schema:
    """The events file's schema, checked: readable, and every declared column it holds of
    the declared type (a file written by hand or by another tool fails here, named)."""
    label = _label(project)
    schema = columnar.parquet_schema(project.events_parquet, label, REBUILD_HINT)
    expected = columnar.arrow_schema(EVENTS)
    problems = columnar.type_problems(schema, expected, label, REBUILD_HINT)
    if problems:
        raise InputError(problems)
    return schema


def _checked(project: Project) -> Path:
    """The Parquet file, or one clear error naming what to run."""
    path = project.events_parquet
    label = _label(project)
    if not path.is_file():
        raise InputError(Problem(label, f"not found; {BUILD_HINT}"))
    names = set(_schema(project).names)
    missing = [n for n in EVENTS.names() if n not in names]
    if missing:
        raise InputError(
            Problem(
                label,
                f"missing column(s) {', '.join(missing)}: built by another version; {BUILD_HINT}",
            )
        )
    return path
