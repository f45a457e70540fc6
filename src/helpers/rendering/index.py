"""``reports/index.html``: every briefing by date (newest first), with links to both formats.

Built from the date folders' manifests, so it lists exactly what is published. Every
text (titles, descriptions, errors) is escaped; the page carries its own CSS (no network).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from helpers.dates import plain_date
from helpers.rendering.cache import template_dir
from helpers.rendering.manifest import read_manifest

INDEX_NAME = "index.html"
DATE_DIR_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date_folders(reports: Path) -> list[Path]:
    """The ``reports/<YYYY-MM-DD>`` folders, newest first."""
    if not reports.is_dir():
        return []
    found = [p for p in reports.iterdir() if p.is_dir() and DATE_DIR_RE.match(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _link(folder: Path, name: str | None, label: str) -> str:
    """A link to a published file, or nothing if it is missing on disk."""
    if not name or not (folder / name).is_file():
        return ""
    href = html.escape(f"{quote(folder.name)}/{quote(name)}")
    return f'<a href="{href}">{label}</a>'


def _entry(folder: Path, name: str, job: dict[str, Any]) -> str:
    """One ``<li>`` for a briefing; empty when none of its files exist."""
    outputs = job.get("outputs") or {}
    links = [
        _link(folder, outputs.get("html"), "Read online (HTML)"),
        _link(folder, outputs.get("pdf"), "Print version (PDF)"),
    ]
    links = [link for link in links if link]
    if not links:
        return ""
    title = html.escape(str(job.get("title") or name))
    scope = html.escape(str(job.get("description") or ""))
    note = ""
    if job.get("error"):
        note = (
            '<span class="note">The latest attempt to update this briefing failed; '
            "this is the previous version.</span>"
        )
    return (
        f'<li><span class="title">{title}</span>'
        f'<span class="scope">{scope}</span>'
        f'<span class="formats">{" ".join(links)}</span>{note}</li>'
    )


def _section(folder: Path) -> str:
    """The list of one date's briefings, or empty if it has none."""
    jobs = read_manifest(folder).get("jobs", {})
    items = [_entry(folder, name, jobs[name]) for name in sorted(jobs)]
    items = [item for item in items if item]
    if not items:
        return ""
    heading = html.escape(f"As of {plain_date(folder.name)}")
    return (
        f'<h2 class="index-date" id="d{folder.name}">{heading}</h2>\n'
        f'<ul class="index-list">\n' + "\n".join(items) + "\n</ul>"
    )


def build_index(reports: Path, project_name: str = "Crackdown Briefings") -> str:
    """The index page's HTML."""
    sections = [s for s in (_section(f) for f in date_folders(reports)) if s]
    body = "\n".join(sections) or "<p>No briefings have been rendered yet.</p>"
    css = (template_dir() / "static" / "briefing.css").read_text(encoding="utf-8")
    name = html.escape(project_name)
    now = dt.datetime.now(dt.UTC)
    updated = f"{plain_date(now.date())}, {now:%H:%M} UTC"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}: all briefings</title>
<style>
{css}
</style>
</head>
<body class="index">
<header class="masthead"><div class="masthead-inner">
<span class="project">{name}</span><span class="edition">All briefings</span>
</div></header>
<main class="page">
<h1 class="briefing-title">Briefings</h1>
<p class="index-intro">Each briefing describes the events as known on its date. The HTML
version has interactive charts and works without an internet connection; the PDF is ready
to print or attach.</p>
{body}
</main>
<footer class="page-footer"><p>{name} &middot; index updated {html.escape(updated)}.</p></footer>
</body>
</html>
"""
