"""``ingest``: both tables written together, with the contract's columns, or not at all."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import cli
from helpers.corpus import ingest as ingest_module
from helpers.corpus.ingest import ARTICLE_COLUMNS, REFERENCE_COLUMNS, ingest
from helpers.errors import InputError
from helpers.paths import Project

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "raw" / "cambodia" / "000_8769f3845ee12cc6.txt"

ARTICLE = """Court Jails Activist

By: Jane Doe
Impunity Watch Reporter, Asia

PHNOM PENH, Cambodia – A court jailed an activist.

Activist at court. Photo courtesy of AFP.

For more information, please see:

Reuters – Activist jailed – 8 April 2018

UN – Covenant on Civil and Political Rights – 16 December 1966
"""


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "data" / "raw" / "cambodia").mkdir(parents=True)
    shutil.copy(REPO / "data" / "codebook.yaml", tmp_path / "data" / "codebook.yaml")
    (tmp_path / "data" / "raw" / "cambodia" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "data" / "raw" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    return Project(tmp_path)


def test_ingest_writes_both_tables(project):
    result = ingest(project)
    articles = read(project.articles_table)
    references = read(project.references_table)

    assert list(articles.columns) == ARTICLE_COLUMNS
    assert list(references.columns) == REFERENCE_COLUMNS
    assert articles["article_id"].tolist() == ["court-jails-activist", "court-jails-activist-2"]
    assert articles["source_file"].tolist() == ["data/raw/b.txt", "data/raw/cambodia/a.txt"]
    row = articles.iloc[1].to_dict()
    assert row == {
        "article_id": "court-jails-activist-2",
        "source_file": "data/raw/cambodia/a.txt",
        "start_line": "1",
        "title": "Court Jails Activist",
        "author": "Jane Doe",
        "reporter_line": "Impunity Watch Reporter, Asia",
        "dateline_place": "PHNOM PENH, Cambodia",
        "country": "Cambodia",
        "published_date": "2018-04-08",
        "published_date_basis": "latest reference date (Reuters, 8 April 2018); "
        "1 old document excluded",
        "body": "A court jailed an activist.",
        "captions": "Activist at court. Photo courtesy of AFP.",
        "n_references": "2",
    }
    assert references[references["article_id"] == "court-jails-activist"].to_dict("records") == [
        {
            "article_id": "court-jails-activist",
            "ref_index": "1",
            "outlet": "Reuters",
            "headline": "Activist jailed",
            "date": "2018-04-08",
            "date_text": "8 April 2018",
            "old_document": "false",
            "line": "12",
            "outlet_as_written": "Reuters",
        },
        {
            "article_id": "court-jails-activist",
            "ref_index": "2",
            "outlet": "UN",
            "headline": "Covenant on Civil and Political Rights",
            "date": "1966-12-16",
            "date_text": "16 December 1966",
            "old_document": "true",
            "line": "14",
            "outlet_as_written": "UN",
        },
    ]
    assert result.summary() == (
        "Read 2 articles with 4 references from 2 files; every article has a publication "
        "date; wrote data/processed/articles.csv and data/processed/references.csv."
    )


def test_failed_ingest_leaves_previous_tables_untouched(project):
    ingest(project)
    before = (project.articles_table.read_bytes(), project.references_table.read_bytes())
    (project.raw / "cambodia" / "c.txt").write_text("A title with no byline\n", encoding="utf-8")
    (project.raw / "cambodia" / "a.txt").write_text(ARTICLE + "\nNew article\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        ingest(project)

    assert "data/raw/cambodia/c.txt line 1: no byline found" in str(caught.value)
    after = (project.articles_table.read_bytes(), project.references_table.read_bytes())
    assert after == before
    assert sorted(p.name for p in project.processed.iterdir()) == ["articles.csv", "references.csv"]


def test_failed_first_ingest_writes_nothing(project):
    (project.raw / "b.txt").write_bytes(b"Title\nBy: Jane Doe\n\xff\n")
    with pytest.raises(InputError, match=r"data/raw/b.txt line 3: byte 0xff"):
        ingest(project)
    assert not project.processed.exists() or list(project.processed.iterdir()) == []


def test_no_raw_files_is_an_error(tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    with pytest.raises(InputError, match=r"data/raw: no article files found"):
        ingest(Project(tmp_path))


def test_undated_articles_are_counted_in_summary(project):
    (project.raw / "b.txt").write_text(
        "Undated\nBy: Jane Doe\nPhnom Penh – In May 2016 nothing.\n", encoding="utf-8"
    )
    result = ingest(project)
    assert result.n_undated == 1
    assert "1 without a publication date" in result.summary()
    undated = read(project.articles_table).set_index("article_id").loc["undated"]
    assert (undated["published_date"], undated["published_date_basis"]) == (
        "",
        "no dated reference or date in text",
    )


def test_ingest_real_seed(tmp_path):
    (tmp_path / "data" / "raw" / "cambodia").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "data" / "raw" / "cambodia" / SEED.name)
    project = Project(tmp_path)
    result = ingest(project)
    assert (result.n_articles, result.n_references, result.n_undated) == (6, 20, 0)
    articles = read(project.articles_table)
    assert articles["published_date"].tolist() == [
        "2018-04-08",
        "2017-11-27",
        "2017-11-07",
        "2017-10-06",
        "2017-09-06",
        "2017-02-07",
    ]
    references = read(project.references_table)
    old = references[references["old_document"] == "true"]
    assert old[["article_id", "date"]].values.tolist() == [
        ["un-calls-on-cambodian-government-to-release-detainees", "1966-12-19"]
    ]


def test_docstring_examples():
    assert doctest.testmod(ingest_module).failed == 0


def test_an_article_longer_than_the_csv_field_limit_is_ingested_again(
    project, default_csv_field_limit
):
    """The body is written to articles.csv; the next ingest reads that table back for ids."""
    long_body = "A court jailed an activist. " + "word " * 30_000
    assert len(long_body) > default_csv_field_limit
    (project.raw / "cambodia" / "long.txt").write_text(
        ARTICLE.replace("Court Jails Activist", "Long Report").replace(
            "A court jailed an activist.", long_body
        ),
        encoding="utf-8",
    )
    ingest(project)
    ingest(project)
    assert read(project.articles_table).set_index("article_id").loc["long-report", "body"] == (
        long_body.strip()
    )
    (project.raw / "cambodia" / "long.txt").unlink()
    assert ingest(project).n_articles == 2


def test_outlet_spellings_are_unified(tmp_path):
    """Registry spellings win; spellings differing in case only take the first one met."""
    (tmp_path / "data" / "raw" / "cambodia").mkdir(parents=True)
    (tmp_path / "data" / "curated").mkdir(parents=True)
    (tmp_path / "data" / "curated" / "outlets.csv").write_text(
        "outlet,aliases\nThe New York Times,NYT\n", encoding="utf-8"
    )
    (tmp_path / "data" / "raw" / "cambodia" / "a.txt").write_text(
        "Title One\nBy: A\n\nPhnom Penh – Body.\n\n"
        "NYT – One – 2 September, 2017\n\nAlJazeera – Two – 3 September, 2017\n\n"
        "Aljazeera – Three – 4 September, 2017\n",
        encoding="utf-8",
    )
    ingest(Project(tmp_path))
    refs = pd.read_csv(tmp_path / "data" / "processed" / "references.csv", dtype=str)
    assert refs["outlet"].tolist() == ["The New York Times", "AlJazeera", "AlJazeera"]
    assert refs["outlet_as_written"].tolist() == ["NYT", "AlJazeera", "Aljazeera"]


def test_adding_an_article_never_moves_existing_ids(tmp_path):
    """A new file sorting first with the same title gets the suffix, not the old article."""
    raw = tmp_path / "data" / "raw" / "cambodia"
    raw.mkdir(parents=True)
    body = "Same Title\nBy: A\n\nPHNOM PENH, Cambodia – {text}\n\nReuters – H – 2 May 2018\n"
    (raw / "b.txt").write_text(body.format(text="Old article."), encoding="utf-8")
    ingest(Project(tmp_path))
    (raw / "a.txt").write_text(body.format(text="New article."), encoding="utf-8")
    ingest(Project(tmp_path))
    table = pd.read_csv(tmp_path / "data" / "processed" / "articles.csv", dtype=str)
    ids = dict(zip(table["source_file"], table["article_id"], strict=True))
    assert ids == {
        "data/raw/cambodia/a.txt": "same-title-2",
        "data/raw/cambodia/b.txt": "same-title",
    }


def test_an_impossible_reference_date_is_reported_not_glued_to_the_headline(
    project, capsys: pytest.CaptureFixture[str]
):
    text = (
        ARTICLE.replace(
            "A court jailed an activist.", "A court jailed an activist on 2 March 2018."
        )
        .replace(
            "Reuters – Activist jailed – 8 April 2018",
            "Reuters – Hun Sen warns opposition – 31 February 2018",
        )
        .replace("UN – Covenant on Civil and Political Rights – 16 December 1966\n", "")
    )
    (project.raw / "cambodia" / "a.txt").write_text(text, encoding="utf-8")
    line = text.splitlines().index("Reuters – Hun Sen warns opposition – 31 February 2018") + 1

    assert cli.main(["--root", str(project.root), "ingest"]) == 0

    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"warning: data/raw/cambodia/a.txt line {line}: reference date '31 February 2018' is "
        "not a real date (February 2018 has 28 days); the reference is kept without a date"
    )
    refs = read(project.references_table)
    ref = refs[refs["outlet"] == "Reuters"].iloc[-1]
    assert (ref["headline"], ref["date"], ref["date_text"]) == (
        "Hun Sen warns opposition",
        "",
        "31 February 2018",
    )
    article = read(project.articles_table).set_index("source_file").loc["data/raw/cambodia/a.txt"]
    assert article["published_date"] == "2018-03-02"
    assert article["published_date_basis"].endswith(
        f"left out reference date '31 February 2018' (line {line}): not a real date"
    )


def test_an_upper_case_txt_file_is_read_and_other_files_are_named(
    project, capsys: pytest.CaptureFixture[str]
):
    (project.raw / "cambodia" / "C.TXT").write_text(
        ARTICLE.replace("Court Jails Activist", "Shouted Name"), encoding="utf-8"
    )
    (project.raw / "cambodia" / "notes.md").write_text("# to do\n", encoding="utf-8")
    (project.raw / "cambodia" / ".DS_Store").write_bytes(b"\0")

    assert cli.main(["--root", str(project.root), "ingest"]) == 0

    assert "shouted-name" in read(project.articles_table)["article_id"].tolist()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "warning: data/raw/cambodia/notes.md: not read: article files are plain text ending in .txt"
    )
    assert len(out) == 2 and out[1].startswith("Read 3 articles")


def test_a_link_to_a_file_outside_the_project_is_refused(
    project, tmp_path_factory, capsys: pytest.CaptureFixture[str]
):
    ingest(project)
    before = (project.articles_table.read_bytes(), project.references_table.read_bytes())
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "outside.txt"
    elsewhere.write_text(ARTICLE.replace("Court Jails Activist", "From Afar"), encoding="utf-8")
    (project.raw / "cambodia" / "link.txt").symlink_to(elsewhere)

    assert cli.main(["--root", str(project.root), "ingest"]) == 1

    err = capsys.readouterr().err
    assert (
        f"data/raw/cambodia/link.txt: a link to {elsewhere.resolve()}, outside the project" in err
    )
    assert "Traceback" not in err
    after = (project.articles_table.read_bytes(), project.references_table.read_bytes())
    assert after == before


def test_a_link_inside_the_project_is_read(project):
    (project.root / "archive").mkdir()
    (project.root / "archive" / "kept.txt").write_text(
        ARTICLE.replace("Court Jails Activist", "Kept Here"), encoding="utf-8"
    )
    (project.raw / "cambodia" / "kept.txt").symlink_to(project.root / "archive" / "kept.txt")
    assert ingest(project).n_articles == 3
