"""A cell with a very long unbroken string wraps in its own row of the PDF: the table stays
within the page, so the other rows are printed whole (headless Chromium, pypdf)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest
from pypdf import PdfReader

from helpers.presenting.display import table_html
from helpers.rendering.html_export import PageInfo, export_html_file
from helpers.rendering.pdf import PdfPrinter, find_chromium

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]

ROWS = [
    {
        "date": "2017-11-26",
        "summary": "Hun Sen called for the Center for Human Rights to be closed down.",
        "sources": "Reuters; Voice of America",
    },
    {"date": "2017-09", "summary": "x" * 10_000, "sources": "Al Jazeera"},
    {
        "date": "2018-02-27",
        "summary": "The EU began a review of trade preferences after months of warnings.",
        "sources": "The New York Times; BBC",
    },
]


def test_a_long_unbroken_summary_clips_no_other_row(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show_table(events)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": table_html(pd.DataFrame(ROWS))})
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Events\nEvery event."), cell]
    page = PageInfo("Events", "31 October 2017", "Events", "P", "S", "now")
    html = tmp_path / "events.html"
    export_html_file(nb, html, page)
    pdf = tmp_path / "events.pdf"
    with PdfPrinter() as printer:
        printer.print_pdf(html, pdf, page.title, page.as_of_words)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    for row in (ROWS[0], ROWS[2]):
        assert row["summary"] in text and row["sources"] in text
    assert "Al Jazeera" in text
    assert text.count("x") >= 10_000  # the long string is printed whole, wrapped
