"""Dates the coder's assistant takes from context: a day and month with a relative year, a
weekday, a number of days before or after another act, the day the story has reached.

Most of these rules were found by blind tests (articles written by people who never
saw the rules); each is checked here on sentences other than the blind ones.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support.suggest_rules import PUB, run

from helpers.suggest.dates import find_dates, find_offsets


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("the vote is set for 15 March next year", "2019-03-15", "day"),
        ("on 2 June last year, the court ruled", "2017-06-02", "day"),
        ("the talks resume in October next year", "2019-10", "month"),
    ],
)
def test_month_and_day_with_a_relative_year(text: str, value: str, precision: str) -> None:
    (found,) = find_dates(text, PUB)
    assert (found.value, found.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("On Tuesday, the court ruled", "2018-03-20"),  # PUB is a Tuesday: that very day
        ("Amnesty International said on Tuesday that", "2018-03-20"),
        ("On Wednesday, the court ruled", "2018-03-14"),
        ("On Monday, the court ruled", "2018-03-19"),
    ],
)
def test_a_weekday_is_the_latest_one_on_or_before_publication(text: str, value: str) -> None:
    (found,) = find_dates(text, PUB)
    assert (found.value, found.precision) == (value, "day")


def test_publication_day_itself_for_a_weekday() -> None:
    (found,) = find_dates("On Friday, the court ruled", dt.date(2020, 2, 14))
    assert found.value == "2020-02-14"


def test_day_offsets_are_found_with_their_direction() -> None:
    found = find_offsets("The raid came three days before the vote; the next day he fled.")
    assert [(o.days, o.links) for o in found] == [(-3, True), (1, False)]


def test_the_same_day_is_an_offset_of_nought_unless_it_links_two_acts() -> None:
    assert [(o.days, o.links) for o in find_offsets("LICADHO said the same day that")] == [
        (0, False)
    ]
    assert find_offsets("The raid came on the same day that the vote was held.") == []


def test_a_day_after_an_earlier_act_counts_from_that_act() -> None:
    body = (
        "On 12 March 2018, the Ministry of Information forced the station to close.\n\n"
        "The closure came two days after police detained the station's director."
    )
    (arrest,) = [c for c in run(body) if c.event_type == "arrest"]
    assert arrest.date.value == "2018-03-10"
    assert arrest.date_source == "sentence"


def test_the_next_day_counts_from_the_date_in_context() -> None:
    body = (
        "On 5 March 2018, activists rallied outside the court. "
        "The next day, police arrested three of the organisers."
    )
    (arrest,) = [c for c in run(body) if c.event_type == "arrest"]
    assert arrest.date.value == "2018-03-06"


def test_an_act_after_the_phrase_counts_from_the_act_before_it() -> None:
    body = "The ban came a week before the Supreme Court dissolved the party on 16 March 2018."
    (dissolution,) = [c for c in run(body) if c.event_type == "party_dissolution"]
    assert dissolution.date.value == "2018-03-16"  # its own date, nearer than the offset


def test_relative_days_follow_the_story_across_paragraphs_not_its_flashbacks() -> None:
    body = (
        "On 12 March 2018, the court charged two monks with incitement. "
        "They had been detained four days earlier at a pagoda.\n\n"
        "LICADHO said in a statement the same day that the monks were innocent. "
        "The monks deny wrongdoing. "
        "Three days later, dozens of monks gathered outside the court holding banners."
    )
    found = {c.event_type: c.date.value for c in run(body)}
    assert found["domestic_statement"] == "2018-03-12"
    assert found["protest"] == "2018-03-15"


def test_leaving_the_country_to_avoid_prison_is_exile_dated_by_its_year() -> None:
    found = run("Mu Sochua has lived abroad since 2017, when she left Cambodia to escape arrest.")
    exile = [c for c in found if c.event_type == "forced_exile"]
    assert [(c.date.value, c.date.precision) for c in exile] == [("2017", "year")]
    assert "background" not in [c.event_type for c in found]


def test_an_election_named_by_its_date_is_an_election() -> None:
    body = "The CPP expects to win the 2018 general election easily."
    found = [c for c in run(body) if c.event_type == "election"]
    assert [c.date.value for c in found] == ["2018"]
