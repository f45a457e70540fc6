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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from helpers.acled.events import Linked, link_records
from helpers.acled.mapping import mapping_lines
from helpers.acled.reader import ExportFile, read_export
from helpers.acled.store import MergeResult, load_store, merge_records, write_store
from helpers.atomic import all_or_nothing
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
    links: list[Linked] = field(default_factory=list)
    build_lines: list[str] = field(default_factory=list)

    def report(self, store_label: str) -> list[str]:
        """The lines printed after an import (see the module doc)."""
        lines = []
        for export in self.exports:
            by_country = Counter(r["country"] for r in export.records)
            countries = ", ".join(f"{c} {n}" for c, n in sorted(by_country.items()))
            n = len(export.records)
            lines.append(
                f"read {export.label} ({export.vintage.label}): {n} row{'s' if n != 1 else ''}"
                + (f" ({countries})" if countries else "")
            )
            if export.ignored_columns:
                lines.append(f"  columns not used: {', '.join(export.ignored_columns)}")
        counts = self.merged.counts()
        lines.append(
            f"{store_label}: {counts['new']} new, {counts['updated']} updated (newer "
            f"timestamp), {counts['unchanged']} unchanged (same timestamp), {counts['kept']} "
            f"kept (the stored record is newer); {len(self.merged.records)} ACLED events stored"
        )
        if self.mapping:
            lines.append("ACLED types in these exports, mapped to the codebook:")
            lines += [f"  {line}" for line in self.mapping]
        lines += self.build_lines
        outcomes = Counter(x.match.outcome for x in self.links)
        if self.links:
            lines.append(
                f"in the events table: {outcomes['linked']} linked to curated events, "
                f"{outcomes['new']} events of their own, {outcomes['review']} held for review"
            )
            # Records held for review are listed by the build's warnings, above.
            lines += [f"  {x.match.describe()}" for x in self.links if x.match.outcome == "linked"]
        return lines


def import_exports(proj: Project, paths: list[Path]) -> ImportResult:
    """Read, merge and rebuild (see the module doc); raise :class:`InputError` on any
    problem, changing nothing."""
    codebook = load_codebook(proj.codebook)
    if codebook.acled is None:
        raise InputError(
            Problem(relative(proj.codebook, proj.root), "has no 'acled' section to map ACLED types")
        )
    exports, problems = [], []
    for path in paths:
        try:
            exports.append(read_export(path, relative(path), codebook.acled))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems, "nothing was imported and nothing changed:")
    store_label = relative(proj.acled_store, proj.root)
    merged = merge_records(
        load_store(proj.acled_store, store_label), (r for e in exports for r in e.records)
    )
    registry = ActorRegistry.load(proj.actors) if proj.actors.is_file() else ActorRegistry()
    incoming = [r for e in exports for r in e.records]
    result = ImportResult(exports, merged, mapping_lines(incoming, codebook, registry))
    targets = [proj.acled_store, proj.articles_table, proj.references_table, proj.events_table]
    with all_or_nothing(targets):
        write_store(proj.acled_store, merged.records)
        result.build_lines = _rebuild(proj)
    built = _curated_rows(proj)
    result.links, _ = link_records(proj, built, registry, codebook)
    return result


def _rebuild(proj: Project) -> list[str]:
    """``ingest``, ``validate`` and ``build``, as ``briefings data`` runs them; their lines."""
    from helpers.corpus.ingest import ingest
    from helpers.dataset.build import build_events

    lines = [ingest(proj).summary()]
    built = build_events(proj)
    lines += [f"warning: {w}" for w in built.warnings]
    return [*lines, built.summary()]


def _curated_rows(proj: Project):  # -> pandas.DataFrame
    """The curated rows of the built events table, as the build's link rule saw them."""
    import pandas as pd

    table = pd.read_csv(proj.events_table, dtype=str, keep_default_na=False)
    return table[table["source_kind"] != "acled"]


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
