"""The word-overlap graph of an article's sentences, kept as per-term sums."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Graph:
    """edge(i, j) = a(i) * a(j) * sum of w(t) over the terms i and j share, with
    a(i) = |terms(i)| ** -length_exponent, so the degree of i is the sum over its terms t of
    a(i) * w(t) * (mass(t) - a(i)), where mass(t) sums a over the sentences that use t.
    Summing per term first makes the degrees linear in the number of (sentence, term) pairs.
    """

    terms: Sequence[set[str]]
    scale: list[float]
    mass: dict[str, float]
    weight: dict[str, float] | None

    @classmethod
    def build(
        cls,
        terms: Sequence[set[str]],
        length_exponent: float,
        document_frequencies: Mapping[str, int] | None,
        documents: int,
    ) -> Graph:
        sizes = list(map(len, terms))
        scale_of = {n: 1.0 / max(n, 1) ** length_exponent for n in set(sizes)}  # few sizes
        scale = list(map(scale_of.__getitem__, sizes))
        mass: dict[str, float] = {}
        mass_of = mass.get
        for t, a in zip(terms, scale, strict=True):
            for term in t:
                mass[term] = mass_of(term, 0.0) + a
        weight = None
        if document_frequencies and documents > 0:
            weight = {
                term: math.log((documents + 1) / (document_frequencies.get(term, 0) + 1)) + 1.0
                for term in mass
            }
        return cls(terms, scale, mass, weight)

    def degrees(self) -> list[float]:
        """Weighted degree of every sentence."""
        mass, pairs = self.mass, zip(self.terms, self.scale, strict=True)
        if self.weight is None:
            return [a * (sum(map(mass.__getitem__, t)) - a * len(t)) for t, a in pairs]
        w = self.weight
        return [a * sum(w[term] * (mass[term] - a) for term in t) for t, a in pairs]

    def directed(self, degrees: Sequence[float], earlier: float) -> list[float]:
        """Centrality with the edges to earlier sentences counted ``earlier`` times, those to
        later ones once (PACSUM's directed centrality: a sentence that later ones echo leads
        the story; one that echoes earlier ones repeats it). ``earlier = 1`` is the degree."""
        if earlier == 1.0:
            return list(degrees)
        before: dict[str, float] = {}
        before_of = before.get
        w = self.weight
        out = []
        for t, a, degree in zip(self.terms, self.scale, degrees, strict=True):
            if w is None:
                backward = a * sum(before_of(term, 0.0) for term in t)
            else:
                backward = a * sum(w[term] * before_of(term, 0.0) for term in t)
            out.append(max(degree - (1.0 - earlier) * backward, 0.0))
            for term in t:
                before[term] = before_of(term, 0.0) + a
        return out
