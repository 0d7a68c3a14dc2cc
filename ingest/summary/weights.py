"""The tuning of the sentence score, read from ``data/summary_weights.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.language.wordlists import table

_SHIPPED: dict[str, Any] = table("summary_weights.json")["weights"]


def _shipped(name: str) -> Any:
    return field(default=_SHIPPED[name])


@dataclass(frozen=True, slots=True)
class Weights:
    """Tuning of the sentence score; defaults from ``data/summary_weights.json``.

    A sentence scores its centrality (normalised to the article's best, raised to
    ``centrality_power``) times a factor for each prior below; then the choice is greedy with
    redundancy removal.
    """

    # edge(i, j) is divided by (|terms i| * |terms j|) ** length_exponent: 0 favours long
    # sentences most, 0.5 is cosine-like.
    length_exponent: float = _shipped("length_exponent")
    # Edges to earlier sentences count this much, those to later ones 1 (PACSUM's directed
    # centrality; 1 is the undirected degree, below 1 favours sentences that lead the story).
    earlier_edges: float = _shipped("earlier_edges")
    centrality_power: float = _shipped("centrality_power")
    # The first sentence gets (1 + position); the bonus decays by e every position_decay
    # sentences (counted among the sentences that are not boilerplate).
    position: float = _shipped("position")
    position_decay: float = _shipped("position_decay")
    # A further (1 + first) for the first sentence: news puts the story in its lead.
    first: float = _shipped("first")
    # Up to (1 + title) for a sentence that has every content word of the title.
    title: float = _shipped("title")
    # Sentences of fewer words (not counting figures), none of them in lower case, are no
    # candidates at all.
    fragment_words: int = _shipped("fragment_words")
    # Sentences of fewer words are scaled down in proportion.
    short_words: int = _shipped("short_words")
    # Sentences of more words are scaled by (long_words / words) ** long_penalty.
    long_words: int = _shipped("long_words")
    long_penalty: float = _shipped("long_penalty")
    # Factor for a sentence that leans on the one before.
    dependent: float = _shipped("dependent")
    # Factor for a sentence that opens with a quote mark: a source's words, not the report.
    quote: float = _shipped("quote")
    # Up to (1 + numbers) for a sentence with three or more figures (amounts, counts, dates;
    # 9.62 counts as two).
    numbers: float = _shipped("numbers")
    # Weight of the similarity to already chosen sentences in maximal marginal relevance.
    redundancy: float = _shipped("redundancy")
    # Share of a term's value lost once a chosen sentence covers it.
    coverage: float = _shipped("coverage")
    # The score is the product score times P ** learned_mix, P the learned model's chance that
    # the sentence belongs in the summary (``learned.py``); 0 leaves the product score alone.
    learned_mix: float = _shipped("learned_mix")


DEFAULT_WEIGHTS = Weights()
