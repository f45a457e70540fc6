"""What changed since the last briefing: a briefing's snapshot, and two snapshots compared.

A **snapshot** is what a briefing used, small enough to keep in its manifest
(``reports/<date>/<country>/manifest.json``, see :mod:`helpers.rendering.manifest`) so
that the next briefing of the same series (notebook, country and window) can compare:

* for every event of the country known by the briefing date (``ctx.known``), its coded
  fields (:data:`CODED_FIELDS`), a hash of them, its first report, its severity and
  whether it lay in the window;
* the data cut-off, the severity total of the window and the monthly verdicts.

Two snapshots are compared by event id, never by date alone:

* an event is **new** when it lies in this briefing's window and the last briefing did
  not know it at all. Most were first reported after the last briefing's date; one first
  reported before it was coded since (it is said so, not passed off as news);
* an event is **corrected** when the last briefing knew it and a coded field differs (a
  new date, type, actor, target or category): a corrected date that moves an event into
  the window makes a correction, not a new event;
* an event **moved** into or out of the window with its coded fields unchanged when the
  reports citing it narrowed its date span;
* an event is **removed** when it lay in the last briefing's window and is no longer in
  the data.

The change in the severity total is split between these, so that the parts add up to
the difference of the two totals (one total everywhere).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from helpers.analysis import escalation, headline
from helpers.analysis.context import Context
from helpers.analysis.coverage import number_words, outlet_words, plural
from helpers.dates import format_date, format_event_date, format_month

#: Version of the snapshot's layout: a snapshot of another version is not compared.
SNAPSHOT_VERSION = 1
#: The coded fields whose change makes a correction (the hash covers these).
CODED_FIELDS = ("date", "date_precision", "category", "event_type", "actor", "target")
#: How a changed field is named in a sentence.
FIELD_WORDS = {
    "date": "date",
    "category": "category",
    "event_type": "kind of event",
    "actor": "actor",
    "target": "target",
}
NEW_GROUPS = (
    ("crackdown", "New crackdown acts"),
    ("international_response", "New international responses"),
    ("", "Other new events (domestic responses and context)"),
)


# ----------------------------------------------------------------------------- snapshot


def coded_hash(values: dict[str, Any]) -> str:
    """A short fingerprint of an event's coded fields (:data:`CODED_FIELDS`).

    >>> row = dict(date="2017-09-03", date_precision="day", category="crackdown",
    ...            event_type="arrest", actor="Government of Cambodia", target="Kem Sokha")
    >>> len(coded_hash(row)), coded_hash(row) == coded_hash({**row, "date": "2017-09"})
    (16, False)
    """
    text = json.dumps([str(values.get(name, "")) for name in CODED_FIELDS], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _iso(value: Any) -> str | None:
    """A date cell as ``YYYY-MM-DD`` (``None`` when missing)."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date().isoformat()


def event_entry(row: Any, in_window: bool) -> dict[str, Any]:
    """One event of a snapshot: its coded fields and hash, and what the sentences need."""
    coded = {name: str(getattr(row, name)) for name in CODED_FIELDS}
    return {
        **coded,
        "coded": coded_hash(coded),
        "label": str(row.event_label),
        "headline": str(row.headline),
        "first_reported": _iso(row.first_reported),
        "severity": float(row.severity),
        "in_window": bool(in_window),
    }


def snapshot(ctx: Context) -> dict[str, Any]:
    """What the briefing ``ctx`` used, as plain JSON values (see the module docstring)."""
    in_window = set(ctx.events["event_id"])
    known = ctx.known.sort_values("event_id", kind="stable")
    total = escalation.severity_total(ctx.events)
    verdicts = _verdict_table(ctx)
    return {
        "version": SNAPSHOT_VERSION,
        "country": ctx.country,
        "start_date": ctx.start,
        "end_date": ctx.end,
        "as_of": ctx.as_of,
        "cutoff": _iso(ctx.cutoff),
        "severity_total": {"total": total.total, "n_acts": total.n_acts},
        "verdicts": {m: v for m, v, _ in verdicts},
        "latest_verdict": _latest_verdict(verdicts),
        "events": {r.event_id: event_entry(r, r.event_id in in_window) for r in known.itertuples()},
    }


def _verdict_table(ctx: Context) -> list[tuple[str, str, str]]:
    """``(YYYY-MM, verdict, reason)`` for each month of the window up to its measured end."""
    if ctx.empty:
        return []
    table = headline.month_verdicts(ctx)
    return [
        (f"{m:%Y-%m}", str(v), str(r))
        for m, v, r in zip(table["month"], table["verdict"], table["reason"], strict=True)
    ]


