"""Outlet names: one spelling per news outlet, so sources are counted once.

References spell outlets in many ways ("AlJazeera", "Aljazeera", "NYT"). The registry in
``data/curated/outlets.csv`` (columns ``outlet``, ``aliases``: ``;``-separated) gives the
canonical spelling; spellings that differ only in case, spaces or punctuation are the same
outlet even without a registry row, and take the first spelling met in the corpus.

>>> reg = OutletRegistry.from_rows([{"outlet": "Al Jazeera", "aliases": "AlJazeera"}])
>>> unify(["Aljazeera", "NYT", "nyt", "Reuters"], reg)
['Al Jazeera', 'NYT', 'NYT', 'Reuters']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from helpers.dataset.actors import split_names
from helpers.errors import InputError, Problem, relative

PUBLISHER_SUFFIXES = ("staff writer", "correspondent", "reporter", "staff", "writer")


def publisher(reporter_line: str) -> str:
    """The publication named in an article's reporter line, or ``""``.

    >>> publisher("Impunity Watch Reporter, Asia"), publisher(""), publisher("Reporter")
    ('Impunity Watch', '', '')
    """
    name = str(reporter_line or "").split(",", 1)[0].strip()
    folded = name.casefold()
    for suffix in PUBLISHER_SUFFIXES:
        if folded.endswith(suffix):
            name = name[: len(name) - len(suffix)].strip()
            break
    return name


def outlet_key(name: str) -> str:
    """Spelling-insensitive key: case, spaces and punctuation ignored.

    >>> outlet_key("Al-Jazeera") == outlet_key("aljazeera")
    True
    """
    return re.sub(r"[\W_]+", "", name.casefold())


@dataclass
class OutletRegistry:
    """Canonical outlet names by spelling-insensitive key."""

    canonical: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]], source: str = "") -> OutletRegistry:
        """Build from rows with ``outlet`` and ``aliases``; a spelling claimed twice is an error."""
        reg = cls()
        problems = []
        for line, row in enumerate(rows, start=2):
            name = str(row.get("outlet") or "").strip()
            if not name:
                problems.append(Problem(source, "empty outlet name", line=line, column="outlet"))
                continue
            for spelling in [name, *split_names(row.get("aliases"))]:  # type: ignore[arg-type]
                key = outlet_key(spelling)
                if reg.canonical.get(key, name) != name:
                    problems.append(
                        Problem(
                            source,
                            f"'{spelling}' is already a spelling of '{reg.canonical[key]}'; "
                            "expected each spelling to belong to one outlet",
                            line=line,
                            column="aliases",
                        )
                    )
                reg.canonical[key] = name
        if problems:
            raise InputError(problems)
        return reg

    @classmethod
    def load(cls, path: Path, label: str | None = None) -> OutletRegistry:
        """Read ``outlets.csv`` (``label`` names it in messages); a missing file gives an
        empty registry."""
        from helpers.dataset.validation import read_table

        if not Path(path).is_file():
            return cls()
        label = label or relative(Path(path))
        table = read_table(Path(path), label)
        if table.problems:
            raise InputError(table.problems)
        return cls.from_rows([row.values for row in table.rows], source=label)

    def lookup(self, name: str) -> str | None:
        """The canonical spelling of ``name``, or ``None`` if the registry lacks it."""
        return self.canonical.get(outlet_key(name))


def unify(names: Iterable[str], registry: OutletRegistry) -> list[str]:
    """Each name's canonical spelling: the registry's, else the first spelling met."""
    first_seen: dict[str, str] = {}
    out = []
    for name in names:
        known = registry.lookup(name)
        if known is None:
            known = first_seen.setdefault(outlet_key(name), name)
        out.append(known)
    return out
