"""``briefings suggest``: write ``data/suggested/<article_id>.csv`` for uncoded articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.atomic import write_csv
from helpers.dataset.actors import ActorRegistry
from helpers.dataset.codebook import load_codebook
from helpers.errors import InputError, Problem
from helpers.paths import Project
from helpers.suggest.actors_match import Gazetteer
from helpers.suggest.candidates import suggest_article
from helpers.suggest.lexicon import build_matchers
from helpers.suggest.merge import cited_articles, read_curated
from helpers.suggest.rows import SUGGESTED_COLUMNS, candidate_row

#: Candidates below this confidence are not written (``--min-confidence`` changes it).
DEFAULT_MIN_CONFIDENCE = 0.5


@dataclass
class SuggestResult:
    """What a suggest run wrote."""

    files: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line per article written, or a note that there was nothing to do."""
        if not self.files:
            return "no article to suggest events for (every article is cited by a curated event)"
        lines = [f"{self.counts[aid]:3d} suggested  {path}" for aid, path in self.files.items()]
        return "\n".join(lines)


def load_registry(project: Project) -> ActorRegistry:
    """The actor registry, or an empty one when ``actors.csv`` does not exist yet."""
    if project.actors.is_file():
        return ActorRegistry.load(project.actors)
    return ActorRegistry()


def _select(articles: list, wanted: Sequence[str], cited: set[str]) -> list:
    if not wanted:
        return [a for a in articles if a.article_id not in cited]
    known = {a.article_id: a for a in articles}
    missing = [aid for aid in wanted if aid not in known]
    if missing:
        raise InputError(
            [Problem("data/raw", f"no article with id {aid!r}") for aid in missing],
            "unknown article id(s):",
        )
    return [known[aid] for aid in wanted]


def suggest_project(
    project: Project,
    article_ids: Sequence[str] = (),
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> SuggestResult:
    """Suggest events for the uncoded articles (or ``article_ids``) and write the files."""
    from helpers.corpus.articles import parse_corpus

    codebook = load_codebook(project.codebook)
    matchers = build_matchers(codebook)
    gazetteer = Gazetteer(load_registry(project))
    curated = read_curated(project.curated_events)
    result = SuggestResult()
    for article in _select(parse_corpus(project), article_ids, cited_articles(curated)):
        candidates = suggest_article(article, codebook, matchers, gazetteer, min_confidence)
        rows = [candidate_row(c, n, curated) for n, c in enumerate(candidates, start=1)]
        frame = pd.DataFrame(rows, columns=list(SUGGESTED_COLUMNS), dtype=str)
        path = project.suggested / f"{article.article_id}.csv"
        write_csv(path, frame)
        result.files[article.article_id] = path
        result.counts[article.article_id] = len(rows)
    return result
