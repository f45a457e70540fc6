"""The summarised forms of a window of many events (helpers.analysis.summary, the
summarised timeline, the key events and the annex), on a large synthetic frame; and the
CSV of the window's events that travels with a briefing."""

from __future__ import annotations

import csv
import json

import pandas as pd
import plotly.io as pio
import pytest
from support.frames import ROWS, context, typed_frame
from support.many_events import FORMULAS, many_events

from helpers import notebook as nb
from helpers.analysis import summary
from helpers.analysis.context import build_context
from helpers.analysis.loading import crackdown_events, prepare_events
from helpers.dataset.codebook import load_codebook
from helpers.dataset.tables import EVENTS
from helpers.presenting import attachments, charts, display
from helpers.presenting.charts.summary_timeline import score_colors
from helpers.presenting.params import validate_parameters
from helpers.rendering.html_export import PageInfo, _export

N = 60_000
START, END = "2019-01-01", "2021-12-31"


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return prepare_events(many_events(N, START, END))


@pytest.fixture(scope="module")
def ctx(events):
    from support.frames import CODEBOOK

    params = validate_parameters(
        "01_briefing",
        {"country": "Ruritania", "start_date": START, "end_date": END, "as_of": "2022-06-30"},
        countries=["Ruritania"],
    )
    return build_context("01_briefing", params, events, codebook=load_codebook(CODEBOOK))


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list:
    """Everything the ``show_*`` helpers display (texts, tables, figures, raw bundles)."""
    out: list = []
    monkeypatch.setattr(display, "display", out.append)
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: out.append(obj))
    monkeypatch.setattr(nb, "show_figure", lambda fig: (out.append(fig), fig)[1])
    return out


# ------------------------------------------------------------------ when to summarise


def test_the_threshold_is_stated_and_switches_the_timeline(events, shown):
    assert summary.MANY_EVENTS == 100
    assert "more than 100 events" in summary.threshold_words()
    few, many = events.head(summary.MANY_EVENTS), events.head(summary.MANY_EVENTS + 1)
    assert not summary.is_many(few) and summary.is_many(many)
    for frame, expected in ((few, "Most severe act"), (many, "Most crackdown acts in one")):
        ctx = context_of(frame)
        fig = nb.show_timeline(ctx)
        assert fig.layout.meta["caption"].startswith(expected)


def context_of(frame: pd.DataFrame):
    from support.frames import CODEBOOK

    params = validate_parameters(
        "01_briefing",
        {"country": "Ruritania", "start_date": START, "end_date": END, "as_of": "2022-06-30"},
        countries=["Ruritania"],
    )
    return build_context("01_briefing", params, frame, codebook=load_codebook(CODEBOOK))


# ----------------------------------------------------------------------------- bins


def test_a_window_of_half_a_year_is_counted_by_week_longer_ones_by_month():
    assert summary.bin_unit("2020-01-01", "2020-07-01") == "week"  # 183 days
    assert summary.bin_unit("2020-01-01", "2020-07-02") == "month"


def test_every_event_is_counted_once_in_a_bin_or_apart(events):
    binned = summary.binned(events, START, END)
    assert binned.unit == "month" and len(binned.bins) == 36
    in_bars = int(binned.counts["n_events"].sum())
    assert in_bars + sum(binned.unplaced.values()) == len(events)
    # An event is in a bar only when every day it may fall on lies in that month.
    months = events["date_start"].dt.to_period("M") == events["date_end"].dt.to_period("M")
    assert in_bars == int(months.sum())
    crack = crackdown_events(events)
    placed_crack = crack[
        crack["date_start"].dt.to_period("M") == crack["date_end"].dt.to_period("M")
    ]
    totals = binned.totals("crackdown")
    assert int(totals["n_events"].sum()) == len(placed_crack)
    assert totals["severity"].sum() == pytest.approx(placed_crack["severity"].sum())


def test_weekly_bins_leave_out_a_week_across_two_weeks(events):
    half = events[events["date_start"] < "2019-06-01"]
    binned = summary.binned(half, "2019-01-01", "2019-05-31")
    assert binned.unit == "week"
    crossing = half[half["date_end"] > half["date_start"] + pd.to_timedelta(
        6 - half["date_start"].dt.day_of_week, unit="D"
    )]  # fmt: skip
    assert sum(binned.unplaced.values()) == len(crossing)


