"""Typed records produced by the analysis. Every offset is a Python ``str`` index into the text
that was analysed (the article's full text, title line included)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "partial", "reported"]


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as a reader produced it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """``Astana [Kazakhstan], December 15 (ANI):`` → place, country, date, agency."""

    place: str
    country: str | None
    date: str | None
    agency: str | None
    start: int
    end: int

    def as_dict(self) -> dict[str, str | None]:
        return {
            "place": self.place,
            "country": self.country,
            "date": self.date,
            "agency": self.agency,
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; ``paragraph`` is the index of its body paragraph."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote: ``text == source[start:end]`` without the enclosing marks.

    ``kind`` is ``direct`` (a full direct quote), ``partial`` (a fragment woven into
    paraphrase) or ``reported`` (indirect speech: ``X said that …``). ``speaker`` is the
    resolved full name (or organisation), ``None`` when the article does not say.
    ``cue`` is the speech verb or phrase that attributes it (``said``, ``according to``).
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_role: str | None
    cue: str | None
    kind: QuoteKind = "direct"

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "cue": self.cue,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Person:
    """One person named in the article, all their mentions merged."""

    name: str
    role: str | None
    aliases: tuple[str, ...] = ()
    mentions: int = 1
    quotes: int = 0
    organisation: str | None = None

    @property
    def quoted(self) -> bool:
        return self.quotes > 0

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role,
            "mentions": self.mentions,
            "quoted": self.quoted,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything ``analyze`` finds in one article."""

    title: str
    dateline: Dateline | None
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]
    reported: tuple[Quote, ...]
    people: tuple[Person, ...]
    version: int = field(default=0)
    # Beliefs, hopes and expectations reported of someone (``X believes …``): kind
    # ``reported`` with the belief verb as ``cue``, kept apart from reported speech.
    beliefs: tuple[Quote, ...] = ()
    # Summary sentences in the order the summarizer picks them: the first n are the
    # n-sentence summary (at least as many as the longest summary length).
    summary_ranking: tuple[Sentence, ...] = ()

    @property
    def direct_quotes(self) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.kind == "direct")
