"""The actor registry: canonical names, kinds and aliases (``data/curated/actors.csv``).

Columns: ``actor`` (canonical name), ``kind`` (one of :data:`ACTOR_KINDS`), ``country``,
``aliases`` (semicolon-separated other spellings, misspellings included), ``description``,
``short_name`` (what charts and page 1 call it: ``CNRP``), ``member_of`` (the institution a
person or office acts for, so "by actor" views can group Hun Sen with his government).

>>> rows = [{"actor": "Kem Sokha", "kind": "person", "aliases": "Ken Sokha;Sokha"}]
>>> reg = ActorRegistry.from_rows(rows)
>>> reg.resolve("ken sokha")
'Kem Sokha'
>>> reg.is_alias("Sokha"), reg.is_canonical("Kem Sokha")
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ACTOR_KINDS = (
    "government",
    "court",
    "party",
    "person",
    "ngo",
    "foreign_government",
    "un_body",
    "intergovernmental",
    "media",
    "other",
)


#: Actor kinds in words, for readers.
ACTOR_KIND_WORDS = {
    "government": "government",
    "court": "court",
    "party": "party",
    "person": "person",
    "ngo": "NGO",
    "foreign_government": "foreign government",
    "un_body": "UN body",
    "intergovernmental": "intergovernmental body",
    "media": "media",
    "other": "other",
}


def kind_words(kind: str) -> str:
    """An actor kind in words.

    >>> kind_words("un_body"), kind_words("ngo"), kind_words("unknown_kind")
    ('UN body', 'NGO', 'unknown kind')
    """
    return ACTOR_KIND_WORDS.get(str(kind), str(kind).replace("_", " "))


def normalize_name(name: str) -> str:
    """Case-, space- and apostrophe-insensitive key for a name."""
    name = name.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", name).strip().casefold()


def _cell(value: object) -> str:
    """A registry cell as stripped text (``""`` for missing)."""
    return (
        "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
    )


def split_names(value: str | float | None) -> list[str]:
    """Split a semicolon-separated cell into names; empty or NaN gives ``[]``."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


@dataclass
class ActorRegistry:
    """Canonical actors with their aliases."""

    kinds: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    short_names: dict[str, str] = field(default_factory=dict)
    member_of: dict[str, str] = field(default_factory=dict)
    _lookup: dict[str, str] = field(default_factory=dict)
    _aliases: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> ActorRegistry:
        """Build from dict rows with ``actor``, ``kind`` and optional ``aliases``, ``country``."""
        reg = cls()
        for row in rows:
            name = str(row["actor"]).strip()
            reg.kinds[name] = str(row.get("kind", "other") or "other")
            country = row.get("country")
            reg.countries[name] = _cell(country)
            reg.short_names[name] = _cell(row.get("short_name")) or name
            reg.member_of[name] = _cell(row.get("member_of"))
            aliases = split_names(row.get("aliases"))  # type: ignore[arg-type]
            reg._aliases[name] = aliases
            reg._lookup.setdefault(normalize_name(name), name)
            for alias in aliases:
                reg._lookup.setdefault(normalize_name(alias), name)
        return reg

    @classmethod
    def load(cls, path: Path) -> ActorRegistry:
        """Read ``actors.csv`` (no validation: see :mod:`helpers.dataset.validation`)."""
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return cls.from_rows(frame.to_dict("records"))

    @property
    def names(self) -> list[str]:
        """Canonical names, in registry order."""
        return list(self.kinds)

    def aliases(self, name: str) -> list[str]:
        """The aliases recorded for canonical ``name``."""
        return list(self._aliases.get(name, []))

    def resolve(self, name: str) -> str | None:
        """The canonical name for ``name`` or any alias of it, or ``None`` if unknown."""
        return self._lookup.get(normalize_name(name))

    def is_canonical(self, name: str) -> bool:
        """True when ``name`` is spelled exactly as a canonical name."""
        return name in self.kinds

    def is_alias(self, name: str) -> bool:
        """True when ``name`` resolves to an actor but is not its canonical spelling."""
        canonical = self.resolve(name)
        return canonical is not None and canonical != name

    def kind(self, name: str) -> str | None:
        """The kind of canonical (or aliased) ``name``."""
        canonical = self.resolve(name)
        return self.kinds.get(canonical) if canonical else None

    def short(self, name: str) -> str:
        """The short name of ``name`` (itself when unregistered or none is recorded).

        >>> ActorRegistry.from_rows([{"actor": "Cambodia National Rescue Party", "kind": "party",
        ...     "short_name": "CNRP"}]).short("Cambodia National Rescue Party")
        'CNRP'
        """
        canonical = self.resolve(name) or name
        return self.short_names.get(canonical) or canonical

    def institution(self, name: str) -> str:
        """The institution ``name`` acts for (``member_of``), or ``name`` itself.

        >>> ActorRegistry.from_rows([{"actor": "Hun Sen", "kind": "person",
        ...     "member_of": "Royal Government of Cambodia"}]).institution("Hun Sen")
        'Royal Government of Cambodia'
        """
        canonical = self.resolve(name) or name
        return self.member_of.get(canonical) or canonical

    def is_international(self, name: str, country: str, rule: object) -> bool:
        """Whether ``name`` counts as an international actor for an event in ``country``
        under ``rule`` (a codebook :class:`~helpers.dataset.codebook.ActorRule`): a kind
        that is always international, or a foreign kind registered in another country.

        >>> from types import SimpleNamespace as NS
        >>> reg = ActorRegistry.from_rows([
        ...     {"actor": "Mu Sochua", "kind": "person", "country": "Cambodia"},
        ...     {"actor": "Human Rights Watch", "kind": "ngo", "country": "United States"}])
        >>> rule = NS(kinds=["un_body"], foreign_kinds=["ngo", "person"])
        >>> reg.is_international("Mu Sochua", "Cambodia", rule)
        False
        >>> reg.is_international("Human Rights Watch", "Cambodia", rule)
        True
        """
        canonical = self.resolve(name)
        if canonical is None:
            return False
        kind = self.kinds.get(canonical, "")
        if kind in rule.kinds:
            return True
        home = self.countries.get(canonical, "")
        return kind in rule.foreign_kinds and bool(home) and home.casefold() != country.casefold()
