"""``briefings export [--format F ...] [--output DIR]``: the processed dataset for others.

Formats (all four when none is given), written into ``data/export/`` (or ``--output``):

* ``parquet``: ``events.parquet``, typed as :data:`helpers.dataset.tables.EVENTS` declares;
* ``json``: ``events.json``, one record per event, typed the same way;
* ``acled``: ``events_acled.csv``, the crackdown and domestic events in the columns of
  an ACLED export (:mod:`helpers.export.acled_csv`);
* ``datapackage``: ``datapackage.json`` and beside it the three processed tables
  (``articles.csv``, ``references.csv``, ``events.csv``) it describes.

Every file is written together or not at all. When events come from ACLED, the command
says so: ACLED's terms forbid redistributing its data.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers.acled.store import load_store
from helpers.atomic import write_all
from helpers.dataset.codebook import load_codebook
from helpers.dataset.tables import EVENTS, TABLES
from helpers.errors import BriefingsError, InputError, Problem, relative
from helpers.export import acled_csv, typed
from helpers.export.datapackage import ACLED_TERMS, package_descriptor
from helpers.paths import Project, project

FORMATS = ("parquet", "json", "acled", "datapackage")


def read_table(proj: Project, path: Path, columns: list[str]) -> pd.DataFrame:
    """A processed table as text; a missing table or column is one clear error."""
    label = relative(path, proj.root)
    if not path.is_file():
        raise InputError(Problem(label, "not found; run `briefings data` first to build it"))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            Problem(label, f"missing column(s) {', '.join(missing)}; run `briefings data` again")
        )
    return frame


def export(proj: Project, formats: list[str], out: Path) -> list[str]:
    """Write the ``formats`` into ``out`` together; return the lines to print."""
    events = read_table(proj, proj.events_table, EVENTS.names())
    writers: dict[Path, Callable[[Path], None]] = {}
    lines = []
    if "parquet" in formats:
        writers[out / "events.parquet"] = lambda p: typed.write_parquet(p, EVENTS, events)
    if "json" in formats:
        writers[out / "events.json"] = lambda p: typed.write_json(p, EVENTS, events)
    if "acled" in formats:
        records = load_store(proj)
        frame, left_out = acled_csv.acled_frame(events, records, load_codebook(proj.codebook))
        writers[out / "events_acled.csv"] = lambda p: acled_csv.write_acled_csv(p, frame)
        lines.append(
            f"events_acled.csv: {len(frame)} crackdown and domestic events; {left_out} dated "
            "only to the year or to a range across months left out (ACLED records nothing "
            "vaguer than a month)"
        )
    if "datapackage" in formats:
        for table in TABLES:
            source = proj.root / table.path
            read_table(proj, source, table.names())
            writers[out / f"{table.name}.csv"] = lambda p, s=source: shutil.copyfile(s, p)
        text = json.dumps(package_descriptor(), indent=2, ensure_ascii=False) + "\n"
        writers[out / "datapackage.json"] = lambda p: p.write_text(text, encoding="utf-8")
    write_all(writers)
    label = relative(out, proj.root)
    lines.insert(0, f"wrote {', '.join(p.name for p in writers)} to {label}")
    if events["source_kind"].str.contains("acled").any():
        lines.append(f"note: {ACLED_TERMS}")
    return lines


def _run(args: argparse.Namespace) -> int:
    proj = project(args.root)
    out = Path(args.output).resolve() if args.output else proj.exports
    check_output(proj, out)
    for line in export(proj, args.formats or list(FORMATS), out):
        print(line)
    return 0


def check_output(proj, out: Path) -> None:
    """Refuse an output folder inside ``data/`` other than ``data/export/``: the export must
    never overwrite the raw articles, the hand-coded data or the built tables."""
    data = proj.data.resolve()
    exports = proj.exports.resolve()
    inside = out == data or data in out.parents
    if inside and not (out == exports or exports in out.parents):
        raise BriefingsError(
            f"--output {out} is inside the project's data folder; expected "
            f"{relative(exports, proj.root)}/ (the default) or a folder outside data/, so that "
            "no raw, curated or built table is overwritten"
        )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``export`` to ``briefings``."""
    help_text = "write the processed dataset as Parquet, JSON, ACLED-shaped CSV or a data package"
    sub = subparsers.add_parser("export", help=help_text, description=help_text)
    sub.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=FORMATS,
        help="a format to write (repeat for several; default: all four)",
    )
    sub.add_argument("--output", metavar="DIR", help="folder to write into (default: data/export)")
    sub.set_defaults(func=_run)
