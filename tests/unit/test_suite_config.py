"""suite.yaml: checked by pydantic models (every problem at once, with its line), countries
declared in the suite or given on the command line, safe footer links, and the suite's
notebooks declared once (helpers.presenting.params.NOTEBOOKS)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from helpers.errors import InputError
from helpers.presenting.params import NOTEBOOKS, is_never_rendered, rendered_notebooks
from helpers.rendering.suite import Scope, check_link, load_suite

REPO = Path(__file__).resolve().parents[2]


def write(folder: Path, text: str) -> Path:
    path = folder / "suite.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder, with (empty) notebooks next to the suite file."""
    monkeypatch.chdir(tmp_path)  # messages name files relative to the working folder
    (tmp_path / "notebooks").mkdir()
    for stem in ("01_briefing", "02_escalation", "explore"):
        (tmp_path / "notebooks" / f"{stem}.ipynb").write_text("{}")
    return tmp_path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_suite(path)
    return str(info.value).splitlines()


# ----------------------------------------------------------------- every problem at once


BROKEN = """
project:
  name: Briefings
  method_url: "javascript:alert(document.cookie)"
  colour: red
defaults:
  start_date: "2016-01-01"
countries:
  - Cambodia
  - country: Myanmar
    start_date: "2021-13-01"
  - 5
jobs:
  - notebook: notebooks/01_briefing.ipynb
    colour: red
  - notebook: notebooks/missing.ipynb
  - notebook: notebooks/explore.ipynb
    parameters: {as_of: "2017-01-01"}
  - name: no-notebook
  - just text
"""


def test_every_problem_is_reported_at_once_with_its_line(folder: Path) -> None:
    lines = problems(write(folder, BROKEN))
    expected = [
        (3, "project: method_url: 'javascript:alert(document.cookie)' is not allowed as a link"),
        (4, "project: unknown key 'colour'"),
        (10, "country 2: start_date: '2021-13-01' is not a date written YYYY-MM-DD"),
        (11, "country 3: expected a country name, or a mapping with 'country'"),
        (14, "job 1 (01_briefing): unknown key 'colour'"),
        (15, "job 2 (missing): notebook notebooks/missing.ipynb not found"),
        (16, "job 3 (explore): notebook: explore.ipynb is never rendered"),
        (17, "job 3 (explore): parameters: 'as_of' is set by the render"),
        (18, "job 4 (no-notebook): 'notebook' is missing"),
        (19, "job 5: expected a mapping with 'notebook'"),
    ]
    assert len(lines) == len(expected), lines
    for line, (number, text) in zip(lines, expected, strict=True):
        assert line.startswith(f"suite.yaml line {number}: {text}") or (
            re.search(rf"suite\.yaml line {number}: {re.escape(text)}", line)
        ), (line, number, text)


def test_problems_between_entries_are_reported_together(folder: Path) -> None:
    path = write(
        folder,
        """
        defaults: {country: Cambodia}
        countries: [Cambodia, cambodia]
        jobs:
          - notebook: notebooks/01_briefing.ipynb
          - notebook: notebooks/01_briefing.ipynb
            parameters: {country: Myanmar}
        """,
    )
    lines = problems(path)
    assert any("line 5: job name 01_briefing is used twice" in line for line in lines), lines
    assert any("line 6: job 2 (01_briefing): sets 'country'" in line for line in lines), lines
    assert any("line 2: country cambodia is declared twice" in line for line in lines), lines
    assert any("line 1: 'country' is set in 'defaults'" in line for line in lines), lines
    assert len(lines) == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jobs: []\n", "'jobs' must be a non-empty list"),
        ("project: {name: x}\n", "'jobs' is missing"),
        ("- a list\n", "expected a mapping with a 'jobs' list"),
        ("jobs: [\n", "not valid YAML"),
        (
            "defaults: {as_of: 2017-01-01}\njobs: [{notebook: notebooks/01_briefing.ipynb}]\n",
            "defaults: 'as_of' is set by the render",
        ),
    ],
)
def test_file_level_problems(folder: Path, text: str, message: str) -> None:
    (line,) = problems(write(folder, text))
    assert line.startswith("suite.yaml") and message in line


# ----------------------------------------------------------------------- footer links


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/method",
        "/absolute/path.html",
        "https://",
        "",
    ],
)
def test_only_relative_paths_and_http_links_are_accepted(link: str) -> None:
    with pytest.raises(ValueError, match="expected a relative path"):
        check_link(link)


@pytest.mark.parametrize(
    "link",
    ["04_sources_and_quality.html", "../method.html", "https://example.org/m", "http://x.org"],
)
def test_safe_links_pass(link: str) -> None:
    assert check_link(link) == link


