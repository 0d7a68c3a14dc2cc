"""Notices a user gets once, ever, on PostgreSQL (see ``storage.notices``)."""

from __future__ import annotations

import asyncpg

from storage.postgres.retry import affected


class PgNoticeQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def first_time(self, user_id: int, notice: str, now: str) -> bool:
        """Record that ``user_id`` gets ``notice``; ``False`` when they already had it (also
        when another replica recorded it a moment ago: the key decides)."""
        status = await self._pool.execute(
            "INSERT INTO user_notices (user_id, notice, sent_at) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING",
            user_id,
            notice,
            now,
        )
        return affected(status) == 1
