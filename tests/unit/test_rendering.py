"""Unit tests of the rendering pipeline: suite config, cache keys, plain words, index,
manifest, HTML cleaning. No kernel and no browser (the renders that need them are in
tests/integration/test_render_fixture_notebooks.py)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support.render_project import write_notebook

from helpers.dates import plain_date
from helpers.errors import BriefingsError, InputError, ParameterError
from helpers.paths import Project
from helpers.rendering import cache
from helpers.rendering import manifest as mf
from helpers.rendering.describe import describe_parameters
from helpers.rendering.html_export import PLOTLY_MIME, PageInfo, export_html
from helpers.rendering.index import build_index
from helpers.rendering.pdf import CHROMIUM_ENV, PdfError, find_chromium, footer_template
from helpers.rendering.render import RenderOptions, parse_as_of, render
from helpers.rendering.suite import load_suite


def write_suite(folder: Path, text: str) -> Path:
    path = folder / "suite.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project folder with a codebook, a built events table and two notebooks."""
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "curated").mkdir(parents=True)
    (tmp_path / "data" / "codebook.yaml").write_text("version: 1\n")
    pq.write_table(pa.table({"event_id": ["KHM-001"]}), Project(tmp_path).events_parquet)
    (tmp_path / "data" / "curated" / "events.csv").write_text("event_id\nKHM-001\n")
    write_notebook(tmp_path / "notebooks" / "01_briefing.ipynb")
    write_notebook(tmp_path / "notebooks" / "02_escalation.ipynb")
    return Project(tmp_path)


# ---------------------------------------------------------------------- suite config

SUITE = """
project: {name: Test Briefings, source: test data}
defaults: {country: Cambodia, start_date: 2016-01-01}
jobs:
  - notebook: notebooks/01_briefing.ipynb
  - notebook: notebooks/02_escalation.ipynb
    name: escalation-90
    title: Escalation
    parameters: {rolling_days: 90, start_date: "2017-01-01"}
"""


def test_suite_parses_jobs_defaults_and_project(project: Project) -> None:
    suite = load_suite(write_suite(project.root, SUITE))
    assert suite.project.name == "Test Briefings"
    first, second = suite.jobs
    assert first.name == "01_briefing" and first.stem == "01_briefing"
    assert first.parameters == {}
    assert second.name == "escalation-90" and second.stem == "02_escalation"
    assert second.title == "Escalation"
    assert second.parameters == {"start_date": "2017-01-01", "rolling_days": 90}
    merged_first, merged_second = suite.briefings(suite.jobs)
    assert merged_first.parameters == {"country": "Cambodia", "start_date": "2016-01-01"}
    assert merged_second.parameters == {
        "country": "Cambodia",
        "start_date": "2017-01-01",
        "rolling_days": 90,
    }
    assert suite.select(["escalation-90"]) == (second,)
    assert suite.select(["02_escalation"]) == (second,)
    with pytest.raises(InputError, match="no job named nope"):
        suite.select(["nope"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jobs: []", "'jobs' must be a non-empty list"),
        ("jobs: [{notebook: notebooks/missing.ipynb}]", "job 1 .*not found"),
        ("jobs: [{name: x}]", r"job 1 \(x\): 'notebook' is missing"),
        ("jobs: [{notebook: notebooks/01_briefing.ipynb, colour: red}]", "unknown key.*colour"),
        ("jobss: []", "unknown key.*jobss"),
        (
            "jobs: [{notebook: notebooks/01_briefing.ipynb, parameters: {as_of: 2017-01-01}}]",
            "'as_of' is set by the render",
        ),
        (
            "jobs: [{notebook: notebooks/01_briefing.ipynb},"
            " {notebook: notebooks/01_briefing.ipynb}]",
            "used twice",
        ),
        ("jobs: [{notebook: notebooks/explore.ipynb}]", "never rendered"),
        ("jobs: [{notebook: notebooks/01_briefing.ipynb, name: 'a b'}]", "may only hold letters"),
        ("jobs: [\n  - notebook: [unclosed", "not valid YAML"),
    ],
)
def test_suite_errors_name_the_file_and_job(project: Project, text: str, message: str) -> None:
    write_notebook(project.notebooks / "explore.ipynb")
    with pytest.raises(InputError, match=message) as info:
        load_suite(write_suite(project.root, text))
    assert "suite.yaml" in str(info.value)


def test_missing_suite_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="suite config not found"):
        load_suite(tmp_path / "nope.yaml")


