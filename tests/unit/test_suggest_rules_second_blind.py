"""General rules of the coder's assistant found by a second blind test (kept outside the
repository as an untouched check): each is checked here on sentences other than the
blind ones."""

from __future__ import annotations

import datetime as dt

import pytest
from support.suggest_rules import PUB, run, types

from helpers.suggest.dates import find_dates, find_offsets
from helpers.suggest.sentences import split_sentences

# ------------------------------------------------------------------------------ dates


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


def test_the_same_day_is_an_offset_of_nought_unless_it_links_two_acts() -> None:
    assert [(o.days, o.links) for o in find_offsets("LICADHO said the same day that")] == [
        (0, False)
    ]
    assert find_offsets("The raid came on the same day that the vote was held.") == []


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


def test_a_full_stop_inside_a_closing_quote_ends_the_sentence() -> None:
    text = "CCHR said it was “a dark day.”  On Friday, the court ruled."
    assert [s.text for s in split_sentences(text)] == [
        "CCHR said it was “a dark day.”",
        "On Friday, the court ruled.",
    ]


# -------------------------------------------------------------- lexicon and masks


def test_a_court_charging_people_named_at_length_is_an_arrest() -> None:
    body = (
        "On 12 March 2018, the Phnom Penh court charged four land activists from the "
        "Borei Keila community with obstruction of officials."
    )
    (cand,) = [c for c in run(body) if c.event_type == "arrest"]
    assert cand.actor == "Phnom Penh Municipal Court"


def test_a_continuing_charge_is_no_new_arrest() -> None:
    assert "arrest" not in types("Rainsy remains charged with defamation in March 2018.")


def test_lifting_house_arrest_is_a_release_not_an_arrest() -> None:
    body = "On 12 March 2018, the court lifted the house arrest of the union leader."
    assert types(body) == ["release"]


@pytest.mark.parametrize(
    "body",
    [
        "On 12 March 2018, the court summoned 40 opposition supporters to answer charges.",
        "On 12 March 2018, the court opened the incitement trial of the union leader.",
    ],
)
def test_summons_and_trials_are_prosecution(body: str) -> None:
    assert types(body) == ["prosecution"]


def test_a_vowed_arrest_is_a_threat_not_an_arrest() -> None:
    body = (
        "On 12 March 2018, police were deployed at the airport as the government vowed to "
        "arrest the exiled activist if she landed."
    )
    assert types(body) == ["threat"]


def test_withdrawing_trade_preferences_by_decision_is_a_sanction() -> None:
    body = (
        "On 12 March 2018, the European Union decided to suspend part of the country's "
        "tariff-free access under the EBA scheme."
    )
    assert types(body) == ["sanctions"]


@pytest.mark.parametrize(
    "body",
    [
        "On 12 March 2018, Mu Sochua called on the European Union to suspend the "
        "country's trade preferences.",
        "On 12 March 2018, Mu Sochua urged Brussels to withdraw the EBA preferences.",
    ],
)
def test_a_call_to_withdraw_trade_preferences_is_a_call_for_foreign_action(body: str) -> None:
    # Mu Sochua is the country's own opposition: her call is a domestic response.
    assert types(body) == ["call_for_foreign_action"]


def test_a_body_named_by_a_common_noun_takes_the_previous_sentence_body() -> None:
    body = (
        "On 12 March 2018, the UN human rights office said it was troubled by the verdict. "
        "The office called on the authorities to free the two monks."
    )
    appeals = [c for c in run(body) if c.event_type == "un_appeal"]
    assert [c.actor for c in appeals] == [
        "Office of the United Nations High Commissioner for Human Rights"
    ]


def test_a_rapporteur_telling_the_council_is_a_un_statement() -> None:
    body = "In March 2018, Rhona Smith told the Human Rights Council that civic space had shrunk."
    assert types(body) == ["un_statement"]


def test_a_possessor_is_not_the_speaker() -> None:
    body = (
        "On 12 March 2018, Germany noted Kem Sokha’s transfer to hospital but said on "
        "Monday that his charges should be dropped."
    )
    (cand,) = run(body)
    assert (cand.event_type, cand.actor) == ("foreign_statement", "Government of Germany")


def test_the_date_between_said_and_the_stance_does_not_hide_an_ngo_statement() -> None:
    body = "Human Rights Watch said on Monday that the verdicts handed to the monks were unjust."
    (cand,) = run(body)
    assert (cand.event_type, cand.date.value) == ("ngo_statement", "2018-03-19")


def test_rejecting_described_allegations_is_a_domestic_statement() -> None:
    body = "On 12 March 2018, Mu Sochua rejected the treason allegations as baseless."
    assert types(body) == ["domestic_statement"]


def test_a_gathering_with_banners_is_a_protest() -> None:
    body = "On 12 March 2018, relatives of the monks gathered outside the ministry waving flags."
    assert types(body) == ["protest"]


@pytest.mark.parametrize(
    "body",
    [
        "On 12 March 2018, police detained two farmers as they prepared to protest the eviction.",
        "On 12 March 2018, police arrested five workers who had protested for higher wages.",
    ],
)
def test_the_protest_behind_an_arrest_is_no_protest_event(body: str) -> None:
    assert types(body) == ["arrest"]


def test_pointing_to_a_dissolution_is_no_dissolution() -> None:
    body = (
        "In March 2018, the EU began a review of trade preferences, pointing to the "
        "dissolution of the opposition party."
    )
    assert types(body) == ["diplomatic_measure"]


def test_an_election_named_by_its_date_is_an_election() -> None:
    body = "The CPP expects to win the 2018 general election easily."
    found = [c for c in run(body) if c.event_type == "election"]
    assert [c.date.value for c in found] == ["2018"]


def test_publication_day_itself_for_a_weekday() -> None:
    (found,) = find_dates("On Friday, the court ruled", dt.date(2020, 2, 14))
    assert found.value == "2020-02-14"
