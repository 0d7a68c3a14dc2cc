"""Documents sent to the bot in a private chat: every article in them, or why not.

The type and the size are checked from what Telegram tells about the file before anything is
downloaded; the download goes through the Bot API (``getFile``); reading and analysing are the
intake's (off the event loop).
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Document, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from handlers.chat_ingest import NO_INTAKE, refuse_once, reply_card, show_typing
from handlers.deps import Deps, get_deps
from handlers.feeds import may_add
from handlers.intake import Intake
from handlers.render import plural
from handlers.text import esc, shorten, split_items
from ingest.sources.documents import DOCUMENT_SUFFIXES, document_suffix
from ingest.sources.readers import MAX_ARTICLE_BYTES, ReadError

MEGABYTE = 1024 * 1024
CARDS_SHOWN = 3
TITLE_CHARS = 80


def supported_types() -> str:
    return ", ".join(DOCUMENT_SUFFIXES)


def refusal(name: str, size: int | None) -> str | None:
    """Why a document cannot be an article, judged from its name and size alone."""
    suffix = document_suffix(name)
    if suffix not in DOCUMENT_SUFFIXES:
        kind = f"{suffix} files are" if suffix else "a file without an extension is"
        return f"Cannot read {name}: {kind} not supported. Send one of {supported_types()}."
    if size is not None and size > MAX_ARTICLE_BYTES:
        return (
            f"Cannot read {name}: too large ({size / MEGABYTE:.1f} MB; "
            f"a document may be at most {MAX_ARTICLE_BYTES / MEGABYTE:.1f} MB)."
        )
    return None


async def download(document: Document) -> bytes:
    file = await document.get_file()
    return bytes(await file.download_as_bytearray())


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or message.document is None:
        return
    deps = get_deps(context)
    if not await may_add(deps, user.id):
        await refuse_once(message, deps, user.id)
        return
    document = message.document
    name = document.file_name or "document"
    refused = refusal(name, document.file_size)
    if refused is not None:
        await message.reply_text(refused)
        return
    if deps.intake is None:
        await message.reply_text(NO_INTAKE)
        return
    await show_typing(message)
    try:
        data = await download(document)
    except TelegramError as error:
        await message.reply_text(f"Could not download {name}: {error.message}")
        return
    refused = refusal(name, len(data))
    if refused is not None:
        await message.reply_text(refused)
        return
    results = await deps.intake.add_document(name, data)
    await answer(message, deps, name, results)


async def answer(
    message: Message, deps: Deps, name: str, results: Sequence[Intake | ReadError]
) -> None:
    """A card for each of the first articles; the others and every problem in one list."""
    stored = [r for r in results if isinstance(r, Intake)]
    errors = [r for r in results if isinstance(r, ReadError)]
    if not stored and len(errors) == 1:
        await message.reply_text(f"Cannot read {errors[0]}")
        return
    if not results:
        await message.reply_text(f"No article found in {name}.")
        return
    for intake in stored[:CARDS_SHOWN]:
        await reply_card(message, deps, intake)
    if len(stored) <= CARDS_SHOWN and not errors:
        return
    for part in split_items(overview(name, stored, errors), separator="\n"):
        await message.reply_text(part, parse_mode=ParseMode.HTML)


def overview(name: str, stored: Sequence[Intake], errors: Sequence[ReadError]) -> list[str]:
    added = sum(1 for i in stored if i.added)
    known = len(stored) - added
    head = f"<b>{esc(name)}</b>: {plural(added, 'article')} added"
    if known:
        head += f", {known} already in the store"
    if errors:
        head += f", {plural(len(errors), 'problem')}"
    lines = [head]
    for intake in stored[CARDS_SHOWN:]:
        article = intake.article
        mark = "✅" if intake.added else "·"
        title = esc(shorten(article.title, TITLE_CHARS))
        lines.append(f"{mark} <code>#{article.key}</code> {title}")
    lines.extend(f"✗ {esc(str(error))}" for error in errors)
    return lines
