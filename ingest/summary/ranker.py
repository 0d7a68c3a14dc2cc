"""Extractive summary: the article's own sentences, the most informative chosen.

The shape is TextRank: sentences are the nodes of a graph whose edges weigh the content words
two sentences share (``graph.py``). On an undirected graph the random walk behind PageRank
settles on each node in proportion to its weighted degree, so centrality here is the weighted
degree, computed in one pass over the terms instead of by power iteration; edges to earlier
sentences may count less than edges to later ones (PACSUM's directed centrality). Centrality
is scaled by a prior for early position (counted among the candidates, ``features.py``), by
overlap with the title and by the priors of each sentence's own features; a small learned
model over the same cheap features then corrects that product score (``learned.py``).
Sentences are then picked greedily (``selection.py``): terms a chosen sentence already covers
lose part of their value, and similarity to a chosen sentence is subtracted, so a near-copy of
a chosen sentence is passed over. The choice is returned in article order. The weights
(``data/summary_weights.json``) were tuned on public news with human highlights and on
long references of their most central sentences (``benchmarks/summary_tune.py``).

An article with no more usable sentences than asked for summarises to itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingest.model import Sentence
from ingest.summary import learned
from ingest.summary.features import Candidates, candidates
from ingest.summary.graph import Graph
from ingest.summary.selection import select
from ingest.summary.terms import content_terms
from ingest.summary.weights import DEFAULT_WEIGHTS, Weights

# Summary lengths offered to readers, in sentences.
SUMMARY_LENGTHS = {"short": 1, "default": 3, "long": 5}


def summarize(
    sentences: Sequence[Sentence],
    count: int = 3,
    *,
    title: str | None = None,
    document_frequencies: Mapping[str, int] | None = None,
    documents: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[Sentence, ...]:
    """Up to ``count`` sentences of the article, in article order.

    ``title`` favours sentences about what the headline says. ``document_frequencies``
    (term → how many of ``documents`` articles use it, as
    :func:`ingest.summary.terms.document_frequencies` counts them over the article store)
    makes words common to all news count less; without it every content word counts the same,
    which is what the defaults were tuned with.
    """
    ranked = rank_sentences(
        sentences,
        count,
        title=title,
        document_frequencies=document_frequencies,
        documents=documents,
        weights=weights,
    )
    return in_article_order(ranked[:count])


def in_article_order(chosen: Iterable[Sentence]) -> tuple[Sentence, ...]:
    return tuple(sorted(chosen, key=lambda s: s.start))


def rank_sentences(
    sentences: Sequence[Sentence],
    limit: int,
    *,
    title: str | None = None,
    document_frequencies: Mapping[str, int] | None = None,
    documents: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[Sentence, ...]:
    """Up to ``limit`` sentences in the order the greedy choice takes them.

    The choice is greedy, so the first ``n`` of them are exactly the ``n``-sentence
    summary: one ranking serves the short, default and long summaries.
    """
    if limit <= 0 or not sentences:
        return ()
    found = candidates(sentences, weights)
    if len(found.sentences) <= 1:
        return tuple(found.sentences)
    scored = score_candidates(found, title, document_frequencies, documents, weights)
    scores = scored.scores
    if weights.learned_mix:
        forward = learned.forward_centrality(
            scored.graph, scored.degrees, scored.centrality, weights
        )
        scores = learned.learned_scores(
            found,
            scored.degrees,
            forward,
            scored.title_shared,
            len(scored.title_terms),
            scores,
            learned.shipped_model(),
            weights.learned_mix,
        )
    chosen = select(
        scored.graph, scores, scored.degrees, limit, weights.coverage, weights.redundancy
    )
    return tuple(found.sentences[i] for i in chosen)


@dataclass(frozen=True, slots=True)
class Scored:
    """The word-overlap graph of the candidates, their degrees, their directed centrality
    and their product scores."""

    graph: Graph
    degrees: list[float]
    centrality: list[float]
    scores: list[float]
    title_terms: set[str]
    title_shared: list[int]  # how many title terms each candidate has (all 0 without a title)


def score_candidates(
    found: Candidates,
    title: str | None,
    document_frequencies: Mapping[str, int] | None,
    documents: int,
    weights: Weights,
) -> Scored:
    """Each candidate's centrality times its priors, position bonus and title overlap,
    scaled to the best (the hand-tuned product score)."""
    terms = found.terms
    graph = Graph.build(terms, weights.length_exponent, document_frequencies, documents)
    degrees = graph.degrees()
    centrality = graph.directed(degrees, weights.earlier_edges)
    top = max(centrality) or 1.0
    power = weights.centrality_power
    bonus = _position_bonus(weights.position, weights.position_decay, weights.first, len(terms))
    if power == 1.0:
        shares = [c / top for c in centrality]
    else:  # float noise can leave a degree a hair below 0
        shares = [max(c / top, 0.0) ** power for c in centrality]
    scores = [c * p * b for c, p, b in zip(shares, found.priors, bonus, strict=True)]
    title_terms = content_terms(title) if title else set()
    if title_terms:
        shared = [len(t & title_terms) for t in terms]
        title_share = weights.title / len(title_terms)
        scores = [score * (1.0 + title_share * k) for score, k in zip(scores, shared, strict=True)]
    else:
        shared = [0] * len(terms)
    best = max(scores)
    if best > 0:
        scores = [score / best for score in scores]
    return Scored(graph, degrees, centrality, scores, title_terms, shared)


@lru_cache(maxsize=256)
def _position_bonus(position: float, decay: float, first: float, count: int) -> tuple[float, ...]:
    """The factor for early position of each of ``count`` sentences: ``1 + position`` for the
    first, decaying by e every ``decay`` sentences, and ``1 + first`` more for the first."""
    bonus = [1.0 + position * math.exp(-rank / decay) for rank in range(count)]
    bonus[0] *= 1.0 + first
    return tuple(bonus)
