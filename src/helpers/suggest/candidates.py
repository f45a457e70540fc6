"""Candidate events for one article: lexicon hits dated and given actors, then deduplicated.

A candidate is made for each event type whose lexicon fires in a body sentence. Its date
is the nearest date written in the sentence (a scheduled, future date only for context
types such as a scheduled election); failing that, the last date of the one or two
sentences before it in the same paragraph; failing that, the publication month (flagged).
A relative day is counted from its anchor: in "The closure came a day after police
arrested X" the anchor is the act on the other side of the phrase, dated beside it in the
sentence or by the nearest earlier sentence with a day date that shares a word stem with
that side (the paper "forced to close"); "the next day" and "the same day" count from
the date in context or, failing that, from the day the story has reached a few sentences
back (forward offsets count, flashbacks such as "three days earlier" do not).
Context types need a date of their own sentence. A trigger inside an actor's name ("the
National Election Commission") or inside a quoted headline or title ("carried the
headline “...”") does not fire. The actor's kind then settles the type: a UN appeal made
by an NGO is that NGO's statement (the lexicon's ``retype``), a statement by a Cambodian
NGO is a domestic one (``domestic_type``, which may map kinds: a Cambodian ministry's
statement is a government statement), a named actor may have a type of its own
(``retype_actors``: the ruling party's leader speaks for the government), and a kind the
type does not allow drops the candidate. Reported speech ("X says it is troubled ...",
the lexicon's ``known_actor_patterns``) counts only from a registered actor. A sentence
whose subject speaks ("Amnesty International calls the charge baseless", see
:mod:`helpers.suggest.speech`) yields one statement typed by the speaker's kind
(confidence 0.5-0.6) when no pattern fired there; statements by different speakers are
different acts. Within a
sentence one candidate per type is kept, and a type yields to a more specific one firing
in the same sentence (``yields_to``). Within an article, a candidate dated only from
context is dropped when another candidate of the same type with its own date has the
same (or no) target.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Protocol

from helpers.dataset.codebook import Codebook
from helpers.suggest.actors_match import (
    INSTITUTION_SUBJECT,
    ActorMention,
    Gazetteer,
    assign_roles,
    propose_names,
)
from helpers.suggest.dates import (
    DateMention,
    DayOffset,
    find_dates,
    find_offsets,
    offset_date,
    pick_date,
    publication_fallback,
    shifted,
)
from helpers.suggest.lexicon import TypeHit, TypeMatcher, match_types
from helpers.suggest.sentences import Sentence, split_sentences
from helpers.suggest.speech import subject_speech

#: How many earlier sentences of the paragraph may lend their date.
CONTEXT_SENTENCES = 2
#: How far back (across paragraphs) a relative day ("Two days later") looks for the day
#: the story has reached, when the nearby sentences give none.
NARRATIVE_SENTENCES = 4
#: Words that put an undated sentence at the time of publication, so it borrows no
#: earlier sentence's date ("Now, ... is asking", "has recently stated", "states that").
PRESENT_TIME = re.compile(
    r"\b(?:now|currently|recently|today|this week|still)\b"
    r"|\b(?:is|are|am)\s+(?:\w+ly\s+|still\s+)?\w+ing\b"
    r"|\b(?:states|says?|pledges|believes|claims|argues|insists)\b",
    re.IGNORECASE,
)


#: A quoted headline, title or slogan: words in it name no actor and report no act.
QUOTED_TITLE = re.compile(
    r"\b(?:headlines?|headlined|titled|entitled|title|banner|slogan|caption|read(?:s|ing)?)"
    r"[,:]?\s+(?:\w+\s+){0,2}?[\"\u201c\u2018]([^\"\u201c\u201d]{3,200})[\"\u201d\u2019]",
    re.IGNORECASE,
)
#: Words too common to tie a relative date to an earlier act ("a day after" what?).
_ANCHOR_STOP = {
    "came", "come", "comes", "after", "before", "with", "from", "that", "this", "than",
    "them", "they", "were", "been", "have", "into", "onto", "over", "upon", "when",
    "what", "which", "where", "while", "their", "there", "also", "just", "only", "said",
    "says", "days", "week", "weeks", "later", "earlier", "next", "following", "previous",
}  # fmt: skip


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted headlines and titles ("carried the headline “...”") in ``text``."""
    return [(m.start(1), m.end(1)) for m in QUOTED_TITLE.finditer(text)]