def test_source_url_is_checked_like_method_url(folder: Path) -> None:
    path = write(
        folder,
        """
        project: {source_url: "javascript:void(0)"}
        jobs: [{notebook: notebooks/01_briefing.ipynb}]
        """,
    )
    (line,) = problems(path)
    assert "line 1: project: source_url: 'javascript:void(0)' is not allowed" in line


# -------------------------------------------------------------------------- countries

COUNTRIES = """
project: {source: "Events in {country}"}
defaults: {start_date: "2016-01-01", end_date: "2018-12-31", rolling_days: 60}
countries:
  - Cambodia
  - {country: Myanmar, start_date: 2021-02-01, end_date: "2022-12-31"}
jobs:
  - notebook: notebooks/01_briefing.ipynb
    parameters: {title: "{country}: briefing"}
  - notebook: notebooks/02_escalation.ipynb
    parameters: {rolling_days: 30}
"""


def test_every_job_is_rendered_for_every_declared_country(folder: Path) -> None:
    suite = load_suite(write(folder, COUNTRIES))
    jobs = suite.briefings(suite.jobs)
    assert [(j.name, j.parameters["country"]) for j in jobs] == [
        ("01_briefing", "Cambodia"),
        ("02_escalation", "Cambodia"),
        ("01_briefing", "Myanmar"),
        ("02_escalation", "Myanmar"),
    ]
    cambodia, escalation, myanmar, _ = jobs
    assert cambodia.parameters["start_date"] == "2016-01-01"
    assert myanmar.parameters["start_date"] == "2021-02-01"  # the country's own window
    assert myanmar.parameters["end_date"] == "2022-12-31"
    assert escalation.parameters["rolling_days"] == 30  # a job's own parameter wins
    assert cambodia.parameters["rolling_days"] == 60
    assert suite.project.source_for("Myanmar") == "Events in Myanmar"


def test_the_command_line_scope_replaces_the_suite_countries(folder: Path) -> None:
    suite = load_suite(write(folder, COUNTRIES))
    jobs = suite.briefings(suite.jobs, Scope(country="Laos", end_date="2017-06-30"))
    assert [j.parameters["country"] for j in jobs] == ["Laos", "Laos"]
    assert all(j.parameters["start_date"] == "2016-01-01" for j in jobs)
    assert all(j.parameters["end_date"] == "2017-06-30" for j in jobs)
    # a declared country keeps its own window unless the command line sets one
    (first, _) = suite.briefings(suite.jobs, Scope(country="myanmar"))
    assert first.parameters["start_date"] == "2021-02-01"
    (first, _) = suite.briefings(suite.jobs, Scope(country="Myanmar", start_date="2021-06-01"))
    assert first.parameters["start_date"] == "2021-06-01"
    # a window alone applies to every declared country
    jobs = suite.briefings(suite.jobs, Scope(start_date="2017-01-01"))
    assert {j.parameters["start_date"] for j in jobs} == {"2017-01-01"}
    assert len(jobs) == 4


def test_a_suite_without_countries_keeps_its_jobs_country(folder: Path) -> None:
    path = write(
        folder,
        """
        jobs:
          - notebook: notebooks/01_briefing.ipynb
            parameters: {country: Myanmar}
          - notebook: notebooks/02_escalation.ipynb
        """,
    )
    suite = load_suite(path)
    first, second = suite.briefings(suite.jobs)
    assert first.parameters == {"country": "Myanmar"} and second.parameters == {}
    first, second = suite.briefings(suite.jobs, Scope(country="Cambodia"))
    assert first.parameters["country"] == second.parameters["country"] == "Cambodia"


# ------------------------------------------------------------- notebooks declared once


def test_the_default_suite_renders_each_declared_notebook_once() -> None:
    suite = load_suite(REPO / "suite.yaml")
    assert [job.stem for job in suite.jobs] == rendered_notebooks()
    assert all("{country}" in job.parameters["title"] for job in suite.jobs)
    assert "{country}" in suite.project.source
    assert suite.config.countries and suite.project.method_url


def test_the_notebooks_folder_holds_exactly_the_declared_notebooks() -> None:
    found = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
    assert found == sorted(NOTEBOOKS)
    assert [stem for stem in NOTEBOOKS if is_never_rendered(stem)] == ["explore"]


def test_the_default_suite_file_parses_as_yaml_with_comments_only_as_comments() -> None:
    data = yaml.safe_load((REPO / "suite.yaml").read_text(encoding="utf-8"))
    assert set(data) == {"project", "defaults", "countries", "jobs"}
