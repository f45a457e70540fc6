"""Actors and targets of a candidate event, found with a gazetteer of the actor registry.

Every canonical name and alias is looked for in the sentence (longest first; a name
with capitals must match its case, an all-lower-case alias such as "five detainees"
matches any case). Capitalised multi-word names that the registry does not know are
*proposed* as new actors. Roles follow word order: in the active voice the first
suitable name before the trigger acts and the first name after it is the target; in the
passive ("Kem Sokha was arrested") the nearest name before the trigger is the target and
the actor is the "by ..." agent or the type's default (the government for an arrest).
A type with no default actor takes a capitalised subject that opens the sentence
("Sweden had already cut aid") as a proposed actor. Where no name fills the target role,
the noun phrase the act falls on ("sentenced five opposition activists to prison", "Two
journalists were detained") is proposed as the target.

>>> from helpers.dataset.actors import ActorRegistry
>>> reg = ActorRegistry.from_rows([
...     {"actor": "Kem Sokha", "kind": "person", "aliases": "Ken Sokha;Sokha"},
...     {"actor": "Royal Government of Cambodia", "kind": "government", "country": "Cambodia"}])
>>> [m.name for m in Gazetteer(reg).find("In September Ken Sokha was arrested.")]
['Kem Sokha']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.dataset.actors import ActorRegistry

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_CAPWORD = r"[A-Z][\w'.\-]*[\w]"
_PROPER = re.compile(rf"{_CAPWORD}(?:(?:\s+(?:of|for|the|on|and|de|in)\s+|\s+){_CAPWORD})+")
#: Words that open a name but belong to a title or to the sentence, not the name.
_LEADING = {
    "The", "A", "An", "In", "On", "Prime", "Minister", "President", "Deputy", "Director",
    "General", "Former", "Mr.", "Mrs.", "Ms.", "Dr.", "Upon", "Following", "According",
    "Photo", "Courtesy", "Many", "Several", "Both", "Accordingly", "However", "Now",
}  # fmt: skip
_NOT_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Article", "Photo", "Courtesy",
}  # fmt: skip
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+|also\s+|not\s+)?$", re.I
)
_PASSIVE_IN_HIT = re.compile(r"^(?:was|were|been|being)\b", re.I)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+be\s+(?:\w+ly\s+)?$", re.I)
_PRONOUN_SUBJECT = re.compile(r"(?:^|[,;]\s*)(?:He|She|They)\b")
#: A body referred back to by a common noun opening the sentence ("The office urged ...").
INSTITUTION_SUBJECT = re.compile(
    r"^The\s+(?:office|agency|body|organi[sz]ation|council|committee|commission|mission"
    r"|embassy|delegation|ministry|rapporteur|experts?|union|bloc)\b"
)
#: A possessive after a name: "Kem Sokha's conditions" names no one acting.
_POSSESSIVE = re.compile(r"['\u2019]s?\b")
#: A capitalised phrase opening the sentence and followed by a lower-case word (its verb).
_OPENING_SUBJECT = re.compile(rf"^(?:The\s+)?({_CAPWORD}(?:\s+{_CAPWORD})*)\s+(?=[a-z])")
#: Opening words that are not a subject's name.
_NOT_SUBJECTS = {
    "He", "She", "They", "It", "We", "I", "You", "This", "That", "These", "Those", "Their",
    "His", "Her", "Its", "Our", "There", "Here", "Officials", "Authorities", "Critics",
    "Some", "Most", "All", "Two", "Three", "Four", "Five", "One", "If", "When", "While",
    "After", "Before", "Since", "As", "But", "And", "Yet", "Earlier", "Later", "Last",
    "Next", "Meanwhile", "Also", "Still", "Rights", "Police", "Human",
}  # fmt: skip
#: Where the noun phrase after a verb ends: a preposition, clause word, time word, punctuation.
_NP_END = re.compile(
    r"\s+(?:to|for|on|in|at|after|over|with|by|from|outside|inside|because|who|which|that|"
    r"and\s+(?:said|called|urged)|last|this|yesterday|today|earlier|immediately|"
    r"(?:\w+\s+)?(?:days?|weeks?|months?|years?)\s+ago|under|as|without|until|since)\b"
    r"|\s*[,.;:()\u2013\u2014\"\u201c\u201d]|\s*$",
    re.IGNORECASE,
)
_NP_START_BAD = re.compile(
    r"^(?:to|for|on|in|at|with|by|from|of|that|as|and|or|but|if|it|its|his|her|their|"
    r"him|them|her|itself|not|also|up|down|out|off)\b",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ActorMention:
    """A name in a sentence: canonical (or proposed) name, where it is, its kind."""

    name: str
    surface: str
    start: int
    end: int
    kind: str | None
    known: bool = True


class Gazetteer:
    """All names and aliases of a registry, compiled for finding them in text."""

    def __init__(self, registry: ActorRegistry):
        self.registry = registry
        strict, loose = [], []
        for canonical in registry.names:
            for surface in (canonical, *registry.aliases(canonical)):
                surface = surface.translate(_QUOTES).strip()
                if surface:
                    (loose if surface == surface.lower() else strict).append(surface)
        self._strict = self._alternation(strict, 0)
        self._loose = self._alternation(loose, re.IGNORECASE)

    @staticmethod
    def _alternation(names: list[str], flags: int) -> re.Pattern[str] | None:
        if not names:
            return None
        names = sorted(set(names), key=len, reverse=True)
        body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        return re.compile(rf"(?<![\w.])(?:{body})(?!\w)", flags)

    def find(self, text: str) -> list[ActorMention]:
        """Known names in ``text``, longest first where they overlap, in text order."""
        folded = text.translate(_QUOTES)
        found = []
        for pattern in (self._strict, self._loose):
            if pattern is not None:
                found += [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(folded)]
        chosen: list[ActorMention] = []
        for start, end, surface in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
            if any(start < c.end and c.start < end for c in chosen):
                continue
            name = self.registry.resolve(surface) or surface
            chosen.append(
                ActorMention(name, text[start:end], start, end, self.registry.kinds.get(name))
            )
        return chosen

    def default_actor(self, kind: str, country: str) -> str | None:
        """The registry's actor of ``kind`` for ``country`` (first listed), if any."""
        same_kind = [n for n in self.registry.names if self.registry.kinds[n] == kind]
        local = [
            n for n in same_kind if self.registry.countries.get(n, "").lower() == country.lower()
        ]
        return (local or same_kind or [None])[0]


