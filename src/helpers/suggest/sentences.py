"""Sentences of an article body with their character offsets.

Paragraphs (separated by blank lines) are split first, so a sentence never spans two
paragraphs; each paragraph is then segmented with pySBD (rule-based, pure Python), or
with a careful regular-expression splitter when pySBD is not installed.

>>> [s.text for s in split_sentences("Mr. Sokha was arrested. He denied it.\\n\\nNew one.")]
['Mr. Sokha was arrested.', 'He denied it.', 'New one.']
>>> split_sentences("A b.\\n\\nC d.")[1].start
6
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: Abbreviations after which a full stop does not end a sentence (regex fallback only).
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "U.S", "U.N", "No", "Gen")
_FALLBACK_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])")
#: A full stop inside a closing quote, then a capital: a boundary pySBD misses
#: ('... the environment.”  On Tuesday, ...').
_QUOTE_END = re.compile(r"(?<=[.!?][\"”])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and where it sits in the text it came from."""

    text: str
    start: int
    end: int
    paragraph: int


@lru_cache(maxsize=1)
def _segmenter():  # -> pysbd.Segmenter | None
    try:
        import pysbd
    except ImportError:  # pragma: no cover - pysbd is a declared dependency
        return None
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _regex_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a punctuation-and-capital rule that skips common abbreviations."""
    spans, start = [], 0
    for match in _FALLBACK_END.finditer(text):
        before = text[start : match.start()].rstrip("\"”’'")
        last_word = before.rsplit(" ", 1)[-1].rstrip(".")
        if last_word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", last_word):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans within one paragraph (offsets relative to the paragraph)."""
    segmenter = _segmenter()
    if segmenter is None:
        return _regex_spans(text)
    spans = []
    for span in segmenter.segment(text):
        start = span.start
        for match in _QUOTE_END.finditer(text, span.start, span.end):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, span.end))
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Start and end of each paragraph of ``text``."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with offsets into it (surrounding whitespace trimmed)."""
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        paragraph = text[p_start:p_end]
        for s_start, s_end in _paragraph_spans(paragraph):
            chunk = paragraph[s_start:s_end]
            stripped = chunk.strip()
            if not stripped:
                continue
            lead = len(chunk) - len(chunk.lstrip())
            start = p_start + s_start + lead
            sentences.append(Sentence(stripped, start, start + len(stripped), number))
    return sentences
