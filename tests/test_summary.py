"""Summary invariants (order, length, no boilerplate, determinism) and the seed article."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import analyze
from ingest.pipeline import summary_variants
from ingest.summary.features import quote_open as _quote_open
from ingest.summary.ranker import SUMMARY_LENGTHS, summarize
from ingest.summary.terms import TOKEN as _TOKEN
from ingest.summary.terms import document_frequencies
from ingest.summary.terms import tokens as _tokens
from ingest.text.boilerplate import boilerplate_test, is_boilerplate
from ingest.text.layout import split_paragraphs
from ingest.text.sentences import split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_0f55b7b5fa43bf67.txt"

ARTICLE = """\
By Rachel Kim

The city council approved a $10.9 million renovation of the central library on Tuesday, \
ending a long fight over the cost of the project.

Read more: Why the library vote matters to the city budget

The renovation will close the library for 18 months and add a children's wing, a maker \
space and a rooftop garden to the library building.

Council members who opposed the library renovation said the project could run over budget, \
as the city's parking garage did in the 1990s.

The mayor said small grants would help shops near the library during the renovation.

Library staff carry books out of the reading room on Tuesday. (Photo: Reuters)

Photo: Library staff carry the last books out. (Jane Doe/The Gazette)

The library will hold a farewell event on March 2 before the building closes.

