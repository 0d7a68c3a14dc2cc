"""Feeds and their entries on PostgreSQL (see ``storage.feeds``)."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from storage.feed_rows import ENTRY_COLUMNS, FEED_COLUMNS, NewEntry, feed_from_row, feed_number
from storage.postgres.retry import affected
from storage.postgres.values import pg_text
from storage.rows import FeedEntryRow, FeedRow


class PgFeedQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(
        self, url: str, *, interval_minutes: int, added_by: int | None, now: str
    ) -> tuple[FeedRow, bool]:
        """The feed at ``url`` and whether it was added now (``False``: it was there).

        A stopped feed added again becomes active and is polled at once."""
        async with self._pool.acquire() as db, db.transaction():
            status = await db.execute(
                """
                INSERT INTO feeds (url, interval_minutes, next_poll_at, added_by, added_at)
                VALUES ($1, $2, $3, $4, $3)
                ON CONFLICT (url) DO NOTHING
                """,
                url,
                interval_minutes,
                now,
                added_by,
            )
            added = affected(status) > 0
            if not added:
                await db.execute(
                    """
                    UPDATE feeds SET status = 'active', next_poll_at = $1, error_count = 0,
                        failure_notified = 0
                    WHERE url = $2 AND status = 'stopped'
                    """,
                    now,
                    url,
                )
        found = await self.by_url(url)
        assert found is not None
        return found, added

    async def _one(self, where: str, value: object) -> FeedRow | None:
        row = await self._pool.fetchrow(f"SELECT {FEED_COLUMNS} FROM feeds WHERE {where}", value)
        return feed_from_row(row) if row else None

    async def by_url(self, url: str) -> FeedRow | None:
        return await self._one("url = $1", pg_text(url))

    async def get(self, feed_id: int) -> FeedRow | None:
        return await self._one("id = $1", feed_id)

    async def resolve(self, reference: str) -> FeedRow | None:
        """A feed by its number (``3``, ``#3``) or its url."""
        number = feed_number(reference)
        return await self.by_url(reference.strip()) if number is None else await self.get(number)

    async def remove(self, feed_id: int) -> bool:
        return affected(await self._pool.execute("DELETE FROM feeds WHERE id = $1", feed_id)) > 0

    async def all(self) -> list[FeedRow]:
        rows = await self._pool.fetch(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY id")
        return [feed_from_row(r) for r in rows]

    async def due(self, now: str, limit: int = 1000) -> list[FeedRow]:
        """Active feeds whose next poll time has come, the longest waiting first."""
        rows = await self._pool.fetch(
            f"""
            SELECT {FEED_COLUMNS} FROM feeds
            WHERE status = 'active' AND next_poll_at <= $1
            ORDER BY next_poll_at, id LIMIT $2
            """,
            now,
            limit,
        )
        return [feed_from_row(r) for r in rows]

    async def claim_due(
        self, now: str, hold_until: str, *, feed_id: int | None = None, limit: int = 1000
    ) -> list[FeedRow]:
        """As on SQLite: due feeds taken for polling by moving their next poll to
        ``hold_until``; rows another replica is taking right now are skipped."""
        only = "AND id = $4" if feed_id is not None else ""
        params = (
            (hold_until, now, limit, feed_id) if feed_id is not None else (hold_until, now, limit)
        )
        rows = await self._pool.fetch(
            f"""
            UPDATE feeds SET next_poll_at = $1
            WHERE id IN (
                SELECT id FROM feeds WHERE status = 'active' AND next_poll_at <= $2 {only}
                ORDER BY next_poll_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
            )
            RETURNING {FEED_COLUMNS}
            """,
            *params,
        )
        return sorted((feed_from_row(r) for r in rows), key=lambda f: f.id)

    async def record_success(
        self,
        feed_id: int,
        *,
        now: str,
        next_poll_at: str,
        etag: str | None,
        last_modified: str | None,
        title: str | None = None,
        site_url: str | None = None,
    ) -> bool:
        """Record a poll that worked; ``True`` when the feed had been reported failing."""
        was_reported = await self._pool.fetchval(
            """
            UPDATE feeds f SET
                etag = $1, last_modified = $2, title = coalesce($3, f.title),
                site_url = coalesce($4, f.site_url), last_polled_at = $5, last_success_at = $5,
                next_poll_at = $6, error_count = 0, failure_notified = 0
            FROM (SELECT failure_notified FROM feeds WHERE id = $7 FOR UPDATE) before
            WHERE f.id = $7
            RETURNING before.failure_notified
            """,
            etag,
            last_modified,
            title,
            site_url,
            now,
            next_poll_at,
            feed_id,
        )
        return bool(was_reported)

    async def record_failure(
        self, feed_id: int, *, error: str, now: str, next_poll_at: str, stop: bool = False
    ) -> FeedRow | None:
        """Record a failed poll (the error count grows); ``stop`` ends polling (410 Gone)."""
        await self._pool.execute(
            """
            UPDATE feeds SET
                last_error = $1, last_error_at = $2, last_polled_at = $2, next_poll_at = $3,
                error_count = error_count + 1,
                status = CASE WHEN $4::boolean THEN 'stopped' ELSE status END
            WHERE id = $5
            """,
            error,
            now,
            next_poll_at,
            stop,
            feed_id,
        )
        return await self.get(feed_id)

    async def mark_failure_notified(self, feed_id: int) -> None:
        await self._pool.execute("UPDATE feeds SET failure_notified = 1 WHERE id = $1", feed_id)

    async def add_entries(self, feed_id: int, entries: Iterable[NewEntry], now: str) -> list[str]:
        """Record entries not seen before as pending; returns the keys that were new."""
        fresh: list[str] = []
        async with self._pool.acquire() as db, db.transaction():
            for entry in entries:
                status = await db.execute(
                    f"""
                    INSERT INTO feed_entries ({ENTRY_COLUMNS}, state)
                    VALUES ($1, $2, $3, $4, $5, $6, 0, $7, 'pending')
                    ON CONFLICT (feed_id, entry_key) DO NOTHING
                    """,
                    feed_id,
                    entry.key,
                    entry.url,
                    entry.title,
                    entry.published,
                    entry.content,
                    now,
                )
                if affected(status) > 0:
                    fresh.append(entry.key)
        return fresh

    async def pending(self, feed_id: int, limit: int = 200) -> list[FeedEntryRow]:
        rows = await self._pool.fetch(
            f"""
            SELECT {ENTRY_COLUMNS} FROM feed_entries
            WHERE feed_id = $1 AND state = 'pending' ORDER BY first_seen, entry_key LIMIT $2
            """,
            feed_id,
            limit,
        )
        return [FeedEntryRow(*r) for r in rows]

    async def entry_stored(
        self, feed_id: int, key: str, article_key: int, *, now: str, new: bool
    ) -> None:
        """The entry is in the store as ``article_key``; ``new`` counts it as taken."""
        async with self._pool.acquire() as db, db.transaction():
            await db.execute(
                """
                UPDATE feed_entries SET state = 'stored', article_key = $1,
                    attempts = attempts + 1, last_attempt_at = $2, error = NULL
                WHERE feed_id = $3 AND entry_key = $4
                """,
                article_key,
                now,
                feed_id,
                key,
            )
            if new:
                await db.execute(
                    "UPDATE feeds SET articles_taken = articles_taken + 1 WHERE id = $1", feed_id
                )

    async def entry_failed(
        self, feed_id: int, key: str, *, error: str, now: str, give_up: bool
    ) -> None:
        await self._pool.execute(
            """
            UPDATE feed_entries SET attempts = attempts + 1, last_attempt_at = $1, error = $2,
                state = CASE WHEN $3::boolean THEN 'given_up' ELSE state END
            WHERE feed_id = $4 AND entry_key = $5
            """,
            now,
            error,
            give_up,
            feed_id,
            key,
        )

    async def entry_counts(self, feed_id: int) -> dict[str, int]:
        rows = await self._pool.fetch(
            "SELECT state, count(*) FROM feed_entries WHERE feed_id = $1 GROUP BY state", feed_id
        )
        return {str(state): int(count) for state, count in rows}
