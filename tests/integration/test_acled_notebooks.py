"""The notebooks run unchanged on the dataset with ACLED imported: ACLED's events are shown
with their provenance, and Kem Sokha's arrest, in both sources, is one row."""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import papermill
import pytest
from support.acled_project import CURRENT_EXPORT, REPO, seed_project

from helpers.acled.command import import_exports
from helpers.presenting.params import notebook_names

pytestmark = pytest.mark.integration

RENDERED = [n for n in notebook_names() if n != "explore"]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    project = seed_project(tmp_path_factory.mktemp("acled-notebooks") / "project")
    shutil.copytree(REPO / "notebooks", project.notebooks)
    import_exports(project, [CURRENT_EXPORT])
    return project.root


def execute(root, notebook: str, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("BRIEFINGS_ROOT", str(root))
    return papermill.execute_notebook(
        str(root / "notebooks" / f"{notebook}.ipynb"),
        str(root / f"out-{notebook}.ipynb"),
        parameters={"end_date": "2018-12-31"},
        kernel_name="python3",
        cwd=str(root),
        progress_bar=False,
    )


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def html(nb: nbformat.NotebookNode) -> list[str]:
    return [o["data"]["text/html"] for o in outputs(nb) if "text/html" in o.get("data", {})]


@pytest.mark.parametrize("notebook", RENDERED)
def test_notebooks_run_on_the_data_with_acled(root, notebook, monkeypatch):
    nb = execute(root, notebook, monkeypatch)
    assert not [o for o in outputs(nb) if o["output_type"] in ("error", "stream")]
    if notebook == "01_briefing":
        (table,) = [h for h in html(nb) if "events-table" in h]
        ids = re.findall(r"<td>((?:KHM|ACLED)-[A-Z0-9]+)</td>", table)
        assert ids.count("KHM-011") == 1
        assert "ACLED-CAM9004" in ids and "ACLED-CAM9001" not in ids
        assert "ACLED CAM9004, reported by Radio Free Asia" in table
        assert "ACLED CAM9001" in table  # the curated arrest names ACLED as a source too
        markdown = " ".join(
            o["data"]["text/markdown"] for o in outputs(nb) if "text/markdown" in o.get("data", {})
        )
        assert (
            "5 events come from ACLED" in markdown and "1 of them the articles report" in markdown
        )
        figures = [
            o["data"]["application/vnd.plotly.v1+json"]
            for o in outputs(nb)
            if "application/vnd.plotly.v1+json" in o.get("data", {})
        ]
        assert figures
        assert all("ACLED events, acleddata.com" in json.dumps(fig) for fig in figures)
