"""The article parser: house-style variants, references, errors and the real seed file."""

from __future__ import annotations

import datetime as dt
import doctest
import shutil
from pathlib import Path

import pytest

from helpers.corpus import articles as articles_module
from helpers.corpus.articles import (
    byline_author,
    parse_corpus,
    parse_file,
    parse_reference,
    parse_text,
    split_dateline,
)
from helpers.errors import InputError
from helpers.paths import Project

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"
SEED = REPO / "data" / "raw" / "cambodia" / "000_8769f3845ee12cc6.txt"


def article_text(*, byline="By: Jane Doe", first="PHNOM PENH, Cambodia – A court ruled.", tail=""):
    """A minimal well-formed article, with parts swapped in by tests."""
    return f"Court Rules on Case\n\n{byline}\nImpunity Watch Reporter, Asia\n\n{first}\n{tail}"


def only(text: str, **kwargs):
    [article] = parse_text(text, "data/raw/t.txt", **kwargs)
    return article


# --- bylines, reporter line, dateline -------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By: Katherine Hewitt", "Katherine Hewitt"),
        ("By Katherine Hewitt", "Katherine Hewitt"),
        ("BY: jane doe", "jane doe"),
        ("By:  Jane  Doe  and John Roe ", "Jane Doe and John Roe"),
    ],
)
def test_byline_forms(line, author):
    assert byline_author(line) == author
    assert only(article_text(byline=line)).author == author


@pytest.mark.parametrize(
    "line",
    [
        "By the end of 2017, the party had been dissolved.",
        "By December the court ruled against the party and its leaders.",
        "Byron Smith spoke.",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(line):
    assert byline_author(line) is None


def test_missing_reporter_line_gives_empty_field():
    text = "Court Rules\nBy: Jane Doe\nPhnom Penh – The court ruled on the case today.\n"
    article = only(text)
    assert article.reporter_line == ""
    assert article.body == "The court ruled on the case today."


def test_varied_reporter_line_is_kept():
    text = "Court Rules\nBy: Jane Doe\nImpunity Watch Staff Writer, Europe\n\nThe court ruled.\n"
    assert only(text).reporter_line == "Impunity Watch Staff Writer, Europe"


@pytest.mark.parametrize(
    ("first", "place", "rest"),
    [
        ("PHNOM PENH, Cambodia – A court ruled.", "PHNOM PENH, Cambodia", "A court ruled."),
        ("Phnom Penh – A court ruled.", "Phnom Penh", "A court ruled."),
        ("Phnom Penh, CAMBODIA —\u00a0A court ruled.", "Phnom Penh, CAMBODIA", "A court ruled."),
        ("PHNOM PENH, Cambodia - A court ruled.", "PHNOM PENH, Cambodia", "A court ruled."),
        ("A court ruled – again – today.", "", "A court ruled – again – today."),
    ],
)
def test_dateline_variants(first, place, rest):
    assert split_dateline(first) == (place, rest)
    article = only(article_text(first=first))
    assert article.dateline_place == place
    assert article.body == rest


def test_country_from_hint_else_from_dateline():
    assert only(article_text(first="Phnom Penh, CAMBODIA – Text.")).country == "Cambodia"
    assert only(article_text(first="Phnom Penh – Text.")).country == ""
    hinted = only(article_text(first="Phnom Penh – Text."), country_hint="Cambodia")
    assert hinted.country == "Cambodia"


# --- body and captions -----------------------------------------------------------------


def test_body_excludes_dateline_captions_references_and_keeps_whitespace():
    text = article_text(
        first="PHNOM PENH, Cambodia – First  paragraph,\u00a0 as written.",
        tail=(
            "\nLeader at court. Photo courtesy of Tang Chhin Sothy.\n"
            "\nSecond paragraph.\n\nFor more information, please see:\n\n"
            "Reuters – Court rules – 8 April 2018\n"
        ),
    )
    article = only(text)
    assert article.body == "First  paragraph,\u00a0 as written.\n\nSecond paragraph."
    assert article.captions == ("Leader at court. Photo courtesy of Tang Chhin Sothy.",)


def test_duplicated_caption_is_kept_once():
    caption = "The Council in Geneva. Photo Courtesy of: UN Photo"
    article = only(article_text(tail=f"\n{caption}\n{caption}\n\nMore text.\n"))
    assert article.captions == (caption,)
    assert article.body == "A court ruled.\n\nMore text."


def test_missing_caption_gives_no_captions():
    assert only(article_text(tail="\nMore text.\n")).captions == ()


# --- references ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "For more information, please see:",
        "For more information please visit:",
        "For more information, please see",
        None,
    ],
)
def test_reference_headings_of_each_form(heading):
    refs = "Reuters – Court rules – 8 April 2018\n\nVOA – Court hears case – 7 April 2018\n"
    tail = f"\nMore text.\n\n{heading}\n\n{refs}" if heading else f"\nMore text.\n\n{refs}"
    article = only(article_text(tail=tail))
    assert [(r.outlet, r.headline, r.date) for r in article.references] == [
        ("Reuters", "Court rules", dt.date(2018, 4, 8)),
        ("VOA", "Court hears case", dt.date(2018, 4, 7)),
    ]
    assert article.body == "A court ruled.\n\nMore text."
    assert article.published_date == dt.date(2018, 4, 8)


