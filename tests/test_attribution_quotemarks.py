"""Finding quoted stretches: mark styles, nesting, apostrophes, unbalanced marks."""

from __future__ import annotations

import pytest

from ingest.attribution.quotemarks import find_quotes
from ingest.text.layout import split_paragraphs


def top_quotes(text: str) -> list[str]:
    spans = find_quotes(text, split_paragraphs(text, 0))
    return [text[q.start : q.end] for q in spans if q.top]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Straight," he said.', ["Straight,"]),
        ("“Curly,” she said.", ["Curly,"]),
        ("``Wire style,'' he said. ``Again.''", ["Wire style,", "Again."]),
        ("''Doubled both ways,'' he said.", ["Doubled both ways,"]),
        ("‘British single,’ she said.", ["British single,"]),
        ("«Guillemets», dit-il.", ["Guillemets"]),
        ("„Low-high,“ sagte er.", ["Low-high,"]),
        # nested with single marks: one outer quote
        ("“The ‘listening state’ concept,” he said.", ["The ‘listening state’ concept,"]),
        # nested with the very same double marks (the seed)
        (
            "“I initiated the first phase of the “Dialogue Police” project.”",
            ["I initiated the first phase of the “Dialogue Police” project."],
        ),
        # guillemets nested in guillemets
        ("«The «Tech Orda» programme grew.»", ["The «Tech Orda» programme grew."]),
        # single marks outside, double marks inside
        (
            "‘He said, “Give me the money.” I froze.’",
            ["He said, “Give me the money.” I froze."],
        ),
    ],
)
def test_mark_styles_and_nesting(text, expected):
    assert top_quotes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan’s reforms in the ’90s were rock ’n’ roll, the Smiths’ fans said.",
        "The Smiths' new album and O'Brien's '80s records don't pair.",
    ],
)
def test_apostrophes_are_never_quote_marks(text):
    assert top_quotes(text) == []


def test_possessive_inside_a_single_quote_does_not_close_it():
    text = "‘The Smiths’ new album is great,’ he said."
    assert top_quotes(text) == ["The Smiths’ new album is great,"]


def test_quote_over_several_paragraphs_gives_one_piece_per_paragraph():
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    spans = find_quotes(text, split_paragraphs(text, 0))
    assert [text[q.start : q.end] for q in spans] == [
        "First paragraph of the quote.",
        "Second paragraph,",
    ]
    assert spans[0].group == spans[1].group is not None
    assert (spans[0].closed, spans[1].closed) == (False, True)


def test_one_unbalanced_mark_loses_at_most_its_own_quote():
    text = (
        "“Lost opening mark, he never closed it.\n\n"
        "Other copy. “This one is fine,” she said. “So is this.”"
    )
    assert top_quotes(text) == ["This one is fine,", "So is this."]


def test_missing_closing_mark_before_the_cue_is_repaired():
    text = '"I spend ten minutes asking kids to put phones away, he said. "That is time lost."'
    assert top_quotes(text) == [
        "I spend ten minutes asking kids to put phones away,",
        "That is time lost.",
    ]


def test_stray_closing_mark_does_not_shift_the_pairs():
    text = "He shrugged.” “Next one,” she said."
    assert top_quotes(text) == ["Next one,"]
