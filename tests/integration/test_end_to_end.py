"""End to end: the real notebooks and suite, from raw article text to rendered briefings.

A copy of the project (data without its processed tables or suggestions, the notebooks and
suite.yaml) gains a new raw article and one hand-coded event whose texts carry HTML and
script markup. The ``briefings`` command is run as a user runs it (``data``, then
``render``) in a subprocess; the briefings are then opened in headless Chromium with the
network cut off, and the PDFs, manifest and index are checked.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from support.pages import chromium, offline_page
from support.repo_copy import REPO, append_rows, cli, copy_project

from helpers.corpus.ids import slugify
from helpers.paths import Project
from helpers.rendering import cache
from helpers.rendering.pdf import find_chromium

FIXTURE_ARTICLE = Path(__file__).parents[1] / "fixtures" / "e2e" / "zz_markup.txt"
AS_OF = "2018-12-31"
AS_OF_WORDS = "31 December 2018"

TITLE_MARKUP = '<script>alert("title")</script>'
BODY_MARKUP = '<img src=x onerror=alert("body")>'
SUMMARY = (
    'Police detained a rights activist in Phnom Penh: <b>bold</b> & <script>alert("summary")'
    "</script> stays text."
)
CODE_LEAKS = ("nb.start", "nb.show_", "In [", "injected-parameters")

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)"),
]


# --------------------------------------------------------------------------- helpers


def suite_jobs() -> dict[str, str]:
    """The jobs of the repository's suite.yaml: ``{job name: title}`` (for Cambodia)."""
    suite = yaml.safe_load((REPO / "suite.yaml").read_text(encoding="utf-8"))
    jobs = {}
    for job in suite["jobs"]:
        name = job.get("name") or Path(job["notebook"]).stem
        title = (job.get("parameters") or {}).get("title") or job.get("title")
        jobs[name] = title and title.replace("{country}", "Cambodia")
    return jobs


JOBS = suite_jobs()


def next_event_id(events_csv: Path) -> str:
    with events_csv.open(encoding="utf-8", newline="") as f:
        numbers = [int(row["event_id"].split("-")[1]) for row in csv.DictReader(f)]
    return f"KHM-{max(numbers) + 1:03d}"


def body_sentence() -> str:
    """The sentence of the fixture article that carries the img markup, verbatim."""
    text = FIXTURE_ARTICLE.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if BODY_MARKUP in line)
    return line[: line.index("station.") + len("station.")]