class ArticleLike(Protocol):
    """What suggestion needs from an article (``helpers.corpus.articles.Article`` has it)."""

    article_id: str
    title: str
    body: str
    country: str
    published_date: dt.date | None


@dataclass
class Candidate:
    """One suggested event, before it becomes a row of the suggestion file."""

    article_id: str
    event_type: str
    category: str
    label: str
    sentence: Sentence
    hit: TypeHit
    date: DateMention | None
    date_source: str  # "sentence", "context", "publication" or "none"
    actor: str
    target: str
    roles_rule: str
    proposed: tuple[str, ...] = ()
    confidence: float = 0.0
    notes: list[str] = field(default_factory=list)
    matches_event: str = ""


def _as_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class _Context:
    """Per-article state shared by the sentence steps."""

    article: ArticleLike
    published: dt.date | None
    sentences: list[Sentence]
    dates: list[list[DateMention]]
    mentions: list[list[ActorMention]]
    by_type: dict[str, TypeMatcher] = field(default_factory=dict)


def _context_date(ctx: _Context, index: int) -> DateMention | None:
    """The last usable date of the nearest earlier sentence in the same paragraph."""
    paragraph = ctx.sentences[index].paragraph
    for back in range(1, CONTEXT_SENTENCES + 1):
        j = index - back
        if j < 0 or ctx.sentences[j].paragraph != paragraph:
            return None
        usable = [m for m in ctx.dates[j] if not m.scheduled]
        if usable:
            return shifted(usable[-1], f"date of the sentence {back} before")
    return None


def reference_date(
    article: ArticleLike, matcher: TypeMatcher, published: dt.date | None
) -> DateMention | None:
    """The day of the latest reference whose headline fires the same event type.

    House-style articles list their sources with dates; a headline that reports the same
    act ("... calls for election boycott - 8 April 2018") dates an undated sentence.
    """
    found = []
    for ref in getattr(article, "references", ()) or ():
        day = _as_date(getattr(ref, "date", None))
        if day is None or getattr(ref, "old_document", False):
            continue
        if (published is None or day <= published) and matcher.match(ref.headline):
            found.append((day, ref))
    if not found:
        return None
    day, ref = max(found, key=lambda f: f[0])
    rule = f"day of the reference '{ref.outlet} - {ref.headline}', whose headline reports this type"
    return DateMention(day.isoformat(), "day", -1, -1, "", rule)


def _day_dates(mentions: list[DateMention]) -> list[DateMention]:
    return [m for m in mentions if m.precision == "day" and not m.scheduled]


def _stems(text: str) -> set[str]:
    """Four-letter stems of the lower-case content words of ``text`` (names left out)."""
    words = re.findall(r"(?<![\w'\u2019])[a-z][a-z]{3,}", text)
    return {w[:4] for w in words if w not in _ANCHOR_STOP}


