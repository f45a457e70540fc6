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
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

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


def dict_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (as dicts) of the UTF-8 CSV file at ``path``.

    A byte-order mark (spreadsheets write one) is ignored.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return dict_rows_of(handle)
