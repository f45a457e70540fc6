"""Who acted against whom.

Definition: each event links every actor in its ``actor`` cell to every target in its
``target`` cell (``;``-separated; an empty target is shown as "(no target)"). A pair's
**n_events** counts the events linking them and **total_severity** sums their severity.
"""

from __future__ import annotations

import pandas as pd

from helpers.dataset.actors import split_names

NO_TARGET = "(no target)"


def actor_pairs(events: pd.DataFrame, category: str | None = "crackdown") -> pd.DataFrame:
    """``actor``, ``target``, ``n_events``, ``total_severity``, ``event_types`` for each pair,
    from events of ``category`` (``None`` = all); highest total severity first."""
    frame = events if category is None else events[events["category"] == category]
    cols = ["actor", "target", "n_events", "total_severity", "event_types"]
    rows = [
        {
            "actor": a,
            "target": t,
            "event_id": r.event_id,
            "severity": r.severity,
            "event_label": r.event_label,
        }
        for r in frame.itertuples()
        for a in split_names(r.actor)
        for t in (split_names(r.target) or [NO_TARGET])
    ]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = (
        pd.DataFrame(rows)
        .groupby(["actor", "target"], as_index=False)
        .agg(
            n_events=("event_id", "nunique"),
            total_severity=("severity", "sum"),
            event_types=("event_label", lambda s: "; ".join(sorted(set(s)))),
        )
    )
    return out.sort_values(
        ["total_severity", "n_events", "actor", "target"],
        ascending=[False, False, True, True],
        kind="stable",
        ignore_index=True,
    )[cols]


def targets(events: pd.DataFrame) -> pd.DataFrame:
    """Who was targeted by crackdown events: ``target``, ``n_events``, ``total_severity``."""
    pairs = actor_pairs(events)
    if pairs.empty:
        return pd.DataFrame(columns=["target", "n_events", "total_severity"])
    crack = events[events["category"] == "crackdown"]
    rows = [
        {"target": t, "event_id": r.event_id, "severity": r.severity}
        for r in crack.itertuples()
        for t in split_names(r.target)
    ]
    if not rows:
        return pd.DataFrame(columns=["target", "n_events", "total_severity"])
    out = (
        pd.DataFrame(rows)
        .groupby("target", as_index=False)
        .agg(n_events=("event_id", "nunique"), total_severity=("severity", "sum"))
    )
    return out.sort_values(
        ["total_severity", "target"], ascending=[False, True], kind="stable", ignore_index=True
    )
