"""Execute every rendered notebook with papermill and check what it shows.

The notebooks run in a temporary project (``BRIEFINGS_ROOT``) holding the synthetic
events of ``analysis_fixtures``, so the expected rows are known. The kernel is
``python3``; jupyter_client starts it with ``sys.executable`` (the venv's python) because
the kernelspec's command is plain ``python``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError
from support.frames import make_project

from helpers.paths import project
from helpers.presenting.charts.style import WIDTH
from helpers.presenting.params import notebook_names

pytestmark = pytest.mark.integration

RENDERED = [n for n in notebook_names() if n != "explore"]
PARAMETER_SETS = {
    "defaults": {},
    "as_of_2017": {"start_date": "2017-01-01", "as_of": "2017-10-31"},
    "empty": {"start_date": "2019-01-01", "end_date": "2019-06-30"},
}
EXPECTED_IDS = {
    "defaults": {
        "KHM-001",
        "KHM-002",
        "KHM-003",
        "KHM-004",
        "KHM-005",
        "KHM-006",
        "KHM-007",
        "KHM-008",
        "KHM-009",
        "KHM-010",
        "KHM-011",
    },
    "as_of_2017": {"KHM-001", "KHM-002", "KHM-011"},
    "empty": set(),
}


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    folder = make_project(tmp_path_factory.mktemp("project"))
    old = os.environ.get("BRIEFINGS_ROOT")
    os.environ["BRIEFINGS_ROOT"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("BRIEFINGS_ROOT", None)
    else:
        os.environ["BRIEFINGS_ROOT"] = old


def execute(root: Path, notebook: str, params: dict, out: str = "") -> nbformat.NotebookNode:
    output = root / f"out-{notebook}-{out or 'x'}.ipynb"
    return papermill.execute_notebook(
        str(root / "notebooks" / f"{notebook}.ipynb"),
        str(output),
        parameters=params,
        kernel_name="python3",
        cwd=str(root),
        progress_bar=False,
    )


_RUNS: dict[tuple[str, str], nbformat.NotebookNode] = {}


def run(root: Path, notebook: str, case: str) -> nbformat.NotebookNode:
    key = (notebook, case)
    if key not in _RUNS:
        _RUNS[key] = execute(root, notebook, PARAMETER_SETS[case], case)
    return _RUNS[key]


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def texts(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [o["data"][mime] for o in outputs(nb) if mime in o.get("data", {})]


@pytest.mark.parametrize("case", list(PARAMETER_SETS))
@pytest.mark.parametrize("notebook", RENDERED)
def test_notebook_executes_and_shows_its_figures(root, notebook, case):
    nb = run(root, notebook, case)
    assert not [o for o in outputs(nb) if o["output_type"] == "stream"], "no print() output"
    assert not [o for o in outputs(nb) if o["output_type"] == "error"]
    markdown = " ".join(texts(nb, "text/markdown"))
    plotly_json = texts(nb, "application/vnd.plotly.v1+json")
    plotly_html = [h for h in texts(nb, "text/html") if "Plotly.newPlot" in h]
    if case == "empty":
        assert "No events in Cambodia between 1 January 2019 and 30 June 2019" in markdown or (
            "no events in this window" in markdown
        )
        assert not plotly_json
    else:
        assert plotly_json and len(plotly_html) == len(plotly_json)
        for fig in plotly_json:
            assert fig["layout"]["width"] == WIDTH


@pytest.mark.parametrize("case", list(PARAMETER_SETS))
def test_briefing_events_table_holds_the_expected_rows(root, case):
    nb = run(root, "01_briefing", case)
    tables = [h for h in texts(nb, "text/html") if "events-table" in h]
    if case == "empty":
        assert not tables
        markdown = " ".join(texts(nb, "text/markdown"))
        assert "No events in Cambodia between 1 January 2019" in markdown
        return
    (table,) = tables
    assert set(re.findall(r"<td>(KHM-\d+)</td>", table)) == EXPECTED_IDS[case]
    assert table.count("<tr>") == len(EXPECTED_IDS[case])  # body rows (the header is styled)


def test_briefing_bottom_line_comes_first_and_uses_as_of(root):
    nb = run(root, "01_briefing", "as_of_2017")
    markdown = [m.replace("\\", "") for m in texts(nb, "text/markdown")]
    assert markdown[0].startswith("## Cambodia: crackdown and international response")
    assert "as of 31 October 2017 · latest source 20 October 2017" in markdown[1]
    assert markdown[2].startswith("**In these sources, 2 crackdown acts in Cambodia")
    assert markdown[3] == "### Key events"
    # Only the arrest known by then is a key event (the threat is below the key rungs).
    assert "3 September 2017: Kem Sokha was arrested on treason charges." in markdown[4]
    page = " ".join(markdown)
    assert "Data cut-off: 20 October 2017" in page


def test_plotly_renderer_embeds_plotly_js_once(root):
    nb = run(root, "01_briefing", "defaults")
    inline = [h for h in texts(nb, "text/html") if "* plotly.js v" in h]
    assert len(inline) == 1  # plotly.js inline once: the page works offline
    assert not [h for h in texts(nb, "text/html") if 'src="https://cdn.plot.ly' in h]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"contry": "X"}, "Unknown parameter 'contry' (given 'X'); did you mean 'country'?"),
        ({"start_date": 2017}, "Parameter 'start_date' was given 2017 (a number); expected text"),
        (
            {"start_date": "2018-01-01", "end_date": "2017-01-01"},
            "Parameter 'end_date' was given '2017-01-01', which is before start_date",
        ),
    ],
)
def test_invalid_parameters_fail_fast_with_a_clear_message(root, params, fragment):
    with pytest.raises(PapermillExecutionError) as exc:
        execute(root, "01_briefing", params, "bad")
    assert exc.value.ename == "ParameterError"
    assert fragment in exc.value.evalue
    assert "nb.start(" in exc.value.source


def real_project(tmp_path: Path) -> Path:
    """A copy of the repository's data/ and notebooks/, ingested and built."""
    import shutil

    from helpers.corpus.ingest import ingest
    from helpers.dataset.build import build_events

    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(repo / "data", tmp_path / "data", ignore=shutil.ignore_patterns("suggested"))
    shutil.copytree(repo / "notebooks", tmp_path / "notebooks")
    proj = project(tmp_path)
    ingest(proj)
    build_events(proj)
    return tmp_path


