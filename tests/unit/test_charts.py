"""Charts: house style (size, fonts that print at 7 pt or more, plotting area, source
line), what each chart says in words (caption, accessible name, numbers), events drawn
as their intervals, markers on one spot stacked, short whole labels, empty categories left
out, the time after the data cut-off greyed, and text from the data escaped."""

from __future__ import annotations

import html
import importlib
import json
import math

import pandas as pd
import plotly.graph_objects as go
import pytest
from support.frames import ROWS, typed_frame

from helpers.analysis import escalation, periods, responses, sources
from helpers.presenting import charts
from helpers.presenting.charts import accessible, marks, style

SOURCE = "Source: crackdown-briefings coded events (3 reports), as of 2018-12-31"
WINDOW = ("2016-01-01", "2018-12-31")
CUTOFF = pd.Timestamp("2018-04-08")
EVIL = "<script>alert(1)</script> <b>x</b>"

# event_id, date, precision, category, event_type, actor, target, summary, responds_to,
# article_ids, first_reported, outlets
SPOT_ROWS = [
    ("KHM-101", "2017-09-03", "day", "crackdown", "arrest", "Police", "Kem Sokha",
     "Kem Sokha was arrested.", "", "a1", "2017-09-04", "Reuters"),
    ("KHM-102", "2017-09-03", "day", "crackdown", "prosecution", "Government of Cambodia",
     "Kem Sokha", "Kem Sokha was charged with treason.", "", "a1", "2017-09-04", "Reuters"),
    ("KHM-103", "2017-10", "month", "crackdown", "threat", "Hun Sen", "CNRP",
     "Hun Sen threatened the CNRP.", "", "a2", "2017-10-20", "VOA"),
    ("KHM-104", "2017-11-16", "day", "crackdown", "party_dissolution", "Supreme Court", "CNRP",
     "The Supreme Court dissolved the CNRP.", "", "a3", "2017-11-17", "Reuters"),
    ("KHM-105", "2017-09", "month", "international_response", "foreign_statement",
     "United States", "Government of Cambodia", "The US condemned the arrest.", "KHM-101",
     "a1", "2017-09-06", "VOA"),
    ("KHM-106", "2017-09", "month", "international_response", "ngo_statement",
     "Human Rights Watch", "Government of Cambodia", "HRW condemned the arrest.", "KHM-101",
     "a1", "2017-09-06", "VOA"),
    ("KHM-107", "2017-12-06", "day", "international_response", "aid_cut", "United States",
     "Government of Cambodia", "The US cut aid.", "KHM-104", "a3", "2017-12-07", "Reuters"),
]  # fmt: skip
HEADLINES = {
    "KHM-101": "Kem Sokha arrested",
    "KHM-102": "Kem Sokha charged",
    "KHM-103": "CNRP threatened",
    "KHM-104": "CNRP dissolved",
    "KHM-105": "Statement by the US",
    "KHM-106": "Statement by HRW",
    "KHM-107": "Aid cut by the US",
}
KINDS = {
    "aid_cut": "Aid cuts",
    "sanctions": "Sanctions and travel bans",
    "un_appeal": "UN appeals and statements",
    "statement": "Statements by governments and NGOs",
}


@pytest.fixture
def spot() -> pd.DataFrame:
    """Hand-made events: two acts on one day and severity, two responses on one spot, and
    the responses' month narrowed (as the data does) to 3-6 September."""
    frame = typed_frame(SPOT_ROWS)
    frame["headline"] = frame["event_id"].map(HEADLINES)
    narrowed = frame["event_id"].isin(["KHM-105", "KHM-106"])
    frame.loc[narrowed, "date_start"] = pd.Timestamp("2017-09-03")
    frame.loc[narrowed, "date_end"] = pd.Timestamp("2017-09-06")
    frame.loc[narrowed, "plot_date"] = pd.Timestamp("2017-09-15")  # outside: must be clipped
    return frame


@pytest.fixture
def events() -> pd.DataFrame:
    return typed_frame()


def timeline(frame: pd.DataFrame, **kwargs) -> go.Figure:
    return charts.dual_track_timeline(frame, SOURCE, KINDS, window=WINDOW, **kwargs)


