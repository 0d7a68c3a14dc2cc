"""Articles sent to the bot in a private chat: pasted, forwarded from a channel, a document,
or a link. Editors and admins add them; anyone else is told once that only editors can.

The slow work (download, fetch, analysis) is awaited off the event loop (the intake runs it
in the analysis pool or the shared HTTP client), and the application processes updates
concurrently: other users' commands are answered meanwhile.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram import Message, MessageOriginChannel, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from handlers.cards import card_markup, card_text
from handlers.deps import DEPS_KEY, Deps, get_deps
from handlers.feeds import may_add
from handlers.intake import Intake, IntakeError
from handlers.pastes import Paste, PasteAssembler, Spawn
from handlers.render import plural
from handlers.start import COMMAND_HINT
from ingest.model import ArticleInput
from ingest.sources.readers import MAX_ARTICLE_BYTES

MIN_ARTICLE_WORDS = 60
MEGABYTE = 1024 * 1024
# Fewer words than this read as chat, not as an attempt at an article (nor a post worth keeping).
MIN_POST_WORDS = 20
PASTES_KEY = "chat_pastes"
PASTE_SWEEP_JOB = "paste-sweep"
PASTE_SWEEP_SECONDS = 60.0
# A paste still in the store this long after its quiet period ended was left by a process
# that stopped before checking it (a check comes at the end of the quiet period).
LEFT_PASTE_AFTER = 30.0
EDITORS_ONLY_NOTICE = "editors-only"

EDITORS_ONLY = (
    "Only editors can add articles to the store. Ask a bot admin to make you one: they send "
    "<code>/allow editor {user_id}</code>. Reading works for everyone: /latest, /search, /help."
)
TOO_SHORT = (
    "That is too short to be an article ({words}; paste at least {minimum} words). "
    "For the commands, send /help."
)
NO_INTAKE = "Adding articles is not available in this bot."


def too_short(words: int, minimum: int) -> str:
    return TOO_SHORT.format(words=plural(words, "word"), minimum=minimum)


def too_large(size: int) -> str:
    return (
        f"That is too large to be one article ({size / MEGABYTE:.1f} MB; "
        f"at most {MAX_ARTICLE_BYTES / MEGABYTE:.1f} MB)."
    )


def word_count(text: str) -> int:
    return len(text.split())


def single_url(text: str) -> str | None:
    """The URL when the whole text is one ``http(s)://`` link, else ``None``."""
    candidate = text.strip()
    if not candidate or any(c.isspace() for c in candidate):
        return None
    parts = urlsplit(candidate)
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return candidate
    return None


def chat_article_id(text: str) -> str:
    """``chat:`` and a short hash of the text (whitespace-insensitive): the same paste again
    gets the same id."""
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
    return f"chat:{digest[:16]}"


def forwarded_post(message: Message) -> ArticleInput | None:
    """A channel post forwarded to the bot: channel → source, its t.me link → url (and id),
    its date → published. ``None`` when the message was not forwarded from a channel."""
    origin = message.forward_origin
    if not isinstance(origin, MessageOriginChannel):
        return None
    text = message.text or message.caption or ""
    channel = origin.chat
    url = f"https://t.me/{channel.username}/{origin.message_id}" if channel.username else None
    return ArticleInput(
        id=url or chat_article_id(text),
        text=text,
        url=url,
        published=origin.date.isoformat(),
        source=channel.title or channel.username,
    )


# Who may add ---------------------------------------------------------------------------------
async def refuse_once(message: Message, deps: Deps, user_id: int) -> bool:
    """Tell a reader, once ever, that only editors add articles; ``False`` when told before."""
    if not await deps.store.notices.first_time(user_id, EDITORS_ONLY_NOTICE, deps.store.now()):
        return False
    await message.reply_text(EDITORS_ONLY.format(user_id=user_id), parse_mode=ParseMode.HTML)
    return True


# Answers ---------------------------------------------------------------------------------------
async def reply_card(message: Message, deps: Deps, intake: Intake) -> None:
    quotes = await deps.store.quotes.by_article(intake.article.key, limit=100)
    await message.reply_text(
        card_text(intake, quotes),
        parse_mode=ParseMode.HTML,
        reply_markup=card_markup(intake.article),
        disable_web_page_preview=True,
    )


async def show_typing(message: Message) -> None:
    with contextlib.suppress(TelegramError):  # only a courtesy
        await message.reply_chat_action(ChatAction.TYPING)


