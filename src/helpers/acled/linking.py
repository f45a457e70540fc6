"""One row per real event: linking an ACLED record to the curated event it reports.

**The rule.** A curated event is a *candidate* for an ACLED record when it is

1. in the same country,
2. of a compatible type (the same codebook type, or two types the codebook's
   ``acled.compatible_types`` groups together, such as an arrest and a prosecution),
3. dated in an overlapping interval (the curated ``date_start``..``date_end`` and the
   days ACLED's date stands for share at least one day).

A candidate has the **same target** when its ``target`` and the record's targets share an
actor after alias resolution. The record's targets are the registry actors its actor2 side
names (actor2 and assoc_actor_2, read by :mod:`helpers.acled.names`) and the registry
actors its ``notes`` name, leaving out those on the acting side.

* exactly one candidate with the same target: **linked**. The curated event keeps every
  hand-coded field and gains the ACLED id and ACLED's outlets; no row is added.
* no candidate: **new**, a row of its own.
* candidates, none with the same target, and both sides' targets known (every name on
  the record's actor2 side resolves, every candidate has a target): **new** (different
  people or groups: different events).
* anything else (several candidates share the target, or the targets cannot be
  compared): **review**. The record is held out of the events table, so it is never
  counted twice, and listed until a person decides.

**Decisions.** ``data/curated/acled_links.csv`` (columns ``acled_id``, ``decision``,
``event_id``, ``note``) records what a person decided: ``same`` links the record to
``event_id``, ``distinct`` makes it a row of its own. A decision overrides the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from helpers.dataset.actors import split_names
from helpers.dataset.codebook import AcledSection
from helpers.errors import InputError, Problem

DECISION_COLUMNS = ("acled_id", "decision", "event_id", "note")
DECISIONS = ("same", "distinct")
OUTCOMES = ("linked", "new", "review")


@dataclass(frozen=True)
class Side:
    """What the rule compares of one event: country, type, days, targets."""

    event_id: str
    countries: frozenset[str]
    event_type: str
    start: dt.date
    end: dt.date
    targets: frozenset[str]
    targets_known: bool = True

    def overlaps(self, other: Side) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class Decision:
    """A person's decision about one ACLED record (a row of ``acled_links.csv``)."""

    acled_id: str
    decision: str
    event_id: str
    line: int


@dataclass(frozen=True)
class Match:
    """What the rule (or a decision) made of one ACLED record, and why."""

    acled_id: str
    outcome: str
    event_id: str = ""
    candidates: tuple[str, ...] = ()
    reason: str = ""

    def describe(self) -> str:
        """One line for the import's report and the build's warnings."""
        if self.outcome == "linked":
            return f"ACLED {self.acled_id} is {self.event_id}: {self.reason}"
        if self.outcome == "review":
            return (
                f"ACLED {self.acled_id} held for review (may be {', '.join(self.candidates)}): "
                f"{self.reason}; record the decision in data/curated/acled_links.csv"
            )
        return f"ACLED {self.acled_id} is an event of its own: {self.reason}"


def countries(cell: str) -> frozenset[str]:
    """The ``;``-separated countries of a cell, case-folded."""
    return frozenset(name.casefold() for name in split_names(cell))


def match(
    record: Side,
    curated: Iterable[Side],
    acled: AcledSection,
    decision: Decision | None = None,
) -> Match:
    """Apply the rule (module doc) to one ACLED record."""
    if decision is not None:
        where = f"decided in data/curated/acled_links.csv line {decision.line}"
        if decision.decision == "same":
            return Match(record.event_id, "linked", decision.event_id, reason=where)
        return Match(record.event_id, "new", reason=where)
    found = [
        c
        for c in curated
        if c.countries & record.countries
        and acled.compatible(c.event_type, record.event_type)
        and c.overlaps(record)
    ]
    ids = tuple(c.event_id for c in found)
    if not found:
        return Match(
            record.event_id,
            "new",
            reason="no curated event of a compatible type in the same country overlaps its dates",
        )
    same = [c for c in found if c.targets & record.targets]
    if len(same) == 1:
        shared = ", ".join(sorted(same[0].targets & record.targets))
        return Match(
            record.event_id,
            "linked",
            same[0].event_id,
            ids,
            f"same country, compatible type ({same[0].event_type} / {record.event_type}), "
            f"overlapping dates, same target ({shared})",
        )
    if len(same) > 1:
        return Match(
            record.event_id,
            "review",
            candidates=tuple(c.event_id for c in same),
            reason="several curated events of a compatible type, dates and target fit",
        )
    if record.targets_known and record.targets and all(c.targets for c in found):
        return Match(
            record.event_id,
            "new",
            candidates=ids,
            reason=f"a compatible event overlaps its dates but targets others ({', '.join(ids)})",
        )
    return Match(
        record.event_id,
        "review",
        candidates=ids,
        reason="a curated event of a compatible type overlaps its dates, but the targets "
        "cannot be compared (a name the actor registry lacks, or no target coded)",
    )


# ------------------------------------------------------------------------ decisions


def load_decisions(
    path: Path, label: str, event_ids: Iterable[str]
) -> tuple[dict[str, Decision], list[Problem]]:
    """The decisions file (absent: no decision), and its problems (missing columns,
    unknown decision words, ``same`` without a known ``event_id``, an ACLED id twice)."""
    from helpers.dataset.validation import read_table

    if not Path(path).is_file():
        return {}, []
    table = read_table(Path(path), label)
    problems = list(table.problems)
    missing = [c for c in DECISION_COLUMNS if c not in table.header]
    problems += [Problem(label, "missing column", line=1, column=c) for c in missing]
    if missing:
        return {}, problems
    known = set(event_ids)
    decisions: dict[str, Decision] = {}
    for row in table.rows:
        decision = Decision(row.get("acled_id"), row.get("decision"), row.get("event_id"), row.line)
        problem = _decision_problem(decision, known, decisions)
        if problem:
            column, message = problem
            problems.append(Problem(label, message, line=row.line, column=column))
        else:
            decisions[decision.acled_id] = decision
    return decisions, problems


def _decision_problem(
    decision: Decision, known: set[str], seen: Mapping[str, Decision]
) -> tuple[str, str] | None:
    if not decision.acled_id:
        return "acled_id", "is empty; expected ACLED's event_id_cnty"
    if decision.acled_id in seen:
        return "acled_id", (
            f"got {decision.acled_id!r}, already decided on line {seen[decision.acled_id].line}"
        )
    if decision.decision not in DECISIONS:
        return "decision", f"got {decision.decision!r}; expected one of: {', '.join(DECISIONS)}"
    if decision.decision == "same" and decision.event_id not in known:
        return "event_id", (
            f"got {decision.event_id!r}: 'same' needs the event_id of a curated event"
        )
    return None


def raise_if(problems: list[Problem]) -> None:
    """Raise one :class:`InputError` listing ``problems`` (if any)."""
    if problems:
        raise InputError(problems, "the ACLED link decisions have problems:")