def _latest_verdict(verdicts: list[tuple[str, str, str]]) -> dict[str, str] | None:
    """The latest month with a verdict (deteriorated, unchanged, improved), or ``None``."""
    for month, verdict, reason in reversed(verdicts):
        if verdict in escalation.VERDICTS:
            return {"month": month, "verdict": verdict, "reason": reason}
    return None


def usable(snap: Any) -> bool:
    """Whether ``snap`` is a snapshot of this version (older briefings recorded none).

    >>> usable({"version": SNAPSHOT_VERSION, "events": {}}), usable(None), usable({"version": 0})
    (True, False, False)
    """
    return (
        isinstance(snap, dict)
        and snap.get("version") == SNAPSHOT_VERSION
        and isinstance(snap.get("events"), dict)
    )


# ------------------------------------------------------------------------------ compare


@dataclass(frozen=True)
class Correction:
    """An event the last briefing knew whose coded fields or window membership changed:
    ``fields`` as ``(field, before, after)``."""

    event_id: str
    fields: tuple[tuple[str, str, str], ...]
    entered: bool = False
    left: bool = False


@dataclass(frozen=True)
class Changes:
    """Two snapshots of one series compared (see the module docstring)."""

    new: tuple[str, ...]
    added_late: tuple[str, ...]
    corrected: tuple[Correction, ...]
    moved: tuple[Correction, ...]
    removed: tuple[str, ...]
    #: How much of the change in the severity total each kind of change makes.
    severity_parts: dict[str, float] = field(default_factory=dict)

    @property
    def severity_change(self) -> float:
        return sum(self.severity_parts.values())


def _counted(event: dict[str, Any] | None) -> float:
    """What an event adds to its briefing's severity total: its severity if it is a
    crackdown act in the window, else nothing."""
    if not event or not event.get("in_window") or event.get("category") != "crackdown":
        return 0.0
    return float(event.get("severity") or 0.0)


def _field_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple:
    """``(field, before, after)`` for each coded field that differs."""
    names = [n for n in CODED_FIELDS if n in before and n in after]
    if before.get("coded") == after.get("coded") and len(names) == len(CODED_FIELDS):
        return ()
    return tuple(
        (n, str(before[n]), str(after[n])) for n in names if str(before[n]) != str(after[n])
    )


def compare(previous: dict[str, Any], current: dict[str, Any]) -> Changes:
    """Compare the last briefing's snapshot with this one's (both :func:`usable`).

    >>> def ev(date, window=True, reported="2017-10-02", **kw):
    ...     row = dict(date=date, date_precision="day", category="crackdown",
    ...                event_type="arrest", actor="Police", target="X", severity=6.0,
    ...                first_reported=reported, in_window=window, **kw)
    ...     return {**row, "coded": coded_hash(row)}
    >>> before = {"as_of": "2017-09-30", "events": {"A": ev("2017-09-03", reported="2017-09-04")}}
    >>> after = {"as_of": "2017-11-30", "events": {"A": ev("2017-09-04", reported="2017-09-04"),
    ...                                            "B": ev("2017-10-01")}}
    >>> changes = compare(before, after)
    >>> changes.new, [c.fields for c in changes.corrected], changes.severity_change
    (('B',), [(('date', '2017-09-03', '2017-09-04'),)], 6.0)
    """
    before, after = previous["events"], current["events"]
    since = str(previous.get("as_of") or "")
    new, late, corrected, moved, removed = [], [], [], [], []
    parts = dict.fromkeys(("new", "added_late", "corrected", "moved", "removed", "other"), 0.0)
    for event_id in sorted(set(before) | set(after)):
        old, now = before.get(event_id), after.get(event_id)
        delta = _counted(now) - _counted(old)
        if old is None:
            if not now.get("in_window"):
                continue
            reported = now.get("first_reported") or ""
            kind = "added_late" if reported and reported <= since else "new"
            (late if kind == "added_late" else new).append(event_id)
        elif now is None:
            if not old.get("in_window"):
                continue
            kind = "removed"
            removed.append(event_id)
        else:
            entered = bool(now.get("in_window")) and not old.get("in_window")
            left = bool(old.get("in_window")) and not now.get("in_window")
            fields = _field_changes(old, now)
            if fields and (now.get("in_window") or old.get("in_window")):
                kind = "corrected"
                corrected.append(Correction(event_id, fields, entered, left))
            elif entered or left:
                kind = "moved"
                moved.append(Correction(event_id, (), entered, left))
            else:
                kind = "other"  # the same event weighed differently (a codebook change)
        parts[kind] += delta
    return Changes(tuple(new), tuple(late), tuple(corrected), tuple(moved), tuple(removed), parts)


# ---------------------------------------------------------------------------- sentences


@dataclass
class SinceLast:
    """The "since the last briefing" section in plain sentences (unescaped): ``groups``
    are ``(heading, sentences)`` in reading order."""

    intro: str
    groups: list[tuple[str, list[str]]] = field(default_factory=list)


