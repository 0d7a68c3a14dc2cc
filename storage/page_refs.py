"""What a page button stands for when it does not fit Telegram's 64 bytes of callback data
(long search words): the text, kept under a number the button carries instead.

One row per text (the same words get the same number again), with the time a button last
carried it. In the store rather than in one process's memory, so that a button made by one
replica is answered by another, and after a restart. Rows nobody used for ``KEEP_DAYS`` go,
and past ``KEEP_AT_MOST`` the oldest numbers go: their buttons are answered as expired.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import aiosqlite

KEEP_DAYS = 30
KEEP_AT_MOST = 100_000


def forgotten_before(now: str) -> str:
    """The store time before which an unused reference is dropped."""
    return (datetime.fromisoformat(now) - timedelta(days=KEEP_DAYS)).isoformat(
        timespec="microseconds"
    )


class PageRefQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def keep(self, ref: str, now: str) -> int:
        """The number kept for ``ref`` (the one it had, if any), marked used ``now``; old
        references are dropped when a new one comes."""
        async with self._db.execute(
            "UPDATE page_refs SET used_at = max(used_at, ?) WHERE ref = ? RETURNING id",
            (now, ref),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            async with self._db.execute(
                "INSERT INTO page_refs (ref, used_at) VALUES (?, ?) "
                "ON CONFLICT (ref) DO UPDATE SET used_at = max(used_at, excluded.used_at) "
                "RETURNING id",
                (ref, now),
            ) as cursor:
                row = await cursor.fetchone()
            assert row is not None
            await self._db.execute(
                "DELETE FROM page_refs WHERE used_at < ? OR id <= ?",
                (forgotten_before(now), int(row[0]) - KEEP_AT_MOST),
            )
        await self._db.commit()
        return int(row[0])

    async def get(self, number: int) -> str | None:
        """The text behind ``number``; ``None`` once it was dropped (or never was)."""
        async with self._db.execute("SELECT ref FROM page_refs WHERE id = ?", (number,)) as cursor:
            row = await cursor.fetchone()
        return None if row is None else str(row[0])
