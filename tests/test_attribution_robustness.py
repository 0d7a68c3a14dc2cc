"""Messy input never breaks the extractor: random marks, words and breaks, and empty text."""

from __future__ import annotations

import random

import pytest

from ingest import analyze
from tests.attribution_helpers import run_attribution

PIECES = [
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "``", "''", " said", " Smith", " he",
    " The", " Ministry", ", ", ". ", "\n\n", "\n", " Dr.", " Mr", " —", " -", "(", ")", ":",
    " according to", " Jane", " O'Brien", " the minister", " 45,", " and", "é", "  ",
    "Q: ", "A. ", "TRUMP: ", "— Jane Doe, 45, Ames", "Follow X on Twitter", " sang",
    " That was the verdict of", " asked Jane Doe whether", "And ", "?",
]  # fmt: skip


def test_random_text_never_raises():
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
        found = run_attribution(text)
        for q in found.quotes + found.reported:
            assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text", ["", "\n\n", "Title only", "Title\n\n“", "“”", '""', 'a"b"c', "Q", "A:", "— X"]
)
def test_degenerate_articles(text):
    analysis = analyze(text)
    assert all(text[q.start : q.end] == q.text for q in analysis.quotes)
