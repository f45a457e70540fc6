"""The briefing measures on the synthetic events of ``support.frames`` (hand-computed in
its docstring), including the cases where a naive rule would mislead."""

from __future__ import annotations

import pandas as pd
import pytest
from support.frames import ROWS, context, typed_frame

from helpers.analysis import escalation, headline, responses
from helpers.analysis.coverage import coverage, month_is_covered
from helpers.analysis.loading import datable_to_month

FULL = {"as_of": "2025-01-01"}


def row(event_id, date, precision, category, event_type, target="CNRP", answers="", **kw):
    """A synthetic event row in the order of ``support.frames.COLUMNS``."""
    return (
        event_id,
        date,
        precision,
        category,
        event_type,
        kw.get("actor", "Government of Cambodia"),
        target,
        kw.get("summary", f"{event_type} {event_id}."),
        answers,
        kw.get("articles", "a1"),
        kw.get("reported", "2018-01-31"),
        kw.get("outlets", "Reuters"),
    )


# -------------------------------------------------------------------------- intervals


def test_a_response_is_narrowed_to_after_its_act_and_before_its_first_report():
    events = typed_frame().set_index("event_id")
    assert events.loc["KHM-002", ["date_start", "date_end"]].tolist() == [
        pd.Timestamp("2017-09-03"),
        pd.Timestamp("2017-09-20"),
    ]
    assert events.loc["KHM-002", "plot_date"] >= events.loc["KHM-001", "date_start"]


def test_a_year_dated_response_is_never_drawn_before_the_act_it_answers():
    rows = [
        row("KHM-101", "2017-11", "month", "crackdown", "party_dissolution", reported="2018-04-08"),
        row(
            "KHM-102",
            "2017",
            "year",
            "international_response",
            "aid_cut",
            "Government of Cambodia",
            "KHM-101",
            actor="United States",
            reported="2018-04-08",
        ),
    ]
    events = typed_frame(rows).set_index("event_id")
    # Naively drawn mid-year (2 July 2017), four months before the dissolution.
    assert events.loc["KHM-102", "date_start"] == pd.Timestamp("2017-11-01")
    assert events.loc["KHM-102", "plot_date"] >= pd.Timestamp("2017-11-01")
    pairs = responses.response_pairs(typed_frame(rows))
    assert pairs[["lag_min", "lag_max"]].values.tolist() == [[0, 60]]


def test_only_acts_within_one_month_are_placed_in_a_month():
    placed = datable_to_month(typed_frame())
    assert "KHM-008" not in set(placed["event_id"])  # the release spans January-September
    assert placed.set_index("event_id").loc["KHM-011", "month"] == pd.Timestamp("2017-10-01")


# --------------------------------------------------------------------------- severity


def test_one_severity_total_with_what_the_monthly_measures_leave_out():
    total = escalation.severity_total(context(**FULL).events)
    assert (total.total, total.n_acts, total.monthly_total, total.n_monthly) == (26, 6, 30, 5)
    assert total.words() == (
        "26 points from 6 acts; 1 act worth -4 points cannot be placed in one month and is "
        "left out of the monthly measures"
    )


def test_a_carried_out_act_outranks_a_threat_of_it():
    rows = [
        row("KHM-101", "2017-10-03", "day", "crackdown", "threat"),
        row("KHM-102", "2017-10-20", "day", "crackdown", "arrest"),
        row("KHM-103", "2017-11-20", "day", "crackdown", "party_dissolution"),
    ]
    top = escalation.most_severe_events(typed_frame(rows))
    assert list(top["event_id"]) == ["KHM-103"]
    sev = typed_frame(rows).set_index("event_id")["severity"]
    assert sev["KHM-103"] > sev["KHM-102"] > sev["KHM-101"]