# --------------------------------------------------------------------- ranks, labels


def test_the_rank_is_severity_then_outlets_then_date():
    frame = pd.DataFrame(
        {
            "event_id": ["late", "early", "sourced", "mild"],
            "severity": [9.0, 9.0, 9.0, 6.0],
            "n_outlets": [1, 1, 2, 5],
            "date_start": pd.to_datetime(["2020-05-01", "2020-01-01", "2020-09-01", "2019-01-01"]),
        }
    )
    assert summary.ranked(frame)["event_id"].tolist() == ["sourced", "early", "late", "mild"]


def test_labels_name_the_tie_at_the_lowest_labelled_score(events):
    labels = summary.labelled(events, "month")
    assert len(labels.acts) == summary.N_LABELLED
    top = crackdown_events(events)["severity"].max()
    assert labels.score == top
    assert labels.tied == int((crackdown_events(events)["severity"] == top).sum()) > 5
    assert labels.words() == (
        f"Labelled: {summary.N_LABELLED} of the {labels.tied:,} acts scoring {top:g}, the first "
        "by the rule."
    )
    # Labelled acts lie within one month: the label points at the bar that counts them.
    acts = labels.acts
    assert (acts["date_start"].dt.to_period("M") == acts["date_end"].dt.to_period("M")).all()


def test_the_summarised_timeline_stays_small_whatever_the_count(events):
    sizes = {}
    for n in (1_000, N):
        part = events.head(n)
        binned = summary.binned(part, START, END)
        fig = charts.summary_timeline(
            binned, summary.labelled(part, "month"), "Source: test", window=(START, END)
        )
        sizes[n] = len(pio.to_json(fig))
        bars = [t for t in fig.data if t.type == "bar"]
        drawn = sum(sum(t.y) for t in bars)
        tracks = binned.counts[binned.counts["track"] != "other"]  # not drawn, counted apart
        assert drawn == int(tracks["n_events"].sum())
        labels = [a for a in fig.layout.annotations if a.name == "key event"]
        assert len(labels) == summary.N_LABELLED
    assert sizes[N] < 60_000 and sizes[N] < sizes[1_000] * 2


def test_crackdown_bars_are_stacked_by_score_darker_for_harsher(events):
    binned = summary.binned(events, START, END)
    fig = charts.summary_timeline(
        binned, summary.labelled(events, "month"), "Source: test", window=(START, END)
    )
    crack = [t for t in fig.data if t.type == "bar" and t.legendgroup == "crackdown"]
    names = [t.name for t in crack]
    assert names[0] == "score 9" and names[-1] == "release (-4)"
    colors = score_colors([2.0, 9.0, -4.0])
    assert colors[9.0] == "#7f2704" and colors[-4.0] != colors[2.0]
    numbers = fig.layout.meta["numbers"]
    assert len(numbers["rows"]) == 36  # one row per month with an event


# ------------------------------------------------------------- key events and annex


def test_the_event_tables_list_the_key_events_then_the_next_and_count_the_rest(
    ctx, shown, monkeypatch
):
    monkeypatch.delenv(attachments.ATTACHMENTS_ENV, raising=False)
    listed = nb.show_events_table(ctx)
    n_key = summary.N_KEY_EVENTS
    assert len(listed) == n_key + summary.ANNEX_ROWS
    expected = summary.ranked(crackdown_events(ctx.listed)).head(n_key)
    assert listed["event_id"].head(n_key).tolist() == expected["event_id"].tolist()
    assert listed["event_id"].is_unique
    headings = [o.data for o in shown if "####" in str(getattr(o, "data", ""))]
    assert headings == [
        "#### Key events",
        f"#### The next {summary.ANNEX_ROWS} events, by date",
        "#### The other events, by kind",
    ]
    _, rest = summary.annex_events(ctx.listed)
    assert len(listed) + len(rest) == len(ctx.listed)
    counted = [o.data for o in shown if "Events not listed" in str(getattr(o, "data", ""))]
    assert len(counted) == 1
    intro = next(o.data for o in shown if "more than the" in str(getattr(o, "data", "")))
    assert f"the other {len(rest):,} are counted by kind" in intro.replace("\\", "")
    # 60,000 events: far more acts share the top score than the key events hold.
    tied = (crackdown_events(ctx.listed)["severity"] == expected["severity"].min()).sum()
    assert f"{tied:,} acts score " in intro.replace("\\", "")
    assert "the rank picks 15 of them" in intro.replace("\\", "")
    assert "most severe" not in intro
    assert summary.counts_by_kind(rest)["n_events"].sum() == len(rest)


