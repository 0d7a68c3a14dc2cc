"""The analysis card the bot answers with when an article is sent to it in chat.

One message: what happened (added, updated, already there), the headline, date and source,
the short summary, how many quotes and people, the top quote with its speaker, and the
buttons of ``/summary`` (summary lengths, quotes, people) to open the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from handlers.intake import Intake
from handlers.render import article_meta, plural
from handlers.summary import summary_markup
from handlers.text import esc, shorten
from storage import ArticleRow, QuoteRow

TITLE_CHARS = 200
SUMMARY_CHARS = 600
QUOTE_CHARS = 300
NAME_CHARS = 80

OUTCOME_LINES = {
    "new": "✅ Added as <code>#{key}</code>",
    "updated": "✅ Updated <code>#{key}</code>",
    "duplicate": "Already in the store as <code>#{key}</code>",
    "unchanged": "Already in the store as <code>#{key}</code>",
}


def top_quote(quotes: Sequence[QuoteRow]) -> QuoteRow | None:
    """The quote a card shows: a direct or partial quote with a speaker; a speaker with a
    role first, then direct over partial, then a length that reads well (about 140)."""

    def strength(quote: QuoteRow) -> tuple[int, int, int]:
        return (
            1 if quote.speaker_role else 0,
            1 if quote.kind == "direct" else 0,
            -abs(len(quote.text) - 140),
        )

    spoken = [q for q in quotes if q.kind != "reported" and q.speaker]
    return max(spoken, key=strength) if spoken else None


def quote_line(quote: QuoteRow) -> str:
    speaker = f"<b>{esc(shorten(quote.speaker or '', NAME_CHARS))}</b>"
    if quote.speaker_role:
        speaker += f", {esc(shorten(quote.speaker_role, NAME_CHARS))}"
    # A quote cut from its sentence keeps the comma before "she said"; the card drops it.
    text = shorten(quote.text, QUOTE_CHARS).rstrip(" ,;:")
    return f"💬 “{esc(text)}” — {speaker}"


def card_text(intake: Intake, quotes: Sequence[QuoteRow] = ()) -> str:
    article = intake.article
    lines = [
        OUTCOME_LINES[intake.outcome].format(key=article.key),
        f"<b>{esc(shorten(article.title, TITLE_CHARS))}</b>",
        article_meta(article),
    ]
    sentence = next(iter(article.summary_short or article.summary), "")
    if sentence:
        lines.append(f"<i>{esc(shorten(sentence, SUMMARY_CHARS))}</i>")
    lines.append(
        f"{plural(article.quote_count, 'quote')} · {plural(article.people_count, 'person')}"
    )
    quote = top_quote(quotes)
    if quote is not None:
        lines.append(quote_line(quote))
    if article.url:
        lines.append(esc(article.url))
    return "\n".join(lines)


def card_markup(article: ArticleRow) -> InlineKeyboardMarkup:
    """The summary buttons (default and long), then Quotes and People of this article."""
    return summary_markup(article, "short")