def test_the_default_suite_lists_the_four_briefings() -> None:
    """suite.yaml at the repo root: the four notebooks, never explore (checked as text, since
    the notebooks may not exist yet in a fresh checkout)."""
    import yaml

    root = Path(__file__).resolve().parents[2]
    data = yaml.safe_load((root / "suite.yaml").read_text())
    stems = [Path(j["notebook"]).stem for j in data["jobs"]]
    assert stems == [
        "01_briefing",
        "02_escalation",
        "03_international_response",
        "04_sources_and_quality",
    ]


# ----------------------------------------------------------------------- cache keys


def test_cache_key_changes_when_any_input_changes(project: Project, tmp_path: Path) -> None:
    nb = project.notebooks / "01_briefing.ipynb"
    params = {"country": "Cambodia", "as_of": "2017-10-31"}
    dataset = cache.dataset_fingerprint(project)["sha256"]
    base = cache.cache_key(nb, params, dataset, "code-1")
    assert base == cache.cache_key(nb, dict(params), dataset, "code-1")
    assert base != cache.cache_key(nb, {**params, "as_of": "2017-11-30"}, dataset, "code-1")
    assert base != cache.cache_key(nb, params, dataset, "code-2")
    assert base != cache.cache_key(nb, params, "other-data", "code-1")
    nb.write_text(nb.read_text().replace("Cambodia", "Myanmar"))
    assert base != cache.cache_key(nb, params, dataset, "code-1")


@pytest.mark.parametrize(
    "relpath", ["data/processed/events.parquet", "data/curated/events.csv", "data/codebook.yaml"]
)
def test_dataset_fingerprint_covers_tables_curated_and_codebook(
    project: Project, relpath: str
) -> None:
    before = cache.dataset_fingerprint(project)
    assert relpath in before["files"]
    (project.root / relpath).write_text("changed\n")
    assert cache.dataset_fingerprint(project)["sha256"] != before["sha256"]


def test_code_fingerprint_covers_the_template() -> None:
    assert len(cache.code_fingerprint()) == 64
    assert (cache.template_dir() / "index.html.j2").is_file()


# --------------------------------------------------------------------- plain words


def test_parameters_in_plain_words() -> None:
    params = {
        "country": "Cambodia",
        "start_date": "2016-01-01",
        "end_date": "2018-12-31",
        "as_of": "2026-11-28",
        "title": "ignored",
        "categories": "",
        "rolling_days": 90,
    }
    assert describe_parameters(params) == (
        "Events in Cambodia from 1 January 2016 to 31 December 2018, as known on "
        "28 November 2026. Escalation measured over rolling 90-day windows."
    )
    assert describe_parameters({"country": ["KHM", "MMR"], "start": "2017-11"}) == (
        "Events in Cambodia and Myanmar since November 2017"
    )
    assert plain_date("not a date") == "not a date"


def test_as_of_parsing() -> None:
    assert parse_as_of("2017-10-31") == "2017-10-31"
    assert len(parse_as_of(None)) == 10
    with pytest.raises(ParameterError, match="--as-of '31/10/2017'"):
        parse_as_of("31/10/2017")


# --------------------------------------------------------------------------- index


def write_published(reports: Path, date: str, jobs: dict) -> None:
    folder = reports / date
    folder.mkdir(parents=True, exist_ok=True)
    for job in jobs.values():
        for name in job.get("outputs", {}).values():
            (folder / name).write_text("x")
    mf.write_manifest(folder, {"as_of": date, "jobs": jobs})


def test_index_lists_briefings_newest_first_and_escapes(tmp_path: Path) -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    write_published(
        tmp_path,
        "2017-10-31",
        {
            "a": {
                "title": evil,
                "description": f"Events in {evil}",
                "outputs": {"html": "a.html", "pdf": "a.pdf"},
                "status": "ok",
            },
        },
    )
    write_published(
        tmp_path,
        "2017-11-30",
        {
            "b": {
                "title": "Later",
                "outputs": {"html": "b.html"},
                "status": "partial",
                "error": {"step": "pdf"},
            },
            "gone": {"title": "Gone", "outputs": {}, "status": "failed"},
        },
    )
    (tmp_path / "2017-11-30" / "b.pdf").unlink(missing_ok=True)
    page = build_index(tmp_path, project_name="Proj <b>")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Proj &lt;b&gt;" in page
    assert page.index("30 November 2017") < page.index("31 October 2017")
    assert 'href="2017-10-31/a.html"' in page and 'href="2017-10-31/a.pdf"' in page
    assert 'href="2017-11-30/b.html"' in page and "b.pdf" not in page
    assert "Gone" not in page
    # an HTML-only render is the current version, not a failed update (issue 9, defect 7)
    assert "previous version" not in page and "HTML only" in page
    assert "<script" not in page and "http" not in page  # self-contained, no network


# ------------------------------------------------------------------------ manifest


