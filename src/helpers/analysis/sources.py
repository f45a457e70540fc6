"""Source coverage and data quality.

Definitions:

* **Outlets per event** (``n_outlets``): the distinct outlets that the event's articles
  cite as references; **articles per event** (``n_articles``): the articles coded for it.
* A **single-source event** rests on reports from one outlet (the outlet that published
  them; the outlets an article cites as further reading are not independent sources).
* **Date-precision mix**: how many events are dated to the day, the month or the year, and
  how many only to a range between two dates.
* **Provenance** of an event: the articles coded for it (publisher and title, from
  ``data/processed/articles.csv``) and the outlets those articles cite as references.
* **Suggested events** (``data/suggested/*.csv``) are machine suggestions waiting for
  review; they are counted here and never mixed into any measure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from helpers.analysis.coverage import number_words, plural
from helpers.corpus.outlets import publisher
from helpers.dates import PRECISION_WORDS
from helpers.paths import Project


def coverage(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event: ``event_id``, ``date``, ``category``, ``summary``, ``n_articles``,
    ``n_outlets``, ``outlets``, ``single_source``; fewest sources first."""
    out = events[
        ["event_id", "date", "category", "summary", "n_articles", "n_outlets", "outlets"]
    ].copy()
    out["single_source"] = out["n_outlets"] <= 1
    return out.sort_values(
        ["n_outlets", "n_articles", "event_id"], kind="stable", ignore_index=True
    )


def single_source(events: pd.DataFrame) -> pd.DataFrame:
    """The single-source events (see the module docstring)."""
    table = coverage(events)
    return table[table["single_source"]].reset_index(drop=True)


def single_source_words(events: pd.DataFrame) -> str:
    """``'34 of 34 events rest on reports from a single outlet; 30 on a single report.'``

    >>> frame = pd.DataFrame({"n_outlets": [1, 1, 2], "n_articles": [1, 2, 2]})
    >>> single_source_words(frame)
    '2 of 3 events rest on reports from a single outlet; 1 on a single report.'
    """
    n = len(events)
    one_outlet = int((events["n_outlets"] <= 1).sum())
    one_report = int((events["n_articles"] <= 1).sum())
    return (
        f"{one_outlet:,} of {n:,} events rest on reports from a single outlet; {one_report:,} on a "
        "single report."
    )


def outlet_counts(events: pd.DataFrame, column: str = "outlets") -> pd.DataFrame:
    """``outlet``, ``n_events``: for each outlet of ``column`` (``outlets``, the outlets that
    published the reports, or ``further_reading``, those the articles cite), the events it
    appears for; most first.

    Counted from the processed events table's cells exactly as written there (outlet
    names are made canonical at ingest); no spelling is re-derived here."""
    if column not in events:
        return pd.DataFrame(columns=["outlet", "n_events"])
    outlets = events[column].str.split(";").explode().str.strip()
    outlets = outlets[outlets.fillna("") != ""]
    if outlets.empty:
        return pd.DataFrame(columns=["outlet", "n_events"])
    out = outlets.value_counts().rename_axis("outlet").reset_index(name="n_events")
    return out.sort_values(
        ["n_events", "outlet"], ascending=[False, True], kind="stable", ignore_index=True
    )


MAX_TITLES = 3
MAX_OUTLETS = 6


def read_articles(project: Project | None) -> pd.DataFrame | None:
    """``article_id``, ``title``, ``publisher`` from ``data/processed/articles.csv``;
    ``None`` when there is no project or the table has not been written."""
    path = getattr(project, "articles_table", None) if project is not None else None
    if path is None or not Path(path).is_file():
        return None
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"article_id", "title"} <= set(frame.columns):
        return None
    lines = frame["reporter_line"] if "reporter_line" in frame.columns else ""
    return pd.DataFrame(
        {
            "article_id": frame["article_id"],
            "title": frame["title"].map(lambda t: " ".join(t.split())),
            "publisher": pd.Series(lines, index=frame.index).map(publisher),
        }
    )