def _offset_anchor(
    ctx: _Context, index: int, offset: DayOffset, hit_start: int
) -> tuple[DateMention, int, str, str] | None:
    """The date a day offset counts from: ``(anchor, sign, rule, flag)``.

    "A came a day after B": the act on the other side of the phrase is the anchor, dated
    in the sentence itself or, failing that, by the nearest earlier sentence of the
    article that has a day date and shares a content word's stem with that side ("The
    closure came a day after police arrested X" counts from the sentence about the paper
    being forced to close). "The next day, ..." counts from the date in context.
    """
    text = ctx.sentences[index].text
    own = _day_dates(ctx.dates[index])
    if offset.links:
        act_after = hit_start >= offset.end
        if act_after:
            side, sign = text[: offset.start], -1
            in_side = [m for m in own if m.end <= offset.start]
        else:
            side = re.split(r"[,;:.]", text[offset.end :], maxsplit=1)[0]
            sign = 1
            in_side = [m for m in own if m.start >= offset.end]
        if in_side:
            return in_side[-1 if act_after else 0], sign, "counted from the date beside it", ""
        stems = _stems(side)
        for j in range(index - 1, -1, -1):
            days = _day_dates(ctx.dates[j])
            earlier = ctx.sentences[j].text
            if days and stems & _stems(earlier):
                rule = f"counted from the earlier sentence '{earlier[:50]}...' (same act)"
                return days[-1], sign, rule, "relative date counted from an earlier sentence"
        return None
    before = [m for m in own if m.end <= offset.start]
    if before:
        return before[-1], 1, "counted from the date before it", ""
    paragraph = ctx.sentences[index].paragraph
    for back in range(1, CONTEXT_SENTENCES + 1):
        j = index - back
        if j < 0 or (back > 1 and ctx.sentences[j].paragraph != paragraph):
            break
        days = _day_dates(ctx.dates[j])
        if days:
            return days[-1], 1, f"counted from the date of the sentence {back} before", ""
    for back in range(1, NARRATIVE_SENTENCES + 1):
        day = _narrative_day(ctx, index - back)
        if day is not None:
            rule = f"counted from the day the story had reached {back} sentence(s) before"
            return day, 1, rule, "relative date counted from the story's last day; check it"
    return None


def _narrative_day(ctx: _Context, index: int) -> DateMention | None:
    """The day the story has reached at sentence ``index``: its own last day date, else a
    forward or same-day offset of it ("Two days later", "the same day") resolved in turn.
    A flashback ("had been arrested three days earlier") does not move the story on."""
    if index < 0:
        return None
    days = _day_dates(ctx.dates[index])
    if days:
        return days[-1]
    for offset in find_offsets(ctx.sentences[index].text):
        if offset.links or offset.days < 0:
            continue
        anchor = _offset_anchor(ctx, index, offset, offset.end)
        if anchor is not None:
            day = dt.date.fromisoformat(anchor[0].value) + dt.timedelta(days=offset.days)
            return DateMention(day.isoformat(), "day", -1, -1, offset.text, "story day")
    return None


def _offset_dates(ctx: _Context, index: int, hit: TypeHit) -> list[DateMention]:
    """Relative dates of the sentence ("a day after ...") resolved for the act at ``hit``."""
    found = []
    for offset in find_offsets(ctx.sentences[index].text):
        anchor = _offset_anchor(ctx, index, offset, hit.start)
        if anchor is None:
            continue
        mention, sign, rule, flag = anchor
        day = dt.date.fromisoformat(mention.value)
        written = replace(offset, days=offset.days * sign)
        resolved = offset_date(written, day, ctx.published, f"'{offset.text}' {rule}")
        found.append(replace(resolved, flag=flag))
    return found


def _choose_date(
    ctx: _Context, index: int, hit: TypeHit, matcher: TypeMatcher
) -> tuple[DateMention | None, str]:
    context_type = matcher.category == "context"
    undated_ok = bool(matcher.option("undated_ok", False))
    mentions = ctx.dates[index] + _offset_dates(ctx, index, hit)
    own = pick_date(mentions, hit.start, allow_scheduled=context_type)
    if own is not None:
        return own, "sentence"
    sentence = ctx.sentences[index].text
    present = bool(PRESENT_TIME.search(sentence))
    if context_type and not undated_ok:
        return None, "none"
    borrowed = None if present else _context_date(ctx, index)
    if borrowed is not None:
        return borrowed, "context"
    from_reference = reference_date(ctx.article, matcher, ctx.published)
    if from_reference is not None:
        return from_reference, "reference"
    if ctx.published is not None:
        return publication_fallback(ctx.published), "publication"
    return None, "none"


def _antecedent(ctx: _Context, index: int) -> str | None:
    """The first person named in the previous sentence of the paragraph (for He/She), or
    for a sentence opening with a body's common noun ("The office urged ...") the first
    registered body named there."""
    if index == 0 or ctx.sentences[index - 1].paragraph != ctx.sentences[index].paragraph:
        return None
    if INSTITUTION_SUBJECT.match(ctx.sentences[index].text):
        bodies = [m for m in ctx.mentions[index - 1] if m.kind not in (None, "person")]
        return bodies[0].name if bodies else None
    people = [m for m in ctx.mentions[index - 1] if m.kind == "person"]
    return people[0].name if people else None


