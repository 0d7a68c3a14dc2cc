"""Reported speech: ``X said (that) …`` and ``…, X said`` kept apart from quotes."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def reported(text: str) -> list[tuple[str | None, str]]:
    return [(r.speaker, r.text) for r in run_attribution(text).reported]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chairman Elvira Azimova said today’s challenges require global solutions.",
            [("Elvira Azimova", "today’s challenges require global solutions")],
        ),
        (
            "Commissioner Artur Lastaev said that in recent years, efforts have been made.",
            [("Artur Lastaev", "in recent years, efforts have been made")],
        ),
        (
            "Chief Executive Gregory Hale told Reuters in an interview that the fine was small.",
            [("Gregory Hale", "the fine was small")],
        ),
        (
            "The company agreed to pay $42 million, the department said on Thursday.",
            [("the department", "The company agreed to pay $42 million")],
        ),
        # "that" after a subject belongs to the statement; a trailing cue with "and"
        (
            "Lisa Crane, who runs a bakery, said she worried that work would drive customers away.",
            [("Lisa Crane", "she worried that work would drive customers away")],
        ),
        (
            "A man died near Exeter, Devon and Cornwall Police said.",
            [("Devon and Cornwall Police", "A man died near Exeter")],
        ),
        # the statement ends before ", because …"
        (
            "Analyst Priya Raman said the monitor matters most, because it slows growth.",
            [("Priya Raman", "the monitor matters most")],
        ),
        # appositions in a row between the speaker and the verb
        (
            "Commuter Sam Patel, 29, from Croydon, said he would work from home.",
            [("Sam Patel", "he would work from home")],
        ),
        # a speech verb coordinated with an earlier verb takes the sentence's subject
        (
            "Senate Majority Leader Daniel Kavanagh called the vote “a surrender” and said "
            "Democrats would try again after the recess.",
            [("Daniel Kavanagh", "Democrats would try again after the recess")],
        ),
        (
            "Sen. Thomas Whitaker Jr. of Oklahoma voted for the bill but said the timing had "
            "doomed it.",
            [("Thomas Whitaker Jr.", "the timing had doomed it")],
        ),
        # a perfect-tense trailing cue, and a weekday before the clause
        (
            "Refuse collectors will walk out for two weeks from Monday, the GMB union has said.",
            [("the GMB union", "Refuse collectors will walk out for two weeks from Monday")],
        ),
        (
            "Khaleej Maritime Group said on Monday it would buy a 49% stake in a terminal.",
            [("Khaleej Maritime Group", "it would buy a 49% stake in a terminal")],
        ),
        # a party tag with a full stop inside the subject's apposition
        (
            "Senate Majority Leader Daniel Kavanagh, D-Minn., called the vote “a surrender” and "
            "said Democrats would try again after the recess.",
            [("Daniel Kavanagh", "Democrats would try again after the recess")],
        ),
        # a firm named with a possessive, a weekday without "on"
        (
            "Halvorsen's, the 112-year-old department store chain, said Tuesday it would close 38 "
            "stores.",
            [("Halvorsen's", "it would close 38 stores")],
        ),
        # "X, who said …"
        (
            "His death was confirmed by his daughter, Niamh Fairweather, who said the cause was "
            "complications of lung cancer.",
            [("Niamh Fairweather", "the cause was complications of lung cancer")],
        ),
        # "about" before a number opens the clause
        (
            "Red Cross spokesperson Dana Whitlock said about 600 people spent the night there.",
            [("Dana Whitlock", "about 600 people spent the night there")],
        ),
        # a pronoun resolves to the latest speaker, whatever its gender (the seed)
        (
            "According to Director Zhemis Turmagambetova: “We began a project.”\n\n"
            "He said it is vital for all agencies to act.",
            [("Zhemis Turmagambetova", "it is vital for all agencies to act")],
        ),
        # unnamed groups speak too (issue 14): the group as the article names it
        (
            "Analysts said the hit was larger than expected.",
            [("Analysts", "the hit was larger than expected")],
        ),
        (
            "Several parents said they wanted to reach their children.",
            [("Several parents", "they wanted to reach their children")],
        ),
    ],
)
def test_reported_speech(text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Jane Okafor said: “We will rebuild.”",  # a direct quote, not reported speech
        "He told BBC Radio 4's Today programme: “We capped it.”",  # a quote after an object
        "Mayor Jane Okafor said on Monday.",  # no clause
        "The report was said to be late.",  # no speaker
        "Anthony Davis added 25 points and 14 rebounds.",  # not speech
        "Ann Lee told reporters outside the chamber.",  # a place, not a statement
        "Brandon Tuttle pleaded guilty in March to 14 counts of theft.",  # a plea
        "Acme Corp reported a net loss of $84.3 million for the year.",  # an object
        "Gov. Elena Marsh declared a state of emergency for Nevada County.",  # an object
        "Speaking to the media, Jaishankar said, “We agreed.”",  # the clause before is no statement
        "“Busy with photo-ops,” Ramesh said while speaking to ANI.",  # no statement after
    ],
)
def test_not_reported_speech(text):
    assert reported(text) == []


def test_reported_speech_is_not_among_the_quotes():
    found = run_attribution("Mayor Jane Okafor said the bridge would open in May.")
    assert found.quotes == ()
    assert [r.kind for r in found.reported] == ["reported"]