def test_manifest_keeps_previous_briefing_on_failure(tmp_path: Path) -> None:
    data = mf.read_manifest(tmp_path)
    assert data == {"as_of": tmp_path.name, "jobs": {}}
    good = {
        "name": "a",
        "status": "ok",
        "outputs": {"html": "a.html", "pdf": "a.pdf"},
        "parameters": {"as_of": "2017-10-31"},
        "rendered_at": "t1",
        "error": None,
    }
    mf.record_success(data, "a", good)
    failed = {
        "name": "a",
        "status": "ok",
        "outputs": {},
        "rendered_at": "t2",
        "error": {"cell_index": 3, "ename": "ValueError", "evalue": "bad"},
    }
    mf.record_failure(data, "a", failed)
    assert data["jobs"]["a"]["outputs"] == good["outputs"]
    assert data["jobs"]["a"]["error"]["cell_index"] == 3
    assert data["jobs"]["a"]["failed_at"] == "t2"
    mf.record_failure(data, "b", {**failed, "name": "b"})
    assert data["jobs"]["b"]["status"] == "failed" and data["jobs"]["b"]["outputs"] == {}
    mf.write_manifest(tmp_path, data)
    saved = json.loads((tmp_path / "manifest.json").read_text())
    assert saved["jobs"] == data["jobs"] and "updated_at" in saved


def test_package_versions_are_recorded() -> None:
    versions = mf.package_versions()
    for name in ("python", "papermill", "nbconvert", "plotly"):
        assert versions[name] and versions[name] != "not installed"


# ------------------------------------------------------------ checks before work


def test_bad_parameters_fail_before_anything_runs(project: Project) -> None:
    """The real validator (helpers.presenting.params) names the job and the parameter."""
    suite = write_suite(
        project.root,
        """
jobs:
  - notebook: notebooks/01_briefing.ipynb
  - notebook: notebooks/02_escalation.ipynb
    parameters: {contry: Cambodia}
""",
    )
    options = RenderOptions(project=project, suite_path=suite, as_of="2017-10-31")
    with pytest.raises(ParameterError) as info:
        render(options)
    message = str(info.value)
    assert "02_escalation" in message and "contry" in message
    assert not project.reports.exists()


def test_missing_dataset_stops_the_run(project: Project) -> None:
    project.events_parquet.unlink()
    options = RenderOptions(
        project=project,
        suite_path=write_suite(project.root, SUITE),
        as_of="2017-10-31",
        validator=lambda stem, params: params,
    )
    with pytest.raises(BriefingsError, match=r"events.parquet is missing.*make data"):
        render(options)


# ---------------------------------------------------------------------- HTML page


def _output(data: dict, kind: str = "display_data") -> dict:
    return nbformat.v4.new_output(kind, data=data) if kind != "stream" else data


def test_html_page_hides_code_streams_and_remote_scripts() -> None:
    nb = nbformat.v4.new_notebook()
    injected = nbformat.v4.new_code_cell("title = 'x'  # SECRET_PARAM")
    injected.metadata["tags"] = ["injected-parameters"]
    bundle = "<script>/**\n* plotly.js v4.1.1\n*/ var Plotly = 1;</script>"
    chart = nbformat.v4.new_code_cell("fig.show()  # SECRET_CODE")
    chart.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: LEAK"),
        nbformat.v4.new_output("display_data", data={"text/html": bundle}),
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": '<script src="https://cdn.example/mathjax.js"></script>'
                '<div class="plotly-graph-div">chart</div>'
            },
        ),
        nbformat.v4.new_output("display_data", data={"text/html": bundle}),
        nbformat.v4.new_output(
            "execute_result", data={"text/plain": "Text(0.5, 1.0, 'LEAK')"}, execution_count=1
        ),
        nbformat.v4.new_output("error", ename="E", evalue="LEAK", traceback=["LEAK"]),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# The Title\nIntro."), injected, chart]
    page = PageInfo(
        title="The Title",
        as_of_words="31 October 2017",
        description="Events <script>alert(1)</script>",
        project_name="P",
        source="S <img src=x onerror=alert(2)>",
        generated_words="now",
        other_parameters=["Note: <b>x</b>"],
    )
    html = export_html(nb, page)
    for leak in ("SECRET_PARAM", "SECRET_CODE", "LEAK", "In&nbsp;[", "cdn.example"):
        assert leak not in html
    assert html.count("plotly.js v") == 1
    assert 'class="plotly-graph-div"' in html
    assert "Events &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert html.count(">The Title<") == 1  # the notebook's own H1 is not repeated
    assert "require.js" not in html and "MathJax.js" not in html


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/method", True),
        ("../docs/method.md", True),
        ("javascript:alert(document.domain)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
    ],
)
def test_only_relative_and_http_links_reach_the_page(url: str, linked: bool) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# T\nIntro.")]
    page = PageInfo(**{**_page().__dict__, "method_url": url, "source_url": url})
    html = export_html(nb, page)
    assert ("How the events are coded</a>" in html) is linked
    assert ("javascript" in html.lower()) is False
    assert ("evil.example" in html) is False


