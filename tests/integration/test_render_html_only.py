"""Issue 9, defect 7: a render without Chromium publishes the HTML briefing, and the index
must call it the current version, HTML only, not "the latest attempt failed; this is the
previous version" (which it said on the first render of a date). Only a later failed
update that keeps this briefing may say that. Real kernels, fixture notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.render_project import AS_OF, make_project, passthrough

from helpers.paths import Project
from helpers.rendering.index import FAILED_NOTE, PARTIAL_NOTE
from helpers.rendering.render import RenderOptions, render

pytestmark = pytest.mark.integration


SUITE = """
defaults: {country: Cambodia}
jobs:
  - notebook: nb/fixture_second.ipynb
    name: second
"""

# The same job name, now from a notebook that raises: an update that fails.
FAILING = """
defaults: {country: Cambodia}
jobs:
  - notebook: nb/fixture_briefing.ipynb
    name: second
    parameters: {fail: true}
"""


def run(project: Project, suite: str) -> list:
    path = project.root / "suite.yaml"
    path.write_text(suite)
    options = RenderOptions(
        project=project,
        suite_path=path,
        as_of=AS_OF,
        validator=passthrough,
        rich=False,
    )
    return render(options).outcomes


def test_html_only_render_is_current_until_an_update_fails(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path)
    monkeypatch.delenv("BRIEFINGS_CHROMIUM", raising=False)
    monkeypatch.setattr("helpers.rendering.pdf.find_chromium", lambda: None)  # no Chromium

    (outcome,) = run(project, SUITE)
    assert outcome.status == "partial"
    folder = project.reports / AS_OF / "cambodia"
    entry = json.loads((folder / "manifest.json").read_text())["jobs"]["second"]
    assert entry["status"] == "partial" and "failed_at" not in entry
    index = (project.reports / "index.html").read_text()
    assert PARTIAL_NOTE in index and FAILED_NOTE not in index
    assert f"{AS_OF}/cambodia/second.html" in index and "second.pdf" not in index

    (outcome,) = run(project, FAILING)
    assert outcome.status == "failed"
    index = (project.reports / "index.html").read_text()
    assert FAILED_NOTE in index and f"{AS_OF}/cambodia/second.html" in index
    assert (folder / "failed" / "second.ipynb").is_file()
