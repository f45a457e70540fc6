"""The briefing context, key figures and headline sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from support.frames import contract_frame

from helpers.analysis.context import build_context
from helpers.analysis.headline import key_figures
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
        "Source: crackdown-briefings coded events (3 reports from 2 outlets, cut-off "
        "2017-10-20), as of 2017-10-31"
    )


def test_categories_filter_only_the_listed_table():
    ctx = context(categories="international_response")
    assert list(ctx.listed["event_id"]) == ["KHM-002", "KHM-004", "KHM-006"]
    assert len(ctx.events) == 11


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
