"""Rendering for several countries without a kernel or a browser: where briefings are
published (reports/<date>/<country>/), how the jobs of a run are planned, the checks made
before anything runs, the command's arguments, and the index grouped by country and date.
The real renders are in tests/integration/test_render_second_country.py."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support.render_project import publish, write_notebook

from helpers.cli import main
from helpers.errors import ParameterError
from helpers.paths import Project
from helpers.rendering import manifest as mf
from helpers.rendering.index import FAILED_NOTE, PARTIAL_NOTE, build_index
from helpers.rendering.layout import folder_name, index_href, published_folders
from helpers.rendering.render import RenderOptions, plan_jobs, render
from helpers.rendering.suite import Scope, load_suite

AS_OF = "2017-10-31"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A built dataset of two countries and two notebooks; the working folder is the
    project (messages name files relative to it)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "codebook.yaml").write_text("version: 1\n")
    events = {"event_id": ["KHM-001", "FRE-001"], "country": ["Cambodia", "Freedonia"]}
    pq.write_table(pa.table(events), Project(tmp_path).events_parquet)
    for stem in ("01_briefing", "02_escalation"):
        write_notebook(tmp_path / "notebooks" / f"{stem}.ipynb")
    return Project(tmp_path)


TWO_COUNTRIES = """
project: {source: "Events in {country}"}
defaults: {start_date: "2016-01-01", end_date: "2018-12-31"}
countries: [Cambodia, freedonia]
jobs:
  - notebook: notebooks/01_briefing.ipynb
    parameters: {title: "{country}: the briefing"}
  - notebook: notebooks/02_escalation.ipynb
    title: "{country}: escalation"
"""


def suite_file(project: Project, text: str = TWO_COUNTRIES) -> Path:
    path = project.root / "suite.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def options(project: Project, **kwargs) -> RenderOptions:
    return RenderOptions(project=project, suite_path=suite_file(project), as_of=AS_OF, **kwargs)


# ---------------------------------------------------------------------------- layout


def test_each_country_has_its_own_folder_under_the_date() -> None:
    assert folder_name("2018-12-31", "South Sudan") == "2018-12-31/south-sudan"
    assert folder_name("2018-12-31", None) == "2018-12-31"
    assert index_href("2018-12-31/south-sudan") == "../../index.html"


def test_published_folders_finds_date_and_country_manifests(tmp_path: Path) -> None:
    for folder in ("2017-10-31", "2017-10-31/cambodia", "2017-11-30/freedonia"):
        (tmp_path / folder).mkdir(parents=True)
        mf.write_manifest(tmp_path / folder, {"as_of": folder[:10], "jobs": {}})
    (tmp_path / "2017-11-30" / "failed").mkdir()
    (tmp_path / "notes").mkdir()
    found = [p.relative_to(tmp_path).as_posix() for p in published_folders(tmp_path)]
    assert found == ["2017-11-30/freedonia", "2017-10-31", "2017-10-31/cambodia"]
    # a country folder's empty manifest still knows its date
    assert mf.read_manifest(tmp_path / "2018-01-05" / "cambodia")["as_of"] == "2018-01-05"


# -------------------------------------------------------------------------- planning


def test_jobs_are_planned_per_country_with_their_own_folder(project: Project) -> None:
    opts = options(project)
    suite = load_suite(opts.suite_path)
    planned = plan_jobs(suite, suite.briefings(suite.jobs), opts)
    assert [(p.published, p.label) for p in planned] == [
        ("2017-10-31/cambodia", "cambodia/01_briefing"),
        ("2017-10-31/cambodia", "cambodia/02_escalation"),
        ("2017-10-31/freedonia", "freedonia/01_briefing"),
        ("2017-10-31/freedonia", "freedonia/02_escalation"),
    ]
    # the country is spelled as in the dataset, also in titles and the source line
    freedonia = planned[2]
    assert freedonia.parameters["country"] == "Freedonia"
    assert freedonia.parameters["title"] == "Freedonia: the briefing"
    assert planned[3].job.title == "Freedonia: escalation"
    assert suite.project.source_for(freedonia.country) == "Events in Freedonia"
    assert len({p.staged for p in planned}) == 4  # no two jobs share a staged file
    assert len({p.key for p in planned}) == 4


def test_one_country_keeps_plain_job_names(project: Project) -> None:
    opts = options(project, scope=Scope(country="Freedonia"))
    suite = load_suite(opts.suite_path)
    planned = plan_jobs(suite, suite.briefings(suite.jobs, opts.scope), opts)
    assert [(p.published, p.label) for p in planned] == [
        ("2017-10-31/freedonia", "01_briefing"),
        ("2017-10-31/freedonia", "02_escalation"),
    ]


def test_two_countries_that_share_a_folder_are_refused(project: Project) -> None:
    path = suite_file(
        project,
        """
