"""Charts: findings as titles, source lines, axis titles, precision drawn distinctly,
and escaping of text from the data in figures, tables and prose."""

from __future__ import annotations

import datetime as dt
import html
import json

import plotly.graph_objects as go
import pytest
from support.frames import ROWS, contract_frame, typed_frame

from helpers import notebook as nb
from helpers.analysis import escalation, periods, responses, sources
from helpers.analysis.context import build_context
from helpers.presenting import charts, display
from helpers.presenting.params import validate_parameters

SOURCE = "Source: crackdown-briefings coded events (11 articles), as of 2025-01-01"
EVIL = "<script>alert(1)</script> <b>x</b>"


@pytest.fixture
def events():
    return typed_frame()


def all_figures(events) -> dict[str, go.Figure]:
    index = escalation.daily_index(events, "2016-01-01", "2018-12-31", 90)
    verdicts = escalation.monthly_verdicts(events, "2016-01-01", "2018-12-31")
    counts = periods.monthly_counts(events, "2016-01-01", "2018-12-31")
    return {
        "timeline": charts.dual_track_timeline(events, SOURCE, {"aid_cut": "Aid cuts"}),
        "escalation": charts.escalation_curve(index, SOURCE, 90),
        "verdicts": charts.verdict_chart(verdicts, SOURCE),
        "kinds": charts.responses_by_kind_chart(responses.responses_by_kind(events), SOURCE),
        "lag": charts.response_lag_chart(responses.response_lags(events), SOURCE),
        "counts": charts.monthly_counts_chart(counts, SOURCE),
        "actors": charts.severity_bars(
            escalation.severity_by(events, "actor"), "actor", SOURCE, "actor"
        ),
        "precision": charts.precision_chart(sources.precision_mix(events), SOURCE),
        "outlets": charts.outlets_chart(sources.outlet_counts(events), SOURCE),
        "explorer": charts.explorer(events, SOURCE),
    }


def test_titles_state_the_finding(events):
    figs = all_figures(events)
    title = {name: fig.layout.title.text.replace("<br>", " ") for name, fig in figs.items()}
    assert title["timeline"] == (
        "Crackdown severity peaked in November 2017 (The Supreme Court dissolved the CNRP); "
        "3 international responses in the window"
    )
    assert title["escalation"].startswith(
        "The crackdown escalated most in the 90 days to 26 November 2017 (severity score 20.8)"
    )
    assert title["lag"].startswith(
        "The first international response came a median of about 16 days"
    )
    assert title["outlets"] == "Reuters is the most cited outlet (8 events)"
    assert title["precision"] == "8 of 11 events are dated to the day"
    assert title["verdicts"].startswith("The situation deteriorated in")


def test_every_figure_has_source_width_and_axis_titles(events):
    for name, fig in all_figures(events).items():
        assert fig.layout.width == 900, name
        sources_ = [a.text for a in fig.layout.annotations if a.name == "source"]
        assert sources_ == [SOURCE], name
        xaxes = [fig.layout[k] for k in fig.layout if k.startswith("xaxis")]
        yaxes = [fig.layout[k] for k in fig.layout if k.startswith("yaxis")]
        assert any(ax.title.text for ax in xaxes), name
        assert all(ax.title.text for ax in yaxes), name


def test_palette_is_okabe_ito(events):
    fig = all_figures(events)["timeline"]
    colors = {t.marker.color for t in fig.data if t.mode == "markers"}
    assert colors <= set(charts.OKABE_ITO.values())


def test_month_precision_is_drawn_distinctly(events):
    fig = charts.dual_track_timeline(events, SOURCE)
    markers = {t.name: t for t in fig.data if t.mode == "markers"}
    month = markers["crackdown event, date known to the month"]
    day = markers["crackdown event"]
    assert month.marker.symbol != day.marker.symbol
    assert list(month.x) == [dt.datetime(2017, 10, 16)] or str(month.x[0]).startswith("2017-10-16")
    assert all("date known to the month" in h for h in month.hovertext)
    spans = [t for t in fig.data if t.mode == "lines" and "month" in t.name]
    xs = [str(x)[:10] for x in spans[0].x if x is not None]
    assert xs[:2] == ["2017-10-01", "2017-10-31"]  # the span date_start..date_end


def test_approximate_lag_named_in_legend(events):
    fig = charts.response_lag_chart(responses.response_lags(events), SOURCE)
    names = {t.name for t in fig.data}
    assert "approximate lag (date known to the month)" in names
    assert "exact lag (both dates known to the day)" in names


def test_key_events_are_annotated(events):
    fig = charts.dual_track_timeline(events, SOURCE, n_key=1)
    texts = [a.text for a in fig.layout.annotations if a.name != "source"]
    assert "Police beat protesters in Phnom Penh." in texts


def test_empty_frames_give_a_figure_that_says_so(events):
    empty = events.iloc[0:0]
    fig = charts.dual_track_timeline(empty, SOURCE)
    assert "No crackdown events" in fig.layout.title.text
    lag = charts.response_lag_chart(responses.response_lags(empty), SOURCE)
    assert lag.layout.title.text.startswith("No crackdown event")


def test_small_multiples_matplotlib(events):
    counts = periods.monthly_counts(events, "2016-01-01", "2018-12-31")
    fig = charts.small_multiples(counts, SOURCE)
    # 5 crackdown events datable to a month over 36 months (the year-only release is left out)
    assert fig._suptitle.get_text().endswith("than the monthly average of 0.1")
    assert any(t.get_text() == SOURCE for t in fig.texts)
    assert all(ax.get_ylabel() == "Events (count)" for ax in fig.axes)
    assert fig.axes[-1].get_xlabel() == "Month"


