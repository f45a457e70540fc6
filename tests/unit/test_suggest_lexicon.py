"""Event types from the codebook's lexicon: which words fire, what masks them, and a
quoted headline that names no actor and reports no act.

Most of these rules were found by blind tests (articles written by people who never
saw the rules); each is checked here on sentences other than the blind ones.
"""

from __future__ import annotations

import pytest
from support.suggest_rules import run, types

from helpers.suggest.actors_match import propose_names


def test_a_quoted_headline_names_no_actor_and_reports_no_act() -> None:
    body = (
        "On Friday, the paper ran a front page titled “Activists Arrested In Dawn Raids,” "
        "its last before the owners sold it."
    )
    assert run(body) == []
    assert propose_names("It carried the headline “Opposition Leaders Silenced”.", []) == []


def test_a_forced_final_edition_is_a_move_against_the_press() -> None:
    body = (
        "On Friday, the weekly printed its last issue, forced to shut down after the "
        "ministry revoked its permit."
    )
    assert "media_restriction" in types(body)


def test_a_broadcaster_closing_its_bureau_is_a_move_against_the_press() -> None:
    assert types("In March 2018, Voice of America shut its Phnom Penh bureau.") == [
        "media_restriction"
    ]


def test_an_active_release_fires_release_and_house_arrest_no_arrest() -> None:
    body = "On 2 March 2018, the court freed activist Tep Vanny from prison to house arrest."
    assert types(body) == ["release"]


@pytest.mark.parametrize(
    "body",
    [
        "Journalists visited the prison where the two activists were held in March 2018.",
        "Tep Vanny, who spent two years in pretrial detention, spoke in March 2018.",
        "In March 2018, protesters marked a year since the arrest of the union leader.",
    ],
)
def test_a_detention_described_not_done_is_no_arrest(body: str) -> None:
    assert "arrest" not in types(body)


def test_an_adjective_is_no_dissolution() -> None:
    body = "On 2 March 2018, a former lawmaker of the banned opposition party met voters."
    assert "party_dissolution" not in types(body)
    assert types("On 2 March 2018, the court dissolved the party.") == ["party_dissolution"]


def test_a_trade_preference_review_is_a_diplomatic_measure() -> None:
    body = (
        "On 2 March 2018, the European Union opened a review of the country's duty-free "
        "access to its markets."
    )
    assert types(body) == ["diplomatic_measure"]


def test_halting_development_cooperation_is_an_aid_cut() -> None:
    (cand,) = run("In March 2018, Germany decided to halt its development cooperation.")
    assert (cand.event_type, cand.actor) == ("aid_cut", "Government of Germany")


def test_a_progressive_verb_is_active() -> None:
    (cand,) = run("On Monday, the European Union said it was cutting its aid to the ministry.")
    assert (cand.event_type, cand.actor, cand.date.value) == (
        "aid_cut",
        "European Union",
        "2018-03-19",
    )


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


def test_a_court_beginning_to_hear_cases_is_a_prosecution_not_an_arrest() -> None:
    body = (
        "In February 2018, the provincial court started hearing cases against forty "
        "activists, many charged with incitement."
    )
    assert types(body) == ["prosecution"]


def test_withdrawing_part_of_tariff_free_access_is_a_sanction() -> None:
    body = "In February 2018, the European Union suspended part of Cambodia's duty-free access."
    assert "sanctions" in types(body)


def test_a_past_record_in_a_profile_is_no_arrest() -> None:
    body = "On 12 March 2018, the journalist, who has been detained twice before, won an award."
    assert "arrest" not in types(body)


def test_organisers_of_a_rally_detained_is_an_arrest_not_a_protest() -> None:
    body = "On 14 March 2018, police arrested three of the protest's leaders outside the court."
    assert types(body) == ["arrest"]


def test_an_arrest_told_before_and_now_explained_is_not_a_new_one() -> None:
    body = (
        "On 12 March 2018, his detention followed a speech in which he criticised the ruling party."
    )
    assert "arrest" not in types(body)


def test_hundreds_marching_is_a_protest() -> None:
    body = "On 12 March 2018, thousands of workers marched to the ministry."
    assert types(body) == ["protest"]
