"""Read one ACLED export file into records, naming every problem with file, line and column.

A file is read whole before anything is kept: any problem (an empty file, a workbook
instead of a CSV, a ``;`` delimiter left by a spreadsheet, a header mixing the two export layouts, a
missing column, a date that is not a date, a ``time_precision`` outside 1-3...) raises
:class:`~helpers.errors.InputError` listing every problem found (the first
:data:`MAX_PROBLEMS`, then how many more), and the file is not imported. Lines are
counted as a text editor counts them (the header is line 1; a quoted ``notes`` cell may
span several lines). A UTF-8 byte-order mark before the header is skipped: some ACLED
downloads carry one, and it says nothing about the cells.

The file is streamed, line by line: the checked records go, a batch at a time, to a
Parquet file in a scratch folder the import provides, so an export of millions of rows
is read in little memory. Each record holds :data:`helpers.acled.store.RECORD_COLUMNS`
(text): the export's cells, the date rewritten as ISO, the actor categories
(``inter1``/``inter2``) as words, and where the record came from (``export_file``,
``export_line``, ``vintage``).
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from helpers import csvfiles
from helpers.acled.store import RECORD_COLUMNS, SCHEMA
from helpers.acled.vintages import (
    CURRENT,
    DATE_EXAMPLES,
    SHARED_COLUMNS,
    VINTAGES,
    MixedVintageError,
    Vintage,
    detect,
    parse_date,
)
from helpers.dataset.codebook import AcledSection
from helpers.dates import ACLED_TIME_PRECISIONS
from helpers.errors import InputError, Problem

#: Problems listed per file before the rest are counted.
MAX_PROBLEMS = 20
#: Records written to the Parquet file at a time.
BATCH_ROWS = 20_000

#: The first bytes of a zip archive (an .xlsx workbook is one) and of an old .xls workbook.
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Columns an export must have: what the mapping, the linking, the evidence and the
#: updates read. A layout's other columns may be missing (an API download lists only the
#: fields asked for): they are kept empty and the import report names them.
ESSENTIAL = ("event_id_cnty", "event_date", "year", "time_precision", "event_type")
ESSENTIAL += ("sub_event_type", "actor1", "actor2", "inter1", "inter2", "country", "source")
ESSENTIAL += ("notes", "timestamp")

#: Cells that may not be empty.
REQUIRED = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "country")
REQUIRED += ("timestamp",)

SPREADSHEET_HINT = (
    "import the export as downloaded from ACLED (a spreadsheet that re-saves it may also "
    "rewrite its dates and numbers)"
)


@dataclass
class ExportFile:
    """One export, read: its layout, where its checked records are, how many rows it has
    per country, and the columns it has beyond the layout's."""

    label: str
    vintage: Vintage
    records: Path
    n_rows: int = 0
    by_country: Counter[str] = field(default_factory=Counter)
    ignored_columns: list[str] = field(default_factory=list)
    absent_columns: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file's name, recorded as each record's provenance."""
        return Path(self.label).name


class _Problems:
    """The problems of one file: the first :data:`MAX_PROBLEMS` kept, the rest counted."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.kept: list[Problem] = []
        self.more = 0

    def append(self, problem: Problem) -> None:
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.kept)

    def listed(self) -> list[Problem]:
        more = [Problem(self.label, f"and {self.more} more problem(s)")] if self.more else []
        return [*self.kept, *more]


def read_export(path: Path, label: str, acled: AcledSection, target: Path) -> ExportFile:
    """Read and check the export at ``path`` (``label`` names it in messages), writing its
    records to the Parquet file ``target`` (a scratch file: it holds the records only
    when no problem was found)."""
    path = Path(path)
    _check_file(path, label)
    with path.open("rb") as raw:
        reader = csvfiles.reader(_lines(raw, label))
        header = [name.strip().lower() for name in next(reader, [])]
        vintage = _check_header(header, label)
        export = ExportFile(label, vintage, Path(target))
        export.ignored_columns = [h for h in header if h not in vintage.columns]
        export.absent_columns = [c for c in vintage.columns if c not in header]
        problems = _Problems(label)
        with pq.ParquetWriter(export.records, SCHEMA, compression="zstd") as writer:
            for batch in _batches(_records(reader, header, export, acled, problems)):
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
    if problems:
        raise InputError(problems.listed())
    return export


def _records(
    reader, header: list[str], export: ExportFile, acled: AcledSection, problems: _Problems
) -> Iterator[dict[str, str]]:
    """The checked records of the data rows (problems go to ``problems``)."""
    first_line: dict[str, int] = {}
    reading = _Reading(export.vintage, acled, export.name)
    line = reader.line_num + 1
    for cells in reader:
        stripped = [cell.strip() for cell in cells]
        if any(stripped):
            row = _Row(export.label, line, dict(zip(header, stripped, strict=False)), problems)
            if len(cells) != len(header):
                row.problem(
                    None,
                    f"row has {len(cells)} values but the header has {len(header)} columns",
                )
            else:
                record = _record(row, reading)
                _check_unique(row, record["acled_id"], first_line)
                export.n_rows += 1
                export.by_country[record["country"]] += 1
                if not problems:
                    yield record
        line = reader.line_num + 1