def all_figures(frame: pd.DataFrame) -> dict[str, go.Figure]:
    """Every chart of the briefings, drawn from ``frame``."""
    verdicts = escalation.monthly_verdicts(frame, *WINDOW, CUTOFF)
    index = escalation.daily_index(frame, *WINDOW, 90)
    counts = periods.monthly_counts(frame, WINDOW[0], CUTOFF)
    return {
        "timeline": timeline(frame, cutoff=CUTOFF),
        "escalation": charts.escalation_curve(index, SOURCE, 90, window=WINDOW, cutoff=CUTOFF),
        "verdicts": charts.verdict_chart(verdicts, SOURCE, window=WINDOW, cutoff=CUTOFF),
        "kinds": charts.responses_by_kind_chart(responses.responses_by_kind(frame), SOURCE),
        "lag": charts.response_lag_chart(responses.response_lags(frame), SOURCE),
        "counts": charts.monthly_counts_chart(counts, SOURCE, window=WINDOW, cutoff=CUTOFF),
        "actors": charts.severity_bars(
            escalation.severity_by(frame, "actor"), "actor", SOURCE, "actor"
        ),
        "precision": charts.precision_chart(sources.precision_mix(frame), SOURCE),
        "outlets": charts.outlets_chart(sources.outlet_counts(frame), SOURCE),
    }


def marker_points(fig: go.Figure) -> dict[str, tuple[pd.Timestamp, float]]:
    """Event id -> (x, y) of its marker, from the marker traces' customdata."""
    points = {}
    for trace in fig.data:
        if trace.mode == "markers" and trace.customdata is not None:
            for x, y, event_id in zip(trace.x, trace.y, trace.customdata, strict=True):
                points[event_id] = (pd.Timestamp(x), float(y))
    return points


def font_sizes(fig: go.Figure) -> list[tuple[str, float]]:
    """Every font size the figure prints with (unset sizes inherit the layout's)."""
    layout = fig.layout
    base = layout.font.size
    sizes = [("layout", base), ("title", layout.title.font.size or base)]
    sizes.append(("legend", layout.legend.font.size or base))
    for a in layout.annotations:
        sizes.append((f"annotation {a.text[:30]!r}", a.font.size or base))
    for name in layout:
        if name.startswith(("xaxis", "yaxis")):
            axis = layout[name]
            sizes.append((f"{name} ticks", axis.tickfont.size or base))
            sizes.append((f"{name} title", axis.title.font.size or base))
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and getattr(trace, "text", None) is not None:
            sizes.append((f"text of {trace.name}", textfont.size or base))
    return sizes


# ------------------------------------------------------------------------ house style


def test_every_chart_has_width_source_axis_title_and_words(spot):
    for name, fig in all_figures(spot).items():
        assert fig.layout.width == style.WIDTH, name
        assert [a.text for a in fig.layout.annotations if a.name == "source"] == [SOURCE], name
        xaxes = [fig.layout[k] for k in fig.layout if k.startswith("xaxis")]
        assert any(ax.title.text for ax in xaxes), name
        meta = fig.layout.meta
        assert meta["caption"] == html.unescape(fig.layout.title.text.replace("<br>", " "))
        assert len(meta["alt"]) > 40, name
        assert meta["numbers"]["rows"] and meta["numbers"]["columns"], name
        widths = {len(r) for r in meta["numbers"]["rows"]}
        assert widths == {len(meta["numbers"]["columns"])}, name


def test_every_font_prints_at_7_points_or_more(spot):
    for name, fig in all_figures(spot).items():
        for where, size in font_sizes(fig):
            assert size is not None, (name, where)
            assert style.print_points(size) >= style.MIN_PRINT_PT, (name, where, size)


def test_print_size_is_computed_from_the_widths():
    # 800 px printed 680 px wide (A4 less margins): 12 px -> 12 * 0.85 * 0.75 pt
    assert style.print_points(12, width=800, printed=680) == pytest.approx(7.65)
    assert style.print_points(12, width=1000, printed=680) < style.MIN_PRINT_PT
    assert style.print_points(10, width=600, printed=680) == pytest.approx(7.5)  # not enlarged


