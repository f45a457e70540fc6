"""General rules of the coder's assistant found by the blind test (tests/fixtures/suggest/
blind_four): each is checked here on sentences other than the blind ones."""

from __future__ import annotations

import pytest
from support.suggest_rules import CODEBOOK, GAZETTEER, MATCHERS, PUB, run, types  # noqa: F401

from helpers.suggest.actors_match import propose_names
from helpers.suggest.dates import find_dates, find_offsets

# ------------------------------------------------------------------------------ dates


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


def test_day_offsets_are_found_with_their_direction() -> None:
    found = find_offsets("The raid came three days before the vote; the next day he fled.")
    assert [(o.days, o.links) for o in found] == [(-3, True), (1, False)]


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


# ---------------------------------------------------------------- quoted headlines


def test_a_quoted_headline_names_no_actor_and_reports_no_act() -> None:
    body = (
        "On Friday, the paper ran a front page titled “Activists Arrested In Dawn Raids,” "
        "its last before the owners sold it."
    )
    assert run(body) == []
    assert propose_names("It carried the headline “Opposition Leaders Silenced”.", []) == []


# -------------------------------------------------------------- lexicon and masks


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


# ------------------------------------------------------------------ reported speech


@pytest.mark.parametrize(
    ("body", "event_type", "actor"),
    [
        ("France says it is alarmed by the verdict.", "foreign_statement",
         "Government of France"),
        ("Amnesty International says the trial was politically motivated.", "ngo_statement",
         "Amnesty International"),
        ("The Office of the United Nations High Commissioner for Human Rights says it is "
         "deeply troubled by the arrests.", "un_statement",
         "Office of the United Nations High Commissioner for Human Rights"),
        ("LICADHO says the charges are baseless.", "domestic_statement",
         "Cambodian League for the Promotion and Defense of Human Rights"),
        ("Mu Sochua, a deputy leader of the party, says she rejects the ruling.",
         "domestic_statement", "Mu Sochua"),
        ("The Ministry of Interior says it welcomes the court's decision.",
         "government_statement", "Ministry of Interior"),
        ("The Cambodian People's Party says it welcomes the verdict.", "government_statement",
         "Cambodian People's Party"),
    ],
)  # fmt: skip
def test_reported_speech_is_typed_by_who_speaks(body: str, event_type: str, actor: str) -> None:
    (cand,) = [c for c in run(body) if c.event_type == event_type]
    assert cand.actor == actor
    assert cand.date.value == "2018-03"  # present tense: the publication month
    assert cand.confidence <= 0.7


@pytest.mark.parametrize(
    "body",
    [
        "Observers in the capital say they are concerned by the verdict.",
        "Police say they found documents in the office.",
    ],
)
def test_reported_speech_needs_a_registered_speaker_and_a_stance(body: str) -> None:
    assert run(body) == []
