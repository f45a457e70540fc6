"""`briefings import-acled`: both export layouts, every row accounted for, re-imports,
newer exports, ACLED's date precision, and one row per real event (Kem Sokha's arrest)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pandas as pd
import pytest
from support.acled_project import (
    CURRENT_EXPORT,
    OLDER_EXPORT,
    REPO,
    REVISED_EXPORT,
    events,
    read_rows,
    seed_project,
    snapshot,
    write_rows,
)

from helpers.acled.command import import_exports
from helpers.analysis import escalation
from helpers.analysis.loading import crackdown_events, prepare_events
from helpers.cli import main
from helpers.dataset.build import build_events
from helpers.dataset.codebook import load_codebook

#: Where imported records and exports are written (the CSV store: earlier versions).
IMPORTED = [
    "data/external/acled/events.parquet",
    "data/external/acled/events.csv",
    "data/export/events.json",
]


@pytest.fixture
def project(tmp_path):
    return seed_project(tmp_path / "project")


@pytest.fixture
def imported(project):
    """The seed project with the current-layout export imported."""
    return project, import_exports(project, [CURRENT_EXPORT])


def store(project) -> pd.DataFrame:
    frame = pd.read_parquet(project.acled_store)
    return frame.set_index("acled_id", drop=False)


# ------------------------------------------------------------ one row per real event


def test_kem_sokha_arrest_links_to_the_curated_event_and_counts_once(imported):
    project, result = imported
    table = events(project)
    sokha = table.loc["KHM-011"]
    assert sokha["acled_ids"] == "CAM9001"
    assert sokha["source_kind"] == "article;acled"
    assert sokha["provenance"] == "current_cambodia.csv@2017-09-06T00:00:00Z"
    # Hand-coded fields are kept; ACLED's outlets are added (in the registry's spelling).
    assert sokha["summary"].startswith("Cambodian authorities arrested opposition leader")
    assert sokha["date"] == "2017-09-03" and sokha["actor"] == "Royal Government of Cambodia"
    assert {"Radio Free Asia", "The Phnom Penh Post"} <= set(sokha["outlets"].split(";"))
    assert int(sokha["n_outlets"]) == len(sokha["outlets"].split(";"))
    assert "ACLED-CAM9001" not in table.index
    assert table["acled_ids"].str.contains("CAM9001").sum() == 1
    # Counted once: the arrest day adds one act (an arrest, 6 on the scale) to the index.
    day = escalation.daily_index(prepare_events(table), "2017-09-01", "2017-09-30")
    row = day.set_index("date").loc[pd.Timestamp("2017-09-03")]
    assert (row["n_events"], row["added_severity"]) == (1, 6.0)
    linked = result.links.of("linked")
    assert [(m.acled_id, m.event_id) for m in linked] == [("CAM9001", "KHM-011")]
    assert "same target (Kem Sokha)" in linked[0].reason


def test_imported_events_join_the_curated_ones_with_the_same_contract(project):
    build_events(_ingested(project))
    before = events(project)
    import_exports(project, [CURRENT_EXPORT])
    after = events(project)
    assert list(after.columns) == list(before.columns)
    assert set(before.index) < set(after.index)
    own = after[after["source_kind"] == "acled"]
    assert sorted(own.index) == ["ACLED-CAM9002", "ACLED-CAM9003", "ACLED-CAM9004", "ACLED-CAM9005"]
    crack = crackdown_events(prepare_events(after.reset_index(drop=True)))
    assert len(crack) == len(crackdown_events(prepare_events(before.reset_index(drop=True)))) + 1
    attack = after.loc["ACLED-CAM9004"]
    assert (attack["category"], attack["event_type"], attack["severity"]) == (
        "crackdown",
        "violent_repression",
        "9.0",
    )
    assert attack["evidence"].startswith("Fixture text: on 20 November 2017, soldiers beat")
    assert attack["actor_kind"] == "government"  # an unknown ACLED name: its category's kind
    assert attack["first_reported"] == "2017-11-23"  # the day of ACLED's timestamp
    assert attack["n_articles"] == "0" and attack["article_ids"] == ""
    protest = after.loc["ACLED-CAM9002"]
    assert protest["actor"] == "Protesters (Cambodia);Cambodia National Rescue Party"
    assert protest["actor_kind"] == "other;party"
    curated = after[after["source_kind"] == "article"]
    assert (curated["acled_ids"] == "").all() and (curated["provenance"] == "").all()


def _ingested(project):
    from helpers.corpus.ingest import ingest

    ingest(project)
    return project


def test_an_attack_on_civilians_is_repression_by_state_forces_and_context_by_others(imported):
    project, result = imported
    table = events(project)
    assert table.loc["ACLED-CAM9004", "category"] == "crackdown"  # military forces
    assert table.loc["ACLED-CAM9003", "event_type"] == "armed_violence"  # armed group
    assert table.loc["ACLED-CAM9003", "category"] == "context"
    assert any(
        line.startswith("Violence against civilians / Attack -> violent_repression (crackdown)")
        and "actor1 State forces" in line
        for line in result.mapping
    )
    assert any(
        line.startswith("Violence against civilians / Attack -> armed_violence (context)")
        for line in result.mapping
    )


# ------------------------------------------------------------- dates at ACLED precision


def test_time_precision_is_honoured(imported):
    project, _ = imported
    table = events(project)
    cols = ["date", "date_precision", "date_start", "date_end", "plot_date"]
    # 2: the week around 10 September 2017: written as the range of its seven days.
    assert table.loc["ACLED-CAM9002", cols].tolist() == [
        "2017-09-07/2017-09-13",
        "range",
        "2017-09-07",
        "2017-09-13",
        "2017-09-10",
    ]
    # 3: the month.
    assert table.loc["ACLED-CAM9003", cols].tolist() == [
        "2017-10",
        "month",
        "2017-10-01",
        "2017-10-31",
        "2017-10-16",
    ]
    # 2 across a month end: the range, never one month or a year it only touches.
    assert table.loc["ACLED-CAM9005", cols].tolist() == [
        "2018-02-25/2018-03-03",
        "range",
        "2018-02-25",
        "2018-03-03",
        "2018-02-28",
    ]
    assert (
        "(2018-02-25 to 2018-03-03), written as that range" in table.loc["ACLED-CAM9005", "notes"]
    )
    # 1: the day.
    assert table.loc["ACLED-CAM9004", cols[:2]].tolist() == ["2017-11-20", "day"]
    # Every imported row has a short label for charts and verdict reasons: its kind and place.
    assert table.loc["ACLED-CAM9004", "headline"] == "Violent repression in Phnom Penh"
    assert table.loc["ACLED-CAM9003", "headline"].endswith(" in Battambang")


# ------------------------------------------------------------------ every row counted


def test_every_row_is_accounted_for(imported):
    project, result = imported
    lines = result.report("data/external/acled/events.parquet")
    assert any("(current ACLED export): 6 rows (Cambodia 6)" in line for line in lines)
    assert any("6 new, 0 updated" in line and "6 ACLED events stored" in line for line in lines)
    mapped = sum(int(line.rsplit(": ", 1)[1]) for line in result.mapping)
    assert mapped == 6
    assert result.links.counts == {"linked": 1, "new": 4, "review": 1}
    table = events(project)
    in_table = {i for cell in table["acled_ids"] for i in cell.split(";") if i}
    held = {m.acled_id for m in result.links.of("review")}
    assert in_table | held == set(store(project).index) and not in_table & held


def test_an_uncertain_match_is_held_out_listed_and_settled_by_a_decision(imported):
    project, result = imported
    warnings = [line for line in result.build_lines if line.startswith("warning:")]
    assert len(warnings) == 1
    assert "ACLED CAM9006 held for review (may be KHM-004)" in warnings[0]
    table = events(project)
    assert "ACLED-CAM9006" not in table.index
    assert table.loc["KHM-004", "acled_ids"] == ""

    project.acled_links.write_text(
        "acled_id,decision,event_id,note\nCAM9006,same,KHM-004,the same five defenders\n",
        encoding="utf-8",
    )
    build_events(project)
    assert events(project).loc["KHM-004", "acled_ids"] == "CAM9006"

    project.acled_links.write_text(
        "acled_id,decision,event_id,note\nCAM9006,distinct,,another group\n", encoding="utf-8"
    )
    result = build_events(project)
    table = events(project)
    assert table.loc["KHM-004", "acled_ids"] == ""
    assert table.loc["ACLED-CAM9006", "event_type"] == "arrest"
    assert not result.warnings


def test_a_bad_decision_is_named_with_line_and_column(imported):
    project, _ = imported
    project.acled_links.write_text(
        "acled_id,decision,event_id,note\nCAM9006,maybe,KHM-004,\n", encoding="utf-8"
    )
    with pytest.raises(Exception, match=r"acled_links.csv line 2 column 'decision': got 'maybe'"):
        build_events(project)


# ---------------------------------------------------------------- the older layout


def test_the_older_layout_is_read(project):
    result = import_exports(project, [OLDER_EXPORT])
    assert result.exports[0].vintage.name == "older"
    records = store(project)
    assert records.loc["CAM9001", "event_date"] == "2017-09-03"  # '3-Sep-17'
    assert records.loc["CAM9101", "event_date"] == "2018-07-29"  # '29 July 2018'
    assert records.loc["CAM9102", "event_date"] == "2020-05-09"  # '9-May-20'
    assert records.loc["CAM9102", "inter1"] == "State forces"  # '1'
    assert records.loc["CAM9101", "inter2"] == ""  # '0': no second actor
    table = events(project)
    assert table.loc["KHM-011", "acled_ids"] == "CAM9001"
    assert table.loc["ACLED-CAM9102", "event_type"] == "arrest"
    # A wage protest no registered actor leads is context, not a response to the crackdown.
    assert table.loc["ACLED-CAM9101", "event_type"] == "unrest"


def test_the_current_layout_as_other_download_tools_write_it(project, tmp_path):
    """A byte-order mark, dates in words and actor categories as numbers: the same records."""
    import_exports(project, [CURRENT_EXPORT])
    expected = store(project).drop(columns=["export_file", "export_line"])
    rows = read_rows(CURRENT_EXPORT)
    header = rows[0]
    date, inter1, inter2 = (header.index(c) for c in ("event_date", "inter1", "inter2"))
    inter_codes = load_codebook(REPO / "data" / "codebook.yaml").acled.inter_codes
    codes = {name: str(code) for code, name in inter_codes.items()} | {"": "0"}
    for row in rows[1:]:
        row[date] = dt.date.fromisoformat(row[date]).strftime("%d %B %Y")
        row[inter1], row[inter2] = codes[row[inter1]], codes[row[inter2]]
    other = write_rows(tmp_path / "acled download.csv", rows, bom=True)
    again = seed_project(tmp_path / "again")
    import_exports(again, [other])
    assert rows[1][date] == "03 September 2017"
    pd.testing.assert_frame_equal(
        store(again).drop(columns=["export_file", "export_line"]), expected
    )


# ------------------------------------------------------------- re-imports and updates


def test_reimporting_the_same_export_changes_nothing(imported):
    project, _ = imported
    before = snapshot(project)
    again = import_exports(project, [CURRENT_EXPORT])
    assert again.merged.counts() == {"new": 0, "updated": 0, "unchanged": 6, "kept": 0}
    assert snapshot(project) == before


def test_a_newer_export_updates_and_an_older_one_does_not(imported):
    project, _ = imported
    result = import_exports(project, [REVISED_EXPORT])
    assert result.merged.counts()["updated"] == 1
    table = events(project)
    assert table.loc["ACLED-CAM9004", "evidence"].startswith("Fixture text, revised:")
    assert table.loc["ACLED-CAM9004", "provenance"].startswith("current_cambodia_revised.csv@")
    # The first export again: its CAM9004 is older than the stored one, which stays.
    result = import_exports(project, [CURRENT_EXPORT])
    assert result.merged.counts() == {"new": 0, "updated": 0, "unchanged": 5, "kept": 1}
    assert events(project).loc["ACLED-CAM9004", "evidence"].startswith("Fixture text, revised:")
    # The older layout's CAM9001 has an older timestamp than the stored one: kept.
    result = import_exports(project, [OLDER_EXPORT])
    assert result.merged.counts() == {"new": 2, "updated": 0, "unchanged": 0, "kept": 1}
    assert store(project).loc["CAM9001", "export_file"] == "current_cambodia.csv"


# ------------------------------------------------------------------- the command line


def test_the_command_prints_the_report(project, capsys):
    code = main(["--root", str(project.root), "import-acled", str(CURRENT_EXPORT)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Strategic developments / Arrests -> arrest (crackdown) by rule 8" in out
    assert "ACLED CAM9001 is KHM-011" in out
    assert "1 linked to curated events, 4 events of their own, 1 held for review" in out


def test_imported_data_is_never_committed():
    proc = subprocess.run(
        ["git", "check-ignore", *IMPORTED],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.stdout.split() == IMPORTED
