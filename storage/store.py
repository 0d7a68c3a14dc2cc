"""The article store on SQLite: one file (WAL) through aiosqlite. All SQL lives in this package;
the PostgreSQL backend beside it is ``storage.postgres`` (``storage.backends.open_store``)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import aiosqlite

from ingest.model import Analysis
from storage.articles import ArticleQueries
from storage.export import ExportQueries
from storage.feeds import FeedQueries
from storage.members import MemberQueries
from storage.migrations import migrate
from storage.notices import NoticeQueries
from storage.page_refs import PageRefQueries
from storage.paste_parts import PastePartQueries
from storage.people import PeopleQueries
from storage.quotes import QuoteQueries
from storage.rows import ArticleInput, IngestOutcome, StoreStats
from storage.send_budget import SendBudgetQueries
from storage.store_lifecycle import Clock as Clock
from storage.store_lifecycle import StoreLifecycle
from storage.store_lifecycle import utc_now as utc_now
from storage.subscriptions import SubscriptionQueries
from storage.watches import WatchQueries
from storage.writer import write_article

T = TypeVar("T")


class Store(StoreLifecycle):
    """Open with ``await Store.open(path)``; close with ``close()`` or ``async with``."""

    def __init__(self, db: aiosqlite.Connection, path: str, clock: Clock = utc_now) -> None:
        self.db = db
        self.path = path
        self.shared = False  # one bot process per SQLite file (the CLI may write too)
        self.clock = clock
        self.articles = ArticleQueries(db)
        self.quotes = QuoteQueries(db)
        self.people = PeopleQueries(db)
        self.members = MemberQueries(db)
        self.feeds = FeedQueries(db)
        self.subscriptions = SubscriptionQueries(db)
        self.notices = NoticeQueries(db)
        self.watches = WatchQueries(db)
        self.export = ExportQueries(db)
        self.send_budget = SendBudgetQueries(db)
        self.page_refs = PageRefQueries(db)
        self.paste_parts = PastePartQueries(db)

    @classmethod
    async def open(cls, path: str | os.PathLike[str], clock: Clock = utc_now) -> Store:
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(path, isolation_level=None)
        try:
            await db.execute("PRAGMA journal_mode = WAL")
            await db.execute("PRAGMA synchronous = NORMAL")
            await db.execute("PRAGMA foreign_keys = ON")
            await db.execute("PRAGMA busy_timeout = 5000")
            await migrate(db)
        except BaseException:
            await db.close()
            raise
        return cls(db, path, clock)

    async def close(self) -> None:
        await self.db.close()

    async def save(
        self,
        article: ArticleInput,
        analysis: Analysis,
        summaries: dict[str, Sequence[str]],
    ) -> IngestOutcome:
        """Store one analysed article atomically: all of it or, on any error, none of it."""
        now = self.now()

        def write(connection: sqlite3.Connection) -> IngestOutcome:
            connection.execute("BEGIN IMMEDIATE")
            try:
                outcome = write_article(connection, article, analysis, summaries, now)
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
            return outcome

        return await self._in_db_thread(write)

    async def _in_db_thread(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` on aiosqlite's worker thread with its sqlite3 connection.

        An article write is some 30 statements; issuing them one await at a time costs a
        thread round trip each, a third of ingest time. aiosqlite (pinned in pyproject.toml)
        runs every call on one worker thread; ``_execute`` hands it a whole function, which
        keeps the single-writer discipline while paying for one round trip.
        """
        return await self.db._execute(lambda: work(self.db._conn))

    async def stats(self) -> StoreStats:
        from ingest.pipeline import ANALYZER_VERSION

        async with self.db.execute(
            """
            SELECT
                (SELECT count(*) FROM articles),
                (SELECT count(*) FROM quotes WHERE kind != 'reported'),
                (SELECT count(*) FROM quotes WHERE kind = 'reported'),
                (SELECT count(*) FROM people),
                (SELECT count(*) FROM articles WHERE analyzer_version < ?)
            """,
            (ANALYZER_VERSION,),
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        size = 0
        if self.path != ":memory:":
            for suffix in ("", "-wal", "-shm"):
                candidate = Path(self.path + suffix)
                if candidate.exists():
                    size += candidate.stat().st_size
        return StoreStats(self.path, size, *(int(v) for v in row))
