"""The build's ACLED step: imported records become rows of ``data/processed/events.csv``.

:func:`merge_acled` takes the curated events (every contract column but the ACLED ones)
and returns them with ACLED's records folded in, following :mod:`helpers.acled.linking`:
a record linked to a curated event adds its id, outlets and provenance to that row; a
record of its own becomes a row; a record held for review is left out (and listed).

A row from ACLED alone fills the contract like this:

* ``event_id`` ``ACLED-`` and ACLED's ``event_id_cnty``; ``event_type`` and ``category``
  from the codebook's ACLED rules (:mod:`helpers.acled.mapping`);
* ``date_start``/``date_end`` the days ACLED's date stands for at its ``time_precision``
  (1: the day, 2: the week around it, 3: the month); ``date`` and ``date_precision`` the
  finest unit holding them (a week inside one month is written as that month), so text
  never names a day ACLED does not vouch for; ``plot_date`` the middle of the span;
* ``actor``/``target`` ACLED's two sides, each name resolved in the actor registry or kept
  as ACLED writes it; ``actor_kind`` the registry's kind, else the kind ACLED's actor
  category stands for (``acled.actor_kinds``);
* ``evidence`` ACLED's ``notes``; ``summary`` its type, actors and place in one sentence;
  ``notes`` where it came from and how its type and date were read;
* ``first_reported`` the day of ACLED's ``timestamp`` (ACLED's record was public by then;
  an export does not say when it was first published); ``outlets`` ACLED's ``source``;
  ``n_articles`` 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from helpers.acled import linking, names
from helpers.acled.linking import Match, Side
from helpers.acled.mapping import Mapped, map_record
from helpers.acled.store import load_store
from helpers.corpus.outlets import OutletRegistry, outlet_key
from helpers.dataset.actors import ActorRegistry, split_names
from helpers.dataset.codebook import Codebook, load_codebook
from helpers.dates import ACLED_TIME_PRECISIONS, acled_span, covers, enclosing_date, midpoint
from helpers.errors import InputError, Problem, relative
from helpers.paths import Project

ID_PREFIX = "ACLED-"


@dataclass
class AcledMerge:
    """The events with ACLED folded in, what happened to each record, and what to warn."""

    table: pd.DataFrame
    matches: list[Match] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Linked:
    """One stored record, the codebook type it maps to, and what the link rule made of it."""

    record: Mapping[str, str]
    mapped: Mapped
    match: Match


def link_records(
    project: Project,
    curated: pd.DataFrame,
    registry: ActorRegistry,
    codebook: Codebook | None = None,
) -> tuple[list[Linked], list[Problem]]:
    """Every stored record mapped and matched against the ``curated`` rows (by ACLED id),
    and warnings: records held for review, decisions about records not imported.
    ``codebook`` defaults to the project's."""
    store_label = relative(project.acled_store, project.root)
    records = load_store(project.acled_store, store_label)
    if not records:
        return [], []
    codebook = _with_acled_section(project, codebook or load_codebook(project.codebook))
    acled = codebook.acled
    assert acled is not None
    links_label = relative(project.acled_links, project.root)
    decisions, problems = linking.load_decisions(
        project.acled_links, links_label, curated["event_id"]
    )
    linking.raise_if(problems)
    sides = [_curated_side(row) for row in curated.to_dict("records")]
    out = []
    for key in sorted(records):
        mapped = map_record(records[key], codebook, registry)
        side = _record_side(records[key], mapped, registry)
        result = linking.match(side, sides, acled, decisions.get(key))
        out.append(Linked(records[key], mapped, result))
    warnings = [
        Problem(store_label, x.match.describe()) for x in out if x.match.outcome == "review"
    ]
    warnings += [
        Problem(links_label, f"a decision about ACLED {d.acled_id}, which is not imported", d.line)
        for d in decisions.values()
        if d.acled_id not in records
    ]
    return out, warnings


