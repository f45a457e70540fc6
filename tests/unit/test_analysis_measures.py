"""Measures on the synthetic events of ``analysis_fixtures`` (hand-computed expectations)."""

from __future__ import annotations

import pandas as pd
import pytest
from support.frames import ROWS, typed_frame

from helpers.analysis import actors_network, escalation, loading, periods, responses, sources


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


def test_month_and_year_precision_are_drawn_mid_span(events):
    by_id = events.set_index("event_id")
    assert by_id.loc["KHM-011", "plot_date"] == pd.Timestamp("2017-10-16")
    assert by_id.loc["KHM-008", "plot_date"] == pd.Timestamp("2018-07-02")


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


def test_window_filter_uses_plot_date(events):
    window = loading.filter_window(events, "2017-10-16", "2017-11-16")
    assert list(window["event_id"]) == ["KHM-011", "KHM-003"]


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


def test_daily_index_cumulative_and_rolling(events):
    index = escalation.daily_index(events, "2016-01-01", "2018-12-31", rolling_days=90)
    row = index.set_index("date").loc["2017-11-30"]
    assert row["cumulative"] == pytest.approx(9 + 5 + 5.8 + 5 + 5)
    # 90 days ending 30 November 2017 start on 2 September: 001, 011, 003, 005
    assert row["rolling"] == pytest.approx(20.8)
    assert index.set_index("date").loc["2017-12-01", "rolling"] == pytest.approx(20.8)
    # 2017-09-03 drops out of a 30-day window by 3 October
    short = escalation.daily_index(events, "2017-09-01", "2017-10-31", rolling_days=30)
    assert short.set_index("date").loc["2017-10-02", "rolling"] == 5
    assert short.set_index("date").loc["2017-10-03", "rolling"] == 0
    # the release known only to the year is not placed on a day
    assert index["cumulative"].iloc[-1] == pytest.approx(29.8)
    assert index.set_index("date").loc["2017-11-26", "day_events"] == 1


def test_a_release_known_to_the_day_subtracts(events):
    events.loc[events["event_id"] == "KHM-008", ["date_precision", "plot_date"]] = [
        "day",
        pd.Timestamp("2018-07-02"),
    ]
    index = escalation.daily_index(events, "2016-01-01", "2018-12-31", rolling_days=90)
    assert index["cumulative"].iloc[-1] == pytest.approx(29.8 - 7)
    table = escalation.monthly_severity(events).set_index("month")
    assert table.loc["2018-07-01", "added_severity"] == -7


def test_monthly_severity_and_worst_month(events):
    table = escalation.monthly_severity(events).set_index("month")
    assert table.loc["2017-11-01", "added_severity"] == 10
    assert table.loc["2017-11-01", "top_event_id"] == "KHM-003"  # tie on 5: earliest
    # the release known only to the year (drawn 2 July 2018) is not put in a month
    assert pd.Timestamp("2018-07-01") not in table.index
    assert table.index.max() == pd.Timestamp("2017-11-01")
    worst = escalation.worst_month(events)
    assert worst["month"] == pd.Timestamp("2017-11-01")
    assert escalation.most_severe_event(events)["event_id"] == "KHM-009"


@pytest.mark.parametrize(
    ("added", "baseline", "expected"),
    [
        (10, 5, "deteriorated"),
        (6.25, 5, "unchanged"),  # exactly +25% is not more than 25%
        (6.3, 5, "deteriorated"),
        (3.75, 5, "unchanged"),
        (3.7, 5, "improved"),
        (0, 0, "unchanged"),
        (1, 0, "deteriorated"),
        (-7, 0, "improved"),
        (0, -2.0, "deteriorated"),
        (1, None, "no baseline"),
    ],
)
def test_verdict_rule(added, baseline, expected):
    assert escalation.verdict(added, baseline) == expected


def test_monthly_verdicts_follow_the_rule(events):
    table = escalation.monthly_verdicts(events, "2016-01-01", "2018-12-31").set_index("month")
    assert table.loc["2016-01-01", "verdict"] == "no baseline"
    assert table.loc["2016-07-01", "verdict"] == "deteriorated"
    assert table.loc["2016-08-01", "baseline"] == pytest.approx(3)
    assert table.loc["2016-08-01", "verdict"] == "improved"
    assert table.loc["2017-10-01", "baseline"] == pytest.approx(5 / 3)
    assert table.loc["2017-10-01", "verdict"] == "deteriorated"
    assert table.loc["2017-11-01", "baseline"] == pytest.approx(10.8 / 3)
    assert table.loc["2017-12-01", "verdict"] == "improved"
    # the release known only to the year does not make July 2018 an improvement
    assert table.loc["2018-07-01", "verdict"] == "unchanged"
    assert table.loc["2018-05-01", "verdict"] == "unchanged"


