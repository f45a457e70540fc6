"""The build's ACLED step: imported records become rows of the events table.

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

The store is walked a batch of records at a time, and the rows from ACLED alone are
written to a Parquet file as they are made, so the build's memory does not grow with the
number of imported records.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers import columnar
from helpers.acled import linking, names
from helpers.acled.linking import Decision, Match, Side
from helpers.acled.mapping import Mapped, Mapper
from helpers.acled.store import iter_records, store_source
from helpers.corpus.outlets import OutletRegistry, outlet_key
from helpers.dataset.actors import ActorRegistry, split_names
from helpers.dataset.codebook import Codebook, load_codebook
from helpers.dataset.tables import EVENTS
from helpers.dates import ACLED_TIME_PRECISIONS, acled_span, enclosing_date, midpoint
from helpers.errors import InputError, Problem, relative
from helpers.paths import Project

ID_PREFIX = "ACLED-"
#: The stored columns the build reads.
USED_COLUMNS = (
    "acled_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "country",
    "admin1",
    "location",
    "source",
    "notes",
    "fatalities",
    "timestamp",
    "export_file",
)


@dataclass
class LinkReport:
    """What the link rule made of the stored records: how many were linked to a curated
    event, became rows of their own or were held for review, and the linked and held
    records themselves (by ACLED id; a row of its own is only counted)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(linking.OUTCOMES, 0))
    matches: list[Match] = field(default_factory=list)

    def of(self, outcome: str) -> list[Match]:
        """The matches with ``outcome`` (``linked`` or ``review``)."""
        return [m for m in self.matches if m.outcome == outcome]


@dataclass
class AcledMerge:
    """The curated rows with ACLED's links, ACLED's rows of their own (Parquet files typed
    as the events table), what happened to each record, and what to warn."""

    table: pd.DataFrame
    parts: list[Path] = field(default_factory=list)
    links: LinkReport = field(default_factory=LinkReport)
    warnings: list[Problem] = field(default_factory=list)


def merge_acled(
    project: Project, curated: pd.DataFrame, registry: ActorRegistry, scratch: Path
) -> AcledMerge:
    """The curated rows plus ACLED's (see the module doc); curated rows gain
    ``source_kind`` ``article``, and ``acled_ids``/``provenance`` when linked. The rows
    from ACLED alone are written, a batch at a time, to a Parquet file in ``scratch``."""
    table = curated.assign(source_kind="article", acled_ids="", provenance="")
    source = store_source(project)
    if source is None:
        return AcledMerge(table)
    codebook = _with_acled_section(project, load_codebook(project.codebook))
    links_label = relative(project.acled_links, project.root)
    decisions, problems = linking.load_decisions(
        project.acled_links, links_label, table["event_id"]
    )
    linking.raise_if(problems)
    outlets = OutletRegistry.load(project.outlets)
    linker = _Linker(table, codebook, registry, decisions)
    own = _OwnRows(scratch / "acled_rows.parquet", registry, codebook, outlets)
    report = LinkReport()
    linked: dict[str, list[Mapping[str, str]]] = {}
    undecided = set(decisions)
    for batch in iter_records(project, USED_COLUMNS):
        for record in batch:
            mapped, match = linker(record)
            report.counts[match.outcome] += 1
            undecided.discard(record["acled_id"])
            if match.outcome == "new":
                own.add(record, mapped)
                continue
            report.matches.append(match)
            if match.outcome == "linked":
                linked.setdefault(match.event_id, []).append(record)
        own.flush()
    report.matches.sort(key=lambda m: m.acled_id)
    store_label = relative(source, project.root)
    warnings = [Problem(store_label, m.describe()) for m in report.of("review")]
    warnings += [
        Problem(links_label, f"a decision about ACLED {d.acled_id}, which is not imported", d.line)
        for d in decisions.values()
        if d.acled_id in undecided
    ]
    return AcledMerge(_with_links(table, linked, outlets), own.close(), report, warnings)


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


