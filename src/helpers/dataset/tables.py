"""The processed tables' columns, declared once: names, types and meanings.

``briefings ingest`` writes :data:`ARTICLES` and :data:`REFERENCES`, ``briefings build``
writes :data:`EVENTS` (the data contract). Everything else follows these declarations:
the writers' column order, the readers' types (:func:`helpers.dataset.build.load_events`,
:func:`helpers.analysis.loading.prepare_events`), the Frictionless ``datapackage.json``
(``briefings export --format datapackage``) and the README's contract tables
(:func:`contract_markdown`; a test checks the README holds them, and
``python -m helpers.dataset.tables README.md`` rewrites them).

A field's ``type`` is a Frictionless type: ``string``, ``integer``, ``number``, ``date``
(ISO, may be empty) or ``boolean`` (``true``/``false``). ``listed`` marks ``;``-separated
lists. ``date`` (the coded date) is a string: it is written at its precision
(``2017-11``), which is not an ISO day.

>>> EVENTS.names()[:3]
['event_id', 'date', 'date_precision']
>>> EVENTS.of_type("integer")
['n_articles', 'n_outlets']
>>> EVENTS.field("cameo_code").type
'string'
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers.dates import PRECISIONS

FIELD_TYPES = ("string", "integer", "number", "date", "boolean")


@dataclass(frozen=True)
class Field:
    """One column: its name, Frictionless type and meaning."""

    name: str
    type: str
    description: str
    listed: bool = False
    allowed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name!r}: type {self.type!r} is not in {FIELD_TYPES}")


@dataclass(frozen=True)
class Table:
    """One processed table: where it is written and its fields in order."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    def names(self) -> list[str]:
        """Column names in order."""
        return [f.name for f in self.fields]

    def of_type(self, type_: str) -> list[str]:
        """Names of the columns of Frictionless type ``type_``, in order."""
        return [f.name for f in self.fields if f.type == type_]

    def field(self, name: str) -> Field:
        """The field called ``name`` (``KeyError`` if the table has none)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")


CATEGORY_VALUES = ("crackdown", "international_response", "domestic_response", "context")
PRECISION_VALUES = PRECISIONS
SOURCE_KINDS = ("article", "acled", "article;acled")

#: Columns of ``data/processed/events.csv``: the first twelve are the curated ones
#: (``data/curated/events.csv``), the rest are added by the build.
EVENTS = Table(
    name="events",
    path="data/processed/events.csv",
    title="Coded events",
    description=(
        "One row per real-world event: hand-coded events from the articles and events "
        "imported from ACLED exports, an event both report being one row."
    ),
    primary_key=("event_id",),
    fields=(
        Field(
            "event_id",
            "string",
            "curated id: ISO3 country code, dash, 3+ digits (`KHM-001`); an event from ACLED "
            "alone: `ACLED-` and ACLED's `event_id_cnty`",
        ),
        Field(
            "date",
            "string",
            "date as coded, at its precision (`2017-11-26`, `2017-11`, `2017`; a range: two "
            "such dates as START/END, `2017-11/2018-04`)",
        ),
        Field(
            "date_precision",
            "string",
            "`day`, `month`, `year`, or `range` (the sources bound the event by two dates "
            "that are not one calendar unit; the span runs from the first day of the start "
            "to the last day of the end): never finer than the source (an ACLED week is "
            "written as the range of its seven days)",
            allowed=PRECISION_VALUES,
        ),
        Field(
            "category",
            "string",
            "`crackdown`, `international_response`, `domestic_response`, `context`",
            allowed=CATEGORY_VALUES,
        ),
        Field("event_type", "string", "codebook event type (a key of `data/codebook.yaml`)"),
        Field(
            "actor",
            "string",
            "canonical actor name(s) from `data/curated/actors.csv`; an ACLED actor the "
            "registry does not know keeps ACLED's name",
            listed=True,
        ),
        Field(
            "target",
            "string",
            "canonical name(s) of whom the act is aimed at (may be empty); for ACLED, "
            "actor2 and its associates",
            listed=True,
        ),
        Field(
            "summary",
            "string",
            "one plain sentence, written by the coder; for an event from ACLED alone, its "
            "type, actors and place",
        ),
        Field(
            "article_ids",
            "string",
            "ids of every article that reports the event (empty for an event from ACLED alone)",
            listed=True,
        ),
        Field(
            "evidence",
            "string",
            "a verbatim quote from one of those articles; for an event from ACLED alone, "
            "ACLED's `notes`",
        ),
        Field(
            "responds_to",
            "string",
            "event_id(s) this response answers, where the text supports it",
            listed=True,
        ),
        Field("notes", "string", "the coder's notes: how the date was resolved, merges, doubts"),
        Field("country", "string", "country of its articles, or ACLED's `country`", listed=True),
        Field("event_label", "string", "the codebook's label for the event type"),
        Field(
            "goldstein", "number", "Goldstein weight (-10 most conflictual .. +10 most cooperative)"
        ),
        Field(
            "severity",
            "number",
            "rung on the codebook's crackdown severity scale (higher is harsher; a release is "
            "negative; 0 outside the crackdown)",
        ),
        Field("cameo_code", "string", "nearest CAMEO code (text: `012` keeps its zero)"),
        Field("plover_type", "string", "PLOVER event type (may be empty)"),
        Field("plover_mode", "string", "PLOVER mode (may be empty)"),
        Field(
            "response_kind",
            "string",
            "group of an international response (`aid_cut`, `sanctions`, `sanctions_call`, "
            "`un_appeal`, `statement`, `diplomatic`)",
        ),
        Field(
            "headline",
            "string",
            "short label from the codebook's template and the actors' short names "
            "(`Kem Sokha arrested`); for an ACLED event, its kind and place "
            "(`Violent repression in Phnom Penh`)",
        ),
        Field(
            "date_start",
            "date",
            "first day the event can lie in: the coded span (a month: its first day; an ACLED "
            "week: three days before ACLED's date), narrowed so that a response starts no "
            "earlier than the act it answers",
        ),
        Field(
            "date_end",
            "date",
            "last day the event can lie in: the coded span, narrowed to its first report",
        ),
        Field(
            "plot_date",
            "date",
            "where charts draw the event: the middle of `date_start`..`date_end`",
        ),
        Field(
            "interval_basis",
            "string",
            "why the span was narrowed, in words (empty when the coded span stands)",
        ),
        Field(
            "scheduled",
            "boolean",
            "`true` when the event lies wholly after every report of it (an election "
            "announced ahead)",
        ),
        Field(
            "actor_kind",
            "string",
            "registry kind of each actor, in the order of `actor` (`person;government`); "
            "for an ACLED actor the registry lacks, the kind its ACLED category stands for",
            listed=True,
        ),
        Field(
            "first_reported",
            "date",
            "earliest publication date of its articles (what a briefing's `as_of` filters "
            "on); for an event from ACLED alone, the day of ACLED's `timestamp`",
        ),
        Field(
            "last_reported",
            "date",
            "latest publication date of its articles (for an event from ACLED alone, as "
            "`first_reported`)",
        ),
        Field("n_articles", "integer", "number of articles that report it"),
        Field(
            "outlets",
            "string",
            "the outlets that published its articles (the independent sources: for an "
            "article, the publication in its reporter line) and ACLED's `source`",
            listed=True,
        ),
        Field("n_outlets", "integer", "how many outlets"),
        Field(
            "further_reading",
            "string",
            "outlets its articles cite as further reading (old documents excluded): not "
            "independent sources",
            listed=True,
        ),
        Field(
            "source_files",
            "string",
            "the raw file(s) its articles come from (posix paths relative to the root)",
            listed=True,
        ),
        Field(
            "source_kind",
            "string",
            "`article` (coded from articles), `acled` (from ACLED alone) or `article;acled` "
            "(a coded event ACLED also records)",
            allowed=SOURCE_KINDS,
        ),
        Field("acled_ids", "string", "ACLED `event_id_cnty` of the ACLED record(s)", listed=True),
        Field(
            "provenance",
            "string",
            "for each ACLED record: the export file it was imported from and its `timestamp` "
            "(`export.csv@2024-05-01T10:22:31Z`)",
            listed=True,
        ),
    ),
)

#: Columns of ``data/processed/articles.csv``.
ARTICLES = Table(
    name="articles",
    path="data/processed/articles.csv",
    title="Articles",
    description="One row per article parsed from data/raw/.",
    primary_key=("article_id",),
    fields=(
        Field("article_id", "string", "slug of the title, stable"),
        Field("source_file", "string", "raw file it comes from (posix path relative to the root)"),
        Field("start_line", "integer", "line of its title in that file (1-based)"),
        Field("title", "string", "the article's title"),
        Field("author", "string", "the author, as written"),
        Field("reporter_line", "string", "the reporter line (publication and desk)"),
        Field("dateline_place", "string", "the place of the dateline"),
        Field("country", "string", "country of the article (its folder under data/raw/)"),
        Field(
            "published_date",
            "date",
            "inferred publication date: the latest date among its references (old documents "
            "left out), else the latest full date in the text; may be empty",
        ),
        Field("published_date_basis", "string", "how the publication date was found, in words"),
        Field("body", "string", "the text: dateline, captions and references removed"),
        Field("captions", "string", "photo captions, one per line"),
        Field("n_references", "integer", "number of references it lists"),
    ),
)

#: Columns of ``data/processed/references.csv``.
REFERENCES = Table(
    name="references",
    path="data/processed/references.csv",
    title="References",
    description="One row per reference an article lists.",
    primary_key=("article_id", "ref_index"),
    foreign_keys=(("article_id", "articles", "article_id"),),
    fields=(
        Field("article_id", "string", "the article that lists it"),
        Field("ref_index", "integer", "its position in the article's list (1-based)"),
        Field(
            "outlet",
            "string",
            "one spelling per outlet (from `data/curated/outlets.csv`; spellings differing "
            "only in case or punctuation are merged)",
        ),
        Field("headline", "string", "the headline, as written"),
        Field("date", "date", "its date (may be empty)"),
        Field("date_text", "string", "its date as written"),
        Field(
            "old_document",
            "boolean",
            "an old document such as a treaty, left out of the publication date",
        ),
        Field("line", "integer", "line in the source file (1-based)"),
        Field("outlet_as_written", "string", "the outlet as the reference spells it"),
    ),
)

#: Every processed table, in the order the data flows.
TABLES: tuple[Table, ...] = (ARTICLES, REFERENCES, EVENTS)


# ----------------------------------------------------------------------- the README


def contract_markdown(table: Table) -> str:
    """The README's table of ``table``'s columns (markdown, one row per column).

    >>> print(contract_markdown(REFERENCES).splitlines()[2])
    | `article_id` | text | the article that lists it |
    """
    words = {"string": "text", "integer": "integer", "number": "number"}
    words |= {"date": "date (ISO)", "boolean": "`true`/`false`"}
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for f in table.fields:
        kind = words[f.type] + (", `;`-list" if f.listed else "")
        lines.append(f"| `{f.name}` | {kind} | {f.description} |")
    return "\n".join(lines)


def _block(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- contract:{name} -->\n)(.*?)(<!-- /contract:{name} -->)", flags=re.DOTALL
    )


def readme_blocks(text: str) -> dict[str, str]:
    """The contract tables a README holds, by table name (the lines between
    ``<!-- contract:NAME -->`` and ``<!-- /contract:NAME -->``).

    >>> readme_blocks("<!-- contract:events -->\\n| a |\\n<!-- /contract:events -->\\n")
    {'events': '| a |'}
    """
    found = {}
    for table in TABLES:
        match = _block(table.name).search(text)
        if match:
            found[table.name] = match.group(2).rstrip("\n")
    return found


def update_readme(text: str) -> str:
    """``text`` with every contract table rewritten from the declarations."""
    for table in TABLES:
        text = _block(table.name).sub(
            lambda m, t=table: m.group(1) + contract_markdown(t) + "\n" + m.group(3), text
        )
    return text


if __name__ == "__main__":  # pragma: no cover - a contributor's tool
    from helpers.atomic import write_text

    for name in sys.argv[1:] or ["README.md"]:
        path = Path(name)
        write_text(path, update_readme(path.read_text(encoding="utf-8")))
        print(f"updated the contract tables in {path}")
