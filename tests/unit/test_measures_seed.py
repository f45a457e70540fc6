"""The briefing measures on the seed corpus: each point a careful reader checked by hand
against the six articles (a copy of the repository's data, ingested and built in a
temporary folder)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import escalation, headline, responses
from helpers.analysis.context import load_context
from helpers.dataset.build import build_events
from helpers.dataset.validation import validate_project
from helpers.errors import InputError
from helpers.paths import Project
from helpers.presenting.params import validate_parameters

REPO = Project(Path(__file__).resolve().parents[2])
TODAY = "2026-12-01"


def copy_project(root: Path) -> Project:
    from helpers.corpus.ingest import ingest

    shutil.copytree(REPO.data, root / "data", ignore=shutil.ignore_patterns("processed"))
    project = Project(root)
    ingest(project)
    build_events(project)
    return project


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Project:
    return copy_project(tmp_path_factory.mktemp("seed"))


def ctx_for(project: Project, **params):
    values = validate_parameters(
        "01_briefing",
        {"as_of": TODAY, **params},
        countries=["Cambodia"],
        today=dt.date.fromisoformat(TODAY),
    )
    return load_context("01_briefing", values, project)


@pytest.fixture(scope="module")
def ctx(seed):
    return ctx_for(seed)


def test_kem_sokhas_arrest_is_answered_within_0_to_3_days(ctx):
    pairs = responses.response_pairs(ctx.events, ctx.known)
    sokha = pairs[pairs["crackdown_id"] == "KHM-011"]
    assert set(sokha["lag_label"]) == {"0-3 days"}
    assert set(sokha["response_id"]) == {"KHM-013", "KHM-015"}


def test_the_embassy_and_hrw_answer_the_charges_as_well_as_the_arrest(ctx):
    pairs = responses.response_pairs(ctx.events, ctx.known)
    for response in ("KHM-013", "KHM-015"):
        answered = set(pairs.loc[pairs["response_id"] == response, "crackdown_id"])
        assert answered == {"KHM-011", "KHM-012"}


def test_no_response_is_drawn_or_counted_before_the_act_it_answers(ctx):
    events = ctx.known.set_index("event_id")
    pairs = responses.response_pairs(ctx.events, ctx.known)
    assert len(pairs) >= 10
    for pair in pairs.itertuples():
        act, resp = events.loc[pair.crackdown_id], events.loc[pair.response_id]
        assert resp["date_start"] >= act["date_start"], pair.response_id
        assert resp["plot_date"] >= act["date_start"], pair.response_id
        assert pair.lag_min >= 0


def test_the_dissolutions_year_dated_responses_start_after_it(ctx):
    events = ctx.known.set_index("event_id")
    for response in ("KHM-031", "KHM-032", "KHM-033"):
        assert events.loc[response, "date_start"] == pd.Timestamp("2017-11-01")
        assert events.loc[response, "plot_date"] > pd.Timestamp("2017-11-01")


def test_mu_sochuas_call_for_sanctions_is_a_domestic_response(ctx):
    events = ctx.known.set_index("event_id")
    assert events.loc["KHM-021", "category"] == "domestic_response"
    assert "KHM-021" not in set(ctx.events.query("category == 'international_response'").event_id)


def test_validation_refuses_the_countrys_own_opposition_as_international(tmp_path):
    project = copy_project(tmp_path)
    events = pd.read_csv(project.curated_events, dtype=str, keep_default_na=False)
    events.loc[events["event_id"] == "KHM-021", ["category", "event_type"]] = [
        "international_response",
        "sanctions_call",
    ]
    events.to_csv(project.curated_events, index=False)
    report = validate_project(project)
    messages = [p.message for p in report.errors if p.column == "actor"]
    assert any(
        "'Mu Sochua' (person, Cambodia) cannot act in category 'international_response'" in m
        for m in messages
    ), messages
    with pytest.raises(InputError):
        build_events(project)


def test_months_from_the_cut_off_on_carry_no_verdict(ctx):
    assert ctx.cutoff == pd.Timestamp("2018-04-08")
    verdicts = headline.month_verdicts(ctx)
    later = verdicts[verdicts["month"] >= pd.Timestamp("2018-04-01")]
    assert len(later) == 9
    assert set(later["verdict"]) == {"no coverage"}


def test_quiet_months_while_detentions_continue_are_not_improved(ctx):
    verdicts = headline.month_verdicts(ctx)
    assert "improved" not in set(verdicts["verdict"])


def test_the_most_severe_act_is_a_carried_out_act(ctx):
    top = escalation.most_severe_events(ctx.events)
    assert list(top["event_id"]) == ["KHM-027"]  # the Supreme Court dissolved the CNRP
    assert set(top["event_type"]).isdisjoint({"threat", "accusation"})


def test_the_header_names_the_latest_source(ctx):
    from helpers.analysis.coverage import header_words

    assert header_words(ctx.coverage, ctx.as_of) == (
        "as of 1 December 2026 · latest source 8 April 2018"
    )


def test_coverage_counts_the_publishing_outlet_not_further_reading(ctx):
    cov = ctx.coverage
    assert cov.outlets == ["Impunity Watch"]
    assert cov.n_sources == 6


def test_what_to_watch_names_the_july_2018_election_as_of_april_2018(seed):
    early = ctx_for(seed, as_of="2018-04-30")
    watch = headline.watch_sentences(early)
    assert len(watch) == 1 and watch[0].startswith("29 July 2018: ")
    assert "scheduled" in watch[0]


def test_answered_share_has_its_base(ctx):
    answered, total = responses.share_answered(ctx.events, ctx.known)
    assert (answered, total) == (4, 12)


def test_standing_names_sokha_and_the_dissolved_party(ctx):
    standing = " ".join(headline.standing_sentences(ctx))
    assert "Kem Sokha (since 3 September 2017; last reported 8 April 2018)" in standing
    assert "Dissolved" in standing
    assert "Cambodia National Rescue Party (since November 2017; last reported" in standing
    exile = next(s for s in headline.standing_sentences(ctx) if s.startswith("In exile"))
    # The party's members fled; the party itself is dissolved, not "in exile".
    assert "Mu Sochua" in exile and "Cambodia National Rescue Party" not in exile