def test_plotting_area_is_at_least_260_px_whatever_the_legend(spot):
    for name, fig in all_figures(spot).items():
        margin = fig.layout.margin
        assert fig.layout.height - margin.t - margin.b >= style.MIN_PLOT_PX, name
    many = go.Figure([go.Scatter(x=[1], y=[1], name=f"series {i}") for i in range(12)])
    fig = style.finish(many, "Twelve series", SOURCE, "x", "y", height=300)
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b >= style.MIN_PLOT_PX


def test_legend_and_source_line_sit_below_the_axis_title(spot):
    for name, fig in all_figures(spot).items():
        plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        (source,) = [a for a in fig.layout.annotations if a.name == "source"]
        source_px = -source.y * plot  # below the plotting area, in px
        if fig.layout.showlegend:
            legend_px = -fig.layout.legend.y * plot
            rows = math.ceil(style.legend_items(fig) / style.LEGEND_PER_ROW)
            assert legend_px >= 40, name  # under the x-axis title
            assert legend_px + rows * style.LEGEND_ROW_PX <= source_px - 10, name
        assert source_px <= fig.layout.margin.b, name


def test_titles_are_wrapped(spot):
    for name, fig in all_figures(spot).items():
        lines = fig.layout.title.text.split("<br>")
        assert all(len(html.unescape(line)) <= style.TITLE_WIDTH for line in lines), name
        assert fig.layout.meta["title_px"] == 20 + style.TITLE_LINE_PX * len(lines), name


def test_palette_is_okabe_ito(spot):
    fig = timeline(spot)
    colors = {t.marker.color for t in fig.data if t.mode == "markers" and t.customdata}
    assert colors <= set(style.OKABE_ITO.values())


# ------------------------------------------------------------------- events on a time axis


def test_two_events_on_one_spot_are_both_visible(spot):
    fig = timeline(spot)
    points = marker_points(fig)
    (_, y1), (_, y2) = points["KHM-101"], points["KHM-102"]
    assert y1 != y2 and (y1 + y2) / 2 == pytest.approx(6.0)  # stacked around their value
    rng = fig.layout.yaxis.range
    px_apart = abs(y1 - y2) / (rng[1] - rng[0]) * 300
    assert px_apart >= marks.MARKER_PX  # a marker's height apart: neither hides the other
    (_, r1), (_, r2) = points["KHM-105"], points["KHM-106"]
    assert r1 != r2


def test_dodge_stacks_only_markers_that_would_touch():
    x = pd.to_datetime(pd.Series(["2017-09-03", "2017-09-03", "2017-09-05", "2018-01-01"]))
    y = pd.Series([5.0, 5.0, 5.0, 5.0])
    out = marks.dodge(x, y, pd.Timedelta(days=7), 1.0)
    assert out.tolist() == [4.0, 5.0, 6.0, 5.0]
    apart = marks.dodge(x, pd.Series([5.0, 6.0, 7.0, 5.0]), pd.Timedelta(days=7), 1.0)
    assert apart.tolist() == [5.0, 6.0, 7.0, 5.0]  # different values: left where they are


def test_markers_stay_inside_their_span_and_spans_are_drawn(spot):
    fig = timeline(spot)
    points = marker_points(fig)
    spans = spot.set_index("event_id")[["date_start", "date_end"]]
    for event_id, (x, _) in points.items():
        assert spans.loc[event_id, "date_start"] <= x <= spans.loc[event_id, "date_end"], event_id
    assert points["KHM-105"][0] == pd.Timestamp("2017-09-06")  # plot_date 15 Sep clipped
    lines = [t for t in fig.data if t.mode == "lines"]
    segments = [
        (pd.Timestamp(t.x[i]), pd.Timestamp(t.x[i + 1]))
        for t in lines
        for i in range(0, len(t.x), 3)
    ]
    threat = spans.loc["KHM-103"]  # known to the month, ended by its first report
    assert threat["date_end"] > threat["date_start"]
    assert (threat["date_start"], threat["date_end"]) in segments
    assert (pd.Timestamp("2017-09-03"), pd.Timestamp("2017-09-06")) in segments  # narrowed


def test_imprecise_dates_get_hollow_markers_named_in_the_legend(spot):
    fig = timeline(spot)
    by_precision = {
        t.meta["precision"]: t for t in fig.data if t.mode == "markers" and t.customdata
    }
    assert by_precision["month"].marker.symbol.endswith("-open")
    assert not by_precision["day"].marker.symbol.endswith("-open")
    legend = [t.name for t in fig.data if t.showlegend]
    assert legend == ["date known to the day", "date known to the month"]


