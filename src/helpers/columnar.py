"""Columnar storage: Parquet files typed from the table declarations, queried with DuckDB.

The big tables (the processed events, ``data/processed/events.parquet``, and the imported
ACLED records, ``data/external/acled/events.parquet``) are Parquet files sorted by
country and cut into row groups of :data:`ROW_GROUP_ROWS` rows, so a query for one
country reads the row groups holding that country and skips the others (each row group
records the smallest and largest country it holds). Queries run in DuckDB, an embedded
engine that reads Parquet directly, sorts and joins within :data:`MEMORY_LIMIT` and
spills to a temporary folder beyond it: no step loads a whole table into pandas.

* :func:`arrow_schema`: the Arrow types a table declaration
  (:mod:`helpers.dataset.tables`) gives its columns; :func:`typed` converts a frame of
  text (or already typed) cells to them;
* :func:`connect`: a DuckDB connection with the memory limit;
* :func:`write_query_to`: Parquet written from a DuckDB query streamed batch by batch;
* :func:`cells_naming` and :func:`read_naming`: the rows whose ``;``-separated ``country``
  cell names a country, read with the filter pushed into the Parquet scan;
* :func:`parquet_schema`, :func:`type_problems` and :func:`reading`: a truncated, corrupt
  or retyped file as one message naming it (and the column), never a traceback.

>>> from helpers.dataset.tables import REFERENCES
>>> str(arrow_schema(REFERENCES).field("old_document").type)
'bool'
>>> cells_naming(["Cambodia", "myanmar;Thailand", "Laos"], "MYANMAR")
['myanmar;Thailand']
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.dataset.tables import Table
from helpers.errors import InputError, Problem

#: Rows per Parquet row group: a country's rows span few groups, and a group is small
#: enough that skipping the others saves most of the reading.
ROW_GROUP_ROWS = 16_384
#: DuckDB's working memory: sorts and joins beyond it spill to a temporary folder (with
#: the Python side of an import of a million rows, the process stays under 2 GB).
MEMORY_LIMIT = "600MB"
#: Rows per batch when a query result is streamed out of DuckDB.
BATCH_ROWS = ROW_GROUP_ROWS

ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "date": pa.date32(),
    "boolean": pa.bool_(),
}


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a declared table: ``date32`` dates, ``int64``, ``float64``,
    ``bool``, text; each column's meaning as field metadata."""
    return pa.schema(
        [
            pa.field(f.name, ARROW_TYPES[f.type], metadata={"description": f.description})
            for f in table.fields
        ],
        metadata={"table": table.name, "title": table.title},
    )


def text_schema(names: Iterable[str]) -> pa.Schema:
    """A schema of text columns (the ACLED store keeps every cell as ACLED wrote it)."""
    return pa.schema([pa.field(name, pa.string()) for name in names])


def typed(table: Table, frame: pd.DataFrame) -> pa.Table:
    """``frame``'s declared columns as :func:`arrow_schema` types them.

    Cells may be text (as a CSV holds them) or already typed. Empty text in a ``date``,
    ``integer``, ``number`` or ``boolean`` column is missing (``null``); empty text stays
    ``""``; ``true``/``false`` (any case) are booleans.

    >>> from helpers.dataset.tables import REFERENCES
    >>> frame = pd.DataFrame({"article_id": ["a"], "ref_index": ["1"], "outlet": ["BBC"],
    ...     "headline": ["h"], "date": [""], "date_text": [""], "old_document": ["False"],
    ...     "line": [20], "outlet_as_written": ["BBC"]})
    >>> typed(REFERENCES, frame).to_pylist()[0]["date"], typed(REFERENCES, frame)["line"][0]
    (None, <pyarrow.Int64Scalar: 20>)
    """
    schema = arrow_schema(table)
    arrays = [_array(frame[f.name], f.type) for f in table.fields]
    return pa.Table.from_arrays(arrays, schema=schema)


def _array(column: pd.Series, type_: str) -> pa.Array:
    if type_ == "string":
        values = column.astype(object).where(column.notna(), "")
        return pa.array([str(v) for v in values], type=pa.string())
    if type_ == "boolean":
        if pd.api.types.is_bool_dtype(column):
            return pa.array(column, type=pa.bool_())
        text = column.astype(object).where(column.notna(), "").map(lambda v: str(v).strip())
        return pa.array([None if v == "" else v.lower() == "true" for v in text], type=pa.bool_())
    blank = column.astype(object).map(lambda v: v is None or (isinstance(v, str) and not v))
    values = column.astype(object).where(~blank, None)
    if type_ == "date":
        days = pd.to_datetime(values, format="ISO8601")
        return pa.array(days.dt.date, type=pa.date32(), from_pandas=True)
    numbers = pd.to_numeric(values)
    if type_ == "integer":
        return pa.array(numbers.astype("Int64"), type=pa.int64(), from_pandas=True)
    return pa.array(numbers.astype(float), type=pa.float64(), from_pandas=True)


# ------------------------------------------------------------------------ DuckDB


@contextlib.contextmanager
def connect(memory_limit: str = MEMORY_LIMIT) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB connection that spills to a temporary folder beyond
    ``memory_limit`` (both removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="briefings-duckdb-") as spill:
        con = duckdb.connect(
            config={
                "memory_limit": memory_limit,
                "temp_directory": spill,
                "preserve_insertion_order": True,
            }
        )
        try:
            yield con
        finally:
            con.close()


def parquet_source(paths: Path | Iterable[Path]) -> str:
    """``read_parquet([...])`` over one or several files, as SQL (paths quoted)."""
    files = [paths] if isinstance(paths, str | Path) else list(paths)
    quoted = ", ".join("'" + str(p).replace("'", "''") + "'" for p in files)
    return f"read_parquet([{quoted}])"