def _trim_name(words: list[str]) -> list[str]:
    possessive = [i for i, w in enumerate(words) if re.search(r"'s$", w)]
    if possessive:
        words = words[possessive[-1] + 1 :]
    while words and (words[0] in _LEADING or words[0].lower() in {"of", "for", "the", "and"}):
        words = words[1:]
    while words and (
        words[-1] in _LEADING or words[-1].lower() in {"of", "for", "the", "on", "and", "de", "in"}
    ):
        words = words[:-1]
    return words


#: A passage in double quotes (a quoted headline, slogan or remark), quotes folded.
_QUOTED = re.compile(r'"[^"]{1,300}"')


def propose_names(text: str, known: list[ActorMention]) -> list[ActorMention]:
    """Capitalised multi-word names in ``text`` that overlap no known name.

    A capitalised phrase inside double quotes is a headline, title or slogan ("carried
    the headline “Descent Into Outright Dictatorship”"), not a name.
    """
    folded = text.translate(_QUOTES)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(folded)]
    proposed = []
    for match in _PROPER.finditer(folded):
        if any(match.start() < k.end and k.start < match.end() for k in known):
            continue
        if any(a <= match.start() and match.end() <= b for a, b in quoted):
            continue
        words = _trim_name(match.group(0).split())
        if len(words) < 2 or any(w.rstrip(".,") in _NOT_NAMES for w in words):
            continue
        name = " ".join(words)
        start = match.start() + match.group(0).index(words[0])
        proposed.append(ActorMention(name, name, start, start + len(name), None, known=False))
    return proposed


