"""`briefings build`: the data contract table joined from curated events, codebook and articles."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest
from support.curated_project import A1, A2, event_rows, make_project, write_rows

from helpers.analysis.loading import prepare_events, read_events
from helpers.dataset.build import EVENTS_TABLE_COLUMNS, build_events, load_events
from helpers.dataset.events_store import write_events
from helpers.errors import InputError


@pytest.fixture
def built(tmp_path):
    project = make_project(tmp_path)
    return project, build_events(project)


def written(project) -> pd.DataFrame:
    """The built table as ``data/processed/events.csv`` holds it (text)."""
    return pd.read_csv(project.events_table, dtype=str, keep_default_na=False)


def row(table: pd.DataFrame, event_id: str) -> dict:
    return table.set_index("event_id").loc[event_id].to_dict()


def test_columns_follow_the_contract(built):
    project, result = built
    assert list(EVENTS_TABLE_COLUMNS[:12]) == [
        "event_id", "date", "date_precision", "category", "event_type", "actor", "target",
        "summary", "article_ids", "evidence", "responds_to", "notes",
    ]  # fmt: skip
    assert list(EVENTS_TABLE_COLUMNS[12:]) == [
        "country", "event_label", "goldstein", "severity", "cameo_code", "plover_type",
        "plover_mode", "response_kind", "headline", "date_start", "date_end", "plot_date",
        "interval_basis", "scheduled", "actor_kind", "first_reported", "last_reported",
        "n_articles",
        "outlets", "n_outlets", "further_reading", "source_files", "source_kind",
        "acled_ids", "provenance",
    ]  # fmt: skip
    assert list(written(project).columns) == list(EVENTS_TABLE_COLUMNS)
    assert pq.read_schema(project.events_parquet).names == list(EVENTS_TABLE_COLUMNS)
    assert result.n_events == len(written(project))


def test_sorted_by_date_start_then_event_id(built):
    project, _ = built
    assert list(written(project)["event_id"]) == [
        "KHM-005",
        "KHM-001",
        "KHM-002",
        "KHM-003",
        "KHM-004",
    ]


def test_date_span_and_plot_date_per_precision(built):
    project, _ = built
    spans = written(project).set_index("event_id")[["date_start", "date_end", "plot_date"]]
    assert spans.loc["KHM-001"].tolist() == ["2017-11-26", "2017-11-26", "2017-11-26"]
    # KHM-002 answers KHM-001 (26 Nov) and was first reported on 28 Nov: the month
    # narrows to 26-28 November.
    assert spans.loc["KHM-002"].tolist() == ["2017-11-26", "2017-11-28", "2017-11-27"]
    assert spans.loc["KHM-005"].tolist() == ["2002-01-01", "2002-12-31", "2002-07-02"]


def test_codebook_join(built):
    project, _ = built
    arrest_like = row(written(project), "KHM-001")
    assert arrest_like["event_label"] == "Move against civil society"
    assert arrest_like["goldstein"] == "-5.0"
    assert arrest_like["severity"] == "5.0"  # the codebook's severity scale
    assert arrest_like["headline"] == "Move against Cambodian Center for Human Rights"
    assert arrest_like["cameo_code"] == "172"
    assert (arrest_like["plover_type"], arrest_like["plover_mode"]) == ("COERCE", "restrict")
    assert arrest_like["response_kind"] == ""
    assert row(written(project), "KHM-003")["event_label"] == "Boycott call"


def test_sources_join(built):
    project, _ = built
    both = row(written(project), "KHM-003")  # cites A2 then A1
    assert both["country"] == "Cambodia"
    assert both["first_reported"] == "2017-11-28"
    assert both["n_articles"] == "2"
    # The outlet that published both articles; the further-reading links under them are
    # listed apart ("United Nations" is an old document, a treaty, of A2: excluded).
    assert (both["outlets"], both["n_outlets"]) == ("Impunity Watch", "1")
    assert both["further_reading"] == "Human Rights Watch;Reuters;Voice of America"
    assert both["source_files"] == "data/raw/cambodia/000.txt;data/raw/cambodia/001.txt"
    one = row(written(project), "KHM-004")
    assert (one["first_reported"], one["further_reading"]) == (
        "2018-04-09",
        "Reuters;Voice of America",
    )


def test_outlets_differing_only_in_case_count_once(tmp_path):
    project = make_project(tmp_path)
    refs = pd.read_csv(project.references_table, dtype=str, keep_default_na=False)
    refs.loc[refs["outlet"] == "Reuters", "outlet"] = "REUTERS"
    refs.loc[len(refs)] = [A1, "3", "reuters", "h", "2017-11-27", "27 Nov 2017", "false", "9"]
    write_rows(project.references_table, refs.to_dict("records"))
    both = row((build_events(project), written(project))[1], "KHM-003")
    assert both["further_reading"] == "Human Rights Watch;REUTERS;Voice of America"


def test_actor_kind_lists_each_actors_kind_in_order(tmp_path):
    rows = event_rows(KHM_001={"actor": "Hun Sen;Government of Cambodia"})
    project = make_project(tmp_path, rows)
    build_events(project)
    kinds = written(project).set_index("event_id")["actor_kind"]
    assert kinds["KHM-001"] == "person;government"
    assert kinds["KHM-004"] == "government"
    assert kinds["KHM-005"] == "ngo"


def test_curated_values_are_kept(built):
    project, _ = built
    cchr = row(written(project), "KHM-002")
    assert cchr["date"] == "2017-11"
    assert cchr["responds_to"] == "KHM-001"
    assert cchr["target"] == "Government of Cambodia"
    assert row(written(project), "KHM-003")["target"] == ""


def test_summary_line(built):
    _, result = built
    assert result.summary() == (
        "wrote data/processed/events.csv and events.parquet: 5 events (1 crackdown, "
        "2 domestic_response, 2 context)"
    )


def test_byte_order_mark_from_a_spreadsheet_is_ignored(tmp_path):
    project = make_project(tmp_path)
    for path in (project.curated_events, project.actors):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert build_events(project).warnings == []
    assert row(written(project), "KHM-001")["actor_kind"] == "person"


def test_bad_data_raises_and_writes_nothing(tmp_path):
    project = make_project(tmp_path, event_rows(KHM_001={"date": "2017-02-30"}))
    with pytest.raises(InputError) as info:
        build_events(project)
    assert "data/curated/events.csv line 2 column 'date'" in str(info.value)
    assert not project.events_table.exists()


def test_missing_references_tells_to_ingest(tmp_path):
    project = make_project(tmp_path, omit=("references",))
    with pytest.raises(InputError, match=r"references.csv: not found; run `briefings ingest`"):
        build_events(project)
    assert not project.events_table.exists()


def test_warnings_do_not_block_the_build(tmp_path):
    result = build_events(make_project(tmp_path, event_rows(KHM_004={"notes": ""})))
    assert [(w.line, w.column) for w in result.warnings] == [(5, "date")]
    assert result.summary().endswith("; 1 warning(s)")


def test_load_events_types(built):
    project, _ = built
    events = load_events(project)
    for name in ("date_start", "date_end", "plot_date", "first_reported"):
        assert pd.api.types.is_datetime64_any_dtype(events[name]), name
    assert events.loc[events["event_id"] == "KHM-002", "plot_date"].item() == pd.Timestamp(
        "2017-11-27"
    )
    assert events["goldstein"].dtype == float
    assert pd.api.types.is_integer_dtype(events["n_articles"])
    assert pd.api.types.is_string_dtype(events["date"])
    assert events.loc[events["event_id"] == "KHM-005", "date"].item() == "2002"
    assert events.loc[events["event_id"] == "KHM-003", "target"].item() == ""
    assert events.loc[events["event_id"] == "KHM-003", "article_ids"].item() == f"{A2};{A1}"


def test_load_events_empty_first_reported_is_nat(tmp_path):
    project = make_project(tmp_path)
    build_events(project)
    table = written(project)
    table.loc[0, "first_reported"] = ""
    write_events(project, table)
    assert pd.isna(load_events(project).loc[0, "first_reported"])


def test_the_parquet_table_reads_as_the_csv_contract(built):
    """The briefings read events.parquet; the frame is the one the CSV gives, typed."""
    project, _ = built
    from_csv = prepare_events(written(project))
    pd.testing.assert_frame_equal(read_events(project), from_csv)
    khm = read_events(project, "cambodia")
    pd.testing.assert_frame_equal(khm, from_csv)
    assert read_events(project, "Myanmar").empty


def test_load_events_without_build_says_so(tmp_path):
    with pytest.raises(InputError, match="run `briefings build` first"):
        load_events(make_project(tmp_path))