def score(candidate: Candidate, strongest_in_sentence: float) -> float:
    """Confidence 0-1 from the kind of hit, the date's source and the actors found."""
    value = 0.35 + (0.25 if candidate.hit.is_pattern else 0.0)
    value += {"sentence": 0.2, "context": 0.1, "reference": 0.1}.get(candidate.date_source, 0.0)
    value += 0.1 if "default actor" not in candidate.roles_rule else 0.0
    value += 0.05 if candidate.target else 0.0
    if not candidate.hit.is_pattern and strongest_in_sentence >= 1.0:
        value -= 0.2
    if candidate.date is not None and candidate.date.flag:
        value -= 0.1
    return round(min(max(value, 0.0), 1.0), 2)


def _settled_type(
    matcher: TypeMatcher,
    actor: str,
    gaz: Gazetteer,
    country: str,
    by_type: dict[str, TypeMatcher] | None = None,
) -> tuple[str | None, str]:
    """The event type the actor's kind makes of this hit (``None``: drop it), and why.

    A retyped hit is checked once more against its new type's ``domestic_type`` (an
    appeal by a Cambodian NGO is a domestic statement).
    """
    settled, why = _retyped(matcher, actor, gaz, country)
    other = (by_type or {}).get(settled or "")
    if settled and settled != matcher.event_type and other is not None:
        again, more = _retyped(other, actor, gaz, country)
        if again and again != settled:
            return again, f"{why}; {more}"
    return settled, why


def _retyped(
    matcher: TypeMatcher, actor: str, gaz: Gazetteer, country: str
) -> tuple[str | None, str]:
    allowed = matcher.option("actor_kinds")
    retype = dict(matcher.option("retype", {}) or {})
    names = [n for n in actor.split(";") if n]
    kind = gaz.registry.kinds.get(names[0]) if names else None
    home = gaz.registry.countries.get(names[0], "") if names else ""
    domestic = matcher.option("domestic_type")
    by_actor = dict(matcher.option("retype_actors", {}) or {})
    if names and names[0] in by_actor:
        new = by_actor[names[0]]
        return (new or None), f"{names[0]}: {new}" if new else ""
    if kind is None:
        key = "unknown" if names else "none"
        if key in retype:
            new = retype[key]
            return new, f"{key} actor: {new}" if new else ""
        return matcher.event_type, ""
    if domestic and home and country and home.lower() == country.lower():
        if isinstance(domestic, dict):  # by kind: {government: government_statement, ...}
            new = domestic.get(kind, domestic.get("default"))
            return (new or None), f"{kind} of {country}: {new}" if new else ""
        return str(domestic), f"actor of {country}: {domestic}"
    if not allowed or kind in allowed:
        return matcher.event_type, ""
    if kind in retype:
        new = retype[kind]
        return (new or None), f"actor is {kind}: {new}" if new else ""
    return None, ""


