"""``briefings accept``: move reviewed suggested rows into ``data/curated/events.csv``.

A row without ``matches_event`` becomes a new event whose id continues the country's
``KHM-NNN`` sequence; a row with ``matches_event`` adds its article to that event and
refines the event's date when the row's date is more precise and inside it. The result
is validated (``helpers.dataset.validation.validate_project`` on a temporary copy of the project
data) before anything is written: a row that brings a new problem is rejected with a
message naming the row, and the curated file stays byte-identical. On success the
curated file and the suggestion file (accepted rows removed) are written together.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from helpers.atomic import write_all
from helpers.csvfiles import dict_rows
from helpers.dataset.actors import split_names
from helpers.dataset.schema import EVENT_COLUMNS, EVENT_ID_PATTERN, column_names
from helpers.errors import InputError, ParameterError, Problem, relative
from helpers.paths import Project
from helpers.suggest.merge import CuratedEvent, refine_date

CURATED_COLUMNS = column_names(EVENT_COLUMNS)


@dataclass
class AcceptResult:
    """What an accept run changed."""

    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    suggestion_file: str = ""

    def summary(self) -> str:
        """One line saying which events were added or given another source."""
        parts = []
        if self.added:
            parts.append(f"added {', '.join(self.added)}")
        if self.merged:
            parts.append(f"added a source to {', '.join(self.merged)}")
        return f"{'; '.join(parts) or 'nothing accepted'} (from {self.suggestion_file})"


def parse_rows(spec: str | None) -> list[int] | None:
    """``'1,3-5'`` as ``[1, 3, 4, 5]``; ``None`` (all rows) when not given.

    >>> parse_rows("1,3-5"), parse_rows(None)
    ([1, 3, 4, 5], None)
    """
    if not spec:
        return None
    numbers: list[int] = []
    for part in spec.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not match:
            raise ParameterError(f"--rows: got {part!r}; expected numbers and ranges like '1,3-5'")
        first, last = int(match[1]), int(match[2] or match[1])
        numbers += range(first, last + 1)
    return sorted(set(numbers))


def to_csv(header: list[str], rows: list[dict[str, str]]) -> str:
    """Rows as CSV text (``\\n`` line ends, minimal quoting), as the curated file is kept."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# ------------------------------------------------------------------------ event ids


def _article_countries(project: Project) -> dict[str, str]:
    path = project.articles_table
    if not path.is_file():
        return {}
    _, rows = dict_rows(path)
    return {r.get("article_id", ""): r.get("country", "") for r in rows}


def iso3(country: str) -> str | None:
    """The ISO 3166 alpha-3 code of a country name, or ``None`` if it is not one.

    >>> iso3("Cambodia"), iso3("Myanmar"), iso3("Atlantis")
    ('KHM', 'MMR', None)
    """
    import pycountry

    try:
        return pycountry.countries.lookup(country.strip()).alpha_3
    except LookupError:
        return None


def country_prefix(events: list[dict[str, str]], article_id: str, countries: dict[str, str]) -> str:
    """The ISO3 prefix of the row's country: its ISO code, else the prefix the curated
    events of that country use."""
    country = countries.get(article_id, "")
    code = iso3(country) if country else None
    if code:
        return code
    same, every = Counter(), Counter()
    for ev in events:
        prefix = ev.get("event_id", "").split("-")[0]
        every[prefix] += 1
        if country and any(countries.get(a) == country for a in split_names(ev.get("article_ids"))):
            same[prefix] += 1
    chosen = same or every
    if not chosen:
        raise InputError(
            Problem("data/curated/events.csv", "no event yet, so the country code is unknown; "
                    "give the row an event_id such as 'KHM-001'")
        )  # fmt: skip
    return chosen.most_common(1)[0][0]


def next_event_id(events: list[dict[str, str]], prefix: str) -> str:
    """The next id in ``prefix``'s sequence, keeping the digit width (``KHM-038``)."""
    numbers = [
        ev["event_id"].split("-")[1]
        for ev in events
        if ev.get("event_id", "").startswith(f"{prefix}-")
    ]
    width = max((len(n) for n in numbers), default=3)
    last = max((int(n) for n in numbers if n.isdigit()), default=0)
    return f"{prefix}-{last + 1:0{width}d}"


# ------------------------------------------------------------------------- applying


def _curated_part(row: dict[str, str]) -> dict[str, str]:
    return {c: (row.get(c) or "").strip() for c in CURATED_COLUMNS}


def _merge_into(event: dict[str, str], row: dict[str, str]) -> None:
    """Add the row's articles to ``event`` and refine its date when the row is more precise."""
    ids = split_names(event["article_ids"])
    ids += [a for a in split_names(row.get("article_ids")) if a not in ids]
    event["article_ids"] = ";".join(ids)
    current = CuratedEvent(
        event["event_id"], "", event["date"], event["date_precision"], (), (), ()
    )
    try:
        refined = refine_date(current, row.get("date", ""), row.get("date_precision", ""))
    except (ValueError, TypeError, KeyError):
        refined = None
    if refined:
        event["date"], event["date_precision"] = refined


