"""A complete small project on which every command can run: the coder's-assistant project
(codebook, actors, two articles, one event), the real notebooks and suite, the data built,
suggestions written, and a previous render's files in ``reports/``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import cli
from helpers.paths import Project
from support.suggest_project import ARTICLE_ID, REPO, make_project

#: The suggestion file the project holds (three suggestions: SUG-1 to SUG-3).
SUGGESTIONS = f"data/suggested/{ARTICLE_ID}.csv"
#: The date of the previous render whose files ``reports/`` holds.
PREVIOUS = "2017-12-31"


def make_complete_project(root: Path) -> Project:
    """Write the project under ``root``, build its data and suggestions, return it."""
    proj = make_project(root)
    shutil.copy(REPO / "suite.yaml", root / "suite.yaml")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    for step in (["data"], ["suggest"]):
        assert cli.main(["--root", str(root), *step]) == 0, step
    folder = proj.reports / PREVIOUS
    folder.mkdir(parents=True)
    (folder / "01_briefing.html").write_text("<!DOCTYPE html><html>earlier</html>\n")
    (folder / "01_briefing.pdf").write_bytes(b"%PDF-1.7 earlier\n%%EOF\n")
    manifest = {"as_of": PREVIOUS, "jobs": {"01_briefing": {"status": "ok"}}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (proj.reports / "index.html").write_text("<!DOCTYPE html><html>index</html>\n")
    return proj