def test_key_event_labels_are_headlines_with_short_dates(spot):
    fig = timeline(spot)
    labels = [a.text for a in fig.layout.annotations if a.name == "key event"]
    assert "CNRP dissolved, 16 Nov 2017" in labels
    assert "CNRP threatened, Oct 2017" in labels  # known to the month: no day
    assert not any("…" in label or "..." in label for label in labels)
    levels = [a.ay for a in fig.layout.annotations if a.name == "key event"]
    assert len(set(levels)) == len(levels)  # each on its own level


def test_labels_fall_back_to_the_event_type_without_headlines(spot):
    fig = timeline(spot.drop(columns="headline"))
    labels = [a.text for a in fig.layout.annotations if a.name == "key event"]
    assert "Party ban or dissolution, 16 Nov 2017" in labels


def test_response_kinds_shown_are_only_those_present_in_codebook_order(spot):
    fig = timeline(spot)
    ticks = [html.unescape(t.replace("<br>", " ")) for t in fig.layout.yaxis2.ticktext]
    assert ticks == ["Aid cuts", "Statements by governments and NGOs"]


def test_time_after_the_cutoff_is_greyed_and_labelled(spot):
    fig = timeline(spot, cutoff=CUTOFF)
    shapes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(shapes) == 2  # both panels
    assert {(pd.Timestamp(s.x0), pd.Timestamp(s.x1)) for s in shapes} == {
        (pd.Timestamp("2018-04-09"), pd.Timestamp("2018-12-31"))
    }
    (label,) = [a for a in fig.layout.annotations if a.name == "no coverage"]
    assert label.text.replace("<br>", " ") == "no coverage (no source after 8 April 2018)"
    assert not timeline(spot).layout.shapes  # no cut-off known: nothing greyed
    late = timeline(spot, cutoff=pd.Timestamp("2019-01-05"))
    assert not late.layout.shapes  # coverage reaches past the window


# ------------------------------------------------------------------ empty categories


def test_a_timeline_without_responses_keeps_its_date_axis(spot, events):
    """plotly.js leaves out a panel with no trace, and the bottom panel carries the dates:
    an ACLED-only country (no international response coded) kept its bars or markers
    without a single date under them."""
    from helpers.analysis import summary

    crackdown_only = spot[spot["category"] == "crackdown"]
    binned = summary.binned(crackdown_only, *WINDOW)
    drawn = [
        timeline(crackdown_only, cutoff=CUTOFF),
        charts.summary_timeline(
            binned, summary.labelled(crackdown_only, binned.unit), SOURCE, window=WINDOW
        ),
    ]
    for fig in drawn:
        assert {"x", "x2"} <= {trace.xaxis for trace in fig.data}
        assert fig.layout.xaxis2.title.text.startswith("Date")


def test_kinds_with_no_response_are_left_out():
    table = pd.DataFrame(
        {
            "response_kind": ["statement", "aid_cut", "diplomatic"],
            "label": ["Statements", "Aid cuts", "Diplomatic measures"],
            "n_events": [3, 1, 0],
        }
    )
    fig = charts.responses_by_kind_chart(table, SOURCE)
    assert list(fig.data[0].y) == ["Aid cuts", "Statements"]
    assert [r[0] for r in fig.layout.meta["numbers"]["rows"]] == ["Statements", "Aid cuts"]


def test_precisions_with_no_event_are_left_out(spot):
    fig = charts.precision_chart(sources.precision_mix(spot), SOURCE)
    assert list(fig.data[0].x) == ["date known to the day", "date known to the month"]


def test_monthly_panels_only_for_categories_with_events(spot):
    counts = periods.monthly_counts(
        spot, *WINDOW, ["crackdown", "international_response", "domestic_response"]
    )
    fig = charts.monthly_counts_chart(
        counts, SOURCE, ("crackdown", "international_response", "domestic_response")
    )
    titles = [a.text for a in fig.layout.annotations if a.name not in ("source",)]
    assert titles == ["Crackdown", "International response"]
    assert fig.layout.meta["numbers"]["columns"] == ["Month", "Crackdown", "International response"]


