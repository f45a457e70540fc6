"""Series of briefings in ``reports/``: which briefing a later one compares with
(helpers.rendering.manifest.previous_briefing), the index's series table, sparkline and
links to predecessors (helpers.rendering.index), and the cache key that changes when the
predecessor does (helpers.rendering.render.job_key)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.render_project import publish

from helpers.paths import Project
from helpers.rendering import manifest as mf
from helpers.rendering.index import FIRST_NOTE, build_index, listed_briefings, predecessors
from helpers.rendering.render import job_key
from helpers.rendering.suite import Job

WINDOW = {"start_date": "2016-01-01", "end_date": "2018-12-31"}


def entry(
    stem: str,
    as_of: str,
    *,
    country: str = "Cambodia",
    total: float | None = None,
    verdict: dict | None = None,
    published: bool = True,
    **params,
) -> dict:
    """A manifest entry as the render writes it (with a snapshot when ``total`` is given)."""
    data = {
        "notebook": f"notebooks/{stem}.ipynb",
        "title": f"{stem} {as_of}",
        "country": country,
        "parameters": {"country": country, **WINDOW, "as_of": as_of, **params},
        "status": "ok" if published else "failed",
        "outputs": {"html": f"{stem}.html", "pdf": f"{stem}.pdf"} if published else {},
    }
    if total is not None:
        data["snapshot"] = {
            "version": 1,
            "as_of": as_of,
            "severity_total": {"total": total, "n_acts": int(total // 5)},
            "latest_verdict": verdict,
            "events": {},
        }
    return data


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Three dates of Cambodia briefings, a failed job, another window and a country."""
    reports = tmp_path / "reports"
    publish(reports, "2017-09-30/cambodia", {"01_briefing": entry("01_briefing", "2017-09-30")})
    publish(
        reports,
        "2017-10-31/cambodia",
        {
            "01_briefing": entry("01_briefing", "2017-10-31", published=False),
            "02_escalation": entry("02_escalation", "2017-10-31"),
            "01_short": entry("01_briefing", "2017-10-31", start_date="2017-01-01"),
        },
    )
    publish(
        reports,
        "2017-11-30/cambodia",
        {
            "01_briefing": entry("01_briefing", "2017-11-30"),
            "02_escalation": entry("02_escalation", "2017-11-30"),
        },
    )
    publish(
        reports,
        "2017-11-30/freedonia",
        {"01_briefing": entry("01_briefing", "2017-11-30", country="Freedonia")},
    )
    return reports


def previous(reports: Path, stem: str, as_of: str, country: str = "Cambodia", **window):
    window = {**WINDOW, **window}
    return mf.previous_briefing(
        reports, stem, country, window["start_date"], window["end_date"], as_of
    )


def test_the_previous_briefing_is_the_latest_earlier_one_of_the_same_series(reports) -> None:
    found = previous(reports, "01_briefing", "2017-12-31")
    assert (found.as_of, found.name) == ("2017-11-30", "01_briefing")
    # 31 October's 01_briefing failed before it was ever published: skipped
    found = previous(reports, "01_briefing", "2017-11-30")
    assert (found.as_of, found.name) == ("2017-09-30", "01_briefing")
    assert previous(reports, "01_briefing", "2017-09-30") is None  # same date is not earlier
    assert previous(reports, "02_escalation", "2017-11-30").as_of == "2017-10-31"
    assert previous(reports, "02_escalation", "2017-10-31") is None
    # another window is another series
    short = previous(reports, "01_briefing", "2017-12-31", start_date="2017-01-01")
    assert (short.as_of, short.name) == ("2017-10-31", "01_short")
    assert previous(reports, "01_briefing", "2017-12-31", country="Freedonia").as_of == (
        "2017-11-30"
    )
    assert previous(reports, "01_briefing", "2017-12-31", country="Ruritania") is None
    assert previous(reports / "missing", "01_briefing", "2017-12-31") is None


def test_a_briefing_whose_html_is_gone_is_not_compared_with(reports) -> None:
    (reports / "2017-11-30" / "cambodia" / "01_briefing.html").unlink()
    assert previous(reports, "01_briefing", "2017-12-31").as_of == "2017-09-30"