def _candidate(
    ctx: _Context,
    index: int,
    hit: TypeHit,
    matcher: TypeMatcher,
    codebook: Codebook,
    gaz: Gazetteer,
) -> Candidate | None:
    et = codebook.types[hit.event_type]
    date, source = _choose_date(ctx, index, hit, matcher)
    if et.category == "context" and date is None:
        return None
    sentence = ctx.sentences[index]
    known = ctx.mentions[index]
    mentions = sorted(known + propose_names(sentence.text, known), key=lambda m: m.start)
    kind = matcher.option("default_actor_kind")
    default = gaz.default_actor(str(kind), ctx.article.country) if kind else None
    kinds = matcher.option("actor_kinds")
    retype = dict(matcher.option("retype", {}) or {})
    if kinds:
        kinds = [*kinds, *(k for k, v in retype.items() if v and k not in kinds)]
        domestic = matcher.option("domestic_type")
        if isinstance(domestic, dict):
            extra = [k for k, v in domestic.items() if v and k != "default" and k not in kinds]
            kinds = [*kinds, *extra]
    roles = assign_roles(
        sentence.text, mentions, (hit.start, hit.end), kinds, default, _antecedent(ctx, index),
        subject_is_target=bool(matcher.option("subject_is_target", False)),
        propose_target=et.category == "crackdown",
    )  # fmt: skip
    resolved = gaz.registry.resolve(roles.actor) if roles.actor in roles.proposed else None
    if resolved:  # a proposed subject the registry knows in another case ("Government")
        roles = replace(
            roles, actor=resolved, proposed=tuple(p for p in roles.proposed if p != roles.actor)
        )
    if hit.known_actor_only and roles.actor.split(";")[0] not in gaz.registry.kinds:
        return None  # reported speech counts only from a registered actor
    settled, why = _settled_type(matcher, roles.actor, gaz, ctx.article.country, ctx.by_type)
    if settled is None or settled not in codebook.types:
        return None
    if settled != hit.event_type:
        hit = replace(hit, event_type=settled, rule=f"{hit.rule} (retyped: {why})")
        et = codebook.types[settled]
    if not roles.actor and not hit.is_pattern and default is None and et.category != "context":
        return None  # a bare trigger with nobody acting: too weak
    notes = []
    if roles.target and roles.target in roles.proposed:
        notes.append(f"target '{roles.target}' is a proposed phrase; check it")
    if date is not None and date.scheduled:
        notes.append("scheduled")
    if date is not None and date.flag:
        notes.append(date.flag)
    return Candidate(
        ctx.article.article_id, hit.event_type, et.category, et.label, sentence, hit, date,
        source, roles.actor, roles.target, roles.rule, roles.proposed, notes=notes,
    )  # fmt: skip


def _speech_candidate(
    ctx: _Context,
    index: int,
    hub: TypeMatcher,
    codebook: Codebook,
    gaz: Gazetteer,
) -> Candidate | None:
    """A statement by the sentence's subject ("Amnesty International calls the charge
    baseless"), typed by the speaker's kind through ``hub``'s lexicon; see
    :mod:`helpers.suggest.speech`."""
    sentence = ctx.sentences[index]
    known = ctx.mentions[index]
    mentions = sorted(known + propose_names(sentence.text, known), key=lambda m: m.start)
    assert hub.speech_verbs is not None
    found = subject_speech(sentence.text, mentions, hub.speech_verbs, hub.speech_groups)
    if found is None:
        return None
    speaker, mention, start, end = found
    rule = f"subject speech: '{speaker}' + '{sentence.text[start:end]}'"
    hit = TypeHit(hub.event_type, rule, start, end, 0.6)
    registered = mention is not None and mention.known
    if registered:
        settled, why = _settled_type(hub, speaker, gaz, ctx.article.country, ctx.by_type)
    else:
        settled, why = hub.option("speech_unknown_type"), "speaker not in the registry"
    if not settled or settled not in codebook.types:
        return None
    hit = replace(hit, event_type=settled, rule=f"{rule} (typed: {why})" if why else rule)
    et = codebook.types[settled]
    date, source = _choose_date(ctx, index, hit, hub)
    notes = [] if registered else [f"speaker '{speaker}' is a proposed actor; check it"]
    if date is not None and date.flag:
        notes.append(date.flag)
    proposed = () if registered else (speaker,)
    return Candidate(
        ctx.article.article_id, settled, et.category, et.label, sentence, hit, date, source,
        speaker, "", "subject of the sentence", proposed, notes=notes,
    )  # fmt: skip


def _with_speech(
    candidates: list[Candidate], speech: Candidate | None, statements: set[str]
) -> list[Candidate]:
    """Add the subject-speech candidate of a sentence unless a more specific type fired
    there (a pattern); when it stands, it replaces the bare trigger words of response and
    context types ("in a statement") and a bare crackdown word acted by nobody named (the
    type's default actor) is part of what was said ("say his arrest is a warning")."""
    if speech is None:
        return candidates
    if any(c.hit.is_pattern for c in candidates):
        # the speaker's own statement, found by a pattern, is still that speaker's act
        return [
            replace(c, hit=replace(c.hit, rule=f"{c.hit.rule} (by the subject speech)"))
            if c.event_type in statements and c.actor == speech.actor
            else c
            for c in candidates
        ]
    said = {id(c) for c in candidates if c.category != "crackdown" and c.event_type in statements}
    if any(c.category != "crackdown" and id(c) not in said for c in candidates):
        return candidates  # another kind of fact ("says the election remains scheduled")
    kept = [c for c in candidates if id(c) not in said and "default actor" not in c.roles_rule]
    return [*kept, speech]