def test_ties_for_the_most_severe_act_are_named_as_ties():
    rows = [
        row("KHM-101", "2017-09-03", "day", "crackdown", "arrest", "Kem Sokha"),
        row("KHM-102", "2017-10-03", "day", "crackdown", "arrest", "Mu Sochua"),
    ]
    words = headline.most_severe_words(typed_frame(rows))
    assert words.startswith("a tie between ")
    assert "Kem Sokha arrested (3 September 2017)" in words
    assert "Mu Sochua arrested (3 October 2017)" in words


def test_the_index_band_moves_a_month_dated_act_over_its_month():
    index = escalation.daily_index(context(**FULL).events, "2017-10-01", "2017-10-31", 90)
    day = index.set_index("date")
    # The threat (1-20 October) may have happened from 1 October, certainly by 20 October.
    assert day.loc["2017-10-01", "cumulative_possible"] - day.loc["2017-10-01", "cumulative"] == 2
    assert day.loc["2017-10-20", "cumulative_possible"] == day.loc["2017-10-20", "cumulative"]
    # Before October: violent repression 9 and the arrest 6.
    assert day.loc["2017-10-01", "cumulative"] == 15


def test_the_index_band_holds_a_release_the_other_way_round():
    """A release (a negative score) lowers the least value as soon as it may have begun and
    the most only once certainly past: counted like a harsh act, the "up to" value would
    fall below the certain one while the release's dates are open (January-September 2018)."""
    index = escalation.daily_index(context(**FULL).events, "2017-01-01", "2018-12-31", 90)
    assert (index["cumulative"] <= index["cumulative_possible"]).all()
    assert (index["rolling"] <= index["rolling_possible"]).all()
    day = index.set_index("date")
    assert day.loc["2018-06-01", "cumulative_possible"] - day.loc["2018-06-01", "cumulative"] == 4
    assert day.loc["2018-12-31", "cumulative"] == day.loc["2018-12-31", "cumulative_possible"]


def test_severity_by_actor_can_group_people_with_their_institution():
    rows = [
        row("KHM-101", "2017-10-03", "day", "crackdown", "threat", actor="Hun Sen"),
        row("KHM-102", "2017-10-20", "day", "crackdown", "arrest"),
    ]
    events = typed_frame(rows)
    plain = escalation.severity_by(events, "actor").set_index("actor")["total_severity"]
    assert plain.to_dict() == {"Government of Cambodia": 6.0, "Hun Sen": 2.0}
    grouped = escalation.severity_by(
        events, "actor", {"Hun Sen": "Government of Cambodia"}
    ).set_index("actor")
    assert grouped["total_severity"].to_dict() == {"Government of Cambodia": 8.0}
    assert grouped.loc["Government of Cambodia", "n_events"] == 2


# --------------------------------------------------------------------------- verdicts


def verdicts(**params):
    return headline.month_verdicts(context(**params)).set_index("month")


def test_verdicts_follow_the_stated_rule_and_give_reasons():
    table = verdicts(**FULL)
    nov = table.loc["2017-11-01"]
    assert (nov["added_severity"], nov["baseline"]) == (13, pytest.approx(8 / 3))
    assert nov["verdict"] == "deteriorated"
    assert "CNRP dissolved (16 Nov 2017)" in nov["reason"]
    assert "13 points against an average of 2.7" in nov["reason"]


def test_too_few_acts_give_insufficient_data_not_a_verdict():
    table = verdicts(**FULL)
    # October 2017: 1 act, and 1 in July-September.
    assert table.loc["2017-10-01", "verdict"] == "insufficient data"
    assert "a verdict needs at least 3" in table.loc["2017-10-01", "reason"]


def test_a_quiet_month_is_not_called_improved():
    table = verdicts(**FULL)
    assert table.loc["2017-12-01", "verdict"] == "no new acts reported"
    assert "improved" not in set(table["verdict"])


def test_months_after_the_cut_off_have_no_coverage_and_no_verdict():
    table = verdicts(**FULL)
    cutoff = pd.Timestamp("2018-09-10")
    after = table[table.index + pd.offsets.MonthEnd(0) > cutoff]
    assert set(after["verdict"]) == {"no coverage"}
    assert "no source after 10 September 2018" in after["reason"].iloc[0]
    assert month_is_covered(pd.Timestamp("2018-08-01"), cutoff)


