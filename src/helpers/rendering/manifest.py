"""``reports/<date>/<country>/manifest.json``: what each briefing of a folder was made
from, and how (see :mod:`helpers.rendering.layout` for the folders).

Layout::

    {
      "as_of": "2017-10-31",
      "updated_at": "2026-11-28T14:30:00+00:00",
      "jobs": {
        "01_briefing": {
          "notebook": "notebooks/01_briefing.ipynb", "title": "...", "description": "...",
          "country": "Cambodia",
          "parameters": {...}, "status": "ok" | "failed" | "partial",
          "outputs": {"html": "01_briefing.html", "pdf": "01_briefing.pdf"},
          "cache_key": "...", "dataset": {"sha256": "...", "files": {...}},
          "versions": {...}, "git_commit": "...", "timings": {"execute": 3.1, ...},
          "rendered_at": "...", "error": null | {...},
          "snapshot": {"as_of": "...", "severity_total": {...}, "verdicts": {...}, ...,
                       "file": "01_briefing.snapshot.json.gz", "sha256": "..."}
        }
      }
    }

``snapshot`` is what the briefing used (its events' coded fields, severity total and
monthly verdicts; :mod:`helpers.analysis.changes`). The manifest keeps all of it but the
events, which grow with the window: the whole snapshot is the gzipped JSON ``file``
beside the manifest, ``sha256`` the digest of its content (manifests written before kept
the events too, which is still read). It is kept so that the next briefing of the same
**series** (notebook, country and window) can say what changed since:
:func:`previous_briefing` finds that predecessor, the latest earlier published briefing
of the series.

A failed job that had an earlier briefing keeps that briefing's entry and gains an
``error`` (and ``failed_at``), so the manifest always describes the files on disk.
Updates happen under the reports lock (see :mod:`helpers.rendering.publish`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import platform
import subprocess
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from helpers.rendering.layout import MANIFEST_NAME, date_folders, folder_date, folder_name

#: Distributions whose versions every manifest records.
PACKAGES = (
    "crackdown-briefings",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "nbformat",
    "pandas",
    "plotly",
    "matplotlib",
    "playwright",
)


def now_iso() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@cache
def package_versions() -> dict[str, str]:
    """Versions of Python and the packages that shape a briefing."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git_commit(root: Path) -> str | None:
    """The checked-out commit of ``root`` (with ``+dirty`` if changed), or None."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+dirty" if status else head or None


def write_public(target: Path, text: str) -> None:
    """Write ``text`` atomically, readable by everyone (reports may be served by a web server)."""
    from helpers.atomic import atomic_path

    with atomic_path(Path(target)) as tmp:
        tmp.write_text(text, encoding="utf-8")
        tmp.chmod(0o644)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a published folder, or an empty one when there is none (or it is
    unreadable)."""
    path = Path(folder) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"as_of": folder_date(Path(folder)), "jobs": {}}
    if not isinstance(data, dict) or not isinstance(data.get("jobs", {}), dict):
        return {"as_of": folder_date(Path(folder)), "jobs": {}}
    data.setdefault("jobs", {})
    return data


def write_manifest(folder: Path, data: dict[str, Any]) -> None:
    """Write the manifest atomically (call under the reports lock)."""
    data = {**data, "updated_at": now_iso()}
    text = json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False, default=str) + "\n"
    write_public(Path(folder) / MANIFEST_NAME, text)


def record_success(manifest: dict[str, Any], name: str, entry: dict[str, Any]) -> None:
    """Replace the job's entry by the one of a fresh briefing."""
    manifest["jobs"][name] = {**entry, "error": entry.get("error")}


def record_failure(manifest: dict[str, Any], name: str, entry: dict[str, Any]) -> None:
    """Note a failed render: keep an earlier briefing's entry, add the error to it."""
    previous = manifest["jobs"].get(name)
    if previous and previous.get("outputs", {}).get("html"):
        previous.update(error=entry["error"], failed_at=entry["rendered_at"])
        return
    manifest["jobs"][name] = {**entry, "status": "failed", "outputs": {}}


# ------------------------------------------------------------------------------ series


