"""An ACLED-shaped CSV of the crackdown and domestic events (the current export's columns).

Which cells are filled:

* from every event: ``event_id_cnty`` (the ACLED id when ACLED records the event, else
  the project's id), ``event_date``, ``year``, ``time_precision`` (1 for a day; an event
  known to the month, or to a range within one month, is put on the middle of its span
  with 3, as ACLED does),
  ``actor1``/``assoc_actor_1`` (the first actor, then the others), ``actor2``/
  ``assoc_actor_2`` (the targets), ``iso`` (numeric, from the country name), ``country``,
  ``source`` (the outlets), ``notes`` (the summary);
* ``event_type``/``sub_event_type``: ACLED's own for an event ACLED records, else the
  ACLED type of the first codebook rule that maps to the event's type (empty when no rule
  does: ACLED has no type for a restrictive law or a party's dissolution);
* from ACLED's record only (empty for an event coded from articles alone, which do not
  give them): :data:`ACLED_ONLY_COLUMNS`.

An event whose coded date no one month holds (known only to the year, or to a range
across months) is left out: ACLED records nothing vaguer than a month, and giving such an
event a month would date it more precisely than known; the export says how many were
left out. Text cells that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are prefixed
with ``'``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers.acled.vintages import CURRENT
from helpers.dataset.actors import split_names
from helpers.dataset.codebook import Codebook
from helpers.dates import period_of

#: The categories the ACLED-shaped CSV lists.
CATEGORIES = ("crackdown", "domestic_response")

#: Cells only ACLED's own record fills (empty for events coded from articles alone).
ACLED_ONLY_COLUMNS = (
    "disorder_type",
    "inter1",
    "inter2",
    "interaction",
    "civilian_targeting",
    "region",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source_scale",
    "fatalities",
    "tags",
    "timestamp",
)

#: Columns holding numbers, never neutralised.
NUMBER_COLUMNS = frozenset(
    {"year", "time_precision", "iso", "latitude", "longitude", "geo_precision"}
    | {"fatalities", "timestamp"}
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A text cell made safe for a spreadsheet: a leading formula character is quoted.

    >>> neutralise("=HYPERLINK(1)"), neutralise("-5 protesters"), neutralise("Reuters")
    ("'=HYPERLINK(1)", "'-5 protesters", 'Reuters')
    """
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def acled_types(codebook: Codebook) -> dict[str, tuple[str, str]]:
    """Codebook type -> (ACLED event type, sub-event type) from the first rule mapping to it
    (sub-event type only when the rule names exactly one)."""
    out: dict[str, tuple[str, str]] = {}
    for rule in codebook.acled.rules if codebook.acled else []:
        if rule.event_type and rule.maps_to not in out:
            sub = rule.sub_event_types[0] if len(rule.sub_event_types) == 1 else ""
            out[rule.maps_to] = (rule.event_type, sub)
    return out


def acled_frame(
    events: pd.DataFrame, records: Mapping[str, Mapping[str, str]], codebook: Codebook
) -> tuple[pd.DataFrame, int]:
    """The ACLED-shaped rows (all text, neutralised) and how many events were left out
    because no one month holds their date. ``records`` are the stored ACLED records by id."""
    chosen = events[events["category"].isin(CATEGORIES)]
    vague = pd.Series(
        [not within_a_month(e) for e in chosen.to_dict("records")], index=chosen.index, dtype=bool
    )
    types = acled_types(codebook)
    rows = [_row(event, records, types) for event in chosen[~vague].to_dict("records")]
    frame = pd.DataFrame(rows, columns=list(CURRENT.columns), dtype=str)
    for name in frame.columns:
        if name not in NUMBER_COLUMNS:
            frame[name] = frame[name].map(neutralise)
    return frame, int(vague.sum())


def within_a_month(event: Mapping[str, str]) -> bool:
    """Whether ACLED can record the event: its coded date lies within one month.

    >>> within_a_month({"date": "2017-11-16/2017-11-20", "date_precision": "range"})
    True
    >>> within_a_month({"date": "2017-11/2018-04", "date_precision": "range"})
    False
    >>> within_a_month({"date": "2017", "date_precision": "year"})
    False
    """
    return period_of(event["date"], event["date_precision"], "M") is not None


def _row(
    event: Mapping[str, str],
    records: Mapping[str, Mapping[str, str]],
    types: Mapping[str, tuple[str, str]],
) -> dict[str, str]:
    ids = split_names(event["acled_ids"])
    record = records.get(ids[0], {}) if ids else {}
    row = dict.fromkeys(CURRENT.columns, "")
    row |= {name: record.get(name, "") for name in ACLED_ONLY_COLUMNS}
    actors, targets = split_names(event["actor"]), split_names(event["target"])
    row |= {
        "event_id_cnty": ids[0] if ids else event["event_id"],
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "iso": _iso_numeric(event["country"]),
        "country": event["country"],
        "source": "; ".join(split_names(event["outlets"])),
        "notes": event["summary"],
    }
    if event["source_kind"] == "acled":
        row |= {name: record.get(name, "") for name in ("event_type", "sub_event_type")}
        row |= {"event_date": record.get("event_date", ""), "notes": event["evidence"]}
        row["time_precision"] = record.get("time_precision", "")
    else:
        row["event_type"], row["sub_event_type"] = types.get(event["event_type"], ("", ""))
        day = event["date"] if event["date_precision"] == "day" else event["plot_date"]
        row["event_date"] = day
        row["time_precision"] = "1" if event["date_precision"] == "day" else "3"
    row["year"] = row["event_date"][:4]
    return row


def _iso_numeric(country: str) -> str:
    """ISO 3166 numeric code of a country name (empty when unknown or several).

    >>> _iso_numeric("Cambodia"), _iso_numeric("Atlantis")
    ('116', '')
    """
    import pycountry

    try:
        return pycountry.countries.lookup(country.strip()).numeric
    except LookupError:
        return ""


def write_acled_csv(path: Path, frame: pd.DataFrame) -> None:
    """Write the rows as UTF-8 CSV."""
    frame.to_csv(path, index=False, encoding="utf-8")
