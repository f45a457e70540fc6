"""Stable, readable identifiers for articles."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 60


def slugify(text: str, max_len: int = MAX_SLUG) -> str:
    """A lower-case ASCII slug of ``text``, cut at a word boundary.

    >>> slugify("U.S. Stops Funding for Demining in Cambodia")
    'u-s-stops-funding-for-demining-in-cambodia'
    >>> slugify("Cambodia’s Main Opposition Leader Arrested for Treason", max_len=30)
    'cambodias-main-opposition'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) <= max_len:
        return slug
    cut = slug[: max_len + 1]
    return cut[: cut.rfind("-")] if "-" in cut else slug[:max_len]


def unique_ids(slugs: list[str]) -> list[str]:
    """Make ``slugs`` unique by suffixing repeats with ``-2``, ``-3``... in order.

    >>> unique_ids(["a", "b", "a"])
    ['a', 'b', 'a-2']
    """
    seen: dict[str, int] = {}
    out = []
    for slug in slugs:
        seen[slug] = seen.get(slug, 0) + 1
        out.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return out
