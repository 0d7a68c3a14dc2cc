"""The alert a watcher gets when a new article matches: one short message and one button.

::

    #42 · Courts ask for more money
    🔔 Elvira Azimova · 2026-03-20
    💬 “courts need more money” — Elvira Azimova, Chairman of the Constitutional Court
    https://example.org/courts

The first line is the header every message about one article opens with, so a reply with
``/summary`` or ``/quotes`` reads it back. The button opens the article's summary view.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.callbacks import SummaryButton, encode
from handlers.render import article_header
from handlers.text import esc, shorten
from storage import ArticleRow, QuoteRow
from storage.names import name_key
from storage.watches import Watch

QUOTE_CHARS = 300
SUMMARY_CHARS = 240
LABEL_CHARS = 60
URL_CHARS = 300


def watch_label(watch: Watch) -> str:
    """``Elvira Azimova`` for a person, ``“harbour jobs”`` for words (HTML)."""
    label = esc(shorten(watch.label, LABEL_CHARS))
    return label if watch.kind == "person" else f"“{label}”"


def said_by(quote: QuoteRow, watch: Watch, speakers: Collection[int]) -> bool:
    """Did the watched person say it: one of ``speakers`` (the people of the article the watch
    matched, under any alias), or a speaker of the watched name."""
    if quote.speaker_id is not None and quote.speaker_id in speakers:
        return True
    return bool(quote.speaker) and name_key(quote.speaker or "") == watch.match_key


def strongest_quote(
    quotes: Sequence[QuoteRow], watch: Watch, speakers: Collection[int] = ()
) -> QuoteRow | None:
    """The watched person's quote to show: direct before partial, then one of readable
    length (40–240 characters), then the earliest. Reported speech is not a quote."""

    def strength(indexed: tuple[int, QuoteRow]) -> tuple[float, int]:
        position, quote = indexed
        length = len(quote.text)
        fit = 1.0 if 40 <= length <= 240 else 0.5 if length > 240 else 0.0
        direct = 1.5 if quote.kind == "direct" else 0.0
        return direct + fit, -position

    theirs = [
        (i, q) for i, q in enumerate(quotes) if q.kind != "reported" and said_by(q, watch, speakers)
    ]
    return max(theirs, key=strength)[1] if theirs else None


def alert_text(
    article: ArticleRow,
    watches: Sequence[Watch],
    quotes: Sequence[QuoteRow] = (),
    speakers: Collection[int] = (),
) -> str:
    """The alert for one article that ``watches`` of one chat matched; ``speakers`` are the
    ids of the article's people that its person watches matched."""
    lines = [
        article_header(article),
        f"🔔 {', '.join(watch_label(w) for w in watches)} · {esc(article.date)}",
    ]
    quote = next(
        (
            q
            for w in watches
            if w.kind == "person"
            for q in [strongest_quote(quotes, w, speakers)]
            if q
        ),
        None,
    )
    if quote is not None:
        speaker = esc(quote.speaker or "")
        if quote.speaker_role:
            speaker += f", {esc(quote.speaker_role)}"
        lines.append(f"💬 <i>“{esc(shorten(quote.text, QUOTE_CHARS))}”</i> — {speaker}")
    else:
        sentence = next(iter(article.summary_short or article.summary), "")
        if sentence:
            lines.append(esc(shorten(sentence, SUMMARY_CHARS)))
    if article.url:
        lines.append(esc(shorten(article.url, URL_CHARS)))
    return "\n".join(lines)


def alert_markup(article: ArticleRow) -> InlineKeyboardMarkup:
    data = encode(SummaryButton(article.key, "default"))
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"Open #{article.key}", callback_data=data)]]
    )
