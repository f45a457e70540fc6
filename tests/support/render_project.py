"""A project that renders the fixture notebooks (``tests/fixtures/notebooks``): a built
dataset stub, the notebooks under ``nb/`` and suite files, for tests that run real
kernels and Chromium without the cost of the real notebooks; and the smaller pieces the
render's unit tests lay out (a notebook with a parameters cell, a published folder)."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import nbformat
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.paths import Project
from helpers.rendering import manifest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
AS_OF = "2017-10-31"
FOLDER = f"{AS_OF}/cambodia"  # reports/<date>/<country>/ (helpers.rendering.layout)
EVIL_TITLE = "Crackdown <script>alert(1)</script> briefing"
EVIL_NOTE = '<img src=x onerror="alert(2)">'

SUITE = f"""
project:
  name: Test Briefings
  source: fixture data
defaults:
  country: Cambodia
jobs:
  - notebook: nb/fixture_briefing.ipynb
    parameters:
      title: {json.dumps(EVIL_TITLE)}
      note: {json.dumps(EVIL_NOTE)}
      start: "2016-01-01"
      end: "2018-12-31"
  - notebook: nb/fixture_second.ipynb
    name: second
"""

FAILING_SUITE = """
defaults: {country: Cambodia}
jobs:
  - notebook: nb/fixture_briefing.ipynb
    parameters: {title: "Crackdown briefing", fail: true}
"""


def passthrough(stem: str, params: dict) -> dict:
    """Fixture notebooks are not in helpers.presenting.params: take their parameters as given."""
    return dict(params)


def make_project(root: Path) -> Project:
    """A project folder holding the fixture notebooks, a built dataset and suite files."""
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "codebook.yaml").write_text("version: 1\n")
    events = pa.table({"event_id": ["KHM-001"], "country": ["Cambodia"]})
    pq.write_table(events, Project(root).events_parquet)
    shutil.copytree(FIXTURES, root / "nb")
    (root / "suite.yaml").write_text(SUITE)
    (root / "failing.yaml").write_text(FAILING_SUITE)
    return Project(root)


def write_notebook(path: Path) -> Path:
    """An empty notebook at ``path`` with a parameters cell (``country``)."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('country: str = "Cambodia"')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def publish(reports: Path, folder: str, jobs: dict[str, dict]) -> Path:
    """A published folder ``reports/folder``: its manifest of ``jobs`` and a file per
    output each job names."""
    path = reports / folder
    path.mkdir(parents=True, exist_ok=True)
    for job in jobs.values():
        for name in job.get("outputs", {}).values():
            (path / name).write_text("x")
    manifest.write_manifest(path, {"as_of": folder[:10], "jobs": jobs})
    return path


#: Runs one render with the fixture notebooks' parameters taken as given; used by tests
#: that need a render in a process of its own (to run two at once, or to kill it).
RENDER_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from helpers.paths import Project
    from helpers.rendering.render import RenderOptions, render
    root, suite, as_of, force = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "force"
    only = sys.argv[5:] or None
    options = RenderOptions(project=Project(root), suite_path=root / suite, as_of=as_of,
                            only=only, force=force, validator=lambda s, p: dict(p), rich=False)
    report = render(options)
    print("; ".join(f"{o.name}: {o.status}: {o.message}" for o in report.outcomes), flush=True)
    sys.exit(0 if report.ok else 1)
""")
