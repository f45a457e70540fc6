"""Any country of the dataset: which countries are known, how a given name is matched,
and what a briefing says when its sources code no international response."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support.frames import ROWS, contract_frame

from helpers import notebook as nb
from helpers.analysis.context import build_context
from helpers.errors import ParameterError
from helpers.presenting import display
from helpers.presenting.params import known_countries, resolve_country, validate_parameters

TODAY = dt.date(2026, 1, 15)


# --------------------------------------------------------------------- known countries


def test_known_countries_come_from_events_articles_and_raw_folders(tmp_path: Path) -> None:
    processed = tmp_path / "data" / "processed"
    processed.mkdir(parents=True)
    (tmp_path / "data" / "codebook.yaml").write_text("version: 1\n")
    events = {"event_id": ["KHM-001", "MMR-001", "XXX-001"]}
    events["country"] = ["Cambodia", "Myanmar;Thailand", ""]
    pq.write_table(pa.table(events), processed / "events.parquet")
    (processed / "articles.csv").write_text("article_id,country\na,Laos\n")
    for folder, files in {"south_sudan": ["a.txt"], "belarus": [], "nepal": ["notes.md"]}.items():
        (tmp_path / "data" / "raw" / folder).mkdir(parents=True)
        for name in files:
            (tmp_path / "data" / "raw" / folder / name).write_text("text")
    assert known_countries(tmp_path) == [
        "Cambodia",
        "Laos",
        "Myanmar",
        "South Sudan",
        "Thailand",
    ]  # folders without article files (belarus, nepal) are not countries of the dataset


def test_a_country_with_articles_but_no_built_table_is_known(tmp_path: Path) -> None:
    (tmp_path / "data" / "raw" / "cambodia").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "cambodia" / "a.txt").write_text("text")
    (tmp_path / "data" / "codebook.yaml").write_text("version: 1\n")
    assert known_countries(tmp_path) == ["Cambodia"]


def test_given_names_are_matched_to_the_dataset_spelling() -> None:
    known = ["Cambodia", "South Sudan"]
    assert resolve_country("  south sudan ", known) == "South Sudan"
    with pytest.raises(ParameterError) as info:
        resolve_country("Atlantis", known)
    assert str(info.value) == (
        "'Atlantis', which is not in the dataset; expected one of: Cambodia, South Sudan."
    )
    assert resolve_country("Anywhere", []) == "Anywhere"  # no dataset yet: loading says so


def test_the_country_parameter_takes_any_known_country() -> None:
    values = validate_parameters(
        "01_briefing", {"country": "freedonia"}, countries=["Cambodia", "Freedonia"], today=TODAY
    )
    assert values["country"] == "Freedonia"
    assert values["title"].startswith("Freedonia: ")


# ------------------------------------------------------------ no international response


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list:
    """Everything a ``show_*`` helper displays: texts (Markdown) and figures."""
    out: list = []
    monkeypatch.setattr(display, "display", out.append)
    monkeypatch.setattr(nb, "show_figure", lambda fig: out.append(("figure", fig)))
    return out


def context(rows: list[tuple[str, ...]], **params):
    values = validate_parameters(
        "01_briefing",
        {"country": "Freedonia", "as_of": "2025-01-01", **params},
        countries=["Freedonia"],
        today=TODAY,
    )
    return build_context("01_briefing", values, contract_frame(rows, country="Freedonia"))


def texts(shown: list) -> list[str]:
    """The Markdown texts shown, without their escapes."""
    return [
        o.data.replace("\\", "") for o in shown if hasattr(o, "data") and isinstance(o.data, str)
    ]


def figures(shown: list) -> list:
    return [o for o in shown if isinstance(o, tuple) and o[0] == "figure"]


WITHOUT_RESPONSES = [row for row in ROWS if row[3] != "international_response"]


@pytest.mark.parametrize(
    ("helper", "says"),
    [
        (nb.show_responses_by_kind, "so there is nothing to chart"),
        (nb.show_responders, "so there is no responder to list"),
        (nb.show_response_lag, "so no response lag can be measured"),
        (nb.show_unanswered, "so these sources cannot tell which crackdown acts drew a response"),
    ],
)
def test_no_coded_response_is_said_instead_of_an_empty_chart(shown, helper, says) -> None:
    helper(context(WITHOUT_RESPONSES))
    (text,) = texts(shown)
    assert "No international responses to the crackdown in Freedonia are coded in these" in text
    assert says in text and "not evidence that none were made" in text
    assert figures(shown) == [] and "<table" not in text


def test_the_timeline_keeps_the_crackdown_track_and_says_why_the_other_is_empty(shown) -> None:
    nb.show_timeline(context(WITHOUT_RESPONSES))
    assert len(figures(shown)) == 1
    reading, text = texts(shown)  # how to read the timeline, then why a track is empty
    assert reading == nb.TIMELINE_READING.replace("\\", "")
    assert "so the lower track of the timeline is empty" in text


def test_responses_outside_the_window_are_not_called_uncoded(shown) -> None:
    """Responses exist (in 2017-2018), but none in a 2016 window: say so for the window;
    the response lag still looks at responses after the window."""
    ctx = context(ROWS, start_date="2016-01-01", end_date="2016-12-31")
    assert not ctx.empty
    nb.show_responses_by_kind(ctx)
    (text,) = texts(shown)
    assert "coded in this window (between 1 January 2016 and 31 December 2016)" in text
    assert "in these sources" not in text
    shown.clear()
    nb.show_timeline(ctx)
    assert texts(shown) == [nb.TIMELINE_READING]  # responses are coded: no note under it


def test_briefings_with_responses_still_chart_them(shown) -> None:
    ctx = context(ROWS)
    assert not pd.DataFrame(ctx.events).query("category == 'international_response'").empty
    nb.show_responses_by_kind(ctx)
    nb.show_response_lag(ctx)
    assert len(figures(shown)) == 2 and texts(shown) == []
