"""The default suite rendered for a second country built from an ACLED export alone.

A copy of the project imports a hand-written ACLED export of five invented events in
Thailand (``tests/fixtures/acled/current_thailand.csv``), then renders the default suite
(Cambodia) and ``--country thailand`` as a user would. The index must group the two
countries; the Thai briefings must rest on ACLED, name it, and say that no international
response is coded in these sources instead of drawing an empty response track.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.pages import chromium, offline_page
from support.repo_copy import cli, copy_project

from helpers.rendering.pdf import find_chromium

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]

EXPORT = Path(__file__).parents[1] / "fixtures" / "acled" / "current_thailand.csv"
AS_OF = "2021-06-30"
NAMES = ("01_briefing", "02_escalation", "03_international_response", "04_sources_and_quality")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("acled-country") / "project"
    root.mkdir()
    copy_project(root)
    export = root / "downloads" / "thailand.csv"
    export.parent.mkdir()
    shutil.copy2(EXPORT, export)
    data = cli(root, "data")
    assert data.returncode == 0, data.stdout + data.stderr
    imported = cli(root, "import-acled", str(export))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    first = cli(root, "render", "--as-of", AS_OF)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    second = cli(
        root,
        "render",
        "--as-of",
        AS_OF,
        "--country",
        "Thailand",
        "--start-date",
        "2020-01-01",
        "--end-date",
        "2020-12-31",
    )
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    return root


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def test_both_countries_are_published_and_grouped_in_the_index(rendered, browser) -> None:
    dated = rendered / "reports" / AS_OF
    assert sorted(p.name for p in dated.iterdir()) == ["cambodia", "thailand"]
    for name in NAMES:
        assert (dated / "thailand" / f"{name}.html").is_file()
    page, requests, _ = offline_page(browser, rendered / "reports" / "index.html")
    try:
        assert page.locator("nav.index-countries a").all_inner_texts() == ["Cambodia", "Thailand"]
        assert page.locator("section#c-thailand h2").inner_text() == "Thailand"
        assert requests == []
    finally:
        page.close()


def test_the_acled_briefing_names_its_source_and_codes_no_response(rendered) -> None:
    html = (rendered / "reports" / AS_OF / "thailand" / "01_briefing.html").read_text()
    assert "ACLED" in html
    assert "No international responses to the crackdown in Thailand are coded" in html
    # The arrest of 3 August 2020 is a key event of page 1, dated to the day.
    assert "3 August 2020" in html
