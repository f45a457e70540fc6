"""Where the project's data, notebooks and reports live.

Every command works on a :class:`Project`, a root folder with the standard layout::

    data/raw/<country>/*.txt      immutable article texts (.txt in any case)
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
walking up from the working directory to the folder holding ``data/codebook.yaml``. A
root given by ``--root`` or ``BRIEFINGS_ROOT`` must be an existing folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import BriefingsError

ROOT_ENV = "BRIEFINGS_ROOT"
#: What an article file's name ends with (in any case: ``.TXT`` too).
ARTICLE_SUFFIX = ".txt"


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
        """Every raw article file (``.txt``, in any case), sorted so that ids are assigned
        in a stable order."""
        return sorted(p for p in self._raw_entries() if p.suffix.lower() == ARTICLE_SUFFIX)

    def other_raw_files(self) -> list[Path]:
        """Files in ``data/raw/`` that are not article files (hidden files aside)."""
        return sorted(p for p in self._raw_entries() if p.suffix.lower() != ARTICLE_SUFFIX)

    def _raw_entries(self) -> list[Path]:
        if not self.raw.is_dir():
            return []
        hidden = re.compile(r"(?:^|/)\.")
        return [
            p
            for p in self.raw.rglob("*")
            if p.is_file() and not hidden.search(p.relative_to(self.raw).as_posix())
        ]


class ProjectNotFound(BriefingsError, FileNotFoundError):
    """No project folder where the command line or the environment points."""


def existing_root(folder: Path | str, named_by: str) -> Path:
    """``folder`` resolved, if it is a folder; else :class:`ProjectNotFound` saying who
    named it (``--root``, ``$BRIEFINGS_ROOT``).

    >>> existing_root("/no/such/folder", "--root")
    Traceback (most recent call last):
    helpers.paths.ProjectNotFound: --root is /no/such/folder, which is not a folder; ...
    """
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise ProjectNotFound(
            f"{named_by} is {folder}, which is not a folder; expected the project folder "
            "(the one holding data/codebook.yaml)"
        )
    return path.resolve()


def find_root(start: Path | None = None) -> Path:
    """Return the project root: ``$BRIEFINGS_ROOT`` or the nearest folder with a codebook.

    >>> find_root(Path(__file__)).joinpath("data", "codebook.yaml").exists()
    True
    """
    env = os.environ.get(ROOT_ENV)
    if env:
        return existing_root(env, f"${ROOT_ENV}")
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "codebook.yaml").is_file():
            return folder
    # Fall back to the checkout this package was installed from (editable install).
    pkg_root = Path(__file__).resolve().parents[2]
    if (pkg_root / "data" / "codebook.yaml").is_file():
        return pkg_root
    raise ProjectNotFound(
        f"no project found from {here}: expected a folder holding data/codebook.yaml "
        f"(or set {ROOT_ENV})"
    )


def project(root: Path | str | None = None) -> Project:
    """The :class:`Project` at ``root`` (which must exist), or the one :func:`find_root`
    finds."""
    return Project(existing_root(root, "--root") if root else find_root())