def test_the_index_finds_the_same_predecessors_as_the_briefings(reports) -> None:
    listed = listed_briefings(reports)
    before = predecessors(reports, listed)
    checked = 0
    for item in listed:
        if not mf.is_published(item.folder, item.entry):
            continue  # never published: nothing links to it or from it
        params = item.entry["parameters"]
        stem = Path(item.entry["notebook"]).stem
        expected = mf.previous_briefing(
            reports, stem, item.country, params["start_date"], params["end_date"], item.as_of
        )
        got = before.get((item.folder, item.name))
        assert (got and (got.as_of, got.name)) == (expected and (expected.as_of, expected.name)), (
            item
        )
        checked += 1
    assert checked == 6 and len(before) == 2


def test_the_index_links_each_briefing_to_its_predecessor(reports) -> None:
    page = build_index(reports)
    nov = page[page.index('id="c-cambodia-2017-11-30"') : page.index('id="c-cambodia-2017-10-31"')]
    assert nov.count('Previous briefing: <a href="2017-09-30/cambodia/01_briefing.html">') == 1
    assert nov.count('<a href="2017-10-31/cambodia/02_escalation.html">as of 31 October') == 1
    sep = page[page.index('id="c-cambodia-2017-09-30"') :]
    assert FIRST_NOTE in sep and "Previous briefing" not in sep[: sep.index("</ul>")]


def test_the_index_draws_each_series_severity_total_and_verdict(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    october = {"month": "2017-10", "verdict": "deteriorated", "reason": "..."}
    for as_of, total, verdict in (
        ("2017-09-30", 15.0, None),
        ("2017-11-30", 50.0, october),
        ("2018-04-30", 58.0, october),
    ):
        publish(
            reports,
            f"{as_of}/cambodia",
            {
                "01_briefing": entry("01_briefing", as_of, total=total, verdict=verdict),
                "02_escalation": entry("02_escalation", as_of, total=total, verdict=verdict),
            },
        )
    page = build_index(reports)
    assert page.count('<svg class="sparkline"') == 1  # one series: one window
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<circle") == 3 and "<script" not in page
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    xs = [float(p.split(",")[0]) for p in points]
    ys = [float(p.split(",")[1]) for p in points]
    assert xs == sorted(xs) and ys[0] > ys[1] > ys[2]  # higher total, higher on the page
    # dates are spaced by time: two months, then five
    assert (xs[2] - xs[1]) > 2 * (xs[1] - xs[0])
    table = page[page.index("<table>") : page.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows]
    assert [re.sub(r"<[^>]+>", "", c[0]) for c in cells] == [
        "30 April 2018",
        "30 November 2017",
        "30 September 2017",
    ]
    assert [c[1:] for c in cells] == [
        ["58 points (11 acts)", "+8 points", "October 2017: deteriorated"],
        ["50 points (10 acts)", "+35 points", "October 2017: deteriorated"],
        ["15 points (3 acts)", "", "no month with a verdict yet"],
    ]
    assert 'href="#c-cambodia-2017-11-30"' in table and 'id="c-cambodia-2017-11-30"' in page


def test_briefings_without_snapshots_get_no_series(reports) -> None:
    page = build_index(reports)
    assert "<svg" not in page and "index-series" not in page.split("</style>")[1]


def test_the_cache_key_changes_when_the_predecessor_changes(tmp_path: Path) -> None:
    project = Project(tmp_path)
    notebook = tmp_path / "notebooks" / "01_briefing.ipynb"
    notebook.parent.mkdir()
    notebook.write_text("{}")
    job = Job("01_briefing", notebook, {})
    params = {"country": "Cambodia", **WINDOW, "as_of": "2017-11-30"}
    alone = job_key(project, job, params, "data", "code")
    folder = "2017-09-30/cambodia"
    publish(project.reports, folder, {"01_briefing": entry("01_briefing", "2017-09-30", total=15)})
    after_first = job_key(project, job, params, "data", "code")
    publish(project.reports, folder, {"01_briefing": entry("01_briefing", "2017-09-30", total=16)})
    after_change = job_key(project, job, params, "data", "code")
    assert len({alone, after_first, after_change}) == 3
    assert job_key(project, job, params, "data", "code") == after_change  # stable
