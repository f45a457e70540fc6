"""The briefing context, key figures and headline sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from support.frames import contract_frame

from helpers.analysis.context import build_context
from helpers.analysis.headline import headline_findings, key_figures
from helpers.dates import event_date_phrase, format_event_date
from helpers.presenting.params import validate_parameters


def context(**params):
    values = validate_parameters(
        "01_briefing", params, countries=["Cambodia"], today=dt.date(2026, 1, 1)
    )
    return build_context("01_briefing", values, contract_frame())


def test_context_filters_by_window_and_as_of():
    ctx = context(start_date="2017-01-01", as_of="2017-10-31")
    assert sorted(ctx.events["event_id"]) == ["KHM-001", "KHM-002", "KHM-011"]
    assert "KHM-009" in set(ctx.known["event_id"])
    assert ctx.source_line == (
        "Source: crackdown-briefings coded events (3 articles), as of 2017-10-31"
    )


def test_categories_filter_only_the_listed_table():
    ctx = context(categories="international_response")
    assert list(ctx.listed["event_id"]) == ["KHM-002", "KHM-004", "KHM-006"]
    assert len(ctx.events) == 11


def test_key_figures():
    figures = key_figures(context(as_of="2025-01-01")).set_index("figure")["value"]
    assert figures["Events in the window"] == "11"
    assert figures["Crackdown events"] == "6"
    assert figures["International responses"] == "3"
    assert figures["Crackdown events answered"] == "2 of 5 (40%)"
    assert figures["Median response lag"] == "about 16 days"
    assert figures["Worst month"] == "November 2017 (severity score 10)"


def test_headline_findings_are_plain_sentences():
    findings = headline_findings(context(as_of="2025-01-01"))
    assert findings[0] == (
        "11 events in Cambodia between 1 January 2016 and 31 December 2018 were reported by "
        "1 January 2025: 6 acts of crackdown and 3 international responses."
    )
    text = " ".join(findings)
    assert "harshest in November 2017" in text
    assert "2 of 5 crackdown events (40%) drew at least one international response" in text
    assert "median of 16 days" in text and "approximate" in text
    assert "In December 2018, the last month with a verdict" in text


def test_headline_as_of_2017():
    findings = headline_findings(context(start_date="2017-01-01", as_of="2017-10-31"))
    assert findings[0].startswith("3 events in Cambodia between 1 January 2017")
    assert "In October 2017, the last month with a verdict, the situation deteriorated" in (
        " ".join(findings)
    )


def test_empty_window_says_so():
    ctx = context(start_date="2019-01-01", end_date="2019-06-30")
    assert ctx.empty
    assert headline_findings(ctx) == [
        "No events in Cambodia between 1 January 2019 and 30 June 2019 had been reported by "
        "1 January 2026, so there is nothing to chart or count for this window."
    ]
    assert key_figures(ctx).set_index("figure")["value"]["Median response lag"] == "none"


@pytest.mark.parametrize("as_of", ["2016-07-10", "2016-07-11"])
def test_as_of_boundary(as_of):
    ctx = context(as_of=as_of)
    assert len(ctx.events) == (1 if as_of == "2016-07-11" else 0)


# -------------------------------------------------------------- dates at precision


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2017-09-03", "day", "3 September 2017"),
        ("2017-10", "month", "October 2017"),
        ("2017-10-16", "month", "October 2017"),  # the plot_date of a month event
        ("2018", "year", "2018"),
        ("2018-07-02", "year", "2018"),  # the plot_date of a year event
        (pd.Timestamp("2017-11-16"), "day", "16 November 2017"),
        ("", "day", ""),
    ],
)
def test_format_event_date_honours_precision(value, precision, expected):
    assert format_event_date(value, precision) == expected


def test_event_date_phrase():
    assert event_date_phrase("2017-09-03", "day") == "on 3 September 2017"
    assert event_date_phrase("2017-10", "month") == "in October 2017"
    assert event_date_phrase("2018", "year") == "in 2018 (dated only to the year)"


def test_most_severe_act_of_month_precision_is_not_given_a_day():
    findings = headline_findings(context(start_date="2017-01-01", as_of="2017-10-31"))
    text = " ".join(findings)
    assert "came in October 2017: Hun Sen threatened further arrests." in text
    assert "16 October" not in text


def test_headline_explains_the_severity_score():
    text = " ".join(headline_findings(context(as_of="2025-01-01")))
    assert "added up to a severity score of 10 (each act scores the weight of its kind" in text
    assert "an arrest 5" in text
    assert "came on 10 July 2016: Police beat protesters in Phnom Penh." in text
    assert "Goldstein points" not in text


def test_key_figure_definitions_are_sentences():
    table = key_figures(context(as_of="2025-01-01"))
    assert all(d[0].isupper() and d.endswith(".") for d in table["definition"])


def test_time_series_stop_at_the_briefing_date_not_the_window_end():
    import pandas as pd

    from helpers.analysis.context import Context

    def ctx(as_of):
        params = {"start_date": "2016-01-01", "end_date": "2018-12-31", "as_of": as_of}
        empty = pd.DataFrame()
        return Context("01_briefing", params, None, None, empty, empty, empty)

    assert ctx("2017-10-31").measured_end == "2017-10-31"
    assert ctx("2026-11-28").measured_end == "2018-12-31"
