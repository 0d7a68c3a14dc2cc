"""Digest subscriptions and their delivery records (the articles: ``digest_articles``).

A subscription is one chat's schedule and filters plus its *watermark*: the ingestion time up
to which articles were already delivered. A run is one due slot ``(chat_id, due_at)``:
claimed as ``pending`` with its rendered parts before anything is sent, advanced part by part,
and marked ``sent`` when the last part went out. A trigger moves the watermark to the run's
``until`` in the same statement that marks it sent, so the watermark moves only on delivery.
The rows and settings are ``storage.subscription_rows``, shared with the PostgreSQL twin.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import aiosqlite

from storage.digest_articles import DigestArticles
from storage.subscription_rows import DEFAULT_MAX_ITEMS as DEFAULT_MAX_ITEMS
from storage.subscription_rows import DEFAULT_TIME as DEFAULT_TIME
from storage.subscription_rows import MAX_ITEMS_LIMIT as MAX_ITEMS_LIMIT
from storage.subscription_rows import (
    RUN_COLUMNS,
    SUBSCRIPTION_COLUMNS,
    run_from_row,
    setting_values,
    subscription_from_row,
)
from storage.subscription_rows import DigestRun as DigestRun
from storage.subscription_rows import Subscription as Subscription


class SubscriptionQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self.articles = DigestArticles(db)

    # Subscriptions ----------------------------------------------------------------------
    async def get(self, chat_id: int) -> Subscription | None:
        async with self._db.execute(
            f"SELECT {SUBSCRIPTION_COLUMNS} FROM digest_subscriptions WHERE chat_id = ?",
            (chat_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return subscription_from_row(row) if row else None

    async def all(self, status: str | None = None) -> list[Subscription]:
        async with self._db.execute(
            f"SELECT {SUBSCRIPTION_COLUMNS} FROM digest_subscriptions "
            "WHERE ? IS NULL OR status = ? ORDER BY chat_id",
            (status, status),
        ) as cursor:
            return [subscription_from_row(r) for r in await cursor.fetchall()]

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
        existed = await self.get(chat_id) is not None
        await self._db.execute(
            """
            INSERT INTO digest_subscriptions (
                chat_id, chat_kind, chat_title, time, timezone, days, max_items,
                watermark, created_by, created_at, updated_at
            ) VALUES (?, ?, ?, ?, ?, 'daily', ?, ?, ?, ?, ?)
            ON CONFLICT (chat_id) DO UPDATE SET
                chat_kind = excluded.chat_kind,
                chat_title = coalesce(excluded.chat_title, chat_title),
                time = excluded.time,
                timezone = excluded.timezone,
                status = 'active',
                paused_reason = NULL,
                updated_at = excluded.updated_at
            """,
            (
                chat_id,
                chat_kind,
                chat_title,
                time,
                timezone,
                DEFAULT_MAX_ITEMS,
                watermark,
                created_by,
                now,
                now,
            ),
        )
        found = await self.get(chat_id)
        assert found is not None
        return found, not existed

    async def update(self, chat_id: int, now: str, **settings: object) -> Subscription | None:
        """Change settings (``time``, ``timezone``, ``days``, ``max_items``, ``include``,
        ``exclude``, ``post_empty``); ``None`` when the chat has no subscription."""
        values = setting_values(settings)
        if values:
            assignments = ", ".join(f"{column} = ?" for column, _ in values)
            await self._db.execute(
                f"UPDATE digest_subscriptions SET {assignments}, updated_at = ? WHERE chat_id = ?",
                (*(value for _, value in values), now, chat_id),
            )
        return await self.get(chat_id)

    async def unsubscribe(self, chat_id: int) -> bool:
        cursor = await self._db.execute(
            "DELETE FROM digest_subscriptions WHERE chat_id = ?", (chat_id,)
        )
        return cursor.rowcount > 0

    async def pause(self, chat_id: int, reason: str, now: str) -> bool:
        """Stop delivering to a chat until someone subscribes it again."""
        cursor = await self._db.execute(
            "UPDATE digest_subscriptions SET status = 'paused', paused_reason = ?, "
            "updated_at = ? WHERE chat_id = ? AND status = 'active'",
            (reason, now, chat_id),
        )
        return cursor.rowcount > 0

    async def move_chat(self, old_chat_id: int, new_chat_id: int, now: str) -> bool:
        """A group became a supergroup with a new id: keep its subscription and records."""
        if await self.get(new_chat_id) is not None:
            return False
        cursor = await self._db.execute(
            "UPDATE digest_subscriptions SET chat_id = ?, chat_kind = 'supergroup', "
            "updated_at = ? WHERE chat_id = ?",
            (new_chat_id, now, old_chat_id),
        )
        return cursor.rowcount > 0

    # Runs -------------------------------------------------------------------------------
    async def run(self, chat_id: int, due_at: str) -> DigestRun | None:
        async with self._db.execute(
            f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE chat_id = ? AND due_at = ?",
            (chat_id, due_at),
        ) as cursor:
            row = await cursor.fetchone()
        return run_from_row(row) if row else None

    async def runs(self, chat_id: int) -> list[DigestRun]:
        async with self._db.execute(
            f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE chat_id = ? ORDER BY due_at",
            (chat_id,),
        ) as cursor:
            return [run_from_row(r) for r in await cursor.fetchall()]

    async def pending(self) -> list[DigestRun]:
        """Runs claimed and not (yet) marked sent, oldest first."""
        async with self._db.execute(
            f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE state = 'pending' "
            "ORDER BY due_at, chat_id"
        ) as cursor:
            return [run_from_row(r) for r in await cursor.fetchall()]

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
        claimed it, ``False`` when the slot already had a run (which is returned as is)."""
        cursor = await self._db.execute(
            """
            INSERT INTO digest_runs (chat_id, due_at, state, since, until, parts, items,
                                     claimed_at)
            VALUES (?, ?, 'pending', ?, ?, ?, ?, ?)
            ON CONFLICT (chat_id, due_at) DO NOTHING
            """,
            (
                chat_id,
                due_at,
                since,
                until,
                json.dumps(list(parts), ensure_ascii=False),
                items,
                now,
            ),
        )
        claimed = cursor.rowcount > 0
        found = await self.run(chat_id, due_at)
        assert found is not None
        return found, claimed

    async def part_sent(self, chat_id: int, due_at: str, sent_parts: int) -> None:
        await self._db.execute(
            "UPDATE digest_runs SET sent_parts = max(sent_parts, ?), error = NULL "
            "WHERE chat_id = ? AND due_at = ?",
            (sent_parts, chat_id, due_at),
        )

    async def take(
        self, chat_id: int, due_at: str, *, owner: str, now: str, until: str
    ) -> DigestRun | None:
        """Lease a pending run to ``owner`` until ``until`` (or extend its lease) so that one
        process sends it; ``None`` when it is not pending or another owner's lease runs."""
        rows = await self._db.execute_fetchall(
            f"""
            UPDATE digest_runs SET owner = ?, lease_until = ?
            WHERE chat_id = ? AND due_at = ? AND state = 'pending'
            AND (owner IS NULL OR owner = ? OR lease_until <= ?)
            RETURNING {RUN_COLUMNS}
            """,
            (owner, until, chat_id, due_at, owner, now),
        )
        return run_from_row(rows[0]) if rows else None

    async def release(self, chat_id: int, due_at: str, owner: str) -> None:
        """End ``owner``'s lease: the run may be taken again at once (by a retry)."""
        await self._db.execute(
            "UPDATE digest_runs SET owner = NULL, lease_until = NULL "
            "WHERE chat_id = ? AND due_at = ? AND owner = ?",
            (chat_id, due_at, owner),
        )

    async def mark_sent(self, chat_id: int, due_at: str, now: str) -> bool:
        """Mark a run delivered; the ``digest_runs_sent`` trigger moves the watermark in the
        same statement. ``False`` when it was not pending."""
        cursor = await self._db.execute(
            "UPDATE digest_runs SET state = 'sent', finished_at = ?, error = NULL "
            "WHERE chat_id = ? AND due_at = ? AND state = 'pending'",
            (now, chat_id, due_at),
        )
        return cursor.rowcount > 0

    async def mark_expired(self, chat_id: int, due_at: str, now: str, reason: str) -> bool:
        """Give up on a pending run; the watermark stays, so its articles go into the next
        digest."""
        cursor = await self._db.execute(
            "UPDATE digest_runs SET state = 'expired', finished_at = ?, error = ? "
            "WHERE chat_id = ? AND due_at = ? AND state = 'pending'",
            (now, reason, chat_id, due_at),
        )
        return cursor.rowcount > 0

    async def supersede(self, chat_id: int, due_at: str, now: str) -> int:
        """Expire the chat's pending runs older than ``due_at``: the digest for ``due_at``
        starts from the same watermark and so carries their articles."""
        cursor = await self._db.execute(
            "UPDATE digest_runs SET state = 'expired', finished_at = ?, "
            "error = coalesce(error || '; ', '') || 'superseded by a later digest' "
            "WHERE chat_id = ? AND due_at < ? AND state = 'pending'",
            (now, chat_id, due_at),
        )
        return cursor.rowcount

    async def record_error(self, chat_id: int, due_at: str, error: str) -> None:
        await self._db.execute(
            "UPDATE digest_runs SET error = ? WHERE chat_id = ? AND due_at = ?",
            (error[:500], chat_id, due_at),
        )
