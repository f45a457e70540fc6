"""Damaged Parquet files: the built events (``data/processed/events.parquet``) and the ACLED
store (``data/external/acled/events.parquet``) cut short, with a corrupt page, or with a
column of another type. Each gives one sentence naming the file (and the column) and what
to do, through the ``briefings`` command too, and changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support.acled_project import CURRENT_EXPORT, REPO, seed_project, snapshot
from support.frames import make_project

from helpers.acled.command import import_exports
from helpers.acled.store import load_store
from helpers.analysis.loading import read_events
from helpers.cli import main
from helpers.dataset.build import build_events
from helpers.dataset.events_store import countries, first_reports
from helpers.errors import InputError
from helpers.paths import Project

EVENTS_FILE = "data/processed/events.parquet"
STORE_FILE = "data/external/acled/events.parquet"


def cut_short(path: Path) -> None:
    """Keep the first half of the file: its footer (the schema) is gone."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zero_middle(path: Path) -> None:
    """Overwrite the middle of the file with zeros: the footer reads, a page does not."""
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third : 2 * third] = bytes(third)
    path.write_bytes(bytes(data))


def retype(path: Path, column: str, values: pa.Array) -> None:
    table = pq.read_table(path)
    pq.write_table(table.set_column(table.schema.get_field_index(column), column, values), path)


@pytest.fixture
def built(tmp_path) -> Project:
    return Project(make_project(tmp_path))


@pytest.mark.parametrize("damage", [cut_short, zero_middle], ids=["cut short", "corrupt page"])
def test_a_damaged_events_file_is_named_with_what_to_run(built, damage):
    damage(built.events_parquet)
    for read in (lambda: read_events(built, "Cambodia"), lambda: countries(built)):
        with pytest.raises(InputError) as caught:
            read()
        message = str(caught.value)
        assert message.startswith(f"{EVENTS_FILE}: not a readable Parquet file")
        assert "run `briefings build` to write it again" in message


def test_an_events_file_cut_short_stops_the_render_before_anything_runs(built, capsys):
    shutil.copy(REPO / "suite.yaml", built.root / "suite.yaml")
    cut_short(built.events_parquet)
    before = snapshot(built)
    code = main(["--root", str(built.root), "render", "--country", "Cambodia"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"error: {EVENTS_FILE}: not a readable Parquet file")
    assert snapshot(built) == before and not (built.root / "reports" / "index.html").exists()


@pytest.mark.parametrize(
    ("column", "values", "words"),
    [
        ("severity", lambda n: pa.array(["high"] * n), "holds string, expected double"),
        ("country", lambda n: pa.array(range(n), pa.int64()), "holds int64, expected string"),
    ],
)
def test_a_retyped_column_of_the_events_is_named(built, column, values, words):
    n = pq.read_metadata(built.events_parquet).num_rows
    retype(built.events_parquet, column, values(n))
    for read in (
        lambda: read_events(built, "Cambodia"),
        lambda: countries(built),
        lambda: first_reports(built, "Cambodia"),
    ):
        with pytest.raises(InputError, match=f"^{EVENTS_FILE} column '{column}': {words}; run"):
            read()


def test_a_rebuild_replaces_a_damaged_events_file(tmp_path):
    project = seed_project(tmp_path / "project")
    import_exports(project, [CURRENT_EXPORT])
    cut_short(project.events_parquet)
    build_events(project)
    assert len(read_events(project, "Cambodia")) == len(
        pd.read_csv(project.events_table, dtype=str, keep_default_na=False)
    )


@pytest.mark.parametrize("damage", [cut_short, zero_middle], ids=["cut short", "corrupt page"])
def test_a_damaged_acled_store_is_named_and_nothing_changes(tmp_path, damage):
    project = seed_project(tmp_path / "project")
    import_exports(project, [CURRENT_EXPORT])
    # A store of many row groups, so that the damage falls inside the data pages.
    table = pq.read_table(project.acled_store)
    pq.write_table(pa.concat_tables([table] * 400), project.acled_store, row_group_size=50)
    damage(project.acled_store)
    before = snapshot(project)
    with pytest.raises(InputError) as caught:
        load_store(project)
    assert str(caught.value).startswith(f"{STORE_FILE}: not a readable Parquet file")
    assert str(caught.value).endswith("delete it and import the exports again")
    with pytest.raises(InputError, match=f"^{STORE_FILE}: not a readable"):
        build_events(project)
    assert snapshot(project) == before
