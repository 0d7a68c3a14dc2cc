"""``/latest [N]`` and ``/search <words>``: article lists, paged."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.deps import Deps
from handlers.lookup import args_text
from handlers.paging import Page, page_source, page_window, send_page
from handlers.render import article_line, search_item
from handlers.text import esc, shorten
from storage.fts import fts_terms

LATEST_DEFAULT = 10
LATEST_MAX = 50
SEARCH_PAGE = 8


@page_source("L")
async def latest_page(deps: Deps, ref: str, number: int) -> Page | None:
    size = int(ref) if ref.isdigit() and 0 < int(ref) <= LATEST_MAX else LATEST_DEFAULT
    rows = await deps.store.articles.latest(limit=size + 1, offset=number * size)
    articles, more = page_window(rows, size)
    return Page(
        "<b>Latest articles</b>",
        [article_line(a) for a in articles],
        more,
        empty="No articles yet: ingest some first.",
        separator="\n",
    )


@page_source("s")
async def search_page(deps: Deps, ref: str, number: int) -> Page | None:
    rows = await deps.store.articles.search_recent(
        ref, limit=SEARCH_PAGE + 1, offset=number * SEARCH_PAGE
    )
    hits, more = page_window(rows, SEARCH_PAGE)
    return Page(
        f"🔎 <b>{esc(shorten(ref, 60))}</b>",
        [search_item(h) for h in hits],
        more,
        empty="No article matches these words.",
    )


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    text = args_text(context)
    if text and not (text.isdigit() and 0 < int(text) <= LATEST_MAX):
        await message.reply_text(
            f"Usage: /latest [N] — N is a number from 1 to {LATEST_MAX}.",
        )
        return
    await send_page(update, context, "L", text or str(LATEST_DEFAULT))


async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    text = args_text(context)
    if not text:
        await message.reply_text("Usage: /search <words> — for example /search human rights")
        return
    if not fts_terms(text):
        await message.reply_text(
            f"“{esc(shorten(text, 60))}” has no words to search for: use letters or digits.",
            parse_mode=ParseMode.HTML,
        )
        return
    await send_page(update, context, "s", " ".join(fts_terms(text)))
