"""Sentence splitting of copy without capitals: all lower case and ALL CAPS.

Such copy cannot show a sentence start by its first letter, so every stop before a word ends a
sentence unless the word before the stop is an abbreviation, looked up without regard to case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import analyze
from ingest.model import Span
from ingest.text.case import without_capitals
from ingest.text.sentences import split_sentences

CORPORA = Path(__file__).resolve().parent


def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, [Span(text, 0, len(text))])]


LOWER_CASE = [
    (
        "the council met on monday. it approved the budget.",
        ["the council met on monday.", "it approved the budget."],
    ),
    # titles before names
    ("mr. smith met dr. jones. they talked.", ["mr. smith met dr. jones.", "they talked."]),
    # dotted acronyms: a function word after one opens a sentence, another word does not
    (
        "the firm moved to the u.s. the staff stayed in the u.k. for now.",
        ["the firm moved to the u.s.", "the staff stayed in the u.k. for now."],
    ),
    (
        "the u.n. said the u.s. army would help. it did.",
        ["the u.n. said the u.s. army would help.", "it did."],
    ),
    # abbreviations before numbers; figures with points
    (
        "the vote is on dec. 15 in room no. 5. jan. 3 is the deadline.",
        ["the vote is on dec. 15 in room no. 5.", "jan. 3 is the deadline."],
    ),
    ("prices rose 3.5% in 2023. sales fell.", ["prices rose 3.5% in 2023.", "sales fell."]),
    ("it cost $5.5 million. that is a lot.", ["it cost $5.5 million.", "that is a lot."]),
    # times: a.m. goes on the sentence unless a sentence opener or a quote follows
    (
        "it ended at 7 p.m. monday. police left at 9 p.m. they said nothing.",
        ["it ended at 7 p.m. monday.", "police left at 9 p.m.", "they said nothing."],
    ),
    (
        'police arrived at 4 a.m. "after that, we waited," he said.',
        ["police arrived at 4 a.m.", '"after that, we waited," he said.'],
    ),
    # initials
    (
        "j. k. rowling wrote it. george w. bush read it.",
        ["j. k. rowling wrote it.", "george w. bush read it."],
    ),
    # quotes, question and exclamation marks
    ('"we will win," she said. "we must."', ['"we will win," she said.', '"we must."']),
    ("is it over? no! it is not.", ["is it over?", "no!", "it is not."]),
    # an ellipsis inside a quote goes on; one standing after a full stop separates
    (
        '"we are busy ... we are hiring," he said. notes: he scored. ... she left.',
        ['"we are busy ... we are hiring," he said.', "notes: he scored. ...", "she left."],
    ),
]

ALL_CAPS = [
    ("MR. SMITH MET DR. JONES. THEY TALKED.", ["MR. SMITH MET DR. JONES.", "THEY TALKED."]),
    (
        "THE FIRM MOVED TO THE U.S. THE STAFF STAYED IN THE U.K. FOR NOW.",
        ["THE FIRM MOVED TO THE U.S.", "THE STAFF STAYED IN THE U.K. FOR NOW."],
    ),
    (
        "THE U.N. SAID THE U.S. ARMY WOULD HELP. IT DID.",
        ["THE U.N. SAID THE U.S. ARMY WOULD HELP.", "IT DID."],
    ),
    (
        "THE VOTE IS ON DEC. 15. JAN. 3 IS THE DEADLINE.",
        ["THE VOTE IS ON DEC. 15.", "JAN. 3 IS THE DEADLINE."],
    ),
    (
        "IT ENDED AT 7 P.M. MONDAY. POLICE LEFT.",
        ["IT ENDED AT 7 P.M. MONDAY.", "POLICE LEFT."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LOWER_CASE + ALL_CAPS)
def test_split_copy_without_capitals(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "caseless"),
    [
        ("the council met. it agreed.", True),
        ("THE COUNCIL MET. IT AGREED.", True),
        ("The council met. It agreed.", False),
        ("the council met with NATO.", False),  # 4 capitals of 22 letters: cased enough
        ("", False),
    ],
)
def test_without_capitals(text: str, caseless: bool) -> None:
    assert without_capitals(text) is caseless


@pytest.mark.parametrize(
    ("article", "dateline"),
    [
        ("headline\n\nleipzig, jan. 14 (dpa) - the city will run trams.", "leipzig"),
        ("HEADLINE\n\nSAN FRANCISCO, OCT 24 (REUTERS) - THE FIRM GREW.", "SAN FRANCISCO"),
        ("headline\n\nwashington (reuters) - the senate voted.", "washington"),
        ("headline\n\nmeanwhile: the senate voted.", None),
    ],
)
def test_dateline_of_copy_without_capitals(article: str, dateline: str | None) -> None:
    found = analyze(article).dateline
    assert (found.place if found else None) == dateline


# Articles whose caseless copy splits differently, and why.
DIFFERENT = {
    "009_feature_typewriter_repairman.txt": "“hon.” reads as the title Hon. without capitals",
    "201_campaign_bus_scene.txt": "“1:15 a.m. sandoval was …”: a name after a time is no starter",
    "202_rally_songs_signoff.txt": "“born in the u.s.a.” before …: 'before' can open a sentence",
    "205_breitbart_style_rally_remarks.txt": "“… cole!” as whitaker left: 'as' can open one",
    "207_huffpost_style_tweets_town_hall.txt": "“(r-wis.) faced” and “you!” one woman shouted",
}


@pytest.mark.parametrize(
    "path",
    sorted((CORPORA / "corpus" / "articles").glob("*.txt"))
    + sorted((CORPORA / "corpus_holdout" / "articles").glob("*.txt")),
    ids=lambda path: path.name,
)
def test_caseless_copy_of_the_corpus_splits_like_the_cased(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    cased = len(analyze(text).sentences)
    counts = {len(analyze(text.lower()).sentences), len(analyze(text.upper()).sentences)}
    if path.name in DIFFERENT:
        assert counts != {cased}
    else:
        assert counts == {cased}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"you\'re running?" she asked. we nodded.',
            ['"you\'re running?" she asked.', "we nodded."],
        ),
        ('"go!" he shouted. then he left.', ['"go!" he shouted.', "then he left."]),
        ('"it is over." he left.', ['"it is over."', "he left."]),
    ],
)
def test_a_speech_tag_after_a_question_or_exclamation_stays_with_its_quote(
    text: str, expected: list[str]
) -> None:
    assert [s.text for s in analyze(text, title="t").sentences] == expected
