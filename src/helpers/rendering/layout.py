"""Where published briefings live under ``reports/``.

One folder per briefing date, and in it one folder per country, so that briefings of
different countries on the same date never overwrite each other::

    reports/index.html                          every briefing, by country and date
    reports/2018-12-31/cambodia/01_briefing.html
    reports/2018-12-31/cambodia/01_briefing.pdf
    reports/2018-12-31/cambodia/manifest.json   what that folder's briefings were made from
    reports/2018-12-31/cambodia/failed/         executed notebooks of failed jobs
    reports/2018-12-31/south-sudan/...

A briefing whose parameters name no country (a notebook outside the project's suite)
is published in the date folder itself, as briefings were before countries had folders;
the index reads both.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

from helpers.corpus.ids import slugify

DATE_DIR_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The file in each published folder that records its briefings (:mod:`.manifest`).
MANIFEST_NAME = "manifest.json"


def country_slug(country: str) -> str:
    """The folder name of a country's briefings.

    A name with no Latin letters (``Україна``, ``မြန်မာ``) gets ``country-`` and a short
    digest of the name, so two such countries never share a folder.

    >>> country_slug("Cambodia"), country_slug("South Sudan"), country_slug("Côte d’Ivoire")
    ('cambodia', 'south-sudan', 'cote-divoire')
    >>> country_slug("Україна"), country_slug("Україна") != country_slug("မြန်မာ")
    ('country-83b059bf', True)
    """
    slug = slugify(country, max_len=80)
    if slug:
        return slug
    return "country-" + hashlib.sha256(country.encode("utf-8")).hexdigest()[:8]


def folder_name(as_of: str, country: str | None) -> str:
    """The published folder of a briefing, relative to ``reports/`` (POSIX).

    >>> folder_name("2018-12-31", "Cambodia"), folder_name("2018-12-31", None)
    ('2018-12-31/cambodia', '2018-12-31')
    """
    path = PurePosixPath(as_of)
    return str(path / country_slug(country)) if country else str(path)


def index_href(folder: str) -> str:
    """The link from a page in ``folder`` (relative to ``reports/``) back to the index.

    >>> index_href("2018-12-31/cambodia"), index_href("2018-12-31")
    ('../../index.html', '../index.html')
    """
    return "../" * len(PurePosixPath(folder).parts) + "index.html"


def date_folders(reports: Path) -> list[Path]:
    """The ``reports/<YYYY-MM-DD>`` folders, newest first."""
    if not reports.is_dir():
        return []
    found = [p for p in reports.iterdir() if p.is_dir() and DATE_DIR_RE.match(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def published_folders(reports: Path) -> list[Path]:
    """Every folder holding a manifest: each date folder (newest first), then its country
    folders in name order."""
    found = []
    for date in date_folders(reports):
        candidates = [date, *sorted(p for p in date.iterdir() if p.is_dir())]
        found += [p for p in candidates if (p / MANIFEST_NAME).is_file()]
    return found


def folder_date(folder: Path) -> str:
    """The briefing date a published folder belongs to (its own name or its parent's).

    >>> folder_date(Path("reports/2018-12-31/cambodia")), folder_date(Path("r/2018-12-31"))
    ('2018-12-31', '2018-12-31')
    """
    folder = Path(folder)
    for name in (folder.name, folder.parent.name):
        if DATE_DIR_RE.match(name):
            return name
    return folder.name