# --------------------------------------------------------------------- other charts


def test_lag_is_drawn_as_its_range():
    lags = pd.DataFrame(
        {
            "crackdown_id": ["KHM-011", "KHM-027"],
            "crackdown_headline": ["Kem Sokha arrested", "CNRP dissolved"],
            "crackdown_when": ["3 September 2017", "November 2017"],
            "responder": ["United States", "Several governments"],
            "response_when": ["September 2017", "2017"],
            "lag_min": [0, 0],
            "lag_max": [3, 60],
            "lag_label": ["0-3 days", "0-60 days"],
        }
    )
    fig = charts.response_lag_chart(lags, SOURCE)
    (bar,) = [t for t in fig.data if t.type == "bar"]
    assert list(bar.base) == [0, 0] and list(bar.x) == [3, 60]
    assert list(bar.y) == [
        "Kem Sokha arrested<br>3 September 2017",
        "CNRP dissolved<br>November 2017",
    ]
    words = next(t for t in fig.data if t.type == "scatter" and t.mode == "text")
    assert [w.strip() for w in words.text] == ["0-3 days", "0-60 days"]
    assert "too few for a median" in fig.layout.meta["caption"]


def test_verdicts_do_not_rest_on_colour_alone():
    months = pd.date_range("2017-08-01", periods=4, freq="MS")
    verdicts = pd.DataFrame(
        {
            "month": months,
            "added_severity": [4.0, 12.0, 2.0, 3.0],
            "n_events": [1, 2, 1, 1],
            "baseline": [None, 4.0, 8.0, 7.0],
            "verdict": ["insufficient data", "deteriorated", "improved", "unchanged"],
            "reason": ["r1", "r2 <b>", "r3", "r4"],
        }
    )
    fig = charts.verdict_chart(verdicts, SOURCE)
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert set(bars) == {"no verdict: insufficient data", "deteriorated", "improved", "unchanged"}
    patterns = {name: bar.marker.pattern.shape for name, bar in bars.items()}
    assert len(set(patterns.values())) == len(patterns)  # each verdict its own hatching
    assert list(bars["deteriorated"].hovertext) == ["r2 &lt;b&gt;"]
    assert fig.layout.meta["caption"].startswith("3 of 4 months could be judged")


def test_escalation_curve_draws_the_band(events):
    index = escalation.daily_index(events, *WINDOW, 90)
    fig = charts.escalation_curve(index, SOURCE, 90, window=WINDOW, cutoff=CUTOFF)
    fills = [t for t in fig.data if t.fill == "tonexty"]
    assert [t.name for t in fills] == [
        "cumulative: with acts that may have begun",
        "last 90 days: with acts that may have begun",
    ]
    assert list(fig.layout.xaxis.range) == [pd.Timestamp(WINDOW[0]), pd.Timestamp(WINDOW[1])]
    assert len(fig.layout.shapes) == 1


def test_empty_frames_give_a_figure_that_says_so(events):
    empty = events.iloc[0:0]
    fig = timeline(empty)
    assert fig.layout.meta["caption"].startswith("No crackdown acts")
    assert any("No crackdown events or responses" in a.text for a in fig.layout.annotations)
    lag = charts.response_lag_chart(responses.response_lags(empty), SOURCE)
    assert lag.layout.meta["caption"].startswith("No crackdown act in this window")


# ------------------------------------------------------------------ the page's words


def test_figure_html_names_the_chart_and_escapes():
    text = accessible.ChartText(
        caption="Peak in <November>", alt='Timeline "of" acts', columns=["Month"], rows=[["<b>"]]
    )
    page = accessible.figure_html("<div class='plotly-graph-div'></div>", text)
    assert page.startswith(accessible.FIGURE_OPEN)
    assert '<figcaption class="chart-caption">Peak in &lt;November&gt;</figcaption>' in page
    assert 'role="img" aria-label="Timeline &quot;of&quot; acts"' in page
    assert "<details" in page and "<td>&lt;b&gt;</td>" in page


def test_chart_text_falls_back_to_the_title():
    bare = json.loads(go.Figure(layout={"title": {"text": "Counts<br>by &lt;month&gt;"}}).to_json())
    text = accessible.chart_text(bare)
    assert text.caption == "Counts by <month>" and text.alt == "Counts by <month>"
    assert accessible.without_title(bare) == bare  # not described: left as it is


