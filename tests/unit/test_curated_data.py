"""The real curated data (``data/curated/``) validates against the real articles.

The repository's ``data/`` is copied to a temporary folder and ingested there, so these
tests never touch ``data/processed/`` of the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.dataset.actors import split_names
from helpers.dataset.build import build_events
from helpers.dataset.codebook import load_codebook
from helpers.dataset.validation import fold_text, validate_project
from helpers.paths import Project

REPO = Project(Path(__file__).resolve().parents[2])


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    """A copy of the repository's data, freshly ingested."""
    from helpers.corpus.ingest import ingest

    for path in (REPO.curated_events, REPO.actors):
        assert path.is_file(), f"{path.relative_to(REPO.root)} is missing"

    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO.data, root / "data", ignore=shutil.ignore_patterns("processed"))
    copy = Project(root)
    ingest(copy)
    return copy


@pytest.fixture(scope="module")
def events(project) -> pd.DataFrame:
    return pd.read_csv(project.curated_events, dtype=str, keep_default_na=False)


def test_curated_data_validates_without_errors(project):
    report = validate_project(project)
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert report.n_events > 0


def test_every_evidence_occurs_in_a_cited_article(project, events):
    articles = pd.read_csv(project.articles_table, dtype=str, keep_default_na=False)
    texts = {
        row.article_id: [fold_text(row.title), fold_text(row.body), fold_text(row.captions)]
        for row in articles.itertuples()
    }
    missing = []
    for event in events.itertuples():
        evidence = fold_text(event.evidence)
        cited = split_names(event.article_ids)
        if not any(evidence in text for aid in cited for text in texts.get(aid, [])):
            missing.append(f"{event.event_id}: {evidence!r} not in {cited}")
    assert missing == []


def test_every_event_type_is_in_the_codebook(events):
    types = load_codebook(REPO.codebook).types
    assert sorted(set(events["event_type"]) - set(types)) == []


def test_every_responds_to_exists(events):
    ids = set(events["event_id"])
    dangling = [
        (event.event_id, target)
        for event in events.itertuples()
        for target in split_names(event.responds_to)
        if target not in ids
    ]
    assert dangling == []


def test_curated_data_builds(project, events):
    result = build_events(project)
    built = pd.read_csv(project.events_table, dtype=str, keep_default_na=False)
    assert result.n_events == len(built) == len(events)
    assert (built["country"] != "").all()
