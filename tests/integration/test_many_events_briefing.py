"""A briefing over more than 100 thousand events keeps its size: the real ``01_briefing``
rendered with the ``briefings`` command for a country whose window holds 120,000
synthetic events (tests/support/many_events.py, written into the built tables beside the
seed's), checked as a reader gets it: the HTML page under 5.5 MB, the PDF at most four
pages before its annex and :data:`MAX_PDF_PAGES` in all, the summarised timeline, the
event tables bounded, and the window's full list as a CSV published beside the page and
linked from it."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from support.many_events import COUNTRY, many_events
from support.repo_copy import cli, copy_project

from helpers.analysis import summary
from helpers.dataset.events_store import write_events
from helpers.dataset.tables import EVENTS
from helpers.paths import Project
from helpers.rendering.pdf import find_chromium

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]

N_EVENTS = 120_000
START, END, AS_OF = "2019-01-01", "2021-12-31", "2022-06-30"
MAX_HTML_BYTES = 5_500_000
MAX_PAGES_BEFORE_ANNEX = 4
#: The annex lists at most 115 events (about eight to a page) after the key figures and
#: the method: the whole PDF stays within this many pages whatever the event count.
MAX_PDF_PAGES = 24


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The seed project built, 120,000 events of a second country added to its tables,
    and that country's 01_briefing rendered."""
    root = tmp_path_factory.mktemp("many") / "project"
    root.mkdir()
    copy_project(root)
    built = cli(root, "data")
    assert built.returncode == 0, built.stdout + built.stderr
    project = Project(root)
    seed = pd.read_csv(project.events_table, dtype=str, keep_default_na=False)
    write_events(project, pd.concat([seed, many_events(N_EVENTS, START, END)], ignore_index=True))
    args = ["--country", COUNTRY, "--start-date", START, "--end-date", END]
    run = cli(root, "render", "--as-of", AS_OF, "--only", "01_briefing", *args)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return root / "reports" / AS_OF / COUNTRY.lower()


def test_the_html_page_stays_under_the_limit(folder):
    size = (folder / "01_briefing.html").stat().st_size
    assert size < MAX_HTML_BYTES, f"{size:,} bytes"


def test_the_pdf_stays_within_its_pages(folder):
    from pypdf import PdfReader

    pages = [p.extract_text() or "" for p in PdfReader(folder / "01_briefing.pdf").pages]
    annex = next(i for i, text in enumerate(pages) if "Annex" in text)
    assert annex <= MAX_PAGES_BEFORE_ANNEX, f"{annex} pages before the annex"
    assert len(pages) <= MAX_PDF_PAGES, f"{len(pages)} pages"
    assert "01_briefing.events.csv" in "".join(pages)  # the file is named on paper


def test_the_timeline_counts_per_month_and_the_tables_are_bounded(folder):
    html = (folder / "01_briefing.html").read_text(encoding="utf-8")
    assert "Most crackdown acts in one month:" in html
    assert f"This window holds {N_EVENTS:,} events, too many to draw one by one" in html
    listed = set(re.findall(r"<td>(RUR-\d{6})</td>", html))
    assert len(listed) == summary.N_KEY_EVENTS + summary.ANNEX_ROWS
    assert "The other events, by kind" in html


def test_the_full_list_travels_as_a_csv_linked_from_the_page(folder):
    html = (folder / "01_briefing.html").read_text(encoding="utf-8")
    assert re.search(r'<a download="" href="01_briefing\.events\.csv">', html)
    path = folder / "01_briefing.events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == EVENTS.names()
    assert len(rows) == N_EVENTS + 1  # every event of the window (all reported by AS_OF)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    job = manifest["jobs"]["01_briefing"]
    assert job["outputs"]["events.csv"] == "01_briefing.events.csv"
    # The manifest stays small: the briefing's snapshot is kept in a file of its own.
    assert (folder / "manifest.json").stat().st_size < 50_000
    assert (folder / job["snapshot"]["file"]).is_file()


def test_counts_in_the_thousands_are_written_with_separators(folder):
    """Every count and total a reader meets in the page's text is written ``120,000``, never
    ``120000``: only years and ids (``RUR-000017``) keep four digits or more without a
    separator. (The charts' own text is left out: plotly draws it from the page's script.)"""
    page = (folder / "01_briefing.html").read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    words = re.findall(r"[\w-]*\d{4,}[\w-]*", text)
    bare = [w for w in words if w.isdigit() and not re.fullmatch(r"(19|20)\d\d", w)]
    assert not bare, f"counts without separators: {sorted(set(bare))[:10]}"
    assert f"{N_EVENTS:,}" in text
