"""Quotes, reported speech and people of one article (the entry point of the extractor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.model import Person, Quote, Sentence, Span
from ingest.people import Cast
from ingest.quotemarks import find_quotes
from ingest.reported import find_reported
from ingest.speakers import Attributor


@dataclass(frozen=True, slots=True)
class Attribution:
    quotes: tuple[Quote, ...]
    reported: tuple[Quote, ...]
    people: tuple[Person, ...]


def attribute(text: str, paragraphs: Sequence[Span], sentences: Sequence[Sentence]) -> Attribution:
    """Direct and partial quotes, reported speech and the people of ``text``.

    ``paragraphs`` are the body paragraphs (no title line, no dateline). ``sentences`` are
    accepted for the pipeline's sake; quotes cross sentence splits, so the extractor keeps its
    own sentence boundaries outside quotation marks.
    """
    del sentences
    spans = find_quotes(text, paragraphs)
    top = [q for q in spans if q.top]
    cast = Cast(text, paragraphs, [(q.open, q.close) for q in top])
    attributor = Attributor(text, paragraphs, top, cast)
    reported_items = find_reported(
        text, paragraphs, attributor.sentence_starts, attributor.in_quote, cast.verbs
    )
    quotes, reported = attributor.attribute(reported_items)
    counts: dict[str, int] = {}
    for q in quotes:
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    return Attribution(tuple(quotes), tuple(reported), cast.as_people(counts))
