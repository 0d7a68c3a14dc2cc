"""A learned correction of the sentence score: a logistic model over cheap features.

Each candidate is described by a few numbers (``FEATURES``): the log of the hand-tuned
product score (``ranker.score_candidates``), where it stands (first, early, how far into the
article), how long it is, how central it is in the word-overlap graph (its degree, and its
edges to later sentences only, PACSUM's forward centrality: a sentence that later ones echo
leads the story), how much of the title it shares and the figures it gives. Centrality is
scaled to the article's best, so that articles of any length compare. (Opening a paragraph
and opening with a quote mark weighed little, -0.1 each, and cost a pass each: left out.)

A logistic model of those numbers gives P, the chance that the sentence belongs in a summary
that serves both an editor's highlights and the story's most central sentences; the score is
then the product score times ``P ** mix``, scaled to the best (``mix`` is the weight
``learned_mix``; 0 leaves the product score alone). The model (``data/summary_model.json``)
was fitted by ``benchmarks/summary_learn.py --linear`` on the
tune part of public training and validation data (``benchmarks/summary_data.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.language.wordlists import table
from ingest.summary.features import Candidates
from ingest.summary.graph import Graph
from ingest.summary.weights import Weights

FEATURES = (
    "product",
    "first",
    "early",
    "later",
    "words",
    "long",
    "degree",
    "forward",
    "title",
    "figures",
)
# The log of a product score below this counts as this (a score of 0 has no log).
PRODUCT_FLOOR = 1e-4


@dataclass(frozen=True, slots=True)
class Model:
    base: float
    coefficients: tuple[float, ...]  # one per feature, in FEATURES order


@cache
def shipped_model() -> Model:
    data = table("summary_model.json")
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"summary_model.json has features {data['features']}, not {FEATURES}")
    return Model(float(data["base"]), tuple(map(float, data["coefficients"])))


def forward_centrality(
    graph: Graph, degrees: Sequence[float], centrality: Sequence[float], weights: Weights
) -> list[float]:
    """Each candidate's edges to later sentences only (``Graph.directed`` with ``earlier = 0``).

    ``centrality`` counts the edges to earlier sentences ``e = weights.earlier_edges`` times:
    c = d - (1 - e) * b for degree d and backward edges b (0 where that is negative), so for
    0 <= e < 1 the forward centrality d - b is (c - e * d) / (1 - e), and at most 0 where c is
    0, with no further pass over the terms; for other e it is worked out again.
    """
    e = weights.earlier_edges
    if not 0.0 <= e < 1.0:
        return graph.directed(degrees, 0.0)
    keep = 1.0 - e
    return [
        (c - e * d) / keep if c > 0.0 else 0.0 for c, d in zip(centrality, degrees, strict=True)
    ]


def _shares(values: Sequence[float]) -> list[float]:
    top = max(values)
    if top <= 0:
        return [0.0] * len(values)
    return [max(v, 0.0) / top for v in values]


def feature_rows(
    found: Candidates,
    degrees: Sequence[float],
    forward: Sequence[float],
    title_shared: Sequence[int],
    title_size: int,
    product: Sequence[float],
) -> list[tuple[float, ...]]:
    """One row of ``FEATURES`` per candidate (what the model is fitted on; ``margins``
    works out the same sums without the rows). ``title_shared``: how many of the title's
    ``title_size`` terms each candidate has; ``product``: the product scores."""
    degree, ahead = _shares(degrees), _shares(forward)
    n = len(found.sentences)
    last = max(n - 1, 1)
    rows = []
    log, exp = math.log, math.exp
    for rank, words in enumerate(found.words):
        rows.append(
            (
                log(max(product[rank], PRODUCT_FLOOR)),
                1.0 if rank == 0 else 0.0,
                exp(-rank / 3.0),
                rank / last,
                min(words, 40) / 40,
                min(max(words - 40, 0), 40) / 40,
                degree[rank],
                ahead[rank],
                title_shared[rank] / title_size if title_size else 0.0,
                min(found.figures[rank], 3) / 3,
            )
        )
    return rows


_LONGEST = 80  # words: the length features stop growing here


@lru_cache(maxsize=256)
def _position_terms(model: Model, count: int) -> tuple[float, ...]:
    """base + the first, early and later terms of the margin, for each of ``count`` ranks."""
    c = dict(zip(FEATURES, model.coefficients, strict=True))
    last = max(count - 1, 1)
    terms = [
        model.base + c["early"] * math.exp(-rank / 3.0) + c["later"] * (rank / last)
        for rank in range(count)
    ]
    terms[0] += c["first"]
    return tuple(terms)


@lru_cache(maxsize=4)
def _tables(model: Model) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The margin's terms for each length in words (up to ``_LONGEST``) and for 0-3 figures."""
    c = dict(zip(FEATURES, model.coefficients, strict=True))
    lengths = tuple(
        c["words"] * (min(w, 40) / 40) + c["long"] * (min(max(w - 40, 0), 40) / 40)
        for w in range(_LONGEST + 1)
    )
    return lengths, tuple(c["figures"] * (k / 3) for k in range(4))


def margins(
    found: Candidates,
    degrees: Sequence[float],
    forward: Sequence[float],
    title_shared: Sequence[int],
    title_size: int,
    product: Sequence[float],
    model: Model,
) -> list[float]:
    """base + coefficients · features of each candidate, as ``feature_rows`` defines them."""
    return list(_margins(found, degrees, forward, title_shared, title_size, product, model))


def _margins(
    found: Candidates,
    degrees: Sequence[float],
    forward: Sequence[float],
    title_shared: Sequence[int],
    title_size: int,
    product: Sequence[float],
    model: Model,
) -> Iterator[float]:
    """The margins one by one: terms that depend only on the rank, the length or the figures
    come from tables."""
    c = dict(zip(FEATURES, model.coefficients, strict=True))
    top_degree, top_forward = max(degrees), max(forward)
    k_degree = c["degree"] / top_degree if top_degree > 0 else 0.0
    k_forward = c["forward"] / top_forward if top_forward > 0 else 0.0
    k_title = c["title"] / title_size if title_size else 0.0
    k_product = c["product"]
    lengths, figure_terms = _tables(model)
    log, floor, log_floor = math.log, PRODUCT_FLOOR, math.log(PRODUCT_FLOOR)
    return (
        position
        + k_product * (log(p) if p > floor else log_floor)
        + lengths[w if w < _LONGEST else _LONGEST]
        + k_degree * (d if d > 0.0 else 0.0)
        + k_forward * (f if f > 0.0 else 0.0)
        + k_title * shared
        + figure_terms[g if g < 3 else 3]
        for position, p, w, d, f, shared, g in zip(
            _position_terms(model, len(product)),
            product,
            found.words,
            degrees,
            forward,
            title_shared,
            found.figures,
            strict=True,
        )
    )


def learned_scores(
    found: Candidates,
    degrees: Sequence[float],
    forward: Sequence[float],
    title_shared: Sequence[int],
    title_size: int,
    product: Sequence[float],
    model: Model,
    mix: float,
) -> list[float]:
    """The product score (at least ``PRODUCT_FLOOR``) times P ** mix, scaled to the best."""
    found_margins = _margins(found, degrees, forward, title_shared, title_size, product, model)
    exp, floor = math.exp, PRODUCT_FLOOR
    # margins are bounded (bounded features, log product >= log floor): exp cannot overflow
    scores = [
        (p if p > floor else floor) * (1.0 + exp(-m)) ** -mix
        for p, m in zip(product, found_margins, strict=True)
    ]
    top = max(scores)
    return [score / top for score in scores]
