"""Measures on the synthetic events of ``analysis_fixtures`` (hand-computed expectations)."""

from __future__ import annotations

import pandas as pd
import pytest
from support.frames import ROWS, typed_frame

from helpers.analysis import actors_network, loading, periods, responses, sources


@pytest.fixture
def events() -> pd.DataFrame:
    return typed_frame()


# ------------------------------------------------------------------------- loading


def test_prepare_events_types_and_idempotence(events):
    assert str(events["plot_date"].dtype).startswith("datetime64")
    assert events["severity"].dtype == float
    assert events["n_outlets"].dtype.kind == "i"
    again = loading.prepare_events(events)
    pd.testing.assert_frame_equal(again, events)


def test_as_of_filter_keeps_only_events_reported_by_then(events):
    known = loading.filter_known(events, "2017-10-31")
    assert sorted(known["event_id"]) == ["KHM-001", "KHM-002", "KHM-009", "KHM-011"]
    # the day itself counts
    assert "KHM-011" in set(loading.filter_known(events, "2017-10-20")["event_id"])
    assert "KHM-011" not in set(loading.filter_known(events, "2017-10-19")["event_id"])


def test_unknown_first_reported_kept_only_when_as_of_is_today(events):
    events.loc[events["event_id"] == "KHM-007", "first_reported"] = pd.NaT
    assert "KHM-007" not in set(loading.filter_known(events, "2026-01-01")["event_id"])
    assert "KHM-007" in set(loading.filter_known(events, "2026-01-01", is_today=True)["event_id"])


def test_country_and_category_filters(events):
    assert loading.filter_country(events, "cambodia").shape[0] == len(ROWS)
    assert loading.filter_country(events, "Myanmar").empty
    assert set(loading.filter_categories(events, "context,domestic_response")["event_id"]) == {
        "KHM-007",
        "KHM-010",
    }
    assert len(loading.filter_categories(events, "")) == len(ROWS)


def test_article_count(events):
    assert loading.n_articles(events) == 11  # a0..a10, a2 cited twice


# ---------------------------------------------------------------------- escalation


def test_responses_to_events_before_the_window_are_ignored(events):
    window = loading.filter_window(events, "2017-12-01", "2018-12-31")
    assert responses.response_lags(window, events).empty


def test_responses_after_the_window_count_when_passed(events):
    window = loading.filter_window(events, "2017-11-01", "2017-11-30")
    lags = responses.response_lags(window, events)
    assert list(lags["response_id"]) == ["KHM-004"]


def test_responders(events):
    table = responses.responders(events)
    assert table.iloc[0]["actor"] == "United States"
    assert table.iloc[0]["n_events"] == 3
    assert table.iloc[0]["kinds"] == "aid_cut;sanctions;statement"


# ------------------------------------------------------------------ periods, actors


def test_monthly_counts_against_the_average(events):
    counts = periods.monthly_counts(events, "2017-01-01", "2017-12-31", ["crackdown"])
    assert len(counts) == 12
    nov = counts.set_index("month").loc["2017-11-01"]
    assert nov["n_events"] == 2
    assert nov["average"] == pytest.approx(4 / 12)
    assert nov["ratio"] == pytest.approx(6)
    assert bool(nov["above_average"])
    assert counts["above_average"].sum() == 3


def test_actor_pairs(events):
    pairs = actors_network.actor_pairs(events)
    first = pairs.iloc[0]
    assert (first["actor"], first["target"], first["total_severity"]) == ("Police", "Protesters", 9)
    everything = actors_network.actor_pairs(events, category=None)
    assert "(no target)" in set(everything["target"])
    targets = actors_network.targets(events).set_index("target")
    assert targets.loc["CNRP", "n_events"] == 2


# ------------------------------------------------------------------------- sources


def test_coverage_single_source_and_outlets(events):
    single = sources.single_source(events)
    assert "KHM-001" not in set(single["event_id"])  # two articles
    assert "KHM-003" not in set(single["event_id"])  # two outlets
    assert {"KHM-008", "KHM-011", "KHM-005"} <= set(single["event_id"])
    outlets = sources.outlet_counts(events).set_index("outlet")
    assert outlets.loc["Reuters", "n_events"] == 8


