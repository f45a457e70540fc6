"""``briefings accept``: move reviewed suggested rows into ``data/curated/events.csv``.

Rows are chosen by number (``--rows 1,3-5``: 1-based data rows) or by suggestion id
(``--rows SUG-4``). A row without ``matches_event`` becomes a new event whose id continues
the country's ``KHM-NNN`` sequence; a row with ``matches_event`` adds its article to that
event and refines the event's date when the row's date span lies inside the event's and is
shorter (spans are compared, so a row may narrow a range or be one). The
result is validated (``helpers.dataset.validation.validate_project`` on a temporary copy of
the project data) before anything is written: a row that brings a new problem is rejected
with a message naming the row, and the curated file stays byte-identical. On success the
curated file and the suggestion file are written together; accepted rows stay in the
suggestion file, marked ``status=accepted`` with the event they went to (``accepted_as``),
so row numbers never move and a row is never accepted twice. A row that would repeat a
curated event (same type, date, actor, target and evidence) is refused too.
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


ACCEPTED = "accepted"
#: Where the suggestion file records which event an accepted row went to.
ACCEPTED_AS = "accepted_as"
_ROWS_EXAMPLE = "row numbers, ranges or suggestion ids such as '1,3-5' or 'SUG-4'"
#: A range is read up to this many rows past its start: far more than any suggestion file
#: holds, so a mistyped end is reported as out of range rather than expanded.
MAX_ROWS = 10_000


@dataclass
class AcceptResult:
    """What an accept run changed: ``(event_id, suggestion)`` pairs."""

    added: list[tuple[str, str]] = field(default_factory=list)
    merged: list[tuple[str, str]] = field(default_factory=list)
    suggestion_file: str = ""

    def summary(self) -> str:
        """One line saying which events were added or given another source, from which rows.

        >>> AcceptResult([("KHM-039", "SUG-4")], [("KHM-001", "SUG-1")], "x.csv").summary()
        'added KHM-039 from SUG-4; added a source to KHM-001 from SUG-1 (from x.csv)'
        """
        parts = [f"added {e} from {s}" for e, s in self.added]
        parts += [f"added a source to {e} from {s}" for e, s in self.merged]
        return f"{'; '.join(parts) or 'nothing accepted'} (from {self.suggestion_file})"


def _rows_error(got: str, expected: str) -> ParameterError:
    return ParameterError(f"--rows: got {got!r}; expected {expected}")


def parse_rows(spec: str | None) -> list[int | str] | None:
    """``'1,3-5,SUG-7'`` as ``[1, 3, 4, 5, 'SUG-7']``; ``None`` (every row not yet
    accepted) when not given. An empty or reversed selection is an error, never "all".

    >>> parse_rows("1,3-5,sug-7"), parse_rows(None)
    ([1, 3, 4, 5, 'SUG-7'], None)
    >>> parse_rows("5-3")
    Traceback (most recent call last):
    helpers.errors.ParameterError: --rows: got '5-3', a range that ends before it starts; ...
    """
    if spec is None:
        return None
    if not spec.strip():
        raise _rows_error(spec, f"{_ROWS_EXAMPLE} (an empty --rows selects nothing)")
    chosen: dict[int | str, None] = {}  # ordered, without repeats
    for part in (p.strip() for p in spec.split(",")):
        if re.fullmatch(r"(?i)SUG-\d+", part):
            chosen[part.upper()] = None
            continue
        match = re.fullmatch(r"(\d+)\s*(?:-\s*(\d+))?", part)
        if not match:
            raise _rows_error(part, _ROWS_EXAMPLE)
        first, last = int(match[1]), int(match[2] or match[1])
        if first == 0:
            raise _rows_error(part, "rows numbered from 1")
        if last < first:
            raise ParameterError(
                f"--rows: got {part!r}, a range that ends before it starts; expected a range "
                f"such as '{last}-{first}'"
            )
        chosen.update(dict.fromkeys(range(first, min(last, first + MAX_ROWS) + 1)))
    return list(chosen)


def suggestion_name(row: dict[str, str], number: int) -> str:
    """How messages name a suggestion: its id (files written before ``suggestion_id``
    existed kept it in ``event_id``), else its row number.

    >>> suggestion_name({"suggestion_id": "SUG-4"}, 2), suggestion_name({}, 2)
    ('SUG-4', 'row 2')
    """
    for column in ("suggestion_id", "event_id"):
        value = (row.get(column) or "").strip()
        if value.startswith("SUG-"):
            return value
    return f"row {number}"


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


def _merge_into(event: dict[str, str], row: dict[str, str]) -> bool:
    """Add the row's articles to ``event`` and refine its date when the row's span is
    narrower and inside it; ``False`` when the row adds nothing (the event already cites
    its articles at least as precisely)."""
    ids = split_names(event["article_ids"])
    new_ids = [a for a in split_names(row.get("article_ids")) if a not in ids]
    event["article_ids"] = ";".join(ids + new_ids)
    current = CuratedEvent(
        event["event_id"], "", event["date"], event["date_precision"], (), (), ()
    )
    try:
        refined = refine_date(current, row.get("date", ""), row.get("date_precision", ""))
    except (ValueError, TypeError, KeyError):
        refined = None
    if refined:
        event["date"], event["date_precision"] = refined
    return bool(new_ids or refined)


def apply_rows(
    events: list[dict[str, str]],
    rows: dict[int, dict[str, str]],
    countries: dict[str, str],
    label: str,
) -> tuple[dict[int, int], AcceptResult]:
    """Apply suggestion rows to ``events`` in place; return row number -> event index.

    Raises :class:`InputError` naming every row that points at no event or would repeat
    a curated event.
    """
    from helpers.dataset.validation import event_identity

    result = AcceptResult(suggestion_file=label)
    where: dict[int, int] = {}
    problems: list[Problem] = []
    by_id = {ev["event_id"]: i for i, ev in enumerate(events)}
    coded = {event_identity(ev): ev["event_id"] for ev in events}
    for number, row in rows.items():
        name = suggestion_name(row, number)
        target = (row.get("matches_event") or "").strip()
        if target:
            if target not in by_id:
                problems.append(
                    Problem(label, f"{name}: matches_event {target!r}: no such curated event",
                            row=number)
                )  # fmt: skip
            elif not _merge_into(events[by_id[target]], row):
                problems.append(
                    Problem(label, f"{name}: {target} already cites its article at this date; "
                            "nothing to add", row=number)
                )  # fmt: skip
            else:
                where[number] = by_id[target]
                result.merged.append((target, name))
            continue
        new = _curated_part(row)
        twin = coded.get(event_identity(new))
        if twin:
            problems.append(
                Problem(label, f"{name}: repeats {twin} (same event type, date, actor, target and "
                        "evidence); it was accepted before", row=number)
            )  # fmt: skip
            continue
        if not EVENT_ID_PATTERN.match(new["event_id"]) or new["event_id"] in by_id:
            prefix = country_prefix(
                events,
                split_names(new["article_ids"])[:1][0] if new["article_ids"] else "",
                countries,
            )
            new["event_id"] = next_event_id(events, prefix)
        events.append(new)
        coded[event_identity(new)] = new["event_id"]
        by_id[new["event_id"]] = where[number] = len(events) - 1
        result.added.append((new["event_id"], name))
    if problems:
        raise InputError(problems, "refused: curated events left unchanged:")
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


def _row_numbers(rows: list[dict[str, str]], wanted: list[int | str], label: str) -> list[int]:
    """Row numbers for the numbers and suggestion ids in ``wanted``."""
    by_name = {suggestion_name(r, n): n for n, r in enumerate(rows, start=1)}
    numbers, unknown = [], []
    for item in wanted:
        number = item if isinstance(item, int) else by_name.get(item)
        if number is None or not 1 <= number <= len(rows):
            unknown.append(str(item))
        elif number not in numbers:
            numbers.append(number)
    if unknown:
        ids = [n for n in by_name if n.startswith("SUG-")]
        named = f" ({ids[0]} to {ids[-1]})" if ids else ""
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise ParameterError(
            f"--rows: {label} has rows 1-{len(rows)}{named}; got {', '.join(unknown[:5])}{more}"
        )
    return numbers


def _select(
    rows: list[dict[str, str]], wanted: list[int | str] | None, label: str
) -> dict[int, dict[str, str]]:
    """The chosen rows by number; a row accepted before is an error when named."""
    if wanted is None:
        return {n: r for n, r in enumerate(rows, start=1) if (r.get("status") or "") != ACCEPTED}
    numbers = _row_numbers(rows, wanted, label)
    done = [n for n in numbers if (rows[n - 1].get("status") or "") == ACCEPTED]
    if done:
        raise InputError(
            [
                Problem(
                    label,
                    f"{suggestion_name(rows[n - 1], n)} was already accepted"
                    + (f" as {rows[n - 1][ACCEPTED_AS]}" if rows[n - 1].get(ACCEPTED_AS) else "")
                    + "; expected rows still suggested",
                    row=n,
                )
                for n in done
            ],
            "refused: curated events left unchanged:",
        )
    return {n: rows[n - 1] for n in numbers}


def _mark_accepted(
    header: list[str], rows: list[dict[str, str]], where: dict[int, int], events: list[dict]
) -> list[str]:
    """Mark accepted rows in place; returns the header with ``status``/``accepted_as``."""
    for name in ("status", ACCEPTED_AS):
        if name not in header:
            header = [*header, name]
    for number, index in where.items():
        rows[number - 1]["status"] = ACCEPTED
        rows[number - 1][ACCEPTED_AS] = events[index]["event_id"]
    return header


def accept_file(
    project: Project, file: str | Path, wanted: list[int | str] | None = None
) -> AcceptResult:
    """Accept rows ``wanted`` (1-based numbers or suggestion ids; every row not yet accepted
    when ``None``) of suggestion ``file``."""
    path = Path(file) if Path(file).is_absolute() else (Path.cwd() / file)
    if not path.is_file() and (project.root / file).is_file():
        path = project.root / file
    label = relative(path, project.root)
    if not path.is_file():
        raise InputError(Problem(label, "suggestion file not found"))
    sug_header, sug_rows = dict_rows(path, label)
    chosen = _select(sug_rows, wanted, label)
    if not chosen:
        return AcceptResult(suggestion_file=label)
    header, events = dict_rows(
        project.curated_events, relative(project.curated_events, project.root)
    )
    header = header or CURATED_COLUMNS
    where, result = apply_rows(events, chosen, _article_countries(project), label)
    events_text = to_csv(header, events)
    problems = new_problems(project, events_text)
    if problems:
        raise _rejection(problems, where, _row_lines(events_text), label)
    sug_header = _mark_accepted(sug_header, sug_rows, where, events)
    write_all(
        {
            project.curated_events: lambda tmp: tmp.write_text(events_text, encoding="utf-8"),
            path: lambda tmp: tmp.write_text(to_csv(sug_header, sug_rows), encoding="utf-8"),
        }
    )
    return result