def series_key(notebook: str, country: str | None, start: str, end: str) -> tuple[str, ...]:
    """What makes briefings one series: the notebook (by stem), country and window.

    >>> series_key("notebooks/01_briefing.ipynb", "Cambodia", "2016-01-01", "2018-12-31")
    ('01_briefing', 'cambodia', '2016-01-01', '2018-12-31')
    """
    return (Path(str(notebook)).stem, (country or "").strip().casefold(), str(start), str(end))


def entry_series(entry: dict[str, Any]) -> tuple[str, ...] | None:
    """The series of a manifest entry (``None`` when it does not say its window).

    >>> entry_series({"notebook": "notebooks/02_escalation.ipynb", "country": "Cambodia",
    ...     "parameters": {"start_date": "2016-01-01", "end_date": "2018-12-31"}})
    ('02_escalation', 'cambodia', '2016-01-01', '2018-12-31')
    """
    params = entry.get("parameters") or {}
    if not entry.get("notebook") or not params.get("start_date") or not params.get("end_date"):
        return None
    country = entry.get("country") or params.get("country")
    return series_key(entry["notebook"], country, params["start_date"], params["end_date"])


def is_published(folder: Path, entry: dict[str, Any]) -> bool:
    """Whether the entry describes a briefing whose HTML is on disk (a job that failed
    before it was ever published has none)."""
    html = (entry.get("outputs") or {}).get("html")
    return bool(html) and (Path(folder) / str(html)).is_file()


@dataclass(frozen=True)
class Previous:
    """The briefing a later one of its series compares itself with."""

    as_of: str
    folder: Path
    name: str
    entry: dict[str, Any]

    @property
    def snapshot(self) -> dict[str, Any] | None:
        """What it used (``None`` for briefings rendered before snapshots were kept, or
        whose snapshot file is gone)."""
        snap = self.entry.get("snapshot")
        if isinstance(snap, dict) and "file" in snap:
            return read_snapshot(self.folder / str(snap["file"]))
        return snap if isinstance(snap, dict) else None

    def digest(self) -> str:
        """A fingerprint of what a later briefing takes from it (its date and snapshot)."""
        snap = self.entry.get("snapshot")
        if isinstance(snap, dict) and "sha256" in snap:
            content: Any = snap["sha256"]
        else:
            content = self.snapshot
        text = json.dumps([self.as_of, content], sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


SNAPSHOT_SUFFIX = "snapshot.json.gz"


def write_snapshot(path: Path, snapshot: dict[str, Any]) -> dict[str, str]:
    """Write a briefing's snapshot as gzipped JSON (reproducible bytes); returns what the
    manifest entry keeps: the file's name and the digest of the snapshot."""
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, default=str)
    with Path(path).open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    return {"file": Path(path).name, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def kept_snapshot(path: Path, snapshot: dict[str, Any], name: str) -> dict[str, Any]:
    """What a manifest entry keeps of a briefing's ``snapshot``: everything but its
    events, the name the file written to ``path`` is published under, and the digest."""
    written = write_snapshot(path, snapshot)
    summary = {k: v for k, v in snapshot.items() if k != "events"}
    return {**summary, "file": name, "sha256": written["sha256"]}


def read_snapshot(path: Path) -> dict[str, Any] | None:
    """A snapshot written by :func:`write_snapshot` (``None`` when missing or unreadable)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            snap = json.load(handle)
    except (OSError, ValueError):
        return None
    return snap if isinstance(snap, dict) else None


def previous_briefing(
    reports: Path, notebook: str, country: str | None, start: str, end: str, as_of: str
) -> Previous | None:
    """The latest published briefing of the series (``notebook``, ``country``, window
    ``start``..``end``) dated before ``as_of``, or ``None`` when this is the first."""
    key = series_key(notebook, country, start, end)
    for date in date_folders(Path(reports)):  # newest first
        if date.name >= str(as_of):
            continue
        folder = Path(reports) / folder_name(date.name, country or None)
        if not (folder / MANIFEST_NAME).is_file():
            continue
        jobs = read_manifest(folder)["jobs"]
        for name in sorted(jobs):
            entry = jobs[name]
            if (
                isinstance(entry, dict)
                and entry_series(entry) == key
                and is_published(folder, entry)
            ):
                return Previous(date.name, folder, name, entry)
    return None
