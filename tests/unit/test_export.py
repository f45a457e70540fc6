"""`briefings export`: Parquet and JSON with the declared types, the ACLED-shaped CSV, and a
Frictionless data package that `frictionless validate` accepts."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from support.acled_project import CURRENT_EXPORT, seed_project, snapshot

from helpers.acled.command import import_exports
from helpers.acled.vintages import CURRENT
from helpers.cli import main
from helpers.dataset.codebook import load_codebook
from helpers.dataset.tables import EVENTS
from helpers.dates import date_span
from helpers.errors import InputError
from helpers.export import acled_csv
from helpers.export.command import export


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A project with the ACLED fixture imported and every format exported."""
    project = seed_project(tmp_path_factory.mktemp("export") / "project")
    import_exports(project, [CURRENT_EXPORT])
    lines = export(project, ["parquet", "json", "acled", "datapackage"], project.exports)
    events = pd.read_csv(project.events_table, dtype=str, keep_default_na=False)
    return project, lines, events


def test_parquet_has_the_declared_types(exported):
    import pyarrow.parquet as pq

    project, _, events = exported
    table = pq.read_table(project.exports / "events.parquet")
    schema = table.schema
    assert schema.names == EVENTS.names()
    assert str(schema.field("date_start").type) == "date32[day]"
    assert str(schema.field("n_outlets").type) == "int64"
    assert str(schema.field("severity").type) == "double"
    assert str(schema.field("cameo_code").type) == "string"
    assert schema.field("cameo_code").metadata[b"description"].startswith(b"nearest CAMEO")
    frame = table.to_pandas().set_index("event_id")
    assert frame.loc["KHM-014", "cameo_code"] == "012"  # the zero is kept
    assert frame.loc["KHM-007", ["date", "date_precision"]].tolist() == [
        "2016-05/2017-01-25",
        "range",
    ]
    assert frame.loc["KHM-011", "acled_ids"] == "CAM9001"
    assert len(frame) == len(events)
    assert frame["first_reported"].notna().all()


def test_json_records_are_typed(exported):
    project, _, events = exported
    records = json.loads((project.exports / "events.json").read_text(encoding="utf-8"))
    assert [r["event_id"] for r in records] == events["event_id"].tolist()
    sokha = next(r for r in records if r["event_id"] == "KHM-011")
    assert sokha["date_start"] == "2017-09-03"
    assert sokha["n_articles"] == 4 and sokha["goldstein"] == -5.0
    domestic = next(r for r in records if r["event_id"] == "KHM-014")
    assert domestic["cameo_code"] == "012"
    # A range keeps its form; its span is in date_start/date_end.
    aid = next(r for r in records if r["event_id"] == "KHM-031")
    assert (aid["date"], aid["date_precision"]) == ("2017-11/2018-04", "range")
    assert (aid["date_start"], aid["date_end"]) == ("2017-11-01", "2018-04-08")


