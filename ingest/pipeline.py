"""``analyze``: article text → :class:`~ingest.model.Analysis`. Pure, no I/O."""

from __future__ import annotations

from ingest.attribution import attribute
from ingest.dateline import find_dateline
from ingest.layout import split_paragraphs, split_title
from ingest.model import Analysis, Span
from ingest.sentences import split_sentences
from ingest.summary import summarize

# Bump whenever the analysis of the same text changes; `newsroom-bot reindex` re-runs older rows.
ANALYZER_VERSION = 1

DEFAULT_SUMMARY_SENTENCES = 3


def analyze(
    text: str,
    *,
    title: str | None = None,
    summary_sentences: int = DEFAULT_SUMMARY_SENTENCES,
) -> Analysis:
    """Analyse one article.

    With ``title=None`` the first non-empty line of ``text`` is the title and the body follows
    it; with a title given, all of ``text`` is body. Offsets always index ``text``.
    """
    if title is None:
        title_span, body_start = split_title(text)
        title_text = title_span.text if title_span else ""
    else:
        title_text, body_start = title.strip(), 0
    paragraphs = split_paragraphs(text, body_start)
    dateline = None
    if paragraphs:
        first = paragraphs[0]
        dateline = find_dateline(text, first.start, first.end)
        if dateline is not None:
            rest = text[dateline.end : first.end]
            paragraphs = (Span(rest, dateline.end, first.end), *paragraphs[1:])
    sentences = split_sentences(text, paragraphs)
    found = attribute(text, paragraphs, sentences)
    summary = summarize(sentences, summary_sentences, title=title_text)
    return Analysis(
        title=title_text,
        dateline=dateline,
        paragraphs=paragraphs,
        sentences=sentences,
        summary=tuple(s.text for s in summary),
        quotes=found.quotes,
        reported=found.reported,
        people=found.people,
        version=ANALYZER_VERSION,
    )