def provenance(events: pd.DataFrame, articles: pd.DataFrame | None = None) -> list[str]:
    """One compact sources line per event (unescaped): the reporting articles by
    publisher and title, then the outlets they cite, e.g. ``Impunity Watch: “Cambodia to
    Shut Down …”; cites Reuters, BBC``. Without an articles table, the number of
    articles stands in for their titles. An event ACLED records names its ACLED id(s)
    (``ACLED CAM1234``), in place of articles when no article reports it."""
    known = {}
    if articles is not None:
        known = {r.article_id: (r.publisher, r.title) for r in articles.itertuples()}
    acled = events["acled_ids"] if "acled_ids" in events.columns else [""] * len(events)
    out = []
    further = events["further_reading"] if "further_reading" in events else events["outlets"]
    for ids_cell, outlets_cell, n, acled_cell, reporters in zip(
        events["article_ids"], further, events["n_articles"], acled, events["outlets"], strict=True
    ):
        ids = [a.strip() for a in str(ids_cell).split(";") if a.strip()]
        found = [known[a] for a in ids if a in known]
        acled_ids = [a.strip() for a in str(acled_cell).split(";") if a.strip()]
        parts = []
        if found:
            by_publisher: dict[str, list[str]] = {}
            for pub, title in found[:MAX_TITLES]:
                by_publisher.setdefault(pub, []).append(f"“{title}”")
            parts += [
                f"{pub}: {', '.join(t)}" if pub else ", ".join(t) for pub, t in by_publisher.items()
            ]
            if len(found) > MAX_TITLES:
                parts[-1] += f" and {len(found) - MAX_TITLES} more"
        elif ids or not acled_ids:
            count = int(n) if n else len(ids)
            parts.append(f"{count} article{'s' if count != 1 else ''}")
        if acled_ids:
            reported = "" if found else f", reported by {str(reporters).replace(';', ', ')}"
            parts.append(f"ACLED {', '.join(acled_ids)}" + (reported if reporters else ""))
        outlets = [o.strip() for o in str(outlets_cell).split(";") if o.strip()]
        if outlets:
            shown = ", ".join(outlets[:MAX_OUTLETS])
            more = len(outlets) - MAX_OUTLETS
            parts.append(f"further reading: {shown}" + (f" and {more} more" if more > 0 else ""))
        out.append("; ".join(parts))
    return out