def test_headline_containing_a_dash():
    r = parse_reference("BBC – Cambodia – a year of crackdowns – the timeline – 6 October 2017", 9)
    assert (r.outlet, r.headline) == ("BBC", "Cambodia – a year of crackdowns – the timeline")
    assert (r.date, r.date_text, r.line) == (dt.date(2017, 10, 6), "6 October 2017", 9)


def test_last_part_that_is_not_a_date_stays_in_the_headline():
    r = parse_reference("BBC – Cambodia – the year ahead")
    assert (r.outlet, r.headline, r.date, r.date_text) == (
        "BBC",
        "Cambodia – the year ahead",
        None,
        "",
    )


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("8 April 2018", dt.date(2018, 4, 8)),
        ("2 September, 2017", dt.date(2017, 9, 2)),
        ("April 8, 2018", dt.date(2018, 4, 8)),
        ("Sept. 2, 2017", dt.date(2017, 9, 2)),
    ],
)
def test_reference_date_forms(written, date):
    r = parse_reference(f"Reuters\u00a0 –\u00a0 Headline here – {written}\u00a0")
    assert (r.outlet, r.headline, r.date, r.date_text) == (
        "Reuters",
        "Headline here",
        date,
        written,
    )


def test_reference_with_partial_date_keeps_text_but_no_iso_date():
    r = parse_reference("Reuters – Headline – April 2018")
    assert (r.headline, r.date, r.date_text) == ("Headline", None, "April 2018")


def test_reference_with_no_date():
    article = only(
        article_text(tail="\nFor more information, please see:\n\nKhmer Times – Court hears case\n")
    )
    [r] = article.references
    assert (r.outlet, r.headline, r.date, r.date_text) == (
        "Khmer Times",
        "Court hears case",
        None,
        "",
    )


def test_reference_line_numbers_are_source_lines():
    text = article_text(tail="\nFor more information:\n\nReuters – Court rules – 8 April 2018\n")
    assert [r.line for r in only(text).references] == [10]


# --- fixture files ---------------------------------------------------------------------


def test_variants_fixture_with_bom_crlf_and_spaces():
    first, second = parse_file(FIXTURES / "variants.txt", REPO)
    assert first.source_file == "tests/fixtures/articles/variants.txt"
    assert (first.start_line, first.title) == (1, "Court Jails  Opposition Activist")
    assert (first.author, first.reporter_line) == ("Jane Doe", "")
    assert first.dateline_place == "Phnom Penh"
    assert first.body == (
        "A court jailed an activist on Monday.  The verdict was read aloud."
        "\n\nThe activist denied the charges."
    )
    assert first.captions == ("Activist outside court. Photo courtesy of AFP.",)
    assert [(r.outlet, r.headline, r.date_text, r.line) for r in first.references] == [
        ("Reuters", "Activist jailed – a timeline", "April 8, 2018", 13),
        ("Khmer Times", "Court hears case", "", 14),
    ]
    assert first.published_date == dt.date(2018, 4, 8)

    assert (second.start_line, second.title) == (16, "Rights Group Faces Closure")
    assert second.author == "Sam Roe and Lee Poe"
    assert second.reporter_line == "Impunity Watch Staff Writer, Asia"
    assert (second.dateline_place, second.country) == ("PHNOM PENH, Cambodia", "Cambodia")
    assert second.body == "The government moved to close a rights group.\n\nIt gave no reason."
    assert second.captions == ()
    assert second.published_date == dt.date(2017, 9, 2)
    assert second.published_date_basis == "latest reference date (VOA, Sept. 2, 2017)"


def test_no_heading_fixture_takes_trailing_reference_run():
    [article] = parse_file(FIXTURES / "no_heading.txt", REPO)
    assert article.body == (
        "Police arrested the opposition leader.\n\nHe was taken to a prison near the border."
    )
    assert [r.outlet for r in article.references] == ["NYT", "Reuters"]
    assert article.published_date == dt.date(2017, 9, 5)


def test_body_date_fixture_falls_back_to_body():
    [article] = parse_file(FIXTURES / "body_date.txt", REPO)
    assert article.references == ()
    assert article.published_date == dt.date(2017, 1, 25)
    assert article.published_date_basis == (
        "no dated reference; latest past date written in the body (January 25, 2017)"
    )


