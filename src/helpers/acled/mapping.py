"""ACLED's event types to the codebook's, by the rules in ``data/codebook.yaml`` (``acled``).

The first rule that fits a record gives its codebook type (see
:class:`helpers.dataset.codebook.AcledRule` for what each condition means). The last rule
has no condition, so every record gets a type; a record only the last rule fits has an
ACLED type the codebook does not list yet, and the import says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from helpers.acled import names
from helpers.dataset.actors import ActorRegistry
from helpers.dataset.codebook import AcledRule, Codebook


@dataclass(frozen=True)
class Mapped:
    """The codebook type a record gets and the rule (1-based number) that gave it."""

    event_type: str
    category: str
    rule_number: int
    rule: AcledRule


def fits(rule: AcledRule, record: Mapping[str, str], registry: ActorRegistry) -> bool:
    """True when ``record`` meets every condition of ``rule``."""
    if rule.event_type is not None and record["event_type"] != rule.event_type:
        return False
    if rule.sub_event_types and record["sub_event_type"] not in rule.sub_event_types:
        return False
    if rule.actor1 and record["inter1"] not in rule.actor1:
        return False
    if rule.either_actor and not {record["inter1"], record["inter2"]} & set(rule.either_actor):
        return False
    if rule.registered_actor1:
        acting = names.side(record["actor1"], record["assoc_actor_1"])
        if not any(names.resolve(name, registry) for name in acting):
            return False
    return True


def map_record(record: Mapping[str, str], codebook: Codebook, registry: ActorRegistry) -> Mapped:
    """The codebook type of one ACLED record (the codebook must have an ``acled`` section)."""
    assert codebook.acled is not None
    for number, rule in enumerate(codebook.acled.rules, start=1):
        if fits(rule, record, registry):
            category = codebook.types[rule.maps_to].category
            return Mapped(rule.maps_to, category, number, rule)
    raise AssertionError("the codebook's last ACLED rule fits every record")  # schema-checked


def mapping_lines(
    records: Iterable[Mapping[str, str]], codebook: Codebook, registry: ActorRegistry
) -> list[str]:
    """How each ACLED type/sub-type was mapped, with counts, one line per combination.

    A line names the ACLED type and sub-type, the rule that fitted (its conditions), the
    codebook type and category, and how many records; types missing from the codebook's
    ACLED taxonomy are flagged.
    """
    assert codebook.acled is not None
    taxonomy = codebook.acled.taxonomy
    counts: Counter[tuple[str, str, int]] = Counter()
    rules: dict[int, Mapped] = {}
    for record in records:
        mapped = map_record(record, codebook, registry)
        rules[mapped.rule_number] = mapped
        counts[(record["event_type"], record["sub_event_type"], mapped.rule_number)] += 1
    lines = []
    for (acled_type, sub_type, number), n in sorted(counts.items()):
        mapped = rules[number]
        known = sub_type in taxonomy.get(acled_type, [])
        flag = "" if known else " [not in the codebook's ACLED taxonomy]"
        lines.append(
            f"{acled_type} / {sub_type or '(no sub-event type)'}{flag} -> {mapped.event_type} "
            f"({mapped.category}) by rule {number} ({mapped.rule.describe()}): {n}"
        )
    return lines
