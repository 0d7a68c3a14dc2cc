"""``/summary [short|long] [article]`` and the summary buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.callbacks import PageButton, SummaryButton, decode, encode
from handlers.deps import get_deps
from handlers.lookup import args_text, choose_article, replied_article_key
from handlers.paging import STALE_BUTTON, edit_with, send_messages
from handlers.render import summary_text
from handlers.text import esc, shorten, split_items
from storage import ArticleRow

Length = Literal["short", "default", "long"]
_LENGTH_WORDS: dict[str, Length] = {"short": "short", "long": "long", "default": "default"}
_BUTTON_LABELS: dict[Length, str] = {"short": "Short", "default": "Summary", "long": "Long"}


def split_length(text: str) -> tuple[Length, str]:
    """``"long election results"`` → ``("long", "election results")``."""
    words = text.split()
    for index in (0, -1):
        if words and words[index].casefold() in _LENGTH_WORDS:
            length = _LENGTH_WORDS[words.pop(index).casefold()]
            return length, " ".join(words)
    return "default", text


def summary_markup(
    article: ArticleRow, length: Length, alternatives: Sequence[ArticleRow] = ()
) -> InlineKeyboardMarkup:
    lengths = [
        InlineKeyboardButton(label, callback_data=encode(SummaryButton(article.key, name)))
        for name, label in _BUTTON_LABELS.items()
        if name != length
    ]
    related = [
        InlineKeyboardButton("Quotes", callback_data=encode(PageButton("qa", 0, str(article.key)))),
        InlineKeyboardButton("People", callback_data=encode(PageButton("pa", 0, str(article.key)))),
    ]
    rows = [lengths, related]
    for other in alternatives[:4]:
        label = f"#{other.key} {shorten(other.title, 48)}"
        rows.append(
            [InlineKeyboardButton(label, callback_data=encode(SummaryButton(other.key, length)))]
        )
    return InlineKeyboardMarkup(rows)


def summary_messages(
    article: ArticleRow, length: Length, alternatives: Sequence[ArticleRow] = ()
) -> list[str]:
    items = summary_text(article, length)
    if alternatives:
        items.append("<i>Other close matches below — tap one to see it instead.</i>")
    return split_items(items, separator="\n\n")


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    store = get_deps(context).store
    length, text = split_length(args_text(context))
    alternatives: tuple[ArticleRow, ...] = ()
    article: ArticleRow | None = None
    if not text:
        key = replied_article_key(update, context.bot.id)
        if key is not None:
            article = await store.articles.get(key)
        else:
            newest = await store.articles.latest(limit=1)
            if not newest:
                await message.reply_text("No articles yet: ingest some first.")
                return
            article = newest[0]
    else:
        choice = await choose_article(store, text)
        if choice is not None:
            article, alternatives = choice.article, choice.alternatives
    if article is None:
        await message.reply_text(
            f"No article matches “{esc(shorten(text or 'that message', 60))}”. "
            "Try /search with other words, or /latest for the newest articles.",
            parse_mode=ParseMode.HTML,
        )
        return
    await send_messages(
        message,
        summary_messages(article, length, alternatives),
        summary_markup(article, length, alternatives),
    )


async def on_summary_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    button = decode(query.data)
    article = None
    if isinstance(button, SummaryButton):
        article = await get_deps(context).store.articles.get(button.article)
    if article is None or not isinstance(button, SummaryButton):
        await query.answer(STALE_BUTTON, show_alert=True)
        return
    length: Length = _LENGTH_WORDS.get(button.length, "default")
    await edit_with(update, summary_messages(article, length), summary_markup(article, length))