def test_the_acled_csv_lists_crackdown_and_domestic_events_in_acled_columns(exported):
    project, lines, events = exported
    with open(project.exports / "events_acled.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CURRENT.columns)
    chosen = events[events["category"].isin(["crackdown", "domestic_response"])]
    spans = [date_span(d, p) for d, p in zip(chosen["date"], chosen["date_precision"], strict=True)]
    year_only = sum((first.year, first.month) != (last.year, last.month) for first, last in spans)
    assert year_only >= 1
    assert len(rows) == len(chosen) - year_only
    assert f"{year_only} dated only to the year or to a range across months left out" in lines[1]
    by_id = {r["event_id_cnty"]: r for r in rows}
    # Kem Sokha's arrest: the curated event, with ACLED's id and ACLED's place.
    sokha = by_id["CAM9001"]
    assert (sokha["event_date"], sokha["time_precision"]) == ("2017-09-03", "1")
    assert (sokha["event_type"], sokha["sub_event_type"]) == ("Strategic developments", "Arrests")
    assert (sokha["location"], sokha["inter1"], sokha["iso"]) == (
        "Phnom Penh",
        "State forces",
        "116",
    )
    assert sokha["actor2"] == "Kem Sokha"
    # An event coded from articles alone, known to the month: the middle of its span
    # (1-6 October, narrowed by its first report), precision 3,
    # and empty where only ACLED's record could fill a cell.
    threat = by_id["KHM-017"]
    assert (threat["event_date"], threat["time_precision"]) == ("2017-10-03", "3")
    assert all(threat[c] == "" for c in acled_csv.ACLED_ONLY_COLUMNS)
    assert threat["event_type"] == ""  # ACLED has no type for a threat
    # An event from ACLED alone keeps ACLED's own date and precision.
    assert by_id["CAM9002"]["event_date"] == "2017-09-10"
    assert by_id["CAM9002"]["time_precision"] == "2"
    assert "KHM-010" not in by_id  # a law dated only to the year


def test_cells_a_spreadsheet_would_run_are_neutralised():
    codebook = load_codebook(Path(__file__).resolve().parents[2] / "data" / "codebook.yaml")
    event = dict.fromkeys(EVENTS.names(), "")
    event |= {
        "event_id": "KHM-900",
        "date": "2017-09-03",
        "date_precision": "day",
        "category": "crackdown",
        "event_type": "arrest",
        "actor": "@evil",
        "target": "+cmd",
        "summary": '=HYPERLINK("http://x")',
        "outlets": "-Reuters",
        "country": "Cambodia",
        "source_kind": "article",
    }
    frame, _ = acled_csv.acled_frame(pd.DataFrame([event]), {}, codebook)
    row = frame.iloc[0]
    assert row["notes"] == '\'=HYPERLINK("http://x")'
    assert (row["actor1"], row["actor2"], row["source"]) == ("'@evil", "'+cmd", "'-Reuters")
    assert row["event_date"] == "2017-09-03" and row["iso"] == "116"


def _frictionless() -> str:
    exe = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("frictionless is not installed (it is a project dependency)")
    return exe


def test_the_datapackage_passes_frictionless_validate(exported):
    project, _, _ = exported
    descriptor = json.loads((project.exports / "datapackage.json").read_text(encoding="utf-8"))
    events_schema = next(r for r in descriptor["resources"] if r["name"] == "events")["schema"]
    types = {f["name"]: f["type"] for f in events_schema["fields"]}
    assert types["cameo_code"] == "string" and types["plot_date"] == "date"
    assert [f["name"] for f in events_schema["fields"]] == EVENTS.names()
    proc = subprocess.run(
        [_frictionless(), "validate", "datapackage.json"],
        cwd=project.exports,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "INVALID" not in proc.stdout


def test_frictionless_validate_catches_a_cell_of_the_wrong_type(exported, tmp_path):
    project, _, _ = exported
    copy = tmp_path / "package"
    shutil.copytree(project.exports, copy)
    events = pd.read_csv(copy / "events.csv", dtype=str, keep_default_na=False)
    events.loc[0, "n_articles"] = "several"
    events.to_csv(copy / "events.csv", index=False)
    proc = subprocess.run(
        [_frictionless(), "validate", "datapackage.json"], cwd=copy, capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "type-error" in proc.stdout


def test_the_command_names_acled_terms_and_a_missing_table(exported, tmp_path, capsys):
    project, lines, _ = exported
    assert any("ACLED's terms of use forbid redistributing" in line for line in lines)
    out = tmp_path / "one"
    assert (
        main(["--root", str(project.root), "export", "--format", "json", "--output", str(out)]) == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["events.json"]
    empty = seed_project(tmp_path / "unbuilt")
    before = snapshot(empty)
    with pytest.raises(InputError, match=r"data/processed/events.csv: not found"):
        export(empty, ["json"], empty.exports)
    assert snapshot(empty) == before
