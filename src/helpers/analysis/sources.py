"""Source coverage and data quality.

Definitions:

* **Outlets per event** (``n_outlets``): the distinct outlets that the event's articles
  cite as references; **articles per event** (``n_articles``): the articles coded for it.
* A **single-source event** rests on one article that cites at most one outlet.
* **Date-precision mix**: how many events are dated to the day, the month or the year.
* **Suggested events** (``data/suggested/*.csv``) are machine suggestions waiting for
  review; they are counted here and never mixed into any measure.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.paths import Project

PRECISION_WORDS = {
    "day": "date known to the day",
    "month": "date known to the month",
    "year": "date known to the year",
}


def coverage(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event: ``event_id``, ``date``, ``category``, ``summary``, ``n_articles``,
    ``n_outlets``, ``outlets``, ``single_source``; fewest sources first."""
    out = events[
        ["event_id", "date", "category", "summary", "n_articles", "n_outlets", "outlets"]
    ].copy()
    out["single_source"] = (out["n_articles"] <= 1) & (out["n_outlets"] <= 1)
    return out.sort_values(
        ["n_outlets", "n_articles", "event_id"], kind="stable", ignore_index=True
    )


def single_source(events: pd.DataFrame) -> pd.DataFrame:
    """The single-source events (see the module docstring)."""
    table = coverage(events)
    return table[table["single_source"]].reset_index(drop=True)


def outlet_counts(events: pd.DataFrame) -> pd.DataFrame:
    """``outlet``, ``n_events`` (events whose articles cite it); most cited first."""
    outlets = events["outlets"].str.split(";").explode().str.strip()
    outlets = outlets[outlets.fillna("") != ""]
    if outlets.empty:
        return pd.DataFrame(columns=["outlet", "n_events"])
    out = outlets.value_counts().rename_axis("outlet").reset_index(name="n_events")
    return out.sort_values(
        ["n_events", "outlet"], ascending=[False, True], kind="stable", ignore_index=True
    )


def precision_mix(events: pd.DataFrame) -> pd.DataFrame:
    """``date_precision``, ``meaning``, ``n_events``, ``share`` for day, month and year."""
    counts = events["date_precision"].value_counts()
    total = len(events)
    rows = [
        {
            "date_precision": p,
            "meaning": words,
            "n_events": int(counts.get(p, 0)),
            "share": counts.get(p, 0) / total if total else 0.0,
        }
        for p, words in PRECISION_WORDS.items()
    ]
    return pd.DataFrame(rows)


def alias_table(actors_path: Path) -> pd.DataFrame:
    """Actors with the aliases resolved to them: ``actor``, ``kind``, ``aliases``,
    ``n_aliases``; only actors that have aliases, most aliases first."""
    cols = ["actor", "kind", "aliases", "n_aliases"]
    if not Path(actors_path).is_file():
        return pd.DataFrame(columns=cols)
    frame = pd.read_csv(actors_path, dtype=str, keep_default_na=False)
    frame["aliases"] = frame["aliases"].map(
        lambda s: "; ".join(a.strip() for a in s.split(";") if a.strip())
    )
    frame["n_aliases"] = frame["aliases"].map(lambda s: len(s.split("; ")) if s else 0)
    frame = frame[frame["n_aliases"] > 0]
    return frame.sort_values(
        ["n_aliases", "actor"], ascending=[False, True], kind="stable", ignore_index=True
    )[cols]


def suggested_counts(project: Project) -> pd.DataFrame:
    """Suggested events waiting for review: ``file``, ``article_id``, ``n_suggested``.

    Read from ``data/suggested/*.csv``; empty when there are none. Counted only, never
    merged with the coded events.
    """
    cols = ["file", "article_id", "n_suggested"]
    folder = project.suggested
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    parts = []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        key = "article_id" if "article_id" in frame.columns else None
        if key is None:
            parts.append(
                pd.DataFrame({"file": [path.name], "article_id": [""], "n_suggested": [len(frame)]})
            )
            continue
        counts = frame.groupby(key).size().rename("n_suggested").reset_index()
        parts.append(counts.assign(file=path.name))
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)[cols]
    return out.sort_values(
        ["n_suggested", "article_id"], ascending=[False, True], kind="stable", ignore_index=True
    )


def validation_warnings(project: Project) -> pd.DataFrame | None:
    """Warnings from :func:`helpers.validation.validate_project` as ``where``, ``warning``;
    ``None`` when the validation module is not available or cannot run."""
    try:
        from helpers.validation import validate_project
    except ImportError:
        return None
    try:
        report = validate_project(project)
    except Exception:
        return None
    rows = [_warning_row(w) for w in report.warnings]
    return pd.DataFrame(rows, columns=["where", "warning"])


def _warning_row(problem: object) -> dict[str, str]:
    message = getattr(problem, "message", str(problem))
    where = str(problem)
    if where.endswith(f": {message}"):
        where = where[: -len(message) - 2]
    return {"where": where, "warning": message}