def merge_acled(project: Project, curated: pd.DataFrame, registry: ActorRegistry) -> AcledMerge:
    """The curated rows plus ACLED's (see the module doc); curated rows gain
    ``source_kind`` ``article``, and ``acled_ids``/``provenance`` when linked."""
    table = curated.assign(source_kind="article", acled_ids="", provenance="")
    if not project.acled_store.is_file():
        return AcledMerge(table)
    codebook = _with_acled_section(project, load_codebook(project.codebook))
    links, warnings = link_records(project, table, registry, codebook)
    if not links:
        return AcledMerge(table, warnings=warnings)
    outlets = OutletRegistry.load(project.outlets)
    linked: dict[str, list[Mapping[str, str]]] = {}
    own_rows = []
    for x in links:
        if x.match.outcome == "linked":
            linked.setdefault(x.match.event_id, []).append(x.record)
        elif x.match.outcome == "new":
            own_rows.append(_own_row(x.record, x.mapped, registry, codebook, outlets))
    table = _with_links(table, linked, outlets)
    if own_rows:
        own = _with_codebook(pd.DataFrame(own_rows), codebook)
        table = pd.concat([table, own], ignore_index=True)
    return AcledMerge(table, [x.match for x in links], warnings)


def _with_acled_section(project: Project, codebook: Codebook) -> Codebook:
    if codebook.acled is None:
        raise InputError(
            Problem(
                relative(project.codebook, project.root),
                "has no 'acled' section; it is needed to read the imported ACLED records",
            )
        )
    return codebook


# ------------------------------------------------------------------ the two sides


def _curated_side(row: Mapping[str, object]) -> Side:
    return Side(
        event_id=str(row["event_id"]),
        countries=linking.countries(str(row["country"])),
        event_type=str(row["event_type"]),
        start=dt.date.fromisoformat(str(row["date_start"])),
        end=dt.date.fromisoformat(str(row["date_end"])),
        targets=frozenset(split_names(str(row["target"]))),
    )


def _record_side(record: Mapping[str, str], mapped: Mapped, registry: ActorRegistry) -> Side:
    start, end = _span(record)
    acting = {
        names.resolve(n, registry) for n in names.side(record["actor1"], record["assoc_actor_1"])
    }
    target_names = names.side(record["actor2"], record["assoc_actor_2"])
    resolved = [names.resolve(n, registry) for n in target_names]
    targets = {n for n in resolved if n} | set(names.named_in(record["notes"], registry))
    return Side(
        event_id=record["acled_id"],
        countries=linking.countries(record["country"]),
        event_type=mapped.event_type,
        start=start,
        end=end,
        targets=frozenset(targets - acting),
        targets_known=bool(target_names) and all(resolved),
    )


def _span(record: Mapping[str, str]) -> tuple[dt.date, dt.date]:
    return acled_span(dt.date.fromisoformat(record["event_date"]), int(record["time_precision"]))


# ---------------------------------------------------------------- linked records


def _with_links(
    table: pd.DataFrame, linked: Mapping[str, list[Mapping[str, str]]], outlets: OutletRegistry
) -> pd.DataFrame:
    """Curated rows that ACLED also records gain its ids, outlets and provenance."""
    table = table.copy()
    for index, event_id in zip(table.index, table["event_id"], strict=True):
        records = linked.get(event_id)
        if not records:
            continue
        merged = _outlets([table.at[index, "outlets"], *(r["source"] for r in records)], outlets)
        table.at[index, "outlets"] = ";".join(merged)
        table.at[index, "n_outlets"] = len(merged)
        table.at[index, "source_kind"] = "article;acled"
        table.at[index, "acled_ids"] = ";".join(r["acled_id"] for r in records)
        table.at[index, "provenance"] = ";".join(provenance(r) for r in records)
    return table


def _outlets(cells: list[str], registry: OutletRegistry) -> list[str]:
    """Sorted unique outlets of ``;``-separated cells, in the registry's spelling;
    spellings differing only in case or punctuation count once."""
    by_key: dict[str, str] = {}
    for cell in cells:
        for name in split_names(cell):
            spelled = registry.lookup(name) or name
            by_key.setdefault(outlet_key(spelled), spelled)
    return sorted(by_key.values())


def provenance(record: Mapping[str, str]) -> str:
    """Where a record came from: export file and ACLED timestamp (UTC).

    >>> provenance({"export_file": "khm.csv", "timestamp": "1504483200"})
    'khm.csv@2017-09-04T00:00:00Z'
    """
    stamp = dt.datetime.fromtimestamp(int(record["timestamp"]), dt.UTC)
    return f"{record['export_file']}@{stamp:%Y-%m-%dT%H:%M:%SZ}"


# ---------------------------------------------------------------- rows of their own


