"""Where the project's data, notebooks and reports live.

Every command works on a :class:`Project`, a root folder with the standard layout::

    data/raw/<country>/*.txt      immutable article texts
    data/curated/events.csv       hand-coded events (source of truth)
    data/curated/actors.csv       actor registry
    data/curated/outlets.csv      outlet names and their other spellings
    data/curated/acled_links.csv  reviewed decisions: is an ACLED event a curated one?
    data/external/acled/          imported ACLED records (never committed)
    data/codebook.yaml            event types
    data/processed/               tables built by ``briefings ingest``/``build`` (the events
                                  also as events.parquet, which the briefings read)
    data/suggested/               machine suggestions waiting for review
    data/export/                  ``briefings export`` output
    notebooks/                    the parameterized notebooks
    reports/<date>/               rendered briefings

The root is found from ``--root``, the ``BRIEFINGS_ROOT`` environment variable, or by
walking up from the working directory to the folder holding ``data/codebook.yaml``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT_ENV = "BRIEFINGS_ROOT"


@dataclass(frozen=True)
class Project:
    """The folders and files of one project checkout."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def raw(self) -> Path:
        return self.data / "raw"

    @property
    def curated(self) -> Path:
        return self.data / "curated"

    @property
    def processed(self) -> Path:
        return self.data / "processed"

    @property
    def suggested(self) -> Path:
        return self.data / "suggested"

    @property
    def codebook(self) -> Path:
        return self.data / "codebook.yaml"

    @property
    def curated_events(self) -> Path:
        return self.curated / "events.csv"

    @property
    def actors(self) -> Path:
        return self.curated / "actors.csv"

    @property
    def outlets(self) -> Path:
        return self.curated / "outlets.csv"

    @property
    def articles_table(self) -> Path:
        return self.processed / "articles.csv"

    @property
    def references_table(self) -> Path:
        return self.processed / "references.csv"

    @property
    def events_table(self) -> Path:
        return self.processed / "events.csv"

    @property
    def events_parquet(self) -> Path:
        return self.processed / "events.parquet"

    @property
    def acled_links(self) -> Path:
        return self.curated / "acled_links.csv"

    @property
    def acled(self) -> Path:
        return self.data / "external" / "acled"

    @property
    def acled_store(self) -> Path:
        return self.acled / "events.parquet"

    @property
    def acled_store_csv(self) -> Path:
        """Where versions before the Parquet store kept the imported records."""
        return self.acled / "events.csv"

    @property
    def exports(self) -> Path:
        return self.data / "export"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    def raw_files(self) -> list[Path]:
        """Every raw article file, sorted so that ids are assigned in a stable order."""
        return sorted(p for p in self.raw.rglob("*.txt") if p.is_file())


def find_root(start: Path | None = None) -> Path:
    """Return the project root: ``$BRIEFINGS_ROOT`` or the nearest folder with a codebook.

    >>> find_root(Path(__file__)).joinpath("data", "codebook.yaml").exists()
    True
    """
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "codebook.yaml").is_file():
            return folder
    # Fall back to the checkout this package was installed from (editable install).
    pkg_root = Path(__file__).resolve().parents[2]
    if (pkg_root / "data" / "codebook.yaml").is_file():
        return pkg_root
    raise FileNotFoundError(
        f"no project found from {here}: expected a folder holding data/codebook.yaml "
        f"(or set {ROOT_ENV})"
    )


def project(root: Path | str | None = None) -> Project:
    """The :class:`Project` at ``root``, or the one :func:`find_root` finds."""
    return Project(Path(root).resolve() if root else find_root())
