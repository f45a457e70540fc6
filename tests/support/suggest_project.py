"""A small project for the coder's-assistant tests: codebook, actors, one article, one event."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.paths import Project, project

REPO = Path(__file__).resolve().parents[2]

ARTICLE = "\n".join(
    [
        "Opposition Leader Arrested in Cambodia",
        "",
        "By: Test Reporter",
        "Impunity Watch Reporter, Asia",
        "",
        "PHNOM PENH, Cambodia – On Sunday, September 3rd, opposition leader Ken Sokha was "
        "arrested for treason. The Supreme Court dissolved the CNRP in August of 2017.",
        "",
        "Human Rights Watch has recently stated that the charges are political. "
        "Kem Sokha was arrested outside his house.",
        "",
        "For more information, please see:",
        "",
        "Reuters – Cambodia arrests opposition leader – 6 September 2017",
        "",
    ]
)

ACTORS = """\
actor,kind,country,aliases,description
Kem Sokha,person,Cambodia,Ken Sokha;Sokha,Opposition leader.
Royal Government of Cambodia,government,Cambodia,Cambodian government,The government.
Supreme Court of Cambodia,court,Cambodia,Supreme Court,The court.
Cambodia National Rescue Party,party,Cambodia,CNRP,Opposition party.
Human Rights Watch,ngo,United States,HRW,NGO.
"""

HEADER = (
    "event_id,date,date_precision,category,event_type,actor,target,summary,article_ids,"
    "evidence,responds_to,notes\n"
)
EVENT = (
    "KHM-001,2017-09,month,crackdown,arrest,Royal Government of Cambodia,Kem Sokha,"
    "Kem Sokha was arrested.,another-article-about-the-arrest,Kem Sokha was arrested.,,\n"
)
OTHER = """\
Another Article About the Arrest

By: Test Reporter
Impunity Watch Reporter, Asia

PHNOM PENH, Cambodia – Kem Sokha was arrested.

For more information, please see:

Reuters – Arrest – 5 September 2017
"""

ARTICLE_ID = "opposition-leader-arrested-in-cambodia"


def make_project(root: Path, events: str = HEADER + EVENT) -> Project:
    """Write the small project under ``root`` and return it."""
    (root / "data/raw/cambodia").mkdir(parents=True)
    (root / "data/curated").mkdir(parents=True)
    shutil.copy(REPO / "data/codebook.yaml", root / "data/codebook.yaml")
    (root / "data/raw/cambodia/001.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "data/raw/cambodia/000.txt").write_text(OTHER, encoding="utf-8")
    (root / "data/curated/actors.csv").write_text(ACTORS, encoding="utf-8")
    (root / "data/curated/events.csv").write_text(events, encoding="utf-8")
    return project(root)
