"""Run the coder's assistant on a bare article body, for rule tests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from helpers.dataset.actors import ActorRegistry
from helpers.dataset.codebook import load_codebook
from helpers.suggest.actors_match import Gazetteer
from helpers.suggest.candidates import suggest_article
from helpers.suggest.lexicon import build_matchers
from support.suggest_project import REPO

CODEBOOK = load_codebook(REPO / "data/codebook.yaml")
GAZETTEER = Gazetteer(ActorRegistry.load(REPO / "data/curated/actors.csv"))
MATCHERS = build_matchers(CODEBOOK)
PUB = dt.date(2018, 3, 20)  # a Tuesday


def run(body: str, published: dt.date = PUB, min_confidence: float = 0.5) -> list:
    """The candidates for an article made of ``body`` (the real codebook and actors)."""
    art = SimpleNamespace(
        article_id="a", title="T", body=body, country="Cambodia", published_date=published
    )
    return suggest_article(art, CODEBOOK, MATCHERS, GAZETTEER, min_confidence)


def types(body: str) -> list[str]:
    return sorted(c.event_type for c in run(body))
