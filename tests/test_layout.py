"""Title, paragraphs and datelines: offsets always index the original text."""

from __future__ import annotations

import pytest

from ingest import analyze
from ingest.text.dateline import find_dateline
from ingest.text.layout import split_paragraphs, split_title

DATELINES = [
    (
        "Astana [Kazakhstan], December 15 (ANI): Kazakhstan",
        ("Astana", "Kazakhstan", "December 15", "ANI"),
    ),
    ("WASHINGTON (Reuters) - The U.S. Senate", ("WASHINGTON", None, None, "Reuters")),
    ("LONDON, March 3 (AP) — A man", ("LONDON", None, "March 3", "AP")),
    ("KYIV, Ukraine (AP) — Russia", ("KYIV", "Ukraine", None, "AP")),
    ("NEW DELHI, Dec. 15 -- The", ("NEW DELHI", None, "Dec. 15", None)),
    ("PARIS — The French", ("PARIS", None, None, None)),
]
NOT_DATELINES = [
    "Meanwhile: the council met.",
    "Chairman Azimova said: the plan works.",
    "Paris, France — a city of lights",
    "The mayor - who was absent - agreed.",
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_datelines(text: str, expected: tuple[str | None, ...]) -> None:
    found = find_dateline(text, 0, len(text))
    assert found is not None
    assert (found.place, found.country, found.date, found.agency) == expected
    assert text[found.end :][:1].isalpha()


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text, 0, len(text)) is None


def test_title_and_paragraph_offsets() -> None:
    text = "\n  Headline here  \n\nFirst para\nwrapped line.\n\n\nSecond para.\n"
    title, body_start = split_title(text)
    assert title is not None and title.text == "Headline here"
    assert text[title.start : title.end] == title.text
    paragraphs = split_paragraphs(text, body_start)
    assert [p.text for p in paragraphs] == ["First para\nwrapped line.", "Second para."]
    for p in paragraphs:
        assert text[p.start : p.end] == p.text


def test_single_newline_house_style_splits_on_lines() -> None:
    text = "Headline\nFirst paragraph.\nSecond paragraph."
    _, body_start = split_title(text)
    assert [p.text for p in split_paragraphs(text, body_start)] == [
        "First paragraph.",
        "Second paragraph.",
    ]


def test_analyze_strips_dateline_from_first_sentence() -> None:
    text = "Storm hits coast\n\nMIAMI (AP) — A storm hit the coast on Monday. Power failed."
    result = analyze(text)
    assert result.title == "Storm hits coast"
    assert result.dateline is not None and result.dateline.place == "MIAMI"
    assert result.sentences[0].text == "A storm hit the coast on Monday."
    assert result.summary[0] == "A storm hit the coast on Monday."


def test_analyze_with_given_title_uses_all_text_as_body() -> None:
    result = analyze("Only body text here.", title="Given")
    assert result.title == "Given" and result.summary == ("Only body text here.",)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "“", "“unbalanced quote start. And more"])
def test_analyze_survives_degenerate_text(text: str) -> None:
    result = analyze(text)
    assert isinstance(result.summary, tuple)


@pytest.mark.parametrize(
    ("text", "title", "body_starts_with"),
    [
        ("Headline\n\nBody.", "Headline", "Body."),
        ("Only one sentence here.", None, "Only one sentence here."),
        ("A body sentence that ends.\n\nAnother paragraph.", None, "A body sentence"),
        ("Why did it rain?\n\nBecause.", "Why did it rain?", "Because."),
    ],
)
def test_headline_detection(text: str, title: str | None, body_starts_with: str) -> None:
    span, body_start = split_title(text)
    assert (span.text if span else None) == title
    assert text[body_start:].lstrip().startswith(body_starts_with)


def test_copy_without_headline_gets_its_first_sentence_as_title() -> None:
    result = analyze("The council voted on Monday to close the harbour. It was close.")
    assert result.title == "The council voted on Monday to close the harbour."
    assert result.summary[0] == "The council voted on Monday to close the harbour."
