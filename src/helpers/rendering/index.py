"""``reports/index.html``: every briefing, grouped by country, then by date (newest first),
with links to both formats.

Built from the published folders' manifests (see :mod:`helpers.rendering.layout`), so it
lists exactly what is published. Every text (countries, titles, descriptions, errors) is
escaped; the page carries its own CSS (no network).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from helpers.dates import plain_date
from helpers.rendering.cache import template_dir
from helpers.rendering.layout import country_slug, folder_date, published_folders
from helpers.rendering.manifest import read_manifest

INDEX_NAME = "index.html"
#: The heading of briefings whose parameters name no country.
NO_COUNTRY = "Other briefings"
FAILED_NOTE = "The latest attempt to update this briefing failed; this is the previous version."
PARTIAL_NOTE = "HTML only: the PDF could not be printed when this briefing was rendered."


@dataclass(frozen=True)
class Listed:
    """One published briefing as the index lists it."""

    folder: Path
    name: str
    entry: dict[str, Any]
    country: str
    as_of: str


def entry_country(entry: dict[str, Any]) -> str:
    """The country a manifest entry is about (``""`` when its parameters name none).

    >>> entry_country({"country": "Cambodia"}), entry_country({"parameters": {"country": "X"}})
    ('Cambodia', 'X')
    """
    country = entry.get("country") or (entry.get("parameters") or {}).get("country") or ""
    return str(country).strip()


def listed_briefings(reports: Path) -> list[Listed]:
    """Every briefing a manifest under ``reports`` records."""
    found = []
    for folder in published_folders(reports):
        jobs = read_manifest(folder).get("jobs", {})
        for name in sorted(jobs):
            entry = jobs[name] if isinstance(jobs[name], dict) else {}
            found.append(Listed(folder, name, entry, entry_country(entry), folder_date(folder)))
    return found


def _link(reports: Path, folder: Path, name: str | None, label: str) -> str:
    """A link to a published file, or nothing if it is missing on disk."""
    if not name or not (folder / name).is_file():
        return ""
    parts = [*folder.relative_to(reports).parts, name]
    href = html.escape("/".join(quote(part) for part in parts))
    return f'<a href="{href}">{label}</a>'


def _note(entry: dict[str, Any]) -> str:
    """What a reader must know about the version listed: an older briefing kept after a
    failed update, or a render that produced the HTML only."""
    if entry.get("failed_at"):
        text = FAILED_NOTE
    elif entry.get("status") == "partial":
        text = PARTIAL_NOTE
    else:
        return ""
    return f'<span class="note">{html.escape(text)}</span>'


def _item(reports: Path, listed: Listed) -> str:
    """One ``<li>`` for a briefing; empty when none of its files exist."""
    outputs = listed.entry.get("outputs") or {}
    links = [
        _link(reports, listed.folder, outputs.get("html"), "Read online (HTML)"),
        _link(reports, listed.folder, outputs.get("pdf"), "Print version (PDF)"),
    ]
    links = [link for link in links if link]
    if not links:
        return ""
    title = html.escape(str(listed.entry.get("title") or listed.name))
    scope = html.escape(str(listed.entry.get("description") or ""))
    return (
        f'<li><span class="title">{title}</span>'
        f'<span class="scope">{scope}</span>'
        f'<span class="formats">{" ".join(links)}</span>{_note(listed.entry)}</li>'
    )


def _anchor(country: str) -> str:
    return f"c-{country_slug(country)}" if country else "c-other"


def _country_section(reports: Path, country: str, briefings: list[Listed]) -> str:
    """A country's heading and its briefings, one list per date, newest date first."""
    dates = sorted({b.as_of for b in briefings}, reverse=True)
    parts = []
    for date in dates:
        items = [_item(reports, b) for b in briefings if b.as_of == date]
        items = [item for item in items if item]
        if items:
            heading = html.escape(f"As of {plain_date(date)}")
            parts.append(
                f'<h3 class="index-date" id="{_anchor(country)}-{html.escape(date)}">'
                f"{heading}</h3>\n"
                f'<ul class="index-list">\n' + "\n".join(items) + "\n</ul>"
            )
    if not parts:
        return ""
    name = html.escape(country or NO_COUNTRY)
    return (
        f'<section class="index-country" id="{_anchor(country)}">\n'
        f'<h2 class="index-country-name">{name}</h2>\n' + "\n".join(parts) + "\n</section>"
    )


def _countries_in_order(briefings: list[Listed]) -> list[str]:
    """Countries by name; briefings without a country last."""
    names = {b.country for b in briefings}
    return sorted(names - {""}, key=str.casefold) + ([""] if "" in names else [])


def build_body(reports: Path) -> str:
    """The index's list of briefings (HTML), grouped by country and date."""
    briefings = listed_briefings(reports)
    sections = []
    for country in _countries_in_order(briefings):
        section = _country_section(reports, country, [b for b in briefings if b.country == country])
        if section:
            sections.append((country, section))
    if not sections:
        return "<p>No briefings have been rendered yet.</p>"
    nav = ""
    if len(sections) > 1:
        links = " &middot; ".join(
            f'<a href="#{_anchor(c)}">{html.escape(c or NO_COUNTRY)}</a>' for c, _ in sections
        )
        nav = f'<nav class="index-countries">Countries: {links}</nav>\n'
    return nav + "\n".join(section for _, section in sections)


def build_index(reports: Path, project_name: str = "Crackdown Briefings") -> str:
    """The index page's HTML."""
    body = build_body(reports)
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
<p class="index-intro">Briefings are grouped by country. Each describes the events as
known on its date. The HTML version has interactive charts and works without an internet
connection; the PDF is ready to print or attach.</p>
{body}
</main>
<footer class="page-footer"><p>{name} &middot; index updated {html.escape(updated)}.</p></footer>
</body>
</html>
"""
