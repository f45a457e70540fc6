"""Since the last briefing, and what to watch, on the real suite and data.

A copy of the project is rendered as a user renders it, into one reports folder: as of
30 September 2017; then, after a coder corrects the date of a curated event and rebuilds
the data, as of 30 November 2017; then as of 30 April 2018. The second briefings must
name exactly the events first reported between the two dates (the case to dissolve the
CNRP filed on 6 October 2017, the US cut to demining aid of 7 November 2017, ...) and
nothing older as new, and report the corrected event as a correction; the third must list
the election of 29 July 2018 under what to watch; the index must chart the series and
link each briefing to its predecessor.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from support.pages import chromium, offline_page
from support.repo_copy import cli, copy_project, read_rows

from helpers.rendering.manifest import read_snapshot
from helpers.rendering.pdf import find_chromium

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]

DATES = ("2017-09-30", "2017-11-30", "2018-04-30")
#: The heading that follows the new section in each notebook.
NEXT_HEADING = {
    "01_briefing": "Key figures",
    "02_escalation": "The escalation index",
    "03_international_response": "How the world responded",
    "04_sources_and_quality": "Outlets cited",
}
CORRECTED = "KHM-012"  # Kem Sokha and CNRP accused: coded to September 2017


def correct_date(events_csv: Path, event_id: str, date: str, precision: str) -> dict:
    """Change one curated event's date as a coder would (the file's own layout kept)."""
    with events_csv.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    (row,) = [r for r in rows if r["event_id"] == event_id]
    before = dict(row)
    row.update(date=date, date_precision=precision)
    with events_csv.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return before


def run(root: Path, *args: str) -> str:
    result = cli(root, *args)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("since") / "project"
    root.mkdir()
    copy_project(root)
    run(root, "data")
    run(root, "render", "--as-of", DATES[0])
    before = correct_date(root / "data" / "curated" / "events.csv", CORRECTED, "2017-09-03", "day")
    assert (before["date"], before["date_precision"]) == ("2017-09", "month")
    run(root, "data")
    run(root, "render", "--as-of", DATES[1])
    run(root, "render", "--as-of", DATES[2])
    again = run(root, "render", "--as-of", DATES[1])
    return {"root": root, "reports": root / "reports", "again": again}


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def section(browser, path: Path, stem: str) -> str:
    """The text of a briefing's "Since the last briefing" section, whitespace folded."""
    page, requests, dialogs = offline_page(browser, path)
    try:
        text = " ".join(page.inner_text("main").split())
    finally:
        page.close()
    assert requests == [] and dialogs == []
    start = text.index("Since the last briefing ")
    return text[start : text.index(f" {NEXT_HEADING[stem]} ", start)]


def part(text: str, first: str, end: str) -> str:
    return text[text.index(first) : text.index(end, text.index(first))]


def ids(text: str) -> set[str]:
    return set(re.findall(r"KHM-\d{3}", text))


def test_the_second_briefings_name_exactly_the_events_reported_in_between(
    rendered, browser
) -> None:
    events = read_rows(rendered["root"] / "data" / "processed" / "events.csv")
    between = {
        e["event_id"]
        for e in events
        if DATES[0] < e["first_reported"] <= DATES[1] and e["plot_date"] >= "2016-01-01"
    }
    older = {e["event_id"] for e in events if e["first_reported"] <= DATES[0]}
    assert {"KHM-023", "KHM-024"} <= between and CORRECTED in older
    folder = rendered["reports"] / DATES[1] / "cambodia"
    for stem in NEXT_HEADING:
        text = section(browser, folder / f"{stem}.html", stem)
        assert text.startswith(
            "Since the last briefing Compared with the last briefing of this series, as of "
            "30 September 2017 (latest source 6 September 2017); this one is as of 30 November "
            "2017 (latest source 27 November 2017)."
        ), text[:400]
        new = part(text, "New crackdown acts", "Corrections")
        assert ids(new) == between, (stem, ids(new) ^ between)
        assert ids(new).isdisjoint(older)
        assert (
            "6 October 2017: The government filed a case to dissolve the main opposition "
            "party, the Cambodia National Rescue Party (KHM-023; first reported 6 October 2017)."
        ) in new
        assert (
            "7 November 2017: The United States announced it would cut $2 million in grant "
            "money to the Cambodian Mine Action Centre from next year, giving no reason "
            "(KHM-024; first reported 7 November 2017)."
        ) in new
        assert "New international responses" in new and "coded since" not in new


def test_a_correction_between_two_renders_is_reported_as_a_correction(rendered, browser):
    path = rendered["reports"] / DATES[1] / "cambodia" / "01_briefing.html"
    fixes = part(section(browser, path, "01_briefing"), "Corrections", "Severity and verdict")
    assert fixes == (
        "Corrections KHM-012, Kem Sokha and CNRP accused: date from September 2017 to 3 "
        "September 2017 (corrected since the last briefing). "
    )


