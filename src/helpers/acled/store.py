"""The imported ACLED records: ``data/external/acled/events.csv``, one row per ACLED event.

The folder is gitignored: ACLED's terms forbid redistributing its data, so imported
records stay on the machine that imported them.

Merging an export into the store, per ACLED event (``event_id_cnty``):

* not stored yet: **new**;
* stored with an older ``timestamp`` (ACLED revised the event): **updated**;
* stored with the same ``timestamp``: **unchanged** (the stored record, and its
  provenance, stay as they are: re-importing an export changes nothing);
* stored with a newer ``timestamp``: **kept** (the export is older than what is stored).

ACLED also deletes events; an export does not say which, so a stored event missing from
a newer export stays.

>>> old = {"acled_id": "X1", "timestamp": "100", "notes": "old"}
>>> result = merge_records({"X1": old}, [{"acled_id": "X1", "timestamp": "200", "notes": "new"}])
>>> result.records["X1"]["notes"], result.counts()
('new', {'new': 0, 'updated': 1, 'unchanged': 0, 'kept': 0})
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import csvfiles
from helpers.atomic import write_csv
from helpers.errors import InputError, Problem

#: Columns of the store: ACLED's cells (both export layouts), then where each came from.
RECORD_COLUMNS: tuple[str, ...] = (
    "acled_id",
    "event_date",
    "time_precision",
    "year",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "iso3",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "export_file",
    "export_line",
    "vintage",
)

OUTCOMES = ("new", "updated", "unchanged", "kept")


@dataclass
class MergeResult:
    """The store after a merge, and what happened to each incoming record."""

    records: dict[str, dict[str, str]]
    outcome: dict[str, list[str]] = field(default_factory=lambda: {o: [] for o in OUTCOMES})

    def counts(self) -> dict[str, int]:
        return {name: len(ids) for name, ids in self.outcome.items()}

    @property
    def changed(self) -> bool:
        return bool(self.outcome["new"] or self.outcome["updated"])


def merge_records(
    stored: dict[str, dict[str, str]], incoming: Iterable[dict[str, str]]
) -> MergeResult:
    """Merge ``incoming`` records (in order) into a copy of ``stored`` (see the module doc)."""
    result = MergeResult(dict(stored))
    for record in incoming:
        key = record["acled_id"]
        current = result.records.get(key)
        if current is None:
            outcome = "new"
        elif int(record["timestamp"]) > int(current["timestamp"]):
            outcome = "updated"
        elif int(record["timestamp"]) == int(current["timestamp"]):
            outcome = "unchanged"
        else:
            outcome = "kept"
        if outcome in ("new", "updated"):
            result.records[key] = dict(record)
        result.outcome[outcome].append(key)
    return result


def load_store(path: Path, label: str) -> dict[str, dict[str, str]]:
    """The stored records by ACLED id (empty when nothing was imported yet)."""
    if not Path(path).is_file():
        return {}
    with open(path, newline="", encoding="utf-8") as handle:
        header, rows = csvfiles.dict_rows_of(handle)
        missing = [c for c in RECORD_COLUMNS if c not in header]
        if missing:
            raise InputError(
                Problem(
                    label,
                    f"missing column(s) {', '.join(missing)}: written by another version; "
                    "delete it and import the exports again",
                    line=1,
                )
            )
        return {row["acled_id"]: {c: row[c] for c in RECORD_COLUMNS} for row in rows}


def store_frame(records: dict[str, dict[str, str]]) -> pd.DataFrame:
    """The records as the store's table: sorted by country, date and id."""
    frame = pd.DataFrame(list(records.values()), columns=list(RECORD_COLUMNS), dtype=str)
    return frame.sort_values(["country", "event_date", "acled_id"], ignore_index=True)


def write_store(path: Path, records: dict[str, dict[str, str]]) -> None:
    """Write the store atomically."""
    write_csv(path, store_frame(records))
