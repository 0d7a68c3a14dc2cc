"""Polling a feed: new entries become articles once, 304s cost nothing, failures back off and
are reported once, pages that cannot be had fall back to the entry or wait, 410 stops a feed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.analysis_pool import AnalysisPool
from bot.feed_poller import FeedPoller, backoff
from bot.fetcher import FetchError
from bot.intake import BotIntake
from storage import Store
from storage.rows import FeedRow
from tests.feed_kit import PARAGRAPH, ManualClock, MemoryFetcher, article_html, rss, story

FEED = "https://valley.example/rss"
BASE = "https://valley.example"


def page(n: int) -> bytes:
    title, paragraphs = story(n)
    url = f"{BASE}/story/{n}"
    return article_html(title, paragraphs, url=url, published="2026-11-30T07:00:00Z").encode()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def store(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Store]:
    """The store on the poller's clock, as in the bot."""
    opened = await Store.open(tmp_path / "news.db", clock=clock)
    yield opened
    await opened.close()


@pytest.fixture
def notices() -> list[str]:
    return []


@pytest.fixture
def make_poller(store: Store, clock: ManualClock, notices: list[str]):  # type: ignore[no-untyped-def]
    def build(fetcher: MemoryFetcher) -> FeedPoller:
        async def notify(text: str) -> None:
            notices.append(text)

        pool = AnalysisPool(workers=0)
        return FeedPoller(
            store,
            fetcher,
            BotIntake(store, pool),
            pool,
            clock=clock,
            notify=notify,  # type: ignore[arg-type]
        )

    return build


async def add_feed(store: Store, url: str, clock: ManualClock) -> FeedRow:
    feed, _ = await store.feeds.add(
        url, interval_minutes=10, added_by=None, now=clock.now.isoformat()
    )
    return feed


def feed_body(numbers: list[int], clock: ManualClock, **kwargs: str) -> bytes:
    items = [(n, clock.now - timedelta(hours=n)) for n in numbers]
    return rss("Valley News", BASE, items, **kwargs).encode()


async def test_new_entries_become_articles_once_and_a_304_costs_nothing(
    store: Store, clock: ManualClock, make_poller
) -> None:  # type: ignore[no-untyped-def]
    fetcher = MemoryFetcher({FEED: feed_body([1, 2], clock)}, etags={FEED: '"v1"'})
    fetcher.pages.update({f"{BASE}/story/{n}": page(n) for n in (1, 2, 3)})
    poller = make_poller(fetcher)
    feed = await add_feed(store, FEED, clock)

    first = await poller.poll(feed)
    assert first is not None and first.ok and (first.new_entries, first.stored) == (2, 2)
    articles = await store.articles.latest()
    assert {a.url for a in articles} >= {f"{BASE}/story/1", f"{BASE}/story/2"}
    one = next(a for a in articles if a.url == f"{BASE}/story/1")
    assert one.title == story(1)[0] and one.source == "Valley News"
    assert one.published == (clock.now - timedelta(hours=1)).isoformat(timespec="seconds")
    assert "Related stories" not in (await store.articles.text(one.key) or "")
    assert one.quote_count == 1

    clock.advance(minutes=10)
    polled = await store.feeds.get(feed.id)
    assert polled is not None and polled.etag == '"v1"' and polled.title == "Valley News"
    assert polled.articles_taken == 2
    second = await poller.poll(polled)
    assert second is not None and second.not_modified and second.new_entries == 0
    # A new version of the feed: only the new entry is fetched.
    fetcher.pages[FEED] = feed_body([1, 2, 3], clock)
    fetcher.etags[FEED] = '"v2"'
    fetcher.calls.clear()
    third = await poller.poll(await store.feeds.get(feed.id))  # type: ignore[arg-type]
    assert third is not None and (third.new_entries, third.stored) == (1, 1)
    assert fetcher.calls == [("feed", FEED), ("page", f"{BASE}/story/3")]
    assert (await store.stats()).articles == 3


async def test_a_failing_feed_backs_off_and_admins_hear_once_each_way(
    store: Store, clock: ManualClock, notices: list[str], make_poller
) -> None:  # type: ignore[no-untyped-def]
    fetcher = MemoryFetcher({FEED: FetchError("timeout", "timed out after 15 s")})
    poller = make_poller(fetcher)
    feed = await add_feed(store, FEED, clock)
    waits = []
    for _ in range(4):
        row = await store.feeds.get(feed.id)
        assert row is not None
        result = await poller.poll(row)
        assert result is not None and not result.ok and result.error == "timed out after 15 s"
        after = await store.feeds.get(feed.id)
        assert after is not None
        waits.append(after.next_poll_at)
        clock.advance(hours=7)
    assert len(notices) == 1 and "is failing: timed out after 15 s" in notices[0]
    fetcher.pages[FEED] = feed_body([], clock)
    row = await store.feeds.get(feed.id)
    assert row is not None and row.error_count == 4
    assert (await poller.poll(row)).ok  # type: ignore[union-attr]
    assert len(notices) == 2 and "works again" in notices[1]
    healed = await store.feeds.get(feed.id)
    assert healed is not None and healed.error_count == 0


def test_back_off_doubles_from_the_interval_and_stops_at_six_hours() -> None:
    class Feed:
        interval_minutes = 10

    waits = [backoff(Feed(), n) for n in range(1, 8)]  # type: ignore[arg-type]
    assert [w.total_seconds() / 60 for w in waits] == [10, 20, 40, 80, 160, 320, 360]


