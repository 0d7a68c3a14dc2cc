"""Text a summary must never show: bylines, captions, credits, "Read more" lines and the like.

The patterns live in ``data/boilerplate.json``. They are anchored at the start or the end of
the sentence, and the end patterns run only when the tail holds a bracket, bar or slash, so
that a check costs about a microsecond however long the sentence is. For the sentences of one
article, :func:`boilerplate_test` looks for the end marks and the plain substrings in the whole
article once and then per sentence only for those the article holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ingest.language.wordlists import table

_TAIL = 48
_LEADING_TAGS = re.compile(r"(?:<[^<>]{1,40}>\s*)+")


@dataclass(frozen=True, slots=True)
class _Patterns:
    start_as_written: re.Pattern[str]
    start: re.Pattern[str]
    end: re.Pattern[str]
    end_marks: str
    contains: tuple[str, ...]


def _joined(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def _patterns() -> _Patterns:
    data = table("boilerplate.json")
    return _Patterns(
        start_as_written=_joined(data["start_as_written"]),
        start=_joined(data["start"]),
        end=_joined(data["end"]),
        end_marks=data["end_marks"],
        contains=tuple(data["contains"]),
    )


def is_boilerplate(sentence: str, lowered: str | None = None) -> bool:
    """Is ``sentence`` a byline, caption, credit, prompt or syndication note?

    ``lowered`` may pass ``sentence.lower()`` when the caller has it already.
    """
    p = _patterns()
    if sentence.startswith("<"):
        tags = _LEADING_TAGS.match(sentence)
        if tags:
            sentence, lowered = sentence[tags.end() :], None
    if p.start_as_written.match(sentence):
        return True
    low = sentence.lower() if lowered is None else lowered
    if p.start.match(low):
        return True
    tail = low[-_TAIL:]
    for mark in p.end_marks:
        if mark in tail:
            if p.end.search(tail):
                return True
            break
    for needle in p.contains:  # noqa: SIM110 - a plain loop is twice as fast as any() here
        if needle in low:
            return True
    return False


def boilerplate_test(lowered_text: str) -> Callable[[str, str], bool]:
    """:func:`is_boilerplate` for sentences of one text, called as ``test(sentence, lowered)``.

    ``lowered_text`` is the text lower-cased; every ``lowered`` passed to the test must occur in
    it. An end mark or a ``contains`` needle that ``lowered_text`` lacks is in none of its
    sentences, so the test does not look for it again per sentence.
    """
    p = _patterns()
    start_as_written, start, end = p.start_as_written.match, p.start.match, p.end.search
    end_marks = [mark for mark in p.end_marks if mark in lowered_text]
    contains = [needle for needle in p.contains if needle in lowered_text]

    def test(sentence: str, lowered: str) -> bool:
        if sentence.startswith("<"):
            return is_boilerplate(sentence, lowered)  # leading tags: the general case
        if start_as_written(sentence) or start(lowered):
            return True
        if end_marks:
            tail = lowered[-_TAIL:]
            for mark in end_marks:
                if mark in tail:
                    if end(tail):
                        return True
                    break
        for needle in contains:  # noqa: SIM110 - a plain loop is twice as fast as any() here
            if needle in lowered:
                return True
        return False

    return test
