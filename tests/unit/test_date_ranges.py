"""The ``range`` precision: two coded dates written ``START/END``, each at its own precision.

The form, its span and its words come from :mod:`helpers.dates`; these tests check them,
what validation says about bad ranges, and that every consumer treats a range as the
interval it is: narrowed like any date, placed in a month only when it lies within one,
drawn over its span, named "between ... and ...", exported as ACLED would record it or
left out, compared by span in the suggester. The seed's ranges (KHM-007, KHM-031..033) are
checked in the built data.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from support.curated_project import EVENTS, event_rows, make_project
from support.frames import typed_frame

from helpers.analysis import changes, escalation, headline, questions, responses
from helpers.analysis.loading import datable_to_month, not_datable_to_month
from helpers.dataset.validation import validate_project
from helpers.dates import (
    date_form,
    date_span,
    event_date_phrase,
    format_event_date,
    format_event_short,
    narrow_intervals,
    period_of,
    range_ends,
    since_phrase,
    single_unit,
)
from helpers.export import acled_csv
from helpers.presenting import charts
from helpers.presenting.charts import PRECISION_MARKERS, PRECISION_NAMES, marks
from helpers.presenting.event_rows import event_dates
from helpers.suggest.merge import CuratedEvent, find_match, refine_date

d = dt.date


# ---------------------------------------------------------------------- form and span


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2017-11-16/2018-04-08", (d(2017, 11, 16), d(2018, 4, 8))),
        ("2017-11/2018-04", (d(2017, 11, 1), d(2018, 4, 30))),
        ("2016/2017-01", (d(2016, 1, 1), d(2017, 1, 31))),
        ("2016-05/2017-01-25", (d(2016, 5, 1), d(2017, 1, 25))),
        ("2017-11-16/2017-11-20", (d(2017, 11, 16), d(2017, 11, 20))),
        ("2016-02/2016-02-10", (d(2016, 2, 1), d(2016, 2, 10))),  # end inside the start
        ("2015/2016", (d(2015, 1, 1), d(2016, 12, 31))),
    ],
)
def test_a_range_spans_the_first_day_of_its_start_to_the_last_day_of_its_end(value, span):
    assert date_form(value) == "range"
    assert date_span(value) == span
    assert date_span(value, "range") == span


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2018-04/2017-11", "'2018-04/2017-11' starts after it ends"),
        ("2017-12/2017-11-30", "'2017-12/2017-11-30' starts after it ends"),
        ("2017-11/2018-13", "'2018-13' is not a real date: there is no month 13"),
        ("2017-02-30/2017-03", "'2017-02-30' is not a real date"),
        ("2017-11/", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, or a range"),
        ("2017-11 to 2018-04", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, or a range"),
        ("2017/2018/2019", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, or a range"),
    ],
)
def test_malformed_and_reversed_ranges_raise_naming_the_problem(value, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        date_span(value)


def test_a_range_given_for_another_precision_is_refused():
    with pytest.raises(ValueError, match="expected a range as START/END"):
        date_span("2017", "range")
    with pytest.raises(ValueError, match="expected a date as"):
        date_span("2017-11/2018-04", "year")
    with pytest.raises(ValueError, match="expected a range"):
        range_ends("2017-11")


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        ("2017-11-01/2017-11-30", ("2017-11", "month")),
        ("2017-11/2017-11", ("2017-11", "month")),
        ("2017-01/2017-12", ("2017", "year")),
        ("2017/2017", ("2017", "year")),
        ("2017-01-01/2017-12-31", ("2017", "year")),
        ("2017-11-05/2017-11-05", ("2017-11-05", "day")),
        ("2017-11/2018-04", None),
        ("2017-11-02/2017-11-30", None),
        ("2016/2017", None),
    ],
)
def test_a_range_that_is_one_calendar_unit_is_recognised(value, unit):
    assert single_unit(value) == unit


# ------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("value", "precision", "column", "message"),
    [
        (
            "2018-04/2017-11",
            "range",
            "date",
            "'2018-04/2017-11' starts after it ends; expected the earlier date first",
        ),
        (
            "2017-11/2018-4",
            "range",
            "date",
            "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, or a range of two such dates as "
            "START/END, got '2017-11/2018-4'",
        ),
        (
            "2017-11-01/2017-11-30",
            "range",
            "date",
            "got the range '2017-11-01/2017-11-30', which is exactly one month; expected it "
            "written at that unit, '2017-11' with date_precision 'month'",
        ),
        (
            "2017-01/2017-12",
            "range",
            "date",
            "got the range '2017-01/2017-12', which is exactly one year; expected it written "
            "at that unit, '2017' with date_precision 'year'",
        ),
        (
            "2017-11/2018-04",
            "year",
            "date_precision",
            "got 'year' but the date '2017-11/2018-04' has the form of 'range' precision; "
            "'year' needs a date as YYYY",
        ),
        (
            "2017-11",
            "range",
            "date_precision",
            "got 'range' but the date '2017-11' has the form of 'month' precision; 'range' "
            "needs a date as START/END, each as YYYY-MM-DD, YYYY-MM or YYYY (2017-11/2018-04)",
        ),
    ],
)
def test_bad_ranges_get_one_sentence_with_file_line_and_column(
    tmp_path, value, precision, column, message
):
    # KHM-002 (line 3) answers KHM-001 of 26 November 2017 and is reported on 28 November.
    rows = event_rows(KHM_002={"date": value, "date_precision": precision})
    report = validate_project(make_project(tmp_path, rows))
    found = [p for p in report.errors if p.line == 3]
    assert [(p.file, p.column, p.message) for p in found] == [(EVENTS, column, message)]
    assert str(found[0]) == f"{EVENTS} line 3 column '{column}': {message}"
    assert "\n" not in str(found[0])


def test_a_good_range_validates_and_is_checked_like_any_date(tmp_path):
    ok = event_rows(KHM_002={"date": "2017-11-26/2017-11-28", "date_precision": "range"})
    assert validate_project(make_project(tmp_path / "ok", ok)).errors == []
    # A range wholly after every cited article is flagged like any other date.
    late = event_rows(KHM_002={"date": "2017-12/2018-01", "date_precision": "range"})
    (warning,) = validate_project(make_project(tmp_path / "late", late)).warnings
    assert (warning.line, warning.column) == (3, "date")
    assert warning.message.startswith(
        "got '2017-12/2018-01', after the publication of every cited article (latest 2017-11-28)"
    )


# --------------------------------------------------------------------------- narrowing


def test_a_range_is_narrowed_by_the_act_it_answers_and_its_first_report():
    spans = {
        "ACT": date_span("2017-11", "month"),
        "AID": date_span("2017-11/2018-04", "range"),
    }
    out = narrow_intervals(spans, {"ACT": d(2018, 4, 8), "AID": d(2018, 4, 8)}, {"AID": ["ACT"]})
    start, end, scheduled, basis = out["AID"]
    assert (start, end, scheduled) == (d(2017, 11, 1), d(2018, 4, 8), False)
    assert basis == "by its first report (8 April 2018)"


def response_rows(date: str, precision: str, reported: str = "2018-04-08") -> list[tuple]:
    """A dissolution in November 2017 and an aid cut answering it, dated ``date``."""
    return [
        ("KHM-101", "2017-11", "month", "crackdown", "party_dissolution", "Supreme Court",
         "CNRP", "The Supreme Court dissolved the CNRP.", "", "a1", reported, "Reuters"),
        ("KHM-102", date, precision, "international_response", "aid_cut", "United States",
         "Government of Cambodia", "Aid was cut.", "KHM-101", "a1", reported, "Reuters"),
    ]  # fmt: skip


def test_the_build_narrows_a_range_and_draws_it_at_the_middle_of_its_span():
    events = typed_frame(response_rows("2017-11-16/2018-04-20", "range")).set_index("event_id")
    aid = events.loc["KHM-102"]
    assert (aid["date_start"], aid["date_end"]) == (
        pd.Timestamp("2017-11-16"),
        pd.Timestamp("2018-04-08"),  # its first report
    )
    assert aid["plot_date"] == pd.Timestamp("2018-01-26")
    assert aid["interval_basis"] == "by its first report (8 April 2018)"


def test_the_lag_to_a_range_runs_to_its_last_possible_day():
    lags = responses.response_pairs(typed_frame(response_rows("2017-11/2018-04", "range")))
    assert lags[["lag_min", "lag_max"]].values.tolist() == [[0, 158]]  # 1 Nov - 8 Apr


# ---------------------------------------------------------------------- month placement


def act_rows(date: str, precision: str) -> list[tuple]:
    return [
        ("KHM-101", "2017-09-03", "day", "crackdown", "arrest", "Police", "Kem Sokha",
         "Kem Sokha was arrested.", "", "a1", "2018-04-08", "Reuters"),
        ("KHM-102", date, precision, "crackdown", "arrest", "Police", "Activists",
         "Activists were arrested.", "", "a1", "2018-04-08", "Reuters"),
    ]  # fmt: skip


def test_a_range_within_one_month_is_placed_in_that_month():
    frame = typed_frame(act_rows("2017-10-02/2017-10-20", "range"))
    placed = datable_to_month(frame).set_index("event_id")
    assert placed.loc["KHM-102", "month"] == pd.Timestamp("2017-10-01")
    assert escalation.severity_total(frame).n_unplaced == 0


def test_a_range_across_months_cannot_be_placed_in_one_month():
    frame = typed_frame(act_rows("2017-11/2018-02", "range"))
    assert list(not_datable_to_month(frame)["event_id"]) == ["KHM-102"]
    total = escalation.severity_total(frame)
    assert (total.total, total.n_acts, total.monthly_total, total.n_monthly) == (12, 2, 6, 1)
    assert "1 act worth 6 points cannot be placed in one month" in total.words()


def test_a_range_across_a_year_is_not_counted_in_its_first_year():
    """The naive rule, reading a range as its start (2017-11/2018-04 as '2017', where it
    was coded before it could be a range), counts the act in 2017, in November, in 2017's
    last quarter; it may as well lie in 2018."""
    frame = typed_frame(act_rows("2017-11/2018-04", "range"))
    assert period_of("2017-11/2018-04", "range", "Y") is None
    by_year = questions.counts_by(frame, by="target", period="Y")
    assert by_year.set_index("target").loc["Activists", "period"] == (
        "2017-11/2018-04 (range over several years)"
    )
    assert "2017" not in set(by_year.loc[by_year["target"] == "Activists", "period"])
    by_month = escalation.monthly_severity(frame, "2017-01-01", "2018-12-31")
    assert by_month["added_severity"].sum() == 6  # the arrest of 3 September 2017 only
    assert "KHM-102" not in ";".join(by_month["event_ids"])
    # Its year-ordered label comes after the year its last day lies in, not its first.
    order = [p for p in by_year["period"]]
    assert order.index("2017") < order.index("2017-11/2018-04 (range over several years)")


def test_the_timeline_draws_a_range_across_a_year_over_its_whole_span():
    frame = typed_frame(act_rows("2017-11/2018-04", "range"))
    fig = charts.dual_track_timeline(frame, "Source: test", {}, window=("2017-01-01", "2018-12-31"))
    spans = [t for t in fig.data if t.mode == "lines" and "span" in (t.name or "")]
    segments = [
        (pd.Timestamp(t.x[i]), pd.Timestamp(t.x[i + 1]))
        for t in spans
        for i in range(0, len(t.x), 3)
    ]
    assert segments == [(pd.Timestamp("2017-11-01"), pd.Timestamp("2018-04-08"))]
    (marker,) = [t for t in fig.data if t.mode == "markers" and t.meta == {"precision": "range"}]
    assert list(marker.customdata) == ["KHM-102"]
    assert marker.marker.symbol.endswith("-open")  # hollow: not a point known to the day
    assert pd.Timestamp("2017-11-01") < pd.Timestamp(marker.x[0]) < pd.Timestamp("2018-04-08")
    legend = [t.name for t in fig.data if t.showlegend]
    assert "date known to lie between two dates" in legend


def test_key_event_labels_prefer_acts_known_within_a_month_to_a_long_range():
    rows = act_rows("2017-11/2018-04", "range")
    rows[0] = (*rows[0][:4], "threat", *rows[0][5:])  # a lighter act, known to the day
    key = marks_key_events(typed_frame(rows), 1)
    assert list(key["event_id"]) == ["KHM-101"]


def marks_key_events(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    from helpers.presenting.charts.timeline import key_events

    return key_events(frame[frame["category"] == "crackdown"], n)


def test_every_precision_has_a_marker_and_a_name():
    assert set(PRECISION_MARKERS) == set(PRECISION_NAMES) == {"day", "month", "year", "range"}
    assert len(set(PRECISION_MARKERS.values())) == 4


# ------------------------------------------------------------------------------ words


def test_a_range_in_words_names_both_ends_at_their_precision():
    assert format_event_date("2017-11-16/2018-04-08", "range") == (
        "between 16 November 2017 and 8 April 2018"
    )
    assert format_event_date("2016/2017-01", "range") == "between 2016 and January 2017"
    assert event_date_phrase("2017-11/2018-04", "range") == "between November 2017 and April 2018"
    assert since_phrase("2017-11/2018-04", "range") == (
        "since a date between November 2017 and April 2018"
    )
    assert format_event_short("2016-05/2017-01-25", "range") == "May 2016 to 25 Jan 2017"
    assert marks.event_label(
        {"headline": "Aid cut", "date": "2017-11/2018-04", "date_precision": "range"}
    ) == ("Aid cut, Nov 2017 to Apr 2018")


def test_a_range_is_never_named_from_a_single_day():
    with pytest.raises(ValueError, match="expected a range"):
        format_event_date(pd.Timestamp("2018-01-19"), "range")


def test_event_rows_and_hover_text_give_the_range_in_words():
    frame = typed_frame(response_rows("2017-11/2018-04", "range"))
    assert event_dates(frame) == ["November 2017", "between November 2017 and April 2018"]
    hover = marks.hover_text(frame.iloc[[1]])[0]
    assert "between November 2017 and April 2018" in hover
    assert "date known to lie between two dates" in hover


def test_a_lasting_act_dated_by_a_range_is_standing_since_a_date_between():
    row = pd.Series(
        {"date": "2017-11/2018-04", "date_precision": "range", "last_reported": "2018-04-08"}
    )
    assert headline._since(row) == (
        "since a date between November 2017 and April 2018; last reported 8 April 2018"
    )


def test_a_key_event_dated_by_a_range_opens_its_sentence_with_between():
    frame = typed_frame(act_rows("2017-11-16/2017-11-28", "range"))
    sentences = headline.key_event_sentences(frame)
    assert sentences[-1] == (
        "Between 16 November 2017 and 28 November 2017: Activists were arrested."
    )


def test_a_correction_to_a_range_says_what_changed():
    before = {"date": "2017", "date_precision": "year", "headline": "Aid cut"}
    after = {"date": "2017-11/2018-04", "date_precision": "range", "headline": "Aid cut"}
    fix = changes.Correction("KHM-031", (("date", "2017", "2017-11/2018-04"),), False, False)
    assert changes.correction_sentence(fix, before, after) == (
        "KHM-031, Aid cut: date from 2017 to between November 2017 and April 2018 "
        "(corrected since the last briefing)."
    )


# ----------------------------------------------------------------------------- export


def test_the_acled_csv_keeps_a_range_within_a_month_and_leaves_out_a_longer_one():
    frame = typed_frame(
        [
            *act_rows("2017-10-02/2017-10-20", "range"),
            (
                "KHM-103",
                "2017-11/2018-02",
                "range",
                "crackdown",
                "arrest",
                "Police",
                "Monks",
                "Monks were arrested.",
                "",
                "a1",
                "2018-04-08",
                "Reuters",
            ),
        ]
    )
    contract = frame.assign(
        **{c: frame[c].dt.strftime("%Y-%m-%d") for c in ("date_start", "date_end", "plot_date")},
        source_kind="article",
        acled_ids="",
        country="Cambodia",
    )
    rows, left_out = acled_csv.acled_frame(contract, {}, _codebook())
    by_id = rows.set_index("event_id_cnty")
    assert left_out == 1 and "KHM-103" not in by_id.index
    # Within October: the middle of its span, at ACLED's month precision.
    assert by_id.loc["KHM-102", ["event_date", "time_precision", "year"]].tolist() == [
        "2017-10-11",
        "3",
        "2017",
    ]


def _codebook():
    from support.frames import CODEBOOK

    from helpers.dataset.codebook import load_codebook

    return load_codebook(CODEBOOK)


# -------------------------------------------------------------------------- suggester


def test_the_suggester_matches_and_refines_a_range_by_its_span():
    aid = CuratedEvent(
        "KHM-031", "aid_cut", "2017-11/2018-04", "range", ("Several foreign governments",),
        ("Royal Government of Cambodia",), (),
    )  # fmt: skip
    target = "Royal Government of Cambodia"
    assert find_match([aid], "aid_cut", "2018-02-14", "day", "Japan", target) is aid
    assert find_match([aid], "aid_cut", "2018-06", "month", "Japan", target) is None
    assert refine_date(aid, "2018-02-14", "day") == ("2018-02-14", "day")
    assert refine_date(aid, "2017-12/2018-01", "range") == ("2017-12/2018-01", "range")
    assert refine_date(aid, "2017-11/2018-04", "range") is None  # the same span
    assert refine_date(aid, "2018", "year") is None  # wider at its end
    year = CuratedEvent("KHM-007", "un_statement", "2016", "year", (), (), ())
    assert refine_date(year, "2016-05/2016-11", "range") == ("2016-05/2016-11", "range")
    assert refine_date(year, "2016-05/2017-01", "month") is None  # precision not its form


# --------------------------------------------------------------------------- the seed


def test_the_seed_codes_its_cross_year_windows_as_ranges():
    from support.curated_project import REPO

    curated = pd.read_csv(REPO / EVENTS, dtype=str, keep_default_na=False).set_index("event_id")
    coded = curated.loc[["KHM-007", "KHM-031", "KHM-032", "KHM-033"], ["date", "date_precision"]]
    assert coded.values.tolist() == [
        ["2016-05/2017-01-25", "range"],
        ["2017-11/2018-04", "range"],
        ["2017-11/2018-04", "range"],
        ["2017-11/2018-04", "range"],
    ]
    for event_id in coded.index:
        assert "range" in curated.loc[event_id, "notes"]
