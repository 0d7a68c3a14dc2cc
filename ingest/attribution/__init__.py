"""Quotes, reported speech and people of one article (the entry point of the extractor).

The steps, one module each:

- ``quotemarks``: pair the quotation marks of every style into quoted stretches (nesting,
  multi-paragraph quotes, unbalanced marks).
- ``people`` (with ``names`` and ``roles``): people and organisations, their mentions merged
  under full names, with roles from titles and appositions.
- ``cues``: the speech-cue patterns (``X said:``, ``,” said X``, ``— X``, ``According to X``).
- ``reported``: statements in reported speech (``X said (that) …``, ``…, X said``).
- ``speakers``: whether each quote is direct, partial or no quote, and who said it, with
  ``cue_reading`` (the cue right after or before a quote), ``antecedents`` (pronouns and
  floating quotes: the latest speaker or subject) and ``sentence_starts``.
- ``layout``: speakers the article's layout gives (transcript turns, vox-pop name lines, the
  sentence after a quote) and quoted words that are no speech (sign-offs, song titles).
- ``descriptions``: what a description stands for (``the company`` → the company named
  before, ``a council spokesman`` → the council, ``the Arizona Democrat`` → the senator).
- ``lexicon``: the word lists of ``ingest/language/data/*.txt`` those steps rely on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.attribution.quotemarks import find_quotes
from ingest.attribution.reported import find_reported
from ingest.attribution.speakers import Attributor
from ingest.model import Person, Quote, Sentence, Span
from ingest.people.cast import Cast


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
        text, paragraphs, attributor.sentence_starts, attributor.quote_ranges, cast.verbs
    )
    quotes, reported = attributor.attribute(reported_items)
    counts: dict[str, int] = {}
    for q in quotes:
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    quotes = _headline_quotes(text, paragraphs, quotes) + quotes
    return Attribution(tuple(quotes), tuple(reported), cast.as_people(counts))


_WORDS = re.compile(r"\w+")


def _headline_quotes(text: str, paragraphs: Sequence[Span], quotes: list[Quote]) -> list[Quote]:
    """Quotes in the headline that repeat words of a body quote, with that quote's speaker
    (``‘I thought I was going to die’: Widow tells jury …``)."""
    if not paragraphs or paragraphs[0].start == 0:
        return []
    head = text[: paragraphs[0].start]
    lead = len(head) - len(head.lstrip())
    end = head.find("\n", lead)
    line = Span(head[lead : end if end >= 0 else len(head)], lead, end if end >= 0 else len(head))
    out = []
    for q in find_quotes(text, [line]):
        words = _WORDS.findall(text[q.start : q.end].lower())
        if not q.top or len(words) < 3:
            continue
        wanted = " ".join(words)
        for body in quotes:
            if body.kind == "direct" and wanted in " ".join(_WORDS.findall(body.text.lower())):
                out.append(
                    Quote(
                        text[q.start : q.end],
                        q.start,
                        q.end,
                        body.speaker,
                        body.speaker_role,
                        body.cue,
                        "direct",
                    )
                )
                break
    return out