@pytest.mark.parametrize(
    ("added", "baseline", "expected"),
    [
        (12.0, 11.9, "unchanged"),  # a knife-edge rise is no deterioration
        (13, 8 / 3, "deteriorated"),
        (3, 2, "unchanged"),  # 50% up but less than the lightest act
        (2, 8, "improved"),
    ],
)
def test_verdict_needs_a_change_of_at_least_the_lightest_act(added, baseline, expected):
    assert escalation.verdict(added, baseline, lightest=2) == expected


def test_worst_month_names_ties():
    rows = [
        row("KHM-101", "2017-10-03", "day", "crackdown", "arrest", "Kem Sokha"),
        row("KHM-102", "2017-11-03", "day", "crackdown", "arrest", "Mu Sochua"),
    ]
    ctx = context(rows, as_of="2025-01-01", start_date="2017-01-01", end_date="2017-12-31")
    assert headline.worst_month_words(headline.month_verdicts(ctx)) == (
        "a tie between October 2017 and November 2017 (6 points each)"
    )


# -------------------------------------------------------------------------- responses


def test_response_lags_are_ranges_with_their_count():
    lags = responses.response_lags(context(**FULL).events, context(**FULL).known)
    assert lags.set_index("crackdown_id")["lag_label"].to_dict() == {
        "KHM-001": "0-17 days",
        "KHM-003": "20 days",
    }
    assert responses.lag_summary(lags) == (
        "2 lags (0-17 days and 20 days): too few for a median (it needs at least 3)"
    )


def test_a_response_answering_two_acts_counts_for_both():
    rows = [
        row("KHM-101", "2017-09-03", "day", "crackdown", "arrest", "Kem Sokha"),
        row("KHM-102", "2017-09", "month", "crackdown", "accusation", "Kem Sokha"),
        row(
            "KHM-103",
            "2017-09",
            "month",
            "international_response",
            "foreign_statement",
            "Government of Cambodia",
            "KHM-101;KHM-102",
            actor="United States",
            reported="2017-09-06",
        ),
    ]
    events = typed_frame(rows)
    pairs = responses.response_pairs(events)
    assert sorted(pairs["crackdown_id"]) == ["KHM-101", "KHM-102"]
    assert responses.share_answered(events) == (2, 2)


def test_answered_share_states_its_base_and_limit():
    ctx = context(**FULL)
    answered, total = responses.share_answered(ctx.events, ctx.known)
    assert (answered, total) == (2, 5)
    assert responses.answered_words(answered, total).endswith(
        "3 drew none that these sources report"
    )


def test_empty_response_kinds_are_dropped():
    table = responses.responses_by_kind(context(**FULL).events, {"diplomatic": "Diplomatic"})
    assert set(table["response_kind"]) == {"statement", "aid_cut", "sanctions"}


# ------------------------------------------------------------------------ bottom line


def test_coverage_counts_publishing_reports_and_the_cut_off():
    ctx = context(**FULL)
    cov = coverage(ctx.events, ctx.known)
    assert cov.n_sources == 11
    assert cov.cutoff == pd.Timestamp("2018-09-10")
    assert ctx.coverage.cutoff == cov.cutoff


def test_bottom_line_key_events_are_dated_carried_out_acts():
    line = headline.bottom_line(context(**FULL))
    assert line.key_events == [
        "10 July 2016: Police beat protesters in Phnom Penh.",
        "3 September 2017: Kem Sokha was arrested on treason charges.",
        "16 November 2017: The Supreme Court dissolved the CNRP.",
        "26 November 2017: Hun Sen called for CCHR to be closed.",
    ]


