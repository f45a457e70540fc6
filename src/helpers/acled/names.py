"""ACLED's actor names read against the actor registry (``data/curated/actors.csv``).

ACLED names actors its own way: ``Police Forces of Cambodia (1993-)`` (the years a
government held power), ``CNRP: Cambodia National Rescue Party`` (abbreviation, colon,
full name), ``Protesters (Cambodia)``. A name resolves to a registry actor when the name
as written, the name without its years, or either side of the colon is the actor's
canonical name or one of its aliases. Names the registry lacks are kept as ACLED writes
them.

>>> from helpers.dataset.actors import ActorRegistry
>>> registry = ActorRegistry.from_rows([
...     {"actor": "Cambodia National Rescue Party", "kind": "party", "aliases": "CNRP"},
...     {"actor": "Royal Government of Cambodia", "kind": "government",
...      "aliases": "Government of Cambodia"},
...     {"actor": "Kem Sokha", "kind": "person", "aliases": "Sokha"}])
>>> resolve("CNRP: Cambodia National Rescue Party", registry)
'Cambodia National Rescue Party'
>>> resolve("Government of Cambodia (1993-)", registry)
'Royal Government of Cambodia'
>>> resolve("Protesters (Cambodia)", registry) is None
True
>>> named_in("Police arrested CNRP leader Kem Sokha at his home.", registry)
['Cambodia National Rescue Party', 'Kem Sokha']
"""

from __future__ import annotations

import functools
import re

from helpers.dataset.actors import ActorRegistry, split_names

_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")


def candidates(name: str) -> list[str]:
    """The spellings of an ACLED name tried against the registry, in order.

    >>> for spelling in candidates("CNRP: Cambodia National Rescue Party (2012-2017)"):
    ...     print(spelling)
    CNRP: Cambodia National Rescue Party (2012-2017)
    CNRP: Cambodia National Rescue Party
    CNRP
    Cambodia National Rescue Party
    """
    spelled = [name.strip(), _YEARS.sub("", name).strip()]
    if ": " in spelled[1]:
        spelled += [part.strip() for part in spelled[1].split(": ", 1)]
    return list(dict.fromkeys(s for s in spelled if s))


def resolve(name: str, registry: ActorRegistry) -> str | None:
    """The registry's canonical name for an ACLED actor name, or ``None``."""
    for spelling in candidates(name):
        canonical = registry.resolve(spelling)
        if canonical is not None:
            return canonical
    return None


def side(actor: str, associates: str) -> list[str]:
    """The names on one side of an ACLED event: the actor, then its associates.

    >>> side("Protesters (Cambodia)", "CNRP: Cambodia National Rescue Party; Students (Cambodia)")
    ['Protesters (Cambodia)', 'CNRP: Cambodia National Rescue Party', 'Students (Cambodia)']
    """
    return [*split_names(actor), *split_names(associates)]


def named_in(text: str, registry: ActorRegistry) -> list[str]:
    """Registry actors whose canonical name or an alias ``text`` writes as whole words
    (case as in the registry), in registry order."""
    return [name for name, pattern in _patterns(registry) if pattern.search(text)]


def _patterns(registry: ActorRegistry) -> list[tuple[str, re.Pattern[str]]]:
    """One whole-word pattern per registry actor (its name or any alias), built once."""
    key = tuple((name, *registry.aliases(name)) for name in registry.names)
    return _compiled(key)


@functools.lru_cache(maxsize=8)
def _compiled(spellings: tuple[tuple[str, ...], ...]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for name, *aliases in spellings:
        words = "|".join(re.escape(s) for s in sorted({name, *aliases}, key=len, reverse=True))
        out.append((name, re.compile(rf"(?<!\w)(?:{words})(?!\w)")))
    return out