def _own_row(
    record: Mapping[str, str],
    mapped: Mapped,
    registry: ActorRegistry,
    codebook: Codebook,
    outlets: OutletRegistry,
) -> dict[str, object]:
    start, end = _span(record)
    date, precision = enclosing_date(start, end)
    acting = names.side(record["actor1"], record["assoc_actor_1"])
    target = names.side(record["actor2"], record["assoc_actor_2"])
    sources = _outlets([record["source"]], outlets)
    stamp = dt.datetime.fromtimestamp(int(record["timestamp"]), dt.UTC).date()
    return {
        "event_id": ID_PREFIX + record["acled_id"],
        "date": date,
        "date_precision": precision,
        "category": mapped.category,
        "event_type": mapped.event_type,
        "actor": ";".join(names.resolve(n, registry) or n for n in acting),
        "target": ";".join(names.resolve(n, registry) or n for n in target),
        "summary": summary(record),
        "article_ids": "",
        "evidence": record["notes"],
        "responds_to": "",
        "notes": _notes(record, mapped, start, end, date, precision),
        "country": record["country"],
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "plot_date": midpoint(start, end).isoformat(),
        "actor_kind": ";".join(_kind(n, record["inter1"], registry, codebook) for n in acting),
        "first_reported": stamp.isoformat(),
        "last_reported": stamp.isoformat(),
        "n_articles": 0,
        "outlets": ";".join(sources),
        "n_outlets": len(sources),
        "source_files": "",
        "source_kind": "acled",
        "acled_ids": record["acled_id"],
        "provenance": provenance(record),
    }


def _kind(name: str, category: str, registry: ActorRegistry, codebook: Codebook) -> str:
    known = registry.kind(names.resolve(name, registry) or "")
    if known:
        return known
    assert codebook.acled is not None
    return codebook.acled.actor_kinds.get(category, "other")


def summary(record: Mapping[str, str]) -> str:
    """One sentence from ACLED's type, actors and place.

    >>> summary({"sub_event_type": "Arrests", "event_type": "Strategic developments",
    ...     "actor1": "Police Forces of Cambodia (1993-)", "actor2": "Civilians (Cambodia)",
    ...     "location": "Ta Khmau", "admin1": "Kandal", "fatalities": "0"})
    ... # doctest: +NORMALIZE_WHITESPACE
    'Arrests by Police Forces of Cambodia (1993-) against Civilians (Cambodia) in Ta Khmau,
     Kandal (ACLED).'
    >>> summary({"sub_event_type": "Other", "event_type": "Strategic developments",
    ...     "actor1": "Rioters (Cambodia)", "actor2": "", "location": "", "admin1": "",
    ...     "fatalities": "2"})
    'Strategic developments by Rioters (Cambodia) (ACLED, 2 fatalities).'
    """
    sub = record["sub_event_type"]
    text = f"{sub if sub not in ('', 'Other') else record['event_type']} by {record['actor1']}"
    if record["actor2"]:
        text += f" against {record['actor2']}"
    place = ", ".join(dict.fromkeys(p for p in (record["location"], record["admin1"]) if p))
    if place:
        text += f" in {place}"
    deaths = int(record["fatalities"]) if record["fatalities"].isdigit() else 0
    if deaths:
        return f"{text} (ACLED, {deaths} fatalit{'ies' if deaths != 1 else 'y'})."
    return f"{text} (ACLED)."


def _notes(
    record: Mapping[str, str],
    mapped: Mapped,
    start: dt.date,
    end: dt.date,
    date: str,
    precision: str,
) -> str:
    precision_code = int(record["time_precision"])
    dated = f"ACLED dates it to {ACLED_TIME_PRECISIONS[precision_code]}"
    if precision_code == 2:
        dated += f" ({start.isoformat()} to {end.isoformat()}), written as {date}"
        if not covers(date, precision, start, end):
            dated += (
                ", the year of its middle day: no month or year holds that week "
                "(date_start and date_end give it)"
            )
    return (
        f"Imported from ACLED, event {record['acled_id']} ({provenance(record)}). "
        f"ACLED type {record['event_type']} / {record['sub_event_type']}, coded "
        f"{mapped.event_type} by the codebook's ACLED rule {mapped.rule_number} "
        f"({mapped.rule.describe()}). {dated}."
    )


def _with_codebook(rows: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """ACLED's rows joined with the codebook the way the curated rows are."""
    table = codebook.table.drop(columns="category")
    return rows.merge(table, on="event_type", how="left", validate="many_to_one")