def test_pdf_footer_is_escaped_and_chromium_env_is_honoured(monkeypatch, tmp_path) -> None:
    footer = footer_template("<script>x</script>", "31 October 2017")
    assert "<script>x" not in footer and "pageNumber" in footer and "totalPages" in footer
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-browser"))
    with pytest.raises(PdfError, match=r"BRIEFINGS_CHROMIUM is .*no-such-browser, which is"):
        find_chromium()
    fake = tmp_path / "chrome"
    fake.write_text("")
    monkeypatch.setenv(CHROMIUM_ENV, str(fake))
    assert find_chromium() == str(fake)


def _page() -> PageInfo:
    return PageInfo(
        title="The Title",
        as_of_words="31 October 2017",
        description="Events",
        project_name="P",
        source="S",
        generated_words="now",
    )


def _figure() -> dict:
    return {
        "data": [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}],
        "layout": {"title": {"text": "Chart from JSON"}, "width": 900},
        "config": {"plotlyServerURL": "https://plot.ly"},
    }


def test_tagged_cells_are_removed_from_the_page() -> None:
    nb = nbformat.v4.new_notebook()
    title = nbformat.v4.new_markdown_cell("# Analyst title\nANALYST_NOTE")
    title.metadata["tags"] = ["hide-in-briefing"]
    shown = nbformat.v4.new_code_cell("nb.show_title(ctx)")
    shown.metadata["tags"] = ["hide-in-briefing"]
    shown.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "## SHOWN"})]
    removed = nbformat.v4.new_markdown_cell("REMOVED_CELL")
    removed.metadata["tags"] = ["remove-cell"]
    nb.cells = [title, shown, removed, nbformat.v4.new_markdown_cell("## Kept\nKEPT_TEXT")]
    html = export_html(nb, _page())
    for gone in ("Analyst title", "ANALYST_NOTE", "SHOWN", "REMOVED_CELL"):
        assert gone not in html
    assert "KEPT_TEXT" in html


def test_sections_are_grouped_with_their_first_output() -> None:
    nb = nbformat.v4.new_notebook()
    chart = nbformat.v4.new_code_cell("nb.show_escalation(ctx)")
    table = "<table><tr><td>SHORT_TABLE</td></tr></table>"
    chart.outputs = [
        nbformat.v4.new_output("display_data", data={PLOTLY_MIME: _figure()}),
        nbformat.v4.new_output("display_data", data={"text/html": table}),
    ]
    long_rows = "".join(f"<tr><td>row {i}</td></tr>" for i in range(40))
    events = nbformat.v4.new_code_cell("nb.show_events_table(ctx)")
    events.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": f"<table>{long_rows}</table>"})
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Escalation\n\nESCALATION_INTRO"),
        chart,
        nbformat.v4.new_markdown_cell("## Events\n\nEVENTS_INTRO"),
        events,
    ]
    html = export_html(nb, _page())
    first = html.index('<div class="briefing-keep">')
    assert first < html.index("ESCALATION_INTRO") < html.index('class="plotly-graph-div"')
    # the block closes after the chart: the table under it may flow onto the next page
    block_end = html.index("</div></div>", html.index('class="plotly-graph-div"'))
    assert block_end < html.index("SHORT_TABLE")
    # a long table is not kept in the block, but the block avoids a break before it
    keep_next = html.index('<div class="briefing-keep briefing-keep-next">')
    assert keep_next < html.index("EVENTS_INTRO") < html.index("row 0")
    assert html.count('class="briefing-keep') == 2
    css = (cache.template_dir() / "static" / "briefing.css").read_text()
    assert ".briefing-keep { break-inside: avoid" in css
    assert ".briefing-keep-next { break-after: avoid" in css


def test_plotly_mimetype_charts_get_one_inline_plotly_js() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("fig.show()")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={PLOTLY_MIME: _figure()}),
        nbformat.v4.new_output("display_data", data={PLOTLY_MIME: _figure()}),
    ]
    nb.cells = [cell]
    html = export_html(nb, _page())
    assert html.count("plotly.js v") == 1
    assert html.count('class="plotly-graph-div"') == 2 and "Chart from JSON" in html
    assert html.index("<!-- plotly.js begin -->") < html.index("</head>")
    assert "<script src=" not in html  # no script from the network
    text = nbformat.v4.new_notebook()
    text.cells = [nbformat.v4.new_markdown_cell("## No charts")]
    assert "plotly.js v" not in export_html(text, _page())
