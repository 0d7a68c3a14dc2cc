"""``analyze``: article text → :class:`~ingest.model.Analysis`. Pure, no I/O."""

from __future__ import annotations

from ingest.attribution import attribute
from ingest.model import Analysis, Span
from ingest.summary.ranker import SUMMARY_LENGTHS, in_article_order, rank_sentences
from ingest.text.dateline import find_dateline
from ingest.text.layout import split_paragraphs, split_title
from ingest.text.sentences import split_sentences

# Bump whenever the analysis of the same text changes; `newsroom-bot reindex` re-runs older rows.
ANALYZER_VERSION = 5

DEFAULT_SUMMARY_SENTENCES = 3


def analyze(
    text: str,
    *,
    title: str | None = None,
    summary_sentences: int = DEFAULT_SUMMARY_SENTENCES,
) -> Analysis:
    """Analyse one article.

    With ``title=None`` the first line of ``text`` is the title when it reads like a headline
    (see :func:`ingest.text.layout.split_title`); with a title given, all of ``text`` is body.
    Offsets always index ``text``.
    """
    if title is None:
        title_span, body_start = split_title(text)
        title_text = title_span.text if title_span else None
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
    if title_text is None:
        title_text = _headline_from(sentences[0].text) if sentences else ""
    found = attribute(text, paragraphs, sentences)
    longest = max(summary_sentences, *SUMMARY_LENGTHS.values())
    ranking = rank_sentences(sentences, longest, title=title_text)
    summary = in_article_order(ranking[:summary_sentences])
    return Analysis(
        title=title_text,
        dateline=dateline,
        paragraphs=paragraphs,
        sentences=sentences,
        summary=tuple(s.text for s in summary),
        quotes=found.quotes,
        reported=found.reported,
        beliefs=found.beliefs,
        people=found.people,
        version=ANALYZER_VERSION,
        summary_ranking=ranking,
    )


def _headline_from(sentence: str, limit: int = 100) -> str:
    """A stand-in headline for copy that has none: its first sentence, cut at a word."""
    words = " ".join(sentence.split())
    if len(words) <= limit:
        return words
    return words[: words.rfind(" ", 0, limit - 1)].rstrip(" ,;:") + "…"


def summary_variants(analysis: Analysis) -> dict[str, tuple[str, ...]]:
    """The short, default and long summaries of an analysed article."""
    return {
        name: tuple(s.text for s in in_article_order(analysis.summary_ranking[:count]))
        for name, count in SUMMARY_LENGTHS.items()
    }
