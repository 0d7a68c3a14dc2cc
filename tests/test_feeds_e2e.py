"""Feeds over real HTTP on 127.0.0.1: good feeds keep every article whatever the others do,
a second poll costs 304s, new entries arrive, and the bot polls a feed as soon as it is added."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.analysis_pool import AnalysisPool
from bot.app import build_application, close_services, post_init
from bot.config import Config
from bot.feed_poller import FeedPoller
from bot.fetcher import Fetcher, FetchSettings
from bot.intake import BotIntake
from bot.memory_api import InMemoryBotApi
from storage import Store
from tests.feed_kit import ManualClock, article_html, rss, story
from tests.web_fixtures import LocalWeb, Reply, serving

SETTINGS = FetchSettings(allow_private=True, timeout_s=1.0, per_host_pause_s=0.0)
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Desk</title><id>urn:desk</id>{entries}</feed>"""
ATOM_ENTRY = """<entry><title>{title}</title><id>urn:desk:{n}</id>
<link href="/story/{n}"/><updated>2026-11-30T10:00:00Z</updated></entry>"""


def pages(web: LocalWeb, numbers: range) -> None:
    for n in numbers:
        title, paragraphs = story(n)
        html = article_html(title, paragraphs, url=web.url(f"/story/{n}"), published="2026-11-30")
        web.routes[f"/story/{n}"] = Reply(body=html.encode())


def rss_reply(web: LocalWeb, numbers: list[int], etag: str) -> Reply:
    moment = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    items = [(n, moment - timedelta(minutes=n)) for n in numbers]
    body = rss("Wire One", web.url(""), items).encode()
    return Reply(body=body, content_type="application/rss+xml", etag=etag)


@pytest.fixture
async def web() -> AsyncIterator[LocalWeb]:
    async with serving() as local:
        yield local


async def test_good_feeds_lose_nothing_whatever_the_others_do(store: Store, web: LocalWeb) -> None:
    pages(web, range(1, 9))
    web.routes["/story/8"] = Reply(body=b"<html><body><nav>Menu</nav></body></html>")
    web.routes.update(
        {
            "/rss": rss_reply(web, [1, 2, 3], '"a1"'),
            "/atom": Reply(
                body=ATOM.format(
                    entries="".join(ATOM_ENTRY.format(title=story(n)[0], n=n) for n in (4, 5))
                ).encode(),
                content_type="application/atom+xml",
            ),
            "/malformed": Reply(body=b"<rss><channel><item><title>cut", content_type="text/xml"),
            "/error": Reply(500, b"oops"),
            "/gone": Reply(410, b"gone"),
            "/slow": Reply(body=b"<rss/>", delay=3.0),
            "/huge": Reply(body=b"<rss>" + b" " * (20 * 1024 * 1024)),
            "/bomb": Reply(
                body=gzip.compress(b" " * (40 * 1024 * 1024)), headers={"Content-Encoding": "gzip"}
            ),
            "/loop": Reply(302, headers={"Location": "/loop2"}),
            "/loop2": Reply(302, headers={"Location": "/loop"}),
            "/noarticle": rss_reply(web, [8], '"n1"'),
        }
    )
    paths = ["/rss", "/atom", "/malformed", "/error", "/gone", "/slow", "/huge", "/bomb"]
    paths += ["/loop", "/noarticle"]
    for path in paths:
        await store.feeds.add(web.url(path), interval_minutes=10, added_by=None, now=store.now())
    clock = ManualClock(datetime.now(UTC))
    pool = AnalysisPool(workers=0)
    async with Fetcher(SETTINGS) as fetcher:
        poller = FeedPoller(store, fetcher, BotIntake(store, pool), pool, clock=clock)
        report = await poller.poll_due()
        by_url = {f.url: f for f in await store.feeds.all()}
        stored = {a.url for a in await store.articles.latest(50)}
        assert stored == {web.url(f"/story/{n}") for n in range(1, 6)}
        assert report.total("stored") == 5 and report.failed == 7
        errors = {path: by_url[web.url(path)].last_error or "" for path in paths}
        assert "malformed" in errors["/malformed"] and "HTTP 500" in errors["/error"]
        assert by_url[web.url("/gone")].status == "stopped"
        assert "no answer" in errors["/slow"] and "limit" in errors["/huge"]
        assert "limit" in errors["/bomb"] and "redirect loop" in errors["/loop"]
        assert by_url[web.url("/noarticle")].error_count == 0  # the feed works; its entry waits
        assert await store.feeds.entry_counts(by_url[web.url("/noarticle")].id) == {"pending": 1}

        # Second poll, ten minutes on: unchanged feeds answer 304, a new entry arrives.
        web.routes["/rss"] = rss_reply(web, [1, 2, 3, 6], '"a2"')
        clock.advance(minutes=10)
        for feed in await store.feeds.all():  # only the ones that worked are due again
            if feed.url.endswith(("/rss", "/atom", "/noarticle")):
                assert feed.next_poll_at <= (clock.now + timedelta(seconds=1)).isoformat()
        second = await poller.poll_due()
    polled = {r.feed_id: r for r in second.results}
    assert polled[by_url[web.url("/rss")].id].stored == 1
    assert polled[by_url[web.url("/noarticle")].id].not_modified
    assert web.url("/story/6") in {a.url for a in await store.articles.latest(50)}
    assert web.requests_to("/story/1") == 1  # never fetched twice


async def test_the_bot_polls_a_feed_as_soon_as_it_is_added(tmp_path: Path, web: LocalWeb) -> None:
    pages(web, range(1, 3))
    web.routes["/rss"] = rss_reply(web, [1, 2], '"x"')
    store = await Store.open(tmp_path / "bot.db")
    api = InMemoryBotApi()
    config = Config(admins=frozenset({11}), allow_private_urls=True)
    app = build_application(config, store, request=api)
    try:
        async with app:
            await post_init(app)
            await app.start()
            message = api.user_message(11, {"id": 11, "is_bot": False, "first_name": "A"}, "")
            message["text"] = f"/addfeed {web.url('/rss')}"
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": 8}]
            from telegram import Update

            await app.process_update(Update.de_json({"update_id": 1, "message": message}, app.bot))
            for _ in range(100):
                if (await store.stats()).articles == 2:
                    break
                await asyncio.sleep(0.05)
            await app.stop()
        assert (await store.stats()).articles == 2
        feed = await store.feeds.by_url(web.url("/rss"))
        assert feed is not None and feed.title == "Wire One" and feed.articles_taken == 2
    finally:
        await close_services(app)
        await store.close()