# ------------------------------------------------------------------------- writing


def _write_batches(path: Path, batches: Iterable[pa.RecordBatch | pa.Table], schema) -> int:
    rows = 0
    pending: list[pa.Table] = []
    pending_rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in batches:
            part = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
            pending.append(part.cast(schema) if part.schema != schema else part)
            pending_rows += part.num_rows
            # Row groups of a fixed size, whatever batch sizes arrive: the same rows
            # always give the same file.
            while pending_rows >= ROW_GROUP_ROWS:
                whole = pa.concat_tables(pending)
                writer.write_table(whole.slice(0, ROW_GROUP_ROWS), row_group_size=ROW_GROUP_ROWS)
                rest = whole.slice(ROW_GROUP_ROWS)
                pending, pending_rows = [rest], rest.num_rows
                rows += ROW_GROUP_ROWS
        if pending_rows:
            writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
            rows += pending_rows
    return rows


def write_query_to(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    path: Path,
    schema: pa.Schema,
    params: list[Any] | None = None,
) -> int:
    """Stream the result of ``sql`` into the Parquet file ``path`` (a temporary file the
    caller moves into place), batch by batch, in row groups of :data:`ROW_GROUP_ROWS`
    rows; returns the number of rows."""
    reader = con.sql(sql, params=params or None).to_arrow_reader(BATCH_ROWS)
    return _write_batches(Path(path), reader, schema)


# ------------------------------------------------------------------------- reading


def cells_naming(cells: Iterable[str], name: str) -> list[str]:
    """The ``;``-separated cells that name ``name`` (case and spaces aside), sorted."""
    key = name.strip().casefold()
    return sorted(
        cell
        for cell in set(cells)
        if cell is not None and key in [part.strip().casefold() for part in cell.split(";")]
    )


def distinct(con: duckdb.DuckDBPyConnection, path: Path, column: str) -> list[str]:
    """The distinct non-null values of one column (reads that column only)."""
    rows = con.sql(f'SELECT DISTINCT "{column}" FROM {parquet_source(path)}').fetchall()
    return [value for (value,) in rows if value is not None]


def read_naming(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    column: str,
    name: str,
    *,
    select: str = "*",
    order: str = "",
) -> pa.Table:
    """The rows of ``path`` whose ``column`` cell names ``name`` (``;``-lists allowed).

    The cells that name it are found first (one column read); the rows are then read
    with ``column IN (...)``, a filter DuckDB pushes into the Parquet scan, so row groups
    of other countries are skipped unread."""
    wanted = cells_naming(distinct(con, path, column), name)
    if not wanted:
        return con.sql(f"SELECT {select} FROM {parquet_source(path)} LIMIT 0").to_arrow_table()
    marks = ", ".join("?" for _ in wanted)
    sql = f'SELECT {select} FROM {parquet_source(path)} WHERE "{column}" IN ({marks})'
    if order:
        sql += f" ORDER BY {order}"
    return con.sql(sql, params=wanted).to_arrow_table()


# ------------------------------------------------------------------ damaged files


def parquet_schema(path: Path, label: str, hint: str) -> pa.Schema:
    """The schema of the Parquet file ``path``; an :class:`~helpers.errors.InputError`
    naming ``label`` (and saying ``hint``) when it is not a readable Parquet file, such as
    a file cut short by a full disk or a copy that stopped half-way.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".parquet") as handle:
    ...     parquet_schema(Path(handle.name), "events.parquet", "build it again")
    Traceback (most recent call last):
    ...
    helpers.errors.InputError: events.parquet: not a readable Parquet file (truncated or \
corrupt); build it again
    """
    try:
        return pq.read_schema(path)
    except pa.ArrowInvalid as exc:
        raise InputError(unreadable(label, hint)) from exc
    except OSError as exc:
        if exc.errno is not None:  # the file system's error (permission...), not the file's
            raise
        raise InputError(unreadable(label, hint)) from exc


def unreadable(label: str, hint: str, detail: str = "") -> Problem:
    """The problem of a Parquet file that cannot be read (``detail``: the engine's words)."""
    detail = f": {detail}" if detail else ""
    return Problem(label, f"not a readable Parquet file (truncated or corrupt{detail}); {hint}")


def type_problems(schema: pa.Schema, expected: pa.Schema, label: str, hint: str) -> list[Problem]:
    """A problem per column of ``expected`` that ``schema`` holds with another type.

    >>> have = pa.schema([("severity", pa.string()), ("country", pa.string())])
    >>> want = pa.schema([("severity", pa.float64()), ("country", pa.string())])
    >>> print(type_problems(have, want, "events.parquet", "build it again")[0])
    events.parquet column 'severity': holds string, expected double; build it again
    """
    problems = []
    for name, want in zip(expected.names, expected.types, strict=True):
        if name in schema.names:
            have = schema.field(name).type
            if have != want and not pa.types.is_null(have):  # an all-empty column
                problems.append(
                    Problem(label, f"holds {have}, expected {want}; {hint}", column=name)
                )
    return problems


@contextlib.contextmanager
def reading(label: str, hint: str) -> Iterator[None]:
    """Turn DuckDB's error on a damaged Parquet file (a page that does not decompress, a
    footer that does not parse) into one :class:`~helpers.errors.InputError` naming
    ``label``."""
    try:
        yield
    except duckdb.Error as exc:
        words = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
        raise InputError(unreadable(label, hint, words.rsplit(": ", 1)[-1])) from exc
