"""The seed project (real articles, curated events and codebook) copied to a temporary
folder, and the hand-written ACLED exports in ``tests/fixtures/acled/`` (written from the
column lists of the two export layouts, not taken from ACLED: its terms forbid
redistribution). Builders here make the malformed variants the tests feed the import."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers.paths import Project

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "acled"
#: The current layout: six Cambodian events, CAM9001 being Kem Sokha's arrest.
CURRENT_EXPORT = FIXTURES / "current_cambodia.csv"
#: The older 31-column layout: CAM9001 again (an older timestamp), CAM9101, CAM9102.
OLDER_EXPORT = FIXTURES / "older_cambodia.csv"
#: CAM9004 as ACLED revised it later (a higher timestamp, new notes).
REVISED_EXPORT = FIXTURES / "current_cambodia_revised.csv"


def seed_project(root: Path) -> Project:
    """A copy of the repository's raw articles, curated data and codebook at ``root``."""
    project = Project(root)
    shutil.copytree(REPO / "data" / "raw", project.raw)
    shutil.copytree(REPO / "data" / "curated", project.curated)
    shutil.copy(REPO / "data" / "codebook.yaml", project.codebook)
    return project


def snapshot(project: Project) -> dict[str, bytes]:
    """Every file under ``data/``, by relative path: to show a failed import changed nothing."""
    return {
        p.relative_to(project.root).as_posix(): p.read_bytes()
        for p in sorted(project.data.rglob("*"))
        if p.is_file()
    }


def read_rows(path: Path) -> list[list[str]]:
    """An export's header and rows as lists of cells."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(
    path: Path, rows: list[list[str]], *, delimiter: str = ",", bom: bool = False
) -> Path:
    """Write rows as CSV (``bom``: with the byte-order mark a spreadsheet adds)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def edited(source: Path, target: Path, edit: Callable[[list[list[str]]], None], **options) -> Path:
    """A copy of the export ``source`` at ``target`` with ``edit`` applied to its rows."""
    rows = read_rows(source)
    edit(rows)
    return write_rows(target, rows, **options)


def set_cell(rows: list[list[str]], acled_id: str, column: str, value: str) -> None:
    """Set one cell of the row whose ``event_id_cnty`` is ``acled_id``."""
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("event_id_cnty")] == acled_id:
            row[header.index(column)] = value
            return
    raise KeyError(acled_id)


def events(project: Project) -> pd.DataFrame:
    """``data/processed/events.csv`` as text, indexed by ``event_id``."""
    frame = pd.read_csv(project.events_table, dtype=str, keep_default_na=False)
    return frame.set_index("event_id", drop=False)