async def test_a_gone_feed_stops_with_one_notice(
    store: Store, clock: ManualClock, notices: list[str], make_poller
) -> None:  # type: ignore[no-untyped-def]
    poller = make_poller(MemoryFetcher({FEED: FetchError("gone", "410 Gone", 410)}))
    feed = await add_feed(store, FEED, clock)
    await poller.poll(feed)
    row = await store.feeds.get(feed.id)
    assert row is not None and row.status == "stopped"
    assert len(notices) == 1 and "is gone (410)" in notices[0]
    assert await store.feeds.due((clock.now + timedelta(days=2)).isoformat()) == []


async def test_pages_that_cannot_be_had_fall_back_to_the_entry_or_wait_a_day(
    store: Store, clock: ManualClock, make_poller
) -> None:  # type: ignore[no-untyped-def]
    long_content = " ".join([PARAGRAPH] * 2)
    fetcher = MemoryFetcher()
    poller = make_poller(fetcher)
    feed = await add_feed(store, FEED, clock)
    # Entry 1 carries its whole story; entry 2 only a teaser; no page can be fetched.
    fetcher.pages[FEED] = (
        rss("Valley News", BASE, [(1, clock.now)], content=long_content)[: -len("</channel></rss>")]
        + f"<item><title>Teaser</title><link>{BASE}/story/2</link><guid>t-2</guid>"
        "<description>Read more on our site.</description></item></channel></rss>"
    ).encode()
    first = await poller.poll(feed)
    assert first is not None and (first.stored, first.waiting) == (1, 1)
    stored = await store.articles.latest()
    assert [a.url for a in stored] == [f"{BASE}/story/1"]
    clock.advance(hours=3)
    again = await poller.poll(await store.feeds.get(feed.id))  # type: ignore[arg-type]
    assert again is not None and (again.stored, again.waiting) == (0, 1)
    fetcher.pages[f"{BASE}/story/2"] = page(2)  # the page comes back within the day
    clock.advance(hours=3)
    third = await poller.poll(await store.feeds.get(feed.id))  # type: ignore[arg-type]
    assert third is not None and third.stored == 1
    # A teaser whose page never comes is given up a day after it was first seen.
    teaser = fetcher.pages[FEED]
    assert isinstance(teaser, bytes)
    fetcher.pages[FEED] = teaser.replace(b"t-2", b"t-3").replace(b"/story/2", b"/story/9")
    await poller.poll(await store.feeds.get(feed.id))  # type: ignore[arg-type]
    clock.advance(hours=25)
    last = await poller.poll(await store.feeds.get(feed.id))  # type: ignore[arg-type]
    assert last is not None and last.given_up == 1
    assert await store.feeds.pending(feed.id) == []


async def test_a_broken_feed_does_not_disturb_the_others(
    store: Store, clock: ManualClock, make_poller
) -> None:  # type: ignore[no-untyped-def]
    good, bad = FEED, "https://broken.example/rss"
    fetcher = MemoryFetcher({good: feed_body([1], clock), bad: b"<rss><channel><item>"})
    fetcher.pages[f"{BASE}/story/1"] = page(1)
    poller = make_poller(fetcher)
    for url in (bad, good):
        await add_feed(store, url, clock)
    report = await poller.poll_due()
    assert report.failed == 1 and report.total("stored") == 1
    broken = await store.feeds.by_url(bad)
    assert broken is not None and broken.error_count == 1 and broken.last_error


async def test_an_entry_already_in_the_store_is_not_fetched_again(
    store: Store, clock: ManualClock, make_poller
) -> None:  # type: ignore[no-untyped-def]
    other = "https://other.example/rss"
    fetcher = MemoryFetcher({FEED: feed_body([1], clock), other: feed_body([1], clock)})
    fetcher.pages[f"{BASE}/story/1"] = page(1)
    poller = make_poller(fetcher)
    for url in (FEED, other):
        feed = await add_feed(store, url, clock)
        await poller.poll(feed)
    assert fetcher.calls.count(("page", f"{BASE}/story/1")) == 1
    assert (await store.stats()).articles == 1
    second = await store.feeds.by_url(other)
    assert second is not None and second.articles_taken == 0


async def test_two_pollers_sharing_a_store_poll_each_feed_once(
    tmp_path: Path, clock: ManualClock
) -> None:
    fetcher = MemoryFetcher()
    urls = [f"https://site{n}.example/rss" for n in range(6)]
    for url in urls:
        fetcher.pages[url] = feed_body([], clock)
    stores = [await Store.open(tmp_path / "shared.db", clock=clock) for _ in range(2)]
    try:
        for url in urls:
            await add_feed(stores[0], url, clock)
        pollers = []
        for shared in stores:
            pool = AnalysisPool(workers=0)
            pollers.append(
                FeedPoller(shared, fetcher, BotIntake(shared, pool), pool, clock=clock)  # type: ignore[arg-type]
            )
        reports = await asyncio.gather(*(p.poll_due() for p in pollers))
    finally:
        for shared in stores:
            await shared.close()
    assert sum(len(r.results) for r in reports) == len(urls)
    assert sorted(url for _, url in fetcher.calls) == sorted(urls)
