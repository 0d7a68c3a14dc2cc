"""The analysis card: which quote it shows, and its lines for each outcome."""

from __future__ import annotations

import pytest

from handlers.cards import card_text, top_quote
from handlers.intake import Intake
from storage import ArticleRow, QuoteRow
from tests.bot_kit import assert_valid_html


def quote(text: str, speaker: str | None, role: str | None = None, kind: str = "direct"):
    return QuoteRow(0, kind, text, speaker, role, None, "said", 7, "Title", "2026-11-20")


ARTICLE = ArticleRow(
    key=7,
    id="chat:1",
    title="Rates <held> & steady",
    source="Wire & Co",
    url="https://example.org/a?b=1&c=2",
    published="2026-11-19T08:00:00+00:00",
    ingested_at="2026-11-20T09:00:00+00:00",
    updated_at="2026-11-20T09:00:00+00:00",
    dateline=None,
    summary=("The bank held rates.",),
    summary_short=("The bank held rates at 4%.",),
    summary_long=(),
    quote_count=3,
    people_count=1,
)


@pytest.mark.parametrize(
    ("quotes", "shown"),
    [
        ([], None),
        ([quote("We paused.", None)], None),  # nobody said it
        ([quote("He said rates may rise.", "Ann Lee", kind="reported")], None),  # paraphrase
        ([quote("x" * 140, "Ann Lee"), quote("y" * 140, "Bo Diaz", "governor")], "y" * 140),
        ([quote("a" * 140, "Ann Lee", kind="partial"), quote("b" * 30, "Bo Diaz")], "b" * 30),
        ([quote("c" * 20, "Ann Lee"), quote("d" * 130, "Bo Diaz")], "d" * 130),
    ],
)
def test_the_card_shows_a_spoken_quote_with_a_speaker_best_first(
    quotes: list[QuoteRow], shown: str | None
) -> None:
    found = top_quote(quotes)
    assert (found.text if found else None) == shown


@pytest.mark.parametrize(
    ("outcome", "first_line"),
    [
        ("new", "✅ Added as <code>#7</code>"),
        ("updated", "✅ Updated <code>#7</code>"),
        ("duplicate", "Already in the store as <code>#7</code>"),
    ],
)
def test_card_lines_escape_stored_text(outcome: str, first_line: str) -> None:
    text = card_text(
        Intake(outcome, ARTICLE),  # type: ignore[arg-type]
        [quote("Rates stay <for now>,", "Bo Diaz", "governor")],
    )
    assert_valid_html(text)
    assert text.split("\n") == [
        first_line,
        "<b>Rates &lt;held&gt; &amp; steady</b>",
        "2026-11-19 · Wire &amp; Co",
        "<i>The bank held rates at 4%.</i>",
        "3 quotes · 1 person",
        "💬 “Rates stay &lt;for now&gt;” — <b>Bo Diaz</b>, governor",
        "https://example.org/a?b=1&amp;c=2",
    ]
