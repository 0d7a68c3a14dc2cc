"""Checks over the dev corpus in tests/corpus (skipped until it is there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import analyze
from ingest.text.boilerplate import is_boilerplate

CORPUS = Path(__file__).resolve().parent / "corpus"
GOLD = sorted((CORPUS / "gold").glob("*.json")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not GOLD, reason="no dev corpus in tests/corpus")


def load(path: Path) -> tuple[str, dict]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    article = CORPUS / "articles" / gold.get("article", path.stem + ".txt")
    return article.read_text(encoding="utf-8"), gold


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_reference_sentences_are_sentences(path: Path) -> None:
    """Every reference summary sentence comes out of the splitter whole (its dateline aside)."""
    text, gold = load(path)
    sentences = [s.text for s in analyze(text).sentences]
    for reference in gold.get("summary", []):
        assert reference in sentences or any(
            reference.endswith(s) and len(s) > 40 for s in sentences
        ), reference


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_summary_invariants(path: Path) -> None:
    text, _gold = load(path)
    for count in (1, 3, 5):
        analysis = analyze(text, summary_sentences=count)
        usable = [s for s in analysis.sentences if not is_boilerplate(s.text)]
        assert len(analysis.summary) <= count
        if len(usable) > count + 3:
            assert len(analysis.summary) == count
        cursor = 0
        for sentence in analysis.summary:  # in article order
            cursor = text.index(sentence, cursor) + len(sentence)
        assert not any(is_boilerplate(s) for s in analysis.summary)
        if analysis.dateline is not None:
            assert not analysis.summary[0].startswith(analysis.dateline.place)
