"""Read one ACLED export file into records, naming every problem with file, line and column.

A file is read whole before anything is kept: any problem (an empty file, a byte-order
mark or ``;`` delimiter left by a spreadsheet, a header mixing the two export layouts, a
missing column, a date that is not a date, a ``time_precision`` outside 1-3...) raises
:class:`~helpers.errors.InputError` listing every problem found, and the file is not
imported. Lines are counted as a text editor counts them (the header is line 1; a quoted
``notes`` cell may span several lines).

Each record is a dict of :data:`helpers.acled.store.RECORD_COLUMNS` (strings): the export's
cells, the date rewritten as ISO, the actor categories (``inter1``/``inter2``) as words,
and where the record came from (``export_file``, ``export_line``, ``vintage``).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from helpers import csvfiles
from helpers.acled.store import RECORD_COLUMNS
from helpers.acled.vintages import SHARED_COLUMNS, VINTAGES, MixedVintageError, Vintage, detect
from helpers.dataset.codebook import AcledSection
from helpers.dates import ACLED_TIME_PRECISIONS
from helpers.errors import InputError, Problem

#: Problems listed per file before the rest are counted.
MAX_PROBLEMS = 20

#: Cells that may not be empty.
REQUIRED = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "country")
REQUIRED += ("timestamp",)

SPREADSHEET_HINT = (
    "import the export as downloaded from ACLED (a spreadsheet that re-saves it may also "
    "rewrite its dates and numbers)"
)


@dataclass
class ExportFile:
    """One export, read: its layout, its records, and columns it has beyond the layout's."""

    label: str
    vintage: Vintage
    records: list[dict[str, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file's name, recorded as each record's provenance."""
        return Path(self.label).name


def read_export(path: Path, label: str, acled: AcledSection) -> ExportFile:
    """Read and check the export at ``path`` (``label`` names it in messages)."""
    text = _decode(Path(path), label)
    reader = csvfiles.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    vintage = _check_header(header, label)
    export = ExportFile(label, vintage)
    export.ignored_columns = [h for h in header if h not in vintage.columns]
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            row = _Row(label, line, dict(zip(header, cells, strict=False)), problems)
            if len(cells) != len(header):
                row.problem(
                    None,
                    f"row has {len(cells)} values but the header has {len(header)} columns",
                )
            else:
                record = _record(row, vintage, acled, export.name)
                _check_unique(row, record["acled_id"], first_line)
                export.records.append(record)
        line = reader.line_num + 1
    if problems:
        raise InputError(_capped(problems, label))
    return export


# ------------------------------------------------------------------------ the file


def _decode(path: Path, label: str) -> str:
    if path.exists() and not path.is_dir() and not path.is_file():
        raise InputError(
            Problem(label, "is not a regular file (a device or a pipe); expected an ACLED export")
        )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(label, "not found; expected an ACLED export (CSV)")) from None
    except IsADirectoryError:
        raise InputError(Problem(label, "is a folder; expected an ACLED export (CSV)")) from None
    if not raw.strip():
        raise InputError(
            Problem(label, "file is empty; expected an ACLED export with its header", line=1)
        )
    if raw.startswith(codecs.BOM_UTF8):
        raise InputError(
            Problem(
                label,
                "starts with a byte-order mark, which ACLED's exports do not have: the file "
                f"was saved by a spreadsheet; {SPREADSHEET_HINT}",
                line=1,
            )
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(
                label,
                f"byte 0x{raw[exc.start]:02x} cannot be read as UTF-8; ACLED exports are "
                f"UTF-8: {SPREADSHEET_HINT}",
                line=raw[: exc.start].count(b"\n") + 1,
            )
        ) from None


def _check_header(header: list[str], label: str) -> Vintage:
    if len(header) == 1 and ";" in header[0]:
        raise InputError(
            Problem(
                label,
                "the columns are separated by ';' (a spreadsheet's regional CSV setting); "
                f"ACLED exports separate them by ','; {SPREADSHEET_HINT}",
                line=1,
            )
        )
    try:
        vintage = detect(header)
    except MixedVintageError as exc:
        raise InputError(
            Problem(
                label,
                f"the header mixes the two ACLED export layouts: it has {exc}; expected one "
                "export as downloaded",
                line=1,
            )
        ) from None
    if vintage is None:
        return _unknown_layout(header, label)
    problems = [
        Problem(label, f"missing column; the {vintage.label} has it", line=1, column=name)
        for name in vintage.columns
        if name not in header
    ]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(label, "column appears twice", line=1, column=name))
        seen.add(name)
    if problems:
        raise InputError(problems)
    return vintage


def _unknown_layout(header: list[str], label: str) -> Vintage:
    own = "; ".join(f"the {v.label} has {', '.join(v.own_columns)}" for v in VINTAGES)
    if not set(header) & set(SHARED_COLUMNS):
        message = (
            f"not an ACLED export: the first line names none of ACLED's columns "
            f"({', '.join(SHARED_COLUMNS[:4])}, ...)"
        )
    else:
        message = f"cannot tell which ACLED export this is: {own}, and this header has neither"
    raise InputError(Problem(label, message, line=1))


def _capped(problems: list[Problem], label: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(label, f"and {more} more problem(s)")]


# ------------------------------------------------------------------------- the rows


@dataclass
class _Row:
    """One data row being checked; problems go to the file's list."""

    label: str
    line: int
    cells: dict[str, str]
    problems: list[Problem]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.label, message, line=self.line, column=column))


