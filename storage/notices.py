"""Notices a user gets once, ever ("only editors can add articles"): who was told what, when."""

from __future__ import annotations

import aiosqlite


class NoticeQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def first_time(self, user_id: int, notice: str, now: str) -> bool:
        """Record that ``user_id`` gets ``notice``; ``False`` when they already had it."""
        cursor = await self._db.execute(
            "INSERT OR IGNORE INTO user_notices (user_id, notice, sent_at) VALUES (?, ?, ?)",
            (user_id, notice, now),
        )
        await self._db.commit()
        return cursor.rowcount == 1
