"""``reports/index.html``: every briefing, grouped by country, then by date (newest first),
with links to both formats.

Built from the published folders' manifests (see :mod:`helpers.rendering.layout`), so it
lists exactly what is published. Every text (countries, titles, descriptions, errors) is
escaped; the page carries its own CSS (no network).

Each country opens with its **series**: for each window, the severity total and the
latest monthly verdict of every briefing date (from the snapshots the manifests keep,
:mod:`helpers.analysis.changes`), drawn as a small inline SVG sparkline (no script) and
listed in a table. Each listed briefing links to its predecessor, the briefing its
"since the last briefing" section compares with (the rule of
:func:`helpers.rendering.manifest.previous_briefing`).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from helpers.analysis.coverage import number_words
from helpers.dates import plain_date
from helpers.rendering.cache import template_dir
from helpers.rendering.layout import country_slug, folder_date, folder_name, published_folders
from helpers.rendering.manifest import entry_series, is_published, read_manifest

INDEX_NAME = "index.html"
#: The heading of briefings whose parameters name no country.
NO_COUNTRY = "Other briefings"
FAILED_NOTE = "The latest attempt to update this briefing failed; this is the previous version."
PARTIAL_NOTE = "HTML only: the PDF could not be printed when this briefing was rendered."
FIRST_NOTE = "The first briefing of its series: nothing earlier to compare with."
#: The index's own styles (the series table and sparkline), after the briefings' CSS.
SERIES_CSS = """
.index-series { margin: 1rem 0 0.6rem; font-family: var(--sans); font-size: 0.92rem; }
.index-series h3 { font-size: 1.05rem; margin: 0.6rem 0 0.3rem; }
.index-series .sparkline { display: block; margin: 0.2rem 0 0.4rem; }
.sparkline polyline { fill: none; stroke: var(--accent); stroke-width: 1.5; }
.sparkline circle { fill: var(--accent); }
.sparkline line { stroke: var(--rule); stroke-width: 1; }
.index-series table { border-collapse: collapse; }
.index-series th, .index-series td { text-align: left; padding: 0.15rem 0.9rem 0.15rem 0;
  border-bottom: 1px solid var(--rule); vertical-align: top; }
.index-series td.points { text-align: right; }
.index-list .previous { display: block; font-family: var(--sans); font-size: 0.85rem;
  color: var(--muted); }
"""


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
    return f'<a href="{_href(reports, folder, name)}">{label}</a>'


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


def _href(reports: Path, folder: Path, name: str) -> str:
    """A file's link relative to ``reports/`` (escaped)."""
    parts = [*folder.relative_to(reports).parts, name]
    return html.escape("/".join(quote(part) for part in parts))


def _previous(reports: Path, listed: Listed, before: Listed | None) -> str:
    """The link to a briefing's predecessor in its series, or that it is the first."""
    if entry_series(listed.entry) is None:
        return ""
    if before is None:
        return f'<span class="previous">{html.escape(FIRST_NOTE)}</span>'
    outputs = before.entry.get("outputs") or {}
    href = _href(reports, before.folder, str(outputs.get("html")))
    words = html.escape(f"as of {plain_date(before.as_of)}")
    return f'<span class="previous">Previous briefing: <a href="{href}">{words}</a></span>'


def _item(reports: Path, listed: Listed, before: Listed | None = None) -> str:
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
        f'<span class="formats">{" ".join(links)}</span>'
        f"{_previous(reports, listed, before)}{_note(listed.entry)}</li>"
    )


def _anchor(country: str) -> str:
    return f"c-{country_slug(country)}" if country else "c-other"


# ------------------------------------------------------------------------------ series


def in_series(reports: Path, listed: Listed) -> bool:
    """Whether a listed briefing is one a later briefing of its series can compare with:
    published, with a window, in its country's folder (where
    :func:`~helpers.rendering.manifest.previous_briefing` looks)."""
    expected = Path(reports) / folder_name(listed.as_of, listed.country or None)
    return (
        entry_series(listed.entry) is not None
        and listed.folder == expected
        and is_published(listed.folder, listed.entry)
    )


def predecessors(reports: Path, briefings: list[Listed]) -> dict[tuple[Path, str], Listed]:
    """``{(folder, name): the briefing before it in its series}``: the latest earlier
    briefing of the same notebook, country and window (the first by job name when a
    date has several), as :func:`~helpers.rendering.manifest.previous_briefing` finds it."""
    series: dict[tuple[str, ...], list[Listed]] = defaultdict(list)
    for listed in briefings:
        if in_series(reports, listed):
            series[entry_series(listed.entry)].append(listed)
    out = {}
    for members in series.values():
        members.sort(key=lambda b: (b.as_of, b.name))
        first_of_date: dict[str, Listed] = {}
        for listed in members:
            first_of_date.setdefault(listed.as_of, listed)
        dates = sorted(first_of_date)
        for listed in members:
            earlier = [d for d in dates if d < listed.as_of]
            if earlier:
                out[(listed.folder, listed.name)] = first_of_date[earlier[-1]]
    return out


@dataclass(frozen=True)
class Point:
    """One briefing date of a series: its severity total and latest monthly verdict."""

    as_of: str
    total: float
    n_acts: int
    verdict: dict[str, str] | None


