"""Files that travel with a rendered briefing: the window's full event list as CSV.

A briefing page lists a bounded number of events (:mod:`helpers.analysis.summary`); the
full list of its window goes with it as a CSV file beside the HTML page, linked from it.

The notebook writes the file; the render publishes it. ``briefings render`` gives its
kernels a folder in :data:`ATTACHMENTS_ENV`; :func:`show_events_csv` writes the CSV there
and displays an output of type :data:`ATTACHMENT_MIME` naming the file and the link's
words. The page export (:mod:`helpers.rendering.html_export`) turns that output into a
link to ``<briefing>.events.csv`` and the render publishes the file under that name next
to the page. Run outside the render (JupyterLab, papermill), nothing is written and the
output says how to get the file.

The CSV holds the contract's columns (:data:`helpers.dataset.tables.EVENTS`) in order.
Text cells a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are prefixed with ``'``
(:func:`helpers.export.acled_csv.neutralise`); number and date cells are left as they are.
"""

from __future__ import annotations

import csv
import os
import uuid
from pathlib import Path

import pandas as pd

from helpers.dataset.tables import EVENTS
from helpers.export.acled_csv import neutralise

#: The folder the render gives its kernels for the files of each briefing.
ATTACHMENTS_ENV = "BRIEFINGS_ATTACHMENTS"
#: A notebook output announcing a file for the page: ``{"file", "suffix", "text"}``.
ATTACHMENT_MIME = "application/vnd.briefings.attachment+json"
#: The published name of the event list is the briefing's name and this suffix.
EVENTS_SUFFIX = "events.csv"


def csv_cells(events: pd.DataFrame) -> pd.DataFrame:
    """The contract's columns of ``events`` as CSV cells: dates ISO (empty when unknown),
    numbers as numbers, text neutralised.

    >>> frame = pd.DataFrame({f.name: [""] for f in EVENTS.fields})
    >>> frame["summary"], frame["severity"] = ["=1+1"], [-4.0]
    >>> frame["date_start"] = pd.to_datetime(["2017-09-03"])
    >>> cells = csv_cells(frame)
    >>> cells.loc[0, "summary"], cells.loc[0, "severity"], cells.loc[0, "date_start"]
    ("'=1+1", '-4.0', '2017-09-03')
    """
    out = pd.DataFrame(index=events.index)
    for f in EVENTS.fields:
        column = events[f.name]
        if f.type == "date":
            dates = pd.to_datetime(column.replace("", None))
            out[f.name] = dates.dt.strftime("%Y-%m-%d").fillna("")
        elif f.type in ("integer", "number"):
            out[f.name] = column.map(lambda v: "" if pd.isna(v) or v == "" else str(v))
        else:
            out[f.name] = column.fillna("").astype(str).map(neutralise)
    return out


def write_events_csv(events: pd.DataFrame, path: Path) -> None:
    """Write ``events`` as the CSV that travels with a briefing (see :func:`csv_cells`)."""
    cells = csv_cells(events)
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EVENTS.names())
        writer.writerows(cells.itertuples(index=False, name=None))


def show_events_csv(events: pd.DataFrame, what: str) -> Path | None:
    """Write ``events`` (described by ``what``, e.g. "the 104,332 events of this window")
    for the render to publish beside the page, and show the link; returns the file written
    (``None`` outside the render, where the output says how to get the file)."""
    from IPython.display import display

    from helpers.presenting.display import show_text

    folder = os.environ.get(ATTACHMENTS_ENV)
    text = f"The full list of {what}, every column of the data contract, as a CSV file"
    if not folder:
        show_text(f"{text}: `briefings render` publishes it with the HTML briefing.")
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / f"events-{uuid.uuid4().hex}.csv"
    write_events_csv(events, path)
    spec = {"file": str(path), "suffix": EVENTS_SUFFIX, "text": text}
    display({ATTACHMENT_MIME: spec, "text/plain": f"{text}."}, raw=True)
    return path
