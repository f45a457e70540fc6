"""``briefings import-acled PATH [PATH ...]``: bring ACLED exports into the dataset.

Every file is read and checked first; any problem in any file stops the import with one
message naming file, line and column, and nothing changes. Then the records are merged
into the store (:mod:`helpers.acled.store`) and the dataset is rebuilt (``ingest``,
``validate``, ``build``); the store and the processed tables are replaced together or not
at all. The report accounts for every row: read per file and country, merged (new,
updated, unchanged, kept), mapped (ACLED type to codebook type, by which rule) and linked
(to a curated event, a row of its own, or held for review).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from helpers import columnar
from helpers.acled.events import LinkReport
from helpers.acled.mapping import MAPPED_FIELDS, mapping_lines
from helpers.acled.reader import ExportFile, read_export
from helpers.acled.store import MergeResult, merge_store
from helpers.atomic import all_or_nothing, data_lock
from helpers.dataset.actors import ActorRegistry
from helpers.dataset.codebook import load_codebook
from helpers.errors import InputError, Problem, relative
from helpers.paths import Project, project


@dataclass
class ImportResult:
    """What one import read, merged, mapped and linked, and the build's report."""

    exports: list[ExportFile]
    merged: MergeResult
    mapping: list[str]
    links: LinkReport = field(default_factory=LinkReport)
    build_lines: list[str] = field(default_factory=list)

    def report(self, store_label: str) -> list[str]:
        """The lines printed after an import (see the module doc)."""
        lines = []
        for export in self.exports:
            countries = ", ".join(f"{c} {n}" for c, n in sorted(export.by_country.items()))
            n = export.n_rows
            lines.append(
                f"read {export.label} ({export.vintage.label}): {n} row{'s' if n != 1 else ''}"
                + (f" ({countries})" if countries else "")
            )
            if export.ignored_columns:
                lines.append(f"  columns not used: {', '.join(export.ignored_columns)}")
            if export.absent_columns:
                lines.append(
                    f"  columns absent from this file, kept empty: "
                    f"{', '.join(export.absent_columns)}"
                )
        counts = self.merged.counts()
        lines.append(
            f"{store_label}: {counts['new']} new, {counts['updated']} updated (newer "
            f"timestamp), {counts['unchanged']} unchanged (same timestamp), {counts['kept']} "
            f"kept (the stored record is newer); {self.merged.n_stored} ACLED events stored"
        )
        if self.mapping:
            lines.append("ACLED types in these exports, mapped to the codebook:")
            lines += [f"  {line}" for line in self.mapping]
        lines += self.build_lines
        outcomes = self.links.counts
        if sum(outcomes.values()):
            lines.append(
                f"in the events table: {outcomes['linked']} linked to curated events, "
                f"{outcomes['new']} events of their own, {outcomes['review']} held for review"
            )
            # Records held for review are listed by the build's warnings, above.
            lines += [f"  {m.describe()}" for m in self.links.of("linked")]
        return lines


def import_exports(proj: Project, paths: list[Path]) -> ImportResult:
    """Read, merge and rebuild (see the module doc); raise :class:`InputError` on any
    problem, changing nothing."""
    codebook = load_codebook(proj.codebook)
    if codebook.acled is None:
        raise InputError(
            Problem(relative(proj.codebook, proj.root), "has no 'acled' section to map ACLED types")
        )
    # Scratch files live beside the data (same file system: the new store is moved, not
    # copied, into place) and go whatever happens; one import or build at a time.
    with (
        data_lock(proj.data, "the import"),
        tempfile.TemporaryDirectory(prefix=".import-", dir=proj.data) as folder,
    ):
        scratch = Path(folder)
        exports, problems = [], []
        for number, path in enumerate(paths):
            target = scratch / f"export-{number}.parquet"
            try:
                exports.append(read_export(path, relative(path), codebook.acled, target))
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems, "nothing was imported and nothing changed:")
        registry = ActorRegistry.load(proj.actors) if proj.actors.is_file() else ActorRegistry()
        parts = [e.records for e in exports]
        targets = [
            proj.acled_store,
            proj.acled_store_csv,
            proj.articles_table,
            proj.references_table,
            proj.events_table,
            proj.events_parquet,
        ]
        with columnar.connect() as con:
            groups = _mapping_groups(con, parts)
            merged_path = scratch / "store.parquet"
            merged = merge_store(con, proj, parts, merged_path)
        result = ImportResult(exports, merged, mapping_lines(groups, codebook, registry))
        with all_or_nothing(targets):
            # An unchanged store is left as it is (byte for byte); a CSV store of an
            # earlier version is replaced by the Parquet one.
            if merged.changed or not proj.acled_store.is_file():
                proj.acled.mkdir(parents=True, exist_ok=True)
                os.replace(merged_path, proj.acled_store)
            proj.acled_store_csv.unlink(missing_ok=True)
            result.build_lines, result.links = _rebuild(proj)
    return result


def _mapping_groups(con, parts: list[Path]) -> list[tuple[dict[str, str], int]]:
    """Each combination of the cells the mapping reads, with how many records have it."""
    if not parts:
        return []
    fields = ", ".join(f'"{name}"' for name in MAPPED_FIELDS)
    rows = con.sql(
        f"SELECT {fields}, count(*) FROM {columnar.parquet_source(parts)} GROUP BY ALL"
    ).fetchall()
    return [(dict(zip(MAPPED_FIELDS, row[:-1], strict=True)), row[-1]) for row in rows]


def _rebuild(proj: Project) -> tuple[list[str], LinkReport]:
    """``ingest``, ``validate`` and ``build``, as ``briefings data`` runs them; their lines
    and what the build made of the ACLED records."""
    from helpers.corpus.ingest import ingest
    from helpers.dataset.build import build_events

    lines = [ingest(proj).summary()]
    built = build_events(proj)
    lines += [f"warning: {w}" for w in built.warnings]
    return [*lines, built.summary()], built.links


def _run(args: argparse.Namespace) -> int:
    proj = project(args.root)
    result = import_exports(proj, [Path(p) for p in args.paths])
    for line in result.report(relative(proj.acled_store, proj.root)):
        print(line)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import-acled`` to ``briefings``."""
    help_text = "import ACLED CSV exports (either layout) and rebuild the events table"
    sub = subparsers.add_parser("import-acled", help=help_text, description=help_text)
    sub.add_argument("paths", nargs="+", metavar="PATH", help="ACLED export(s), as downloaded")
    sub.set_defaults(func=_run)
