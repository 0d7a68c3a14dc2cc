"""``/export quotes <person | article>`` and ``/export people [article]``: a CSV document.

The person or article is found the way ``/quotes`` and ``/people`` find it (an article number,
a reply to a message about one article, a name, words of the article). The file is UTF-8 with
a byte order mark, so spreadsheet programs read its accents right, in the Excel CSV dialect.
Rows are read from the store in batches and written to a temporary file; a document stays
under Telegram's 50 MB limit by stopping before ``MAX_DOCUMENT_BYTES``, which the caption says.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import IO

from telegram import InputFile, Update
from telegram.constants import ChatAction, ParseMode
from telegram.ext import ContextTypes

from handlers.deps import Deps, get_deps
from handlers.digest.times import iso
from handlers.lookup import (
    args_text,
    article_by_reference,
    choose_article,
    find_people,
    replied_article_key,
)
from handlers.render import plural
from handlers.text import esc, shorten
from storage import ArticleRow
from storage.export import BOM, ExportRow, PersonExport, QuoteExport, csv_text
from storage.names import name_key

MAX_DOCUMENT_BYTES = 45 * 1024 * 1024  # Telegram takes documents up to 50 MB from bots
ROWS_PER_WRITE = 200
USAGE = (
    "Usage: <code>/export quotes &lt;person | article&gt;</code> or "
    "<code>/export people [article]</code>. An article is its number (<code>42</code>), "
    "words from it, or a reply to one of my messages about it; people without an article "
    "are every person of every article, newest first."
)


@dataclass(frozen=True, slots=True)
class Export:
    rows: AsyncIterator[ExportRow]
    kind: type[ExportRow]
    what: str  # "quotes of Elvira Azimova" (HTML)
    filename: str


@dataclass(frozen=True, slots=True)
class Written:
    rows: int
    complete: bool


def slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", name_key(text)).strip("-")[:40] or "export"


async def write_csv(export: Export, file: IO[bytes], limit: int = MAX_DOCUMENT_BYTES) -> Written:
    """Header and rows into ``file`` while it stays under ``limit`` bytes."""
    size = file.write((BOM + csv_text([], export.kind)).encode("utf-8"))
    count = 0
    batch: list[ExportRow] = []

    def flush() -> bool:
        nonlocal size, count
        for row in batch:  # row by row only when the batch does not fit whole
            data = csv_text([row]).encode("utf-8")
            if size + len(data) > limit:
                return False
            size += file.write(data)
            count += 1
        return True

    async for row in export.rows:
        batch.append(row)
        if len(batch) >= ROWS_PER_WRITE:
            data = csv_text(batch).encode("utf-8")
            if size + len(data) <= limit:
                size += file.write(data)
                count += len(batch)
            elif not flush():
                return Written(count, complete=False)
            batch = []
    complete = flush()
    return Written(count, complete)


async def article_for(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str
) -> ArticleRow | None:
    store = get_deps(context).store
    if not text:
        key = replied_article_key(update, context.bot.id)
        return await store.articles.get(key) if key is not None else None
    choice = await choose_article(store, text)
    return choice.article if choice else None


def stamp(deps: Deps) -> str:
    return iso(deps.clock())[:10]


async def quotes_export(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str
) -> Export | str:
    deps = get_deps(context)
    store = deps.store
    article = await article_by_reference(store, text) if text else None
    if article is None and text:
        people = await find_people(store, text)
        if people:
            person = people[0]
            return Export(
                store.export.quotes(person_id=person.id, newest_first=True),
                QuoteExport,
                f"quotes of <b>{esc(shorten(person.name, 80))}</b>",
                f"quotes-{slug(person.name)}-{stamp(deps)}.csv",
            )
    article = article or await article_for(update, context, text)
    if article is None and not text:
        newest = await store.articles.latest(limit=1)
        article = newest[0] if newest else None
    if article is None:
        return f"No person or article matches “{esc(shorten(text, 60))}”."
    return Export(
        store.export.quotes(article_key=article.key),
        QuoteExport,
        f"quotes of #{article.key} <i>{esc(shorten(article.title, 80))}</i>",
        f"quotes-article-{article.key}-{stamp(deps)}.csv",
    )


async def people_export(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str
) -> Export | str:
    deps = get_deps(context)
    article = await article_for(update, context, text)
    if article is None and text:
        return f"No article matches “{esc(shorten(text, 60))}”."
    if article is None:
        return Export(
            deps.store.export.people(newest_first=True),
            PersonExport,
            "people of every article, newest first",
            f"people-all-{stamp(deps)}.csv",
        )
    return Export(
        deps.store.export.people(article_key=article.key),
        PersonExport,
        f"people of #{article.key} <i>{esc(shorten(article.title, 80))}</i>",
        f"people-article-{article.key}-{stamp(deps)}.csv",
    )


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    words = args_text(context).split(maxsplit=1)
    what = words[0].casefold() if words else ""
    text = words[1] if len(words) > 1 else ""
    if what == "quotes":
        found = await quotes_export(update, context, text)
    elif what == "people":
        found = await people_export(update, context, text)
    else:
        await message.reply_html(USAGE)
        return
    if isinstance(found, str):
        await message.reply_html(found)
        return
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as file:
        written = await write_csv(found, file)
        if written.rows == 0:
            await message.reply_html(f"Nothing to export: no {found.what}.")
            return
        noun = "quote" if found.kind is QuoteExport else "row"
        caption = f"💾 {plural(written.rows, noun)}: {found.what}."
        if not written.complete:
            caption += (
                "\n⚠️ Only the first rows: the whole export would be larger than a Telegram "
                "document may be. <code>newsroom-bot export</code> on the server writes it all."
            )
        file.seek(0)
        await message.reply_document(
            InputFile(file, filename=found.filename, read_file_handle=False),
            caption=caption,
            parse_mode=ParseMode.HTML,
        )