def flat(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def e2e(tmp_path_factory):
    """The project copy with the new article and event, built and rendered once."""
    root = tmp_path_factory.mktemp("e2e") / "project"
    root.mkdir()
    copy_project(root)
    assert not list((root / "data" / "processed").iterdir())
    assert not (root / "data" / "suggested").exists()

    raw = root / "data" / "raw" / "cambodia" / "zz_markup.txt"
    shutil.copy2(FIXTURE_ARTICLE, raw)
    title = FIXTURE_ARTICLE.read_text(encoding="utf-8").splitlines()[0].strip()
    assert TITLE_MARKUP in title
    article_id = slugify(title)

    events_csv = root / "data" / "curated" / "events.csv"
    event_id = next_event_id(events_csv)
    evidence = body_sentence()
    append_rows(
        events_csv,
        [
            {
                "event_id": event_id,
                "date": "2017-10-20",
                "date_precision": "day",
                "category": "crackdown",
                "event_type": "arrest",
                "actor": "Cambodian National Police",
                "target": "Cambodian Center for Human Rights",
                "summary": SUMMARY,
                "article_ids": article_id,
                "evidence": evidence,
                "responds_to": "",
                "notes": "End-to-end test event: its texts carry markup that must stay text.",
            }
        ],
    )

    code_before = cache.code_fingerprint()
    data = cli(root, "data")
    assert data.returncode == 0, data.stdout + data.stderr
    render = cli(root, "render", "--as-of", AS_OF, "--jobs", "2")
    assert render.returncode == 0, render.stdout[-3000:] + render.stderr[-3000:]

    folder = root / "reports" / AS_OF / "cambodia"
    return {
        "root": root,
        "folder": folder,
        "article_id": article_id,
        "title": title,
        "event_id": event_id,
        "evidence": evidence,
        "data": data,
        "render": render,
        "code": code_before,
        "html": {name: (folder / f"{name}.html").read_bytes() for name in JOBS},
        "pdf": {name: (folder / f"{name}.pdf").read_bytes() for name in JOBS},
    }


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


# --------------------------------------------------------------------------- tests


def test_suite_lists_four_briefings() -> None:
    assert len(JOBS) == 4 and all(JOBS.values()), JOBS


def test_data_step_ingests_the_new_article_and_event(e2e) -> None:
    root = e2e["root"]
    with (root / "data" / "processed" / "articles.csv").open(encoding="utf-8") as f:
        articles = {r["article_id"]: r for r in csv.DictReader(f)}
    article = articles[e2e["article_id"]]
    assert article["title"] == e2e["title"]
    assert article["source_file"] == "data/raw/cambodia/zz_markup.txt"
    assert article["published_date"].startswith("2017-10")
    assert article["n_references"] == "2"
    assert BODY_MARKUP in article["body"]
    with (root / "data" / "processed" / "events.csv").open(encoding="utf-8") as f:
        events = {r["event_id"]: r for r in csv.DictReader(f)}
    event = events[e2e["event_id"]]
    assert event["summary"] == SUMMARY and event["evidence"] == e2e["evidence"]
    assert event["category"] == "crackdown" and event["first_reported"].startswith("2017-10")
    # the raw file is never edited
    assert (root / "data" / "raw" / "cambodia" / "zz_markup.txt").read_bytes() == (
        FIXTURE_ARTICLE.read_bytes()
    )


@pytest.mark.parametrize("name", list(JOBS))
def test_briefing_opens_offline_and_shows_no_code(e2e, browser, name: str) -> None:
    path = e2e["folder"] / f"{name}.html"
    page, requests, dialogs = offline_page(browser, path)
    try:
        page.wait_for_function(
            """() => {
                const divs = Array.from(document.querySelectorAll('.plotly-graph-div'));
                return divs.length > 0 && divs.every(d => d.querySelector('.main-svg'));
            }""",
            timeout=30_000,
        )
        n_charts = page.locator(".plotly-graph-div").count()
        assert n_charts >= 1
        assert page.locator(".plotly-graph-div .main-svg").count() >= n_charts
        page.wait_for_timeout(200)  # let any stray onerror/timer fire before judging
        text = page.inner_text("body")
        for leak in CODE_LEAKS:
            assert leak not in text, f"{name}: {leak!r} shown"
        assert page.locator(".celltag_injected-parameters").count() == 0
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor").count() == 0
        assert f"as of {AS_OF_WORDS}" in page.inner_text("header.masthead")
        assert flat(JOBS[name]) in flat(page.inner_text("h1.briefing-title"))
        # nothing from the article or event texts ran or became markup
        assert page.locator("img[onerror]").count() == 0
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
        assert not any('alert("' in s for s in scripts)
        assert requests == [], f"{name}: network requests attempted: {requests}"
        assert dialogs == [], f"{name}: JavaScript dialogs fired: {dialogs}"
    finally:
        page.close()


def test_events_table_shows_markup_as_text(e2e, browser) -> None:
    path = e2e["folder"] / "01_briefing.html"
    page, requests, dialogs = offline_page(browser, path)
    try:
        table = page.locator("table.events-table")
        assert table.count() == 1
        text = table.inner_text()
        assert "<b>bold</b>" in text
        assert '<script>alert("summary")</script>' in text
        assert BODY_MARKUP in text  # the evidence quote, shown with the summary
        assert table.locator("b", has_text="bold").count() == 0
        assert table.locator("script, img, b").count() == 0

        rows = page.eval_on_selector_all(
            "table.events-table tbody tr",
            "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText))",
        )
        row = next(r for r in rows if r[0].strip() == e2e["event_id"])
        headers = page.eval_on_selector_all(
            "table.events-table thead th", "ths => ths.map(t => t.innerText.trim())"
        )
        sources = row[headers.index("Sources")]
        assert e2e["title"] in sources, sources
        assert TITLE_MARKUP in sources
        assert "Impunity Watch" in sources
        happened = row[headers.index("What happened")]
        assert "<b>bold</b> & <script>" in happened
        assert row[headers.index("Date")].strip() == "20 October 2017"
        # the charts' hover texts carry the summary escaped for plotly (which would render
        # <b> tags), never the raw markup
        figure_data = page.eval_on_selector_all(
            ".plotly-graph-div", "divs => divs.map(d => JSON.stringify(d.data || []))"
        )
        for data in figure_data:
            assert "<b>bold</b>" not in data and "<script>alert(" not in data
        assert requests == [] and dialogs == []
    finally:
        page.close()


@pytest.mark.parametrize("name", list(JOBS))
def test_pdf_is_a4_with_page_numbers_and_title(e2e, name: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(e2e["folder"] / f"{name}.pdf")
    assert len(reader.pages) >= 1
    for number, page in enumerate(reader.pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595) <= 2 and abs(height - 842) <= 2, (number, width, height)
    text = flat("\n".join(p.extract_text() for p in reader.pages))
    assert f"Page 1 of {len(reader.pages)}" in text
    assert flat(JOBS[name]) in text
    assert AS_OF_WORDS in text
    for leak in ("nb.start", "nb.show_", "injected-parameters"):
        assert leak not in text
    if name == "01_briefing":  # the events table prints the markup as text
        squeezed = re.sub(r"\s", "", text)
        for markup in ("<b>bold</b>", '<script>alert("summary")</script>', TITLE_MARKUP):
            assert re.sub(r"\s", "", markup) in squeezed


def test_briefing_pdf_page_two_is_not_blank(e2e, tmp_path: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    pdf = e2e["folder"] / "01_briefing.pdf"
    assert len(PdfReader(pdf).pages) >= 2
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    png = next(tmp_path.glob("p*.png"))
    gray = Image.open(png).convert("L")
    histogram = gray.histogram()
    dark = sum(histogram[:200]) / (gray.width * gray.height)
    assert dark > 0.005, f"page 2 looks blank ({dark:.4f} of pixels darker than near-white)"


def test_manifest_lists_the_four_jobs(e2e) -> None:
    data = json.loads((e2e["folder"] / "manifest.json").read_text(encoding="utf-8"))
    assert data["as_of"] == AS_OF
    assert set(data["jobs"]) == set(JOBS)
    expected = cache.dataset_fingerprint(Project(e2e["root"]))
    for name, entry in data["jobs"].items():
        assert entry["status"] == "ok", (name, entry.get("error"))
        assert entry["error"] is None
        outputs = {"html": f"{name}.html", "pdf": f"{name}.pdf"}
        if name == "01_briefing":  # the window's events travel with it as a CSV
            outputs["events.csv"] = "01_briefing.events.csv"
        assert entry["outputs"] == outputs
        assert (e2e["folder"] / outputs.get("events.csv", f"{name}.html")).is_file()
        assert entry["parameters"]["as_of"] == AS_OF
        assert entry["title"] == JOBS[name]
        assert re.fullmatch(r"[0-9a-f]{64}", entry["dataset"]["sha256"])
        assert entry["dataset"]["sha256"] == expected["sha256"]
        assert {
            "data/curated/events.csv",
            "data/processed/events.parquet",
            "data/processed/articles.csv",
        } <= set(entry["dataset"]["files"])
        assert entry["cache_key"]


def test_index_links_both_formats(e2e, browser) -> None:
    index = e2e["root"] / "reports" / "index.html"
    page, requests, dialogs = offline_page(browser, index)
    try:
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        text = page.inner_text("body")
        for name, title in JOBS.items():
            assert f"{AS_OF}/cambodia/{name}.html" in hrefs
            assert f"{AS_OF}/cambodia/{name}.pdf" in hrefs
            assert title in text
        assert AS_OF_WORDS in text
        assert requests == [] and dialogs == []
    finally:
        page.close()


def test_render_again_skips_every_job(e2e) -> None:
    if cache.code_fingerprint() != e2e["code"]:
        pytest.skip("src/helpers changed during the run: the briefings are rightly re-rendered")
    folder = e2e["folder"]
    again = cli(e2e["root"], "render", "--as-of", AS_OF, "--jobs", "2")
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    out = again.stdout
    assert f"{len(JOBS)} skipped" in out, out
    for name in JOBS:
        assert f"{name}: unchanged since the last render, skipped" in out, out
    assert "rendered" not in out and "execute..." not in out, out
    for name in JOBS:
        assert (folder / f"{name}.html").read_bytes() == e2e["html"][name]
        assert (folder / f"{name}.pdf").read_bytes() == e2e["pdf"][name]
