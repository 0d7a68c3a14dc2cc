"""Feeds and their entries: per-feed polling state (miniflux style) and what each entry became."""

from __future__ import annotations

from collections.abc import Iterable

import aiosqlite

from storage.feed_rows import ENTRY_COLUMNS, FEED_COLUMNS, feed_from_row, feed_number
from storage.feed_rows import NewEntry as NewEntry
from storage.rows import FeedEntryRow, FeedRow


class FeedQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def add(
        self, url: str, *, interval_minutes: int, added_by: int | None, now: str
    ) -> tuple[FeedRow, bool]:
        """The feed at ``url`` and whether it was added now (``False``: it was there).

        A stopped feed added again becomes active and is polled at once."""
        async with self._db.execute(
            """
            INSERT INTO feeds (url, interval_minutes, next_poll_at, added_by, added_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (url) DO NOTHING
            """,
            (url, interval_minutes, now, added_by, now),
        ) as cursor:
            added = cursor.rowcount > 0
        if not added:
            await self._db.execute(
                """
                UPDATE feeds SET status = 'active', next_poll_at = ?, error_count = 0,
                    failure_notified = 0
                WHERE url = ? AND status = 'stopped'
                """,
                (now, url),
            )
        await self._db.commit()
        found = await self.by_url(url)
        assert found is not None
        return found, added

    async def by_url(self, url: str) -> FeedRow | None:
        rows = await self._db.execute_fetchall(
            f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,)
        )
        return feed_from_row(rows[0]) if rows else None

    async def get(self, feed_id: int) -> FeedRow | None:
        rows = await self._db.execute_fetchall(
            f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)
        )
        return feed_from_row(rows[0]) if rows else None

    async def resolve(self, reference: str) -> FeedRow | None:
        """A feed by its number (``3``, ``#3``) or its url."""
        number = feed_number(reference)
        return await self.by_url(reference.strip()) if number is None else await self.get(number)

    async def remove(self, feed_id: int) -> bool:
        cursor = await self._db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        await self._db.commit()
        return cursor.rowcount > 0

    async def all(self) -> list[FeedRow]:
        rows = await self._db.execute_fetchall(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY id")
        return [feed_from_row(r) for r in rows]

    async def due(self, now: str, limit: int = 1000) -> list[FeedRow]:
        """Active feeds whose next poll time has come, the longest waiting first."""
        rows = await self._db.execute_fetchall(
            f"""
            SELECT {FEED_COLUMNS} FROM feeds
            WHERE status = 'active' AND next_poll_at <= ?
            ORDER BY next_poll_at, id LIMIT ?
            """,
            (now, limit),
        )
        return [feed_from_row(r) for r in rows]

    async def claim_due(
        self, now: str, hold_until: str, *, feed_id: int | None = None, limit: int = 1000
    ) -> list[FeedRow]:
        """Take the due feeds (or the one ``feed_id`` when it is due) for polling: their next
        poll moves to ``hold_until`` in the same statement, so a feed is taken by one poller
        — one process, or one of several sharing the store — until its poll records the real
        next time (or, if that poller died, until ``hold_until``)."""
        only = "AND id = ?" if feed_id is not None else ""
        params = (now, feed_id, limit) if feed_id is not None else (now, limit)
        async with self._db.execute(
            f"""
            UPDATE feeds SET next_poll_at = ?
            WHERE id IN (
                SELECT id FROM feeds WHERE status = 'active' AND next_poll_at <= ? {only}
                ORDER BY next_poll_at, id LIMIT ?
            )
            RETURNING {FEED_COLUMNS}
            """,
            (hold_until, *params),
        ) as cursor:
            rows = await cursor.fetchall()
        await self._db.commit()
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
        rows = await self._db.execute_fetchall(
            "SELECT failure_notified FROM feeds WHERE id = ?", (feed_id,)
        )
        was_reported = bool(rows and rows[0][0])
        await self._db.execute(
            """
            UPDATE feeds SET
                etag = ?, last_modified = ?, title = coalesce(?, title),
                site_url = coalesce(?, site_url), last_polled_at = ?, last_success_at = ?,
                next_poll_at = ?, error_count = 0, failure_notified = 0
            WHERE id = ?
            """,
            (etag, last_modified, title, site_url, now, now, next_poll_at, feed_id),
        )
        await self._db.commit()
        return was_reported

    async def record_failure(
        self, feed_id: int, *, error: str, now: str, next_poll_at: str, stop: bool = False
    ) -> FeedRow | None:
        """Record a failed poll (the error count grows); ``stop`` ends polling (410 Gone)."""
        await self._db.execute(
            """
            UPDATE feeds SET
                last_error = ?, last_error_at = ?, last_polled_at = ?, next_poll_at = ?,
                error_count = error_count + 1,
                status = CASE WHEN ? THEN 'stopped' ELSE status END
            WHERE id = ?
            """,
            (error, now, now, next_poll_at, stop, feed_id),
        )
        await self._db.commit()
        return await self.get(feed_id)

    async def mark_failure_notified(self, feed_id: int) -> None:
        await self._db.execute("UPDATE feeds SET failure_notified = 1 WHERE id = ?", (feed_id,))
        await self._db.commit()

    async def add_entries(self, feed_id: int, entries: Iterable[NewEntry], now: str) -> list[str]:
        """Record entries not seen before as pending; returns the keys that were new."""
        fresh: list[str] = []
        for entry in entries:
            async with self._db.execute(
                f"""
                INSERT INTO feed_entries ({ENTRY_COLUMNS}, state)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'pending')
                ON CONFLICT (feed_id, entry_key) DO NOTHING
                """,
                (feed_id, entry.key, entry.url, entry.title, entry.published, entry.content, now),
            ) as cursor:
                if cursor.rowcount > 0:
                    fresh.append(entry.key)
        await self._db.commit()
        return fresh

    async def pending(self, feed_id: int, limit: int = 200) -> list[FeedEntryRow]:
        rows = await self._db.execute_fetchall(
            f"""
            SELECT {ENTRY_COLUMNS} FROM feed_entries
            WHERE feed_id = ? AND state = 'pending' ORDER BY first_seen, entry_key LIMIT ?
            """,
            (feed_id, limit),
        )
        return [FeedEntryRow(*r) for r in rows]  # type: ignore[arg-type]

    async def entry_stored(
        self, feed_id: int, key: str, article_key: int, *, now: str, new: bool
    ) -> None:
        """The entry is in the store as ``article_key``; ``new`` counts it as taken."""
        await self._db.execute(
            """
            UPDATE feed_entries SET state = 'stored', article_key = ?, attempts = attempts + 1,
                last_attempt_at = ?, error = NULL
            WHERE feed_id = ? AND entry_key = ?
            """,
            (article_key, now, feed_id, key),
        )
        if new:
            await self._db.execute(
                "UPDATE feeds SET articles_taken = articles_taken + 1 WHERE id = ?", (feed_id,)
            )
        await self._db.commit()

    async def entry_failed(
        self, feed_id: int, key: str, *, error: str, now: str, give_up: bool
    ) -> None:
        await self._db.execute(
            """
            UPDATE feed_entries SET attempts = attempts + 1, last_attempt_at = ?, error = ?,
                state = CASE WHEN ? THEN 'given_up' ELSE state END
            WHERE feed_id = ? AND entry_key = ?
            """,
            (now, error, give_up, feed_id, key),
        )
        await self._db.commit()

    async def entry_counts(self, feed_id: int) -> dict[str, int]:
        rows = await self._db.execute_fetchall(
            "SELECT state, count(*) FROM feed_entries WHERE feed_id = ? GROUP BY state",
            (feed_id,),
        )
        return {str(state): int(count) for state, count in rows}
