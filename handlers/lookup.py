"""What the user meant: an article (id, words, or a replied-to bot message) or a person."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.deps import get_deps
from handlers.render import names_list
from handlers.text import esc, shorten
from storage import ArticleRow, ArticleStore, PersonRow

_HEADER_REF = re.compile(r"#(\d{1,12}) · ")
_REFERENCE = re.compile(r"#?\d{1,12}|[\w.\-]{1,200}")
AMBIGUITY = 1.25  # the best match is clear when its score beats the next one by this factor
MAX_QUERY = 256


@dataclass(frozen=True, slots=True)
class ArticleChoice:
    """The best matching article and, when the match is not clear, the close alternatives."""

    article: ArticleRow
    alternatives: tuple[ArticleRow, ...] = ()


def args_text(context: ContextTypes.DEFAULT_TYPE) -> str:
    """The command's arguments as one string, trimmed to a sane length."""
    return " ".join(context.args or ())[:MAX_QUERY].strip()


def replied_article_key(update: Update, bot_id: int) -> int | None:
    """The article a bot message (or a card posted through inline mode) is about, when the
    command replies to one.

    Every message about one article opens with ``#42 · Title``; lists of articles do not.
    """
    message = update.effective_message
    replied = message.reply_to_message if message else None
    if not isinstance(replied, Message):
        return None
    by_bot = replied.from_user is not None and replied.from_user.id == bot_id
    via_bot = replied.via_bot is not None and replied.via_bot.id == bot_id  # an inline card
    if not (by_bot or via_bot):
        return None
    first_line = (replied.text or replied.caption or "").split("\n", 1)[0]
    match = _HEADER_REF.match(first_line)
    return int(match.group(1)) if match else None


async def article_by_reference(store: ArticleStore, text: str) -> ArticleRow | None:
    """An article named by ``42``, ``#42`` or its full id; ``None`` for anything else."""
    if not _REFERENCE.fullmatch(text):
        return None
    return await store.articles.resolve(text)


async def choose_article(store: ArticleStore, text: str) -> ArticleChoice | None:
    """The article named by ``text``: a reference first, else the best full-text match."""
    found = await article_by_reference(store, text)
    if found is not None:
        return ArticleChoice(found)
    hits = await store.articles.search_recent(text, limit=5)
    if not hits:
        return None
    best = hits[0]
    # bm25 scores are negative, lower is better: an alternative is close when its score is
    # within AMBIGUITY of the best one.
    close = tuple(h.article for h in hits[1:] if h.rank * AMBIGUITY <= best.rank)
    return ArticleChoice(best.article, close)


async def find_people(store: ArticleStore, name: str) -> list[PersonRow]:
    return await store.people.find(name, limit=5) if name else []


async def suggestions(store: ArticleStore, name: str) -> list[PersonRow]:
    """People whose names are close to ``name`` (typos, partial spellings)."""
    people: list[PersonRow] = []
    for suggested in await store.people.suggest(name, limit=5):
        for person in await store.people.find(suggested, limit=1):
            if person.id not in {p.id for p in people}:
                people.append(person)
    return people


def people_buttons(
    people: list[PersonRow], callback: Callable[[PersonRow], str], prefix: str = ""
) -> list[list[InlineKeyboardButton]]:
    """One button per person, each carrying ``callback(person)``."""
    return [
        [InlineKeyboardButton(f"{prefix}{shorten(p.name, 40)}", callback_data=callback(p))]
        for p in people
    ]


async def reply_unknown(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    what: str,
    callback: Callable[[PersonRow], str],
) -> None:
    """Nothing matched ``text``: say so and offer the closest names as buttons."""
    message = update.effective_message
    assert message is not None
    close = await suggestions(get_deps(context).store, text)
    reply = f"No {what} for “{esc(shorten(text, 60))}”."
    if close:
        reply += f" Did you mean {names_list([p.name for p in close])}?"
    else:
        reply += " Try /people for the names in the newest articles."
    markup = InlineKeyboardMarkup(people_buttons(close, callback)) if close else None
    await message.reply_text(reply, parse_mode=ParseMode.HTML, reply_markup=markup)
