"""The learned correction of the summary score (ingest/summary/learned.py): its features, and
the shortcuts inference takes to work them out cheaply, against their plain definitions."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from ingest import analyze
from ingest.summary import learned
from ingest.summary.features import candidates
from ingest.summary.ranker import score_candidates
from ingest.summary.weights import DEFAULT_WEIGHTS

ARTICLE = """\
Harbor council approves ferry plan

The Harbor council approved a $4.2 million ferry plan on Tuesday after a long debate.

The ferry will link the old port with the new business park from May.

Critics said the plan ignores the bus routes that most workers use every day.

The council will review the ferry plan again in 2027, the mayor said.
"""

CORPUS = sorted((Path(__file__).resolve().parent / "corpus" / "articles").glob("*.txt"))[:25]


def scored_article(text: str, weights=DEFAULT_WEIGHTS):
    analysis = analyze(text)
    found = candidates(analysis.sentences, weights)
    return found, score_candidates(found, analysis.title, None, 0, weights)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, float]]:
    found, scored = scored_article(ARTICLE)
    forward = learned.forward_centrality(
        scored.graph, scored.degrees, scored.centrality, DEFAULT_WEIGHTS
    )
    table = learned.feature_rows(
        found, scored.degrees, forward, scored.title_shared, len(scored.title_terms), scored.scores
    )
    return [dict(zip(learned.FEATURES, row, strict=True)) for row in table]


# (candidate rank, feature, expected value): the four sentences of ARTICLE.
FEATURE_EXAMPLES = [
    (0, "first", 1.0),
    (1, "first", 0.0),
    (0, "early", 1.0),
    (3, "early", math.exp(-1.0)),
    (0, "later", 0.0),
    (2, "later", 2 / 3),
    (3, "later", 1.0),
    (0, "words", 16 / 40),  # "$4.2" is two tokens
    (0, "long", 0.0),
    (0, "figures", 2 / 3),  # 4 and 2
    (1, "figures", 0.0),
    (3, "figures", 1 / 3),  # 2027
    (0, "title", 4 / 5),  # harbor, council, ferry, plan ("approves" stems apart from "approved")
    (3, "title", 3 / 5),  # council, ferry, plan
    (2, "title", 1 / 5),  # plan
    (1, "title", 1 / 5),  # ferry
]


@pytest.mark.parametrize(("rank", "feature", "expected"), FEATURE_EXAMPLES)
def test_feature_examples(rows: list[dict[str, float]], rank: int, feature: str, expected: float):
    assert rows[rank][feature] == pytest.approx(expected)


def test_centrality_features_are_scaled_to_the_best(rows: list[dict[str, float]]) -> None:
    for feature in ("degree", "forward"):
        values = [row[feature] for row in rows]
        assert max(values) == pytest.approx(1.0) and min(values) >= 0.0


@pytest.mark.parametrize("earlier_edges", [0.5, 0.0, 0.25, 1.0, -0.5])
@pytest.mark.parametrize("path", CORPUS[:8], ids=lambda path: path.name)
def test_forward_centrality_is_the_directed_centrality_without_earlier_edges(
    path: Path, earlier_edges: float
) -> None:
    weights = dataclasses.replace(DEFAULT_WEIGHTS, earlier_edges=earlier_edges)
    _found, scored = scored_article(path.read_text(encoding="utf-8"), weights)
    forward = learned.forward_centrality(scored.graph, scored.degrees, scored.centrality, weights)
    direct = scored.graph.directed(scored.degrees, 0.0)
    scale = max(direct) or 1.0
    for shortcut, plain in zip(forward, direct, strict=True):
        assert max(shortcut, 0.0) == pytest.approx(plain, abs=1e-9 * scale)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_margins_are_the_model_over_the_feature_rows(path: Path) -> None:
    found, scored = scored_article(path.read_text(encoding="utf-8"))
    model = learned.shipped_model()
    forward = learned.forward_centrality(
        scored.graph, scored.degrees, scored.centrality, DEFAULT_WEIGHTS
    )
    args = (found, scored.degrees, forward, scored.title_shared, len(scored.title_terms))
    rows = learned.feature_rows(*args, scored.scores)
    plain = [
        model.base + sum(x * c for x, c in zip(row, model.coefficients, strict=True))
        for row in rows
    ]
    assert learned.margins(*args, scored.scores, model) == pytest.approx(plain, abs=1e-9)


def test_without_the_correction_the_scores_are_the_product_scores() -> None:
    """P ** mix only rescales: with no correction (mix 0) the scores are the product scores."""
    found, scored = scored_article(ARTICLE)
    forward = learned.forward_centrality(
        scored.graph, scored.degrees, scored.centrality, DEFAULT_WEIGHTS
    )
    args = (found, scored.degrees, forward, scored.title_shared, len(scored.title_terms))
    unchanged = learned.learned_scores(*args, scored.scores, learned.shipped_model(), 0.0)
    expected = [max(s, learned.PRODUCT_FLOOR) for s in scored.scores]
    assert unchanged == pytest.approx([s / max(expected) for s in expected])
