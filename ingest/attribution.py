"""Quotes, reported speech and people (first version: colon intros only; issue 3 completes it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.model import Person, Quote, Sentence, Span

_COLON_QUOTE = re.compile(
    r"(?P<speaker>(?:[A-Z][\w’'\-]+ ){0,3}[A-Z][\w’'\-]+) (?P<cue>said|added|says|stated):\s*"
    r"[“\"](?P<text>[^”\"]+)[”\"]"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    quotes: tuple[Quote, ...]
    reported: tuple[Quote, ...]
    people: tuple[Person, ...]


def attribute(text: str, paragraphs: Sequence[Span], sentences: Sequence[Sentence]) -> Attribution:
    quotes: list[Quote] = []
    for para in paragraphs:
        for m in _COLON_QUOTE.finditer(text, para.start, para.end):
            quotes.append(
                Quote(
                    m.group("text"),
                    m.start("text"),
                    m.end("text"),
                    m.group("speaker"),
                    None,
                    m.group("cue"),
                )
            )
    counts: dict[str, int] = {}
    for q in quotes:
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    people = tuple(Person(name, None, (), text.count(name), n) for name, n in counts.items())
    return Attribution(tuple(quotes), (), people)
