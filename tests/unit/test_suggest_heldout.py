"""Held-out house-style articles (tests/fixtures/suggest): the key events are suggested.

The fixtures are new articles in the Impunity Watch style with variants the seed lacks
("By" without a colon, no caption, a references heading without a colon, relative dates);
``blind_four`` holds four articles written and coded by someone who never saw the code
(its expected rows name their ``article_id``).
Each has a hand-coded ``<name>.expected.csv``; ``benchmarks/evaluate_suggest.py`` scores
them all. These tests pin the events a coder would most want found.
"""

from __future__ import annotations

import csv
import sys
from functools import cache

import pytest
from support.suggest_project import REPO
from support.suggest_rules import CODEBOOK, GAZETTEER, MATCHERS
from support.suggest_rules import run as run_rules

from helpers.suggest.candidates import suggest_article

FIXTURES = REPO / "tests/fixtures/suggest"


@cache
def suggested(name: str) -> list:
    """Candidates for the fixture articles of ``name`` (parsed as ingest would)."""
    from helpers.corpus.articles import parse_file

    return [
        cand
        for article in parse_file(FIXTURES / f"{name}.txt", REPO)
        for cand in suggest_article(article, CODEBOOK, MATCHERS, GAZETTEER, 0.5)
    ]


def expected(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / f"{name}.expected.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def find(name: str, evidence: str):
    found = [c for c in suggested(name) if evidence in c.sentence.text.replace("’", "'")]
    assert found, f"no candidate with {evidence!r} in {name}"
    return found


NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def test_every_fixture_has_an_expected_file() -> None:
    assert len(NAMES) >= 4
    for name in NAMES:
        rows = expected(name)
        assert rows and set(rows[0]) >= {"event_type", "date", "date_precision", "actor"}
        assert all(r["event_type"] in CODEBOOK.types for r in rows)


@pytest.mark.parametrize(
    ("name", "evidence", "event_type", "date", "actor"),
    [
        ("probe_court_eu", "sentenced five opposition", "prosecution", "2018-03-14",
         "Phnom Penh Municipal Court"),
        ("probe_court_eu", "suspend its election funding", "aid_cut", "2018-03-16",
         "European Union"),
        ("probe_court_eu", "Sweden had already cut aid", "aid_cut", "2017-12",
         "Government of Sweden"),
        ("probe_court_eu", "Amnesty International called on", "ngo_statement", "2018-03",
         "Amnesty International"),
        ("newspaper_tax", "was forced to close", "media_restriction", "2017-09-04",
         "Royal Government of Cambodia"),
        ("newspaper_tax", "or be shut down", "threat", "2017-08-21",
         "General Department of Taxation"),
        ("newspaper_tax", "stop broadcasting", "media_restriction", "2017-09",
         "Ministry of Information"),
        ("newspaper_tax", "deeply concerned", "foreign_statement", "2017-09",
         "Government of the United States"),
        ("espionage_radio", "charged with espionage", "arrest", "2017-11-16",
         "Phnom Penh Municipal Court"),
        ("espionage_radio", "two weeks ago", "arrest", "2017-11", "Cambodian National Police"),
        ("espionage_radio", "off the air", "media_restriction", "2017-08",
         "Ministry of Information"),
        ("espionage_radio", "Reporters Without Borders", "ngo_statement", "2017-11",
         "Reporters Without Borders"),
        ("bail_release", "released on bail", "release", "2017-06-29",
         "Phnom Penh Municipal Court"),
        ("bail_release", "violently dispersed", "violent_repression", "2017-06-29",
         "Cambodian National Police"),
        ("bail_release", "drop all charges", "un_appeal", "2017-06",
         "UN Special Rapporteur on the situation of human rights in Cambodia"),
        ("bail_release", "LICADHO said in a statement", "domestic_statement", "2017-06",
         "Cambodian League for the Promotion and Defense of Human Rights"),
        ("eba_visas", "restrict visas", "sanctions", "2017-12-06",
         "Government of the United States"),
        ("eba_visas", "Everything But Arms", "diplomatic_measure", "2017-12", "European Union"),
        ("eba_visas", "Germany has already suspended", "sanctions", "2017-12",
         "Government of Germany"),
        ("eba_visas", "expressed deep concern", "un_statement", "2017-12-12",
         "UN Special Rapporteur on the situation of human rights in Cambodia"),
        ("commune_election", "voted in commune elections", "election", "2017-06-04", ""),
        ("commune_election", "Ny Chakrya was sentenced", "prosecution", "2017-05", ""),
        # blind_four: written and coded by someone who never saw the code
        ("blind_four", "published its final edition", "media_restriction", "2017-09-04", ""),
        ("blind_four", "The closure came a day after police arrested", "arrest", "2017-09-03",
         "Cambodian National Police"),
        ("blind_four", "which funds RFA, says it is troubled", "foreign_statement", "2017-11",
         "Government of the United States"),
        ("blind_four", "Hun Sen says he welcomes", "government_statement", "2017-12", "Hun Sen"),
        ("blind_four", "says her father remains a political prisoner", "domestic_statement",
         "2018-09", "Kem Monovithya"),
        ("blind_four", "suspending its funding for the National Election", "aid_cut",
         "2017-12-11", "European Union"),
        ("blind_four", "begun a review of Cambodia's duty-free", "diplomatic_measure", "2018-09",
         "European Union"),
        ("blind_four", "remains scheduled for July 29 next year", "election", "2018-07-29",
         "National Election Commission"),
        ("blind_four", "Municipal Court released opposition leader", "release", "2018-09-10",
         "Phnom Penh Municipal Court"),
        ("blind_four", "two days before the Supreme Court dissolved", "party_dissolution",
         "2017-11-16", "Supreme Court of Cambodia"),
    ],
)  # fmt: skip
def test_key_held_out_event(name, evidence, event_type, date, actor) -> None:
    found = [c for c in find(name, evidence) if c.event_type == event_type]
    assert len(found) == 1, [c.hit.rule for c in find(name, evidence)]
    (cand,) = found
    assert cand.date is not None and cand.date.value == date
    if actor:
        assert cand.actor == actor


@pytest.mark.parametrize(
    "evidence",
    [
        "carried the headline",  # a quoted headline is no actor and reports no arrest
        "Police say they found recording equipment",  # "where the men were detained"
        "the dissolved Cambodia National Rescue Party",  # an adjective, not a dissolution
        "Analysts in Phnom Penh say",  # reported speech by nobody registered
    ],
)
def test_blind_sentences_that_report_no_new_act(evidence: str) -> None:
    assert not [c for c in suggested("blind_four") if evidence in c.sentence.text]


def test_blind_release_sentence_is_no_arrest() -> None:
    found = find("blind_four", "Municipal Court released opposition leader")
    assert [c.event_type for c in found] == ["release"]


def test_a_name_holding_a_trigger_fires_nothing() -> None:
    types = {c.event_type for c in find("probe_court_eu", "National Election Commission")}
    assert types == {"aid_cut"}  # not "election" from "National Election Commission"


def test_one_sentence_one_candidate_per_act() -> None:
    assert len(find("probe_court_eu", "Amnesty International called on")) == 1
    assert len(find("newspaper_tax", "deeply concerned")) == 1


def test_unregistered_targets_are_proposed_and_flagged() -> None:
    (cand,) = find("probe_court_eu", "sentenced five opposition")
    assert cand.target == "five opposition activists"
    assert "five opposition activists" in cand.proposed
    assert any("proposed phrase" in n for n in cand.notes)
    (passive,) = find("espionage_radio", "charged with espionage")
    assert passive.target == "Uon Chhin and Yeang Sothearin"


def run(body: str) -> list:
    return run_rules(body, min_confidence=0.0)


def test_unknown_country_subject_is_proposed_as_actor() -> None:
    (cand,) = run("Norway had already cut aid in December 2017.")
    assert (cand.event_type, cand.actor) == ("aid_cut", "Norway")
    assert cand.proposed == ("Norway",)


@pytest.mark.parametrize(
    ("body", "event_type"),
    [
        ("Human Rights Watch called on the authorities to release the activists.",
         "ngo_statement"),
        ("France called on the authorities to release the activists.", "foreign_statement"),
        ("UN experts called on the authorities to release the activists.", "un_appeal"),
        ("LICADHO called on the authorities to release the activists.", "domestic_statement"),
    ],
)  # fmt: skip
def test_appeal_is_typed_by_who_makes_it(body: str, event_type: str) -> None:
    assert [c.event_type for c in run(body)] == [event_type]


def test_an_appeal_by_nobody_named_is_not_a_un_appeal() -> None:
    assert run("Rights groups have said the case was politically motivated.") == []


def test_benchmark_held_out_score() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "evaluate_suggest", REPO / "benchmarks/evaluate_suggest.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["evaluate_suggest"] = module
    spec.loader.exec_module(module)
    pairs, duplicates, false = module.evaluate_held_out(0.5)
    found = [p for p in pairs if p.candidate is not None]
    assert len(found) / len(pairs) >= 0.8
    assert len(false) + len(duplicates) <= len(found)