countries: ["Côte d’Ivoire", "Cote dIvoire"]
jobs: [{notebook: notebooks/01_briefing.ipynb}]
""",
    )
    opts = RenderOptions(
        project=project, suite_path=path, as_of=AS_OF, validator=lambda s, p: dict(p)
    )
    suite = load_suite(path)
    with pytest.raises(ParameterError, match=r"published twice in reports/2017-10-31/cote-divoire"):
        plan_jobs(suite, suite.briefings(suite.jobs), opts)


# ------------------------------------------------------------------ checks before work


def test_an_unknown_country_on_the_command_line_is_refused_with_the_known_ones(
    project: Project,
) -> None:
    with pytest.raises(ParameterError) as info:
        render(options(project, scope=Scope(country="Atlantis")))
    assert str(info.value) == (
        "--country was given 'Atlantis', which is not in the dataset; expected one of: "
        "Cambodia, Freedonia."
    )
    assert not project.reports.exists()


def test_an_unknown_country_in_the_suite_names_its_line(project: Project) -> None:
    path = suite_file(project, TWO_COUNTRIES.replace("freedonia]", "Fredonia, Atlantis]"))
    with pytest.raises(ParameterError) as info:
        render(RenderOptions(project=project, suite_path=path, as_of=AS_OF))
    lines = str(info.value).splitlines()
    assert lines == [
        "suite.yaml line 4: country 2 was given 'Fredonia', which is not in the dataset; "
        "expected one of: Cambodia, Freedonia; did you mean 'Freedonia'?",
        "suite.yaml line 4: country 3 was given 'Atlantis', which is not in the dataset; "
        "expected one of: Cambodia, Freedonia.",
    ]
    assert not project.reports.exists()


def test_jobs_zero_is_an_error(project: Project, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--root", str(project.root), "render", "--jobs", "0"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --jobs/-j: '0' is not a whole number of 1 or more" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start-date", "2017"], "--start-date '2017' is not a date; expected YYYY-MM-DD"),
        (["--end-date", "2017-02-30"], "--end-date '2017-02-30' is not a date"),
        (["--country", " "], "--country was given an empty name"),
        (["--country", "Atlantis"], "expected one of: Cambodia, Freedonia."),
    ],
)
def test_bad_render_arguments_get_one_sentence(project: Project, capsys, args, message) -> None:
    suite_file(project)
    code = main(["--root", str(project.root), "render", "--as-of", AS_OF, *args])
    err = capsys.readouterr().err
    assert code == 1 and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not project.reports.exists()


# ---------------------------------------------------------------------------- index


def entry(country: str | None, title: str, **extra) -> dict:
    outputs = {"html": f"{title}.html", "pdf": f"{title}.pdf"}
    params = {"country": country} if country else {}
    return {"title": title, "country": country, "parameters": params, "outputs": outputs} | extra


def test_index_groups_briefings_by_country_then_date(tmp_path: Path) -> None:
    publish(tmp_path, "2017-10-31/cambodia", {"a": entry("Cambodia", "khm-oct")})
    publish(tmp_path, "2017-11-30/cambodia", {"a": entry("Cambodia", "khm-nov")})
    publish(tmp_path, "2017-11-30/freedonia", {"a": entry("Freedonia", "fre-nov")})
    # a folder published before countries had folders: grouped by its parameters
    old = entry(None, "khm-old", parameters={"country": "Cambodia"})
    del old["country"]
    publish(tmp_path, "2017-09-30", {"a": old, "b": entry(None, "no-country")})
    publish(tmp_path, "2017-12-31/x", {"a": entry("<b>Evil</b>", "evil")})
    page = build_index(tmp_path)
    order = [
        'id="c-b-evil-b"',
        'id="c-cambodia"',
        "khm-nov",
        "khm-oct",
        "khm-old",
        'id="c-freedonia"',
        "fre-nov",
        'id="c-other"',
        "no-country",
    ]
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    assert '<nav class="index-countries">' in page
    for href in (
        "2017-11-30/cambodia/khm-nov.html",
        "2017-11-30/freedonia/fre-nov.pdf",
        "2017-09-30/khm-old.html",
    ):
        assert f'href="{href}"' in page
    assert "&lt;b&gt;Evil&lt;/b&gt;" in page and "<b>Evil" not in page
    # each date heading is inside its country's section
    cambodia = page[page.index('id="c-cambodia"') : page.index('id="c-freedonia"')]
    assert cambodia.count('class="index-date"') == 3 and "fre-nov" not in cambodia
    assert "30 November 2017" in cambodia and "31 October 2017" in cambodia


def test_one_country_needs_no_country_menu(tmp_path: Path) -> None:
    publish(tmp_path, "2017-10-31/cambodia", {"a": entry("Cambodia", "khm")})
    page = build_index(tmp_path)
    assert 'id="c-cambodia"' in page and "<nav" not in page


def test_html_only_render_is_not_reported_as_a_failed_update(tmp_path: Path) -> None:
    """Issue 9, defect 7: a first render without Chromium is the current briefing, HTML
    only; only a failed update that kept an earlier briefing says "previous version"."""
    partial = entry("Cambodia", "partial", status="partial", error={"step": "pdf"})
    partial["outputs"].pop("pdf")
    kept = entry("Cambodia", "kept", status="ok", error={"step": "execute"}, failed_at="t")
    publish(tmp_path, "2017-10-31/cambodia", {"a": partial, "b": kept})
    page = build_index(tmp_path)
    first, second = page.split("<li>")[1:]
    assert PARTIAL_NOTE in first and FAILED_NOTE not in first
    assert "partial.pdf" not in first
    assert FAILED_NOTE in second and PARTIAL_NOTE not in second
