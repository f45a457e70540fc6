"""The codebook: event types declared in ``data/codebook.yaml``, loaded and checked.

>>> from helpers.paths import project
>>> cb = load_codebook(project().codebook)
>>> cb.types["arrest"].category, cb.types["arrest"].severity
('crackdown', 6.0)
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from helpers.dataset.actors import ACTOR_KINDS
from helpers.errors import InputError, Problem, yaml_problem

Category = Literal["crackdown", "international_response", "domestic_response", "context"]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
ActorKind = Literal[ACTOR_KINDS]  # type: ignore[valid-type]


class Cameo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    label: str


class Plover(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    mode: str = ""
    context: str = ""


class Lexicon(BaseModel):
    """What the coder's assistant (``briefings suggest``) looks for, per event type.

    ``triggers`` are words or phrases, ``patterns`` regular expressions (both matched
    case-insensitively). The other keys refine a hit; see :mod:`helpers.suggest.lexicon`.
    A misspelled key is an error, not a silently ignored rule.
    """

    model_config = ConfigDict(extra="forbid")
    triggers: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    mask: list[str] = Field(default_factory=list)
    known_actor_patterns: list[str] = Field(default_factory=list)
    yields_to: list[str] = Field(default_factory=list)
    default_actor_kind: str | None = None
    actor_kinds: list[str] | None = None
    # A None target type means "drop the candidate" (e.g. a court's statement).
    retype: dict[str, str | None] = Field(default_factory=dict)
    retype_actors: dict[str, str | None] = Field(default_factory=dict)
    domestic_type: str | dict[str, str | None] | None = None
    subject_is_target: bool = False
    undated_ok: bool = False
    match_in_names: bool = False
    # Reported speech by the sentence's subject (helpers.suggest.speech): verb patterns,
    # group nouns that may speak ("Labour groups"), and the type for an unregistered speaker.
    speech_verbs: list[str] = Field(default_factory=list)
    speech_groups: list[str] = Field(default_factory=list)
    speech_unknown_type: str | None = None

    @field_validator("patterns", "exclude", "mask", "known_actor_patterns", "speech_verbs")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                msg = f"pattern {pattern!r} is not a valid regular expression: {exc}"
                raise ValueError(msg) from None
        return patterns

    def referenced_types(self) -> set[str]:
        """Event types this lexicon names (``yields_to``, ``retype``, ``domestic_type``...)."""
        names = set(self.yields_to) | set(self.retype.values()) | set(self.retype_actors.values())
        if isinstance(self.domestic_type, dict):
            names |= set(self.domestic_type.values())
        elif self.domestic_type:
            names.add(self.domestic_type)
        if self.speech_unknown_type:
            names.add(self.speech_unknown_type)
        return names - {None}


class Standing(BaseModel):
    """An act whose effect lasts (a detention, a dissolution) until an act that ends it."""

    model_config = ConfigDict(extra="forbid")
    state: str
    ended_by: list[str] = Field(default_factory=list)
    #: Registry kinds of the targets the state applies to (empty: every target); a party
    #: whose members fled is not itself "in exile".
    target_kinds: list[str] = Field(default_factory=list)


class EventType(BaseModel):
    """One event type: what it means and how it is weighted."""

    model_config = ConfigDict(extra="forbid")
    name: str = ""
    category: Category
    label: str
    definition: str
    cameo: Cameo
    plover: Plover
    goldstein: float = Field(ge=-10, le=10)
    severity: float | None = Field(default=None, ge=-10, le=10)
    severity_basis: str | None = None
    headline: str
    basis: str
    response_kind: str | None = None
    standing: Standing | None = None
    lexicon: Lexicon = Field(default_factory=Lexicon)

    @property
    def scored_severity(self) -> float:
        """The type's rung on the severity scale (0 for types outside the crackdown)."""
        return float(self.severity) if self.severity is not None else 0.0


class ActorRule(BaseModel):
    """Which registered actors may act in a category (see ``international_response``)."""

    model_config = ConfigDict(extra="forbid")
    kinds: list[str]
    foreign_kinds: list[str] = Field(default_factory=list)


class CategoryInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    definition: str
    actors: ActorRule | None = None