# --- errors ----------------------------------------------------------------------------


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_text(text, "data/raw/bad.txt")
    return [str(p) for p in caught.value.problems]


def test_file_without_byline():
    assert problems_of("A Title\n\nSome text without any byline.\n") == [
        "data/raw/bad.txt line 1: no byline found in the file; expected a byline such as "
        "'By: Name' after a title line"
    ]


def test_byline_without_title():
    [problem] = problems_of("\nBy: Jane Doe\nPhnom Penh – Text.\n")
    assert problem.startswith("data/raw/bad.txt line 2: expected a title line before the byline")


def test_article_without_body():
    text = (
        "First Title\nBy: Jane Doe\nImpunity Watch Reporter, Asia\n\n"
        "Second Title\nBy: John Roe\nPhnom Penh – Text.\n"
    )
    [problem] = problems_of(text)
    assert problem.startswith("data/raw/bad.txt line 2: the article 'First Title' has a byline")
    assert "expected paragraphs of text" in problem


@pytest.mark.parametrize("text", ["", "  \r\n\n"])
def test_empty_file(text):
    assert problems_of(text) == ["data/raw/bad.txt line 1: the file is empty; expected articles"]


def test_every_problem_in_a_text_is_listed():
    text = "By: Nobody\nText.\n\nTitle\nBy: Jane Doe\n\nNext\nBy: John\nPhnom Penh – Text.\n"
    problems = problems_of(text)
    assert [p.split(":")[0] for p in problems] == [
        "data/raw/bad.txt line 1",
        "data/raw/bad.txt line 5",
    ]


def make_project(tmp_path: Path) -> Project:
    (tmp_path / "data" / "raw" / "cambodia").mkdir(parents=True)
    shutil.copy(REPO / "data" / "codebook.yaml", tmp_path / "data" / "codebook.yaml")
    return Project(tmp_path)


def test_undecodable_bytes_name_file_and_line(tmp_path):
    project = make_project(tmp_path)
    path = project.raw / "cambodia" / "bad.txt"
    path.write_bytes(b"Title\nBy: Jane Doe\nPhnom Penh \x96 Text.\n")
    with pytest.raises(InputError) as caught:
        parse_file(path, project.root)
    [problem] = caught.value.problems
    expected = "data/raw/cambodia/bad.txt line 3: byte 0x96 cannot be read as UTF-8"
    assert str(problem).startswith(expected)