def test_briefing_runs_on_the_real_dataset(tmp_path, monkeypatch):
    root = real_project(tmp_path)
    monkeypatch.setenv("BRIEFINGS_ROOT", str(root))
    nb = papermill.execute_notebook(
        str(root / "notebooks" / "01_briefing.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"start_date": "2017-01-01", "as_of": "2017-12-31"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(root),
    )
    assert texts(nb, "application/vnd.plotly.v1+json")
    assert [h for h in texts(nb, "text/html") if "events-table" in h]


def test_explore_notebook_runs_its_workbench_and_common_questions(root):
    nb = execute(root, "explore", {"start_date": "2017-01-01"}, "explore")
    assert not [o for o in outputs(nb) if o["output_type"] in ("error", "stream")]
    widgets = [o for o in outputs(nb) if "application/vnd.jupyter.widget-view+json" in o["data"]]
    assert len(widgets) == 1  # the workbench, shown once (its return value is not shown again)
    tables = " ".join(texts(nb, "text/html"))
    assert "<td>2017Q3</td>" in tables and "answers nothing coded" not in tables
    assert "<td>KHM-004</td>" in tables and "<td>20 days</td>" in tables


def test_events_table_names_the_reporting_articles_escaped(root):
    nb = run(root, "01_briefing", "defaults")
    (table,) = [h for h in texts(nb, "text/html") if "events-table" in h]
    assert "Impunity Watch: “Report a1 on &lt;Cambodia&gt; &amp; the crackdown”" in table
    assert "<td>October 2017</td>" in table and "<td>3 September 2017</td>" in table
    assert "<td>2017-10</td>" not in table and "<td>KHM-011</td>" in table


@pytest.mark.parametrize("notebook", notebook_names())
def test_title_cells_are_hidden_in_the_briefing(notebook):
    nb = nbformat.read(project().notebooks / f"{notebook}.ipynb", as_version=4)
    first_markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    (title,) = [c for c in nb.cells if "nb.show_title(ctx)" in c.source]
    for cell in (first_markdown, title):
        assert "hide-in-briefing" in cell.metadata.get("tags", [])
    assert not [c for c in nb.cells if "hide-in-briefing" in c.metadata.get("tags", [])][2:]


def test_the_four_briefings_report_the_same_totals(root):
    """One severity total, one count of acts and one answered share on every page."""
    shared = []
    for notebook in RENDERED:
        nb = run(root, notebook, "defaults")
        text = " ".join(texts(nb, "text/markdown") + texts(nb, "text/html")).replace("\\", "")
        total = re.search(r"Severity total(?::\s*|</t[dh]>\s*<td>)([^.<]+)", text)
        answered = re.search(r"(\d+ of \d+) crackdown acts drew", text) or re.search(
            r"Acts answered</t[dh]>\s*<td>(\d+ of \d+)", text
        )
        assert total and answered, notebook
        shared.append((total.group(1), answered.group(1)))
    assert len(set(shared)) == 1, shared
    assert shared[0][0].startswith("26 points from 6 acts")
