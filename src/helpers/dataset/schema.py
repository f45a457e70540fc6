"""The declared schema of the curated tables, as data, and pydantic models built from it.

Each table is a tuple of :class:`Column` (name, kind of value, required or not, allowed
values). :data:`EventRow` and :data:`ActorRow` are pydantic models generated from those
declarations, so the schema is written once and every check follows it.

>>> [c.name for c in EVENT_COLUMNS if c.required][:3]
['event_id', 'date', 'date_precision']
>>> EventRow.model_validate({"event_id": "KHM-001", "date": "2017-11", "date_precision": "month",
...     "category": "crackdown", "event_type": "arrest", "actor": "Hun Sen", "summary": "s",
...     "article_ids": "a", "evidence": "e"}).date
'2017-11'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, create_model

from helpers.dataset.actors import ACTOR_KINDS
from helpers.dataset.codebook import CATEGORIES
from helpers.dates import PRECISIONS, date_span

EVENT_ID_PATTERN = re.compile(r"^[A-Z]{3}-\d{3,}$")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``kind`` is one of ``text`` (free text), ``names`` (``;``-separated list), ``choice``
    (one of ``allowed``), ``event_id`` (``KHM-001``) or ``date`` (ISO at day, month or
    year precision, or a range of two such dates: :mod:`helpers.dates`). ``required``
    means the cell may not be empty; ``optional`` means the whole column may be left out
    of the file (columns added after a table's first release, so older files still
    validate).
    """

    name: str
    kind: str = "text"
    required: bool = False
    allowed: tuple[str, ...] = ()
    description: str = ""
    optional: bool = False


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "event_id", True, description="ISO3 country code, dash, 3+ digits"),
    Column("date", "date", True, description="ISO date at its precision, or START/END"),
    Column("date_precision", "choice", True, PRECISIONS),
    Column("category", "choice", True, CATEGORIES),
    Column("event_type", "text", True, description="a codebook event type"),
    Column("actor", "names", True, description="canonical actor name(s), ';'-separated"),
    Column("target", "names", description="canonical actor name(s), ';'-separated"),
    Column("summary", "text", True),
    Column("article_ids", "names", True, description="article ids, ';'-separated"),
    Column("evidence", "text", True, description="verbatim quote from a cited article"),
    Column("responds_to", "names", description="event ids, ';'-separated"),
    Column("notes", "text"),
)

ACTOR_COLUMNS: tuple[Column, ...] = (
    Column("actor", "text", True, description="canonical name"),
    Column("kind", "choice", True, ACTOR_KINDS),
    Column("country", "text"),
    Column("aliases", "names", description="other spellings, ';'-separated"),
    Column("description", "text"),
    Column("short_name", "text", description="what charts and page 1 call it", optional=True),
    Column("member_of", "text", description="the institution it acts for", optional=True),
)

#: Columns of ``data/processed/articles.csv`` that validation and build read.
ARTICLE_COLUMNS_USED: tuple[str, ...] = (
    "article_id",
    "source_file",
    "title",
    "country",
    "published_date",
    "reporter_line",
    "body",
    "captions",
)

#: Columns of ``data/processed/references.csv`` that build reads.
REFERENCE_COLUMNS_USED: tuple[str, ...] = ("article_id", "outlet", "old_document")


def column_names(columns: tuple[Column, ...]) -> list[str]:
    """The names of ``columns``, in order."""
    return [c.name for c in columns]


# ------------------------------------------------------------------- cell validators


def _check_required(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty; a value is required")
    return value


def _check_choice(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value and value not in allowed:
            raise ValueError(f"got {value!r}; expected one of: {', '.join(allowed)}")
        return value

    return check


def _check_event_id(value: str) -> str:
    if value and not EVENT_ID_PATTERN.match(value):
        raise ValueError(
            f"got {value!r}; expected an ISO3 country code, a dash and 3+ digits, e.g. 'KHM-001'"
        )
    return value


def _check_date(value: str) -> str:
    if value:
        date_span(value)
    return value


def _cell_type(column: Column) -> Any:
    """The annotated ``str`` type pydantic uses to check one column's cells."""
    checks: list[Callable[[str], str]] = [_check_required] if column.required else []
    if column.kind == "choice":
        checks.append(_check_choice(column.allowed))
    elif column.kind == "event_id":
        checks.append(_check_event_id)
    elif column.kind == "date":
        checks.append(_check_date)

    def check_all(value: str) -> str:
        for check in checks:
            value = check(value)
        return value

    return Annotated[str, AfterValidator(check_all)]


def row_model(name: str, columns: tuple[Column, ...]) -> type[BaseModel]:
    """A pydantic model with one ``str`` field per column, checked as the schema declares.

    Fields default to ``""`` and defaults are not checked, so a column missing from the
    header is reported once (as a header problem), not once per row.
    """
    config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    fields: dict[str, Any] = {c.name: (_cell_type(c), "") for c in columns}
    return create_model(name, __config__=config, **fields)


#: One row of ``data/curated/events.csv``.
EventRow = row_model("EventRow", EVENT_COLUMNS)
#: One row of ``data/curated/actors.csv``.
ActorRow = row_model("ActorRow", ACTOR_COLUMNS)
