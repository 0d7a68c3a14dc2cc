"""Who may use the bot, on PostgreSQL: users and chats that admins allowed at run time."""

from __future__ import annotations

import asyncpg

from storage.member_rules import MemberKind, MemberRole, allow_changed, check_role
from storage.postgres.retry import affected
from storage.rows import Member


class PgMemberQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

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
        async with self._pool.acquire() as db, db.transaction():
            existing = await db.fetchval(
                "SELECT role FROM members WHERE kind = $1 AND telegram_id = $2 FOR UPDATE",
                kind,
                telegram_id,
            )
            await db.execute(
                """
                INSERT INTO members (kind, telegram_id, label, added_by, added_at, role)
                VALUES ($1, $2, $3, $4, $5, coalesce($6::text, 'reader'))
                ON CONFLICT (kind, telegram_id) DO UPDATE SET
                    label = coalesce(excluded.label, members.label),
                    role = coalesce($6::text, members.role)
                """,
                kind,
                telegram_id,
                label,
                added_by,
                now,
                role,
            )
        return allow_changed(existing, role)

    async def deny(self, kind: MemberKind, telegram_id: int) -> bool:
        """Remove a member; ``False`` when there was none."""
        status = await self._pool.execute(
            "DELETE FROM members WHERE kind = $1 AND telegram_id = $2", kind, telegram_id
        )
        return affected(status) > 0

    async def contains(self, kind: MemberKind, telegram_id: int) -> bool:
        found = await self._pool.fetchval(
            "SELECT 1 FROM members WHERE kind = $1 AND telegram_id = $2", kind, telegram_id
        )
        return found is not None

    async def is_editor(self, user_id: int) -> bool:
        found = await self._pool.fetchval(
            "SELECT 1 FROM members WHERE kind = 'user' AND telegram_id = $1 AND role = 'editor'",
            user_id,
        )
        return found is not None

    async def all(self) -> list[Member]:
        rows = await self._pool.fetch(
            "SELECT kind, telegram_id, label, added_by, added_at, role FROM members "
            "ORDER BY kind, role DESC, added_at"
        )
        return [Member(*r) for r in rows]
