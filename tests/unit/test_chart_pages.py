"""The briefing page around the charts: each chart an accessible figure (caption in the
page text, a name, its numbers collapsed), the annex on its own pages in print, tables
that may break, and no page left holding only the footer."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import plotly.graph_objects as go

from helpers.presenting.charts import accessible, style
from helpers.rendering import cache
from helpers.rendering.html_export import PLOTLY_MIME, PageInfo, export_html

CAPTION = "Crackdown severity peaked in <November> 2017"


def page_info() -> PageInfo:
    return PageInfo(
        title="The Title",
        as_of_words="31 December 2018",
        description="Events",
        project_name="P",
        source="S",
        generated_words="1 January 2019, 06:15 UTC",
    )


def described(rows: int = 3) -> dict:
    """A chart as the chart functions make it: house style, described in words."""
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2], name="events"))
    fig = style.finish(fig, CAPTION, "Source: S", "Month", "Events")
    table = pd.DataFrame({"month": [f"m{i}" for i in range(rows)], "n": range(rows)})
    fig = accessible.describe(
        fig,
        CAPTION,
        "Bar chart of events per month",
        accessible.numbers(table, {"month": "Month", "n": "Events"}),
    )
    return fig.to_plotly_json() | {"config": {}}


def notebook(*cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def chart_cell(figure: dict) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("nb.show_timeline(ctx);")
    cell.outputs = [nbformat.v4.new_output("display_data", data={PLOTLY_MIME: figure})]
    return cell


def test_a_chart_becomes_a_named_figure_with_caption_and_numbers():
    figure = described()
    html = export_html(notebook(chart_cell(figure)), page_info())
    block = html[html.index(accessible.FIGURE_OPEN) : html.index("</figure>")]
    caption = re.search(r'<figcaption class="chart-caption">(.*?)</figcaption>', block)
    assert caption and caption.group(1) == "Crackdown severity peaked in &lt;November&gt; 2017"
    canvas = re.search(r'<div [^>]*class="chart-canvas"[^>]*>', block).group(0)
    assert 'role="img"' in canvas and 'aria-label="Bar chart of events per month"' in canvas
    assert block.index(canvas) < block.index('class="plotly-graph-div"')
    assert "<summary>The numbers behind this chart</summary>" in block
    assert block.count("<tr>") == 4 and "<th>Events</th>" in block
    # the finding is the caption: the chart itself no longer carries it as a title
    assert '"title":{"text":""}' in block.replace(" ", "")
    height = re.search(r'"height":\s*(\d+)', block)
    assert int(height.group(1)) == figure["layout"]["height"] - figure["layout"]["meta"]["title_px"]


def test_a_chart_with_many_numbers_stays_with_its_heading():
    heading = nbformat.v4.new_markdown_cell("## Timeline\n\nTIMELINE_INTRO")
    html = export_html(notebook(heading, chart_cell(described(rows=60))), page_info())
    keep = html.index('<div class="briefing-keep">')
    assert keep < html.index("TIMELINE_INTRO") < html.index(accessible.FIGURE_OPEN)


def test_a_wordy_table_may_break_across_pages_with_its_heading_kept_next():
    rows = "".join(
        f"<tr><td>Figure {i}</td><td>{'a definition ' * 15}</td></tr>" for i in range(12)
    )
    cell = nbformat.v4.new_code_cell("nb.show_key_figures(ctx);")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": f"<table>{rows}</table>"})
    ]
    heading = nbformat.v4.new_markdown_cell("## Key figures")
    html = export_html(notebook(heading, cell), page_info())
    assert '<div class="briefing-keep briefing-keep-next">' in html
    block_end = html.index("</div>", html.index("briefing-keep-next"))
    assert block_end < html.index("Figure 0")  # the table flows after the kept heading


def test_the_annex_starts_a_page_in_print_and_stays_on_screen():
    annex = nbformat.v4.new_markdown_cell("## Annex: the events\n\nANNEX_INTRO")
    annex.metadata["tags"] = ["annex"]
    html = export_html(notebook(annex), page_info())
    assert re.search(r'class="[^"]*celltag_annex[^"]*"', html)
    assert "ANNEX_INTRO" in html
    css = (cache.template_dir() / "static" / "briefing.css").read_text()
    print_css = css[css.index("@media print") :]
    assert re.search(r"\.celltag_annex \{ break-before: page", print_css)


def test_print_shows_the_footer_facts_under_the_header_instead():
    html = export_html(notebook(nbformat.v4.new_markdown_cell("Body.")), page_info())
    colophon = re.search(r'<p class="print-colophon">(.*?)</p>', html, re.S)
    assert colophon and "Generated 1 January 2019, 06:15 UTC" in colophon.group(1)
    assert html.index("print-colophon") < html.index("</header>", html.index("briefing-header"))
    css = (cache.template_dir() / "static" / "briefing.css").read_text()
    print_css = css[css.index("@media print") :]
    assert ".page-footer { display: none; }" in print_css
    assert ".print-colophon { display: block; }" in print_css
    assert ".chart-numbers { display: none; }" in print_css