def statement_types(hub: TypeMatcher) -> set[str]:
    """The types a subject-speech candidate may take: the hub's own, its retypes, its
    domestic types and its type for an unregistered speaker."""
    names = {hub.event_type, *hub.lexicon.referenced_types()}
    if hub.lexicon.speech_unknown_type:
        names.add(hub.lexicon.speech_unknown_type)
    return {n for n in names if n}


def speech_score(candidate: Candidate) -> float:
    """Confidence of a subject-speech candidate: 0.5, or 0.6 with a date of its own or
    from the sentences before it."""
    return 0.6 if candidate.date_source in ("sentence", "context") else 0.5


def _sentence_level(
    candidates: list[Candidate], by_type: dict[str, TypeMatcher]
) -> list[Candidate]:
    """One candidate per type in a sentence; drop a type that yields to one also there."""
    kept: dict[tuple[int, str], Candidate] = {}
    for c in sorted(candidates, key=lambda c: -c.confidence):
        kept.setdefault((c.sentence.start, c.event_type), c)
    types_at: dict[int, set[str]] = {}
    for start, event_type in kept:
        types_at.setdefault(start, set()).add(event_type)
    result = []
    for (start, event_type), c in kept.items():
        matcher = by_type.get(event_type)
        yields = set(matcher.option("yields_to", []) or []) if matcher else set()
        if yields & (types_at[start] - {event_type}):
            continue
        result.append(c)
    return result


def _speech(candidate: Candidate) -> bool:
    return "subject speech" in candidate.hit.rule


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per act: drop context-dated repeats and exact duplicates (same type,
    date and target; a statement by the sentence's subject repeats only its own speaker)."""
    own = [c for c in candidates if c.date_source == "sentence"]
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: -c.confidence):
        if c.date_source != "sentence" and any(
            o.event_type == c.event_type
            and (not c.target or o.target == c.target)
            and (not _speech(c) or o.actor == c.actor)
            for o in own
        ):
            continue
        if any(
            k.event_type == c.event_type
            and k.date is not None
            and c.date is not None
            and k.date.value == c.date.value
            and k.target == c.target
            and (not _speech(c) or k.actor == c.actor)
            for k in kept
        ):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: (c.sentence.start, c.event_type))


def suggest_article(
    article: ArticleLike,
    codebook: Codebook,
    matchers: list[TypeMatcher],
    gazetteer: Gazetteer,
    min_confidence: float = 0.0,
) -> list[Candidate]:
    """Candidate events for ``article``, most likely first within each sentence."""
    published = _as_date(article.published_date)
    sentences = split_sentences(article.body)
    ctx = _Context(
        article,
        published,
        sentences,
        [find_dates(s.text, published) for s in sentences],
        [gazetteer.find(s.text) for s in sentences],
    )
    by_type = {m.event_type: m for m in matchers}
    ctx.by_type = by_type
    hub = next((m for m in matchers if m.speech_verbs is not None), None)
    statements = statement_types(hub) if hub else set()
    candidates = []
    for index, sentence in enumerate(sentences):
        names = [(m.start, m.end) for m in ctx.mentions[index]]
        names += [(m.start, m.end) for m in propose_names(sentence.text, ctx.mentions[index])]
        hits = match_types(matchers, sentence.text, names, title_spans(sentence.text))
        strongest = max((h.strength for h in hits), default=0.0)
        here = []
        for hit in hits:
            cand = _candidate(ctx, index, hit, by_type[hit.event_type], codebook, gazetteer)
            if cand is not None:
                here.append(replace(cand, confidence=score(cand, strongest)))
        speech = _speech_candidate(ctx, index, hub, codebook, gazetteer) if hub else None
        if speech is not None:
            speech = replace(speech, confidence=speech_score(speech))
        candidates += _with_speech(here, speech, statements)
    candidates = _sentence_level(candidates, by_type)
    return [c for c in _dedupe(candidates) if c.confidence >= min_confidence]
