"""What a page button stands for when it does not fit its callback data, on PostgreSQL
(see ``storage.page_refs``): every replica reads the same rows."""

from __future__ import annotations

import asyncpg

from storage.page_refs import KEEP_AT_MOST, forgotten_before


class PgPageRefQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def keep(self, ref: str, now: str) -> int:
        """The number kept for ``ref`` (the one it had, if any), marked used ``now``; old
        references are dropped when a new one comes. Two replicas keeping the same text at
        once get the same number (the unique text decides)."""
        # A known text is updated first: an upsert would draw (and waste) a new number from
        # the sequence every time, and the numbers count towards KEEP_AT_MOST.
        number = await self._pool.fetchval(
            "UPDATE page_refs SET used_at = greatest(used_at, $2) WHERE ref = $1 RETURNING id",
            ref,
            now,
        )
        if number is not None:
            return int(number)
        number = await self._pool.fetchval(
            "INSERT INTO page_refs AS r (ref, used_at) VALUES ($1, $2) "
            "ON CONFLICT (ref) DO UPDATE SET used_at = greatest(r.used_at, excluded.used_at) "
            "RETURNING id",
            ref,
            now,
        )
        await self._pool.execute(
            "DELETE FROM page_refs WHERE used_at < $1 OR id <= $2",
            forgotten_before(now),
            number - KEEP_AT_MOST,
        )
        return int(number)

    async def get(self, number: int) -> str | None:
        """The text behind ``number``; ``None`` once it was dropped (or never was)."""
        ref = await self._pool.fetchval("SELECT ref FROM page_refs WHERE id = $1", number)
        return None if ref is None else str(ref)
