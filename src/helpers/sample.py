"""An invented dataset of six events in the data contract, for the docstring examples.

Nothing here is real: the country is the fictional Ruritania, the actors and articles are
made up. The examples of :mod:`helpers.notebook` and :mod:`helpers.analysis.questions`
run on it, so they show real return values without needing ``make data``. The codebook
columns (label, Goldstein weight, severity, CAMEO, PLOVER, response kind) come from the
project's ``data/codebook.yaml``, as the build would add them.

>>> events = sample_events()
>>> events[["event_id", "date", "date_precision", "category"]].head(3)
  event_id        date date_precision                category
0  RUR-001  2017-09-03            day               crackdown
1  RUR-002     2017-09          month  international_response
2  RUR-003  2017-11-16            day               crackdown
>>> sample_context().params["country"]
'Ruritania'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.analysis.context import Context, build_context
from helpers.analysis.loading import prepare_events
from helpers.dataset.actors import ActorRegistry, split_names
from helpers.dataset.build import derive_columns
from helpers.dataset.codebook import load_codebook
from helpers.paths import project
from helpers.presenting.params import SHARED, validate_parameters

COUNTRY = "Ruritania"

# event_id, date, precision, category, event_type, actor, actor_kind, target, summary,
# responds_to, article_ids, first_reported, outlets
_ROWS: tuple[tuple[str, ...], ...] = (
    (
        "RUR-001",
        "2017-09-03",
        "day",
        "crackdown",
        "arrest",
        "Police;Ministry of Interior",
        "government;government",
        "Anna Vel",
        "Police arrested the opposition leader Anna Vel.",
        "",
        "r1;r2",
        "2017-09-04",
        "Wire One;Radio Two",
    ),
    (
        "RUR-002",
        "2017-09",
        "month",
        "international_response",
        "foreign_statement",
        "Freedonia",
        "foreign_government",
        "Government of Ruritania",
        "Freedonia condemned the arrest.",
        "RUR-001",
        "r2",
        "2017-09-20",
        "Radio Two",
    ),
    (
        "RUR-003",
        "2017-11-16",
        "day",
        "crackdown",
        "party_dissolution",
        "Supreme Court",
        "court",
        "Unity Party",
        "The Supreme Court dissolved the Unity Party.",
        "",
        "r3",
        "2017-11-17",
        "Wire One",
    ),
    (
        "RUR-004",
        "2017-12-06",
        "day",
        "international_response",
        "aid_cut",
        "Freedonia;Northern Union",
        "foreign_government;other",
        "Government of Ruritania",
        "Freedonia and the Northern Union cut election aid.",
        "RUR-003;RUR-001",
        "r4",
        "2017-12-07",
        "Wire One;Radio Two",
    ),
    (
        "RUR-005",
        "2018",
        "year",
        "crackdown",
        "threat",
        "Ministry of Interior",
        "government",
        "Unity Party",
        "The ministry threatened to arrest party members.",
        "",
        "r5",
        "2018-12-30",
        "",
    ),
    (
        "RUR-006",
        "2018-02",
        "month",
        "international_response",
        "un_statement",
        "United Nations",
        "un_body",
        "Government of Ruritania",
        "The UN voiced concern about the press.",
        "",
        "r6",
        "2018-02-21",
        "Wire One",
    ),
)

_COLUMNS = (
    "event_id",
    "date",
    "date_precision",
    "category",
    "event_type",
    "actor",
    "actor_kind",
    "target",
    "summary",
    "responds_to",
    "article_ids",
    "first_reported",
    "outlets",
)


def sample_events() -> pd.DataFrame:
    """The six invented events, typed as :func:`helpers.analysis.loading.read_events`
    returns a real table; the build's columns derived as the build derives them
    (:func:`helpers.dataset.build.derive_columns`)."""
    registry = ActorRegistry.from_rows(
        {"actor": name, "kind": kind}
        for row in _ROWS
        for name, kind in zip(split_names(row[5]), split_names(row[6]), strict=True)
    )
    records = []
    for row in _ROWS:
        rec: dict[str, Any] = dict(zip(_COLUMNS, row, strict=True))
        del rec["actor_kind"]  # the registry's, as in the build
        rec.update(
            evidence=rec["summary"],
            notes="invented example",
            country=COUNTRY,
            further_reading="",
            last_reported=rec["first_reported"],
            n_articles=len(split_names(rec["article_ids"])),
            n_outlets=len(split_names(rec["outlets"])),
            source_files="",
        )
        records.append(rec)
    codebook = load_codebook(project().codebook)
    return prepare_events(derive_columns(pd.DataFrame(records), codebook, registry))


def sample_context(**params: Any) -> Context:
    """A :class:`~helpers.analysis.context.Context` over :func:`sample_events`, with the
    shared parameters (``as_of`` defaults to 2018-12-31, after every sample event)."""
    values = validate_parameters(
        "sample",
        {"country": COUNTRY, "as_of": "2018-12-31", **params},
        countries=[COUNTRY],
        specs=SHARED,
    )
    codebook = load_codebook(project().codebook)
    return build_context("sample", values, sample_events(), None, codebook)
