"""Inline mode: ``@bot words`` returns people, quote and article cards, paged by ``next_offset``.

An empty query lists the latest articles. Each page holds up to 50 results: people matching
the words (first page only), then articles and quotes interleaved, newest first (as you type,
recency beats ranking, and it keeps every answer fast). ``next_offset`` carries the position
in each stream: ``a25q25`` (a stream that ran out is left out), ``L50`` for latest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import InlineQueryResult, Update
from telegram.constants import InlineQueryResultType, ParseMode
from telegram.ext import ContextTypes

from handlers.deps import get_deps
from handlers.render import person_line, plural, quote_card, summary_text
from handlers.text import shorten
from storage import ArticleRow, ArticleStore, PersonRow, QuoteRow

PAGE = 50
PEOPLE_FIRST_PAGE = 5
CACHE_SECONDS = 10
_OFFSET = re.compile(r"(p)?(?:a(\d{1,7}))?(?:q(\d{1,7}))?")
_LATEST = re.compile(r"L(\d{1,7})")


@dataclass(frozen=True, slots=True)
class InlinePage:
    results: list[InlineQueryResult]
    next_offset: str


def card(result_id: str, title: str, description: str, html_text: str) -> InlineQueryResult:
    """An article result that posts ``html_text`` when chosen.

    Built as plain Bot API fields (``api_kwargs``) rather than ``InlineQueryResultArticle``
    with ``InputTextMessageContent``: for those, python-telegram-bot copies every result
    three times to fill in defaults, which took a third of an inline answer's time.
    """
    fields = {
        "title": title,
        "description": description,
        "input_message_content": {
            "message_text": html_text,
            "parse_mode": ParseMode.HTML.value,
            "link_preview_options": {"is_disabled": True},
        },
    }
    return InlineQueryResult(InlineQueryResultType.ARTICLE, result_id, api_kwargs=fields)


def article_card(article: ArticleRow) -> str:
    """Header, at most two capped summary sentences and the counts: always one message."""
    items = summary_text(article, "short")
    return "\n\n".join([items[0], *items[1:-1][:2], items[-1]])


def article_result(article: ArticleRow) -> InlineQueryResult:
    first = article.summary_short[0] if article.summary_short else ""
    return card(
        f"a{article.key}",
        shorten(article.title, 100),
        shorten(f"#{article.key} · {article.date} · {first}", 150),
        article_card(article),
    )


def quote_result(quote: QuoteRow) -> InlineQueryResult:
    text = shorten(quote.text, 96)
    title = text if quote.kind == "reported" else f"“{text}”"
    speaker = quote.speaker or "unattributed"
    return card(
        f"q{quote.id}",
        title,
        shorten(f"— {speaker} · {quote.article_title}, {quote.article_date}", 150),
        quote_card(quote),
    )


def person_result(person: PersonRow) -> InlineQueryResult:
    counts = f"{plural(person.quotes, 'quote')} · {plural(person.articles, 'article')}"
    role = f"{person.role} · " if person.role else ""
    return card(
        f"p{person.id}",
        shorten(person.name, 100),
        shorten(f"{role}{counts}", 150),
        f"👤 {person_line(person)}",
    )


async def latest_page(store: ArticleStore, offset: int) -> InlinePage:
    rows = await store.articles.latest(limit=PAGE + 1, offset=offset)
    results = [article_result(a) for a in rows[:PAGE]]
    return InlinePage(results, f"L{offset + PAGE}" if len(rows) > PAGE else "")


async def search_page(store: ArticleStore, words: str, offset: str) -> InlinePage:
    """One page of cards for ``words``; ``offset`` is ``""`` or a previous ``next_offset``.

    Words are matched whole first: that is fast however common they are. Only when all that
    matches fits on one page is the last word also matched as a prefix (``azim`` → Azimova,
    for a query typed as it goes); the later pages keep that choice (``p`` in the offset).
    """
    match = _OFFSET.fullmatch(offset)
    if match is None or (offset and not any(match.groups()[1:])):
        return InlinePage([], "")
    if offset:
        return await _search_page(store, words, match, prefix=bool(match.group(1)))
    page = await _search_page(store, words, match, prefix=False)
    if not page.next_offset and len(page.results) < PAGE:
        page = await _search_page(store, words, match, prefix=True)
    return page


async def _search_page(
    store: ArticleStore, words: str, match: re.Match[str], *, prefix: bool
) -> InlinePage:
    first = not match.group(0)
    article_at: int | None = 0
    quote_at: int | None = 0
    if not first:
        article_at = int(match.group(2)) if match.group(2) else None
        quote_at = int(match.group(3)) if match.group(3) else None
    people = await store.people.by_prefix(words, limit=PEOPLE_FIRST_PAGE) if first else []
    room = PAGE - len(people)
    share = room // 2 + 1
    articles = (
        [
            h.article
            for h in await store.articles.search_recent(
                words, share, article_at, prefix=prefix, ranked=False
            )
        ]
        if article_at is not None
        else []
    )
    quotes = (
        await store.quotes.search_recent(words, share, quote_at, prefix=prefix, ranked=False)
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
    if next_offset and prefix:
        next_offset = "p" + next_offset
    return InlinePage(results, next_offset)


async def inline_page(store: ArticleStore, query: str, offset: str) -> InlinePage:
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
