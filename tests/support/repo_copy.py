"""A copy of the repository's project (data, notebooks, suite.yaml) in a temporary folder,
and the ``briefings`` command run in it as a user runs it: for the end-to-end tests (pages
are opened offline with :mod:`support.pages`)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def copy_project(root: Path) -> None:
    """data/ (without data/processed contents and data/suggested), notebooks/, suite.yaml."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        here = Path(folder).resolve()
        if here == (REPO / "data").resolve():
            return [n for n in names if n == "suggested"]
        if here == (REPO / "data" / "processed").resolve():
            return list(names)
        return [n for n in names if n in ("__pycache__", ".ipynb_checkpoints")]

    shutil.copytree(REPO / "data", root / "data", ignore=ignore)
    shutil.copytree(
        REPO / "notebooks",
        root / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
    )
    shutil.copy2(REPO / "suite.yaml", root / "suite.yaml")


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``briefings --root ROOT ARGS`` in a subprocess, as a user runs it from the project."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFINGS_ROOT"}
    return subprocess.run(
        [sys.executable, "-m", "helpers.cli", "--root", str(root), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def append_rows(table: Path, rows: list[dict[str, str]]) -> None:
    """Append rows to a CSV file, in the file's own column order."""
    with table.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    text = table.read_text(encoding="utf-8")
    with table.open("a", encoding="utf-8", newline="") as f:
        if not text.endswith("\n"):
            f.write("\n")
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        for row in rows:
            writer.writerow({col: row.get(col, "") for col in header})


def read_rows(table: Path) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts."""
    with table.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