def test_verdicts_use_history_before_the_window(events):
    table = escalation.monthly_verdicts(events, "2017-10-01", "2017-12-31")
    assert list(table["month"].dt.month) == [10, 11, 12]
    assert table["baseline"].iloc[0] == pytest.approx(5 / 3)  # July-September 2017


def test_severity_by_event_type_and_actor(events):
    by_type = escalation.severity_by(events, "event_label")
    assert by_type.iloc[0]["event_label"] == "Violent repression"
    by_actor = escalation.severity_by(events, "actor").set_index("actor")
    assert by_actor.loc["Hun Sen", "n_events"] == 2
    assert by_actor.loc["Hun Sen", "total_severity"] == pytest.approx(10.8)
    assert by_actor.loc["Government of Cambodia", "total_severity"] == pytest.approx(-2)


# ----------------------------------------------------------------------- responses


def test_response_lag_honours_precision(events):
    lags = responses.response_lags(events).set_index("crackdown_id")
    assert list(lags.index) == ["KHM-001", "KHM-003"]
    assert lags.loc["KHM-001", "lag_days"] == 12  # 3 Sept -> mid-September
    assert bool(lags.loc["KHM-001", "approximate"])
    assert lags.loc["KHM-001", "lag_label"] == "about 12 days (date known to the month)"
    assert lags.loc["KHM-003", "response_id"] == "KHM-004"  # the first of two responses
    assert lags.loc["KHM-003", "lag_days"] == 20
    assert not bool(lags.loc["KHM-003", "approximate"])
    assert responses.median_lag(lags.reset_index()) == (16.0, True)


def test_approximate_lag_is_clipped_at_zero():
    rows = [
        (
            "KHM-001",
            "2017-09-20",
            "day",
            "crackdown",
            "arrest",
            "Hun Sen",
            "X",
            "s",
            "",
            "a1",
            "2017-09-21",
            "",
        ),
        (
            "KHM-002",
            "2017-09",
            "month",
            "international_response",
            "foreign_statement",
            "United States",
            "",
            "r",
            "KHM-001",
            "a2",
            "2017-09-30",
            "",
        ),
    ]
    lags = responses.response_lags(typed_frame(rows))
    assert lags["lag_days"].tolist() == [0]


def test_responses_to_events_before_the_window_are_ignored(events):
    window = loading.filter_window(events, "2017-12-01", "2018-12-31")
    assert responses.response_lags(window, events).empty


def test_responses_after_the_window_count_when_passed(events):
    window = loading.filter_window(events, "2017-11-01", "2017-11-30")
    lags = responses.response_lags(window, events)
    assert list(lags["response_id"]) == ["KHM-004"]


def test_unanswered_crackdown_events(events):
    table = responses.unanswered(events)
    assert list(table["event_id"]) == ["KHM-009", "KHM-011", "KHM-005"]
    assert responses.share_answered(events) == (2, 5)


def test_responses_by_kind_lists_every_kind(events):
    kinds = {
        "aid_cut": "Aid cuts",
        "sanctions": "Sanctions",
        "statement": "Statements",
        "un_appeal": "UN appeals",
    }
    table = responses.responses_by_kind(events, kinds).set_index("response_kind")
    assert table.loc["un_appeal", "n_events"] == 0
    assert table["n_events"].sum() == 3
    assert table.loc["statement", "label"] == "Statements"


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
    assert mix["n_events"].to_dict() == {"day": 8, "month": 2, "year": 1}
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


def test_lag_wording_for_the_same_month():
    assert responses.lag_label(0, True) == "same month (date known to the month)"
    assert responses.median_lag_words(0, True) == "within the same month"
    assert responses.median_lag_words(20, False) == "20 days"


def test_lags_with_a_year_only_date_are_named_so_and_left_out_of_the_median(events):
    events.loc[events["event_id"] == "KHM-004", "date_precision"] = "year"
    lags = responses.response_lags(events).set_index("crackdown_id")
    assert lags.loc["KHM-003", "lag_precision"] == "year"
    assert lags.loc["KHM-003", "lag_label"].endswith("(date known only to the year)")
    assert lags.loc["KHM-001", "lag_precision"] == "month"
    assert responses.median_lag(lags.reset_index()) == (12.0, True)
    assert responses.lag_label(0, True, "year") == "same year (date known only to the year)"


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
        "“Report a2 on <Cambodia> & the crackdown”; cites Reuters, VOA"
    )
    assert lines["KHM-011"].endswith("; no outlet cited")
    bare = dict(zip(events["event_id"], sources.provenance(events), strict=True))
    assert bare["KHM-001"] == "2 articles; cites Reuters, VOA"
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
