"""The default suite rendered for a second country, next to Cambodia.

A copy of the project gains a second country built by hand (tests/fixtures/countries/): an
article under ``data/raw/freedonia/`` in the corpus's house style, three curated events
(none of them an international response) and four actors. The ``briefings`` command is
run as a user runs it: ``data``, ``render`` (the default suite: Cambodia), then ``render
--country freedonia``. Both countries' briefings must be complete in their own folders,
the second render must not touch the first's files, the index must group them by country
and date, and the Freedonia briefings must say that no international responses are coded
in their sources instead of showing empty charts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.pages import chromium, offline_page
from support.repo_copy import append_rows, cli, copy_project, read_rows

from helpers.rendering.index import FAILED_NOTE, PARTIAL_NOTE
from helpers.rendering.pdf import find_chromium

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]

FIXTURES = Path(__file__).parents[1] / "fixtures" / "countries"
AS_OF = "2018-12-31"
NAMES = ("01_briefing", "02_escalation", "03_international_response", "04_sources_and_quality")
NONE_CODED = "No international responses to the crackdown in Freedonia are coded in these sources"


def outputs(folder: Path) -> dict[str, bytes]:
    """Every published file of a folder (HTML, PDF, manifest), by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The project copy with Freedonia added, built, rendered for Cambodia, then for
    Freedonia."""
    root = tmp_path_factory.mktemp("countries") / "project"
    root.mkdir()
    copy_project(root)
    raw = root / "data" / "raw" / "freedonia"
    raw.mkdir()
    shutil.copy2(FIXTURES / "freedonia.txt", raw / "freedonia.txt")
    curated = root / "data" / "curated"
    append_rows(curated / "events.csv", read_rows(FIXTURES / "freedonia_events.csv"))
    append_rows(curated / "actors.csv", read_rows(FIXTURES / "freedonia_actors.csv"))

    data = cli(root, "data")
    assert data.returncode == 0, data.stdout + data.stderr
    first = cli(root, "render", "--as-of", AS_OF)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    dated = root / "reports" / AS_OF
    cambodia_before = outputs(dated / "cambodia")
    second = cli(root, "render", "--as-of", AS_OF, "--country", "freedonia")
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    return {
        "root": root,
        "dated": dated,
        "first": first,
        "second": second,
        "cambodia_before": cambodia_before,
    }


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def test_each_country_is_published_whole_in_its_own_folder(rendered) -> None:
    dated = rendered["dated"]
    assert sorted(p.name for p in dated.iterdir()) == ["cambodia", "freedonia"]
    for country in ("cambodia", "freedonia"):
        names = sorted(p.name for p in (dated / country).iterdir())
        expected = [f"{n}.{ext}" for n in NAMES for ext in ("html", "pdf", "snapshot.json.gz")]
        expected += ["01_briefing.events.csv", "manifest.json"]  # the window's events
        assert names == sorted(expected), (country, names)
        for name in NAMES:
            assert (dated / country / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert "briefings in reports/2018-12-31/cambodia/" in rendered["first"].stdout
    assert "briefings in reports/2018-12-31/freedonia/" in rendered["second"].stdout
    assert not list((rendered["root"] / "reports").glob(".tmp-*"))


def test_the_second_country_does_not_overwrite_the_first(rendered) -> None:
    assert outputs(rendered["dated"] / "cambodia") == rendered["cambodia_before"]


def test_each_manifest_describes_its_own_country(rendered) -> None:
    for folder, country in (("cambodia", "Cambodia"), ("freedonia", "Freedonia")):
        data = json.loads((rendered["dated"] / folder / "manifest.json").read_text())
        assert data["as_of"] == AS_OF and set(data["jobs"]) == set(NAMES)
        for name, entry in data["jobs"].items():
            assert entry["country"] == country and entry["parameters"]["country"] == country
            assert entry["status"] == "ok" and entry["error"] is None
            assert entry["title"].startswith(f"{country}: "), entry["title"]
            outputs = {"html": f"{name}.html", "pdf": f"{name}.pdf"}
            if name == "01_briefing":
                outputs["events.csv"] = "01_briefing.events.csv"
            assert entry["outputs"] == outputs


def test_index_groups_the_two_countries_by_date(rendered, browser) -> None:
    index = rendered["root"] / "reports" / "index.html"
    page, requests, dialogs = offline_page(browser, index)
    try:
        assert page.locator("nav.index-countries a").all_inner_texts() == [
            "Cambodia",
            "Freedonia",
        ]
        for slug, country in (("cambodia", "Cambodia"), ("freedonia", "Freedonia")):
            section = page.locator(f"section#c-{slug}")
            assert section.locator("h2").inner_text() == country
            assert section.locator("h3.index-date").all_inner_texts() == ["As of 31 December 2018"]
            hrefs = section.locator(".formats a").evaluate_all(
                "els => els.map(e => e.getAttribute('href'))"
            )
            assert sorted(hrefs) == sorted(
                f"{AS_OF}/{slug}/{n}.{ext}" for n in NAMES for ext in ("html", "pdf")
            )
            # one briefing date: a series of one point, no predecessor to link to
            assert section.locator(".index-series tbody tr").count() == 1
            assert section.locator(".previous a").count() == 0
            titles = section.locator(".title").all_inner_texts()
            assert len(titles) == 4 and all(t.startswith(f"{country}: ") for t in titles)
        text = page.inner_text("body")
        assert FAILED_NOTE not in text and PARTIAL_NOTE not in text
        assert requests == [] and dialogs == []
    finally:
        page.close()


def test_a_briefing_links_back_to_the_index(rendered, browser) -> None:
    path = rendered["dated"] / "freedonia" / "01_briefing.html"
    page, _, _ = offline_page(browser, path)
    try:
        links = page.locator("a", has_text="All briefings")
        target = Path(links.first.evaluate("a => new URL(a.href).pathname"))
        assert target == (rendered["root"] / "reports" / "index.html").resolve()
        method = page.locator("a", has_text="How the events are coded")
        target = Path(method.evaluate("a => new URL(a.href).pathname"))
        assert target.name == "04_sources_and_quality.html" and target.is_file()
    finally:
        page.close()


def test_no_coded_response_is_said_not_charted(rendered, browser) -> None:
    folder = rendered["dated"]
    page, _, _ = offline_page(browser, folder / "freedonia" / "03_international_response.html")
    try:
        text = " ".join(page.inner_text("main").split())
        assert text.count(NONE_CODED) == 4, text  # by kind, who, how fast, no response
        assert "not evidence that none were made" in text
        assert page.locator(".plotly-graph-div").count() == 1  # only responses per month
        assert "Freedonia: how the world responded" in page.inner_text("h1")
        assert "Events in Freedonia coded by the project" in page.inner_text(".briefing-source")
    finally:
        page.close()
    page, _, _ = offline_page(browser, folder / "cambodia" / "03_international_response.html")
    try:
        assert "are coded in these sources" not in page.inner_text("main")
        assert page.locator(".plotly-graph-div").count() >= 3
    finally:
        page.close()


def test_the_pdf_says_it_too(rendered) -> None:
    from pypdf import PdfReader

    reader = PdfReader(rendered["dated"] / "freedonia" / "01_briefing.pdf")
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert NONE_CODED in text and "Freedonia: the crackdown and the international response" in text


def test_a_suite_declaring_both_countries_skips_what_is_unchanged(rendered) -> None:
    """Skip-when-unchanged works per country: the same briefings from a suite that
    declares both countries are recognised as already published."""
    root = rendered["root"]
    suite = (root / "suite.yaml").read_text(encoding="utf-8")
    assert "countries:\n  - Cambodia\n" in suite
    both = root / "both.yaml"
    both.write_text(suite.replace("  - Cambodia\n", "  - Cambodia\n  - Freedonia\n"))
    again = cli(root, "render", "--as-of", AS_OF, "--suite", str(both))
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "8 skipped" in again.stdout, again.stdout
    for slug in ("cambodia", "freedonia"):
        assert f"{slug}/01_briefing: unchanged since the last render" in again.stdout
    assert outputs(rendered["dated"] / "cambodia") == rendered["cambodia_before"]


def test_an_unknown_country_is_refused_with_the_known_ones(rendered) -> None:
    result = cli(rendered["root"], "render", "--as-of", AS_OF, "--country", "Freedonja")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: --country was given 'Freedonja', which is not in the dataset; expected one "
        "of: Cambodia, Freedonia; did you mean 'Freedonia'?"
    )
    assert sorted(p.name for p in rendered["dated"].iterdir()) == ["cambodia", "freedonia"]