def series_points(briefings: list[Listed]) -> dict[tuple[str, str], list[Point]]:
    """``{(start_date, end_date): points by date}`` from the snapshots of a country's
    briefings (the first job by name at each date; jobs of one date share a snapshot)."""
    out: dict[tuple[str, str], dict[str, Point]] = defaultdict(dict)
    for listed in sorted(briefings, key=lambda b: (b.as_of, b.name)):
        snap = listed.entry.get("snapshot")
        key = entry_series(listed.entry)
        if key is None or not isinstance(snap, dict) or "severity_total" not in snap:
            continue
        total = snap["severity_total"]
        point = Point(
            listed.as_of,
            float(total.get("total", 0.0)),
            int(total.get("n_acts", 0)),
            snap.get("latest_verdict"),
        )
        out[(key[2], key[3])].setdefault(listed.as_of, point)
    return {window: [p[d] for d in sorted(p)] for window, p in sorted(out.items())}


def sparkline(points: list[Point], width: int = 240, height: int = 44) -> str:
    """An inline SVG line of the severity totals, dates spaced by time (no script).

    >>> svg = sparkline([Point("2017-09-30", 15, 3, None), Point("2017-11-30", 50, 11, None)])
    >>> svg.count("<circle"), "points=" in svg, "15 points" in svg
    (2, True, True)
    """
    pad = 5
    days = [dt.date.fromisoformat(p.as_of).toordinal() for p in points]
    low, high = min(0.0, *(p.total for p in points)), max(0.0, *(p.total for p in points))
    span_x, span_y = (max(days) - min(days)) or 1, (high - low) or 1.0

    def xy(day: int, value: float) -> tuple[float, float]:
        x = width / 2 if len(points) == 1 else pad + (day - min(days)) / span_x * (width - 2 * pad)
        return round(x, 1), round(height - pad - (value - low) / span_y * (height - 2 * pad), 1)

    coords = [xy(d, p.total) for d, p in zip(days, points, strict=True)]
    base = xy(min(days), 0.0)[1]
    label = "; ".join(f"{plain_date(p.as_of)}: {number_words(p.total)} points" for p in points)
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="2.5"><title>{html.escape(plain_date(p.as_of))}: '
        f"{number_words(p.total)} points</title></circle>"
        for (x, y), p in zip(coords, points, strict=True)
    )
    line = " ".join(f"{x},{y}" for x, y in coords)
    return (
        f'<svg class="sparkline" width="{width}" height="{height}" viewBox="0 0 {width} '
        f'{height}" role="img" aria-label="Severity total by briefing date: '
        f'{html.escape(label)}">'
        f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}"></line>'
        f'<polyline points="{line}"></polyline>{dots}</svg>'
    )


def verdict_words(verdict: dict[str, str] | None) -> str:
    """``'October 2017: deteriorated'``, or that no month has a verdict yet.

    >>> verdict_words({"month": "2017-10", "verdict": "deteriorated"}), verdict_words(None)
    ('October 2017: deteriorated', 'no month with a verdict yet')
    """
    if not verdict:
        return "no month with a verdict yet"
    return f"{plain_date(verdict.get('month', ''))}: {verdict.get('verdict', '')}"


def _series_section(country: str, window: tuple[str, str], points: list[Point]) -> str:
    """A window's sparkline and its table: date, severity total, change, latest verdict."""
    rows = []
    for i, point in enumerate(points):
        change = "" if i == 0 else f"{point.total - points[i - 1].total:+g} points"
        acts = f"{point.n_acts} act{'' if point.n_acts == 1 else 's'}"
        date = html.escape(point.as_of)
        rows.append(
            f'<tr><td><a href="#{_anchor(country)}-{date}">'
            f"{html.escape(plain_date(point.as_of))}</a></td>"
            f'<td class="points">{number_words(point.total)} points ({acts})</td>'
            f'<td class="points">{html.escape(change)}</td>'
            f"<td>{html.escape(verdict_words(point.verdict))}</td></tr>"
        )
    heading = f"Window {plain_date(window[0])} to {plain_date(window[1])}"
    return (
        f'<div class="index-series">\n<h3>{html.escape(heading)}: severity total and latest '
        "verdict by briefing date</h3>\n"
        f"{sparkline(points)}\n<table>\n<thead><tr><th>As of</th><th>Severity total</th>"
        "<th>Change</th><th>Latest monthly verdict</th></tr></thead>\n<tbody>\n"
        + "\n".join(reversed(rows))  # newest first, as the lists below
        + "\n</tbody>\n</table>\n</div>"
    )


def _country_section(
    reports: Path,
    country: str,
    briefings: list[Listed],
    before: dict[tuple[Path, str], Listed] | None = None,
) -> str:
    """A country's heading, its series, and its briefings, one list per date, newest date
    first."""
    before = before or {}
    dates = sorted({b.as_of for b in briefings}, reverse=True)
    parts = []
    for date in dates:
        items = [
            _item(reports, b, before.get((b.folder, b.name))) for b in briefings if b.as_of == date
        ]
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
    series = [
        _series_section(country, window, points)
        for window, points in series_points(briefings).items()
        if points
    ]
    name = html.escape(country or NO_COUNTRY)
    return (
        f'<section class="index-country" id="{_anchor(country)}">\n'
        f'<h2 class="index-country-name">{name}</h2>\n'
        + "".join(f"{block}\n" for block in series)
        + "\n".join(parts)
        + "\n</section>"
    )


def _countries_in_order(briefings: list[Listed]) -> list[str]:
    """Countries by name; briefings without a country last."""
    names = {b.country for b in briefings}
    return sorted(names - {""}, key=str.casefold) + ([""] if "" in names else [])


def build_body(reports: Path) -> str:
    """The index's list of briefings (HTML), grouped by country and date."""
    briefings = listed_briefings(reports)
    before = predecessors(reports, briefings)
    sections = []
    for country in _countries_in_order(briefings):
        mine = [b for b in briefings if b.country == country]
        section = _country_section(reports, country, mine, before)
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
{SERIES_CSS}
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
