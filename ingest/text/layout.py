"""Article layout: the title line and the body paragraphs, as spans of the original text."""

from __future__ import annotations

import re

from ingest.model import Span

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")


def _trimmed(text: str, start: int, end: int) -> Span | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    s = start if chunk[0] == stripped[0] else start + len(chunk) - len(chunk.lstrip())
    return Span(stripped, s, s + len(stripped))


MAX_TITLE_CHARS = 250


def split_title(text: str) -> tuple[Span | None, int]:
    """The headline and the offset where the body begins.

    The first non-empty line is the headline when more text follows it and it reads like
    one: at most ``MAX_TITLE_CHARS`` long and not ending like a sentence of body copy.
    Otherwise there is no headline and all of the text is body.
    """
    for match in _LINE.finditer(text):
        span = _trimmed(text, match.start(), match.end())
        if span is None:
            continue
        more_follows = bool(text[match.end() :].strip())
        looks_like_headline = len(span.text) <= MAX_TITLE_CHARS and not span.text.endswith(
            (".", ",", ";", ":")
        )
        if more_follows and looks_like_headline:
            return span, match.end()
        return None, span.start
    return None, len(text)


def split_paragraphs(text: str, start: int = 0) -> tuple[Span, ...]:
    """Paragraphs of ``text[start:]``.

    Copy with blank lines between paragraphs is split on the blank lines (so hard-wrapped
    lines stay together); copy without any blank line is split on every line break.
    """
    body = text[start:]
    separator = _BLANK_LINE if _BLANK_LINE.search(body) else re.compile(r"\n")
    spans: list[Span] = []
    cursor = start
    for match in separator.finditer(text, start):
        span = _trimmed(text, cursor, match.start())
        if span is not None:
            spans.append(span)
        cursor = match.end()
    span = _trimmed(text, cursor, len(text))
    if span is not None:
        spans.append(span)
    return tuple(spans)
