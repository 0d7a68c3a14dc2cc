"""Beliefs, hopes and expectations reported of someone are a kind of their own: found like
reported speech, kept apart from it (``beliefs``), and marked by their verb as ``cue``."""

from __future__ import annotations

import pytest

from ingest import analyze
from ingest.attribution.reported import is_belief
from tests.attribution_helpers import run_attribution


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sen. Ana Ruiz believes the bill can pass the Senate.",
            [("Ana Ruiz", "believes", "the bill can pass the Senate")],
        ),
        (
            "Sen. Ana Ruiz hopes the talks will resume next month.",
            [("Ana Ruiz", "hopes", "the talks will resume next month")],
        ),
        (
            "Sen. Ana Ruiz expects the vote to be close.",
            [("Ana Ruiz", "expects", "the vote to be close")],
        ),
        (
            "The agency expects to release its findings by spring.",
            [("The agency", "expects", "to release its findings by spring")],
        ),
        (
            "Analysts expect the plan to dominate the agenda when parliament returns.",
            [("Analysts", "expect", "the plan to dominate the agenda when parliament returns")],
        ),
        (
            "Coach Tom Ernst thought the game was over.",
            [("Tom Ernst", "thought", "the game was over")],
        ),
        # a belief with no clause after it is none
        ("Sen. Ana Ruiz believes in the program.", []),
        ("The bill is expected to pass.", []),
        ("About 300 workers are expected to take part in the strike.", []),
    ],
)
def test_beliefs(text, expected):
    found = run_attribution(text)
    assert [(b.speaker, b.cue, b.text) for b in found.beliefs] == expected
    assert found.reported == ()  # never given as speech


@pytest.mark.parametrize(
    ("cue", "belief"),
    [("believes", True), ("hopes", True), ("expects", True), ("said", False), (None, False)],
)
def test_is_belief(cue, belief):
    assert is_belief(cue) is belief


def test_a_belief_reported_by_a_tag():
    found = run_attribution(
        "Detectives believe the car was stolen in Ohio, a police spokeswoman, Sgt. Dana Ruiz, said."
    )
    assert [(r.speaker, r.text) for r in found.reported] == [
        ("Dana Ruiz", "Detectives believe the car was stolen in Ohio")
    ]
    assert [(b.speaker, b.text) for b in found.beliefs] == [
        ("Detectives", "the car was stolen in Ohio")
    ]


def test_analysis_keeps_beliefs_apart():
    analysis = analyze(
        "Governor's race tightens\n\nGov. Carla Benedetti said the floods cost $2 billion. "
        "Benedetti believes her handling of the floods will carry her through."
    )
    assert [r.text for r in analysis.reported] == ["the floods cost $2 billion"]
    assert [(b.text, b.kind) for b in analysis.beliefs] == [
        ("her handling of the floods will carry her through", "reported")
    ]