FIRST_OF_SERIES = (
    "This is the first briefing of its series (this notebook, country and window) in the "
    "reports: there is nothing to compare it with."
)


def since_last(
    ctx: Context, previous: dict[str, Any] | None, previous_as_of: str | None = None
) -> SinceLast:
    """The section for the briefing ``ctx``, given the snapshot of the last briefing of its
    series (``None`` when there is none; ``previous_as_of`` names a last briefing that
    recorded no snapshot)."""
    if previous is None and previous_as_of is None:
        return SinceLast(FIRST_OF_SERIES)
    if not usable(previous):
        dated = previous_as_of or (previous or {}).get("as_of")
        when = f", as of {format_date(dated)}," if dated else ""
        return SinceLast(
            f"The last briefing of this series{when} did not record what it used in a form "
            "this version can read, so the changes since cannot be listed."
        )
    current = snapshot(ctx)
    changes = compare(previous, current)
    rows = ctx.known.set_index("event_id", drop=False)
    out = SinceLast(intro_sentence(previous, current))
    for category, heading in NEW_GROUPS:
        ids = [i for i in changes.new if _in_group(current["events"][i], category)]
        if ids:
            out.groups.append((heading, [new_sentence(rows.loc[i]) for i in _by_date(rows, ids)]))
    if not changes.new:
        out.groups.append(("New events", [nothing_new(previous)]))
    if changes.added_late:
        heading = "Newly coded, though reported before the last briefing"
        ids = _by_date(rows, list(changes.added_late))
        out.groups.append((heading, [late_sentence(rows.loc[i], previous) for i in ids]))
    corrections = [
        correction_sentence(c, previous["events"][c.event_id], current["events"][c.event_id])
        for c in (*changes.corrected, *changes.moved)
    ]
    if changes.removed:
        corrections += [removed_sentence(i, previous["events"][i]) for i in changes.removed]
    out.groups.append(
        ("Corrections", corrections or ["No event of either briefing was corrected or removed."])
    )
    out.groups.append(("Severity and verdict", measure_sentences(previous, current, changes)))
    return out


def _in_group(event: dict[str, Any], category: str) -> bool:
    if category:
        return event.get("category") == category
    return event.get("category") not in {c for c, _ in NEW_GROUPS if c}


def _by_date(rows: pd.DataFrame, ids: list[str]) -> list[str]:
    """``ids`` in the order of their events' dates (then ids)."""
    return sorted(ids, key=lambda i: (rows.loc[i, "date_start"], i))


def intro_sentence(previous: dict[str, Any], current: dict[str, Any]) -> str:
    """``'Compared with the last briefing of this series, as of 30 September 2017 (latest
    source 6 September 2017); this one is as of ...'``."""

    def dated(snap: dict[str, Any]) -> str:
        cutoff = snap.get("cutoff")
        latest = f"latest source {format_date(cutoff)}" if cutoff else "no source yet"
        return f"as of {format_date(snap['as_of'])} ({latest})"

    return (
        f"Compared with the last briefing of this series, {dated(previous)}; this one is "
        f"{dated(current)}."
    )


def _dated(row: Any) -> str:
    """``'6 October 2017: The government filed ...'`` (a sentence, so capitalised)."""
    when = headline.when(row)
    return f"{when[:1].upper()}{when[1:]}: {str(row.summary).strip().rstrip('.')}"


def new_sentence(row: Any) -> str:
    """``'6 October 2017: ... (KHM-023; first reported 6 October 2017).'``"""
    return f"{_dated(row)} ({row.event_id}; first reported {_reported(row)})."


def late_sentence(row: Any, previous: dict[str, Any]) -> str:
    """A new event first reported before the last briefing: coded since, not news."""
    return (
        f"{_dated(row)} ({row.event_id}; first reported {_reported(row)}, "
        f"before the last briefing of {format_date(previous['as_of'])}, but coded since)."
    )


def _reported(row: Any) -> str:
    return format_date(row.first_reported) if pd.notna(row.first_reported) else "on no known date"


def nothing_new(previous: dict[str, Any]) -> str:
    return (
        f"No event in the window was first reported since the last briefing of "
        f"{format_date(previous['as_of'])} in these sources."
    )


