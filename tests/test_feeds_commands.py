"""``/addfeed``, ``/removefeed``, ``/feeds``: who may use them and what they answer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import Store
from tests.bot_kit import ADMIN_ID, MEMBER_ID, BotHarness, newsroom, running_bot, texts

URL = "https://news.example.org/rss.xml"


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    await newsroom(store)
    async for harness in running_bot(store):
        yield harness


async def test_an_admin_adds_lists_and_removes_a_feed(store: Store, bot: BotHarness) -> None:
    [added] = texts(await bot.send(f"/addfeed {URL}"))
    assert added.startswith(f"Added feed 1: {URL}") and "every 10 min" in added
    [again] = texts(await bot.send(f"/addfeed {URL}"))
    assert again.startswith("Feed 1 is already polled")
    [listing] = texts(await bot.send("/feeds"))
    assert "Feeds: 1" in listing and URL in listing and "last success: never" in listing
    [removed] = texts(await bot.send("/removefeed 1"))
    assert removed.startswith(f"Removed feed 1: {URL}")
    assert texts(await bot.send("/feeds")) == ["No feeds yet. Add one with /addfeed <url>."]
    assert texts(await bot.send("/removefeed 1")) == ["No feed 1. /feeds lists them."]


async def test_editors_may_manage_feeds_and_readers_may_not(store: Store, bot: BotHarness) -> None:
    refusal = ["Only admins and editors can manage feeds."]
    for command in (f"/addfeed {URL}", "/removefeed 1", "/feeds"):
        assert texts(await bot.send(command, user_id=MEMBER_ID)) == refusal
    await bot.send(f"/allow editor {MEMBER_ID}", user_id=ADMIN_ID)
    [added] = texts(await bot.send(f"/addfeed {URL}", user_id=MEMBER_ID))
    assert added.startswith("Added feed 1")
    feed = await store.feeds.get(1)
    assert feed is not None and feed.added_by == MEMBER_ID


@pytest.mark.parametrize(
    "arguments",
    ["", "ftp://example.org/feed", "example.org/feed", "http://", "a b", "javascript:alert(1)"],
)
async def test_addfeed_refuses_what_is_not_a_web_url(bot: BotHarness, arguments: str) -> None:
    [reply] = texts(await bot.send(f"/addfeed {arguments}".strip()))
    assert reply.startswith("Usage: /addfeed <url>")
