"""Fingerprints of a render's inputs, and the cache key that decides whether to skip a job.

A job is skipped when its key equals the key recorded in the date's manifest and both of
its outputs are still there. The key covers everything that can change a briefing: the
notebook, its parameters (including ``as_of``), the dataset (processed tables, curated
files, codebook), the project's code (``src/helpers/**/*.py``) and the HTML template.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import helpers
from helpers.paths import Project

#: Version of the key's recipe: bump it when the recipe changes.
KEY_VERSION = 1


#: Digests already computed in this process, by path, size and modification time: a run
#: fingerprints the dataset once per job, and a large events table is read once.
_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex."""
    stat = Path(path).stat()
    key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _DIGESTS:
        digest = hashlib.sha256()
        with Path(path).open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[key] = digest.hexdigest()
    return _DIGESTS[key]


def files_digest(files: Iterable[Path], base: Path) -> dict[str, str]:
    """``{posix path relative to base: sha256}`` for each file, sorted by path."""
    out = {p.relative_to(base).as_posix(): file_digest(p) for p in files if p.is_file()}
    return dict(sorted(out.items()))


def combined(digests: dict[str, str]) -> str:
    """One SHA-256 over a mapping of digests (names included, so renames count)."""
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()


def dataset_files(project: Project) -> list[Path]:
    """The files a briefing's data come from: the processed tables the briefings read
    (``events.parquet`` for the events; ``events.csv``, written with it for outside users,
    holds the same rows and is left out), curated files, the codebook."""
    files = [p for p in project.processed.glob("*.csv") if p != project.events_table]
    files += list(project.processed.glob("*.parquet"))
    if project.curated.is_dir():
        files += [p for p in project.curated.rglob("*") if p.is_file()]
    files.append(project.codebook)
    return sorted(p for p in files if p.is_file() and not p.name.startswith("."))


def dataset_fingerprint(project: Project) -> dict[str, Any]:
    """``{"sha256": combined, "files": {path: sha256}}`` of the dataset."""
    digests = files_digest(dataset_files(project), project.root)
    return {"sha256": combined(digests), "files": digests}


@cache
def template_dir() -> Path:
    """The project's nbconvert template folder (``helpers/templates/briefing``)."""
    return Path(helpers.__file__).resolve().parent / "templates" / "briefing"


def code_fingerprint() -> str:
    """One digest over the project's Python code and the briefing template."""
    package = Path(helpers.__file__).resolve().parent
    code = files_digest(sorted(package.rglob("*.py")), package)
    template = files_digest(sorted(template_dir().rglob("*")), package)
    return combined({**code, **template})


def cache_key(notebook: Path, parameters: dict[str, Any], dataset: str, code: str) -> str:
    """The key for one job: changes when the notebook, parameters, data or code change."""
    recipe = {
        "version": KEY_VERSION,
        "notebook": file_digest(notebook),
        "parameters": parameters,
        "dataset": dataset,
        "code": code,
    }
    text = json.dumps(recipe, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
