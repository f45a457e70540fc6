"""Counts per actor, type or kind per period, and response pairs, on hand-computed frames
(the facts of ``support.frames``)."""

from __future__ import annotations

import pandas as pd
import pytest
from support.frames import typed_frame

from helpers.analysis.questions import counts_by, response_pairs


@pytest.fixture()
def events() -> pd.DataFrame:
    return typed_frame()


def _count(table: pd.DataFrame, by: str, key: str, period: str) -> int:
    hit = table[(table[by] == key) & (table["period"] == period)]
    return int(hit["n_events"].sum()) if len(hit) else 0


def test_acts_per_actor_per_quarter(events):
    crack = events[events["category"] == "crackdown"]
    table = counts_by(crack, by="actor", period="Q")
    assert _count(table, "actor", "Hun Sen", "2017Q4") == 2  # KHM-011 (Oct 2017), KHM-005
    assert _count(table, "actor", "Police", "2016Q3") == 1
    assert _count(table, "actor", "Government of Cambodia", "2017Q3") == 1
    # The release KHM-008 is known only to the year: counted under its year, no quarter.
    assert _count(table, "actor", "Government of Cambodia", "2018 (year only)") == 1
    assert not table["period"].str.match(r"2018Q").any()
    assert table["n_events"].sum() == len(crack)
    assert table["period"].tolist() == sorted(
        table["period"], key=lambda p: p.replace(" (year only)", "~")
    )


def test_a_joint_act_counts_once_for_each_actor(events):
    joint = events.copy()
    joint.loc[joint["event_id"] == "KHM-004", "actor"] = "United States;European Union"
    table = counts_by(joint, by="actor", period=None)
    totals = dict(zip(table["actor"], table["n_events"], strict=True))
    assert totals["United States"] == 3 and totals["European Union"] == 1


def test_month_and_year_periods_respect_each_date_precision(events):
    by_month = counts_by(events, by="event_type", period="M")
    assert _count(by_month, "event_type", "threat", "2017-10") == 1  # known to the month
    assert _count(by_month, "event_type", "release", "2018 (year only)") == 1
    by_year = counts_by(events, by="event_type", period="Y")
    assert _count(by_year, "event_type", "release", "2018") == 1


def test_empty_cells_are_left_out_of_counts(events):
    kinds = counts_by(events, by="response_kind", period=None)
    assert dict(zip(kinds["response_kind"], kinds["n_events"], strict=True)) == {
        "aid_cut": 1,
        "sanctions": 1,
        "statement": 1,
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "actors"}, "by='actors' is not a column of the events"),
        ({"period": "W"}, "period='W'; expected one of M, Q, Y"),
    ],
)
def test_counts_by_refuses_what_it_cannot_count(events, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        counts_by(events, **kwargs)


def test_response_pairs_one_row_per_response_and_act(events):
    pairs = response_pairs(events)
    assert pairs[["response_id", "act_id"]].values.tolist() == [
        ["KHM-002", "KHM-001"],
        ["KHM-004", "KHM-003"],
        ["KHM-006", "KHM-003"],
    ]
    assert pairs["link"].unique().tolist() == ["answers"]
    first = pairs.iloc[0]
    # September 2017 (month, first reported 20 September) answers 3 September 2017: its
    # span narrows to 3-20 September, so 0 to 17 days, never drawn finer.
    assert (first["response_date"], first["response_precision"]) == ("2017-09", "month")
    assert first["response_when"] == "September 2017" and first["act_when"] == "3 September 2017"
    assert (first["lag_min_days"], first["lag_max_days"]) == (0, 17)
    assert pairs.iloc[1][["lag_min_days", "lag_max_days"]].tolist() == [20, 20]
    assert pairs.iloc[2][["lag_min_days", "lag_max_days"]].tolist() == [103, 103]


def test_responses_answering_nothing_coded_or_an_unknown_act_are_listed(events):
    changed = events.copy()
    changed.loc[changed["event_id"] == "KHM-006", "responds_to"] = ""
    changed.loc[changed["event_id"] == "KHM-002", "responds_to"] = "KHM-999"
    pairs = response_pairs(changed).set_index("response_id")
    assert pairs.loc["KHM-006", "link"] == "answers nothing coded"
    assert pairs.loc["KHM-006", "act_id"] == "" and pd.isna(pairs.loc["KHM-006", "lag_min_days"])
    assert pairs.loc["KHM-002", "link"] == "act not among the known events"
    assert pairs.loc["KHM-002", "act_id"] == "KHM-999"


def test_acts_before_the_window_are_found_in_the_known_events(events):
    window = events[events["event_id"].isin(["KHM-004", "KHM-006"])]
    alone = response_pairs(window)
    assert alone["link"].tolist() == ["act not among the known events"] * 2
    found = response_pairs(window, events)
    assert found["act_summary"].tolist() == ["The Supreme Court dissolved the CNRP."] * 2
