"""Sentence splitting (first version: punctuation followed by a capital; refined in issue 4)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.model import Sentence, Span

_BOUNDARY = re.compile(r"(?<=[.!?])(?P<close>[”\"’']?)\s+(?=[“\"‘'A-Z0-9])")


def split_sentences(text: str, paragraphs: Sequence[Span]) -> tuple[Sentence, ...]:
    """Sentences of every paragraph, with offsets into ``text``."""
    out: list[Sentence] = []
    for index, para in enumerate(paragraphs):
        cursor = para.start
        for match in _BOUNDARY.finditer(text, para.start, para.end):
            _append(out, text, cursor, match.end("close"), index)
            cursor = match.end()
        _append(out, text, cursor, para.end, index)
    return tuple(out)


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + len(chunk) - len(chunk.lstrip())
        out.append(Sentence(stripped, s, s + len(stripped), paragraph))