async def add_and_answer(message: Message, deps: Deps, article: ArticleInput) -> None:
    intake = deps.intake
    if intake is None:
        await message.reply_text(NO_INTAKE)
        return
    await show_typing(message)
    try:
        result = await intake.add_article(article)
    except IntakeError as error:
        await message.reply_text(f"Could not add it: {error}")
        return
    await reply_card(message, deps, result)


# Handlers --------------------------------------------------------------------------------------
def paste_assembler(app: Application[Any, Any, Any, Any, Any, Any]) -> PasteAssembler:
    """The application's pastes (kept in the store), answered with a card when whole."""
    found = app.bot_data.get(PASTES_KEY)
    if not isinstance(found, PasteAssembler):
        deps = app.bot_data[DEPS_KEY]
        assert isinstance(deps, Deps)

        async def on_ready(paste: Paste) -> None:
            text = paste.text
            size = len(text.encode("utf-8"))
            if size > MAX_ARTICLE_BYTES:
                await paste.message.reply_text(too_large(size))
                return
            await add_and_answer(paste.message, deps, ArticleInput(chat_article_id(text), text))

        found = app.bot_data[PASTES_KEY] = PasteAssembler(
            deps.store.paste_parts, deps.paste_quiet_seconds, on_ready
        )
    return found


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private text that is no command: a part of a paste, a link, or chat."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or message.text is None:
        return
    deps = get_deps(context)
    editor = await may_add(deps, user.id)
    text = message.text
    url = single_url(text)
    words = word_count(text)
    pastes = paste_assembler(context.application)
    spawn = _spawner(context, update)
    if editor:
        await pastes.hand_on_left(user.id, message, spawn)
        # The parts of a paste are updates handled at once, here or on another replica: a
        # short tail may get here before the first part is stored. It looks again shortly.
        short = url is None and words < MIN_ARTICLE_WORDS
        if await pastes.is_open(user.id, settle=short):
            await pastes.add(user.id, message, text, spawn)
            return
    if not editor:
        if (url or words >= MIN_ARTICLE_WORDS) and await refuse_once(message, deps, user.id):
            return
        await message.reply_text(COMMAND_HINT)
        return
    if url is not None:
        await add_url_and_answer(message, deps, url)
    elif words < MIN_POST_WORDS:
        await message.reply_text(COMMAND_HINT)
    elif words < MIN_ARTICLE_WORDS:
        await message.reply_text(too_short(words, MIN_ARTICLE_WORDS))
    else:
        await pastes.add(user.id, message, text, spawn)


async def hand_on_left_pastes(context: ContextTypes.DEFAULT_TYPE) -> None:
    """JobQueue callback: answer the pastes whose process stopped before checking them."""
    pastes = paste_assembler(context.application)
    await pastes.hand_on_all_left(context.bot, pastes.quiet_seconds + LEFT_PASTE_AFTER)


def start_paste_sweep(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Call from ``post_init``: every replica looks for left pastes once a minute."""
    if app.job_queue is None:
        return
    for job in app.job_queue.get_jobs_by_name(PASTE_SWEEP_JOB):
        job.schedule_removal()
    app.job_queue.run_repeating(
        hand_on_left_pastes,
        interval=PASTE_SWEEP_SECONDS,
        first=PASTE_SWEEP_SECONDS,
        name=PASTE_SWEEP_JOB,
    )


def _spawner(context: ContextTypes.DEFAULT_TYPE, update: Update) -> Spawn:
    """Waiting pastes run as the application's tasks: stopping the bot finishes them first,
    and their errors reach the error handler with the update that opened them."""

    def spawn(coroutine: Coroutine[Any, Any, None]) -> object:
        return context.application.create_task(coroutine, update=update)

    return spawn


async def on_forward(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A forwarded message: a channel post is one article; anything else reads like a paste."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    article = forwarded_post(message)
    if article is None:
        if message.text is not None:
            await on_text(update, context)
        return
    deps = get_deps(context)
    if not await may_add(deps, user.id):
        if not await refuse_once(message, deps, user.id):
            await message.reply_text(COMMAND_HINT)
        return
    words = word_count(article.text)
    if words < MIN_POST_WORDS:
        await message.reply_text(too_short(words, MIN_POST_WORDS))
        return
    await add_and_answer(message, deps, article)


async def add_url_and_answer(message: Message, deps: Deps, url: str) -> None:
    if deps.intake is None:
        await message.reply_text(NO_INTAKE)
        return
    await show_typing(message)
    try:
        result = await deps.intake.add_url(url)
    except IntakeError as error:
        await message.reply_text(f"Could not add {url}: {error}", disable_web_page_preview=True)
        return
    await reply_card(message, deps, result)
