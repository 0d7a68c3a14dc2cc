"""Sentence splitting: one example per trap of news copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import analyze
from ingest.model import Span
from ingest.text.sentences import split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_0f55b7b5fa43bf67.txt"


def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, [Span(text, 0, len(text))])]


EXAMPLES = [
    # titles before names
    (
        "Mr. Smith met Dr. Jones. They talked.",
        ["Mr. Smith met Dr. Jones.", "They talked."],
    ),
    (
        "Gov. Newsom and Sen. Warren spoke. Prof. Lee agreed.",
        ["Gov. Newsom and Sen. Warren spoke.", "Prof. Lee agreed."],
    ),
    # dotted acronyms: inside a sentence, and ending one
    (
        "The U.N. said the U.S. Army would help. It did.",
        ["The U.N. said the U.S. Army would help.", "It did."],
    ),
    (
        "The firm moved to the U.S. The staff stayed in the U.K. for now.",
        ["The firm moved to the U.S.", "The staff stayed in the U.K. for now."],
    ),
    # dates and numbers after abbreviations
    (
        "The vote is on Dec. 15 in room No. 5. Jan. 3 is the deadline.",
        ["The vote is on Dec. 15 in room No. 5.", "Jan. 3 is the deadline."],
    ),
    (
        "It was No. 5 on the list. No. It was not.",
        ["It was No. 5 on the list.", "No.", "It was not."],
    ),
    # initials
    (
        "J. K. Rowling wrote it. George W. Bush read it.",
        ["J. K. Rowling wrote it.", "George W. Bush read it."],
    ),
    (
        "W.E.B. Du Bois and J.R.R. Tolkien met. Nobody believed it.",
        ["W.E.B. Du Bois and J.R.R. Tolkien met.", "Nobody believed it."],
    ),
    # places, degrees and party labels
    (
        "The firm, based in St. Louis, hired a Ph.D. in physics. Sen. Jo Ray, D-Mass. The end.",
        [
            "The firm, based in St. Louis, hired a Ph.D. in physics.",
            "Sen. Jo Ray, D-Mass.",
            "The end.",
        ],
    ),
    # decimals and amounts
    (
        "Revenue rose 3.5% to $10.9bn. Profit fell 0.4 points.",
        ["Revenue rose 3.5% to $10.9bn.", "Profit fell 0.4 points."],
    ),
    # quotes that end sentences
    (
        "He said: “We will win.” The crowd cheered.",
        ["He said: “We will win.”", "The crowd cheered."],
    ),
    (
        "“It is over,” she said. “We lost.” Then she left.",
        ["“It is over,” she said.", "“We lost.”", "Then she left."],
    ),
    (
        '"Why not?" asked Smith. He laughed.',
        ['"Why not?" asked Smith.', "He laughed."],
    ),
    # ellipses
    (
        "We waited… and waited. Nothing came… Then the bus arrived.",
        ["We waited… and waited.", "Nothing came…", "Then the bus arrived."],
    ),
    (
        "He paused... then spoke. It was late... Everyone left.",
        ["He paused... then spoke.", "It was late...", "Everyone left."],
    ),
    # a suffix after a name may end the sentence
    (
        "The award went to John Smith Sr. The family accepted it.",
        ["The award went to John Smith Sr.", "The family accepted it."],
    ),
    # companies, times, question and exclamation marks
    (
        "Apple Inc. said it would. Shares rose at 5 p.m. on Friday. Why? Nobody knows!",
        ["Apple Inc. said it would.", "Shares rose at 5 p.m. on Friday.", "Why?", "Nobody knows!"],
    ),
    # an abbreviation glued to an HTML entity
    (
        "By 7&nbsp;a.m. Monday, a line had formed. It grew.",
        ["By 7&nbsp;a.m. Monday, a line had formed.", "It grew."],
    ),
    # times: a day or a time zone continues the sentence, another capital starts one
    (
        "Talks began at 7 a.m. Monday and ended at 5 p.m. ET. A blast came at 6 a.m. Police came.",
        [
            "Talks began at 7 a.m. Monday and ended at 5 p.m. ET.",
            "A blast came at 6 a.m.",
            "Police came.",
        ],
    ),
    # a number may open a sentence
    (
        "He was born in 1990. 2021 was a good year.",
        ["He was born in 1990.", "2021 was a good year."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_split_examples(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_offsets_index_the_text_and_paragraphs_are_kept() -> None:
    text = "Title\n\nOne. Two.\n\nThree here."
    paragraphs = [Span("One. Two.", 7, 16), Span("Three here.", 18, 29)]
    sentences = split_sentences(text, paragraphs)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("One.", 0),
        ("Two.", 0),
        ("Three here.", 1),
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_seed_first_sentence_has_no_dateline() -> None:
    text = SEED.read_text(encoding="utf-8")
    analysis = analyze(text)
    first = analysis.sentences[0].text
    assert first.startswith("Kazakhstan’s experience in implementing political")
    assert "ANI" not in first and "Astana" not in first
    assert all(text[s.start : s.end] == s.text for s in analysis.sentences)


def test_seed_multi_sentence_quote_is_split_inside_the_quote() -> None:
    analysis = analyze(SEED.read_text(encoding="utf-8"))
    texts = [s.text for s in analysis.sentences]
    assert "We have concrete results of which to be proud." in texts
    assert len(texts) == 28


def test_parenthesis_after_abbreviation_continues_the_sentence() -> None:
    text = (
        "It was launched at about 7:10 a.m. (2210 GMT Tuesday) and fell into the sea. Japan said."
    )
    assert split(text) == [
        "It was launched at about 7:10 a.m. (2210 GMT Tuesday) and fell into the sea.",
        "Japan said.",
    ]


@pytest.mark.parametrize(
    ("article", "first"),
    [
        (
            "Title\n\nNew Delhi, Mar 3 (PTI) The Delhi government put the fare rise on hold.",
            "The Delhi government put the fare rise on hold.",
        ),
        (
            "Title\n\nBy Lauren Pike\n\nHAZARD, Ky. — The first baby was born in a trailer.",
            "The first baby was born in a trailer.",
        ),
        (
            "Title\n\nThe United Nations (UN) Security Council met on Monday.",
            "The United Nations (UN) Security Council met on Monday.",
        ),
    ],
)
def test_first_sentence_shown_has_no_dateline(article: str, first: str) -> None:
    analysis = analyze(article)
    shown = [s.text for s in analysis.sentences if not s.text.startswith("By ")]
    assert shown[0] == first
