"""Publication-date inference: strict date reading, old documents, the body fallback."""

from __future__ import annotations

import datetime as dt
import doctest
from types import SimpleNamespace

import pytest

from helpers.corpus import pubdate
from helpers.corpus.pubdate import find_dates, infer_published_date, old_document_flags, parse_date


def ref(outlet: str, date_text: str) -> SimpleNamespace:
    return SimpleNamespace(outlet=outlet, date=parse_date(date_text), date_text=date_text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 April 2018", dt.date(2018, 4, 8)),
        ("2 September, 2017", dt.date(2017, 9, 2)),
        ("April 8, 2018", dt.date(2018, 4, 8)),
        ("Sept. 2, 2017", dt.date(2017, 9, 2)),
        ("Sep 2 2017", dt.date(2017, 9, 2)),
        ("3rd September 2017", dt.date(2017, 9, 3)),
        ("2018-04-08", dt.date(2018, 4, 8)),
        ("  25 January, 2017\u00a0", dt.date(2017, 1, 25)),
    ],
)
def test_parse_date_reads_full_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["April 2018", "2018", "September 3rd", "31 February 2018", "Reuters", ""]
)
def test_parse_date_never_completes_a_partial_date(text):
    assert parse_date(text) is None


def test_find_dates_in_running_text_keeps_words_as_written():
    text = "On Sunday, September 3rd, police came; on 26 November 2017 and Oct. 6, 2017 too."
    assert find_dates(text) == [
        (dt.date(2017, 11, 26), "26 November 2017"),
        (dt.date(2017, 10, 6), "Oct. 6, 2017"),
    ]


def test_latest_reference_date_wins_and_basis_names_it():
    found = infer_published_date(
        [ref("Asia Times", "5 April 2018"), ref("Reuters", "8 April 2018"), ref("VOA", "")],
        body="On 1 January 2019 something happened.",
    )
    assert found.date == dt.date(2018, 4, 8)
    assert found.basis == "latest reference date (Reuters, 8 April 2018)"
    assert found.old_document == (False, False, False)


def test_equal_latest_dates_name_the_first_reference():
    found = infer_published_date([ref("Reuters", "8 April 2018"), ref("VOA", "8 April 2018")], "")
    assert found.basis == "latest reference date (Reuters, 8 April 2018)"


def test_treaty_is_an_old_document_and_is_excluded():
    references = [
        ref("UN News Centre", "25 January, 2017"),
        ref("JURIST", "25 January, 2017"),
        ref("Human Rights Watch", "7 February, 2017"),
        ref("UN", "19 December, 1966"),
    ]
    found = infer_published_date(references, "")
    assert found.old_document == (False, False, False, True)
    assert found.date == dt.date(2017, 2, 7)
    assert found.basis == (
        "latest reference date (Human Rights Watch, 7 February, 2017); 1 old document excluded"
    )


def test_a_recent_treaty_would_not_be_old_and_would_win():
    # Old means more than two years before the median, not merely "a treaty".
    found = infer_published_date([ref("A", "1 March 2017"), ref("UN", "1 June 2017")], "")
    assert found.old_document == (False, False)
    assert found.date == dt.date(2017, 6, 1)


def test_old_document_flags_use_the_median():
    dates = [dt.date(2017, 1, 1), dt.date(2014, 12, 1), dt.date(2015, 6, 1), None]
    # median is 2015-06-01: 2014-12-01 is within two years of it, so nothing is old
    assert old_document_flags(dates) == [False, False, False, False]
    assert old_document_flags([None, None]) == [False, False]


def test_body_fallback_takes_latest_past_full_date():
    body = (
        "On January 25, 2017, experts spoke about defenders held since 3 May 2016. "
        "Elections are due on 29 July 2999, and a hearing in March 2017."
    )
    found = infer_published_date([ref("VOA", "")], body, today=dt.date(2024, 1, 1))
    assert found.date == dt.date(2017, 1, 25)
    assert (
        found.basis == "no dated reference; latest past date written in the body (January 25, 2017)"
    )


def test_no_date_anywhere_gives_empty_date_and_says_so():
    found = infer_published_date([], "In May 2016 they were detained.")
    assert found.date is None
    assert found.basis == "no dated reference or date in text"


def test_docstring_examples():
    assert doctest.testmod(pubdate).failed == 0