def opening_subject(text: str, start: int) -> ActorMention | None:
    """A capitalised phrase opening the sentence before ``start`` ("Sweden had ..."), proposed."""
    match = _OPENING_SUBJECT.match(text.translate(_QUOTES)[:start])
    if not match:
        return None
    words = _trim_name(match[1].split())
    if not words or words[0] in _NOT_SUBJECTS or any(w in _NOT_NAMES for w in words):
        return None
    name = " ".join(words)
    begin = match.start(1) + match[1].index(words[0])
    return ActorMention(name, name, begin, begin + len(name), None, known=False)


def _phrase_mention(phrase: str, offset: int, mentions: list[ActorMention]) -> ActorMention | None:
    """The name heading ``phrase`` (ending where it ends), else the phrase itself, proposed.

    ``None`` when the phrase is not a plausible target (one bare word, or over 8 words).
    """
    offset += len(phrase) - len(phrase.lstrip())
    phrase = phrase.strip()
    body = _DETERMINER.sub("", phrase)
    if not body or _NP_START_BAD.match(body):
        return None
    begin = offset + len(phrase) - len(body)
    end = begin + len(body)
    for m in mentions:
        if begin <= m.start and m.end == end:
            return m
    words = body.split()
    if not 2 <= len(words) <= 8:
        return None
    return ActorMention(body, body, begin, end, None, known=False)


def object_phrase(text: str, end: int, mentions: list[ActorMention]) -> ActorMention | None:
    """The noun phrase right after the trigger ending at ``end`` (the act's object)."""
    rest = text[end:]
    lead = len(rest) - len(rest.lstrip())
    stop = _NP_END.search(rest, lead)
    if stop is None:
        return None
    return _phrase_mention(rest[lead : stop.start()], end + lead, mentions)


def subject_phrase(text: str, start: int, mentions: list[ActorMention]) -> ActorMention | None:
    """The subject of a passive trigger at ``start`` ("Two journalists were detained").

    The clause before the auxiliary, after the last comma; an appositive ("The Cambodia
    Daily, one of the last independent newspapers, was ...") falls back to a name that
    opens the sentence.
    """
    head = text[:start]
    aux = re.search(r"\b(?:was|were|been|being|is|are|had|has|have)\s+(?:\w+ly\s+)?$", head)
    head = head[: aux.start()] if aux else head
    clause_text = head.rstrip(" ,")
    cut = max(clause_text.rfind(","), clause_text.rfind(";"), clause_text.rfind(":"))
    segment = clause_text[cut + 1 :]
    offset = cut + 1
    found = _phrase_mention(segment, offset, mentions)
    if found is not None and found.known:
        return found
    opener = next((m for m in mentions if m.known and m.start <= 4), None)
    if (
        cut >= 0
        and opener is not None
        and re.match(r"^\s*(?:The\s+)?$", text[: opener.start])
        and re.match(r"^\s*,", text[opener.end :])
    ):
        return opener
    return found


@dataclass(frozen=True)
class Roles:
    """Who acts and who is acted upon, and how that was decided."""

    actor: str
    target: str
    rule: str
    proposed: tuple[str, ...] = ()


def is_passive(text: str, start: int, end: int) -> bool:
    """Whether the trigger at ``start:end`` is a passive verb ("was arrested").

    A progressive verb after the auxiliary ("it was suspending its funding") is active.

    >>> is_passive("It was suspending aid.", 7, 17), is_passive("He was arrested.", 7, 15)
    (False, True)
    """
    first = re.match(r"\w+", text[start:end])
    if first and first[0].lower().endswith("ing") and first[0].lower() != "being":
        return bool(_PASSIVE_IN_HIT.match(text[start:end]))
    return bool(_PASSIVE_BEFORE.search(text[:start]) or _PASSIVE_IN_HIT.match(text[start:end]))


