"""`briefings accept`: reviewed rows go into the curated events only when they validate."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support.suggest_project import ARTICLE_ID, make_project

from helpers import cli
from helpers.errors import InputError
from helpers.suggest.accept import accept_file, next_event_id, parse_rows


def suggest(tmp_path: Path) -> tuple:
    proj = make_project(tmp_path)
    assert cli.main(["--root", str(tmp_path), "suggest"]) == 0
    return proj, proj.suggested / f"{ARTICLE_ID}.csv"


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def number_of(rows: list[dict[str, str]], event_type: str) -> int:
    return next(i for i, r in enumerate(rows, start=1) if r["event_type"] == event_type)


def test_parse_rows_and_next_id() -> None:
    assert parse_rows("2,4-6,4") == [2, 4, 5, 6]
    assert next_event_id([{"event_id": "KHM-009"}, {"event_id": "KHM-010"}], "KHM") == "KHM-011"


def test_accept_appends_a_valid_row_and_removes_it_from_suggestions(tmp_path: Path) -> None:
    proj, path = suggest(tmp_path)
    rows = rows_of(path)
    n = number_of(rows, "party_dissolution")
    code = cli.main(["--root", str(tmp_path), "accept", str(path), "--rows", str(n)])
    assert code == 0
    events = rows_of(proj.curated_events)
    new = events[-1]
    assert new["event_id"] == "KHM-002" and new["event_type"] == "party_dissolution"
    assert (new["date"], new["date_precision"]) == ("2017-08", "month")
    assert new["actor"] == "Supreme Court of Cambodia" and new["article_ids"] == ARTICLE_ID
    assert "confidence" not in new
    assert len(rows_of(path)) == len(rows) - 1


def test_accept_merges_another_source_and_refines_the_date(tmp_path: Path) -> None:
    proj, path = suggest(tmp_path)
    n = number_of(rows_of(path), "arrest")
    result = accept_file(proj, path, [n])
    assert result.merged == ["KHM-001"] and result.added == []
    (event,) = rows_of(proj.curated_events)
    assert (event["date"], event["date_precision"]) == ("2017-09-03", "day")
    assert event["article_ids"] == f"another-article-about-the-arrest;{ARTICLE_ID}"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("event_type", "arestt", "not an event type in the codebook"),
        ("evidence", "Words the article never says.", "not found in the title, body or captions"),
    ],
)
def test_accept_rejects_an_invalid_row_leaving_events_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str, value: str, expected: str
) -> None:
    proj, path = suggest(tmp_path)
    rows = rows_of(path)
    n = number_of(rows, "party_dissolution")
    rows[n - 1][column] = value
    write_rows(path, rows)
    before_events, before_suggested = proj.curated_events.read_bytes(), path.read_bytes()
    with pytest.raises(InputError) as caught:
        accept_file(proj, path, [n])
    assert f"row {n}" in str(caught.value) and expected in str(caught.value)
    assert proj.curated_events.read_bytes() == before_events
    assert path.read_bytes() == before_suggested
    assert cli.main(["--root", str(tmp_path), "accept", str(path), "--rows", str(n)]) == 1
    assert expected in capsys.readouterr().err
    assert proj.curated_events.read_bytes() == before_events


def test_accept_rejects_rows_out_of_range(tmp_path: Path) -> None:
    proj, path = suggest(tmp_path)
    before = proj.curated_events.read_bytes()
    assert cli.main(["--root", str(tmp_path), "accept", str(path), "--rows", "99"]) == 1
    assert proj.curated_events.read_bytes() == before


def test_event_ids_follow_the_articles_country() -> None:
    from helpers.suggest.accept import country_prefix

    events = [{"event_id": "KHM-001", "article_ids": "a"}]
    countries = {"a": "Cambodia", "b": "Myanmar", "c": "Atlantis"}
    assert country_prefix(events, "b", countries) == "MMR"
    assert country_prefix(events, "a", countries) == "KHM"
    # not a country pycountry knows: fall back to the prefix the curated events use
    assert country_prefix(events, "c", countries) == "KHM"
