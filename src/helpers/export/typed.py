"""A processed table's text cells as the types its declaration gives, for Parquet and JSON.

Empty cells of ``date``, ``integer``, ``number`` and ``boolean`` columns are missing
(``null``); empty text stays ``""``. ``cameo_code`` is text, so ``012`` keeps its zero.

>>> frame = pd.DataFrame({"article_id": ["a"], "ref_index": ["1"], "outlet": ["BBC"],
...     "headline": ["h"], "date": [""], "date_text": [""], "old_document": ["false"],
...     "line": ["20"], "outlet_as_written": ["BBC"]})
>>> row = records(REFERENCES, frame)[0]
>>> row["ref_index"], row["date"], row["date_text"], row["old_document"]
(1, None, '', False)
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.dataset.tables import REFERENCES, Table  # noqa: F401 (the doctest uses REFERENCES)


def cell(value: str, type_: str) -> Any:
    """One text cell as a value of Frictionless type ``type_``.

    >>> cell("2017-09-03", "date"), cell("", "integer"), cell("-5.0", "number")
    (datetime.date(2017, 9, 3), None, -5.0)
    """
    if type_ == "string":
        return value
    if value == "":
        return None
    if type_ == "integer":
        return int(value)
    if type_ == "number":
        return float(value)
    if type_ == "date":
        return dt.date.fromisoformat(value)
    return value.strip().lower() == "true"


def columns(table: Table, frame: pd.DataFrame) -> dict[str, list[Any]]:
    """Each declared column of ``frame`` (text cells), typed, in declared order."""
    return {f.name: [cell(str(v), f.type) for v in frame[f.name]] for f in table.fields}


def records(table: Table, frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict per row, typed."""
    typed = columns(table, frame)
    return [dict(zip(typed, row, strict=True)) for row in zip(*typed.values(), strict=True)]


def write_json(path: Path, table: Table, frame: pd.DataFrame) -> None:
    """JSON records (dates as ISO strings), UTF-8."""
    rows = records(table, frame)
    text = json.dumps(rows, ensure_ascii=False, indent=1, default=lambda d: d.isoformat())
    Path(path).write_text(text + "\n", encoding="utf-8")


def write_parquet(path: Path, table: Table, frame: pd.DataFrame) -> None:
    """Parquet with the declared types (``date32`` dates, ``int64``, ``float64``, ``bool``)
    and each column's meaning as field metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "date": pa.date32(),
        "boolean": pa.bool_(),
    }
    schema = pa.schema(
        [
            pa.field(f.name, arrow_types[f.type], metadata={"description": f.description})
            for f in table.fields
        ],
        metadata={"table": table.name, "title": table.title},
    )
    typed = columns(table, frame)
    pq.write_table(pa.table(typed, schema=schema), path)