def _fits(mention: ActorMention, kinds: list[str] | None) -> bool:
    return not kinds or mention.kind is None or mention.kind in kinds


def _by_agent(text: str, mentions: list[ActorMention], end: int) -> ActorMention | None:
    for m in mentions:
        if m.start >= end and re.search(r"\bby\s+(?:the\s+)?$", text[end : m.start]):
            return m
    return None


#: A name opening the sentence, then an appositive between commas, then the verb.
_APPOSITIVE = re.compile(r"^\s*,[^,]{1,80},\s*(?:\w+\s+){0,1}$")


def _appositive_subject(text: str, start: int, fitting: list[ActorMention]) -> ActorMention | None:
    """The known name opening "X, Y's daughter, says ..." (not the name inside the aside)."""
    opener = next((m for m in reversed(fitting) if m.known), None)
    if opener is None or not re.fullmatch(r"\s*(?:The\s+)?", text[: opener.start]):
        return None
    return opener if _APPOSITIVE.match(text[opener.end : start]) else None


def assign_roles(
    text: str,
    mentions: list[ActorMention],
    span: tuple[int, int],
    actor_kinds: list[str] | None,
    default: str | None,
    pronoun_antecedent: str | None = None,
    subject_is_target: bool = False,
    propose_target: bool = False,
) -> Roles:
    """Actor and target for the trigger at ``span`` of ``text``.

    ``subject_is_target`` reads an active sentence as a passive one: for types such as
    forced exile the one who flees is the target and the state the actor.
    ``propose_target`` takes the act's object noun phrase as the target when it holds no
    registered name (and proposes it).
    """
    start, end = span
    before = [m for m in mentions if m.start <= start]
    after = [m for m in mentions if m.start > start]
    if subject_is_target and not before and pronoun_antecedent:
        before = [ActorMention(pronoun_antecedent, "", 0, 0, "person")]
    if subject_is_target or is_passive(text, start, end):
        target = before[-1] if before else None
        if propose_target and not subject_is_target:
            target = subject_phrase(text, start, mentions) or target
        agent = _by_agent(text, mentions, end)
        rule = "passive: target before the trigger"
        if agent is None and _INFINITIVE_BEFORE.search(text[:start]) and len(before) > 1:
            agent, rule = before[0], "passive infinitive: first name is the actor"
        actor_name = agent.name if agent else default
        rule += "; by-agent" if agent else f"; default actor ({default or 'none'})"
        return _roles(actor_name, target, rule, (agent, target))
    fitting = [m for m in reversed(before) if _fits(m, actor_kinds)]
    owners = [m for m in fitting if _POSSESSIVE.match(text, m.end)]
    if owners and len(owners) < len(fitting):  # a possessor is not the one acting
        fitting = [m for m in fitting if m not in owners]
    subject = _appositive_subject(text, start, fitting)
    subject = subject or next((m for m in fitting if m.known), None) or next(iter(fitting), None)
    if subject is None and default is None:
        subject = opening_subject(text, start)
    target = next((m for m in after if subject is None or m.name != subject.name), None)
    if propose_target:
        target = object_phrase(text, end, mentions) or target
    opener = _PRONOUN_SUBJECT.search(text[:start]) or INSTITUTION_SUBJECT.match(text)
    if subject is None and pronoun_antecedent and opener:
        return _roles(
            pronoun_antecedent,
            target,
            "active: pronoun subject from the previous sentence",
            (target,),
        )
    if subject is None:
        return _roles(default, target, f"active: default actor ({default or 'none'})", (target,))
    return _roles(
        subject.name, target, "active: nearest suitable name before the trigger", (subject, target)
    )


def _roles(actor: str | None, target: ActorMention | None, rule: str, used: tuple) -> Roles:
    proposed = tuple(m.name for m in used if m is not None and not m.known)
    target_name = target.name if target is not None and target.name != actor else ""
    return Roles(actor or "", target_name, rule, proposed)
