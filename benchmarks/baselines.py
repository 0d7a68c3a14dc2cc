"""Baselines for the summary benchmark: TextRank on a list of sentences.

TextRank (Mihalcea and Tarau 2004): sentences are nodes, an edge weighs the words two sentences
share divided by log |S1| + log |S2|, and PageRank (damping 0.85) ranks the nodes. Words are
lower-cased alphanumeric tokens without stopwords, as the usual implementations do.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ingest.language.wordlists import stopwords

_WORD = re.compile(r"[a-z0-9]+")


def textrank(sentences: Sequence[str], count: int, iterations: int = 50) -> list[str]:
    """The ``count`` best-ranked sentences, in article order."""
    stop = stopwords()
    bags = [{w for w in _WORD.findall(s.lower()) if w not in stop} for s in sentences]
    n = len(bags)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(bags[i] & bags[j])
            if shared and len(bags[i]) > 1 and len(bags[j]) > 1:
                w = shared / (math.log(len(bags[i])) + math.log(len(bags[j])))
                weights[i][j] = weights[j][i] = w
    out_sums = [sum(row) for row in weights]
    rank = [1.0] * n
    for _ in range(iterations):
        rank = [
            0.15
            + 0.85 * sum(weights[j][i] / out_sums[j] * rank[j] for j in range(n) if weights[j][i])
            for i in range(n)
        ]
    best = sorted(range(n), key=lambda i: (-rank[i], i))[:count]
    return [sentences[i] for i in sorted(best)]
