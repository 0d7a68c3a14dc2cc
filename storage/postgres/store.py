"""The article store on PostgreSQL through an asyncpg connection pool.

Several processes may share one database: migrations run once under an advisory lock, an
article is written in one transaction that is run again after a deadlock or serialization
failure (``storage.postgres.retry``), and every uniqueness the SQLite store keeps by being
the only writer is a unique key here.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from ingest.model import Analysis
from storage.postgres.articles import PgArticleQueries
from storage.postgres.export import PgExportQueries
from storage.postgres.feeds import PgFeedQueries
from storage.postgres.members import PgMemberQueries
from storage.postgres.migrations import migrate
from storage.postgres.notices import PgNoticeQueries
from storage.postgres.page_refs import PgPageRefQueries
from storage.postgres.paste_parts import PgPastePartQueries
from storage.postgres.people import PgPeopleQueries
from storage.postgres.quotes import PgQuoteQueries
from storage.postgres.retry import with_retry
from storage.postgres.send_budget import PgSendBudgetQueries
from storage.postgres.subscriptions import PgSubscriptionQueries
from storage.postgres.watches import PgWatchQueries
from storage.postgres.writer import write_article
from storage.rows import ArticleInput, IngestOutcome, StoreStats
from storage.store_lifecycle import Clock, StoreLifecycle, utc_now

POOL_SIZE = 10


def redacted(url: str) -> str:
    """The url without its password, for logs and ``stats``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=user + host))


class PgStore(StoreLifecycle):
    """Open with ``await PgStore.open(url)``; close with ``close()`` or ``async with``."""

    def __init__(self, pool: asyncpg.Pool, url: str, clock: Clock = utc_now) -> None:
        self.pool = pool
        self.path = redacted(url)
        self.shared = True  # replicas share it
        self.clock = clock
        self.articles = PgArticleQueries(pool)
        self.quotes = PgQuoteQueries(pool)
        self.people = PgPeopleQueries(pool)
        self.members = PgMemberQueries(pool)
        self.feeds = PgFeedQueries(pool)
        self.subscriptions = PgSubscriptionQueries(pool)
        self.notices = PgNoticeQueries(pool)
        self.watches = PgWatchQueries(pool)
        self.export = PgExportQueries(pool)
        self.send_budget = PgSendBudgetQueries(pool)
        self.page_refs = PgPageRefQueries(pool)
        self.paste_parts = PgPastePartQueries(pool)

    @classmethod
    async def open(cls, url: str, clock: Clock = utc_now, *, pool_size: int = POOL_SIZE) -> PgStore:
        pool = await asyncpg.create_pool(
            url,
            min_size=1,
            max_size=pool_size,
            server_settings={"application_name": "newsroom-bot"},
        )
        assert pool is not None
        try:
            async with pool.acquire() as connection:
                await migrate(connection)
        except BaseException:
            await pool.close()
            raise
        return cls(pool, url, clock)

    async def close(self) -> None:
        await self.pool.close()

    async def save(
        self,
        article: ArticleInput,
        analysis: Analysis,
        summaries: dict[str, Sequence[str]],
    ) -> IngestOutcome:
        """Store one analysed article atomically: all of it or, on any error, none of it."""
        now = self.now()

        async def attempt() -> IngestOutcome:
            async with self.pool.acquire() as connection, connection.transaction():
                return await write_article(connection, article, analysis, summaries, now)

        return await with_retry(attempt)

    async def stats(self) -> StoreStats:
        from ingest.pipeline import ANALYZER_VERSION

        row = await self.pool.fetchrow(
            """
            SELECT
                (SELECT count(*) FROM articles),
                (SELECT count(*) FROM quotes WHERE kind <> 'reported'),
                (SELECT count(*) FROM quotes WHERE kind = 'reported'),
                (SELECT count(*) FROM people),
                (SELECT count(*) FROM articles WHERE analyzer_version < $1),
                pg_database_size(current_database())
            """,
            ANALYZER_VERSION,
        )
        assert row is not None
        *counts, size = (int(v) for v in row)
        return StoreStats(self.path, size, *counts)
