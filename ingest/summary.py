"""Extractive summary (first version: the lead sentences; refined in issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.model import Sentence


def summarize(sentences: Sequence[Sentence], count: int = 3) -> tuple[Sentence, ...]:
    """Up to ``count`` sentences of the article, in article order."""
    return tuple(sentences[: max(count, 0)])
