"""Reported speech by the sentence's subject: "Amnesty International calls the charge
baseless", "Labour groups say ...", "On Monday, the UN office said it was shocked".

One general rule instead of phrase lists: a sentence whose grammatical subject (its
start, possibly after a time or discourse phrase such as "On Monday," or "Abroad,") is
an actor, followed within a few words (an appositive between commas, an adverb or an
auxiliary may come between) by a speech verb, is a statement by that actor. The actor is
a registered name (with a title before it: "Prime Minister Hun Sen"), a capitalised
multi-word name the registry does not know, or a group noun ("Labour groups",
"Supporters"). The speech verbs and group nouns are data: the lexicon keys
``speech_verbs`` and ``speech_groups`` of the type that carries the rule (whose
``retype``/``domestic_type`` then settle the type by the speaker's kind, and whose
``speech_unknown_type`` types a speaker the registry does not know).

>>> import re
>>> verbs = re.compile(r"says?|said|calls?|appealed", re.I)
>>> groups = re.compile(r"(?:[A-Z]\\w+\\s+)?groups", re.I)
>>> subject_speech("Labour groups say his arrest is a warning.", [], verbs, groups)
('Labour groups', None, 14, 17)
>>> subject_speech("Witnesses said a man walked in.", [], verbs, groups) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.suggest.actors_match import ActorMention

#: A time or discourse phrase before the subject: "On Monday,", "On the same day,", "Abroad,".
_LEAD = re.compile(
    r"^(?:(?:On|In|Earlier|Later|Last|This|Abroad|Meanwhile|Separately|Also|Then|By|At"
    r"|After|Elsewhere|Overseas|Internationally|Today|Yesterday)\b[^,.;]{0,40},\s+)?"
)
#: What may stand before a name in the subject: "the", a title ("Prime Minister",
#: "Opposition leader"), at most three words and no comma.
_TITLE = re.compile(r"^(?:[Tt]he\s+)?(?:[\w.'\u2019-]+\s+){0,3}$")
#: Between the subject and its verb: a place ("the UN office in Cambodia said"), an
#: appositive between commas ("Sam Rainsy, speaking from Paris, calls"), then at most two
#: adverbs or auxiliaries ("also said", "is calling"); not the perfect ("have said"), a
#: standing position rather than a dated act.
_BRIDGE = re.compile(
    r"^(?:\s+(?:in|at|of|from|to)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s*){1,3}(?=\s))?"
    r"(?:\s*,[^,.;]{1,100},)?\s+"
    r"(?:(?:also|again|later|then|is|are|was|were|\w+ly)\s+){0,2}"
)


def subject_speech(
    text: str,
    mentions: Sequence[ActorMention],
    verbs: re.Pattern[str],
    groups: re.Pattern[str] | None,
) -> tuple[str, ActorMention | None, int, int] | None:
    """``(speaker, mention, verb_start, verb_end)`` when ``text`` opens with an actor
    followed by a speech verb, else ``None``. ``mention`` is the known or proposed name
    (``None`` for a group noun); ``mentions`` are the names found in ``text``."""
    lead = _LEAD.match(text)
    at = lead.end() if lead else 0
    subject: tuple[str, ActorMention | None, int] | None = None
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < at:
            continue
        if m.start - at <= 40 and _TITLE.match(text[at : m.start]):
            subject = (m.name, m, m.end)
        break
    if subject is None and groups is not None:
        g = groups.match(text, at)
        if g:
            subject = (g.group(0), None, g.end())
    if subject is None:
        return None
    name, mention, end = subject
    bridge = _BRIDGE.match(text[end:])
    if not bridge:
        return None
    verb = verbs.match(text, end + bridge.end())
    if not verb:
        return None
    return name, mention, verb.start(), verb.end()