(With inputs from ANI)
"""

BOILERPLATE = [
    ("By Rachel Kim", True),
    ("By John Smith and Jane Doe, Reuters", True),
    ("By Sarah Whitcombe, Crime Correspondent", True),
    ("<b>By Claire Donnelly</b> | <i>The Harbor Gazette</i>", True),
    ("<b>Read more:</b> Port Anson's Main Street revival", True),
    ("<i>Photo: Ruth Bellamy outside the shop. (Claire Donnelly/The Harbor Gazette)</i>", True),
    ("Read more: Why the library vote matters to the city budget", True),
    ("ALSO READ | Five things to know about the vote", True),
    ("(Photo: Reuters)", True),
    ("Library staff carry books out of the reading room on Tuesday. (Photo: Reuters)", True),
    ("Firefighters battle the blaze. | Photo Credit: PTI", True),
    ("Modi speaks at the event in New Delhi (Photo/ANI)", True),
    ("Rescuers search the rubble on Monday (AFP via Getty Images)", True),
    ("REUTERS/Jane Doe", True),
    ("Getty Images", True),
    ("The agency (UNHCR) said 40 people died.", False),
    ("Prices rose 3% (about $2 a barrel) on Monday.", False),
    ("(With inputs from ANI)", True),
    ("PTI AR VN", True),
    ("jlv/ach/rmb", True),
    ("UP NEXT", True),
    ("* * *", True),
    ("…", True),
    ("TRAINER'S ROOM", True),
    ("(Reporting by Minh Chau in Hanoi; Editing by Simon Baird)", True),
    ("(Except for the headline, this story has not been edited by NDTV staff.)", True),
    ("Copyright 2024 The Associated Press.", True),
    ("Follow us on Twitter for updates.", True),
    ("The court said the copyright claim failed.", False),
    ("By Tuesday, the fire had burned 14,300 acres.", False),
    ("Reuters reported that talks had stalled.", False),
    ("The council approved a $10.9 million renovation.", False),
]


def sentences_of(text: str):
    return split_sentences(text, split_paragraphs(text))


@pytest.mark.parametrize(("sentence", "expected"), BOILERPLATE)
def test_boilerplate_examples(sentence: str, expected: bool) -> None:
    assert is_boilerplate(sentence) is expected


def test_boilerplate_test_agrees_with_is_boilerplate() -> None:
    """The per-text test looks only for the marks and needles its text holds."""
    sentences = [sentence for sentence, _ in BOILERPLATE]
    sentences += ["See www.example.org for more.", "All Rights Reserved", "A plain sentence."]
    for lowered_text in ("\0".join(s.lower() for s in sentences), "a plain sentence."):
        test = boilerplate_test(lowered_text)
        for sentence in sentences:
            if sentence.lower() in lowered_text:
                assert test(sentence, sentence.lower()) is is_boilerplate(sentence), sentence


@pytest.mark.parametrize(
    "text",
    [
        "",
        "the u.s. economy grew 3.5% in q2 — $10.9bn, officials' “best” year",
        "café naïve straße İstanbul \u212aelvin σας 😀 a\0b\u00a0c\u2003d",
        "  tabs\tand\nnew lines?_under_score-dash ",
    ],
)
def test_tokens_are_the_token_pattern_matches(text: str) -> None:
    for low in (text, text.lower()):
        assert _tokens(low) == _TOKEN.findall(low)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ([], False),
        (["He said: “We are ready."], True),
        (["He said: “We are ready.", "We will win,” he said."], False),
        (["«Nous sommes prêts."], True),
        (['He said: "We are ready.'], True),
        (['He said: "We are ready.', 'We will win," he said.'], False),
        (["”Stray close.", "“Open again."], False),
    ],
)
def test_quote_open(before: list[str], expected: bool) -> None:
    assert _quote_open(before) is expected


@pytest.mark.parametrize("count", sorted(SUMMARY_LENGTHS.values()))
def test_length_and_article_order(count: int) -> None:
    sentences = sentences_of(ARTICLE)
    summary = summarize(sentences, count)
    assert len(summary) == count
    assert [s.start for s in summary] == sorted(s.start for s in summary)
    assert all(s in sentences for s in summary)


def test_boilerplate_is_never_chosen_even_when_all_is_asked() -> None:
    summary = summarize(sentences_of(ARTICLE), 100)
    texts = [s.text for s in summary]
    assert len(texts) == 6
    assert not any(is_boilerplate(t) for t in texts)
    assert not any(t.startswith(("By ", "Read more", "(With")) for t in texts)


def test_a_repeated_paragraph_is_chosen_once() -> None:
    lead = ARTICLE.split("\n\n")[1]
    text = ARTICLE.replace(lead, lead + "\n\n" + lead, 1)
    texts = [s.text for s in summarize(sentences_of(text), 3)]
    assert len(texts) == len(set(texts)) == 3


def test_deterministic() -> None:
    sentences = sentences_of(ARTICLE)
    first = summarize(sentences, 3, title="Council approves library renovation")
    for _ in range(3):
        assert summarize(sentences, 3, title="Council approves library renovation") == first


def test_same_choice_whatever_the_hash_seed() -> None:
    script = (
        "import sys; from ingest import analyze; "
        "text = open(sys.argv[1], encoding='utf-8').read(); "
        "print([analyze(text, summary_sentences=n).summary for n in (1, 3, 5)])"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(SEED)],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("count", [1, 3, 5])
def test_one_paragraph_article_summarises_to_itself(count: int) -> None:
    text = "The bridge on Route 9 will close on Monday for repairs. Detours are posted."
    sentences = sentences_of(text)
    expected = sentences[:count]
    assert summarize(sentences, count) == expected


def test_nothing_asked_or_nothing_there() -> None:
    assert summarize(sentences_of(ARTICLE), 0) == ()
    assert summarize((), 3) == ()


def test_document_frequencies_are_optional_and_keep_the_invariants() -> None:
    sentences = sentences_of(ARTICLE)
    frequencies = document_frequencies([ARTICLE, "The library opened.", "The council met."])
    assert frequencies["library"] == 2 and frequencies["council"] == 2
    assert "the" not in frequencies
    summary = summarize(sentences, 3, document_frequencies=frequencies, documents=3)
    assert len(summary) == 3
    assert [s.start for s in summary] == sorted(s.start for s in summary)


@pytest.fixture(scope="module")
def seed_summary() -> str:
    return " ".join(analyze(SEED.read_text(encoding="utf-8")).summary)


@pytest.mark.parametrize(
    "needle", ["Kazakhstan", "human rights reforms", "delegation", "Elvira Azimova", "UN event"]
)
def test_seed_summary_names_the_story(seed_summary: str, needle: str) -> None:
    assert needle in seed_summary


def test_seed_summary_lengths() -> None:
    text = SEED.read_text(encoding="utf-8")
    for count in (1, 3, 5):
        summary = analyze(text, summary_sentences=count).summary
        assert len(summary) == count
        assert not summary[0].startswith("Astana")


CORPUS_ARTICLES = sorted((Path(__file__).resolve().parent / "corpus" / "articles").glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS_ARTICLES, ids=lambda path: path.name)
def test_short_summary_is_in_the_default_and_the_default_in_the_long(path: Path) -> None:
    variants = summary_variants(analyze(path.read_text(encoding="utf-8")))
    short, default, long = (set(variants[name]) for name in ("short", "default", "long"))
    assert len(short) == 1 and len(default) == 3 and len(long) == 5
    assert short <= default <= long


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        (
            "By . Jane Doe . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . "
            "15:36 EST, 25 October 2013 . The bishop of the diocese exposed hundreds of "
            "church members to the hepatitis A virus in late September. The state health "
            "department issued an advisory for anyone who took communion at five churches. "
            "The bishop is taking time off after he was diagnosed with the virus.",
            ["By .", "PUBLISHED: .", "14:11 EST, 25 October 2013 .", "| ."],
        ),
        (
            "By . Daily Mail Reporter . Last updated at 3:31 PM on 19th July 2011 . The "
            "council approved a new library after a long fight over its cost. The library "
            "will open next spring with a children's wing and a rooftop garden. Opponents "
            "said the project could still run over its budget of $10 million.",
            ["By .", "Daily Mail Reporter .", "Last updated at 3:31 PM on 19th July 2011 ."],
        ),
    ],
    ids=["header fragments", "site furniture inside a one-paragraph story"],
)
def test_header_fragments_are_never_chosen(text: str, fragments: list[str]) -> None:
    summary = analyze(text).summary
    assert len(summary) == 3
    assert not set(fragments) & set(summary)
