"""The imported ACLED records: ``data/external/acled/events.parquet``, one row per ACLED event.

The folder is gitignored: ACLED's terms forbid redistributing its data, so imported
records stay on the machine that imported them. Every cell is kept as text, as ACLED
wrote it (the date rewritten as ISO, actor categories in words), sorted by country, date
and id (:mod:`helpers.columnar`: one country's records are read without the others').

Merging an import into the store, per ACLED event (``event_id_cnty``), in the order the
exports were given and their rows appear:

* not stored yet (nor earlier in this import): **new**;
* stored with an older ``timestamp`` (ACLED revised the event): **updated**;
* stored with the same ``timestamp``: **unchanged** (the stored record, and its
  provenance, stay as they are: re-importing an export changes nothing);
* stored with a newer ``timestamp``: **kept** (the export is older than what is stored).

So the record kept for an event is the first one with its highest ``timestamp``. The
merge runs in DuckDB over Parquet files (the store and the checked exports), so an
import of millions of rows never holds them in memory.

ACLED also deletes events; an export does not say which, so a stored event missing from
a newer export stays. A store written as CSV by earlier versions
(``data/external/acled/events.csv``) is read as it is and replaced by the Parquet store at
the next import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from helpers import columnar
from helpers.acled.vintages import VINTAGES
from helpers.errors import InputError, Problem, relative
from helpers.paths import Project

#: The export's event id (both layouts), stored as ``acled_id``.
ID_COLUMN = "event_id_cnty"
#: The older layout's other ids, not stored: ``event_id_cnty`` names the event in both.
UNSTORED_COLUMNS = ("data_id", "event_id_no_cnty")
#: Where each stored record came from.
PROVENANCE_COLUMNS = ("export_file", "export_line", "vintage")
#: Columns of the store: ``acled_id``, every other cell of the export layouts
#: (:data:`helpers.acled.vintages.VINTAGES`, in their order), then where each came from.
RECORD_COLUMNS: tuple[str, ...] = (
    "acled_id",
    *(
        name
        for name in dict.fromkeys(c for vintage in VINTAGES for c in vintage.columns)
        if name != ID_COLUMN and name not in UNSTORED_COLUMNS
    ),
    *PROVENANCE_COLUMNS,
)

SCHEMA = columnar.text_schema(RECORD_COLUMNS)
OUTCOMES = ("new", "updated", "unchanged", "kept")
#: Order of the stored records.
STORE_ORDER = "country, event_date, acled_id"
#: Rows handed to Python at a time when the build walks the store.
BATCH_ROWS = 20_000


@dataclass
class MergeResult:
    """What happened to the incoming records, and how many events the store holds."""

    outcome_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    n_stored: int = 0

    def counts(self) -> dict[str, int]:
        return {name: self.outcome_counts.get(name, 0) for name in OUTCOMES}

    @property
    def changed(self) -> bool:
        return bool(self.outcome_counts.get("new") or self.outcome_counts.get("updated"))


#: What to do about a damaged store: it holds only what the exports held.
REIMPORT_HINT = "delete it and import the exports again"


def store_source(project: Project) -> Path | None:
    """The store to read: the Parquet store, else a CSV store of an earlier version, else
    ``None`` (nothing imported yet)."""
    for path in (project.acled_store, project.acled_store_csv):
        if path.is_file():
            return path
    return None


def _select(path: Path, label: str) -> str:
    """SQL reading the store at ``path`` (Parquet, or an earlier version's CSV) as text."""
    quoted = "'" + str(path).replace("'", "''") + "'"
    if path.suffix == ".csv":
        source = f"read_csv({quoted}, all_varchar = true, header = true)"
        header = duckdb.sql(f"SELECT * FROM {source} LIMIT 0").columns
    else:
        source = columnar.parquet_source(path)
        header = columnar.parquet_schema(path, label, REIMPORT_HINT).names
    missing = [c for c in RECORD_COLUMNS if c not in header]
    if missing:
        raise InputError(
            Problem(
                label,
                f"missing column(s) {', '.join(missing)}: written by another version; "
                + REIMPORT_HINT,
                line=1 if path.suffix == ".csv" else None,
            )
        )
    cells = ", ".join(f"""coalesce("{c}", '') AS "{c}\"""" for c in RECORD_COLUMNS)
    return f"SELECT {cells} FROM {source}"


def merge_store(
    con: duckdb.DuckDBPyConnection,
    project: Project,
    incoming: Sequence[Path],
    target: Path,
) -> MergeResult:
    """Merge the checked exports ``incoming`` (Parquet files of :data:`RECORD_COLUMNS`, in
    import order) into the project's store, writing the merged store to ``target`` (a
    temporary file the caller moves into place); see the module docstring."""
    stored = store_source(project)
    parts = []
    if stored is not None:
        label = relative(stored, project.root)
        parts.append(f"SELECT *, 0 AS _file, 0 AS _line FROM ({_select(stored, label)})")
    for number, path in enumerate(incoming, start=1):
        parts.append(
            f"SELECT *, {number} AS _file, CAST(export_line AS BIGINT) AS _line "
            f"FROM {columnar.parquet_source(path)}"
        )
    if not parts:
        return MergeResult()
    # Read twice (outcomes, then the merged store) rather than held: DuckDB streams both.
    merged = f"(SELECT *, CAST(timestamp AS BIGINT) AS _ts FROM ({' UNION ALL '.join(parts)}))"
    outcome = """
        CASE WHEN _before = 0 THEN 'new' WHEN _ts > _newest THEN 'updated'
             WHEN _ts = _newest THEN 'unchanged' ELSE 'kept' END"""
    rows = con.sql(
        f"""
        SELECT {outcome} AS outcome, count(*) FROM (
            SELECT _file, _ts,
                count(*) OVER earlier AS _before, max(_ts) OVER earlier AS _newest
            FROM {merged}
            WINDOW earlier AS (PARTITION BY acled_id ORDER BY _file, _line
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
        ) WHERE _file > 0 GROUP BY outcome
        """
    ).fetchall()
    result = MergeResult({**dict.fromkeys(OUTCOMES, 0), **dict(rows)})
    columns = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
    result.n_stored = columnar.write_query_to(
        con,
        f"""
        SELECT {columns} FROM {merged}
        QUALIFY row_number() OVER (PARTITION BY acled_id ORDER BY _ts DESC, _file, _line) = 1
        ORDER BY {STORE_ORDER}
        """,
        target,
        SCHEMA,
    )
    return result


def iter_records(
    project: Project, columns: Sequence[str] = RECORD_COLUMNS, batch_rows: int = BATCH_ROWS
) -> Iterator[list[dict[str, str]]]:
    """The stored records (their ``columns``), in batches of dicts (text cells), in the
    store's order (a CSV store of an earlier version: in its own order)."""
    path = store_source(project)
    if path is None:
        return
    label = relative(path, project.root)
    with columnar.connect() as con, columnar.reading(label, REIMPORT_HINT):
        names = ", ".join(f'"{c}"' for c in columns)
        query = f"SELECT {names} FROM ({_select(path, label)})"
        for batch in con.sql(query).to_arrow_reader(batch_rows):
            yield batch.to_pylist()


def load_store(project: Project) -> dict[str, dict[str, str]]:
    """Every stored record by ACLED id (empty when nothing was imported yet). Holds the
    whole store in memory: for small stores and exports (the build walks it in batches
    with :func:`iter_records`)."""
    return {r["acled_id"]: r for batch in iter_records(project) for r in batch}
