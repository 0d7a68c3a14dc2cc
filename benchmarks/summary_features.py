"""Cheap features of each summary candidate, for the learned score of ``summary_learn.py``.

Each candidate sentence is described by a few numbers (``FEATURES``): the log of the
hand-tuned product score of ``ingest/summary/ranker.py``, where it stands (first, early, how far
into the article, opening a paragraph), how long it is, how central it is in the word-overlap
graph (the weighted degree, the cosine degree that LexRank uses, and the edges to later
sentences only, PACSUM's forward centrality: a sentence that later ones echo leads the story),
how much of the title it shares, and the flags the priors use (figures, a sentence opening with
a pronoun or connective, one opening with a quote mark). Centrality measures are scaled to the
article's best, so that articles of any length compare.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ingest.summary import terms as terms_module
from ingest.summary.features import _OPENING_QUOTES, Candidates, _language
from ingest.summary.graph import Graph

FEATURES = (
    "product",
    "first",
    "early",
    "later",
    "opens_paragraph",
    "words",
    "long",
    "degree",
    "cosine_degree",
    "forward",
    "title",
    "figures",
    "dependent",
    "quoted",
)


_PRODUCT_FLOOR = 1e-4


def _shares(values: Sequence[float]) -> list[float]:
    top = max(values)
    if top <= 0:
        return [0.0] * len(values)
    return [max(v, 0.0) / top for v in values]


def feature_rows(
    found: Candidates,
    graph: Graph,
    degrees: Sequence[float],
    title_terms: set[str],
    product: Sequence[float],
) -> list[tuple[float, ...]]:
    """One row of ``FEATURES`` per candidate; ``product`` is the hand-tuned score of each
    (``ranker.py``), scaled to the best; its log is the feature (at least ``_PRODUCT_FLOOR``)."""
    terms = found.terms
    n = len(terms)
    # cosine degree: a(i) = |terms i| ** -0.5, summed per term as in Graph
    scale = [1.0 / math.sqrt(len(t) or 1) for t in terms]
    mass: dict[str, float] = {}
    mass_of = mass.get
    for t, a in zip(terms, scale, strict=True):
        for term in t:
            mass[term] = mass_of(term, 0.0) + a
    cosine = [
        a * (sum(map(mass.__getitem__, t)) - a * len(t)) for t, a in zip(terms, scale, strict=True)
    ]
    degree = _shares(degrees)
    cosine_share = _shares(cosine)
    forward = _shares(graph.directed(degrees, 0.0))
    title_size = len(title_terms)
    rows = []
    openers = _language().dependent_openers
    for rank, sentence in enumerate(found.sentences):
        words = found.words[rank]
        tokens = terms_module.tokens(sentence.text.lower())
        before = found.sentences[rank - 1] if rank else None
        rows.append(
            (
                math.log(max(product[rank], _PRODUCT_FLOOR)),
                1.0 if rank == 0 else 0.0,
                math.exp(-rank / 3.0),
                rank / (n - 1) if n > 1 else 0.0,
                1.0 if before is None or before.paragraph != sentence.paragraph else 0.0,
                min(words, 40) / 40,
                min(max(words - 40, 0), 40) / 40,
                degree[rank],
                cosine_share[rank],
                forward[rank],
                len(terms[rank] & title_terms) / title_size if title_size else 0.0,
                min(sum(map(str.isdigit, tokens)), 3) / 3,
                1.0 if rank and tokens and tokens[0] in openers else 0.0,
                1.0 if sentence.text.startswith(_OPENING_QUOTES) else 0.0,
            )
        )
    return rows
