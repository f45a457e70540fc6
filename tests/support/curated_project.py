"""A tiny curated project (the real codebook, two articles, five actors, five events)
written to a temporary folder, for tests that break one thing at a time."""

from __future__ import annotations

import copy
import csv
import shutil
from pathlib import Path

from helpers.paths import Project

REPO = Path(__file__).resolve().parents[2]
EVENTS = "data/curated/events.csv"
ACTORS = "data/curated/actors.csv"

A1 = "shut-down-cchr"
A2 = "boycott-call"

ARTICLES = [
    {
        "article_id": A1,
        "source_file": "data/raw/cambodia/000.txt",
        "start_line": "1",
        "title": "Cambodia to Shut Down Cambodian Center for Human Rights",
        "author": "Katherine Hewitt",
        "reporter_line": "Impunity Watch Reporter, Asia",
        "dateline_place": "Phnom Penh",
        "country": "Cambodia",
        "published_date": "2017-11-28",
        "published_date_basis": "day after the latest reference",
        "body": (
            "The Cambodian Center for Human Rights (CCHR) is a leading human rights "
            "organization in Cambodia. It was created in 2002 by Kem Sokha to promote "
            "International Human Rights Law.\n\n"
            "On 26 November 2017, Prime Minister Hun Sen called for the Center for Human "
            "Rights to be closed down.\n\n"
            "The Director put out an official statement that read: “CCHR calls upon the "
            "Royal Government of Cambodia to enter into a meaningful dialogue.”"
        ),
        "captions": "Prime Minister Hun Sen. Photo Courtesy of Samrang Pring.",
        "n_references": "2",
    },
    {
        "article_id": A2,
        "source_file": "data/raw/cambodia/001.txt",
        "start_line": "1",
        "title": "Former Opposition Party Leader Calls for Election Boycotts in Cambodia",
        "author": "Katherine Hewitt",
        "reporter_line": "Impunity Watch Reporter, Asia",
        "dateline_place": "Phnom Penh",
        "country": "Cambodia",
        "published_date": "2018-04-09",
        "published_date_basis": "day after the latest reference",
        "body": (
            "Now, the former leader of the CNRP is asking people to boycott the upcoming "
            "elections.\n\nSam Rainsy, the former CNRP leader, recently tweeted, “I call on "
            "all my Cambodian fellow compatriots who believe in democracy to boycott the  "
            "July 29, 2018 elections if the CNRP is not allowed to participate.”"
        ),
        "captions": "Former CNRP leader, Sam Rainsy (front left) with Kem Sokha.",
        "n_references": "3",
    },
]

REFERENCES = [
    [A1, "1", "Human Rights Watch", "Hun Sen Seeks to Shut Major Rights Group", "2017-11-27"],
    [A1, "2", "Voice of America", "Cambodian Rights Group Next in Long Line", "2017-11-27"],
    [A2, "1", "Reuters", "Former opposition leader calls for boycott", "2018-04-08"],
    [A2, "2", "Voice of America", "Former Opposition Leader Calls for Boycott", "2018-04-08"],
    [A2, "3", "United Nations", "Paris Peace Agreements", "1991-10-23", "true"],
]

ACTOR_ROWS = [
    ["Hun Sen", "person", "Cambodia", "Prime Minister Hun Sen;Sen", "Prime minister"],
    ["Cambodian Center for Human Rights", "ngo", "Cambodia", "CCHR;Center for Human Rights", ""],
    ["Sam Rainsy", "person", "Cambodia", "Rainsy", "Former CNRP leader"],
    ["Cambodia National Rescue Party", "party", "Cambodia", "CNRP", "Main opposition party"],
    ["Government of Cambodia", "government", "Cambodia", "Royal Government of Cambodia", ""],
]

