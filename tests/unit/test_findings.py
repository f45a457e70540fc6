"""The findings the charts state (their titles and the briefing's captions), computed on
hand-made frames: bases stated, ties named as ties, nothing found said in words."""

from __future__ import annotations

import pandas as pd
from support.frames import typed_frame

from helpers.analysis import escalation, findings

# event_id, date, precision, category, event_type, actor, target, summary, responds_to,
# article_ids, first_reported, outlets
ROWS = [
    ("KHM-201", "2017-09-03", "day", "crackdown", "arrest", "Police", "Kem Sokha",
     "Kem Sokha was arrested.", "", "a1", "2017-09-04", "Reuters"),
    ("KHM-202", "2017-11-16", "day", "crackdown", "arrest", "Police", "Mu Sochua",
     "Mu Sochua was arrested.", "", "a2", "2017-11-17", "VOA"),
    ("KHM-203", "2017-12-06", "day", "international_response", "aid_cut", "United States",
     "Government of Cambodia", "The US cut aid.", "KHM-202", "a3", "2017-12-07", "Reuters"),
]  # fmt: skip


def frame() -> pd.DataFrame:
    events = typed_frame(ROWS)
    events["headline"] = ["Kem Sokha arrested", "Mu Sochua arrested", "Aid cut by the US"]
    return events


def test_timeline_names_the_most_severe_act_and_a_tie():
    events = frame()
    assert findings.timeline_finding(events) == (
        "Most severe acts, tied at 6 points: Kem Sokha arrested (3 September 2017) and Mu "
        "Sochua arrested (16 November 2017); 1 international response in the window"
    )
    one = events[events["event_id"] != "KHM-202"]
    assert findings.timeline_finding(one) == (
        "Most severe act: Kem Sokha arrested (3 September 2017), 6 points; 1 international "
        "response in the window"
    )
    none = events[events["category"] != "crackdown"]
    assert findings.timeline_finding(none).startswith("No crackdown acts in this window")


def test_headline_falls_back_to_the_event_type():
    events = frame().drop(columns="headline")
    assert findings.headlines(events)["KHM-201"] == "Arrest, detention or charge"
    assert findings.event_headline(frame().iloc[0]) == "Kem Sokha arrested"


def test_escalation_finding_reads_the_index_at_the_cutoff():
    events = frame()
    index = escalation.daily_index(events, "2017-01-01", "2018-12-31", 90)
    at_end = findings.escalation_finding(index, 90)
    assert at_end == (
        "The crackdown escalated most in the 90 days to 16 November 2017 (severity score 12); "
        "at its end the index stood at 12"
    )
    cut = findings.escalation_finding(index, 90, pd.Timestamp("2017-10-01"))
    assert cut.endswith("at the data cut-off the index stood at 6")


def test_verdict_finding_counts_judged_months_and_names_why_others_are_not():
    verdicts = pd.DataFrame(
        {
            "verdict": [
                "deteriorated",
                "unchanged",
                "insufficient data",
                "insufficient data",
                "no coverage",
            ]
        }
    )
    assert findings.verdict_finding(verdicts) == (
        "2 of 5 months could be judged: 1 deteriorated, 1 unchanged, 0 improved; no verdict "
        "for the other 3 (2 insufficient data, 1 no coverage)"
    )
    assert findings.verdict_finding(verdicts.iloc[2:]).startswith(
        "No month of the window could be judged: no verdict for the other 3"
    )


def test_responses_finding_names_a_tie():
    table = pd.DataFrame({"label": ["Aid cuts", "Statements"], "n_events": [2, 2]})
    assert findings.responses_finding(table) == (
        "Two kinds tie as the most common response, 2 of 4 each: aid cuts; statements"
    )
    single = pd.DataFrame({"label": ["Aid cuts", "Statements"], "n_events": [3, 1]})
    assert findings.responses_finding(single) == "Aid cuts were the most common response (3 of 4)"
    assert (
        findings.responses_finding(single.iloc[0:0]) == "No international responses in this window"
    )


def test_severity_and_outlet_findings_name_ties():
    table = pd.DataFrame(
        {
            "actor": ["Police", "Hun Sen", "Court"],
            "n_events": [2, 1, 1],
            "total_severity": [8.0, 8.0, 2.0],
            "share": [0.44, 0.44, 0.11],
        }
    )
    assert findings.severity_finding(table, "actor", "actor") == (
        "Police and Hun Sen tie for the largest share of the crackdown's total severity score "
        "(44% each)"
    )
    outlets = pd.DataFrame({"outlet": ["Reuters", "VOA"], "n_events": [3, 3]})
    assert findings.outlets_finding(outlets) == (
        "Reuters and VOA are the most cited outlets (3 events each)"
    )


def test_lag_finding_gives_a_median_only_from_enough_lags():
    few = pd.DataFrame({"lag_min": [0, 2], "lag_max": [3, 2]})
    assert findings.lag_finding(few) == (
        "First international response to each answered act: 2 lags (0-3 days and 2 days): "
        "too few for a median (it needs at least 3)"
    )
    enough = pd.DataFrame({"lag_min": [0, 2, 10], "lag_max": [3, 2, 40]})
    assert findings.lag_finding(enough).endswith("median 2-3 days over 3 lags")
    assert findings.lag_finding(few.iloc[0:0]).startswith("No crackdown act in this window")


def test_monthly_counts_and_precision_findings_state_their_base():
    counts = pd.DataFrame(
        {
            "category": ["crackdown"] * 3,
            "n_events": [0, 3, 0],
            "average": [1.0] * 3,
            "above_average": [False, True, False],
        }
    )
    assert findings.monthly_counts_finding(counts) == (
        "1 of 3 months had more crackdown events than the monthly average of 1.0"
    )
    mix = pd.DataFrame({"date_precision": ["day", "month"], "n_events": [2, 1]})
    assert findings.precision_finding(mix) == "2 of 3 events are dated to the day"
