"""Candidates from articles: lexicon hits, aliases resolved, another source for an event."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from support.suggest_project import ARTICLE_ID, REPO, make_project

from helpers import cli
from helpers.corpus.articles import parse_corpus
from helpers.dataset.actors import ActorRegistry
from helpers.dataset.codebook import load_codebook
from helpers.suggest.actors_match import Gazetteer, assign_roles
from helpers.suggest.candidates import suggest_article
from helpers.suggest.lexicon import build_matchers
from helpers.suggest.merge import CuratedEvent, find_match, refine_date
from helpers.suggest.sentences import split_sentences

CODEBOOK = load_codebook(REPO / "data/codebook.yaml")
REGISTRY = ActorRegistry.from_rows(
    [
        {"actor": "Kem Sokha", "kind": "person", "aliases": "Ken Sokha;Sokha"},
        {"actor": "Royal Government of Cambodia", "kind": "government", "country": "Cambodia"},
        {"actor": "Supreme Court of Cambodia", "kind": "court", "aliases": "Supreme Court"},
        {"actor": "Cambodia National Rescue Party", "kind": "party", "aliases": "CNRP"},
    ]
)


def article(body: str, published: dt.date = dt.date(2017, 10, 6)) -> SimpleNamespace:
    """An article-like object."""
    return SimpleNamespace(
        article_id="a1", title="T", body=body, country="Cambodia", published_date=published
    )


def suggest(body: str, **kwargs) -> list:
    return suggest_article(
        article(body, **kwargs), CODEBOOK, build_matchers(CODEBOOK), Gazetteer(REGISTRY)
    )


def test_sentence_offsets_point_into_the_body() -> None:
    body = "Mr. Sokha was arrested. He denied it.\n\nThe court ruled."
    for sentence in split_sentences(body):
        assert body[sentence.start : sentence.end] == sentence.text
    assert [s.paragraph for s in split_sentences(body)] == [0, 0, 1]


def test_alias_resolves_to_canonical_target_with_default_actor() -> None:
    (cand,) = suggest("In September the leader of the CNRP, Ken Sokha, was arrested on charges.")
    assert (cand.event_type, cand.category) == ("arrest", "crackdown")
    assert cand.target == "Kem Sokha"
    assert cand.actor == "Royal Government of Cambodia"  # the type's default actor kind
    assert (cand.date.value, cand.date.precision) == ("2017-09", "month")


def test_active_sentence_subject_acts_on_object() -> None:
    (cand,) = suggest("In November of 2017, the Supreme Court dissolved the CNRP.")
    assert cand.event_type == "party_dissolution"
    assert (cand.actor, cand.target) == (
        "Supreme Court of Cambodia",
        "Cambodia National Rescue Party",
    )


def test_unknown_capitalised_name_is_proposed() -> None:
    mentions = Gazetteer(REGISTRY).find("x")
    roles = assign_roles("x", mentions, (0, 1), None, None)
    assert roles.proposed == ()
    (cand,) = suggest(
        "On 5 October 2017 the Phnom Penh Municipal Court charged Kem Sokha with treason."
    )
    assert cand.actor == "Phnom Penh Municipal Court"
    assert cand.proposed == ("Phnom Penh Municipal Court",)


def test_undated_sentence_borrows_the_previous_sentence_date() -> None:
    text = "On 26 November 2017, the CNRP protested. He accused foreigners of plotting a coup."
    cands = suggest(text, published=dt.date(2017, 11, 30))
    accusation = next(c for c in cands if c.event_type == "accusation")
    assert accusation.date.value == "2017-11-26" and accusation.date_source == "context"


def test_present_tense_sentence_takes_the_publication_month() -> None:
    cands = suggest("In May 2016 nothing. Now the CNRP is calling for a boycott of the elections.")
    boycott = next(c for c in cands if c.event_type == "boycott_call")
    assert boycott.date.value == "2017-10" and boycott.date_source == "publication"


def test_scheduled_election_only_as_context() -> None:
    cands = suggest(
        "Rainsy urged people to boycott the July 29, 2018 elections.", published=dt.date(2018, 4, 8)
    )
    election = next(c for c in cands if c.event_type == "election")
    assert election.date.value == "2018-07-29" and "scheduled" in election.notes
    boycott = next(c for c in cands if c.event_type == "boycott_call")
    assert not boycott.date.scheduled


def test_match_and_date_refinement() -> None:
    event = CuratedEvent("KHM-011", "arrest", "2017-09", "month", ("Gov",), ("Kem Sokha",), ("x",))
    assert find_match([event], "arrest", "2017-09-03", "day", "Gov", "Kem Sokha") is event
    assert find_match([event], "arrest", "2017-10-03", "day", "Gov", "Kem Sokha") is None
    assert find_match([event], "threat", "2017-09-03", "day", "Gov", "Kem Sokha") is None
    assert refine_date(event, "2017-09-03", "day") == ("2017-09-03", "day")
    assert refine_date(event, "2017", "year") is None


def test_suggest_command_writes_another_source_row(tmp_path: Path) -> None:
    proj = make_project(tmp_path)
    assert cli.main(["--root", str(tmp_path), "suggest"]) == 0
    path = proj.suggested / f"{ARTICLE_ID}.csv"
    assert not (proj.suggested / "another-article-about-the-arrest.csv").exists()  # cited
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    arrest = next(r for r in rows if r["event_type"] == "arrest")
    assert arrest["matches_event"] == "KHM-001" and arrest["event_id"] == ""
    assert (
        arrest["date"] == "2017-09-03"
        and "refines its date 2017-09 to 2017-09-03" in arrest["notes"]
    )
    assert arrest["status"] == "suggested" and float(arrest["confidence"]) > 0.5
    body = next(a for a in parse_corpus(proj) if a.article_id == ARTICLE_ID).body
    assert body[int(arrest["evidence_start"]) : int(arrest["evidence_end"])] == arrest["evidence"]
    assert all(r["event_type"] != "arrest" or r["matches_event"] for r in rows)  # no duplicate


def test_a_full_stop_inside_a_closing_quote_ends_the_sentence() -> None:
    text = "CCHR said it was “a dark day.”  On Friday, the court ruled."
    assert [s.text for s in split_sentences(text)] == [
        "CCHR said it was “a dark day.”",
        "On Friday, the court ruled.",
    ]
