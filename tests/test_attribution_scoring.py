"""The benchmark's scorer on a toy article: it must count what the field guide says."""

from __future__ import annotations

from benchmarks.scoring import role_right, score_article, spans_match, speaker_right

GOLD = {
    "quotes": [
        {"text": "We will win the vote.", "start": 10, "end": 31, "speaker": "Jane Okafor"},
        {"text": "It is over.", "start": 50, "end": 61, "speaker": "Tom Hale"},
        {"text": "Never again.", "start": 80, "end": 92, "speaker": "Tom Hale"},
    ],
    "partial_quotes": [{"text": "a disaster", "start": 100, "end": 110, "speaker": "Tom Hale"}],
    "people": [
        {"name": "Jane Okafor", "role": "Mayor of Riverside"},
        {"name": "Tom Hale", "role": "Senator"},
    ],
}


def test_scorer_on_a_toy_article():
    predicted = [
        (10, 30, "We will win the vote", "Okafor"),  # overlaps, surname right
        (50, 61, "It is over.", "he"),  # a bare pronoun is never right
        (100, 110, "a disaster", "Tom Hale"),  # a gold partial: neither required nor penalised
        (120, 140, "spurious quote text!", None),  # a false positive
    ]
    people = [("Jane Okafor", "Mayor"), ("Tom Hale", None), ("Central Asia", None)]
    tally = score_article(GOLD, predicted, people)
    m = tally.metrics()
    assert (tally.matched_quotes, tally.predicted_quotes, tally.gold_quotes) == (2, 3, 3)
    assert m["quote_p"] == m["quote_r"] == 2 / 3
    assert m["speaker_acc"] == 0.5
    assert round(m["joint_f1"], 4) == round(1 / 3, 4)
    assert (tally.matched_people, tally.predicted_people, tally.gold_people) == (2, 3, 2)
    assert m["role_acc"] == 0.5


def test_span_match_needs_half_of_the_longer_span_or_equal_text():
    assert spans_match((0, 100, "x" * 100), (40, 100, "y" * 60))
    assert not spans_match((0, 100, "x" * 100), (60, 100, "y" * 40))
    assert spans_match((0, 10, "Same text."), (500, 510, "same text"))


def test_speaker_and_role_rules():
    assert speaker_right("Robert Ellison Jr.", "Ellison")
    assert not speaker_right("Tom Hale", "he")
    assert not speaker_right(None, "Tom Hale")
    assert role_right(
        "Regional Director for Central Asia, World Bank",
        "World Bank’s Regional Director for Central Asia",
    )
    assert not role_right("Senator", None)


def test_reported_speech_matches_on_words_and_speaker():
    gold = {"reported_speech": [{"speaker": "Tom Hale", "text": "the plan would fail badly"}]}
    tally = score_article(gold, [], [], reported=[("the plan would fail badly", "Hale")])
    m = tally.metrics()
    assert (m["reported_p"], m["reported_r"], m["reported_speaker_acc"]) == (1.0, 1.0, 1.0)
    tally = score_article(gold, [], [], reported=[("prices rose in May", "Hale")])
    assert tally.metrics()["reported_r"] == 0.0