def _batches(records: Iterator[dict[str, str]]) -> Iterator[list[dict[str, str]]]:
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) == BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------------------ the file


def _check_file(path: Path, label: str) -> None:
    """The file exists, holds more than white space, and is text rather than a workbook."""
    if path.exists() and not path.is_dir() and not path.is_file():
        raise InputError(
            Problem(label, "is not a regular file (a device or a pipe); expected an ACLED export")
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(len(ZIP_MAGIC))
            blank = not head.strip() and _rest_is_blank(handle)
    except FileNotFoundError:
        raise InputError(Problem(label, "not found; expected an ACLED export (CSV)")) from None
    except IsADirectoryError:
        raise InputError(Problem(label, "is a folder; expected an ACLED export (CSV)")) from None
    if blank:
        raise InputError(
            Problem(label, "file is empty; expected an ACLED export with its header", line=1)
        )
    if head in (ZIP_MAGIC, OLE_MAGIC[: len(ZIP_MAGIC)]):
        raise InputError(
            Problem(
                label,
                "is a spreadsheet workbook or a zip archive, not a CSV file; download the "
                "export from ACLED as CSV (or unzip it) and import the .csv file",
                line=1,
            )
        )


def _rest_is_blank(handle: BinaryIO) -> bool:
    while block := handle.read(1 << 16):
        if block.strip():
            return False
    return True


def _lines(raw: BinaryIO, label: str) -> Iterator[str]:
    """The file's lines decoded as UTF-8 (line endings kept, for the csv reader; a leading
    byte-order mark dropped); a byte that is not UTF-8 stops the import naming its line."""
    for number, line in enumerate(raw, start=1):
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                Problem(
                    label,
                    f"byte 0x{line[exc.start]:02x} cannot be read as UTF-8; ACLED exports are "
                    f"UTF-8: {SPREADSHEET_HINT}",
                    line=number,
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
    if vintage is None and set(ESSENTIAL) <= set(header):
        # Dates and categories are read alike in both layouts: a download of chosen fields
        # that has every column the import needs is read as the current layout.
        vintage = CURRENT
    if vintage is None:
        return _unknown_layout(header, label)
    problems = [
        Problem(
            label,
            f"missing column; the {vintage.label} has it and the import needs it",
            line=1,
            column=name,
        )
        for name in vintage.columns
        if name in ESSENTIAL and name not in header
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


# ------------------------------------------------------------------------- the rows


@dataclass
class _Row:
    """One data row being checked (its cells stripped); problems go to the file's list."""

    label: str
    line: int
    cells: dict[str, str]
    problems: _Problems

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.label, message, line=self.line, column=column))


class _Reading:
    """What every row of one export is read with: its layout, the codebook's ACLED
    section, the file's name; actor categories already read are remembered."""

    def __init__(self, vintage: Vintage, acled: AcledSection, export_name: str) -> None:
        self.vintage = vintage
        self.acled = acled
        self.export_name = export_name
        self.columns = frozenset(vintage.columns)
        self.categories: dict[str, str | None] = {}

    def category_of(self, value: str) -> str | None:
        if value not in self.categories:
            self.categories[value] = self.acled.category_of(value)
        return self.categories[value]


def _record(row: _Row, reading: _Reading) -> dict[str, str]:
    for column in REQUIRED:
        if not row.get(column):
            row.problem(column, "is empty; every ACLED record has one")
    vintage = reading.vintage
    day = _event_date(row)
    cells, present = row.cells, reading.columns
    record = {name: cells.get(name, "") if name in present else "" for name in RECORD_COLUMNS}
    record["acled_id"] = row.get("event_id_cnty")
    record["event_date"] = day
    for column in ("inter1", "inter2"):
        record[column] = _category(row, column, reading)
    for column, check in _CHECKS.items():
        if row.get(column):
            check(row, column)
    record["export_file"] = reading.export_name
    record["export_line"] = str(row.line)
    record["vintage"] = vintage.name
    return record


def _event_date(row: _Row) -> str:
    value = row.get("event_date")
    if not value:
        return ""
    day = parse_date(value)
    if day is None:
        row.problem(
            "event_date",
            f"got {value!r}: not a date; ACLED exports write dates like {DATE_EXAMPLES}",
        )
        return ""
    year = row.get("year")
    if year.isdigit() and int(year) != day.year:
        row.problem("year", f"got {year!r} but event_date {value!r} is in {day.year}")
    return day.isoformat()


def _category(row: _Row, column: str, reading: _Reading) -> str:
    value = row.get(column)
    category = reading.category_of(value)
    if category is None:
        known = ", ".join(f"{n} {c}" for n, c in sorted(reading.acled.inter_codes.items()))
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
