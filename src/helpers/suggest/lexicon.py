"""Event-type triggers from the codebook's ``lexicon`` blocks, compiled for matching.

Each type's lexicon holds ``triggers`` (words or phrases, matched whole and
case-insensitively) and ``patterns`` (regular expressions, case-insensitive). Optional
keys, also data: ``exclude`` (patterns that veto the type in a sentence),
``default_actor_kind`` (the registry kind that acts when the sentence names no actor,
e.g. ``government`` for an arrest), ``actor_kinds`` (kinds that may be the actor),
``retype`` (actor kind -> the event type to use instead when an actor of that kind acts:
an NGO's appeal is ``ngo_statement``, not ``un_appeal``; a kind in neither list drops the
candidate), ``domestic_type`` (the type when the actor belongs to the article's own
country), ``yields_to`` (types that, firing in the same sentence, make this one redundant)
``match_in_names`` (let a trigger fire inside an actor's name; by default a hit inside
a name such as "National Election Commission" is not an election), ``mask`` (patterns
whose matched spans no hit of the type may lie inside: "the dissolved party" is no
dissolution, "the room where they were detained" no arrest), ``known_actor_patterns``
(patterns that count only when a registered actor acts: reported speech such as "X says
it is troubled by ..."), ``retype_actors`` (actor name -> type), a ``domestic_type``
that may map actor kinds to types, and ``speech_verbs``/``speech_groups``/
``speech_unknown_type`` (statements by the sentence's subject, see
:mod:`helpers.suggest.speech`). Spans given as ``masked`` (quoted headlines) hold no hit
of any type.

>>> from helpers.dataset.codebook import Lexicon
>>> m = TypeMatcher("arrest", Lexicon(triggers=["arrested"], patterns=[r"\\bwas arrested\\b"]))
>>> hit = m.match("Kem Sokha was arrested for treason.")
>>> hit.event_type, hit.strength, hit.start
('arrest', 1.0, 10)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from helpers.dataset.codebook import Codebook, Lexicon

#: How much a bare trigger word counts, against 1.0 for a pattern.
TRIGGER_STRENGTH = 0.6


@dataclass(frozen=True)
class TypeHit:
    """A lexicon entry that fired in a sentence."""

    event_type: str
    rule: str
    start: int
    end: int
    strength: float
    known_actor_only: bool = False

    @property
    def is_pattern(self) -> bool:
        """True when a pattern (not a bare trigger) fired."""
        return self.strength >= 1.0


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"lexicon of '{where}': bad pattern {pattern!r}: {exc}") from None


def _trigger_regex(trigger: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in trigger.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


@dataclass
class TypeMatcher:
    """The compiled lexicon of one event type."""

    event_type: str
    lexicon: Lexicon
    category: str = ""
    patterns: list[tuple[str, re.Pattern[str]]] = field(init=False)
    triggers: list[tuple[str, re.Pattern[str]]] = field(init=False)
    excludes: list[re.Pattern[str]] = field(init=False)
    masks: list[re.Pattern[str]] = field(init=False)
    speech: list[tuple[str, re.Pattern[str]]] = field(init=False)
    speech_verbs: re.Pattern[str] | None = field(init=False)
    speech_groups: re.Pattern[str] | None = field(init=False)

    def __post_init__(self) -> None:
        self.patterns = [(p, _compile(p, self.event_type)) for p in self.lexicon.patterns]
        self.triggers = [(t, _trigger_regex(t)) for t in self.lexicon.triggers]
        lex = self.lexicon
        self.excludes = [_compile(p, self.event_type) for p in lex.exclude]
        self.masks = [_compile(p, self.event_type) for p in lex.mask]
        self.speech = [(p, _compile(p, self.event_type)) for p in lex.known_actor_patterns]
        verbs, groups = lex.speech_verbs, lex.speech_groups
        verb_rx = "|".join(f"(?:{v})" for v in verbs)
        self.speech_verbs = _compile(rf"(?:{verb_rx})\b", self.event_type) if verbs else None
        self.speech_groups = (
            _compile(r"(?:(?-i:[A-Z])[\w'-]*\s+)?(?:" + "|".join(groups) + r")\b", self.event_type)
            if groups
            else None
        )

    def option(self, key: str, default: object = None) -> object:
        """An optional lexicon key (``default_actor_kind``, ``actor_kinds``...), or
        ``default`` when the codebook leaves it unset."""
        value = getattr(self.lexicon, key)
        return default if value is None else value

    def match(
        self,
        sentence: str,
        names: Sequence[tuple[int, int]] = (),
        masked: Sequence[tuple[int, int]] = (),
    ) -> TypeHit | None:
        """The first pattern that fires, else the first reported-speech pattern, else the
        first trigger, else ``None``.

        A hit lying wholly inside one of the ``names`` spans (actor names) is skipped
        unless the lexicon sets ``match_in_names``; a hit inside a ``masked`` span or a
        span of the type's ``mask`` patterns is always skipped.
        """
        if any(x.search(sentence) for x in self.excludes):
            return None
        if self.option("match_in_names", False):
            names = ()
        spans = [*names, *masked]
        spans += [(m.start(), m.end()) for rx in self.masks for m in rx.finditer(sentence)]

        def inside(m: re.Match[str]) -> bool:
            return any(a <= m.start() and m.end() <= b for a, b in spans)

        for entries, strength, kind in (
            (self.patterns, 1.0, "pattern"),
            (self.speech, 1.0, "reported speech"),
            (self.triggers, TRIGGER_STRENGTH, "trigger"),
        ):
            found = [
                (m, text)
                for text, rx in entries
                if (m := next((m for m in rx.finditer(sentence) if not inside(m)), None))
            ]
            if found:
                m, text = min(found, key=lambda f: f[0].start())
                speech = kind == "reported speech"
                return TypeHit(
                    self.event_type, f"{kind} {text!r}", m.start(), m.end(), strength, speech
                )
        return None


def build_matchers(codebook: Codebook) -> list[TypeMatcher]:
    """One matcher per event type that has a lexicon, in codebook order."""
    return [
        TypeMatcher(name, et.lexicon, et.category)
        for name, et in codebook.types.items()
        if et.lexicon.triggers or et.lexicon.patterns or et.lexicon.known_actor_patterns
    ]


def match_types(
    matchers: list[TypeMatcher],
    sentence: str,
    names: Sequence[tuple[int, int]] = (),
    masked: Sequence[tuple[int, int]] = (),
) -> list[TypeHit]:
    """Every event type whose lexicon fires in ``sentence`` (outside ``names`` and ``masked``)."""
    return [hit for m in matchers if (hit := m.match(sentence, names, masked))]
