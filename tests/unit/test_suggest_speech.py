"""Statements: reported speech typed by who speaks, the sentence's subject as the speaker,
and which actor a statement is given to.

Most of these rules were found by blind tests (articles written by people who never
saw the rules); each is checked here on sentences other than the blind ones.
"""

from __future__ import annotations

import re

import pytest
from support.suggest_rules import run, types

from helpers.suggest.speech import subject_speech


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


def test_a_body_named_by_a_common_noun_takes_the_previous_sentence_body() -> None:
    body = (
        "On 12 March 2018, the UN human rights office said it was troubled by the verdict. "
        "The office called on the authorities to free the two monks."
    )
    appeals = [c for c in run(body) if c.event_type == "un_appeal"]
    assert [c.actor for c in appeals] == [
        "Office of the United Nations High Commissioner for Human Rights"
    ]
