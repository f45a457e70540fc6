"""Check the curated data (``data/curated/events.csv``, ``actors.csv``) and list every problem.

Each problem names the file, the line as a person counts it in the CSV (the header is
line 1, the first data row line 2), the column, what was given and what is expected.
Problems that make the dataset wrong are errors; things that are probably but not
certainly wrong (a response dated before what it answers) are warnings.

>>> from helpers.paths import project
>>> report = validate_project(project())            # doctest: +SKIP
>>> report.summary()                                # doctest: +SKIP
'37 events, 20 actors checked: no errors, no warnings'
>>> fold_text("a  “quoted”\\n word’s")
'a "quoted" word\\'s'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from helpers.csvfiles import decoded
from helpers.csvfiles import reader as csv_reader
from helpers.dataset.actors import ActorRegistry, normalize_name, split_names
from helpers.dataset.codebook import CATEGORIES, Codebook, load_codebook
from helpers.dataset.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS_USED,
    EVENT_COLUMNS,
    ActorRow,
    Column,
    EventRow,
    column_names,
)
from helpers.dates import DATE_FORMS, date_form, date_span, single_unit
from helpers.errors import InputError, Problem
from helpers.paths import Project

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_WHITESPACE = re.compile(r"\s+")
INGEST_HINT = "run `briefings ingest` first to write it"


def fold_text(text: str) -> str:
    """Text as evidence is compared: whitespace runs to one space, curly quotes straight.

    Case is kept: the comparison is otherwise exact.

    >>> fold_text("  Hun  Sen’s\\n“party” ")
    'Hun Sen\\'s "party"'
    """
    return _WHITESPACE.sub(" ", text.translate(_QUOTES)).strip()


# ---------------------------------------------------------------------------- report


@dataclass
class ValidationReport:
    """Everything found wrong: ``errors`` block the build, ``warnings`` do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    n_events: int = 0
    n_actors: int = 0

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def summary(self) -> str:
        """One plain line, e.g. ``'42 events, 31 actors checked: 2 errors, no warnings'``."""
        return (
            f"{self.n_events} events, {self.n_actors} actors checked: "
            f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"
        )

    def raise_if_errors(self) -> None:
        """Raise :class:`InputError` listing every error (warnings are not listed)."""
        if self.errors:
            them = "it" if len(self.errors) == 1 else "them"
            raise InputError(
                self.errors,
                f"the curated data has {_count(len(self.errors), 'problem')} "
                f"(fix {them} and run `briefings validate` again):",
            )


def _count(n: int, noun: str) -> str:
    return f"no {noun}s" if n == 0 else f"{n} {noun}{'s' if n != 1 else ''}"


# ------------------------------------------------------------------------ reading CSV