def test_the_change_in_severity_and_verdict_is_stated(rendered, browser) -> None:
    path = rendered["reports"] / DATES[1] / "cambodia" / "02_escalation.html"
    text = section(browser, path, "02_escalation")
    measures = text[text.index("Severity and verdict") :]
    assert (
        "Severity total: 47 points from 11 acts, up from 15 points from 3 acts in the last "
        "briefing (+32 points: +32 from newly reported acts)."
    ) in measures
    assert "Latest monthly verdict: October 2017 deteriorated: " in measures
    assert "The last briefing had none." in measures


def test_the_first_briefing_has_nothing_to_compare_with(rendered, browser) -> None:
    path = rendered["reports"] / DATES[0] / "cambodia" / "03_international_response.html"
    text = section(browser, path, "03_international_response")
    assert text == (
        "Since the last briefing This is the first briefing of its series (this notebook, "
        "country and window) in the reports: there is nothing to compare it with."
    )


def test_the_manifest_keeps_what_each_briefing_used(rendered) -> None:
    for date in DATES:
        data = json.loads((rendered["reports"] / date / "cambodia" / "manifest.json").read_text())
        # The manifest keeps a snapshot's summary; its events are in a file beside it.
        kept = [job["snapshot"] for job in data["jobs"].values()]
        summaries = [{k: v for k, v in s.items() if k != "file"} for s in kept]
        assert len(kept) == 4 and all(s == summaries[0] for s in summaries)
        folder = rendered["reports"] / date / "cambodia"
        snapshots = [read_snapshot(folder / s["file"]) for s in kept]
        assert all(s == snapshots[0] for s in snapshots)
        snap = snapshots[0]
        assert snap["as_of"] == date == kept[0]["as_of"]
        assert all(e["first_reported"] <= date for e in snap["events"].values())
    first, second = (rendered["reports"] / date / "cambodia" for date in DATES[:2])
    old = read_snapshot(first / "01_briefing.snapshot.json.gz")["events"][CORRECTED]
    new = read_snapshot(second / "01_briefing.snapshot.json.gz")["events"][CORRECTED]
    assert (old["date"], new["date"]) == ("2017-09", "2017-09-03")
    assert old["coded"] != new["coded"]


def test_an_unchanged_series_is_skipped_when_rendered_again(rendered) -> None:
    assert "4 skipped" in rendered["again"], rendered["again"]


def test_what_to_watch_lists_the_july_2018_election_as_of_april_2018(rendered, browser):
    path = rendered["reports"] / DATES[2] / "cambodia" / "01_briefing.html"
    page, _, _ = offline_page(browser, path)
    try:
        text = " ".join(page.inner_text("main").split())
    finally:
        page.close()
    watch = part(text, "What to watch", "Since the last briefing")
    assert watch.startswith("What to watch 29 July 2018: Cambodia's national election is ")
    assert "(scheduled; announced by 8 April 2018)" in watch
    since = part(text, "Since the last briefing", "Key figures")
    assert "as of 30 November 2017 (latest source 27 November 2017)" in since
    assert "(KHM-027; first reported 8 April 2018)" in since  # the CNRP's dissolution


def test_the_pdf_carries_the_section_too(rendered) -> None:
    from pypdf import PdfReader

    reader = PdfReader(rendered["reports"] / DATES[1] / "cambodia" / "01_briefing.pdf")
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Since the last briefing" in text and "KHM-024; first reported 7 November 2017" in text


def test_the_index_charts_the_series_and_links_predecessors(rendered, browser) -> None:
    page, requests, dialogs = offline_page(browser, rendered["reports"] / "index.html")
    try:
        series = page.locator("section#c-cambodia .index-series")
        assert series.count() == 1
        assert series.locator("svg.sparkline circle").count() == 3
        rows = series.locator("tbody tr").all_inner_texts()
        cells = [[c.strip() for c in row.split("\t")] for row in rows]
        assert [c[0] for c in cells] == ["30 April 2018", "30 November 2017", "30 September 2017"]
        assert cells[2][1:] == ["15 points (3 acts)", "", "no month with a verdict yet"]
        assert cells[1][1:3] == ["47 points (11 acts)", "+32 points"]
        assert cells[1][3] == "October 2017: deteriorated"
        links = page.locator("section#c-cambodia .previous a")
        hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        names = ("01_briefing", "02_escalation", "03_international_response")
        for name in names:
            assert f"{DATES[0]}/cambodia/{name}.html" in hrefs
            assert f"{DATES[1]}/cambodia/{name}.html" in hrefs
        assert len(hrefs) == 8  # four notebooks, two dates with a predecessor
        for href in hrefs:
            assert (rendered["reports"] / href).is_file()
        assert requests == [] and dialogs == []
    finally:
        page.close()
