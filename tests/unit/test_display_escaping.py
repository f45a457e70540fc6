"""Text from the data is escaped in the notebooks' prose and tables (moved unchanged from
the chart tests when the charts became a package)."""

from __future__ import annotations

import datetime as dt

from support.frames import ROWS, contract_frame, typed_frame

from helpers import notebook as nb
from helpers.analysis.context import build_context
from helpers.presenting import display
from helpers.presenting.params import validate_parameters

EVIL = "<script>alert(1)</script> <b>x</b>"


def evil_rows():
    rows = [list(r) for r in ROWS]
    for row in rows:
        if row[0] in ("KHM-003", "KHM-002"):
            row[7] = EVIL
            row[5] = row[5] if row[0] == "KHM-002" else "Supreme <i>Court</i>"
    return [tuple(r) for r in rows]


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


def test_table_html_formats_cells():
    html = display.table_html(
        typed_frame().head(1), {"event_id": "ID", "plot_date": "Drawn on", "severity": "Severity"}
    )
    assert "<th>Drawn on</th>" in html and "<td>2016-07-10</td>" in html
    assert "<td>9</td>" in html


def test_a_matplotlib_figure_is_shown_as_a_png(monkeypatch):
    from matplotlib.figure import Figure

    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    monkeypatch.setattr(display, "in_ipython", lambda: True)  # as in a kernel
    fig = Figure(figsize=(2, 1))
    fig.subplots().bar(["a", "b"], [1, 2])
    assert display.show_figure(fig) is fig
    (image,) = shown
    assert image.format == "png" and image.data[:8] == b"\x89PNG\r\n\x1a\n"
