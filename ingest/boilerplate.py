"""Text a summary must never show: bylines, captions, credits, "Read more" lines and the like.

The patterns live in ``data/boilerplate.json``. They are anchored at the start or the end of
the sentence, and the end patterns run only when the tail holds a bracket, bar or slash, so
that a check costs about a microsecond however long the sentence is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.wordlists import table

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
