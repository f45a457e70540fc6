"""The two ACLED export layouts in circulation, and which one a header is.

* the **current** export (31 columns, with ``disorder_type``, ``civilian_targeting`` and
  ``tags``);
* the **older** 31-column export of around 2020 (``data_id`` first, ``iso3`` last).

Which download tool wrote an export, not its layout, decides how it writes dates (``2020-05-09``
from the API, ``09 May 2020`` or ``9-May-20`` from the export tools) and actor categories
(words or the numbers 1-8), so every layout accepts every form: each names one day, and
none is ambiguous. A form that is (``09/05/2020``, as a spreadsheet re-saves it) is refused.

>>> detect(list(CURRENT.columns)).name
'current'
>>> detect(list(OLDER.columns)).name
'older'
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Vintage:
    """One export layout: its columns, the columns only it has, how it writes dates."""

    name: str
    label: str
    columns: tuple[str, ...]
    own_columns: tuple[str, ...]


#: The date forms ACLED's download tools write (``strptime`` codes), none ambiguous.
DATE_FORMS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%b-%Y")
DATE_FORMS += ("%d-%B-%Y",)
#: The forms in words, for messages.
DATE_EXAMPLES = "'2017-09-03', '03 September 2017' or '3-Sep-17'"


def parse_date(value: str) -> dt.date | None:
    """The day an ACLED ``event_date`` cell names, or ``None`` when it is not one.

    >>> parse_date("2020-05-09"), parse_date("09 May 2020"), parse_date("9-May-20")
    (datetime.date(2020, 5, 9), datetime.date(2020, 5, 9), datetime.date(2020, 5, 9))
    >>> parse_date("09/05/2020") is None, parse_date("2017-02-30") is None
    (True, True)
    """
    return _parse_date(value.strip())


@functools.lru_cache(maxsize=65_536)
def _parse_date(text: str) -> dt.date | None:
    """The day ``text`` names in the first of :data:`DATE_FORMS` that fits (an export
    repeats the same few thousand dates: each is parsed once)."""
    for form in DATE_FORMS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


CURRENT = Vintage(
    name="current",
    label="current ACLED export",
    columns=(
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "civilian_targeting",
        "iso",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "tags",
        "timestamp",
    ),
    own_columns=("disorder_type", "civilian_targeting", "tags"),
)

OLDER = Vintage(
    name="older",
    label="older 31-column ACLED export",
    columns=(
        "data_id",
        "iso",
        "event_id_cnty",
        "event_id_no_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "timestamp",
        "iso3",
    ),
    own_columns=("data_id", "event_id_no_cnty", "iso3"),
)

VINTAGES: tuple[Vintage, ...] = (CURRENT, OLDER)

#: Columns both layouts share: a header with none of them is not an ACLED export.
SHARED_COLUMNS: tuple[str, ...] = tuple(c for c in CURRENT.columns if c in OLDER.columns)


class MixedVintageError(ValueError):
    """A header holding columns that only one layout has, from both layouts."""


def detect(header: list[str]) -> Vintage | None:
    """The layout a header belongs to, from the columns only one layout has.

    ``None`` when the header has no column of either layout's own; raises
    :class:`MixedVintageError` naming the columns when it has some of both.

    >>> try:
    ...     detect(["event_id_cnty", "disorder_type", "iso3"])
    ... except MixedVintageError as exc:
    ...     print(exc)
    disorder_type (current ACLED export only) and iso3 (older 31-column ACLED export only)
    """
    names = set(header)
    found = [(v, [c for c in v.own_columns if c in names]) for v in VINTAGES]
    found = [(v, cols) for v, cols in found if cols]
    if len(found) > 1:
        raise MixedVintageError(
            " and ".join(f"{', '.join(cols)} ({v.label} only)" for v, cols in found)
        )
    return found[0][0] if found else None