def test_corpus_gathers_problems_from_every_file(tmp_path):
    project = make_project(tmp_path)
    (project.raw / "cambodia" / "a.txt").write_text("Just a title\n", encoding="utf-8")
    (project.raw / "b.txt").write_text("", encoding="utf-8")
    (project.raw / "c.txt").write_text(article_text(), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_corpus(project)
    assert [(p.file, p.line) for p in caught.value.problems] == [
        ("data/raw/b.txt", 1),
        ("data/raw/cambodia/a.txt", 1),
    ]
    assert "2 problems" in str(caught.value)


# --- corpus ids and countries ----------------------------------------------------------


def test_ids_unique_across_files_and_country_from_folder(tmp_path):
    project = make_project(tmp_path)
    (project.raw / "cambodia" / "a.txt").write_text(
        article_text(first="Phnom Penh – One.") + "\n" + article_text(), encoding="utf-8"
    )
    (project.raw / "z.txt").write_text(
        article_text(first="Phnom Penh, CAMBODIA – Two."), encoding="utf-8"
    )
    found = parse_corpus(project)
    assert [a.source_file for a in found] == [
        "data/raw/cambodia/a.txt",
        "data/raw/cambodia/a.txt",
        "data/raw/z.txt",
    ]
    assert [a.article_id for a in found] == [
        "court-rules-on-case",
        "court-rules-on-case-2",
        "court-rules-on-case-3",
    ]
    assert [a.country for a in found] == ["Cambodia", "Cambodia", "Cambodia"]


def test_folder_names_become_country_names(tmp_path):
    project = make_project(tmp_path)
    (project.raw / "south_sudan").mkdir()
    path = project.raw / "south_sudan" / "a.txt"
    path.write_text(article_text(first="Juba – Text."), encoding="utf-8")
    assert parse_file(path, project.root)[0].country == "South Sudan"


# --- the real seed file ----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED, REPO)


def test_seed_titles_and_authors(seed):
    assert [(a.title, a.author) for a in seed] == [
        (
            "Former Opposition Party Leader Calls for Election Boycotts in Cambodia",
            "Katherine Hewitt",
        ),
        ("Cambodia to Shut Down Cambodian Center for Human Rights", "Katherine Hewitt"),
        ("U.S. Stops Funding for Demining in Cambodia", "Katherine Hewitt"),
        ("Cambodian Government Files Case to Dissolve Opposition Party", "Katherine Hewitt"),
        ("Cambodia’s Main Opposition Leader Arrested for Treason", "Brian Kim"),
        ("UN Calls on Cambodian Government to Release Detainees", "Nicole Hoerold"),
    ]
    assert {a.country for a in seed} == {"Cambodia"}
    assert {a.reporter_line for a in seed} == {"Impunity Watch Reporter, Asia"}
    assert [a.start_line for a in seed] == [1, 28, 53, 78, 111, 138]


def test_seed_first_article(seed):
    first = seed[0]
    assert first.article_id == "former-opposition-party-leader-calls-for-election-boycotts"
    assert first.dateline_place == "PHNOM PENH, Cambodia"
    assert first.body.startswith("In November of 2017, the Supreme Court of Cambodia dissolved")
    assert first.body.endswith("It is just continuing its work elsewhere until its reconstituted.")
    assert first.body.count("\n\n") == 4
    assert "Photo courtesy" not in first.body
    assert first.published_date == dt.date(2018, 4, 8)
    assert first.published_date_basis == "latest reference date (Reuters, 8 April 2018)"
    assert [r.outlet for r in first.references] == [
        "Reuters",
        "South China Morning Post",
        "Voice of America",
        "Asia Times",
    ]


def test_seed_article_without_reference_heading(seed):
    arrested = seed[4]
    assert [(r.outlet, r.date) for r in arrested.references] == [
        ("NYT", dt.date(2017, 9, 2)),
        ("Reuters", dt.date(2017, 9, 5)),
        ("Aljazeera", dt.date(2017, 9, 6)),
    ]
    assert arrested.body.endswith("before the 2018 electoral contest ever begins.”")


def test_seed_last_article_flags_treaty_and_keeps_caption_once(seed):
    last = seed[-1]
    assert last.dateline_place == "Phnom Penh, CAMBODIA"
    assert last.captions == (
        "The United Nations Human Rights Council in Geneva. Photo Courtesy of: UN Photo",
    )
    treaty = last.references[-1]
    assert (treaty.headline, treaty.date, treaty.old_document) == (
        "International Convention on Civil and Political Rights",
        dt.date(1966, 12, 19),
        True,
    )
    assert [r.old_document for r in last.references[:-1]] == [False, False, False]
    assert last.published_date == dt.date(2017, 2, 7)
    assert last.published_date_basis.endswith("; 1 old document excluded")


def test_docstring_examples():
    assert doctest.testmod(articles_module).failed == 0


# --- variants an editor might introduce ------------------------------------------------


def test_byline_carrying_the_reporter_role_on_the_same_line():
    text = (
        "Court Rules on Case\n\nBy: Jane Doe, Impunity Watch Reporter, Asia\n\n"
        "PHNOM PENH, Cambodia – A court ruled.\n"
    )
    article = only(text)
    assert (article.author, article.reporter_line) == ("Jane Doe", "Impunity Watch Reporter, Asia")
    assert article.body == "A court ruled."


def test_dateline_with_a_double_hyphen():
    article = only(article_text(first="PHNOM PENH, CAMBODIA -- On 10 September 2018, he left."))
    assert article.dateline_place == "PHNOM PENH, CAMBODIA"
    assert article.body.startswith("On 10 September 2018")


@pytest.mark.parametrize("marker", ["- ", "• ", "* ", "1. "])
def test_bulleted_references_lose_their_marker(marker):
    tail = (
        "\nFor More Information, Please See:\n\n"
        f"{marker}Reuters – Court rules – Sept. 10, 2018\n"
        f"{marker}The Guardian – Ruling criticised – 11 Sep 2018\n"
    )
    article = only(article_text(tail=tail))
    assert [r.outlet for r in article.references] == ["Reuters", "The Guardian"]
    assert [r.date.isoformat() for r in article.references] == ["2018-09-10", "2018-09-11"]
    assert article.published_date.isoformat() == "2018-09-11"


def test_separator_lines_between_articles_are_ignored():
    first = article_text(
        tail="\nFor more information, please see:\n\nReuters – One – 1 May 2018\n\n***\n"
    )
    second = (
        "Second Title\n\nBy: John Roe\n\nPHNOM PENH, Cambodia – Text.\n\n"
        "BBC – Two – 2 May 2018\n____\n"
    )
    articles = parse_text(first + "\n" + second, "data/raw/t.txt")
    assert [len(a.references) for a in articles] == [1, 1]
    assert [a.references[0].outlet for a in articles] == ["Reuters", "BBC"]