class _Linker:
    """The link rule (:mod:`helpers.acled.linking`) for one record at a time, against the
    curated rows of its country; a record's targets (names read in its notes) are worked
    out only when a curated event is a candidate."""

    def __init__(
        self,
        curated: pd.DataFrame,
        codebook: Codebook,
        registry: ActorRegistry,
        decisions: Mapping[str, Decision],
    ) -> None:
        assert codebook.acled is not None
        self.acled = codebook.acled
        self.registry = registry
        self.decisions = decisions
        self.mapper = Mapper(codebook, registry)
        self.countries: dict[str, frozenset[str]] = {}
        self.by_country: dict[str, list[Side]] = {}
        for row in curated.to_dict("records"):
            side = _curated_side(row)
            for country in side.countries:
                self.by_country.setdefault(country, []).append(side)

    def __call__(self, record: Mapping[str, str]) -> tuple[Mapped, Match]:
        mapped = self.mapper(record)
        decision = self.decisions.get(record["acled_id"])
        start, end = _span(record)
        cell = record["country"]
        if cell not in self.countries:
            self.countries[cell] = linking.countries(cell)
        countries = self.countries[cell]
        bare = Side(record["acled_id"], countries, mapped.event_type, start, end, frozenset())
        near = {s.event_id: s for c in bare.countries for s in self.by_country.get(c, [])}
        if decision is None and not linking.candidates(bare, near.values(), self.acled):
            return mapped, linking.match(bare, [], self.acled)
        side = _record_side(record, mapped, self.registry)
        return mapped, linking.match(side, near.values(), self.acled, decision)


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


def provenance(record: Mapping[str, str], stamp: dt.datetime | None = None) -> str:
    """Where a record came from: export file and ACLED timestamp (UTC; ``stamp`` when the
    caller has read it already).

    >>> provenance({"export_file": "khm.csv", "timestamp": "1504483200"})
    'khm.csv@2017-09-04T00:00:00Z'
    """
    stamp = stamp or dt.datetime.fromtimestamp(int(record["timestamp"]), dt.UTC)
    return f"{record['export_file']}@{stamp:%Y-%m-%dT%H:%M:%SZ}"


# ---------------------------------------------------------------- rows of their own