@dataclass
class CsvRow:
    """One data row: the line it starts on and its cells by column name."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass
class CsvTable:
    """A CSV file read for checking; ``label`` is the path shown in messages."""

    label: str
    header: list[str]
    rows: list[CsvRow]
    problems: list[Problem] = field(default_factory=list)


def read_table(path: Path, label: str) -> CsvTable:
    """Read ``path`` keeping each row's starting line; ragged rows become problems.

    Raises ``FileNotFoundError`` if the file is missing, and :class:`InputError` naming the
    line when the file is not UTF-8 (a spreadsheet's "CSV" export in another encoding).
    """
    reader = csv_reader(io.StringIO(decoded(path, label), newline=""))
    header = [name.strip() for name in next(reader, [])]
    table = CsvTable(label, header, [])
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            table.rows.append(_make_row(table, start, cells))
        start = reader.line_num + 1
    return table


def _make_row(table: CsvTable, line: int, cells: list[str]) -> CsvRow:
    if len(cells) != len(table.header):
        table.problems.append(
            Problem(
                table.label,
                f"row has {len(cells)} values but the header has {len(table.header)} columns "
                "(a missing or extra comma, or an unquoted comma inside a cell?)",
                line=line,
            )
        )
    return CsvRow(line, dict(zip(table.header, cells, strict=False)))


def check_header(table: CsvTable, columns: tuple[Column, ...]) -> list[Problem]:
    """Missing, unknown and repeated columns, reported on line 1."""
    expected = column_names(columns)
    if not table.header:
        return [Problem(table.label, f"file is empty; expected a header: {','.join(expected)}")]
    problems = []
    for column in columns:
        if column.name not in table.header and not column.optional:
            problems.append(Problem(table.label, "missing column", line=1, column=column.name))
    seen: set[str] = set()
    for name in table.header:
        if name in seen:
            problems.append(Problem(table.label, "column appears twice", line=1, column=name))
        elif name not in expected:
            hint = _did_you_mean(name, expected)
            problems.append(
                Problem(
                    table.label,
                    f"unknown column{hint}; expected the columns: {', '.join(expected)}",
                    line=1,
                    column=name,
                )
            )
        seen.add(name)
    return problems


def check_rows(table: CsvTable, model: type[BaseModel]) -> list[Problem]:
    """Check every row against the schema ``model``; pydantic errors become row problems."""
    known = set(model.model_fields)
    problems = []
    for row in table.rows:
        values = {k: v for k, v in row.values.items() if k in known}
        try:
            model.model_validate(values)
        except ValidationError as exc:
            problems += [_problem_from_pydantic(table.label, row.line, e) for e in exc.errors()]
    return problems


def _problem_from_pydantic(label: str, line: int, error: dict) -> Problem:
    column = str(error["loc"][0]) if error["loc"] else None
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] != "value_error":
        message = f"got {error.get('input')!r}: {message}"
    return Problem(label, message, line=line, column=column)


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --------------------------------------------------------------------------- articles


def load_articles(project: Project) -> pd.DataFrame:
    """``data/processed/articles.csv`` as strings, indexed by ``article_id``.

    Raises :class:`InputError` telling to run ``briefings ingest`` when it is missing
    or lacks a column validation needs.
    """
    path = project.articles_table
    label = _label(project, path)
    if not path.is_file():
        raise InputError(Problem(label, f"not found; {INGEST_HINT}"))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ARTICLE_COLUMNS_USED if c not in frame.columns]
    if missing:
        raise InputError(
            Problem(label, f"missing column(s) {', '.join(missing)}; run `briefings ingest` again")
        )
    return frame.drop_duplicates("article_id").set_index("article_id", drop=False)


def _folded_fields(articles: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    return {
        aid: (fold_text(row.title), fold_text(row.body), fold_text(row.captions))
        for aid, row in zip(articles.index, articles.itertuples(index=False), strict=True)
    }


def _label(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


# ----------------------------------------------------------------------- event checks


@dataclass
class _Events:
    """What the event checks share: the table, references loaded once, parsed spans."""

    table: CsvTable
    codebook: Codebook | None
    registry: ActorRegistry | None
    actors_label: str
    articles: pd.DataFrame | None
    today: dt.date
    spans: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)

    def problem(self, row: CsvRow, column: str, message: str) -> Problem:
        return Problem(self.table.label, message, line=row.line, column=column)


def check_event_types(ev: _Events) -> list[Problem]:
    """Event types must be codebook keys; the category must be the codebook's for the type."""
    if ev.codebook is None:
        return []
    types = ev.codebook.types
    problems = []
    for row in ev.table.rows:
        name, category = row.get("event_type"), row.get("category")
        if not name:
            continue
        if name not in types:
            hint = _did_you_mean(name, types)
            problems.append(
                ev.problem(
                    row,
                    "event_type",
                    f"got {name!r}: not an event type in the codebook{hint}; expected "
                    f"{_valid_types(ev.codebook, category)}",
                )
            )
        elif category in CATEGORIES and category != types[name].category:
            problems.append(
                ev.problem(
                    row,
                    "category",
                    f"got {category!r}; the codebook puts event type {name!r} in category "
                    f"{types[name].category!r}",
                )
            )
    return problems


def _valid_types(codebook: Codebook, category: str) -> str:
    """The event types a row may have, in words: those of its category when it names one."""
    if category in CATEGORIES:
        names = sorted(n for n, t in codebook.types.items() if t.category == category)
        return f"one of the {category!r} types: {', '.join(names)}"
    return f"one of: {', '.join(sorted(codebook.types))}"


def check_dates(ev: _Events) -> list[Problem]:
    """Precision must match the date's form; a range must not be one calendar unit (it is
    written at that unit); dates may not be after today.

    Rows whose date is usable are recorded in ``ev.spans`` for the later checks.
    """
    problems = []
    for row in ev.table.rows:
        value, precision = row.get("date"), row.get("date_precision")
        form = date_form(value)
        try:
            span = date_span(value) if value else None
        except ValueError:
            continue  # reported by the schema check
        if span is None or precision not in DATE_FORMS:
            continue
        if form != precision:
            problems.append(
                ev.problem(
                    row,
                    "date_precision",
                    f"got {precision!r} but the date {value!r} has the form of {form!r} "
                    f"precision; {precision!r} needs a date as {DATE_FORMS[precision]}",
                )
            )
            continue
        unit = single_unit(value) if precision == "range" else None
        if unit is not None:
            problems.append(
                ev.problem(
                    row,
                    "date",
                    f"got the range {value!r}, which is exactly one {unit[1]}; expected it "
                    f"written at that unit, {unit[0]!r} with date_precision {unit[1]!r}",
                )
            )
            continue
        if span[0] > ev.today:
            problems.append(
                ev.problem(
                    row,
                    "date",
                    f"got {value!r}, which is after today ({ev.today.isoformat()}); "
                    "expected a date on or before today",
                )
            )
            continue
        ev.spans[row.line] = span
    return problems


def check_event_ids(ev: _Events) -> list[Problem]:
    """Each event_id once; ``responds_to`` must name other, existing events."""
    first_line: dict[str, int] = {}
    problems = []
    for row in ev.table.rows:
        event_id = row.get("event_id")
        if event_id in first_line:
            problems.append(
                ev.problem(
                    row,
                    "event_id",
                    f"got {event_id!r}, already used on line {first_line[event_id]}; "
                    "expected each event_id once",
                )
            )
        elif event_id:
            first_line[event_id] = row.line
    for row in ev.table.rows:
        for target in split_names(row.get("responds_to")):
            if target == row.get("event_id"):
                problems.append(
                    ev.problem(
                        row,
                        "responds_to",
                        f"got {target!r}, this event's own id; an event cannot respond to itself",
                    )
                )
            elif target not in first_line:
                hint = _did_you_mean(target, first_line)
                problems.append(
                    ev.problem(
                        row,
                        "responds_to",
                        f"got {target!r}: no event has this event_id{hint}",
                    )
                )
    return problems


def check_actor_names(ev: _Events) -> list[Problem]:
    """Actor and target names must be canonical names from the actor registry."""
    if ev.registry is None:
        return []
    problems = []
    for row in ev.table.rows:
        for column in ("actor", "target"):
            for name in split_names(row.get(column)):
                message = _actor_name_problem(ev.registry, name, ev.actors_label)
                if message:
                    problems.append(ev.problem(row, column, message))
    return problems


def check_actor_roles(ev: _Events) -> list[Problem]:
    """Actors of a category with an actor rule in the codebook (international responses)
    must satisfy it: a foreign government, intergovernmental or UN body, or an NGO, person
    or outlet registered in another country than the event's (its articles' country)."""
    if ev.codebook is None or ev.registry is None or ev.articles is None:
        return []
    countries = ev.articles["country"].to_dict()
    problems = []
    for row in ev.table.rows:
        info = ev.codebook.categories.get(row.get("category"))
        if info is None or info.actors is None:
            continue
        homes = {countries.get(a, "") for a in split_names(row.get("article_ids"))} - {""}
        country = next(iter(homes), "")
        for name in split_names(row.get("actor")):
            if ev.registry.resolve(name) is None:
                continue  # reported by check_actor_names
            if not ev.registry.is_international(name, country, info.actors):
                kind = ev.registry.kind(name)
                home = ev.registry.countries.get(ev.registry.resolve(name), "") or "no country"
                category = row.get("category")
                problems.append(
                    ev.problem(
                        row,
                        "actor",
                        f"{name!r} ({kind}, {home}) cannot act in category {category!r}: "
                        f"expected an actor of kind {', '.join(info.actors.kinds)}, or of kind "
                        f"{', '.join(info.actors.foreign_kinds)} registered in a country other "
                        f"than {country or 'the event'}; code a call by the country's own "
                        "opposition as a domestic_response",
                    )
                )
    return problems


def _actor_name_problem(registry: ActorRegistry, name: str, actors_label: str) -> str | None:
    if registry.is_canonical(name):
        return None
    canonical = registry.resolve(name)
    if canonical is not None:
        return f"got {name!r}, an alias; use the canonical name {canonical!r}"
    hint = _did_you_mean(name, registry.names)
    return f"got {name!r}: missing from {actors_label}; add it there or fix the spelling{hint}"


def check_articles(ev: _Events) -> list[Problem]:
    """Cited article ids must exist; the evidence must occur in one of the cited articles."""
    if ev.articles is None:
        return []
    known = set(ev.articles.index)
    folded = _folded_fields(ev.articles)
    problems = []
    for row in ev.table.rows:
        cited = split_names(row.get("article_ids"))
        for aid in cited:
            if aid not in known:
                hint = _did_you_mean(aid, known)
                problems.append(
                    ev.problem(
                        row,
                        "article_ids",
                        f"got {aid!r}: no article with this id in data/processed/articles.csv"
                        f"{hint}",
                    )
                )
        searched = [aid for aid in cited if aid in known]
        evidence = fold_text(row.get("evidence"))
        if evidence and searched and not _evidence_found(evidence, searched, folded):
            problems.append(
                ev.problem(
                    row,
                    "evidence",
                    f"got {_short(evidence)}: not found in the title, body or captions of "
                    f"article(s) {', '.join(repr(a) for a in searched)} (compared after folding "
                    "whitespace and curly quotes, case-sensitive); expected a verbatim quote",
                )
            )
    return problems


def _evidence_found(
    evidence: str, article_ids: list[str], folded: dict[str, tuple[str, str, str]]
) -> bool:
    return any(evidence in text for aid in article_ids for text in folded[aid])


def _short(text: str, limit: int = 100) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


# --------------------------------------------------------------------- event warnings


def warn_response_order(ev: _Events) -> list[Problem]:
    """Warn when a response is dated wholly before an event it responds to."""
    spans_by_id = {
        row.get("event_id"): ev.spans[row.line] for row in ev.table.rows if row.line in ev.spans
    }
    problems = []
    for row in ev.table.rows:
        span = ev.spans.get(row.line)
        if span is None:
            continue
        for target in split_names(row.get("responds_to")):
            target_span = spans_by_id.get(target)
            if target_span and span[1] < target_span[0]:
                problems.append(
                    ev.problem(
                        row,
                        "responds_to",
                        f"this event ({row.get('date')}) is dated before {target!r} "
                        f"({target_span[0].isoformat()}), the event it responds to",
                    )
                )
    return problems


def warn_after_publication(ev: _Events) -> list[Problem]:
    """Warn when an event starts after every cited article was published.

    A scheduled election (event type ``election`` with "scheduled" in its notes) is
    expected to be later than the articles announcing it.
    """
    if ev.articles is None:
        return []
    published = ev.articles["published_date"].to_dict()
    problems = []
    for row in ev.table.rows:
        span = ev.spans.get(row.line)
        if span is None or _is_scheduled_election(row):
            continue
        dates = [_iso(published.get(aid, "")) for aid in split_names(row.get("article_ids"))]
        dates = [d for d in dates if d is not None]
        if dates and span[0] > max(dates):
            problems.append(
                ev.problem(
                    row,
                    "date",
                    f"got {row.get('date')!r}, after the publication of every cited article "
                    f"(latest {max(dates).isoformat()}); a scheduled election is coded as "
                    "context/election with 'scheduled' in notes",
                )
            )
    return problems


def _is_scheduled_election(row: CsvRow) -> bool:
    return (
        row.get("category") == "context"
        and row.get("event_type") == "election"
        and "scheduled" in row.get("notes").lower()
    )


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def event_identity(values: dict[str, str]) -> tuple[str, ...]:
    """What makes two event rows the same event: type, date, actor, target and evidence.

    Names are compared as sets and the evidence after folding, so a reordered actor list
    or a curly quote does not hide a duplicate.

    >>> a = {"event_type": "arrest", "date": "2017-09", "actor": "A;B", "target": "",
    ...      "evidence": "He was “arrested”."}
    >>> b = {**a, "actor": "B; A", "evidence": 'He was "arrested".'}
    >>> event_identity(a) == event_identity(b)
    True
    """
    return (
        (values.get("event_type") or "").strip(),
        (values.get("date") or "").strip(),
        ";".join(sorted(split_names(values.get("actor")))),
        ";".join(sorted(split_names(values.get("target")))),
        fold_text(values.get("evidence") or ""),
    )


def warn_duplicate_events(ev: _Events) -> list[Problem]:
    """Warn about an event that repeats an earlier one (same :func:`event_identity`)."""
    first: dict[tuple[str, ...], CsvRow] = {}
    problems = []
    for row in ev.table.rows:
        key = event_identity(row.values)
        if not key[0] or not key[4]:
            continue
        if key in first:
            earlier = first[key]
            problems.append(
                ev.problem(
                    row,
                    "event_id",
                    f"{row.get('event_id')!r} duplicates {earlier.get('event_id')!r} on line "
                    f"{earlier.line} (same event type, date, actor, target and evidence); "
                    "expected each event once (add a further source to article_ids instead)",
                )
            )
        else:
            first[key] = row
    return problems


# ----------------------------------------------------------------------- actor checks


def check_actor_registry(table: CsvTable) -> list[Problem]:
    """Canonical names once; each alias names one actor and is nobody's canonical name."""
    canonical_line: dict[str, int] = {}
    problems = []
    for row in table.rows:
        key = normalize_name(row.get("actor"))
        if not key:
            continue
        if key in canonical_line:
            problems.append(
                Problem(
                    table.label,
                    f"got {row.get('actor')!r}, already listed on line {canonical_line[key]}; "
                    "expected each actor once (add other spellings as aliases)",
                    line=row.line,
                    column="actor",
                )
            )
        else:
            canonical_line[key] = row.line
    alias_line: dict[str, tuple[int, str]] = {}
    for row in table.rows:
        own = normalize_name(row.get("actor"))
        for alias in split_names(row.get("aliases")):
            key = normalize_name(alias)
            if key == own:
                continue
            message = None
            if key in canonical_line:
                message = (
                    f"alias {alias!r} is the canonical name of the actor on line "
                    f"{canonical_line[key]}; an alias must name only this actor"
                )
            elif key in alias_line and alias_line[key][1] != own:
                message = (
                    f"alias {alias!r} is also an alias of the actor on line "
                    f"{alias_line[key][0]}; an alias must name only one actor"
                )
            alias_line.setdefault(key, (row.line, own))
            if message:
                problems.append(Problem(table.label, message, line=row.line, column="aliases"))
    for row in table.rows:
        institution = row.get("member_of")
        if institution and normalize_name(institution) not in canonical_line:
            problems.append(
                Problem(
                    table.label,
                    f"member_of {institution!r} is not an actor of this table; expected the "
                    "canonical name of the institution the actor acts for",
                    line=row.line,
                    column="member_of",
                )
            )
    return problems


# ------------------------------------------------------------------------- the project


def validate_project(project: Project, today: dt.date | None = None) -> ValidationReport:
    """Check codebook, actors and curated events of ``project``; return every problem found.

    ``today`` (default: the date of the run) is the latest date an event may have.
    """
    report = ValidationReport()
    codebook = _load_codebook(project, report)
    actors_table = _read_or_report(project, project.actors, report)
    registry = None
    if actors_table is not None:
        _check_actors_table(actors_table, report)
        registry = ActorRegistry.from_rows(r.values for r in actors_table.rows if r.get("actor"))
    events_table = _read_or_report(project, project.curated_events, report)
    if events_table is None:
        return report
    articles = _load_articles_or_report(project, report)
    ev = _Events(
        events_table,
        codebook,
        registry,
        _label(project, project.actors),
        articles,
        today or dt.date.today(),
    )
    _check_events(ev, report)
    return report


def _load_codebook(project: Project, report: ValidationReport) -> Codebook | None:
    try:
        return load_codebook(project.codebook)
    except InputError as exc:
        label = _label(project, project.codebook)
        report.errors += [dataclasses.replace(p, file=label) for p in exc.problems]
        return None


def _read_or_report(project: Project, path: Path, report: ValidationReport) -> CsvTable | None:
    label = _label(project, path)
    try:
        return read_table(path, label)
    except FileNotFoundError:
        report.errors.append(Problem(label, "not found"))
        return None


def _load_articles_or_report(project: Project, report: ValidationReport) -> pd.DataFrame | None:
    try:
        return load_articles(project)
    except InputError as exc:
        report.errors += exc.problems
        return None


def _check_actors_table(table: CsvTable, report: ValidationReport) -> None:
    report.n_actors = len(table.rows)
    report.errors += check_header(table, ACTOR_COLUMNS)
    report.errors += table.problems
    report.errors += check_rows(table, ActorRow)
    report.errors += check_actor_registry(table)


def _check_events(ev: _Events, report: ValidationReport) -> None:
    table = ev.table
    report.n_events = len(table.rows)
    report.errors += check_header(table, EVENT_COLUMNS)
    report.errors += table.problems
    report.errors += check_rows(table, EventRow)
    for check in (check_event_ids, check_event_types, check_dates, check_actor_names):
        report.errors += check(ev)
    report.errors += check_actor_roles(ev)
    report.errors += check_articles(ev)
    report.warnings += warn_response_order(ev)
    report.warnings += warn_after_publication(ev)
    report.warnings += warn_duplicate_events(ev)
    # One list in file order reads best: sort by line, keeping each check's order within it.
    report.errors.sort(key=lambda p: (p.file, p.line or 0))
    report.warnings.sort(key=lambda p: (p.file, p.line or 0))