def apply_rows(
    events: list[dict[str, str]],
    rows: dict[int, dict[str, str]],
    countries: dict[str, str],
    label: str,
) -> tuple[dict[int, int], AcceptResult]:
    """Apply suggestion rows to ``events`` in place; return row number -> event index."""
    result = AcceptResult(suggestion_file=label)
    where: dict[int, int] = {}
    by_id = {ev["event_id"]: i for i, ev in enumerate(events)}
    for number, row in rows.items():
        target = (row.get("matches_event") or "").strip()
        if target:
            if target not in by_id:
                raise InputError(
                    Problem(label, f"matches_event {target!r}: no such curated event", row=number)
                )
            _merge_into(events[by_id[target]], row)
            where[number] = by_id[target]
            result.merged.append(target)
            continue
        new = _curated_part(row)
        if not EVENT_ID_PATTERN.match(new["event_id"]) or new["event_id"] in by_id:
            prefix = country_prefix(
                events,
                split_names(new["article_ids"])[:1][0] if new["article_ids"] else "",
                countries,
            )
            new["event_id"] = next_event_id(events, prefix)
        events.append(new)
        by_id[new["event_id"]] = where[number] = len(events) - 1
        result.added.append(new["event_id"])
    return where, result


# ----------------------------------------------------------------------- validation


def _temporary_project(project: Project, tmp: Path, events_text: str) -> Project:
    """A copy of what validation reads, with ``events_text`` as the curated events."""
    from helpers.paths import project as make_project

    copy = make_project(tmp)
    copy.curated.mkdir(parents=True)
    shutil.copy(project.codebook, copy.codebook)
    if project.actors.is_file():
        shutil.copy(project.actors, copy.actors)
    copy.curated_events.write_text(events_text, encoding="utf-8")
    if project.articles_table.is_file():
        copy.processed.mkdir(parents=True)
        shutil.copy(project.articles_table, copy.articles_table)
    else:
        from helpers.corpus.ingest import ingest

        shutil.copytree(project.raw, copy.raw)
        ingest(copy)
    return copy


def _key(problem: Problem) -> tuple:
    return (problem.line, problem.column, problem.message)


def new_problems(project: Project, events_text: str) -> list[Problem]:
    """Errors validation finds with ``events_text`` that it does not find today."""
    from helpers.dataset.validation import validate_project

    with tempfile.TemporaryDirectory() as tmp:
        after = validate_project(_temporary_project(project, Path(tmp), events_text)).errors
    if not after:
        return []
    before = {_key(p) for p in validate_project(project).errors}
    return [p for p in after if _key(p) not in before]


def _row_lines(events_text: str) -> list[int]:
    """The starting line of each data row of a CSV text."""
    from helpers.dataset.validation import read_table

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.csv"
        path.write_text(events_text, encoding="utf-8")
        return [row.line for row in read_table(path, "events.csv").rows]


def _rejection(
    problems: list[Problem], where: dict[int, int], lines: list[int], label: str
) -> InputError:
    line_row = {lines[index]: number for number, index in where.items()}
    named = [
        Problem(label, f"{p.column or 'row'}: {p.message}", row=line_row.get(p.line or -1))
        for p in problems
    ]
    return InputError(
        named, "rejected: curated events left unchanged; fix these rows and accept again:"
    )


# ------------------------------------------------------------------------- the step


def _select(
    rows: list[dict[str, str]], wanted: list[int] | None, label: str
) -> dict[int, dict[str, str]]:
    numbers = wanted or list(range(1, len(rows) + 1))
    bad = [n for n in numbers if not 1 <= n <= len(rows)]
    if bad:
        raise ParameterError(f"--rows: {label} has rows 1-{len(rows)}; got {bad}")
    return {n: rows[n - 1] for n in numbers if rows[n - 1].get("status", "suggested") != "accepted"}


def accept_file(
    project: Project, file: str | Path, wanted: list[int] | None = None
) -> AcceptResult:
    """Accept rows ``wanted`` (1-based; all when ``None``) of suggestion ``file``."""
    path = Path(file) if Path(file).is_absolute() else (Path.cwd() / file)
    if not path.is_file() and (project.root / file).is_file():
        path = project.root / file
    label = relative(path, project.root)
    if not path.is_file():
        raise InputError(Problem(label, "suggestion file not found"))
    sug_header, sug_rows = dict_rows(path)
    chosen = _select(sug_rows, wanted, label)
    header, events = dict_rows(project.curated_events)
    header = header or CURATED_COLUMNS
    where, result = apply_rows(events, chosen, _article_countries(project), label)
    events_text = to_csv(header, events)
    problems = new_problems(project, events_text)
    if problems:
        raise _rejection(problems, where, _row_lines(events_text), label)
    remaining = [r for n, r in enumerate(sug_rows, start=1) if n not in chosen]
    write_all(
        {
            project.curated_events: lambda tmp: tmp.write_text(events_text, encoding="utf-8"),
            path: lambda tmp: tmp.write_text(to_csv(sug_header, remaining), encoding="utf-8"),
        }
    )
    return result