class _OwnRows:
    """ACLED's rows of their own, written to a Parquet file (typed as the events table)
    a batch at a time. Sides, kinds, outlets and codebook entries repeat across records:
    each is worked out once."""

    def __init__(
        self, path: Path, registry: ActorRegistry, codebook: Codebook, outlets: OutletRegistry
    ) -> None:
        self.path = path
        self.registry = registry
        self.codebook = codebook
        self.outlets = outlets
        self.schema = columnar.arrow_schema(EVENTS)
        self.pending: list[dict[str, object]] = []
        self.writer: pq.ParquetWriter | None = None
        self._sides: dict[tuple[str, str, str], tuple[str, str]] = {}
        self._sources: dict[str, list[str]] = {}
        self._types = _codebook_columns(codebook)
        self._rules: dict[int, str] = {}

    def add(self, record: Mapping[str, str], mapped: Mapped) -> None:
        self.pending.append(self._row(record, mapped))

    def flush(self) -> None:
        """Write the pending rows."""
        if not self.pending:
            return
        in_order = operator.itemgetter(*EVENTS.names())
        columns = zip(*(in_order(row) for row in self.pending), strict=True)
        table = pa.Table.from_arrays(
            [pa.array(values, f.type) for values, f in zip(columns, self.schema, strict=True)],
            schema=self.schema,
        )
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, self.schema, compression="zstd")
        self.writer.write_table(table)
        self.pending = []

    def close(self) -> list[Path]:
        """The files written (none when no record made a row of its own)."""
        self.flush()
        if self.writer is None:
            return []
        self.writer.close()
        return [self.path]

    def _side(self, actor: str, associates: str, category: str) -> tuple[str, str]:
        """A side's names (each resolved in the registry, or kept as ACLED writes it) and
        their kinds (the registry's, else the one ``category`` stands for)."""
        key = (actor, associates, category)
        if key not in self._sides:
            assert self.codebook.acled is not None
            fallback = self.codebook.acled.actor_kinds.get(category, "other")
            written = names.side(actor, associates)
            resolved = [names.resolve(n, self.registry) for n in written]
            kinds = [self.registry.kind(r or "") or fallback for r in resolved]
            cell = ";".join(r or n for r, n in zip(resolved, written, strict=True))
            self._sides[key] = (cell, ";".join(kinds))
        return self._sides[key]

    def _sources_of(self, cell: str) -> list[str]:
        if cell not in self._sources:
            self._sources[cell] = _outlets([cell], self.outlets)
        return self._sources[cell]

    def _rule(self, mapped: Mapped) -> str:
        if mapped.rule_number not in self._rules:
            self._rules[mapped.rule_number] = mapped.rule.describe()
        return self._rules[mapped.rule_number]

    def _row(self, record: Mapping[str, str], mapped: Mapped) -> dict[str, object]:
        start, end = _span(record)
        date, precision = enclosing_date(start, end)
        actor, kinds = self._side(record["actor1"], record["assoc_actor_1"], record["inter1"])
        target, _ = self._side(record["actor2"], record["assoc_actor_2"], record["inter2"])
        sources = self._sources_of(record["source"])
        stamp = dt.datetime.fromtimestamp(int(record["timestamp"]), dt.UTC)
        where = provenance(record, stamp)
        notes = _notes(record, mapped, start, end, where, self._rule(mapped))
        return {
            **self._types[mapped.event_type],  # every column, with the codebook's
            "event_id": ID_PREFIX + record["acled_id"],
            "date": date,
            "date_precision": precision,
            "category": mapped.category,
            "event_type": mapped.event_type,
            "actor": actor,
            "target": target,
            "summary": summary(record),
            "headline": acled_headline(self._types[mapped.event_type]["event_label"], record),
            "evidence": record["notes"],
            "notes": notes,
            "country": record["country"],
            "date_start": start,
            "date_end": end,
            "plot_date": midpoint(start, end),
            "actor_kind": kinds,
            "first_reported": stamp.date(),
            "last_reported": stamp.date(),
            "n_articles": 0,
            "outlets": ";".join(sources),
            "n_outlets": len(sources),
            "source_kind": "acled",
            "acled_ids": record["acled_id"],
            "provenance": where,
        }


#: What a column holds when a row leaves it empty.
_EMPTY = {"string": "", "integer": None, "number": None, "date": None, "boolean": None}


def _codebook_columns(codebook: Codebook) -> dict[str, dict[str, object]]:
    """Per codebook type, a row of the events table holding what the build joins from
    the codebook (as the curated rows get it), every other column empty."""
    empty = {f.name: _EMPTY[f.type] for f in EVENTS.fields}
    table = codebook.table.drop(columns=["category", "headline_template"])
    return {row["event_type"]: {**empty, **row} for row in table.to_dict("records")}


def acled_headline(label: str, record: Mapping[str, str]) -> str:
    """The short label of an ACLED event: its type's label and where it happened (ACLED
    names no single target a template could use).

    >>> acled_headline("Arrest, detention or charge", {"location": "Ta Khmau",
    ...     "admin1": "Kandal", "country": "Cambodia"})
    'Arrest, detention or charge in Ta Khmau'
    >>> acled_headline("Violent repression", {"location": "", "admin1": "", "country": "Cambodia"})
    'Violent repression in Cambodia'
    """
    place = record.get("location") or record.get("admin1") or record.get("country")
    return f"{label} in {place}" if place else label


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
    where: str,
    rule: str,
) -> str:
    precision_code = int(record["time_precision"])
    dated = f"ACLED dates it to {ACLED_TIME_PRECISIONS[precision_code]}"
    if precision_code == 2:
        dated += f" ({start.isoformat()} to {end.isoformat()}), written as that range"
    return (
        f"Imported from ACLED, event {record['acled_id']} ({where}). "
        f"ACLED type {record['event_type']} / {record['sub_event_type']}, coded "
        f"{mapped.event_type} by the codebook's ACLED rule {mapped.rule_number} "
        f"({rule}). {dated}."
    )