class SeverityScale(BaseModel):
    """The documented rungs of the crackdown severity scale."""

    model_config = ConfigDict(extra="forbid")
    minimum: float
    maximum: float
    rungs: dict[float, str]


class AcledRule(BaseModel):
    """One rule of the ACLED mapping: which ACLED rows it fits and the type they become.

    A row fits when its ``event_type`` is the rule's, its sub-event type is one of
    ``sub_event_types`` (any when empty), actor1's category is one of ``actor1`` (any when
    empty), actor1's or actor2's category is one of ``either_actor`` (any when empty), and,
    with ``registered_actor1``, actor1 or assoc_actor_1 names an actor of the registry.
    """

    model_config = ConfigDict(extra="forbid")
    event_type: str | None = None
    sub_event_types: list[str] = Field(default_factory=list)
    actor1: list[str] = Field(default_factory=list)
    either_actor: list[str] = Field(default_factory=list)
    registered_actor1: bool = False
    maps_to: str
    why: str

    @property
    def unconditional(self) -> bool:
        """True for the catch-all rule (no condition at all)."""
        return not (
            self.event_type
            or self.sub_event_types
            or self.actor1
            or self.either_actor
            or self.registered_actor1
        )

    def describe(self) -> str:
        """The rule's conditions in words.

        >>> AcledRule(event_type="Protests", actor1=["State forces"], maps_to="x",
        ...           why="y").describe()
        'Protests, actor1 State forces'
        """
        if self.unconditional:
            return "any other ACLED type"
        parts = [self.event_type or "any type"]
        if self.sub_event_types:
            parts[0] += f" / {' or '.join(self.sub_event_types)}"
        if self.actor1:
            parts.append(f"actor1 {' or '.join(self.actor1)}")
        if self.either_actor:
            parts.append(f"actor1 or actor2 {' or '.join(self.either_actor)}")
        if self.registered_actor1:
            parts.append("actor1 in the actor registry")
        return ", ".join(parts)


