"""The explore workbench without a browser: filters, chart layout, card, export, and the
widgets kept in step (the browser side is tests/integration/test_lab.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from support.frames import typed_frame

from helpers.presenting.export import export_rows, spreadsheet_safe
from helpers.presenting.workbench import (
    PLOT_HEIGHT,
    Workbench,
    event_card,
    filter_events,
    workbench_chart,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def events() -> pd.DataFrame:
    return typed_frame()


def ids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["event_id"])


def test_each_filter_narrows_the_rows(events):
    assert len(filter_events(events)) == 11
    assert ids(filter_events(events, categories=["international_response"])) == [
        "KHM-002",
        "KHM-004",
        "KHM-006",
    ]
    assert ids(filter_events(events, event_types=["arrest", "threat"])) == ["KHM-001", "KHM-011"]
    assert ids(filter_events(events, precisions=["month", "year"])) == [
        "KHM-002",
        "KHM-008",
        "KHM-011",
    ]
    assert ids(filter_events(events, response_kinds=["aid_cut"])) == ["KHM-004"]
    assert ids(filter_events(events, actors=["Hun Sen"])) == ["KHM-005", "KHM-011"]
    assert ids(filter_events(events, search="cchr")) == ["KHM-005"]
    assert ids(filter_events(events, country="Atlantis")) == []
    # The window uses where the event is drawn, as a briefing does: October 2017 -> 16th.
    assert ids(filter_events(events, start="2017-10-01", end="2017-10-31")) == ["KHM-011"]


def test_the_chart_keeps_its_plotting_area_whatever_it_draws(events):
    for rows in (events, events.head(1), events.iloc[0:0]):
        fig = workbench_chart(rows, "Source: test", total=len(events))
        margin = fig.layout.margin
        assert fig.layout.height - margin.t - margin.b >= max(PLOT_HEIGHT, 260)
    fig = workbench_chart(events, "Source: test")
    markers = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in markers) == 11  # one marker per event
    assert sorted(i for t in markers for i in t.customdata) == ids(events)
    assert sum(1 for t in fig.data if t.showlegend is not False) == 4  # one per category
    hover = " ".join(h for t in markers for h in t.hovertext)
    assert "KHM-011" in hover and "October 2017" in hover and "“Hun Sen threatened" in hover


def test_a_month_event_is_drawn_over_its_interval(events):
    # October 2017, first reported 20 October: drawn over 1-20 October, marked mid-span.
    fig = workbench_chart(events[events["event_id"] == "KHM-011"], "Source: test")
    (span,) = [t for t in fig.data if t.mode == "lines"]
    assert list(span.x[:2]) == ["2017-10-01", "2017-10-20"]
    (marker,) = [t for t in fig.data if t.mode == "markers"]
    assert list(marker.x) == ["2017-10-10"] and marker.marker.symbol == "diamond-open"


def test_the_card_shows_date_at_its_precision_evidence_and_sources(events):
    articles = pd.DataFrame(
        {"article_id": ["a1", "a2"], "title": ["<Arrest> story", "Second"], "publisher": "IW"}
    )
    card = event_card(events[events["event_id"] == "KHM-001"].iloc[0], articles)
    assert "3 September 2017" in card and "date known to the day" in card
    assert "“Kem Sokha was arrested on treason charges.”" in card
    assert "IW: “&lt;Arrest&gt; story”" in card and "Reuters, VOA" in card
    month = event_card(events[events["event_id"] == "KHM-002"].iloc[0])
    assert "September 2017" in month and "3 September" not in month
    assert "Responds to:</b> KHM-001" in month


def test_widgets_stay_in_step_and_export_the_same_rows(events, tmp_path):
    params = {
        "country": "Cambodia",
        "start_date": "2016-01-01",
        "end_date": "2018-12-31",
        "as_of": "2026-01-01",
    }
    bench = Workbench(events, params, root=tmp_path)
    assert len(bench.rows) == 11 and bench.table.value.count("<tr>") == 11
    bench.filters["categories"].value = ("crackdown",)
    markers = [t for t in bench.figure.data if t.mode == "markers"]
    assert len(bench.rows) == 6 == sum(len(t.x) for t in markers)
    assert bench.table.value.count("<tr>") == 6 and "<b>6</b> of 11 events" in bench.count.value
    bench.order.value = "Severity, harshest first"
    assert bench.rows["event_id"].iloc[0] == "KHM-009"
    bench.chooser.value = "KHM-003"
    assert "The Supreme Court dissolved the CNRP." in bench.card.value
    done = bench.export()
    assert done.csv.parent == tmp_path / "exports" and done.n_rows == 6
    assert pd.read_parquet(done.parquet)["event_id"].tolist() == bench.rows["event_id"].tolist()
    assert "6 rows written to exports/" in bench.export_note.value


def test_export_neutralises_formulas_for_spreadsheets_only(tmp_path):
    frame = pd.DataFrame(
        {
            "summary": ["=cmd|' /C calc'!A0", "+1", "-2 arrests", "@SUM(A1)", "\tx", "Plain"],
            "severity": [-7.0, 5.0, 1.0, 2.0, 3.0, 4.0],
            "plot_date": pd.to_datetime(["2017-09-03"] * 6),
        }
    )
    done = export_rows(frame, tmp_path / "sel")
    csv = pd.read_csv(done.csv, keep_default_na=False)
    assert csv["summary"].tolist() == [
        "'=cmd|' /C calc'!A0",
        "'+1",
        "'-2 arrests",
        "'@SUM(A1)",
        "'\tx",
        "Plain",
    ]
    assert csv["severity"].tolist()[0] == -7.0 and csv["plot_date"].iloc[0] == "2017-09-03"
    kept = pd.read_parquet(done.parquet)
    pd.testing.assert_frame_equal(kept, frame)
    assert spreadsheet_safe(frame)["summary"].iloc[5] == "Plain"


def test_a_failed_export_leaves_no_file(tmp_path):
    bad = pd.DataFrame({"mixed": [1, "a"]})  # pyarrow cannot store a column of int and text
    with pytest.raises(Exception):  # noqa: B017 (pyarrow's own error type)
        export_rows(bad, tmp_path / "bad")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- make lab


def lab_command(tmp_path: Path, uid: str) -> str:
    """``scripts/lab``'s command with ``id -u`` answering ``uid``."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (fake / "id").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{fake}:{os.environ['PATH']}",
        "LAB_DRY_RUN": "1",
        "LAB_TOKEN": "t",
        "LAB_PORT": "8899",
    }
    out = subprocess.run(
        [str(REPO / "scripts" / "lab")], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout


def test_lab_runs_as_root_and_as_a_normal_user_on_a_fixed_local_address(tmp_path):
    as_root, as_user = lab_command(tmp_path, "0"), lab_command(tmp_path, "1000")
    for command in (as_root, as_user):
        assert "--ServerApp.ip=127.0.0.1" in command and "--ServerApp.port=8899" in command
        assert "--ServerApp.port_retries=0" in command and str(REPO / "notebooks") in command
    assert "--ServerApp.allow_root=True" in as_root
    assert "allow_root" not in as_user