def _field_words(name: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    """``'date from 3 September 2017 to September 2017'``."""
    if name == "date":
        old = format_event_date(before["date"], before.get("date_precision", "day"))
        new = format_event_date(after["date"], after.get("date_precision", "day"))
    elif name == "event_type":
        old, new = before.get("label") or before[name], after.get("label") or after[name]
    else:
        old, new = before[name] or "none", after[name] or "none"
        if name == "category":
            old, new = old.replace("_", " "), new.replace("_", " ")
        else:
            old, new = old.replace(";", "; "), new.replace(";", "; ")
    return f"{FIELD_WORDS[name]} from {old} to {new}"


def correction_sentence(
    correction: Correction, before: dict[str, Any], after: dict[str, Any]
) -> str:
    """``'KHM-011, Kem Sokha arrested: date corrected from 3 September 2017 to September
    2017.'``, saying when the change moves the event into or out of the window."""
    names = [n for n, _, _ in correction.fields if n != "date_precision"]
    if "date_precision" in {n for n, _, _ in correction.fields} and "date" not in names:
        names.insert(0, "date")
    changed = [_field_words(n, before, after) for n in names]
    text = f"{correction.event_id}, {after['headline']}: "
    text += (
        f"{outlet_words(changed, limit=len(changed))} (corrected since the last briefing)"
        if changed
        else "its coded fields are unchanged, but the reports citing it changed its date span"
    )
    if correction.entered:
        text += "; it now falls inside the window and is counted here"
    if correction.left:
        text += "; it now falls outside the window and is no longer counted here"
    return text + "."


def removed_sentence(event_id: str, before: dict[str, Any]) -> str:
    """An event of the last briefing's window that is no longer in the data."""
    when = format_event_date(before["date"], before.get("date_precision", "day"))
    return (
        f"{event_id}, {before['headline']} ({when}), counted in the last briefing, is no "
        "longer in the data."
    )


SEVERITY_PART_WORDS = {
    "new": "newly reported acts",
    "added_late": "acts coded since",
    "corrected": "corrections",
    "moved": "acts that moved into or out of the window",
    "removed": "events no longer in the data",
    "other": "acts weighed differently by the codebook",
}


def severity_sentence(previous: dict[str, Any], current: dict[str, Any], changes: Changes) -> str:
    """``'Severity total: 50 points from 11 acts, up from 15 points from 3 acts in the last
    briefing (+35: +35 from newly reported acts).'``"""

    def words(snap: dict[str, Any]) -> str:
        total = snap["severity_total"]
        return f"{number_words(total['total'])} points from {plural(int(total['n_acts']), 'act')}"

    before, after = previous["severity_total"]["total"], current["severity_total"]["total"]
    parts = [
        f"{value:+g} from {SEVERITY_PART_WORDS[kind]}"
        for kind, value in changes.severity_parts.items()
        if value
    ]
    if before == after and not parts:
        return f"Severity total unchanged since the last briefing: {words(current)}."
    if before == after:
        head = f"Severity total: {words(current)}, the same as in the last briefing"
    else:
        trend = "up" if after > before else "down"
        head = (
            f"Severity total: {words(current)}, {trend} from {words(previous)} in the last briefing"
        )
    detail = f" ({after - before:+g} points: {'; '.join(parts)})" if parts else ""
    return f"{head}{detail}."


def verdict_sentences(previous: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """The latest monthly verdict against the last briefing's, then months covered since
    and verdicts revised since."""
    old, new = previous.get("latest_verdict"), current.get("latest_verdict")
    if new is None and old is None:
        out = ["No month has a verdict in this briefing or the last (too few dated acts)."]
    elif new is None:
        out = [
            "No month has a verdict in this briefing; the last one's latest was "
            f"{_verdict_words(old)}."
        ]
    elif old is None:
        out = [f"Latest monthly verdict: {new['reason']} The last briefing had none."]
    elif (old["month"], old["verdict"]) == (new["month"], new["verdict"]):
        out = [f"Latest monthly verdict, unchanged since the last briefing: {new['reason']}"]
    else:
        out = [
            f"Latest monthly verdict: {new['reason']} In the last briefing: {_verdict_words(old)}."
        ]
    before, after = previous.get("verdicts") or {}, current.get("verdicts") or {}
    covered = [
        f"{format_month(m)} ({v})"
        for m, v in after.items()
        if v != "no coverage" and before.get(m, "no coverage") == "no coverage"
    ]
    if covered:
        out.append(f"Months covered since the last briefing: {'; '.join(covered)}.")
    revised = [
        f"{format_month(m)} from {before[m]} to {v}"
        for m, v in after.items()
        if before.get(m, "no coverage") != "no coverage" and before[m] != v
    ]
    if revised:
        out.append(f"Verdicts revised since the last briefing: {'; '.join(revised)}.")
    return out


def _verdict_words(verdict: dict[str, str]) -> str:
    return f"{format_month(verdict['month'])} {verdict['verdict']}"


def measure_sentences(
    previous: dict[str, Any], current: dict[str, Any], changes: Changes
) -> list[str]:
    """The change in the severity total and in the verdicts."""
    return [severity_sentence(previous, current, changes), *verdict_sentences(previous, current)]
