"""Polling feeds: fetch (conditionally), parse, take each new entry's article, back off on errors.

One poll of one feed (miniflux's model: a state row per feed, a clear line between fetching,
parsing and storing):

1. Fetch the feed with its ETag / Last-Modified; a 304 costs no parsing.
2. Parse it (RSS 0.9x/1.0/2.0, Atom) and record entries not seen before (by guid, url, or a hash
   of their content) as pending.
3. For each pending entry: the article already in the store under the entry's url is taken as
   it is; else the page is fetched and its article extracted; when the page cannot be had the
   entry's own content is stored if it is article-length, else the entry waits for the next
   polls and is given up a day after it was first seen.
4. Success clears the feed's error count; a failure (timeout, 4xx/5xx, malformed feed, too
   large, redirect loop, DNS) backs off exponentially (capped at 6 h) and never touches other
   feeds. 410 Gone stops the feed. Admins hear once when a feed starts failing (two polls in a
   row, or at once for 410) and once when it recovers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from bot.analysis_pool import AnalysisPool
from bot.fetcher import Fetcher, FetchError
from bot.intake import BotIntake
from handlers.digest.times import iso, parse_iso
from handlers.text import esc
from ingest.model import ArticleInput
from ingest.sources.feeds import FeedEntry, FeedError, parse_feed
from ingest.sources.pages import PageArticle, PageError, extract_page
from storage import ArticleStore
from storage.feeds import NewEntry
from storage.rows import FeedEntryRow, FeedRow

log = logging.getLogger(__name__)

Notify = Callable[[str], Awaitable[None]]
MAX_BACKOFF = timedelta(hours=6)
GIVE_UP_AFTER = timedelta(days=1)
CLAIM_HOLD = timedelta(minutes=30)  # longer than any poll takes
FAILURES_BEFORE_NOTICE = 2
ARTICLE_MIN_WORDS = 60
MAX_ENTRY_CHARS = 200_000


@dataclass(slots=True)
class PollResult:
    feed_id: int
    ok: bool
    not_modified: bool = False
    new_entries: int = 0
    stored: int = 0
    duplicates: int = 0
    waiting: int = 0
    given_up: int = 0
    error: str | None = None


@dataclass(slots=True)
class PollReport:
    results: list[PollResult] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(r, name)) for r in self.results)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if not r.ok)


def backoff(feed: FeedRow, failures: int) -> timedelta:
    """The wait after ``failures`` failed polls in a row: the interval, doubled each time."""
    interval = timedelta(minutes=feed.interval_minutes)
    return min(interval * 2 ** max(0, failures - 1), max(MAX_BACKOFF, interval))


def entry_article(feed: FeedRow, entry: FeedEntryRow, page: PageArticle | None) -> ArticleInput:
    """The article of a feed entry: the page's text when it was had, else the entry's own."""
    source = feed.title or (page.site_name if page else None)
    if page is not None:
        url = page.url or entry.url
        return ArticleInput(
            id=url or f"feed:{feed.id}:{entry.key}",
            text=page.text,
            title=page.title or entry.title,
            url=url,
            published=entry.published or page.published,
            source=source or page.site_name,
        )
    return ArticleInput(
        id=entry.url or f"feed:{feed.id}:{entry.key}",
        text=entry.content or "",
        title=entry.title,
        url=entry.url,
        published=entry.published,
        source=source,
    )


def _new_entry(entry: FeedEntry) -> NewEntry:
    content = entry.content[:MAX_ENTRY_CHARS] if entry.content else None
    return NewEntry(entry.key, entry.url, entry.title, entry.published, content)


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


class FeedPoller:
    """Polls feeds into the store; one instance per application (``bot_data``)."""

    def __init__(
        self,
        store: ArticleStore,
        fetcher: Fetcher,
        intake: BotIntake,
        pool: AnalysisPool,
        *,
        clock: Callable[[], datetime],
        notify: Notify | None = None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.intake = intake
        self.pool = pool
        self.clock = clock
        self.notify = notify
        self._polling: set[int] = set()

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    async def poll_due(self, feed_id: int | None = None) -> PollReport:
        """Poll every active feed whose time has come (or the one ``feed_id``, if due), all at
        once (the fetcher limits how many requests run together and per host). Each feed is
        first taken in the store (``claim_due``), so that processes sharing the store never
        poll the same feed twice; one that dies mid-poll leaves it to the others after
        ``CLAIM_HOLD``."""
        now = self.now()
        claimed = await self.store.feeds.claim_due(iso(now), iso(now + CLAIM_HOLD), feed_id=feed_id)
        due = [f for f in claimed if f.id not in self._polling]
        results = await asyncio.gather(*(self.poll(feed) for feed in due))
        return PollReport([r for r in results if r is not None])

    async def poll(self, feed: FeedRow) -> PollResult | None:
        """One poll of ``feed``; ``None`` when it is being polled already."""
        if feed.id in self._polling:
            return None
        self._polling.add(feed.id)
        try:
            return await self._poll(feed)
        except Exception as error:  # one broken feed must not stop the others
            log.exception("polling feed %s failed unexpectedly", feed.url)
            return await self._failed(feed, f"internal error: {type(error).__name__}: {error}")
        finally:
            self._polling.discard(feed.id)

    async def _poll(self, feed: FeedRow) -> PollResult:
        try:
            fetched = await self.fetcher.fetch(
                feed.url, kind="feed", etag=feed.etag, last_modified=feed.last_modified
            )
        except FetchError as error:
            return await self._failed(feed, error.message, stop=error.kind == "gone")
        result = PollResult(feed.id, ok=True, not_modified=fetched.not_modified)
        title = site = None
        if not fetched.not_modified:
            try:
                parsed = await self.pool.run(parse_feed, fetched.body, fetched.url)
            except FeedError as error:
                return await self._failed(feed, f"not a usable feed: {error}")
            title, site = parsed.title, parsed.link
            fresh = await self.store.feeds.add_entries(
                feed.id, (_new_entry(e) for e in parsed.entries), iso(self.now())
            )
            result.new_entries = len(fresh)
        await self._take_pending(feed if title is None else replace(feed, title=title), result)
        now = self.now()
        recovered = await self.store.feeds.record_success(
            feed.id,
            now=iso(now),
            next_poll_at=iso(now + timedelta(minutes=feed.interval_minutes)),
            etag=fetched.etag if not fetched.not_modified else fetched.etag or feed.etag,
            last_modified=fetched.last_modified or feed.last_modified,
            title=title,
            site_url=site,
        )
        if recovered:
            await self._tell(f"✅ Feed {feed.id} ({esc(title or feed.name)}) works again.")
        return result

    async def _take_pending(self, feed: FeedRow, result: PollResult) -> None:
        # One entry after the other: their pages are mostly on the feed's own site, which is
        # fetched one request at a time anyway, and so at most one page and one analysis per
        # feed are in memory while the store (one writer) catches up.
        for entry in await self.store.feeds.pending(feed.id):
            outcome = await self._take(feed, entry)
            if outcome == "new":
                result.stored += 1
            elif outcome == "duplicate":
                result.duplicates += 1
            elif outcome == "given_up":
                result.given_up += 1
            else:
                result.waiting += 1

    async def _take(self, feed: FeedRow, entry: FeedEntryRow) -> str:
        """Store one pending entry's article: ``new``, ``duplicate``, ``waiting``, ``given_up``."""
        feeds = self.store.feeds
        if entry.url:
            known = await self.store.articles.duplicate_of(urls=(entry.url,))
            if known is not None:
                await feeds.entry_stored(
                    feed.id, entry.key, known.key, now=iso(self.now()), new=False
                )
                return "duplicate"
        page, problem = await self._page(entry)
        if page is None and _words(entry.content) < ARTICLE_MIN_WORDS:
            give_up = self.now() - parse_iso(entry.first_seen) >= GIVE_UP_AFTER
            await feeds.entry_failed(
                feed.id,
                entry.key,
                error=problem or "no article",
                now=iso(self.now()),
                give_up=give_up,
            )
            return "given_up" if give_up else "waiting"
        try:
            intake = await self.intake.add_article(entry_article(feed, entry, page))
        except Exception as error:
            log.exception("storing entry %s of feed %s failed", entry.key, feed.url)
            await feeds.entry_failed(
                feed.id,
                entry.key,
                error=f"could not be stored: {error}",
                now=iso(self.now()),
                give_up=False,
            )
            return "waiting"
        await feeds.entry_stored(
            feed.id, entry.key, intake.article.key, now=iso(self.now()), new=intake.added
        )
        return "new" if intake.added else "duplicate"

    async def _page(self, entry: FeedEntryRow) -> tuple[PageArticle | None, str | None]:
        if not entry.url:
            return None, "the entry has no link"
        try:
            fetched = await self.fetcher.fetch(entry.url, kind="page")
            return await self.pool.run(extract_page, fetched.body, fetched.url), None
        except (FetchError, PageError) as error:
            return None, str(getattr(error, "message", error))

    async def _failed(self, feed: FeedRow, error: str, *, stop: bool = False) -> PollResult:
        now = self.now()
        failures = feed.error_count + 1
        row = await self.store.feeds.record_failure(
            feed.id,
            error=error,
            now=iso(now),
            next_poll_at=iso(now + backoff(feed, failures)),
            stop=stop,
        )
        log.warning("feed %s failed (%d in a row): %s", feed.url, failures, error)
        if (
            row is not None
            and not row.failure_notified
            and (stop or row.error_count >= FAILURES_BEFORE_NOTICE)
        ):
            await self.store.feeds.mark_failure_notified(feed.id)
            name = esc(feed.name)
            if stop:
                text = f"⛔ Feed {feed.id} ({name}) is gone (410) and is no longer polled."
            else:
                text = (
                    f"⚠️ Feed {feed.id} ({name}) is failing: {esc(error)}. Retrying with "
                    "back-off; you will hear when it works again."
                )
            await self._tell(text)
        return PollResult(feed.id, ok=False, error=error)

    async def _tell(self, text: str) -> None:
        if self.notify is not None:
            try:
                await self.notify(text)
            except Exception:
                log.exception("could not tell the admins: %s", text)
