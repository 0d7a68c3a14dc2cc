"""``/quotes <person | article | words>``: quote cards, paged."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from handlers.callbacks import PageButton, encode
from handlers.deps import Deps, get_deps
from handlers.lookup import (
    args_text,
    article_by_reference,
    find_people,
    people_buttons,
    replied_article_key,
    reply_unknown,
)
from handlers.paging import Page, page_source, page_window, send_page
from handlers.render import article_header, quote_card
from handlers.text import esc, shorten
from storage import PersonRow, QuoteRow
from storage.fts import fts_terms

QUOTES_PAGE = 5


def _quote_page(rows: list[QuoteRow], title: str, empty: str) -> Page:
    """A page of quote cards from ``QUOTES_PAGE + 1`` rows (the extra one tells of more)."""
    quotes, more = page_window(rows, QUOTES_PAGE)
    return Page(title, [quote_card(q) for q in quotes], more, empty=empty)


@page_source("qp")
async def person_quotes(deps: Deps, ref: str, number: int) -> Page | None:
    person = await deps.store.people.get(int(ref)) if ref.isdigit() else None
    if person is None:
        return None
    rows = await deps.store.quotes.by_person(
        person.id, limit=QUOTES_PAGE + 1, offset=number * QUOTES_PAGE
    )
    title = f"💬 Quotes of <b>{esc(shorten(person.name, 80))}</b>"
    return _quote_page(rows, title, "No quotes from this person.")


@page_source("qa")
async def article_quotes(deps: Deps, ref: str, number: int) -> Page | None:
    article = await deps.store.articles.get(int(ref)) if ref.isdigit() else None
    if article is None:
        return None
    rows = await deps.store.quotes.by_article(
        article.key, limit=QUOTES_PAGE + 1, offset=number * QUOTES_PAGE
    )
    return _quote_page(rows, f"{article_header(article)}\n💬 Quotes", "No quotes in this article.")


@page_source("qw")
async def quotes_with_words(deps: Deps, ref: str, number: int) -> Page | None:
    rows = await deps.store.quotes.search_recent(
        ref, limit=QUOTES_PAGE + 1, offset=number * QUOTES_PAGE
    )
    title = f"💬 Quotes with <b>{esc(shorten(ref, 60))}</b>"
    return _quote_page(rows, title, "No quotes with these words.")


def quotes_button(person: PersonRow) -> str:
    """A person's quotes, first page (a person's number always fits the callback data)."""
    return encode(PageButton("qp", 0, str(person.id)))


async def quotes(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    store = get_deps(context).store
    text = args_text(context)
    if not text:
        key = replied_article_key(update, context.bot.id)
        if key is None:
            newest = await store.articles.latest(limit=1)
            if not newest:
                await message.reply_text("No articles yet: ingest some first.")
                return
            key = newest[0].key
        await send_page(update, context, "qa", str(key))
        return
    article = await article_by_reference(store, text)
    if article is not None:
        await send_page(update, context, "qa", str(article.key))
        return
    people = await find_people(store, text)
    if people:
        extra = people_buttons(people[1:], quotes_button, "Also: ")
        await send_page(update, context, "qp", str(people[0].id), extra=extra)
        return
    words = " ".join(fts_terms(text))
    if words and await store.quotes.search_recent(words, limit=1):
        await send_page(update, context, "qw", words)
        return
    await reply_unknown(update, context, text, "quotes", quotes_button)
