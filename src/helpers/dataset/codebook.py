"""The codebook: event types declared in ``data/codebook.yaml``, loaded and checked.

>>> from helpers.paths import project
>>> cb = load_codebook(project().codebook)
>>> cb.types["arrest"].category, cb.types["arrest"].severity
('crackdown', 5.0)
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

from helpers.errors import InputError, Problem, yaml_problem

Category = Literal["crackdown", "international_response", "domestic_response", "context"]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]


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
    basis: str
    response_kind: str | None = None
    lexicon: Lexicon = Field(default_factory=Lexicon)

    @property
    def severity(self) -> float:
        """How harsh the act is: ``-goldstein`` (positive for repression, negative for easing)."""
        return -self.goldstein


class CategoryInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    definition: str


class Codebook(BaseModel):
    """All event types, categories and response kinds."""

    model_config = ConfigDict(extra="forbid")
    version: int
    source: str
    categories: dict[Category, CategoryInfo]
    response_kinds: dict[str, str]
    event_types: dict[str, EventType]

    @model_validator(mode="after")
    def _check(self) -> Codebook:
        for name, et in self.event_types.items():
            et.name = name
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
                "severity": et.severity,
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
