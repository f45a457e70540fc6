"""Atomic publishing into ``reports/<date>/`` and the lock shared by concurrent renders.

Work happens in a staging folder inside ``reports/`` (same file system, so moves are
atomic). A job's files are moved into place with :func:`os.replace` only after all of them
exist; the manifest and the index are rewritten under a file lock, so two renders at once
leave both consistent. A failed job publishes nothing: the previous briefing stays, and
the executed notebook goes to ``reports/<date>/failed/<name>.ipynb`` for diagnosis.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock

from helpers.atomic import process_alive, remove_stale_temporaries
from helpers.errors import FileSystemError
from helpers.rendering import manifest as mf
from helpers.rendering.index import INDEX_NAME, build_index

LOCK_NAME = ".render.lock"
FAILED_DIR = "failed"


_STAGING = re.compile(r"^\.tmp-(?P<pid>\d+)-")


def remove_stale_staging(reports: Path) -> list[Path]:
    """Remove what killed renders left in ``reports/``: staging folders and temporary files
    whose process is gone (a render still running keeps its own). Returns what was removed.
    """
    if not reports.is_dir():
        return []
    removed = []
    for folder in reports.glob(".tmp-*"):
        match = _STAGING.match(folder.name)
        if match and folder.is_dir() and not process_alive(int(match["pid"])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed + remove_stale_temporaries(reports)


@contextlib.contextmanager
def staging_dir(reports: Path, as_of: str) -> Iterator[Path]:
    """A fresh ``reports/.tmp-<pid>-<date>/`` folder, removed afterwards; first removes the
    staging folders of renders that were killed."""
    folder = reports / f".tmp-{os.getpid()}-{as_of}"
    try:
        reports.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(reports)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    except OSError as exc:
        raise FileSystemError(reports, exc, "nothing was rendered") from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def reports_lock(reports: Path) -> FileLock:
    """The lock around manifest and index updates (``reports/.render.lock``)."""
    reports.mkdir(parents=True, exist_ok=True)
    return FileLock(str(reports / LOCK_NAME), timeout=300)


def _refresh_index(reports: Path, project_name: str) -> None:
    """Rewrite the index from the manifests (call under the lock)."""
    mf.write_public(reports / INDEX_NAME, build_index(reports, project_name))


def refresh_index(reports: Path, project_name: str) -> None:
    """Rewrite the index under the lock (e.g. at the end of a run where all jobs were skipped)."""
    with reports_lock(reports):
        _refresh_index(reports, project_name)


def publish_success(
    reports: Path, published: str, files: dict[str, Path], entry: dict[str, Any], project_name: str
) -> None:
    """Move a finished job's files into ``reports/<published>/`` (``2017-10-31/cambodia``,
    see :mod:`helpers.rendering.layout`) and record it.

    ``files`` maps the published name (``01_briefing.html``) to the staged file; every
    staged file must exist before anything moves.
    """
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"staged outputs missing: {', '.join(missing)}")
    folder = reports / published
    folder.mkdir(parents=True, exist_ok=True)
    name = entry["name"]
    with reports_lock(reports):
        for published, staged in files.items():
            os.replace(staged, folder / published)
        if "pdf" not in entry["outputs"]:
            (folder / f"{name}.pdf").unlink(missing_ok=True)  # an older PDF no longer matches
        (folder / FAILED_DIR / f"{name}.ipynb").unlink(missing_ok=True)
        data = mf.read_manifest(folder)
        mf.record_success(data, name, entry)
        mf.write_manifest(folder, data)
        _refresh_index(reports, project_name)


def publish_failure(
    reports: Path, published: str, executed: Path | None, entry: dict[str, Any], project_name: str
) -> Path | None:
    """Keep the executed notebook under ``reports/<published>/failed/`` and note the error;
    returns its path.

    A notebook that was not written whole (a full disk) is not kept: an empty or truncated
    file would only hide the error.
    """
    folder = reports / published
    kept = None
    with reports_lock(reports):
        if executed is not None and is_whole_notebook(executed):
            kept = folder / FAILED_DIR / f"{entry['name']}.ipynb"
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.replace(executed, kept)
        data = mf.read_manifest(folder)
        mf.record_failure(data, entry["name"], entry)
        mf.write_manifest(folder, data)
        _refresh_index(reports, project_name)
    return kept


def is_whole_notebook(path: Path) -> bool:
    """Whether ``path`` holds a complete notebook (JSON with its cells), not a cut-off file."""
    try:
        return "cells" in json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return False


def clear_error(reports: Path, published: str, name: str, project_name: str) -> None:
    """After a skipped (unchanged) job, drop a stale error note from its entry in
    ``reports/<published>/``."""
    folder = reports / published
    with reports_lock(reports):
        data = mf.read_manifest(folder)
        job = data["jobs"].get(name)
        if job and job.get("error"):
            job.pop("failed_at", None)
            job["error"] = None
            mf.write_manifest(folder, data)
            _refresh_index(reports, project_name)