def test_a_window_just_above_the_threshold_says_none_is_left_out(events, shown, monkeypatch):
    monkeypatch.delenv(attachments.ATTACHMENTS_ENV, raising=False)
    small = context_of(events.head(summary.MANY_EVENTS + 1))
    assert len(nb.show_events_table(small)) == summary.MANY_EVENTS + 1
    intro = next(o.data for o in shown if "more than the" in str(getattr(o, "data", "")))
    assert "none is left out" in intro and "the other 0" not in intro


def test_the_event_tables_cell_shows_no_raw_frame_after_the_tables(ctx, capsys, monkeypatch):
    """The notebook's cell ends with ``nb.show_events_table(ctx)``: the rows it returns
    are not displayed again as a raw frame ("115 rows x 8 columns") under the tables."""
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.delenv(attachments.ATTACHMENTS_ENV, raising=False)
    shell = InteractiveShell.instance()
    try:
        shell.user_ns.update(nb=nb, ctx=ctx)
        capsys.readouterr()
        result = shell.run_cell("nb.show_events_table(ctx)", store_history=True)
        out = capsys.readouterr().out
        assert len(result.result) == summary.N_KEY_EVENTS + summary.ANNEX_ROWS
        assert "rows \u00d7" not in out and "event_id" not in out  # no frame printed
    finally:
        InteractiveShell.clear_instance()


def test_a_small_window_lists_every_event_once(shown, monkeypatch):
    monkeypatch.delenv(attachments.ATTACHMENTS_ENV, raising=False)
    small = context()
    assert len(nb.show_events_table(small)) == len(small.listed) == len(ROWS)
    assert not [o for o in shown if "####" in str(getattr(o, "data", ""))]


# ------------------------------------------------------------------- the CSV file


def test_the_window_travels_as_a_csv_with_formulas_neutralised(ctx, shown, tmp_path, monkeypatch):
    monkeypatch.setenv(attachments.ATTACHMENTS_ENV, str(tmp_path))
    path = nb.show_events_download(ctx)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == EVENTS.names() and len(rows) == len(ctx.events) + 1
    evidence = [r[EVENTS.names().index("evidence")] for r in rows[1:]]
    assert not any(e.startswith(FORMULAS) for e in evidence)
    assert sum(e.startswith("'") for e in evidence) >= len(ctx.events) // 997
    severity = {r[EVENTS.names().index("severity")] for r in rows[1:]}
    assert "-4.0" in severity  # numbers are not neutralised
    bundle = next(o for o in shown if isinstance(o, dict) and attachments.ATTACHMENT_MIME in o)
    spec = bundle[attachments.ATTACHMENT_MIME]
    assert spec["file"] == str(path) and spec["suffix"] == "events.csv"
    assert f"{len(ctx.events):,} events" in spec["text"]


def test_the_page_links_the_csv_under_the_briefings_name(tmp_path):
    import nbformat

    spec = {"file": str(tmp_path / "x.csv"), "suffix": "events.csv", "text": "The events"}
    cell = nbformat.v4.new_code_cell("nb.show_events_download(ctx)")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={attachments.ATTACHMENT_MIME: spec, "text/plain": "x"}
        )
    ]
    page = PageInfo("T", "1 January 2022", "d", "p", "s", "now", files_stem="01_briefing")
    body, files = _export(nbformat.v4.new_notebook(cells=[cell]), page)
    link = body[body.index('class="briefing-download"') :].split("</p>")[0]
    assert 'href="01_briefing.events.csv"' in link and "download" in link
    assert files == {"events.csv": spec["file"]}


def test_outside_the_render_no_file_is_written(ctx, shown, monkeypatch):
    monkeypatch.delenv(attachments.ATTACHMENTS_ENV, raising=False)
    assert nb.show_events_download(ctx) is None
    assert any("briefings render" in str(getattr(o, "data", "")) for o in shown)


def test_the_seed_frame_is_not_summarised():
    assert not summary.is_many(typed_frame())
    assert json.dumps(summary.threshold_words())