def acled_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events ACLED records (alone, or besides the articles)."""
    if "source_kind" not in events.columns:
        return events.iloc[0:0]
    return events[events["source_kind"].str.contains("acled")].reset_index(drop=True)


def acled_note(events: pd.DataFrame) -> str | None:
    """The method note's sentence on ACLED, or ``None`` when no event comes from it.

    >>> frame = pd.DataFrame({"source_kind": ["article", "acled", "article;acled"]})
    >>> print(acled_note(frame))  # doctest: +ELLIPSIS
    2 events come from ACLED (Armed Conflict Location & Event Data, acleddata.com); 1 of ...
    """
    acled = acled_events(events)
    if acled.empty:
        return None
    both = int((acled["source_kind"] == "article;acled").sum())
    n = len(acled)
    return (
        f"{plural(n, 'event')} come{'s' if n == 1 else ''} from ACLED (Armed "
        f"Conflict Location & Event Data, acleddata.com); {number_words(both)} of them the "
        "articles report too, counted once. Their types follow the codebook's ACLED rules, "
        "their dates ACLED's precision (a week is named by the range of its seven days), and "
        "ACLED's notes are their evidence."
    )


def precision_mix(events: pd.DataFrame) -> pd.DataFrame:
    """``date_precision``, ``meaning``, ``n_events``, ``share`` for each precision (day,
    month, year, range)."""
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


def alias_table(
    actors_path: Path, texts: Mapping[str, str] | None = None, actors: Iterable[str] = ()
) -> pd.DataFrame:
    """Spellings resolved to canonical actor names: ``actor``, ``kind``, ``aliases``,
    ``n_aliases``, most aliases first.

    With ``texts`` (article id -> article text), only the aliases that occur in those
    texts are listed, and only for ``actors`` (the actors of the events shown, when given):
    the spellings the coders actually resolved, misspellings included. Without it, every
    alias the registry records.

    """
    cols = ["actor", "kind", "aliases", "n_aliases"]
    if not Path(actors_path).is_file():
        return pd.DataFrame(columns=cols)
    frame = pd.read_csv(actors_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    wanted = set(actors)
    if wanted:
        frame = frame[frame["actor"].isin(wanted)]
    corpus = "\n".join(texts.values()) if texts is not None else None
    frame = frame.assign(
        aliases=[
            "; ".join(_aliases_in(name, cell, corpus))
            for name, cell in zip(frame["actor"], frame["aliases"], strict=True)
        ]
    )
    frame["n_aliases"] = frame["aliases"].map(lambda s: len(s.split("; ")) if s else 0)
    frame = frame[frame["n_aliases"] > 0]
    return frame.sort_values(
        ["n_aliases", "actor"], ascending=[False, True], kind="stable", ignore_index=True
    )[cols]


def _aliases_in(canonical: str, cell: str, corpus: str | None) -> list[str]:
    """The aliases of a registry cell, or only those written in ``corpus`` as whole words.

    Longer spellings are matched first, so "Sokha" inside "Ken Sokha" is not counted again:

    >>> _aliases_in("Kem Sokha", "Ken Sokha;Sokha;Mr. Sokha", "Ken Sokha fled; Kem Sokha too.")
    ['Ken Sokha']
    """
    aliases = [a.strip() for a in cell.split(";") if a.strip()]
    if corpus is None:
        return aliases
    found = []
    for spelling in sorted([canonical, *aliases], key=len, reverse=True):
        pattern = rf"(?<!\w){re.escape(spelling)}(?!\w)"
        if spelling != canonical and re.search(pattern, corpus):
            found.append(spelling)
        corpus = re.sub(pattern, " ", corpus)
    return [a for a in aliases if a in found]


def article_texts(project: Project | None, article_ids: Iterable[str]) -> dict[str, str]:
    """Title, body and captions of the given articles from ``articles.csv`` (id -> text);
    empty when there is no project or the table has not been written."""
    from helpers.dataset.validation import load_articles

    if project is None or not project.articles_table.is_file():
        return {}
    frame = load_articles(project)
    ids = [i for i in dict.fromkeys(article_ids) if i in frame.index]
    return {i: "\n".join(frame.loc[i, ["title", "body", "captions"]]) for i in ids}


def suggested_counts(project: Project) -> pd.DataFrame:
    """Suggested events waiting for review: ``file``, ``article_id``, ``n_suggested``.

    Read from ``data/suggested/*.csv``; empty when there are none. Rows already accepted
    (``status`` ``accepted``) are no longer waiting and not counted. Counted only, never
    merged with the coded events.
    """
    cols = ["file", "article_id", "n_suggested"]
    folder = project.suggested
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    parts = []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "status" in frame.columns:
            frame = frame[frame["status"] != "accepted"]
        key = next((c for c in ("article_ids", "article_id") if c in frame.columns), None)
        if key is None:
            parts.append(
                pd.DataFrame({"file": [path.name], "article_id": [""], "n_suggested": [len(frame)]})
            )
            continue
        counts = frame.groupby(key).size().rename("n_suggested").reset_index()
        counts = counts.rename(columns={key: "article_id"})
        parts.append(counts.assign(file=path.name))
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)[cols]
    return out.sort_values(
        ["n_suggested", "article_id"], ascending=[False, True], kind="stable", ignore_index=True
    )


def validation_warnings(project: Project) -> pd.DataFrame | None:
    """Warnings from :func:`helpers.dataset.validation.validate_project` as ``where``, ``warning``;
    ``None`` when the validation module is not available or cannot run."""
    try:
        from helpers.dataset.validation import validate_project
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