def test_without_title_keeps_the_plotting_area(spot):
    fig = charts.precision_chart(sources.precision_mix(spot), SOURCE)
    before = json.loads(fig.to_json())
    after = accessible.without_title(before)
    lay, old = after["layout"], before["layout"]
    assert lay["title"]["text"] == ""
    assert old["height"] - lay["height"] == old["meta"]["title_px"]
    plot = lambda layout: layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]  # noqa: E731
    assert plot(lay) == plot(old)


def test_markup_in_figures_is_escaped():
    rows = [list(r) for r in ROWS]
    for row in rows:
        if row[0] in ("KHM-003", "KHM-002"):
            row[7] = EVIL
    frame = typed_frame([tuple(r) for r in rows])
    frame["headline"] = ["<i>Court</i> acts" if i == "KHM-003" else "" for i in frame["event_id"]]
    fig = timeline(frame)
    drawn = fig.to_plotly_json()
    words = drawn["layout"].pop("meta")  # plain text, escaped where the page writes it
    dumped = json.dumps(drawn, default=str)
    assert "<script>" not in dumped and "<b>x</b>" not in dumped and "<i>Court" not in dumped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dumped
    assert "&lt;i&gt;Court&lt;/i&gt; acts" in dumped  # the key event's label
    assert "<script>alert(1)</script>" not in fig.to_html(include_plotlyjs=False)
    page = accessible.figure_html("<div></div>", accessible.chart_text({"layout": {"meta": words}}))
    assert "<i>Court" not in page and "&lt;i&gt;Court&lt;/i&gt; acts" in page


def test_a_long_source_line_wraps_inside_the_chart_and_the_chart_makes_room():
    """Anchored right, a source line longer than the chart ran off its left edge."""
    short = style.finish(go.Figure(go.Bar(x=[1], y=[1])), "T", "Source: one outlet", "x", "y")
    source = "Source: " + "; ".join(f"Outlet number {n}" for n in range(20))
    long = style.finish(go.Figure(go.Bar(x=[1], y=[1])), "T", source, "x", "y")
    text = next(a.text for a in long.layout.annotations if a.name == "source")
    lines = text.split("<br>")
    assert len(lines) > 1 and all(len(html.unescape(line)) <= style.SOURCE_WIDTH for line in lines)
    assert html.unescape(" ".join(lines)) == source
    extra = (len(lines) - 1) * style.SOURCE_LINE_PX
    assert long.layout.margin.b == short.layout.margin.b + extra


def test_a_long_window_draws_its_curve_weekly_so_the_page_does_not_grow_with_it():
    """Twenty years of daily changes: drawn day by day the curve alone would add about
    1.2 MB to the page; drawn at week ends (and its peak day) it stays near a three-year
    window's size, every drawn value as computed."""
    # The package exports the function under the module's name: import the module itself.
    curve = importlib.import_module("helpers.presenting.charts.escalation_curve")

    days = pd.date_range("2000-01-01", "2019-12-31", freq="D", name="date")
    steps = pd.Series(range(len(days)), dtype=float)
    index = pd.DataFrame(
        {"date": days, "cumulative": steps, "cumulative_possible": steps + 2}
        | {"rolling": steps % 97, "rolling_possible": steps % 97 + 1}
    )
    drawn, weekly = curve.drawn_days(index)
    assert weekly and len(drawn) <= len(days) // 7 + 4  # weeks, first, last, peak day
    peak = index.loc[index["rolling"].idxmax(), "date"]
    assert peak in set(drawn["date"]) and drawn["date"].iloc[-1] == days[-1]
    merged = drawn.merge(index, on="date", suffixes=("", "_day"))
    assert (merged["cumulative"] == merged["cumulative_day"]).all()
    fig = charts.escalation_curve(index, SOURCE, 90)
    assert fig.layout.xaxis.title.text == curve.X_TITLE_WEEKLY
    three_years = charts.escalation_curve(index[index["date"] < "2003-01-01"], SOURCE, 90)
    assert three_years.layout.xaxis.title.text == curve.X_TITLE
    assert len(fig.to_json()) < 1.3 * len(three_years.to_json())
