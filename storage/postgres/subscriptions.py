"""Digest subscriptions and their delivery records on PostgreSQL (see
``storage.subscriptions``). The ``digest_runs_sent`` trigger moves a chat's watermark in the
statement that marks its run sent, as on SQLite."""

from __future__ import annotations

import json
from collections.abc import Sequence

import asyncpg

from storage.postgres.digest_articles import PgDigestArticles
from storage.postgres.retry import affected
from storage.subscription_rows import (
    DEFAULT_MAX_ITEMS,
    RUN_COLUMNS,
    SUBSCRIPTION_COLUMNS,
    DigestRun,
    Subscription,
    run_from_row,
    setting_values,
    subscription_from_row,
)


class PgSubscriptionQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.articles = PgDigestArticles(pool)

    # Subscriptions ----------------------------------------------------------------------
    async def get(self, chat_id: int) -> Subscription | None:
        row = await self._pool.fetchrow(
            f"SELECT {SUBSCRIPTION_COLUMNS} FROM digest_subscriptions WHERE chat_id = $1",
            chat_id,
        )
        return subscription_from_row(row) if row else None

    async def all(self, status: str | None = None) -> list[Subscription]:
        rows = await self._pool.fetch(
            f"SELECT {SUBSCRIPTION_COLUMNS} FROM digest_subscriptions "
            "WHERE $1::text IS NULL OR status = $1 ORDER BY chat_id",
            status,
        )
        return [subscription_from_row(r) for r in rows]

    async def active(self) -> list[Subscription]:
        return await self.all("active")

    async def subscribe(
        self,
        chat_id: int,
        *,
        chat_kind: str,
        chat_title: str | None,
        time: str,
        timezone: str,
        created_by: int | None,
        watermark: str,
        now: str,
    ) -> tuple[Subscription, bool]:
        """Create a subscription, or update the time and zone of an existing one (and resume
        it when paused); ``True`` when it is new. A new one starts at ``watermark``."""
        created = await self._pool.fetchval(
            """
            INSERT INTO digest_subscriptions AS s (
                chat_id, chat_kind, chat_title, time, timezone, days, max_items,
                watermark, created_by, created_at, updated_at
            ) VALUES ($1, $2, $3, $4, $5, 'daily', $6, $7, $8, $9, $9)
            ON CONFLICT (chat_id) DO UPDATE SET
                chat_kind = excluded.chat_kind,
                chat_title = coalesce(excluded.chat_title, s.chat_title),
                time = excluded.time,
                timezone = excluded.timezone,
                status = 'active',
                paused_reason = NULL,
                updated_at = excluded.updated_at
            RETURNING xmax = 0
            """,
            chat_id,
            chat_kind,
            chat_title,
            time,
            timezone,
            DEFAULT_MAX_ITEMS,
            watermark,
            created_by,
            now,
        )
        found = await self.get(chat_id)
        assert found is not None
        return found, bool(created)

    async def update(self, chat_id: int, now: str, **settings: object) -> Subscription | None:
        """Change settings (``time``, ``timezone``, ``days``, ``max_items``, ``include``,
        ``exclude``, ``post_empty``); ``None`` when the chat has no subscription."""
        values = setting_values(settings)
        if values:
            assignments = ", ".join(
                f"{column} = ${n}" for n, (column, _) in enumerate(values, start=1)
            )
            n = len(values)
            await self._pool.execute(
                f"UPDATE digest_subscriptions SET {assignments}, updated_at = ${n + 1} "
                f"WHERE chat_id = ${n + 2}",
                *(value for _, value in values),
                now,
                chat_id,
            )
        return await self.get(chat_id)

    async def unsubscribe(self, chat_id: int) -> bool:
        status = await self._pool.execute(
            "DELETE FROM digest_subscriptions WHERE chat_id = $1", chat_id
        )
        return affected(status) > 0

    async def pause(self, chat_id: int, reason: str, now: str) -> bool:
        """Stop delivering to a chat until someone subscribes it again."""
        status = await self._pool.execute(
            "UPDATE digest_subscriptions SET status = 'paused', paused_reason = $1, "
            "updated_at = $2 WHERE chat_id = $3 AND status = 'active'",
            reason,
            now,
            chat_id,
        )
        return affected(status) > 0

    async def move_chat(self, old_chat_id: int, new_chat_id: int, now: str) -> bool:
        """A group became a supergroup with a new id: keep its subscription and records."""
        if await self.get(new_chat_id) is not None:
            return False
        status = await self._pool.execute(
            "UPDATE digest_subscriptions SET chat_id = $1, chat_kind = 'supergroup', "
            "updated_at = $2 WHERE chat_id = $3",
            new_chat_id,
            now,
            old_chat_id,
        )
        return affected(status) > 0

    # Runs -------------------------------------------------------------------------------
    async def run(self, chat_id: int, due_at: str) -> DigestRun | None:
        row = await self._pool.fetchrow(
            f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE chat_id = $1 AND due_at = $2",
            chat_id,
            due_at,
        )
        return run_from_row(row) if row else None

    async def runs(self, chat_id: int) -> list[DigestRun]:
        rows = await self._pool.fetch(
            f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE chat_id = $1 ORDER BY due_at",
            chat_id,
        )
        return [run_from_row(r) for r in rows]

    async def pending(self) -> list[DigestRun]:
        """Runs claimed and not (yet) marked sent, oldest first."""
        rows = await self._pool.fetch(
            f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE state = 'pending' "
            "ORDER BY due_at, chat_id"
        )
        return [run_from_row(r) for r in rows]

    async def claim(
        self,
        chat_id: int,
        due_at: str,
        *,
        since: str,
        until: str,
        parts: Sequence[str],
        items: int,
        now: str,
    ) -> tuple[DigestRun, bool]:
        """Record the slot as ``pending`` with the parts to send; ``True`` when this call
        claimed it, ``False`` when the slot already had a run (which is returned as is).
        The slot's primary key makes the claim hold across processes."""
        status = await self._pool.execute(
            """
            INSERT INTO digest_runs (chat_id, due_at, state, since, until, parts, items,
                                     claimed_at)
            VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7)
            ON CONFLICT (chat_id, due_at) DO NOTHING
            """,
            chat_id,
            due_at,
            since,
            until,
            json.dumps(list(parts), ensure_ascii=False),
            items,
            now,
        )
        found = await self.run(chat_id, due_at)
        assert found is not None
        return found, affected(status) > 0

    async def part_sent(self, chat_id: int, due_at: str, sent_parts: int) -> None:
        await self._pool.execute(
            "UPDATE digest_runs SET sent_parts = greatest(sent_parts, $1), error = NULL "
            "WHERE chat_id = $2 AND due_at = $3",
            sent_parts,
            chat_id,
            due_at,
        )

    async def take(
        self, chat_id: int, due_at: str, *, owner: str, now: str, until: str
    ) -> DigestRun | None:
        """Lease a pending run to ``owner`` until ``until`` (or extend its lease) so that one
        process of the deployment sends it; ``None`` when it is not pending or another
        owner's lease runs. The row lock of the update makes two takers meet in turn."""
        row = await self._pool.fetchrow(
            f"""
            UPDATE digest_runs SET owner = $1, lease_until = $2
            WHERE chat_id = $3 AND due_at = $4 AND state = 'pending'
            AND (owner IS NULL OR owner = $1 OR lease_until <= $5)
            RETURNING {RUN_COLUMNS}
            """,
            owner,
            until,
            chat_id,
            due_at,
            now,
        )
        return run_from_row(row) if row else None

    async def release(self, chat_id: int, due_at: str, owner: str) -> None:
        """End ``owner``'s lease: the run may be taken again at once (by a retry)."""
        await self._pool.execute(
            "UPDATE digest_runs SET owner = NULL, lease_until = NULL "
            "WHERE chat_id = $1 AND due_at = $2 AND owner = $3",
            chat_id,
            due_at,
            owner,
        )

    async def mark_sent(self, chat_id: int, due_at: str, now: str) -> bool:
        """Mark a run delivered; the ``digest_runs_sent`` trigger moves the watermark in the
        same statement. ``False`` when it was not pending."""
        status = await self._pool.execute(
            "UPDATE digest_runs SET state = 'sent', finished_at = $1, error = NULL "
            "WHERE chat_id = $2 AND due_at = $3 AND state = 'pending'",
            now,
            chat_id,
            due_at,
        )
        return affected(status) > 0

    async def mark_expired(self, chat_id: int, due_at: str, now: str, reason: str) -> bool:
        """Give up on a pending run; the watermark stays."""
        status = await self._pool.execute(
            "UPDATE digest_runs SET state = 'expired', finished_at = $1, error = $2 "
            "WHERE chat_id = $3 AND due_at = $4 AND state = 'pending'",
            now,
            reason,
            chat_id,
            due_at,
        )
        return affected(status) > 0

    async def supersede(self, chat_id: int, due_at: str, now: str) -> int:
        """Expire the chat's pending runs older than ``due_at``."""
        status = await self._pool.execute(
            "UPDATE digest_runs SET state = 'expired', finished_at = $1, "
            "error = coalesce(error || '; ', '') || 'superseded by a later digest' "
            "WHERE chat_id = $2 AND due_at < $3 AND state = 'pending'",
            now,
            chat_id,
            due_at,
        )
        return affected(status)

    async def record_error(self, chat_id: int, due_at: str, error: str) -> None:
        await self._pool.execute(
            "UPDATE digest_runs SET error = $1 WHERE chat_id = $2 AND due_at = $3",
            error[:500],
            chat_id,
            due_at,
        )
