"""Inline mode: ``@bot words`` returns people, quote and article cards, paged by ``next_offset``.

An empty query lists the latest articles. Each page holds up to 50 results: people matching
the words (first page only), then articles and quotes interleaved. ``next_offset`` carries the
position in each stream: ``a25q25`` (a stream that ran out is left out), ``L50`` for latest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.deps import get_deps
from handlers.render import person_line, plural, quote_card, summary_text
from handlers.text import shorten, split_items
from storage import ArticleRow, PersonRow, QuoteRow, Store

PAGE = 50
PEOPLE_FIRST_PAGE = 5
CACHE_SECONDS = 10
_OFFSET = re.compile(r"(?:a(\d{1,7}))?(?:q(\d{1,7}))?")
_LATEST = re.compile(r"L(\d{1,7})")
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True, slots=True)
class InlinePage:
    results: list[InlineQueryResultArticle]
    next_offset: str


def _content(html_text: str) -> InputTextMessageContent:
    return InputTextMessageContent(
        html_text, parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW
    )


def article_result(article: ArticleRow) -> InlineQueryResultArticle:
    card = split_items(summary_text(article, "short"))[0]
    first = article.summary_short[0] if article.summary_short else ""
    return InlineQueryResultArticle(
        id=f"a{article.key}",
        title=shorten(article.title, 100),
        description=shorten(f"#{article.key} · {article.date} · {first}", 150),
        input_message_content=_content(card),
    )


def quote_result(quote: QuoteRow) -> InlineQueryResultArticle:
    marks = "" if quote.kind == "reported" else "“"
    speaker = quote.speaker or "unattributed"
    return InlineQueryResultArticle(
        id=f"q{quote.id}",
        title=shorten(f"{marks}{quote.text}{marks.replace('“', '”')}", 100),
        description=shorten(f"— {speaker} · {quote.article_title}, {quote.article_date}", 150),
        input_message_content=_content(quote_card(quote)),
    )


def person_result(person: PersonRow) -> InlineQueryResultArticle:
    counts = f"{plural(person.quotes, 'quote')} · {plural(person.articles, 'article')}"
    role = f"{person.role} · " if person.role else ""
    return InlineQueryResultArticle(
        id=f"p{person.id}",
        title=shorten(person.name, 100),
        description=shorten(f"{role}{counts}", 150),
        input_message_content=_content(f"👤 {person_line(person)}"),
    )


async def latest_page(store: Store, offset: int) -> InlinePage:
    rows = await store.articles.latest(limit=PAGE + 1, offset=offset)
    results = [article_result(a) for a in rows[:PAGE]]
    return InlinePage(results, f"L{offset + PAGE}" if len(rows) > PAGE else "")


async def search_page(store: Store, words: str, offset: str) -> InlinePage:
    """One page of cards for ``words``; ``offset`` is ``""`` or a previous ``next_offset``."""
    match = _OFFSET.fullmatch(offset)
    if match is None or (offset and not any(match.groups())):
        return InlinePage([], "")
    first = not offset
    article_at: int | None = 0
    quote_at: int | None = 0
    if not first:
        article_at = int(match.group(1)) if match.group(1) else None
        quote_at = int(match.group(2)) if match.group(2) else None
    people = await store.people.by_prefix(words, limit=PEOPLE_FIRST_PAGE) if first else []
    room = PAGE - len(people)
    share = room // 2 + 1
    articles = (
        [
            h.article
            for h in await store.articles.search_recent(words, share, article_at, prefix=True)
        ]
        if article_at is not None
        else []
    )
    quotes = (
        await store.quotes.search_recent(words, share, quote_at, prefix=True)
        if quote_at is not None
        else []
    )
    results = [person_result(p) for p in people]
    taken_a = taken_q = 0
    while len(results) < PAGE and (taken_a < len(articles) or taken_q < len(quotes)):
        if taken_a < len(articles):
            results.append(article_result(articles[taken_a]))
            taken_a += 1
        if taken_q < len(quotes) and len(results) < PAGE:
            results.append(quote_result(quotes[taken_q]))
            taken_q += 1
    next_offset = ""
    if article_at is not None and (taken_a < len(articles) or len(articles) == share):
        next_offset += f"a{article_at + taken_a}"
    if quote_at is not None and (taken_q < len(quotes) or len(quotes) == share):
        next_offset += f"q{quote_at + taken_q}"
    return InlinePage(results, next_offset)


async def inline_page(store: Store, query: str, offset: str) -> InlinePage:
    words = " ".join(query.split())[:256]
    if not words:
        match = _LATEST.fullmatch(offset)
        if offset and match is None:
            return InlinePage([], "")
        return await latest_page(store, int(match.group(1)) if match else 0)
    return await search_page(store, words, offset)


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    assert query is not None
    page = await inline_page(get_deps(context).store, query.query, query.offset)
    await query.answer(
        page.results,
        cache_time=CACHE_SECONDS,
        is_personal=True,
        next_offset=page.next_offset,
    )
