"""Greedy choice of summary sentences with redundancy removal (maximal marginal relevance)."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

from ingest.summary.graph import Graph

_TIE = 1e-9
_NEAR = 2e-9  # scores closer than this may round to the same 9 decimals
# A candidate this similar (cosine of term sets) to a chosen sentence is a copy: never chosen.
NEAR_COPY = 0.9


def best_first(scores: Sequence[float]) -> list[int]:
    """Indices of ``scores``, best first, equal scores in article order.

    Scores are compared rounded to 9 decimals, so that float noise from set order
    (PYTHONHASHSEED) never reorders a tie. Rounding moves a score by at most half of 1e-9, so
    it can only reorder scores closer than ``_NEAR``; with none that close (the usual case)
    the plain sort gives the same order without rounding each score. Both sorts are stable,
    reversed or not.
    """
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    ranked = [scores[i] for i in order]
    gaps = filter(None, map(operator.sub, ranked, ranked[1:]))  # exact ties need no care
    if min(gaps, default=math.inf) > _NEAR:
        return order
    rounded = [round(score, 9) for score in scores]
    return sorted(range(len(scores)), key=rounded.__getitem__, reverse=True)


def select(
    graph: Graph,
    scores: Sequence[float],
    centrality: Sequence[float],
    count: int,
    coverage: float,
    redundancy: float,
) -> list[int]:
    """Greedy choice with redundancy removal.

    Each round takes the best score after two discounts for what is already chosen: terms
    already covered count only ``1 - coverage`` of their value, and ``redundancy`` times the
    cosine similarity to the closest chosen sentence is subtracted (maximal marginal
    relevance); a near copy of a chosen sentence (``NEAR_COPY``) is never taken. Discounts
    only lower a score, so candidates are tried best score first and a round stops at the
    first whose undiscounted score cannot win. Discounts also only grow from one round to the
    next, so a candidate whose value in an earlier round could not win now is passed over
    without working its value out again.

    What a candidate ``i`` loses to the chosen sentences is brought up to date only when
    its value is worked out, folding in the sentences chosen since the last time:

    - its similarity, the max over chosen j of |terms i ∩ terms j| / (norm i * norm j), with
      norm i = sqrt |terms i|;
    - its degree counting only the covered terms: unweighted a(i) * (the mass of those
      terms - a(i) * how many they are), weighted a(i) * the sum of w(t) * (mass(t) - a(i))
      over them. The terms each choice newly covers are kept in the order they were covered
      in, so these sums add up in the same order however late they are worked out.
    """
    n = len(scores)
    terms, scale, mass, weight = graph.terms, graph.scale, graph.mass, graph.weight
    norms = [math.sqrt(len(t)) or 1.0 for t in terms]
    order = best_first(scores)
    # Values never rise from round to round when nothing weighs negative: then the last
    # value worked out for a candidate bounds its value now (its score, in the first round).
    monotone = (
        coverage >= 0
        and redundancy >= 0
        and min(scores) >= 0
        and (weight is None or min(weight.values()) >= 0)
    )
    bound = list(scores) if monotone else [math.inf] * n
    chosen: list[int] = []
    covered: set[str] = set()
    newly_covered: list[list[str]] = []  # per chosen sentence, in choice order
    folded = [0] * n  # how many of the chosen sentences the figures below count, per sentence
    similarity = [0.0] * n
    # unweighted: the mass of the covered terms and how many they are; weighted: the sum of
    # w(t) * (mass(t) - a) over them
    covered_value = [0.0] * n
    covered_count = [0] * n
    while len(chosen) < min(count, n):
        best, best_value = -1, -math.inf
        for i in order:
            value = scores[i]
            if value <= best_value + _TIE:
                break
            if bound[i] <= best_value + _TIE:
                continue  # chosen already, or cannot win
            if chosen:
                terms_i, a = terms[i], scale[i]
                similar_i, covered_i, count_i = similarity[i], covered_value[i], covered_count[i]
                for k in range(folded[i], len(chosen)):
                    j = chosen[k]
                    overlap = len(terms_i & terms[j])
                    if not overlap:
                        continue
                    similar = overlap / (norms[i] * norms[j])
                    if similar > similar_i:
                        similar_i = similar
                    if weight is None:
                        for term in filter(terms_i.__contains__, newly_covered[k]):
                            covered_i += mass[term]
                            count_i += 1
                    else:
                        for term in filter(terms_i.__contains__, newly_covered[k]):
                            covered_i += weight[term] * (mass[term] - a)
                similarity[i], covered_value[i], covered_count[i] = similar_i, covered_i, count_i
                folded[i] = len(chosen)
                degree = centrality[i]
                if coverage and degree:
                    if weight is None:
                        lost = a * (covered_i - a * count_i) / degree
                    else:
                        lost = a * covered_i / degree
                    value *= 1.0 - coverage * lost
                value -= redundancy * similar_i
                if similar_i >= NEAR_COPY:
                    value = -math.inf
            if monotone:
                bound[i] = value
            if value > best_value + _TIE:
                best, best_value = i, value
        if best < 0:
            break  # only copies of chosen sentences are left
        chosen.append(best)
        bound[best] = -math.inf
        newly_covered.append([term for term in terms[best] if term not in covered])
        covered |= terms[best]
    return chosen