def test_precision_mix(events):
    mix = sources.precision_mix(events).set_index("date_precision")
    assert mix["n_events"].to_dict() == {"day": 8, "month": 2, "year": 1, "range": 0}
    assert mix.loc["month", "meaning"] == "date known to the month"


def test_alias_table_and_suggested_counts(tmp_path):
    from support.frames import make_project

    from helpers.paths import Project

    root = make_project(tmp_path)
    aliases = sources.alias_table(root / "data" / "curated" / "actors.csv")
    assert aliases.iloc[0]["actor"] == "Hun Sen"
    assert aliases.iloc[0]["n_aliases"] == 2
    proj = Project(root)
    assert sources.suggested_counts(proj).empty
    proj.suggested.mkdir(parents=True)
    (proj.suggested / "a.csv").write_text("article_id,event_type\nx,arrest\nx,threat\ny,arrest\n")
    (proj.suggested / "z.csv").write_text(
        "article_ids,event_type,status\nz,arrest,suggested\nz,threat,accepted\n"
    )
    counts = sources.suggested_counts(proj)
    assert counts[["article_id", "n_suggested"]].values.tolist() == [["x", 2], ["y", 1], ["z", 1]]


def test_alias_table_lists_only_spellings_the_articles_use(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "actor,kind,aliases\n"
        "Kem Sokha,person,Ken Sokha;Sokha;Mr. Sokha\n"
        "Mu Sochua,person,Socha\n"
        "Hun Sen,person,Sen\n"
    )
    texts = {"a": "Ken Sokha was arrested. Socha fled. Senate met."}
    table = sources.alias_table(path, texts, ["Kem Sokha", "Hun Sen"])
    assert table[["actor", "aliases", "n_aliases"]].values.tolist() == [
        ["Kem Sokha", "Ken Sokha", 1]
    ]


def test_responders_dates_in_words_at_their_precision(events):
    first = responses.responders(events).iloc[0]
    assert (first["first_when"], first["last_when"]) == ("September 2017", "27 February 2018")


def test_provenance_names_articles_and_cited_outlets(events):
    from support.frames import articles_frame

    articles = sources.read_articles(None)
    assert articles is None
    frame = articles_frame()
    table = pd.DataFrame(
        {"article_id": frame["article_id"], "title": frame["title"], "publisher": "Impunity Watch"}
    )
    lines = dict(zip(events["event_id"], sources.provenance(events, table), strict=True))
    assert lines["KHM-001"] == (
        "Impunity Watch: “Report a1 on <Cambodia> & the crackdown”, "
        "“Report a2 on <Cambodia> & the crackdown”; further reading: Reuters, VOA"
    )
    assert "further reading" not in lines["KHM-011"]  # it cites none
    bare = dict(zip(events["event_id"], sources.provenance(events), strict=True))
    assert bare["KHM-001"] == "2 articles; further reading: Reuters, VOA"
    assert sources.publisher("Impunity Watch Reporter, Asia") == "Impunity Watch"


def test_outlets_are_counted_as_the_processed_table_spells_them(events):
    events.loc[events["event_id"] == "KHM-009", "outlets"] = "Al Jazeera;Reuters"
    counts = sources.outlet_counts(events).set_index("outlet")["n_events"]
    assert counts["Al Jazeera"] == 1 and "Aljazeera" not in counts.index


def test_joint_response_actors_keep_their_own_kind():
    frame = pd.DataFrame(
        {
            "event_id": ["KHM-001"],
            "category": ["international_response"],
            "actor": ["UN human rights office;Government of the United States"],
            "actor_kind": ["un_body;foreign_government"],
            "response_kind": ["statement"],
            "date": ["2017-09"],
            "date_precision": ["month"],
            "plot_date": [pd.Timestamp("2017-09-16")],
        }
    )
    table = responses.responders(frame).set_index("actor")["actor_kind"].to_dict()
    assert table == {
        "UN human rights office": "un_body",
        "Government of the United States": "foreign_government",
    }
