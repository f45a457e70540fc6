"""Evaluate ``briefings suggest`` against the hand-coded events (not a test).

Two scores, reported separately:

- *seed*: suggest on every seed article as if none were coded (a temporary copy of the
  project with an empty ``data/curated/events.csv`` but the real actor registry), compared
  with the real ``data/curated/events.csv``;
- *held-out*: suggest on the fixture articles in ``tests/fixtures/suggest/*.txt`` (house
  style, with variants the seed lacks), each compared with its hand-coded
  ``<name>.expected.csv`` (event_type, date, date_precision, actor, target, evidence, and
  ``article_id`` where the file holds several articles, e.g. ``blind_four``: four articles
  written and coded blind by someone who never saw the code). Matching is stricter there:
  a candidate must come from the same article *and* its evidence sentence must contain
  the coded evidence.

A candidate matches a curated event when (1) the event type is the same, or the category
is; (2) the date spans overlap; (3) the evidence sentences overlap, or the candidate's
article is one the event cites. Matching is one-to-one (greedy: exact type and
overlapping evidence first); a further candidate for an already-matched event is a
*duplicate*. The actor is right when the candidate's actor shares a name with the coded
one (not counted when the coded actor is empty). The date is right when the candidate's
date, written at the event's coded precision, equals the coded date (and the candidate is
at least that precise).

Usage: ``.venv/bin/python benchmarks/evaluate_suggest.py [--min-confidence 0.5] [-v]
[--only seed|held-out]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from helpers.csvfiles import dict_rows
from helpers.dataset.actors import split_names
from helpers.dataset.schema import EVENT_COLUMNS, column_names
from helpers.dataset.validation import fold_text
from helpers.dates import PRECISION_RANK, date_span
from helpers.paths import project
from helpers.suggest.run import DEFAULT_MIN_CONFIDENCE, suggest_project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests/fixtures/suggest"


@dataclass
class Pair:
    """One curated event and the candidate matched to it (if any)."""

    event: dict[str, str]
    candidate: dict[str, str] | None = None
    date_right: bool = False

    @property
    def actor_right(self) -> bool | None:
        """Whether the matched candidate's actor shares a name with the coded one."""
        coded = set(split_names(self.event.get("actor")))
        if self.candidate is None or not coded:
            return None
        return bool(coded & set(split_names(self.candidate.get("actor"))))


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file as a list of dict rows."""
    return dict_rows(path)[1]


def make_copy(source: Path, target: Path, raw_files: list[Path] | None = None) -> None:
    """A project copy with raw articles (or ``raw_files``), codebook and actors, no events."""
    if raw_files is None:
        shutil.copytree(source / "data/raw", target / "data/raw")
    else:
        (target / "data/raw/cambodia").mkdir(parents=True)
        for file in raw_files:
            shutil.copy(file, target / "data/raw/cambodia" / file.name)
    (target / "data/curated").mkdir(parents=True)
    shutil.copy(source / "data/codebook.yaml", target / "data/codebook.yaml")
    shutil.copy(source / "data/curated/actors.csv", target / "data/curated/actors.csv")
    header = ",".join(column_names(EVENT_COLUMNS)) + "\n"
    (target / "data/curated/events.csv").write_text(header, encoding="utf-8")


def _spans_overlap(a: dict[str, str], b: dict[str, str]) -> bool:
    try:
        a0, a1 = date_span(a["date"], a["date_precision"])
        b0, b1 = date_span(b["date"], b["date_precision"])
    except (ValueError, KeyError, TypeError):
        return False
    return a0 <= b1 and b0 <= a1


def _evidence_overlaps(event: dict[str, str], cand: dict[str, str]) -> bool:
    ev, cv = fold_text(event["evidence"]), fold_text(cand["evidence"])
    return bool(ev and cv) and (ev in cv or cv in ev or ev[:40] in cv or cv[:40] in ev)


def matches(event: dict[str, str], cand: dict[str, str], strict: bool = False) -> bool:
    """The benchmark's match rule (see the module docstring).

    ``strict`` (held-out) needs both the same article and overlapping evidence.
    """
    same_kind = cand["event_type"] == event["event_type"] or cand["category"] == event["category"]
    same_article = cand["article_ids"] in split_names(event["article_ids"])
    overlap = _evidence_overlaps(event, cand)
    same_source = (overlap and same_article) if strict else (overlap or same_article)
    return same_kind and _spans_overlap(event, cand) and same_source


def date_right(event: dict[str, str], cand: dict[str, str]) -> bool:
    """The candidate's date is right at the event's coded precision."""
    precision = event["date_precision"]
    if PRECISION_RANK.get(cand["date_precision"], 0) < PRECISION_RANK.get(precision, 0):
        return False
    length = {"day": 10, "month": 7, "year": 4}[precision]
    return cand["date"][:length] == event["date"]


def _strength(event: dict[str, str], cand: dict[str, str]) -> tuple:
    return (
        cand["event_type"] == event["event_type"],
        _evidence_overlaps(event, cand),
        date_right(event, cand),
        float(cand["confidence"] or 0),
    )


def pair_up(
    events: list[dict], candidates: list[dict], strict: bool = False
) -> tuple[list[Pair], list[dict], list[dict]]:
    """Greedy one-to-one matching; returns pairs, duplicates and false candidates."""
    options = [
        (_strength(e, c), i, j)
        for i, e in enumerate(events)
        for j, c in enumerate(candidates)
        if matches(e, c, strict)
    ]
    pairs = [Pair(e) for e in events]
    used: set[int] = set()
    for _, i, j in sorted(options, reverse=True):
        if pairs[i].candidate is None and j not in used:
            pairs[i].candidate = candidates[j]
            pairs[i].date_right = date_right(events[i], candidates[j])
            used.add(j)
    matched_any = {j for _, _, j in options}
    duplicates = [c for j, c in enumerate(candidates) if j not in used and j in matched_any]
    false = [c for j, c in enumerate(candidates) if j not in matched_any]
    return pairs, duplicates, false


def run(min_confidence: float, raw_files: list[Path] | None = None) -> list[dict[str, str]]:
    """Suggest on a fresh copy of the project (seed or ``raw_files``); every candidate row.

    Each row gets ``source_file`` (the raw file's name) for the held-out comparison.
    """
    from helpers.corpus.articles import parse_corpus

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_copy(ROOT, root, raw_files)
        proj = project(root)
        files = {a.article_id: Path(str(a.source_file)).name for a in parse_corpus(proj)}
        result = suggest_project(proj, min_confidence=min_confidence)
        return [
            {**row, "source_file": files.get(aid, "")}
            for aid, path in result.files.items()
            for row in read_rows(path)
        ]


def held_out_events() -> tuple[list[Path], list[dict[str, str]]]:
    """The fixture articles and their hand-coded events.

    ``article_ids`` is ``<file name>#<article id>``: the row's ``article_id`` when the
    file holds several articles, else the file's only article.
    """
    from helpers.corpus.articles import parse_file
    from helpers.dataset.codebook import load_codebook

    codebook = load_codebook(ROOT / "data/codebook.yaml")
    articles = sorted(FIXTURES.glob("*.txt"))
    events = []
    for file in articles:
        ids = [a.article_id for a in parse_file(file, ROOT)]
        for n, row in enumerate(read_rows(file.with_suffix(".expected.csv")), start=1):
            article_id = row.get("article_id") or ids[0]
            if article_id not in ids:
                raise ValueError(f"{file.name}: row {n} names unknown article {article_id!r}")
            events.append(
                {
                    **row,
                    "event_id": f"{file.stem}#{n}",
                    "category": codebook.types[row["event_type"]].category,
                    "article_ids": f"{file.name}#{article_id}",
                }
            )
    return articles, events


def evaluate_held_out(min_confidence: float) -> tuple[list[Pair], list[dict], list[dict]]:
    """Pairs, duplicates and false candidates on the held-out fixtures."""
    articles, events = held_out_events()
    candidates = [
        {**c, "article_ids": f"{c['source_file']}#{c['article_ids']}"}
        for c in run(min_confidence, articles)
    ]
    return pair_up(events, candidates, strict=True)


def evaluate_seed(min_confidence: float) -> tuple[list[Pair], list[dict], list[dict]]:
    """Pairs, duplicates and false candidates on the seed articles."""
    return pair_up(read_rows(ROOT / "data/curated/events.csv"), run(min_confidence))


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.0f}%" if whole else "n/a"


def report(pairs: list[Pair], duplicates: list[dict], false: list[dict], verbose: bool) -> None:
    """Print recall, precision and date accuracy (and the misses with ``verbose``)."""
    found = [p for p in pairs if p.candidate is not None]
    n_cand = len(found) + len(duplicates) + len(false)
    print(f"curated events: {len(pairs)}; candidates: {n_cand}")
    print(f"recall (events matched):           {_pct(len(found), len(pairs))}")
    print(f"precision (candidates that match): {_pct(len(found) + len(duplicates), n_cand)}")
    print(f"  one-to-one (duplicates as false): {_pct(len(found), n_cand)}")
    print(
        f"false candidates per true one:     {len(false) / max(len(found), 1):.2f}"
        f" (with duplicates {(len(false) + len(duplicates)) / max(len(found), 1):.2f})"
    )
    print(
        f"date right at coded precision:     {_pct(sum(p.date_right for p in found), len(found))}"
    )
    judged = [p.actor_right for p in found if p.actor_right is not None]
    print(f"actor right (where coded):         {_pct(sum(judged), len(judged))}")
    if verbose:
        for p in pairs:
            c = p.candidate
            mark = "MISS" if c is None else ("ok  " if p.date_right else "DATE")
            if c is not None and p.actor_right is False:
                mark += f" ACTOR({c['actor'] or '-'})"
            got = "" if c is None else f" <- {c['event_type']} {c['date']} ({c['rule'][:90]})"
            print(f"{mark} {p.event['event_id']} {p.event['event_type']} {p.event['date']}{got}")
        for c in false:
            print(f"FALSE {c['event_type']} {c['date']} {c['confidence']} {c['evidence'][:80]!r}")
        for c in duplicates:
            print(f"DUP   {c['event_type']} {c['date']} {c['confidence']} {c['evidence'][:80]!r}")


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--only", choices=("seed", "held-out"), help="report one of the two scores only"
    )
    args = parser.parse_args(argv)
    if args.only != "held-out":
        print("== seed (data/raw vs data/curated/events.csv)")
        report(*evaluate_seed(args.min_confidence), verbose=args.verbose)
    if args.only != "seed":
        print("== held-out (tests/fixtures/suggest/*.txt vs *.expected.csv)")
        report(*evaluate_held_out(args.min_confidence), verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