def _record(row: _Row, vintage: Vintage, acled: AcledSection, export_name: str) -> dict[str, str]:
    for column in REQUIRED:
        if not row.get(column):
            row.problem(column, "is empty; every ACLED record has one")
    day = _event_date(row, vintage)
    record = {name: row.get(name) for name in RECORD_COLUMNS if name in vintage.columns}
    record = {name: record.get(name, "") for name in RECORD_COLUMNS}
    record["acled_id"] = row.get("event_id_cnty")
    record["event_date"] = day
    for column in ("inter1", "inter2"):
        record[column] = _category(row, column, acled)
    for column, check in _CHECKS.items():
        if row.get(column):
            check(row, column)
    record.update(export_file=export_name, export_line=str(row.line), vintage=vintage.name)
    return record


def _event_date(row: _Row, vintage: Vintage) -> str:
    value = row.get("event_date")
    if not value:
        return ""
    day = vintage.parse_date(value)
    if day is None:
        row.problem(
            "event_date",
            f"got {value!r}: not a date; the {vintage.label} writes dates like "
            f"{vintage.date_examples}",
        )
        return ""
    year = row.get("year")
    if year.isdigit() and int(year) != day.year:
        row.problem("year", f"got {year!r} but event_date {value!r} is in {day.year}")
    return day.isoformat()


def _category(row: _Row, column: str, acled: AcledSection) -> str:
    value = row.get(column)
    category = acled.category_of(value)
    if category is None:
        known = ", ".join(f"{n} {c}" for n, c in sorted(acled.inter_codes.items()))
        row.problem(
            column,
            f"got {value!r}: not an ACLED actor category; expected a number or the words "
            f"({known}), or empty / 0 for no actor",
        )
        return ""
    return category


def _check_precision(row: _Row, column: str) -> None:
    value = row.get(column)
    if not value.isdigit() or int(value) not in ACLED_TIME_PRECISIONS:
        words = ", ".join(f"{n} ({w})" for n, w in ACLED_TIME_PRECISIONS.items())
        row.problem(column, f"got {value!r}; ACLED's time_precision is {words}")


#: The latest timestamp a record may carry (1 January 2200, in seconds since 1970).
LATEST_TIMESTAMP = 7_258_118_400


def _check_whole_number(row: _Row, column: str) -> None:
    value = row.get(column)
    if not value.isdigit():
        row.problem(column, f"got {value!r}; expected a whole number")
    elif column == "timestamp" and int(value) > LATEST_TIMESTAMP:
        row.problem(column, f"got {value!r}; expected seconds since 1970 before the year 2200")


def _check_coordinate(row: _Row, column: str) -> None:
    value = row.get(column)
    try:
        float(value)
    except ValueError:
        row.problem(column, f"got {value!r}; expected a number of degrees")


_CHECKS: dict[str, Callable[[_Row, str], None]] = {
    "time_precision": _check_precision,
    "year": _check_whole_number,
    "timestamp": _check_whole_number,
    "fatalities": _check_whole_number,
    "latitude": _check_coordinate,
    "longitude": _check_coordinate,
}


def _check_unique(row: _Row, acled_id: str, first_line: dict[str, int]) -> None:
    if acled_id in first_line:
        row.problem(
            "event_id_cnty",
            f"got {acled_id!r}, already on line {first_line[acled_id]}; an export lists "
            "each event once",
        )
    elif acled_id:
        first_line[acled_id] = row.line
