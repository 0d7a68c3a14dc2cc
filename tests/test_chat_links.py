"""A message that is one link: the page is fetched from a local web server, its article
extracted, analysed and stored; every failure is answered with its reason."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import Store
from tests.bot_kit import BotHarness, buttons, sent, texts
from tests.chat_kit import EDITOR_ID, chat_bot, to_chat
from tests.page_samples import NAV_ONLY_PAGE, Entry, article_page
from tests.web_fixtures import LocalWeb, Reply, serving

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title></channel></rss>'


@pytest.fixture
async def web() -> AsyncIterator[LocalWeb]:
    async with serving() as local:
        base = local.url("")
        for entry in (Entry(3, 4), Entry(1, 1), Entry(2, 5)):
            local.routes[entry.path] = Reply(body=article_page(entry, base).encode())
        local.routes["/nav-only.html"] = Reply(body=NAV_ONLY_PAGE.encode())
        local.routes["/status/500"] = Reply(500, b"")
        local.routes["/feed.xml"] = Reply(body=RSS, content_type="application/rss+xml")
        local.routes["/moved"] = Reply(302, headers={"Location": "/articles/2/5.html"})
        local.routes["/loop/a"] = Reply(302, headers={"Location": "/loop/b"})
        local.routes["/loop/b"] = Reply(302, headers={"Location": "/loop/a"})
        yield local


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    async for harness in chat_bot(store):
        yield harness


async def test_a_link_becomes_the_pages_article_with_its_metadata(
    store: Store, bot: BotHarness, web: LocalWeb
) -> None:
    entry = Entry(3, 4)
    url = web.url(entry.path)
    [card] = texts(await bot.send(url, user_id=EDITOR_ID))
    row = await store.articles.by_id(url)  # the page's canonical url
    assert row is not None
    assert (row.title, row.url, row.source) == (entry.title, url, "The Riverside Gazette")
    assert row.published is not None and row.published.startswith(entry.published_iso[:10])
    lines = card.split("\n")
    assert lines[:3] == [
        f"✅ Added as #{row.key}",
        entry.title,
        f"{entry.published_iso[:10]} · The Riverside Gazette · RIVERSIDE",
    ]
    assert "Commenter" not in (await store.articles.text(row.key) or "")
    assert lines[-1] == url
    assert [label for label, _ in buttons(sent(to_chat(bot, EDITOR_ID))[0])] == [
        "Summary",
        "Long",
        "Quotes",
        "People",
    ]


async def test_the_same_link_again_is_not_fetched_again(
    store: Store, bot: BotHarness, web: LocalWeb
) -> None:
    url = web.url("/articles/1/1.html")
    await bot.send(url, user_id=EDITOR_ID)
    [again] = texts(await bot.send(url, user_id=EDITOR_ID))
    assert again.startswith("Already in the store as #1\n")
    assert web.requests_to("/articles/1/1.html") == 1


async def test_a_redirected_link_is_stored_under_the_page_it_lands_on(
    store: Store, bot: BotHarness, web: LocalWeb
) -> None:
    [card] = texts(await bot.send(web.url("/moved"), user_id=EDITOR_ID))
    assert card.startswith("✅ Added as #1")
    assert await store.articles.by_id(web.url("/articles/2/5.html")) is not None
    [again] = texts(await bot.send(web.url("/articles/2/5.html"), user_id=EDITOR_ID))
    assert again.startswith("Already in the store as #1")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/nav-only.html", "no article text found on the page"),
        ("/status/404", "the page could not be fetched: HTTP 404 Not Found"),
        ("/status/500", "the page could not be fetched: HTTP 500 Internal Server Error"),
        ("/feed.xml", "the page could not be fetched: not a web page (application/rss+xml)"),
        ("/loop/a", "the page could not be fetched: redirect loop"),
    ],
)
async def test_a_link_without_an_article_is_answered_with_the_reason(
    store: Store, bot: BotHarness, web: LocalWeb, path: str, reason: str
) -> None:
    url = web.url(path)
    [reply] = texts(await bot.send(url, user_id=EDITOR_ID))
    assert reply.startswith(f"Could not add {url}: {reason}")
    assert (await store.stats()).articles == 0


async def test_a_private_address_is_refused_while_the_guard_is_on(
    store: Store, web: LocalWeb
) -> None:
    async for bot in chat_bot(store, allow_private_urls=False):
        url = web.url("/articles/1/1.html")
        [reply] = texts(await bot.send(url, user_id=EDITOR_ID))
        assert reply.startswith(f"Could not add {url}: the page could not be fetched: 127.0.0.1")
        assert "NEWSROOM_ALLOW_PRIVATE_URLS=1" in reply
        assert web.log == []
