"""The date grammar of the coder's assistant: every form, resolved against publication."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.suggest.dates import find_dates, pick_date, resolve_month_day, resolve_week

PUB = dt.date(2017, 10, 6)


def only(text: str, published: dt.date | None = PUB):
    """The single date mention in ``text``."""
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("On 26 November 2017, Hun Sen called", "2017-11-26", "day"),
        ("On January 25, 2017, two experts", "2017-01-25", "day"),
        ("on Nov. 7, 2017 the US", "2017-11-07", "day"),
        ("In November of 2017, the court", "2017-11", "month"),
        ("In May 2016, the government", "2016-05", "month"),
        ("In 2013, the CPP narrowly won", "2013", "year"),
        ("arrested in late 2017 on charges", "2017", "year"),
        ("founded in early 2002", "2002", "year"),
    ],
)
def test_explicit_dates(text: str, value: str, precision: str) -> None:
    mention = only(text, dt.date(2018, 4, 8))
    assert (mention.value, mention.precision) == (value, precision)
    assert text[mention.start : mention.end] == mention.text


def test_weekday_checked_picks_the_matching_year() -> None:
    mention = only("On Sunday, September 3rd, Kem Sokha was arrested", dt.date(2017, 9, 6))
    assert (mention.value, mention.precision, mention.flag) == ("2017-09-03", "day", "")
    assert "weekday Sunday checked" in mention.rule


def test_weekday_that_matches_no_nearby_year_is_flagged() -> None:
    mention = only("On Tuesday, September 3rd, he was arrested", dt.date(2017, 9, 6))
    assert mention.value == "2017-09-03"
    assert "Tuesday" in mention.flag


def test_weekday_mismatch_in_a_full_date_is_flagged() -> None:
    assert "does not match" in only("On Monday, September 3, 2017, police").flag


def test_month_day_without_weekday_takes_latest_not_after_publication() -> None:
    day, _, flag = resolve_month_day(12, 20, dt.date(2017, 10, 6))
    assert day == dt.date(2016, 12, 20) and flag == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("During the local elections this past June the CPP", "2017-06"),
        ("In early October Sen threatened", "2017-10"),
        ("In September the leader was arrested", "2017-09"),
        ("last November the court", "2016-11"),
    ],
)
def test_relative_months_without_year(text: str, value: str) -> None:
    mention = only(text)
    assert (mention.value, mention.precision, mention.scheduled) == (value, "month", False)


def test_relative_years_and_days() -> None:
    assert only("the year before, last year,").value == "2016"
    assert only("He spoke yesterday").value == "2017-10-05"
    assert only("Police came on Monday").value == "2017-10-02"
    assert only("last month the party").value == "2017-09"


def test_last_week_in_one_month_is_month_precision() -> None:
    mention = only("Police arrested him last week", dt.date(2017, 11, 22))
    assert (mention.value, mention.precision, mention.flag) == ("2017-11", "month", "")
    assert "sits in one month" in mention.rule


def test_last_week_across_two_months_takes_the_middle_day_and_flags() -> None:
    mention = only("Police arrested him last week", dt.date(2017, 11, 7))
    assert mention.value == "2017-11" and "two months" in mention.flag
    assert resolve_week(dt.date(2017, 9, 25), dt.date(2017, 10, 1))[0] == "2017-09"


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("to boycott the July 29, 2018 elections", "2018-07-29", "day"),
        ("will likely win the Presidential elections next July", "2018-07", "month"),
        ("Next year, Cambodia is set for an election", "2018", "year"),
    ],
)
def test_future_dates_are_scheduled(text: str, value: str, precision: str) -> None:
    mention = only(text)
    assert (mention.value, mention.precision, mention.scheduled) == (value, precision, True)


def test_scheduled_dates_only_for_types_that_allow_them() -> None:
    text = "On 8 April 2018 Rainsy called to boycott the July 29, 2018 elections"
    mentions = find_dates(text, dt.date(2018, 4, 8))
    anchor = text.index("boycott")
    assert pick_date(mentions, anchor, allow_scheduled=False).value == "2018-04-08"
    assert pick_date(mentions, text.index("elections"), allow_scheduled=True).value == "2018-07-29"


def test_relative_forms_need_a_publication_date() -> None:
    assert find_dates("this past June and last week", None) == []


def test_not_dates() -> None:
    assert find_dates("you may 20 times; Article 443; a 30 year term; the late 1960s", PUB) == []


# ----------------------------------------------------- forms the held-out articles use

PUB_NOV = dt.date(2017, 11, 19)  # a Sunday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("On Monday, August 21, the tax department", "2017-08-21", "day"),
        ("were charged on Thursday for espionage", "2017-11-16", "day"),
        ("rallied on Thursday morning outside", "2017-11-16", "day"),
        ("In late August, the ministry", "2017-08", "month"),
        ("Police detained them two weeks ago at a guesthouse", "2017-11", "month"),
        ("Earlier this month, the ministry ordered", "2017-11", "month"),
        ("was forced to close on September 4, 2017 after", "2017-09-04", "day"),
        ("Daily to close after 24 years – 4th September 2017", "2017-09-04", "day"),
        ("three days ago", "2017-11-16", "day"),
        ("a month ago", "2017-10", "month"),
        ("two years ago", "2015", "year"),
        ("earlier this year", "2017", "year"),
    ],
)
def test_held_out_forms(text: str, value: str, precision: str) -> None:
    mention = only(text, PUB_NOV)
    assert (mention.value, mention.precision) == (value, precision)
    assert not mention.scheduled


def test_weeks_ago_takes_the_month_of_the_day_so_many_weeks_before() -> None:
    mention = only("two weeks ago", dt.date(2017, 6, 6))
    assert (mention.value, mention.precision) == ("2017-05", "month")
    assert "2017-05-23" in mention.rule


def test_vague_count_is_flagged_and_needs_a_publication_date() -> None:
    assert only("a few days ago", PUB_NOV).flag
    assert find_dates("two weeks ago", None) == []
