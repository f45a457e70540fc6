"""Rules found by a third blind test (kept outside the repository): statements by the
sentence's subject, and a few lexicon fixes, each checked on sentences other than the
blind ones."""

from __future__ import annotations

import re

import pytest
from support.suggest_rules import run, types

from helpers.suggest.speech import subject_speech

# ------------------------------------------------------------- subject speech


@pytest.mark.parametrize(
    ("body", "event_type", "actor"),
    [
        # an international NGO, a verb the phrase lists lack
        (
            "Reporters Without Borders calls the verdict absurd and says it must be overturned.",
            "ngo_statement",
            "Reporters Without Borders",
        ),
        # a UN body after a time phrase, a place between the name and the verb
        (
            "On Friday, the UN human rights office in Geneva said the raids set a grim precedent.",
            "un_statement",
            "Office of the United Nations High Commissioner for Human Rights",
        ),
        # a foreign government with "is calling on"
        (
            "Canada is calling on the authorities to hold a fair trial.",
            "foreign_statement",
            "Government of Canada",
        ),
        # a domestic person with an appositive between the name and the verb
        (
            "Mu Sochua, speaking from Washington, described the trial as a farce.",
            "domestic_statement",
            "Mu Sochua",
        ),
        # the ruling party's leader with a title
        (
            "Prime Minister Hun Sen welcomed the verdict on national television.",
            "government_statement",
            "Hun Sen",
        ),
        # an unregistered group noun is a domestic speaker
        (
            "Rights groups say the new rules are meant to silence critics.",
            "domestic_statement",
            "Rights groups",
        ),
    ],
)
def test_a_speech_verb_after_the_opening_actor_is_a_statement_by_it(
    body: str, event_type: str, actor: str
) -> None:
    found = [c for c in run(body) if c.event_type == event_type]
    assert [c.actor for c in found] == [actor]
    assert 0.5 <= found[0].confidence <= 0.6


def test_speech_needs_the_actor_as_subject_and_a_speech_verb_after_it() -> None:
    verbs = re.compile(r"(?:says?|said)\b", re.I)
    # the name is not the subject: too many words before it
    assert subject_speech("The trial of several members of the CNRP said", [], verbs, None) is None
    # a word that is not a speaker ("Witnesses") and no registered name
    assert run("Observers said a car drove past twice.") == []


def test_a_more_specific_type_in_the_sentence_wins_over_subject_speech() -> None:
    body = "The Committee to Protect Journalists urged the government to release the reporters."
    assert types(body) == ["ngo_statement"]
    found = run(body)
    assert "subject speech" not in found[0].hit.rule or "pattern" in found[0].hit.rule


def test_statements_by_different_speakers_on_one_day_are_both_kept() -> None:
    body = (
        "On 12 March 2018, Germany said the verdict was a setback. "
        "On the same day, Sweden said the trial had been unfair."
    )
    actors = sorted(c.actor for c in run(body) if c.event_type == "foreign_statement")
    assert actors == ["Government of Germany", "Government of Sweden"]


def test_a_bare_crackdown_word_in_what_was_said_is_not_an_act() -> None:
    found = types("Relatives say her detention is meant to frighten other organisers.")
    assert found == ["domestic_statement"]


# ------------------------------------------------------------------- lexicon fixes


def test_a_court_beginning_to_hear_cases_is_a_prosecution_not_an_arrest() -> None:
    body = (
        "In February 2018, the provincial court started hearing cases against forty "
        "activists, many charged with incitement."
    )
    assert types(body) == ["prosecution"]


def test_leaving_the_country_to_avoid_prison_is_exile_dated_by_its_year() -> None:
    found = run("Mu Sochua has lived abroad since 2017, when she left Cambodia to escape arrest.")
    exile = [c for c in found if c.event_type == "forced_exile"]
    assert [(c.date.value, c.date.precision) for c in exile] == [("2017", "year")]
    assert "background" not in [c.event_type for c in found]


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