class AcledSection(BaseModel):
    """How ACLED exports map onto the codebook (``acled`` in ``data/codebook.yaml``)."""

    model_config = ConfigDict(extra="forbid")
    inter_codes: dict[int, str]
    actor_kinds: dict[str, ActorKind]
    taxonomy: dict[str, list[str]]
    rules: list[AcledRule]
    compatible_types: list[list[str]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> AcledSection:
        categories = set(self.inter_codes.values())
        if set(self.actor_kinds) != categories:
            raise ValueError(
                f"acled.actor_kinds must name each actor category of acled.inter_codes once: "
                f"expected {sorted(categories)}, got {sorted(self.actor_kinds)}"
            )
        if not self.rules or not self.rules[-1].unconditional:
            raise ValueError("acled.rules: the last rule must have no condition (the catch-all)")
        for number, rule in enumerate(self.rules, start=1):
            where = f"acled.rules[{number}] ({rule.describe()})"
            if rule.unconditional and number != len(self.rules):
                raise ValueError(f"{where}: only the last rule may have no condition")
            if rule.event_type is None and not rule.unconditional:
                raise ValueError(f"{where}: a rule with conditions needs an event_type")
            if rule.event_type is not None and rule.event_type not in self.taxonomy:
                raise ValueError(
                    f"{where}: {rule.event_type!r} is not an ACLED event type of "
                    f"acled.taxonomy ({', '.join(self.taxonomy)})"
                )
            known_subs = self.taxonomy.get(rule.event_type or "", [])
            for sub in rule.sub_event_types:
                if sub not in known_subs:
                    raise ValueError(
                        f"{where}: {sub!r} is not a sub-event type of {rule.event_type!r} "
                        f"in acled.taxonomy"
                    )
            for category in [*rule.actor1, *rule.either_actor]:
                if category not in categories:
                    raise ValueError(
                        f"{where}: {category!r} is not an actor category of acled.inter_codes"
                    )
        return self

    def category_of(self, code: str) -> str | None:
        """The actor category an ``inter1``/``inter2`` cell names: ``""`` for no actor,
        ``None`` when the cell is neither a known number nor a known category.

        >>> section = AcledSection(inter_codes={1: "State forces"}, actor_kinds={
        ...     "State forces": "government"}, taxonomy={}, rules=[{"maps_to": "x", "why": "y"}])
        >>> section.category_of("1"), section.category_of("State forces"), section.category_of("0")
        ('State forces', 'State forces', '')
        >>> section.category_of("9") is None
        True
        """
        text = code.strip()
        if text in ("", "0"):
            return ""
        if text.isdigit():
            return self.inter_codes.get(int(text))
        folded = {c.casefold(): c for c in self.inter_codes.values()}
        return folded.get(text.casefold())

    def compatible(self, first: str, second: str) -> bool:
        """True when two codebook types may describe the same real event.

        >>> section = AcledSection(inter_codes={}, actor_kinds={}, taxonomy={},
        ...     rules=[{"maps_to": "x", "why": "y"}], compatible_types=[["arrest", "prosecution"]])
        >>> section.compatible("arrest", "prosecution"), section.compatible("arrest", "threat")
        (True, False)
        """
        return first == second or any(
            first in group and second in group for group in self.compatible_types
        )


class Codebook(BaseModel):
    """All event types, categories and response kinds, and the ACLED mapping."""

    model_config = ConfigDict(extra="forbid")
    version: int
    source: str
    categories: dict[Category, CategoryInfo]
    severity_scale: SeverityScale
    response_kinds: dict[str, str]
    event_types: dict[str, EventType]
    acled: AcledSection | None = None

    @model_validator(mode="after")
    def _check(self) -> Codebook:
        if self.acled is not None:
            named = {rule.maps_to for rule in self.acled.rules}
            named |= {name for group in self.acled.compatible_types for name in group}
            unknown = sorted(named - set(self.event_types))
            if unknown:
                raise ValueError(f"acled: names event types the codebook lacks: {unknown}")
        for name, et in self.event_types.items():
            et.name = name
            has_severity = et.severity is not None
            if has_severity != (et.category == "crackdown"):
                raise ValueError(
                    f"event type '{name}': crackdown types need a severity on the scale, "
                    "other types have none"
                )
            if et.standing and set(et.standing.ended_by) - set(self.event_types):
                raise ValueError(
                    f"event type '{name}': standing.ended_by names unknown types "
                    f"{sorted(set(et.standing.ended_by) - set(self.event_types))}"
                )
            if et.category == "international_response" and not et.response_kind:
                raise ValueError(
                    f"event type '{name}': an international response needs response_kind"
                )
            unknown = sorted(et.lexicon.referenced_types() - set(self.event_types))
            if unknown:
                raise ValueError(f"event type '{name}': its lexicon names unknown types {unknown}")
            if et.response_kind and et.response_kind not in self.response_kinds:
                raise ValueError(
                    f"event type '{name}': response_kind '{et.response_kind}' is not one of "
                    f"{sorted(self.response_kinds)}"
                )
        return self

    @property
    def types(self) -> dict[str, EventType]:
        """Event types by name."""
        return self.event_types

    @cached_property
    def table(self):  # -> pandas.DataFrame
        """One row per event type, for joins: name, category, label, severity, codes."""
        import pandas as pd

        rows = [
            {
                "event_type": et.name,
                "category": et.category,
                "event_label": et.label,
                "goldstein": et.goldstein,
                "severity": et.scored_severity,
                "headline_template": et.headline,
                "cameo_code": et.cameo.code,
                "plover_type": et.plover.type,
                "plover_mode": et.plover.mode,
                "response_kind": et.response_kind or "",
            }
            for et in self.event_types.values()
        ]
        return pd.DataFrame(rows)


def load_codebook(path: Path) -> Codebook:
    """Read and check the codebook at ``path``; raise :class:`InputError` naming what is wrong."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(Problem(str(path), "codebook not found")) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(str(path), f"byte 0x{exc.object[exc.start]:02x} cannot be read as UTF-8; "
                    "expected UTF-8 text", line=exc.object[: exc.start].count(b"\n") + 1)
        ) from None  # fmt: skip
    except yaml.YAMLError as exc:
        raise InputError(yaml_problem(str(path), exc)) from None
    try:
        return Codebook.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(str(path), f"{'.'.join(map(str, e['loc']))}: {e['msg']}") for e in exc.errors()
        ]
        raise InputError(problems, "the codebook does not match its schema:") from None
