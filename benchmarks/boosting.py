"""Gradient-boosted regression trees for a binary label, in numpy (training only).

Logistic loss, Newton leaf values, row subsampling; split thresholds are chosen among the
quantiles of each feature. Small and slow-ish, but enough for a few thousand sentences and
it keeps scikit-learn out of the project. The trees are written as flat lists that
``ingest/summary/learned.py`` walks in plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Tree:
    """Node i: ``feature[i] < 0`` for a leaf worth ``value[i]``; otherwise go to ``left[i]``
    when the row's ``feature[i]`` is at most ``threshold[i]``, else to ``right[i]``."""

    feature: list[int] = field(default_factory=list)
    threshold: list[float] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    right: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)

    def predict(self, x: np.ndarray) -> np.ndarray:
        out = np.zeros(len(x))
        for r, row in enumerate(x):
            node = 0
            while self.feature[node] >= 0:
                go_left = row[self.feature[node]] <= self.threshold[node]
                node = self.left[node] if go_left else self.right[node]
            out[r] = self.value[node]
        return out


@dataclass
class Booster:
    base: float
    trees: list[Tree]

    def margin(self, x: np.ndarray) -> np.ndarray:
        return self.base + sum((t.predict(x) for t in self.trees), np.zeros(len(x)))


def _grow(
    tree: Tree,
    x: np.ndarray,
    g: np.ndarray,
    h: np.ndarray,
    depth: int,
    rate: float,
    least: float,
    l2: float,
    bins: int,
) -> int:
    node = len(tree.feature)
    for column in (tree.feature, tree.left, tree.right):
        column.append(-1)
    tree.threshold.append(0.0)
    tree.value.append(float(-rate * g.sum() / (h.sum() + l2)))
    if depth == 0 or h.sum() < 2 * least:
        return node
    total = g.sum() ** 2 / (h.sum() + l2)
    best = (0.0, -1, 0.0)
    for f in range(x.shape[1]):
        column = x[:, f]
        for cut in np.unique(np.quantile(column, np.linspace(0, 1, bins + 1)[1:-1])):
            left = column <= cut
            hl, hr = h[left].sum(), h[~left].sum()
            if hl < least or hr < least:
                continue
            gl, gr = g[left].sum(), g[~left].sum()
            gain = gl**2 / (hl + l2) + gr**2 / (hr + l2) - total
            if gain > best[0]:
                best = (gain, f, float(cut))
    _gain, f, cut = best
    if f < 0:
        return node
    left = x[:, f] <= cut
    tree.feature[node], tree.threshold[node] = f, cut
    tree.left[node] = _grow(tree, x[left], g[left], h[left], depth - 1, rate, least, l2, bins)
    tree.right[node] = _grow(tree, x[~left], g[~left], h[~left], depth - 1, rate, least, l2, bins)
    return node


def fit(
    x: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
    *,
    trees: int = 40,
    depth: int = 3,
    rate: float = 0.15,
    subsample: float = 0.8,
    least: float = 0.002,
    l2: float = 1e-3,
    bins: int = 16,
    seed: int = 0,
) -> Booster:
    """Boosted trees for P(y = 1 | x), each row weighing ``weight`` (scaled to sum to 1);
    a leaf needs a hessian mass of at least ``least``."""
    rng = np.random.default_rng(seed)
    weight = weight / weight.sum()
    prior = float(np.clip(np.average(y, weights=weight), 1e-6, 1 - 1e-6))
    booster = Booster(base=float(np.log(prior / (1 - prior))), trees=[])
    margin = np.full(len(y), booster.base)
    for _ in range(trees):
        p = 1.0 / (1.0 + np.exp(-margin))
        g, h = weight * (p - y), weight * p * (1 - p)
        rows = rng.random(len(y)) < subsample
        tree = Tree()
        _grow(tree, x[rows], g[rows], h[rows], depth, rate, least, l2, bins)
        booster.trees.append(tree)
        margin += tree.predict(x)
    return booster


@dataclass
class Linear:
    """A logistic model: margin = base + rows · coefficients."""

    base: float
    coefficients: np.ndarray

    def margin(self, x: np.ndarray) -> np.ndarray:
        return self.base + x @ self.coefficients


def fit_linear(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, *, l2: float = 1e-3, steps: int = 30
) -> Linear:
    """Logistic regression for P(y = 1 | x) by Newton's method, each row weighing ``weight``
    (scaled to sum to 1), with an L2 penalty ``l2`` on the coefficients (not the base)."""
    weight = weight / weight.sum()
    design = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (weight * (p - y)) + penalty * beta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(beta)), gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return Linear(base=float(beta[0]), coefficients=beta[1:])