# Lines: KHM-001 is line 2, KHM-002 line 3, ... KHM-005 line 6.
EVENT_ROWS = [
    {
        "event_id": "KHM-001",
        "date": "2017-11-26",
        "date_precision": "day",
        "category": "crackdown",
        "event_type": "civil_society_restriction",
        "actor": "Hun Sen",
        "target": "Cambodian Center for Human Rights",
        "summary": "Hun Sen calls for CCHR to be closed.",
        "article_ids": A1,
        "evidence": "called for the Center for Human Rights to be closed down",
        "responds_to": "",
        "notes": "",
    },
    {
        "event_id": "KHM-002",
        "date": "2017-11",
        "date_precision": "month",
        "category": "domestic_response",
        "event_type": "domestic_statement",
        "actor": "Cambodian Center for Human Rights",
        "target": "Government of Cambodia",
        "summary": "CCHR calls for dialogue.",
        "article_ids": A1,
        # Straight quotes and a double space: matches the article's text after folding.
        "evidence": 'statement that read: "CCHR calls upon the  Royal Government of Cambodia',
        "responds_to": "KHM-001",
        "notes": "",
    },
    {
        "event_id": "KHM-003",
        "date": "2018-04",
        "date_precision": "month",
        "category": "domestic_response",
        "event_type": "boycott_call",
        "actor": "Sam Rainsy",
        "target": "",
        "summary": "Sam Rainsy calls for an election boycott.",
        "article_ids": f"{A2};{A1}",
        "evidence": "to boycott the July 29, 2018 elections",
        "responds_to": "KHM-001",
        "notes": "",
    },
    {
        "event_id": "KHM-004",
        "date": "2018-07-29",
        "date_precision": "day",
        "category": "context",
        "event_type": "election",
        "actor": "Government of Cambodia",
        "target": "",
        "summary": "General election scheduled.",
        "article_ids": A2,
        "evidence": "July 29, 2018 elections",
        "responds_to": "",
        "notes": "scheduled; date as announced",
    },
    {
        "event_id": "KHM-005",
        "date": "2002",
        "date_precision": "year",
        "category": "context",
        "event_type": "background",
        "actor": "Cambodian Center for Human Rights",
        "target": "",
        "summary": "CCHR founded.",
        "article_ids": A1,
        "evidence": "It was created in 2002 by Kem Sokha",
        "responds_to": "",
        "notes": "",
    },
]

ACTOR_HEADER = ["actor", "kind", "country", "aliases", "description"]
REFERENCE_HEADER = [
    "article_id",
    "ref_index",
    "outlet",
    "headline",
    "date",
    "date_text",
    "old_document",
    "line",
]


# ------------------------------------------------------------------------ builders


def write_rows(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    """Write dict rows as CSV (header from the first row unless given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = header or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def event_rows(**edits: dict[str, str]) -> list[dict[str, str]]:
    """The valid events, with ``edits`` applied: ``event_rows(KHM_001={"date": "x"})``."""
    rows = copy.deepcopy(EVENT_ROWS)
    by_id = {row["event_id"]: row for row in rows}
    for key, changes in edits.items():
        by_id[key.replace("_", "-")].update(changes)
    return rows


def actor_rows(*extra: list[str]) -> list[dict[str, str]]:
    """The valid actors plus ``extra`` rows (lists in header order)."""
    return [dict(zip(ACTOR_HEADER, row, strict=True)) for row in [*ACTOR_ROWS, *extra]]


def reference_rows() -> list[dict[str, str]]:
    rows = []
    for ref in REFERENCES:
        article_id, index, outlet, headline, date, *old = ref
        rows.append(
            {
                "article_id": article_id,
                "ref_index": index,
                "outlet": outlet,
                "headline": headline,
                "date": date,
                "date_text": date,
                "old_document": old[0] if old else "false",
                "line": "20",
            }
        )
    return rows


def make_project(
    root: Path,
    events: list[dict[str, str]] | None = None,
    actors: list[dict[str, str]] | None = None,
    *,
    omit: tuple[str, ...] = (),
) -> Project:
    """A small valid project at ``root``; ``omit`` names files not to write."""
    project = Project(root)
    project.codebook.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "data" / "codebook.yaml", project.codebook)
    files = {
        "events": (project.curated_events, events or event_rows()),
        "actors": (project.actors, actors or actor_rows()),
        "articles": (project.articles_table, ARTICLES),
        "references": (project.references_table, reference_rows()),
    }
    for name, (path, rows) in files.items():
        if name not in omit:
            write_rows(path, rows)
    return project
