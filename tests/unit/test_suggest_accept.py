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
    assert parse_rows(" sug-3 , 1") == ["SUG-3", 1]
    assert next_event_id([{"event_id": "KHM-009"}, {"event_id": "KHM-010"}], "KHM") == "KHM-011"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "--rows: got ''; expected row numbers, ranges or suggestion ids"),
        ("  ", "--rows: got '  '; expected row numbers"),
        ("5-3", "--rows: got '5-3', a range that ends before it starts; expected a range such as"),
        ("1,,2", "--rows: got ''; expected row numbers"),
        ("0", "--rows: got '0'; expected rows numbered from 1"),
        ("two", "--rows: got 'two'; expected row numbers"),
    ],
)
def test_an_empty_or_reversed_selection_is_an_error_not_every_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str, message: str
) -> None:
    proj, path = suggest(tmp_path)
    before = (proj.curated_events.read_bytes(), path.read_bytes())
    assert cli.main(["--root", str(tmp_path), "accept", str(path), "--rows", spec]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}") and err.count("\n") == 1
    assert (proj.curated_events.read_bytes(), path.read_bytes()) == before


def test_accept_appends_a_valid_row_and_marks_it_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proj, path = suggest(tmp_path)
    rows = rows_of(path)
    n = number_of(rows, "party_dissolution")
    code = cli.main(["--root", str(tmp_path), "accept", str(path), "--rows", str(n)])
    assert code == 0
    last_line = capsys.readouterr().out.splitlines()[-1]
    assert last_line.startswith(f"added KHM-002 from {rows[n - 1]['suggestion_id']} (from data/")
    events = rows_of(proj.curated_events)
    new = events[-1]
    assert new["event_id"] == "KHM-002" and new["event_type"] == "party_dissolution"
    assert (new["date"], new["date_precision"]) == ("2017-08", "month")
    assert new["actor"] == "Supreme Court of Cambodia" and new["article_ids"] == ARTICLE_ID
    assert "confidence" not in new
    after = rows_of(path)
    assert len(after) == len(rows)
    assert (after[n - 1]["status"], after[n - 1]["accepted_as"]) == ("accepted", "KHM-002")
    assert [r for i, r in enumerate(after) if i != n - 1] == [
        r for i, r in enumerate(rows) if i != n - 1
    ]


def test_row_numbers_and_ids_stay_put_between_accepts(tmp_path: Path) -> None:
    """A reviewer notes rows 1 and 3; accepting 1 first must not make 3 another row."""
    proj, path = suggest(tmp_path)
    rows = rows_of(path)
    assert [r["suggestion_id"] for r in rows] == ["SUG-1", "SUG-2", "SUG-3"]
    first, later = accept_file(proj, path, [2]), accept_file(proj, path, [3])
    assert first.added == [("KHM-002", "SUG-2")] and later.added == [("KHM-003", "SUG-3")]
    events = {e["event_id"]: e for e in rows_of(proj.curated_events)}
    assert events["KHM-003"]["evidence"] == rows[2]["evidence"]
    by_id = accept_file(proj, path, ["SUG-1"])
    assert by_id.merged == [("KHM-001", "SUG-1")]
    assert [r["accepted_as"] for r in rows_of(path)] == ["KHM-001", "KHM-002", "KHM-003"]
    assert accept_file(proj, path).summary().startswith("nothing accepted")


def test_a_suggestion_is_never_accepted_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proj, path = suggest(tmp_path)
    n = number_of(rows_of(path), "party_dissolution")
    assert accept_file(proj, path, [n]).added == [("KHM-002", f"SUG-{n}")]
    before = (proj.curated_events.read_bytes(), path.read_bytes())
    for wanted in (str(n), f"SUG-{n}"):
        assert cli.main(["--root", str(tmp_path), "accept", str(path), "--rows", wanted]) == 1
        err = capsys.readouterr().err
        assert f"row {n}: SUG-{n} was already accepted as KHM-002" in err
        assert (proj.curated_events.read_bytes(), path.read_bytes()) == before


def test_a_suggestion_repeating_a_curated_event_is_refused(tmp_path: Path) -> None:
    """The same suggestion in a file written again (suggest run anew) is not coded twice."""
    proj, path = suggest(tmp_path)
    rows = rows_of(path)
    n = number_of(rows, "party_dissolution")
    accept_file(proj, path, [n])
    write_rows(path, rows)  # the file as first written: the row is "suggested" again
    before = proj.curated_events.read_bytes()
    with pytest.raises(InputError) as caught:
        accept_file(proj, path, [n])
    assert f"row {n}: SUG-{n}: repeats KHM-002 (same event type, date, actor" in str(caught.value)
    m = number_of(rows, "arrest")
    accept_file(proj, path, [m])
    write_rows(path, rows)
    with pytest.raises(InputError, match="KHM-001 already cites its article at this date"):
        accept_file(proj, path, [m])
    assert proj.curated_events.read_bytes() != before  # the merge above went in, once
    assert len(rows_of(proj.curated_events)) == 2


def test_accept_merges_another_source_and_refines_the_date(tmp_path: Path) -> None:
    proj, path = suggest(tmp_path)
    n = number_of(rows_of(path), "arrest")
    result = accept_file(proj, path, [n])
    assert result.merged == [("KHM-001", f"SUG-{n}")] and result.added == []
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


@pytest.mark.parametrize("spec", ["99", "SUG-99"])
def test_accept_rejects_rows_out_of_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str
) -> None:
    proj, path = suggest(tmp_path)
    before = proj.curated_events.read_bytes()
    assert cli.main(["--root", str(tmp_path), "accept", str(path), "--rows", spec]) == 1
    assert f"has rows 1-3 (SUG-1 to SUG-3); got {spec}" in capsys.readouterr().err
    assert proj.curated_events.read_bytes() == before


def test_event_ids_follow_the_articles_country() -> None:
    from helpers.suggest.accept import country_prefix

    events = [{"event_id": "KHM-001", "article_ids": "a"}]
    countries = {"a": "Cambodia", "b": "Myanmar", "c": "Atlantis"}
    assert country_prefix(events, "b", countries) == "MMR"
    assert country_prefix(events, "a", countries) == "KHM"
    # not a country pycountry knows: fall back to the prefix the curated events use
    assert country_prefix(events, "c", countries) == "KHM"
