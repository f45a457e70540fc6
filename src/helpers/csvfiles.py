"""Reading the project's CSV files, whatever the length of a field.

The project writes article bodies into ``data/processed/articles.csv`` and quotes into
every events table; a field may be far longer than the ``csv`` module's default limit
(131,072 characters). Every CSV read in the project goes through this module, which lifts
the limit, so a table the project wrote can always be read back.

>>> import io
>>> header, rows = dict_rows_of(io.StringIO("id,body\\na," + "x" * 200_000 + "\\n"))
>>> header, len(rows[0]["body"])
(['id', 'body'], 200000)
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from helpers.errors import InputError, Problem, relative

#: The largest field the ``csv`` module can be told to accept on this platform.
FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


def _lift_limit() -> None:
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)


def reader(lines: Iterable[str]) -> Any:
    """A ``csv.reader`` over ``lines`` that takes fields of any length (it keeps
    ``line_num``, the line the reader has reached).

    >>> next(reader(["a,b"]))
    ['a', 'b']
    """
    _lift_limit()
    return csv.reader(lines)


def dict_rows_of(handle: TextIO) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (as dicts) of CSV text read from ``handle``."""
    _lift_limit()
    rows = csv.DictReader(handle)
    found = list(rows)
    return list(rows.fieldnames or []), found


def decoded(path: Path, label: str | None = None) -> str:
    """The text of the CSV file at ``path``; a byte-order mark (spreadsheets write one) is
    dropped. Raises :class:`InputError` naming the file (``label``) and line when the file
    is not UTF-8 (a spreadsheet's "CSV" export in another encoding).
    """
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            Problem(
                label or relative(Path(path)),
                f"byte 0x{raw[exc.start]:02x} cannot be read as UTF-8; expected a UTF-8 CSV "
                "(in a spreadsheet, save as 'CSV UTF-8')",
                line=line,
            )
        ) from None


def dict_rows(path: Path, label: str | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (as dicts) of the UTF-8 CSV file at ``path`` (see
    :func:`decoded` for the errors)."""
    return dict_rows_of(io.StringIO(decoded(path, label), newline=""))
