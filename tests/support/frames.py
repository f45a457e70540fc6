"""A small synthetic events table with the contract's columns, for the analysis tests.

Hand-computed facts about :data:`ROWS` (used by the tests):

* all 11 events are Cambodian; crackdown: KHM-009, 001, 011, 003, 005, 008 (a release);
  international responses: KHM-002, 004, 006; one domestic response, one context event.
* severities (the codebook's scale): 009 violent repression 9; 001 arrest 6; 011 threat 2
  (month precision, October 2017, first reported 20 October: interval 1-20 October);
  003 party dissolution 8; 005 civil society 5; 008 release -4 (year 2018, first
  reported 10 September 2018: interval 1 January - 10 September 2018).
* responses: 002 (September 2017, first reported 20 September) answers 001 (3 September):
  its interval narrows to 3-20 September, lag 0-17 days; 004 (2017-12-06) answers 003
  (2017-11-16): lag 20 days; 006 (2018-02-27) answers 003 later (103 days). Unanswered:
  009, 011, 005.
* monthly added severity: 2016-07 9; 2017-09 6; 2017-10 2; 2017-11 13 (the release
  KHM-008 spans eight months, so it is left out of every monthly measure).
* severity total of all acts: 26 from 6 acts (30 from the 5 placed in a month).
* as of 2017-10-31 only 009, 001, 002 and 011 were reported; the data cut-off of the full
  set is 2018-09-10.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from helpers.dataset.actors import ActorRegistry, split_names
from helpers.dataset.build import EVENTS_TABLE_COLUMNS, derive_columns
from helpers.dataset.codebook import load_codebook
from helpers.dataset.events_store import write_events
from helpers.paths import Project

REPO = Path(__file__).resolve().parents[2]
CODEBOOK = REPO / "data" / "codebook.yaml"

# event_id, date, precision, category, event_type, actor, target, summary, responds_to,
# article_ids, first_reported, outlets
ROWS: list[tuple[str, ...]] = [
    (
        "KHM-009",
        "2016-07-10",
        "day",
        "crackdown",
        "violent_repression",
        "Police",
        "Protesters",
        "Police beat protesters in Phnom Penh.",
        "",
        "a0",
        "2016-07-11",
        "Reuters",
    ),
    (
        "KHM-001",
        "2017-09-03",
        "day",
        "crackdown",
        "arrest",
        "Government of Cambodia",
        "Kem Sokha",
        "Kem Sokha was arrested on treason charges.",
        "",
        "a1;a2",
        "2017-09-04",
        "Reuters;VOA",
    ),
    (
        "KHM-002",
        "2017-09",
        "month",
        "international_response",
        "foreign_statement",
        "United States",
        "Government of Cambodia",
        "The US condemned the arrest.",
        "KHM-001",
        "a2",
        "2017-09-20",
        "VOA",
    ),
    (
        "KHM-011",
        "2017-10",
        "month",
        "crackdown",
        "threat",
        "Hun Sen",
        "CNRP",
        "Hun Sen threatened further arrests.",
        "",
        "a3",
        "2017-10-20",
        "",
    ),
    (
        "KHM-003",
        "2017-11-16",
        "day",
        "crackdown",
        "party_dissolution",
        "Supreme Court",
        "CNRP",
        "The Supreme Court dissolved the CNRP.",
        "",
        "a4",
        "2017-11-17",
        "Reuters;SCMP",
    ),
    (
        "KHM-005",
        "2017-11-26",
        "day",
        "crackdown",
        "civil_society_restriction",
        "Hun Sen",
        "CCHR",
        "Hun Sen called for CCHR to be closed.",
        "",
        "a5",
        "2017-11-28",
        "Reuters",
    ),
    (
        "KHM-004",
        "2017-12-06",
        "day",
        "international_response",
        "aid_cut",
        "United States",
        "Government of Cambodia",
        "The US cut election aid.",
        "KHM-003",
        "a6",
        "2017-12-07",
        "Reuters;VOA",
    ),
    (
        "KHM-006",
        "2018-02-27",
        "day",
        "international_response",
        "sanctions",
        "United States",
        "Hun Sen",
        "The US imposed visa restrictions.",
        "KHM-003",
        "a7",
        "2018-03-01",
        "Reuters",
    ),
    (
        "KHM-007",
        "2018-04-08",
        "day",
        "domestic_response",
        "boycott_call",
        "Sam Rainsy",
        "",
        "Sam Rainsy called for an election boycott.",
        "",
        "a8",
        "2018-04-08",
        "Reuters;VOA",
    ),
    (
        "KHM-010",
        "2018-07-29",
        "day",
        "context",
        "election",
        "National Election Committee",
        "",
        "The general election was held.",
        "",
        "a9",
        "2018-07-30",
        "Reuters",
    ),
    (
        "KHM-008",
        "2018",
        "year",
        "crackdown",
        "release",
        "Government of Cambodia",
        "Tep Vanny",
        "Tep Vanny was released.",
        "",
        "a10",
        "2018-09-10",
        "",
    ),
]

COLUMNS = (
    "event_id",
    "date",
    "date_precision",
    "category",
    "event_type",
    "actor",
    "target",
    "summary",
    "responds_to",
    "article_ids",
    "first_reported",
    "outlets",
)

ACTOR_KINDS = {
    "Police": "government",
    "Government of Cambodia": "government",
    "Hun Sen": "person",
    "Supreme Court": "court",
    "United States": "foreign_government",
    "Sam Rainsy": "person",
    "National Election Committee": "government",
}

ACTORS_CSV = """actor,kind,country,aliases,description
Hun Sen,person,Cambodia,Hun Sen's;Prime Minister Hun Sen,Prime Minister
Kem Sokha,person,Cambodia,Ken Sokha,CNRP leader
CNRP,party,Cambodia,Cambodia National Rescue Party,opposition
United States,foreign_government,United States,,
"""


ARTICLE_COLUMNS = (
    "article_id",
    "source_file",
    "start_line",
    "title",
    "author",
    "reporter_line",
    "dateline_place",
    "country",
    "published_date",
    "published_date_basis",
    "body",
    "captions",
    "n_references",
)


def article_title(article_id: str) -> str:
    """The synthetic title of article ``a0`` .. ``a10``."""
    return f"Report {article_id} on <Cambodia> & the crackdown"


def articles_frame() -> pd.DataFrame:
    """``data/processed/articles.csv`` for the articles cited by :data:`ROWS`."""
    ids = sorted({a for row in ROWS for a in row[9].split(";")}, key=lambda a: int(a[1:]))
    rows = [
        {
            **dict.fromkeys(ARTICLE_COLUMNS, ""),
            "article_id": a,
            "source_file": "data/raw/cambodia/x.txt",
            "start_line": str(1 + 10 * i),
            "title": article_title(a),
            "author": "A. Writer",
            "reporter_line": "Impunity Watch Reporter, Asia",
            "country": "Cambodia",
            "n_references": "0",
        }
        for i, a in enumerate(ids)
    ]
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def contract_frame(
    rows: list[tuple[str, ...]] | None = None, country: str = "Cambodia"
) -> pd.DataFrame:
    """The rows as ``data/processed/events.csv`` would hold them (all strings): the source
    columns made up here, the rest derived by the build's
    :func:`~helpers.dataset.build.derive_columns` (an actor not in :data:`ACTOR_KINDS` is
    registered as ``other``)."""
    rows = rows or ROWS
    actors = {name for row in rows for name in split_names(row[5])}
    kinds = {**dict.fromkeys(actors, "other"), **ACTOR_KINDS}
    registry = ActorRegistry.from_rows(
        [{"actor": name, "kind": kind} for name, kind in kinds.items()]
    )
    records = []
    for row in rows:
        rec = dict(zip(COLUMNS, row, strict=True))
        rec.update(
            evidence=rec["summary"],
            notes="",
            country=country,
            further_reading=rec["outlets"],
            last_reported=rec["first_reported"],
            n_articles=str(len(split_names(rec["article_ids"]))),
            n_outlets=str(len(split_names(rec["outlets"]))),
            source_files="data/raw/cambodia/x.txt",
            source_kind="article",
            acled_ids="",
            provenance="",
        )
        records.append(rec)
    table = derive_columns(pd.DataFrame(records), load_codebook(CODEBOOK), registry)
    return table[list(EVENTS_TABLE_COLUMNS)].astype(str)


def context(rows: list[tuple[str, ...]] | None = None, **params):
    """A briefing :class:`~helpers.analysis.context.Context` on :data:`ROWS` (with the
    real codebook), for the parameters given (defaults as in the notebooks)."""
    import datetime as dt

    from helpers.analysis.context import build_context
    from helpers.presenting.params import validate_parameters

    values = validate_parameters(
        "01_briefing", params, countries=["Cambodia"], today=dt.date(2026, 1, 1)
    )
    codebook = load_codebook(CODEBOOK)
    return build_context("01_briefing", values, contract_frame(rows), codebook=codebook)


def typed_frame(rows: list[tuple[str, ...]] | None = None) -> pd.DataFrame:
    """:func:`contract_frame`, typed as the analysis helpers expect."""
    from helpers.analysis.loading import prepare_events

    return prepare_events(contract_frame(rows))


def make_project(root: Path, rows: list[tuple[str, ...]] | None = None) -> Path:
    """A project folder holding the codebook, actors and a synthetic events table."""
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)
    (root / "data" / "curated").mkdir(parents=True, exist_ok=True)
    (root / "data" / "raw" / "cambodia").mkdir(parents=True, exist_ok=True)
    shutil.copy(CODEBOOK, root / "data" / "codebook.yaml")
    (root / "data" / "curated" / "actors.csv").write_text(ACTORS_CSV, encoding="utf-8")
    write_events(Project(root), contract_frame(rows))
    articles_frame().to_csv(root / "data" / "processed" / "articles.csv", index=False)
    shutil.copytree(REPO / "notebooks", root / "notebooks", dirs_exist_ok=True)
    return root
