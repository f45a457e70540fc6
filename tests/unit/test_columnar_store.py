"""Columnar storage: the Parquet tables read one country at a time with DuckDB, the ACLED
store merged in DuckDB (the rule of helpers.acled.store, exports in the order given),
a CSV store of an earlier version carried over, and briefing snapshots kept beside the
manifest."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest
from support.acled_project import (
    CURRENT_EXPORT,
    REVISED_EXPORT,
    edited,
    seed_project,
    set_cell,
)
from support.frames import make_project
from support.many_events import many_events

from helpers import columnar
from helpers.acled.command import import_exports
from helpers.acled.store import RECORD_COLUMNS, load_store
from helpers.analysis.loading import prepare_events, read_events
from helpers.dataset.events_store import countries, first_reports, write_events
from helpers.dataset.tables import EVENTS
from helpers.paths import Project
from helpers.rendering import manifest as mf


@pytest.fixture
def two_countries(tmp_path) -> Project:
    """A built table of the synthetic seed rows (Cambodia) and 3,000 events of a second
    country, one of them also naming a third."""
    project = Project(make_project(tmp_path))
    seed = pd.read_csv(project.events_table, dtype=str, keep_default_na=False)
    other = many_events(3_000)
    other.loc[0, "country"] = "Ruritania;Freedonia"
    write_events(project, pd.concat([seed, other], ignore_index=True))
    return project


def test_one_country_is_read_without_the_others(two_countries):
    everything = read_events(two_countries)
    mine = read_events(two_countries, "ruritania")
    expected = everything[everything["country"].str.contains("Ruritania")]
    pd.testing.assert_frame_equal(mine, expected.reset_index(drop=True))
    assert read_events(two_countries, "Freedonia")["event_id"].tolist() == ["RUR-000001"]
    assert countries(two_countries) == {"Cambodia", "Ruritania", "Freedonia"}
    assert len(first_reports(two_countries, "Cambodia")) == len(
        read_events(two_countries, "Cambodia")
    )


def test_the_events_are_typed_and_sorted_by_country(two_countries):
    path = two_countries.events_parquet
    schema = pq.read_schema(path)
    assert [f.name for f in schema] == EVENTS.names()
    assert str(schema.field("date_start").type) == "date32[day]"
    assert str(schema.field("n_outlets").type) == "int64"
    table = pq.read_table(path, columns=["country"]).column("country").to_pylist()
    assert table == sorted(table)
    row_groups = pq.ParquetFile(path).metadata.num_row_groups
    assert row_groups == -(-len(table) // columnar.ROW_GROUP_ROWS)


def test_the_country_filter_is_pushed_into_the_parquet_scan(two_countries):
    with columnar.connect() as con:
        wanted = columnar.cells_naming(
            columnar.distinct(con, two_countries.events_parquet, "country"), "Cambodia"
        )
        source = columnar.parquet_source(two_countries.events_parquet)
        plan = con.sql(
            f"EXPLAIN SELECT * FROM {source} WHERE country IN (?)", params=wanted
        ).fetchall()[0][1]
    scan = plan[plan.index("READ_PARQUET") :]
    assert "Filters:" in scan and "Cambodia" in scan.split("Filters:")[1]


def test_the_csv_and_the_parquet_hold_the_same_rows(two_countries):
    from_csv = prepare_events(
        pd.read_csv(two_countries.events_table, dtype=str, keep_default_na=False)
    )
    pd.testing.assert_frame_equal(read_events(two_countries), from_csv)


# ------------------------------------------------------------------- the ACLED store


def test_exports_of_one_import_are_merged_in_the_order_given(tmp_path):
    project = seed_project(tmp_path / "project")
    newer = edited(
        CURRENT_EXPORT,
        tmp_path / "newer.csv",
        lambda rows: set_cell(rows, "CAM9004", "timestamp", "1700000000"),
    )
    result = import_exports(project, [CURRENT_EXPORT, newer, CURRENT_EXPORT])
    # First file: 6 new. Second: CAM9004 newer (updated), 5 unchanged. Third: CAM9004 is
    # now older than what the second gave (kept), 5 unchanged.
    assert result.merged.counts() == {"new": 6, "updated": 1, "unchanged": 10, "kept": 1}
    assert result.merged.n_stored == 6
    assert load_store(project)["CAM9004"]["export_file"] == "newer.csv"


def test_a_csv_store_of_an_earlier_version_is_read_and_replaced(tmp_path):
    project = seed_project(tmp_path / "project")
    import_exports(project, [CURRENT_EXPORT])
    stored = pd.read_parquet(project.acled_store)
    stored.to_csv(project.acled_store_csv, index=False)
    project.acled_store.unlink()
    assert set(load_store(project)) == set(stored["acled_id"])
    result = import_exports(project, [REVISED_EXPORT])
    assert result.merged.counts()["updated"] == 1
    assert project.acled_store.is_file() and not project.acled_store_csv.exists()
    assert list(pd.read_parquet(project.acled_store).columns) == list(RECORD_COLUMNS)


# ------------------------------------------------------------------ snapshot files


def test_a_snapshot_is_kept_beside_the_manifest_and_read_back(tmp_path):
    snap = {"version": 1, "events": {f"E{i}": {"severity": 6.0} for i in range(5_000)}}
    kept = mf.write_snapshot(tmp_path / f"01_briefing.{mf.SNAPSHOT_SUFFIX}", snap)
    assert kept["file"] == "01_briefing.snapshot.json.gz"
    previous = mf.Previous("2018-01-31", tmp_path, "01_briefing", {"snapshot": kept})
    assert previous.snapshot == snap
    digest = previous.digest()
    again = mf.write_snapshot(tmp_path / "again.gz", snap)
    assert again["sha256"] == kept["sha256"]  # the same snapshot, the same digest
    assert (tmp_path / "again.gz").read_bytes() == (tmp_path / kept["file"]).read_bytes()
    changed = mf.write_snapshot(tmp_path / "changed.gz", {**snap, "version": 2})
    later = mf.Previous("2018-01-31", tmp_path, "01_briefing", {"snapshot": changed})
    assert later.digest() != digest
    (tmp_path / kept["file"]).unlink()  # the digest is the manifest's: no file read
    assert previous.digest() == digest and previous.snapshot is None
    # The manifest keeps the summary (what the index charts), the file the events too.
    full = {**snap, "severity_total": {"total": 12.0, "n_acts": 2}}
    kept = mf.kept_snapshot(tmp_path / "staged.gz", full, "01_briefing.snapshot.json.gz")
    assert kept["severity_total"] == {"total": 12.0, "n_acts": 2} and "events" not in kept
    assert mf.read_snapshot(tmp_path / "staged.gz") == full
    # Manifests written before keep the snapshot itself, which is still read.
    inline = mf.Previous("2018-01-31", tmp_path, "01_briefing", {"snapshot": snap})
    assert inline.snapshot == snap