def test_where_things_stand_lists_lasting_acts_with_no_end_coded():
    line = headline.bottom_line(context(**FULL))
    joined = " ".join(line.standing)
    assert "Kem Sokha (since 3 September 2017; last reported 4 September 2017)" in joined
    assert "CNRP (since 16 November 2017; last reported 17 November 2017)" in joined


def test_where_things_stand_names_the_latest_targets_and_counts_the_others():
    """A window of thousands of arrests (an ACLED country) filled pages with targets."""
    rows = [
        row(f"KHM-{n:03d}", f"2017-{1 + n // 28:02d}-{1 + n % 28:02d}", "day", "crackdown",
            "arrest", f"Activist {n}")
        for n in range(30)
    ]  # fmt: skip
    (sentence,) = headline.standing_sentences(context(rows, as_of="2025-01-01"))
    assert f"30 targets; the {headline.STANDING_NAMED} latest: Activist 22 (since" in sentence
    assert sentence.endswith(
        "and Activist 29 (since 2 February 2017; last reported 31 January 2018)."
    )
    assert "Activist 21 " not in sentence


def test_a_release_ends_a_detention():
    rows = [
        row("KHM-101", "2017-09-03", "day", "crackdown", "arrest", "Kem Sokha"),
        row("KHM-102", "2018-09-10", "day", "crackdown", "release", "Kem Sokha"),
    ]
    ctx = context(rows, as_of="2025-01-01")
    assert headline.standing_acts(ctx).empty


def test_what_to_watch_lists_scheduled_events_after_the_cut_off():
    rows = [
        row("KHM-101", "2017-09-03", "day", "crackdown", "arrest", "Kem Sokha"),
        row(
            "KHM-102",
            "2018-07-29",
            "day",
            "context",
            "election",
            "",
            actor="National Election Committee",
            summary="The national election is scheduled for 29 July 2018.",
            reported="2018-04-08",
        ),
    ]
    before = headline.watch_sentences(context(rows, as_of="2018-05-01"))
    assert before == [
        "29 July 2018: The national election is scheduled for 29 July 2018 (scheduled; "
        "announced by 8 April 2018)."
    ]
    after = headline.watch_sentences(context(rows, as_of="2019-01-01"))
    assert after[0].endswith("The date has passed with no report of it in these sources.")


def test_key_figures_use_the_same_totals_as_the_findings():
    ctx = context(**FULL)
    figures = headline.key_figures(ctx).set_index("figure")["value"]
    total = escalation.severity_total(ctx.events).words()
    assert figures["Severity total"] == total
    assert any(total in f for f in headline.headline_findings(ctx))
    assert figures["Acts answered"] == "2 of 5"


def test_the_rows_fixture_is_the_one_described():
    assert len(ROWS) == 11


def test_no_verdict_rests_on_months_before_the_sources_begin():
    """Three arrests in the first month the sources watch: against an average of 0 over
    the months before (which no source watched) a naive rule calls it a deterioration."""
    rows = [
        row(f"KHM-{n}", f"2021-02-{day:02d}", "day", "crackdown", "arrest", reported="2021-12-31")
        for n, day in ((101, 3), (102, 10), (103, 17))
    ]
    rows += [
        row(f"KHM-{n}", f"2021-{month}-05", "day", "crackdown", "arrest", reported="2021-12-31")
        for n, month in ((104, "03"), (105, "04"), (106, "05"), (107, "05"), (108, "05"))
    ]
    events = typed_frame(rows)
    verdicts = escalation.monthly_verdicts(
        events, "2021-01-01", "2021-05-31", pd.Timestamp("2021-12-31")
    ).set_index("month")["verdict"]
    assert verdicts[pd.Timestamp("2021-01-01")] == "no coverage"
    for month in ("2021-02-01", "2021-03-01", "2021-04-01"):
        assert verdicts[pd.Timestamp(month)] == "insufficient data"
    # May's baseline (February-April) lies wholly in the sources' watch: 18 points vs 8.
    assert verdicts[pd.Timestamp("2021-05-01")] == "deteriorated"
