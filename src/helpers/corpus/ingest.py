"""``briefings ingest``: parse data/raw/ into data/processed/articles.csv and references.csv.

Both tables are written together or not at all, so a failed run (any problem in any raw
file) leaves the previous tables untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.atomic import write_all
from helpers.corpus.articles import Article, parse_corpus, reference_warnings, skipped_files
from helpers.corpus.outlets import OutletRegistry, unify
from helpers.dataset.tables import ARTICLES, REFERENCES
from helpers.errors import Problem, relative
from helpers.paths import Project

#: Columns of the two tables, in order (declared in :mod:`helpers.dataset.tables`).
ARTICLE_COLUMNS = ARTICLES.names()
REFERENCE_COLUMNS = REFERENCES.names()


@dataclass(frozen=True)
class IngestResult:
    """What one ingest run read and wrote."""

    n_files: int
    n_articles: int
    n_references: int
    n_undated: int
    written: tuple[str, ...]
    #: Things in the raw files that are probably wrong but do not stop the ingest.
    warnings: tuple[Problem, ...] = ()

    def summary(self) -> str:
        """One line of plain words for the command line.

        >>> print(IngestResult(1, 6, 23, 2, ("a.csv", "b.csv")).summary())  # doctest: +ELLIPSIS
        Read 6 articles with 23 references from 1 file; 2 without a publication date; wrote ...
        """
        files = "1 file" if self.n_files == 1 else f"{self.n_files} files"
        if self.n_undated == 0:
            dated = "every article has a publication date"
        else:
            dated = f"{self.n_undated} without a publication date"
        return (
            f"Read {self.n_articles} articles with {self.n_references} references from "
            f"{files}; {dated}; wrote {' and '.join(self.written)}."
        )


def articles_frame(articles: list[Article]) -> pd.DataFrame:
    """The articles table (columns as :data:`helpers.dataset.tables.ARTICLES` declares)."""
    rows = [
        {
            "article_id": a.article_id,
            "source_file": a.source_file,
            "start_line": a.start_line,
            "title": a.title,
            "author": a.author,
            "reporter_line": a.reporter_line,
            "dateline_place": a.dateline_place,
            "country": a.country,
            "published_date": a.published_date.isoformat() if a.published_date else "",
            "published_date_basis": a.published_date_basis,
            "body": a.body,
            "captions": "\n".join(a.captions),
            "n_references": a.n_references,
        }
        for a in articles
    ]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def references_frame(
    articles: list[Article], outlets: OutletRegistry | None = None
) -> pd.DataFrame:
    """The references table, one row per reference (columns as
    :data:`helpers.dataset.tables.REFERENCES` declares).

    ``outlet`` is the canonical spelling (see :mod:`helpers.corpus.outlets`); ``outlet_as_written``
    keeps the reference's own.
    """
    refs = [(a, index, r) for a in articles for index, r in enumerate(a.references, start=1)]
    canonical = unify((r.outlet for _, _, r in refs), outlets or OutletRegistry())
    rows = [
        {
            "article_id": a.article_id,
            "ref_index": index,
            "outlet": name,
            "headline": r.headline,
            "date": r.date.isoformat() if r.date else "",
            "date_text": r.date_text,
            "old_document": "true" if r.old_document else "false",
            "line": r.line,
            "outlet_as_written": r.outlet,
        }
        for (a, index, r), name in zip(refs, canonical, strict=True)
    ]
    return pd.DataFrame(rows, columns=REFERENCE_COLUMNS)


def _csv_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        frame.to_csv(path, index=False, encoding="utf-8")

    return write


def ingest(project: Project) -> IngestResult:
    """Parse every raw file and write the articles and references tables together.

    Raises :class:`~helpers.errors.InputError` listing every problem in the raw files;
    then nothing is written.
    """
    articles = parse_corpus(project)
    outlets = OutletRegistry.load(project.outlets, relative(project.outlets, project.root))
    write_all(
        {
            project.articles_table: _csv_writer(articles_frame(articles)),
            project.references_table: _csv_writer(references_frame(articles, outlets)),
        }
    )
    written = tuple(
        p.relative_to(project.root).as_posix()
        for p in (project.articles_table, project.references_table)
    )
    return IngestResult(
        n_files=len({a.source_file for a in articles}),
        n_articles=len(articles),
        n_references=sum(a.n_references for a in articles),
        n_undated=sum(a.published_date is None for a in articles),
        written=written,
        warnings=(*skipped_files(project), *reference_warnings(articles)),
    )
