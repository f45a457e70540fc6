"""The rendered briefings as a reader gets them: the real notebooks and data, rendered
with the ``briefings`` command into a copy of the project, then checked on paper (the
PDFs, with pypdf) and on screen (the HTML, in headless Chromium with the network off).

On paper: ``01_briefing`` fits in at most :data:`MAX_PAGES` A4 pages before its annex, the
annex starts a page, no page holds only a footer or a heading, and no text (chart text
included: plotly's SVG text prints as PDF text) is smaller than 7 points. On screen:
every chart is a figure with a caption in the page text, an accessible name and its
numbers in a collapsible table, and keeps a plotting area of at least 260 px.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from support.pages import chromium, offline_page
from support.repo_copy import cli, copy_project

from helpers.presenting.charts.style import MIN_PLOT_PX, MIN_PRINT_PT
from helpers.rendering.pdf import find_chromium

AS_OF = "2018-12-31"
BRIEFINGS = (
    "01_briefing",
    "02_escalation",
    "03_international_response",
    "04_sources_and_quality",
)
MAX_PAGES = 4
ANNEX = "Annex"
#: Words a page needs besides the page footer: more than a heading and its first line.
MIN_BODY_WORDS = 25
#: Chromium's page footer sits in the bottom margin (18 mm, about 51 pt, of 842).
FOOTER_PT = 51

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The default suite rendered from a copy of the project (data, notebooks, suite)."""
    root = tmp_path_factory.mktemp("print") / "project"
    copy_project(root)
    for args in (["data"], ["render", "--as-of", AS_OF, "--jobs", "2"]):
        run = cli(root, *args)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return root / "reports" / AS_OF / "cambodia"


def page_texts(pdf: Path) -> list[tuple[list[str], list[tuple[float, str]]]]:
    """For each page: its body lines (the footer left out) and every text run with its
    printed size in points (font size times the scale of the text and page matrices)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        runs: list[tuple[float, str]] = []
        body: list[str] = []

        def visit(text, cm, tm, font, size, runs=runs, body=body):
            if not text.strip():
                return
            a, b, c, d, e, f = tm
            ca, cb, cc, cd, _ce, cf = cm
            scale = math.sqrt(
                abs((a * ca + b * cc) * (c * cb + d * cd) - (a * cb + b * cd) * (c * ca + d * cc))
            )
            runs.append((size * scale, text.strip()))
            y = e * cb + f * cd + cf
            if y > FOOTER_PT:
                body.append(text.strip())

        page.extract_text(visitor_text=visit)
        pages.append((body, runs))
    return pages


def test_briefing_fits_in_four_pages_before_its_annex(folder):
    pages = page_texts(folder / "01_briefing.pdf")
    starts = [i for i, (body, _) in enumerate(pages) if " ".join(body[:3]).startswith(ANNEX)]
    assert starts, "no page starts with the annex"
    annex = starts[0]
    assert annex <= MAX_PAGES, f"{annex} pages before the annex"
    before = " ".join(" ".join(body) for body, _ in pages[:annex])
    assert "Evidence:" not in before  # the quotes are all in the annex
    after = " ".join(" ".join(body) for body, _ in pages[annex:])
    assert after.count("Evidence:") >= 10


@pytest.mark.parametrize("name", BRIEFINGS)
def test_no_page_holds_only_a_footer_or_a_heading(folder, name):
    for number, (body, _) in enumerate(page_texts(folder / f"{name}.pdf"), 1):
        words = " ".join(body).split()
        assert len(words) >= MIN_BODY_WORDS, f"{name} page {number}: only {words}"


@pytest.mark.parametrize("name", BRIEFINGS)
def test_no_text_prints_smaller_than_7_points(folder, name):
    small = [
        (number, round(size, 2), text[:40])
        for number, (_, runs) in enumerate(page_texts(folder / f"{name}.pdf"), 1)
        for size, text in runs
        if size < MIN_PRINT_PT - 0.05
    ]
    assert not small, f"{name}: text under 7 pt: {small[:8]}"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


CHARTS = """() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(div => {
    const figure = div.closest('figure.briefing-chart');
    const named = div.closest('[aria-label]');
    const caption = figure && figure.querySelector('figcaption');
    const numbers = figure && figure.querySelector('details table');
    return {
        name: named ? named.getAttribute('aria-label') : '',
        role: named ? named.getAttribute('role') : '',
        caption: caption ? caption.innerText.trim() : '',
        rows: numbers ? numbers.querySelectorAll('tbody tr').length : 0,
        plot: div._fullLayout ? div._fullLayout._size.h : 0,
        title: div._fullLayout ? (div._fullLayout.title.text || '') : '',
    };
})"""


@pytest.mark.parametrize("name", BRIEFINGS)
def test_every_chart_has_a_name_a_caption_and_its_numbers(folder, browser, name):
    page, _, _ = offline_page(browser, folder / f"{name}.html")
    try:
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.plotly-graph-div'))"
            ".every(d => d.querySelector('.main-svg'))",
            timeout=30_000,
        )
        charts = page.evaluate(CHARTS)
        assert charts, f"{name}: no chart"
        text = " ".join(page.inner_text("body").split())
        for chart in charts:
            assert chart["role"] == "img" and len(chart["name"]) > 30, (name, chart)
            assert chart["caption"] and chart["caption"] in text, (name, chart)
            assert chart["title"] == "", (name, chart)  # the caption states it once
            assert chart["rows"] >= 1, (name, chart)
            assert chart["plot"] >= MIN_PLOT_PX, (name, chart)
        if name == "01_briefing":  # the screen keeps the full event table
            assert page.locator("table.events-table tbody tr").count() >= 10
            assert "The events and their sources" in text
    finally:
        page.close()