# ------------------------------------------------------------------------ escaping


def evil_rows():
    rows = [list(r) for r in ROWS]
    for row in rows:
        if row[0] in ("KHM-003", "KHM-002"):
            row[7] = EVIL
            row[5] = row[5] if row[0] == "KHM-002" else "Supreme <i>Court</i>"
    return [tuple(r) for r in rows]


def test_markup_in_figures_is_escaped():
    events = typed_frame(evil_rows())
    fig = charts.dual_track_timeline(events, SOURCE)
    dumped = json.dumps(fig.to_plotly_json(), default=str)
    assert "<script>" not in dumped and "<b>x</b>" not in dumped and "<i>Court" not in dumped
    assert "<b>" not in fig.layout.title.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dumped
    assert "&lt;b&gt;x&lt;/b&gt;" in dumped
    html = fig.to_html(include_plotlyjs=False)
    assert "<script>alert(1)</script>" not in html


def test_escape_markdown():
    out = display.escape_markdown(EVIL)
    assert "<script>" not in out and "<b>" not in out
    assert out == "&lt;script&gt;alert\\(1\\)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;"


def test_tables_and_prose_escape_text_from_the_data(monkeypatch):
    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    values = validate_parameters(
        "01_briefing", {"as_of": "2025-01-01"}, countries=["Cambodia"], today=dt.date(2026, 1, 1)
    )
    ctx = build_context("01_briefing", values, contract_frame(evil_rows()))
    nb.show_events_table(ctx)
    nb.show_unanswered(ctx)
    nb.show_headline(ctx)
    nb.show_text(EVIL)
    html = "".join(getattr(o, "data", "") or "" for o in shown)
    assert "<script>" not in html and "<b>x</b>" not in html and "<i>Court</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;" in html
    assert "&lt;i&gt;Court&lt;/i&gt;" in html


def test_table_html_formats_cells(events):
    html = display.table_html(
        events.head(1), {"event_id": "ID", "plot_date": "Drawn on", "severity": "Severity"}
    )
    assert "<th>Drawn on</th>" in html and "<td>2016-07-10</td>" in html
    assert "<td>9</td>" in html


# -------------------------------------------------------------------------- layout


def test_titles_are_wrapped_to_fit_900_px(events):
    long = "word " * 40
    assert all(len(line) <= charts.TITLE_WIDTH for line in charts.wrap_title(long).split("<br>"))
    for name, fig in all_figures(events).items():
        lines = fig.layout.title.text.split("<br>")
        assert all(len(line) <= charts.TITLE_WIDTH for line in lines), name
        assert fig.layout.margin.t >= 36 + 22 * len(lines), name


def test_legend_and_source_line_do_not_collide(events):
    for name, fig in all_figures(events).items():
        height = fig.layout.height
        (source,) = [a for a in fig.layout.annotations if a.name == "source"]
        plot_height = height - fig.layout.margin.t - fig.layout.margin.b
        source_top_px = source.y * plot_height + fig.layout.margin.b + 14  # from the bottom
        items = charts.legend_items(fig)
        if not items:
            assert fig.layout.showlegend is False, name
            continue
        rows = -(-items // charts.LEGEND_PER_ROW)
        legend_top_px = fig.layout.legend.y * height
        legend_bottom_px = legend_top_px - rows * charts.LEGEND_ROW_PX
        assert legend_bottom_px >= source_top_px - 1, name
        assert fig.layout.legend.yref == "container", name
        # the legend stays below the plot area and its x-axis title
        assert legend_top_px <= fig.layout.margin.b - 40, name


def test_key_event_labels_are_short_and_on_separate_levels(events):
    fig = charts.dual_track_timeline(events, SOURCE, n_key=10)
    keys = [a for a in fig.layout.annotations if a.showarrow]
    assert 1 <= len(keys) <= 4
    assert all(len(html.unescape(a.text)) <= charts.LABEL_WIDTH for a in keys)
    assert len({a.ay for a in keys}) == len(keys)
    top = fig.layout.yaxis.range[1]
    assert all(a.ay < top for a in keys)
    # the year-only release is not singled out while datable acts remain
    assert "Tep Vanny was released." not in [a.text for a in keys]


def test_month_precision_dates_are_written_without_a_day(events):
    fig = charts.dual_track_timeline(events, SOURCE)
    month = next(t for t in fig.data if t.name == "crackdown event, date known to the month")
    assert month.hovertext[0].startswith("<b>October 2017</b>")
    lags = responses.response_lags(events)
    lags.loc[0, ["crackdown_date", "crackdown_precision"]] = [
        dt.datetime(2017, 9, 16),
        "month",
    ]
    lag = charts.response_lag_chart(lags, SOURCE)
    labels = [y for t in lag.data for y in t.y]
    assert any(y.startswith("September 2017<br>") for y in labels)
    assert not any("16 September" in y for y in labels)
    assert all(len(t.text) == len(t.y) for t in lag.data)  # lag written on each bar


def test_axis_titles_avoid_jargon(events):
    for name, fig in all_figures(events).items():
        titles = [fig.layout[k].title.text or "" for k in fig.layout if k[1:5] == "axis"]
        assert not any("Goldstein points" in t for t in titles), name


def test_count_axes_use_whole_numbers(events):
    figs = all_figures(events)
    assert figs["outlets"].layout.xaxis.dtick == 1
    assert figs["precision"].layout.yaxis.tickformat == "d"
