"""What is not a paraphrase: a clause mostly inside quotation marks (a partial quote), the
end of a speech tag (``told the newspaper on Thursday``), ``says``/``states`` that are no
speech, an object after a statement verb, and the wrong side of a tag in mid-sentence."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def reported(text: str) -> list[tuple[str | None, str]]:
    return [(r.speaker, r.text) for r in run_attribution(text).reported]


@pytest.mark.parametrize(
    "text",
    [
        # mostly inside quotation marks: a partial quote
        'Sen. Ana Ruiz said the plan was "a total disaster for working families."',
        "He told reporters at the Capitol that the system was “the most secure it has ever been.”",
        # a quote and an apposition to it: still mostly the quote
        'In a 2021 speech, Judge Corinne Blackwell said judges should "say what the law is, '
        'not what they wish it were," a line that conservatives have since quoted.',
        # the end of a tag
        "Trade Commissioner Kristof Lemaire told the European Parliament on Thursday, but he "
        "gave few details.",
        "Sen. Ana Ruiz told the newspaper on Thursday.",
        "Prime Minister Anna Berg said Tuesday, setting up a clash with the unions.",
        # says and states that are no speech
        "EU member states must still approve the agreement.",
        "The label on the draft says nothing about rules of origin.",
        "The package is meant for Western states hit by three years of drought.",
        # an object, not a statement
        "Rep. John Baker denied the allegations.",
        "Investigators found more than 11,000 altered log entries.",
        "Maria Lopez added a third goal in the 80th minute.",
        "Maria Lopez said a prayer for the victims.",
        "Tom Ernst wrote a letter to the editor of the local paper.",
        # a statement denied is none
        "The researchers did not find evidence that the particles caused harm.",
        "The Health Ministry declared a national measles epidemic on Tuesday after confirmed "
        "cases rose to 4,118.",
    ],
)
def test_not_a_paraphrase(text):
    assert reported(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a partial quote inside a longer paraphrase leaves the paraphrase one
        (
            "Sen. Ana Ruiz said the committee had “no business” delaying the vote until "
            "after the election.",
            [
                (
                    "Ana Ruiz",
                    "the committee had “no business” delaying the vote until after the election",
                )
            ],
        ),
        # the statement after a partial quote's sentence keeps its own speaker
        (
            "Gov. Martin Okafor called the suit “a stunt.” He told reporters the county "
            "officials had done their jobs.",
            [("Martin Okafor", "the county officials had done their jobs")],
        ),
        # the side of a mid-sentence tag that is the statement
        (
            "Washington has shown more flexibility, Trade Commissioner Kristof Lemaire said, "
            "but the talks are not over.",
            [("Kristof Lemaire", "Washington has shown more flexibility")],
        ),
    ],
)
def test_the_paraphrase_and_only_it(text, expected):
    assert reported(text) == expected


def test_direct_quotes_are_untouched():
    found = run_attribution(
        "“We will rebuild,” Mayor Jane Okafor said. She said the city would borrow $40 million."
    )
    assert [(q.kind, q.speaker, q.text) for q in found.quotes] == [
        ("direct", "Jane Okafor", "We will rebuild,")
    ]
    assert [(r.speaker, r.text) for r in found.reported] == [
        ("Jane Okafor", "the city would borrow $40 million")
    ]
