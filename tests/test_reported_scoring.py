"""The benchmark's reported-speech score: spans matched by overlap (at least half of the
longer span), speakers by surname or phrase, beliefs scored apart from speech."""

from __future__ import annotations

import pytest

from benchmarks.scoring import score_reported

ARTICLE = (
    "Farm bill vote\n\n"
    "Majority Leader Ruth Calloway said the bill should pass before the recess. "
    "Experts say the fight will drag on. Calloway believes enough Republicans will break ranks."
)
GOLD = {
    "reported_speech": [
        {"speaker": "Ruth Calloway", "text": "the bill should pass before the recess"},
        {"speaker": "Experts", "text": "the fight will drag on"},
        {
            "speaker": "Ruth Calloway",
            "text": "enough Republicans will break ranks",
            "kind": "belief",
        },
    ]
}


def item(text: str, speaker: str | None, belief: bool = False):
    start = ARTICLE.index(text)
    return (start, start + len(text), text, speaker, belief)


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        # all found, speakers right
        (
            [
                item("the bill should pass before the recess", "Ruth Calloway"),
                item("the fight will drag on", "Experts"),
                item("enough Republicans will break ranks", "Calloway", belief=True),
            ],
            {"p": 1.0, "r": 1.0, "speaker_acc": 1.0, "joint_f1": 1.0, "belief_f1": 1.0},
        ),
        # a span that overlaps half the gold matches; a wrong speaker costs the joint score
        (
            [
                item("the bill should pass", "Calloway"),
                item("the fight will drag on", "Calloway"),
            ],
            {"p": 1.0, "r": 1.0, "speaker_acc": 0.5, "joint_f1": 0.5, "belief_f1": 0.0},
        ),
        # a belief given as speech is an extra statement, and the belief is missed
        (
            [item("enough Republicans will break ranks", "Calloway")],
            {"p": 0.0, "r": 0.0, "speaker_acc": 0.0, "joint_f1": 0.0, "belief_f1": 0.0},
        ),
        # too little overlap: "the recess" alone is not the statement
        (
            [item("the recess", "Calloway")],
            {"p": 0.0, "r": 0.0, "speaker_acc": 0.0, "joint_f1": 0.0, "belief_f1": 0.0},
        ),
    ],
)
def test_score_reported(predicted, expected):
    metrics = score_reported(GOLD, ARTICLE, predicted).metrics()
    assert {k: round(metrics[k], 3) for k in expected} == expected
