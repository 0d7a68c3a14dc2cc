"""Where the sentences outside quotation marks begin, for the speaker search: at each
paragraph and after each stop that is no abbreviation's (``Dr. Smith``)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from ingest.attribution.cues import sentence_breaks
from ingest.language.lexicon import Lexicon, lexicon
from ingest.model import Span

_OPENING_MARKS = frozenset("\"“‘'„«‚`")


def sentence_starts(
    text: str,
    paragraphs: Sequence[Span],
    quote_starts: Sequence[int],
    quote_ranges: Sequence[tuple[int, int]],
) -> list[int]:
    """Where the sentences outside quotation marks begin: at each paragraph and after each
    stop that is no abbreviation's (``Dr. Smith``). One scan over the body finds the stops
    that a scan of each paragraph alone finds; a break at or across a paragraph's end,
    which that scan never finds, is passed over. ``quote_ranges`` are the (opening mark,
    closing mark end) of the top-level quotes, sorted; ``quote_starts`` their first items."""
    starts: list[int] = []
    if not paragraphs:
        return starts
    following = iter(paragraphs)
    para = next(following)
    para_start, para_end = para.start, para.end
    starts.append(para_start)
    for m in sentence_breaks(text, para_start, paragraphs[-1].end):
        stop, after = m.span()
        while stop >= para_end:
            para = next(following)  # there is one: the scan ends with the last paragraph
            para_start, para_end = para.start, para.end
            starts.append(para_start)
        if stop < para_start or after >= para_end:
            continue
        i = bisect_right(quote_starts, after - 1) - 1  # self.in_quote(after - 1), inline
        if i >= 0 and after - 1 < quote_ranges[i][1]:
            continue
        word_start = text.rfind(" ", para_start, stop) + 1
        kind = _abbreviation_kind(text[max(word_start, para_start) : stop].strip('("“'))
        if kind == _TITLE_ABBREVIATION or (
            kind == _ABBREVIATION and text[after : after + 1] not in _OPENING_MARKS
        ):
            continue  # "Dr. Smith", but "at 4 a.m. “After that …"
        starts.append(after)
    starts.extend(p.start for p in following)
    return starts


_ABBREVIATION, _TITLE_ABBREVIATION = 1, 2


@lru_cache(maxsize=4096)
def _abbreviation_kind(written: str) -> int:
    """For the word before a stop, as written: 0 if it is no abbreviation, else
    ``_TITLE_ABBREVIATION`` for a title or honorific (``Dr.``, which never ends a sentence)
    and ``_ABBREVIATION`` for another (``a.m.``, which ends one before an opening mark).
    A title written in lower case in full ends its sentence: ``… said the senator. “…”``."""
    lx = lexicon()
    word = written.lower()
    if not _is_abbreviation(lx, word):
        return 0
    if word in lx.honorifics:
        return _TITLE_ABBREVIATION
    if word in lx.titles:
        if written[:1].islower() and word not in lx.abbreviations and len(word) > 1:
            return 0
        return _TITLE_ABBREVIATION
    return _ABBREVIATION


def _is_abbreviation(lx: Lexicon, word: str) -> bool:
    word = word.rstrip(".")
    if not word:
        return False
    if len(word) == 1 or ("." in word and not word.replace(".", "").isdigit()):
        return True  # initials, U.S.; not a decimal number ("measuring 4.6.")
    return (
        word in lx.honorifics
        or word in lx.titles
        or word in lx.abbreviations
        or (word in lx.name_suffixes)
    )
