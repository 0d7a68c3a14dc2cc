"""Who may use the bot: users and chats that admins allowed at run time."""

from __future__ import annotations

from typing import Literal

import aiosqlite

from storage.rows import Member

MemberKind = Literal["user", "chat"]


class MemberQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def allow(
        self,
        kind: MemberKind,
        telegram_id: int,
        *,
        label: str | None,
        added_by: int | None,
        now: str,
    ) -> bool:
        """Add a member; ``False`` when it was already there (its label is refreshed)."""
        async with self._db.execute(
            "SELECT 1 FROM members WHERE kind = ? AND telegram_id = ?", (kind, telegram_id)
        ) as cursor:
            existed = await cursor.fetchone() is not None
        await self._db.execute(
            """
            INSERT INTO members (kind, telegram_id, label, added_by, added_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, telegram_id) DO UPDATE SET label = coalesce(excluded.label, label)
            """,
            (kind, telegram_id, label, added_by, now),
        )
        await self._db.commit()
        return not existed

    async def deny(self, kind: MemberKind, telegram_id: int) -> bool:
        """Remove a member; ``False`` when there was none."""
        cursor = await self._db.execute(
            "DELETE FROM members WHERE kind = ? AND telegram_id = ?", (kind, telegram_id)
        )
        await self._db.commit()
        return cursor.rowcount > 0

    async def contains(self, kind: MemberKind, telegram_id: int) -> bool:
        # One round trip to the database thread: the bot asks this for every update.
        rows = await self._db.execute_fetchall(
            "SELECT 1 FROM members WHERE kind = ? AND telegram_id = ?", (kind, telegram_id)
        )
        return bool(rows)

    async def all(self) -> list[Member]:
        async with self._db.execute(
            "SELECT kind, telegram_id, label, added_by, added_at FROM members "
            "ORDER BY kind, added_at"
        ) as cursor:
            return [Member(*r) for r in await cursor.fetchall()]
