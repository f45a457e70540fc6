"""Export rows (the workbench's filtered events, or any frame) to CSV and Parquet at once.

The CSV is meant for spreadsheets: a text cell starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return would be read as a formula there (CSV injection), so it gets
a leading apostrophe, which spreadsheets show as text and hide. Numbers stay numbers
(a severity of -7 is not a formula). The Parquet file keeps every value exactly as it is,
with its type, for pandas, R or DuckDB. Both files are written atomically, together: a
failure leaves neither half-written.

>>> frame = pd.DataFrame({"summary": ["=HYPERLINK(1)", "Arrested."], "severity": [-7.0, 5.0]})
>>> spreadsheet_safe(frame)["summary"].tolist()
["'=HYPERLINK(1)", 'Arrested.']
>>> spreadsheet_safe(frame)["severity"].tolist()
[-7.0, 5.0]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.atomic import write_all

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")

#: Where the workbench writes its exports, under the project's root.
EXPORT_FOLDER = "exports"


@dataclass(frozen=True)
class Export:
    """The files one export wrote and how many rows they hold."""

    csv: Path
    parquet: Path
    n_rows: int

    def summary(self, root: Path | None = None) -> str:
        """``'6 rows written to exports/x.csv and exports/x.parquet'`` (paths relative to
        ``root`` when given)."""
        names = [_shown_path(p, root) for p in (self.csv, self.parquet)]
        rows = "1 row" if self.n_rows == 1 else f"{self.n_rows} rows"
        return f"{rows} written to {names[0]} and {names[1]}"


def _shown_path(path: Path, root: Path | None) -> str:
    if root is not None and path.is_relative_to(root):
        return str(path.relative_to(root))
    return str(path)


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text; anything else
    unchanged.

    >>> neutralise("-5 people"), neutralise("@user"), neutralise("Police"), neutralise(-5)
    ("'-5 people", "'@user", 'Police', -5)
    """
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell passed through :func:`neutralise` and dates written
    ``YYYY-MM-DD`` (a copy)."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if pd.api.types.is_datetime64_any_dtype(col):
            out[name] = col.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_object_dtype(col) or pd.api.types.is_string_dtype(col):
            out[name] = col.map(neutralise)
    return out


def export_rows(frame: pd.DataFrame, stem: str | Path) -> Export:
    """Write ``frame`` to ``<stem>.csv`` (spreadsheet-safe, UTF-8) and ``<stem>.parquet``
    (values and types as they are), both or neither; return what was written.

    >>> import tempfile
    >>> frame = pd.DataFrame({"event_id": ["X-1"], "note": ["=1+1"]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     done = export_rows(frame, Path(tmp) / "x")
    ...     csv = done.csv.read_text(encoding="utf-8").splitlines()
    ...     kept = pd.read_parquet(done.parquet)["note"].tolist()
    ...     print(done.summary(Path(tmp)))
    1 row written to x.csv and x.parquet
    >>> csv, kept
    (['event_id,note', "X-1,'=1+1"], ['=1+1'])
    """
    stem = Path(stem)
    csv, parquet = stem.with_name(stem.name + ".csv"), stem.with_name(stem.name + ".parquet")
    table = frame.reset_index(drop=True)
    write_all(
        {
            csv: lambda tmp: spreadsheet_safe(table).to_csv(tmp, index=False, encoding="utf-8"),
            parquet: lambda tmp: table.to_parquet(tmp, index=False, engine="pyarrow"),
        }
    )
    return Export(csv, parquet, len(table))


def export_stem(root: Path, name: str, now: dt.datetime | None = None) -> Path:
    """``<root>/exports/<name>-<YYYYMMDD-HHMMSS>``: a new name for each export, so an
    earlier one is never overwritten.

    >>> export_stem(Path("/p"), "cambodia events", dt.datetime(2017, 10, 31, 9, 5, 0))
    PosixPath('/p/exports/cambodia-events-20171031-090500')
    """
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "rows"
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(root) / EXPORT_FOLDER / f"{slug}-{stamp}"
