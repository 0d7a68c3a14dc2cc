"""Who may use the bot: users and chats that admins allowed at run time."""

from __future__ import annotations

import aiosqlite

from storage.member_rules import MemberKind as MemberKind
from storage.member_rules import MemberRole as MemberRole
from storage.member_rules import allow_changed, check_role
from storage.rows import Member


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
        role: MemberRole | None = None,
    ) -> bool:
        """Add a member; ``False`` when it was already there with that role (its label is
        refreshed). ``role=None`` makes a new member a reader and keeps an existing one's role;
        an editor is always a user."""
        check_role(kind, role)
        async with self._db.execute(
            "SELECT role FROM members WHERE kind = ? AND telegram_id = ?", (kind, telegram_id)
        ) as cursor:
            existing = await cursor.fetchone()
        await self._db.execute(
            """
            INSERT INTO members (kind, telegram_id, label, added_by, added_at, role)
            VALUES (?, ?, ?, ?, ?, coalesce(?, 'reader'))
            ON CONFLICT (kind, telegram_id) DO UPDATE SET
                label = coalesce(excluded.label, label),
                role = coalesce(?, role)
            """,
            (kind, telegram_id, label, added_by, now, role, role),
        )
        await self._db.commit()
        return allow_changed(existing[0] if existing else None, role)

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

    async def is_editor(self, user_id: int) -> bool:
        rows = await self._db.execute_fetchall(
            "SELECT 1 FROM members WHERE kind = 'user' AND telegram_id = ? AND role = 'editor'",
            (user_id,),
        )
        return bool(rows)

    async def all(self) -> list[Member]:
        async with self._db.execute(
            "SELECT kind, telegram_id, label, added_by, added_at, role FROM members "
            "ORDER BY kind, role DESC, added_at"
        ) as cursor:
            return [Member(*r) for r in await cursor.fetchall()]
