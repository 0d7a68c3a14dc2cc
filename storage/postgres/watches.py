"""Watches and their alert records on PostgreSQL (see ``storage.watches``).

The one difference that matters: SQLite has one writer, so every article key up to the
largest a reader sees is committed. Here several processes write at once and a smaller key
can commit after a larger one. The scan therefore reads only up to a *safe horizon*: every
article transaction holds ``SCAN_LOCK`` shared (``storage.postgres.writer``), and the
horizon is the largest key seen while holding it exclusively, when no article transaction is
in flight — so no key at or below it can still appear.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Literal

import asyncpg

from storage.postgres.retry import affected
from storage.postgres.words import search_phrases
from storage.watch_matching import PeopleByArticle, people_by_article, watch_matches
from storage.watch_records import (
    PENDING_ALERT_COLUMNS,
    WATCH_COLUMNS,
    PendingAlert,
    Watch,
    WatchKind,
    pending_alert_from_row,
    watch_from_row,
)

# Taken shared by every article transaction, exclusively (briefly) by the watch scan.
SCAN_LOCK = 7_411_002_202
# Held (for the session) by the one process sending pending alerts: two replicas checking at
# the same moment would otherwise both send what either claimed.
SEND_LOCK = 7_411_002_203
_MATCHES = "search @@ (SELECT newsroom_query($1, false, false))"


class PgWatchQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    # Watches ----------------------------------------------------------------------------
    async def get(self, watch_id: int) -> Watch | None:
        row = await self._pool.fetchrow(
            f"SELECT {WATCH_COLUMNS} FROM watches WHERE id = $1", watch_id
        )
        return watch_from_row(row) if row else None

    async def of_chat(self, chat_id: int) -> list[Watch]:
        rows = await self._pool.fetch(
            f"SELECT {WATCH_COLUMNS} FROM watches WHERE chat_id = $1 ORDER BY number", chat_id
        )
        return [watch_from_row(r) for r in rows]

    async def active(self) -> list[Watch]:
        rows = await self._pool.fetch(
            f"SELECT {WATCH_COLUMNS} FROM watches WHERE status = 'active' ORDER BY id"
        )
        return [watch_from_row(r) for r in rows]

    async def add(
        self,
        chat_id: int,
        *,
        kind: WatchKind,
        label: str,
        match_key: str,
        person_id: int | None,
        created_by: int | None,
        now: str,
    ) -> tuple[Watch, bool]:
        """A new watch (``True``), or the chat's existing one for the same thing (``False``);
        a new one alerts for articles stored from now on."""
        status = await self._pool.execute(
            """
            INSERT INTO watches (chat_id, number, kind, label, match_key, person_id, after_key,
                                 created_by, created_at, updated_at)
            SELECT $1, coalesce((SELECT max(number) FROM watches WHERE chat_id = $1), 0) + 1,
                   $2, $3, $4, $5, coalesce((SELECT max(key) FROM articles), 0), $6, $7, $7
            ON CONFLICT (chat_id, kind, match_key) DO NOTHING
            """,
            chat_id, kind, label, match_key, person_id, created_by, now,
        )  # fmt: skip
        found = await self._pool.fetchrow(
            f"SELECT {WATCH_COLUMNS} FROM watches "
            "WHERE chat_id = $1 AND kind = $2 AND match_key = $3",
            chat_id,
            kind,
            match_key,
        )
        assert found is not None
        return watch_from_row(found), affected(status) > 0

    async def count(self, chat_id: int) -> int:
        return int(
            await self._pool.fetchval("SELECT count(*) FROM watches WHERE chat_id = $1", chat_id)
        )

    async def remove(self, watch_id: int) -> bool:
        return affected(await self._pool.execute("DELETE FROM watches WHERE id = $1", watch_id)) > 0

    async def pause_chat(self, chat_id: int, reason: str, now: str) -> int:
        """Stop alerting a chat that is gone; its unsent alerts expire."""
        async with self._pool.acquire() as db, db.transaction():
            paused = await db.execute(
                "UPDATE watches SET status = 'paused', paused_reason = $1, updated_at = $2 "
                "WHERE chat_id = $3 AND status = 'active'",
                reason,
                now,
                chat_id,
            )
            await db.execute(
                """
                UPDATE watch_alerts SET state = 'expired', finished_at = $1, error = $2
                WHERE state = 'pending' AND watch_id IN (SELECT id FROM watches WHERE chat_id = $3)
                """,
                now,
                reason[:500],
                chat_id,
            )
        return affected(paused)

    async def resume_chat(self, chat_id: int, now: str) -> int:
        """Alert the chat again, for articles stored from now on; the number resumed."""
        return affected(
            await self._pool.execute(
                """
                UPDATE watches SET status = 'active', paused_reason = NULL, updated_at = $1,
                    after_key = greatest(after_key, coalesce((SELECT max(key) FROM articles), 0))
                WHERE chat_id = $2 AND status = 'paused'
                """,
                now,
                chat_id,
            )
        )

    async def move_chat(self, old_chat_id: int, new_chat_id: int, now: str) -> int:
        """A group became a supergroup with a new id: its watches follow it (one the new chat
        already has stays behind, as SQLite's ``UPDATE OR IGNORE`` leaves it)."""
        return affected(
            await self._pool.execute(
                """
                UPDATE watches w SET chat_id = $1, updated_at = $2,
                    number = w.number
                        + coalesce((SELECT max(number) FROM watches WHERE chat_id = $1), 0)
                WHERE w.chat_id = $3 AND NOT EXISTS (
                    SELECT 1 FROM watches o
                    WHERE o.chat_id = $1 AND o.kind = w.kind AND o.match_key = w.match_key
                )
                """,
                new_chat_id,
                now,
                old_chat_id,
            )
        )

    async def people_called(self, key: str, limit: int = 6) -> list[int]:
        """Ids of the people whose full name, an alias or the surname has this name key;
        a full name first, then the most mentioned."""
        rows = await self._pool.fetch(
            """
            SELECT p.id FROM people p LEFT JOIN mentions m ON m.person_id = p.id
            WHERE p.name_key = $1 OR p.surname = $1
               OR p.id IN (SELECT person_id FROM person_aliases WHERE alias_key = $1)
            GROUP BY p.id
            ORDER BY p.name_key = $1 DESC, sum(m.mentions) DESC NULLS LAST, p.name LIMIT $2
            """,
            key.replace("\x00", ""),
            limit,
        )
        return [int(r[0]) for r in rows]

    async def recent_share(self, words: str, window: int = 200) -> tuple[int, int]:
        """``(matching, looked at)``: how many of the newest ``window`` articles have all of
        ``words`` (as a words watch reads them)."""
        low = int(
            await self._pool.fetchval("SELECT coalesce(max(key), 0) - $1 FROM articles", window)
        )
        total = int(await self._pool.fetchval("SELECT count(*) FROM articles WHERE key > $1", low))
        phrases = search_phrases(words)
        if not phrases or not total:
            return 0, total
        matching = await self._pool.fetchval(
            f"SELECT count(*) FROM articles WHERE {_MATCHES} AND key > $2", phrases, low
        )
        return int(matching), total

    # Scanning ---------------------------------------------------------------------------
    async def scanned_up_to(self) -> int:
        value = await self._pool.fetchval("SELECT last_key FROM watch_scan WHERE id = 1")
        return int(value or 0)

    async def mark_scanned(self, key: int) -> None:
        await self._pool.execute(
            "UPDATE watch_scan SET last_key = greatest(last_key, $1) WHERE id = 1", key
        )

    async def next_keys(self, after: int, limit: int) -> list[int]:
        """Keys of stored articles after ``after``, oldest first, up to the safe horizon."""
        async with self._pool.acquire() as db:
            async with db.transaction():
                await db.execute("SELECT pg_advisory_xact_lock($1)", SCAN_LOCK)
                horizon = int(await db.fetchval("SELECT coalesce(max(key), 0) FROM articles"))
            rows = await db.fetch(
                "SELECT key FROM articles WHERE key > $1 AND key <= $2 ORDER BY key LIMIT $3",
                after,
                horizon,
                limit,
            )
        return [int(r[0]) for r in rows]

    async def matches(self, watches: Iterable[Watch], low: int, high: int) -> list[tuple[int, int]]:
        """``(watch_id, article_key)`` for every watch and article with ``low < key <= high``
        (and after the watch's ``after_key``) that match (see ``WatchQueries.matches``)."""
        return await watch_matches(
            watches,
            low,
            high,
            read_people=self._people_between,
            search_words=self._articles_with_words,
        )

    async def _articles_with_words(self, words: str, low: int, high: int) -> list[int]:
        phrases = search_phrases(words)
        if not phrases:
            return []
        rows = await self._pool.fetch(
            f"SELECT key FROM articles WHERE {_MATCHES} AND key > $2 AND key <= $3 ORDER BY key",
            phrases,
            low,
            high,
        )
        return [int(r[0]) for r in rows]

    async def people_matched(self, watch: Watch, article_key: int) -> set[int]:
        """Ids of the people of one article that a person watch matches there."""
        rows = await self._pool.fetch(
            """
            SELECT p.id FROM mentions m JOIN people p ON p.id = m.person_id
            WHERE m.article_key = $1 AND (p.id = $2 OR p.name_key = $3
               OR p.id IN (SELECT person_id FROM person_aliases WHERE alias_key = $3))
            """,
            article_key,
            watch.person_id,
            watch.match_key,
        )
        return {int(r[0]) for r in rows}

    async def _people_between(self, low: int, high: int) -> PeopleByArticle:
        people = await self._pool.fetch(
            """
            SELECT m.article_key, p.id, p.name_key FROM mentions m
            JOIN people p ON p.id = m.person_id WHERE m.article_key > $1 AND m.article_key <= $2
            """,
            low,
            high,
        )
        aliases = await self._pool.fetch(
            """
            SELECT m.article_key, a.alias_key FROM mentions m
            JOIN person_aliases a ON a.person_id = m.person_id
            WHERE m.article_key > $1 AND m.article_key <= $2
            """,
            low,
            high,
        )
        return people_by_article(people, aliases)

    # Alerts -----------------------------------------------------------------------------
    async def claim(self, pairs: Sequence[tuple[int, int]], now: str) -> int:
        """Record each ``(watch_id, article_key)`` as a pending alert unless it already has a
        record; the number newly claimed (one statement for the batch)."""
        if not pairs:
            return 0
        status = await self._pool.execute(
            """
            INSERT INTO watch_alerts (watch_id, article_key, state, claimed_at)
            SELECT w, k, 'pending', $3 FROM unnest($1::bigint[], $2::bigint[]) AS u (w, k)
            ON CONFLICT (watch_id, article_key) DO NOTHING
            """,
            [w for w, _ in pairs],
            [k for _, k in pairs],
            now,
        )
        return affected(status)

    @asynccontextmanager
    async def sending(self) -> AsyncIterator[bool]:
        """Whether this process is the one to send pending alerts now (``True`` inside, until
        the block ends; ``False`` while another process sends them). A process that dies
        mid-send ends its session, and with it the lock."""
        async with self._pool.acquire() as db:
            mine = bool(await db.fetchval("SELECT pg_try_advisory_lock($1)", SEND_LOCK))
            try:
                yield mine
            finally:
                if mine:
                    await db.execute("SELECT pg_advisory_unlock($1)", SEND_LOCK)

    async def pending_articles(self, after: int = 0, limit: int = 100) -> list[int]:
        rows = await self._pool.fetch(
            "SELECT DISTINCT article_key FROM watch_alerts "
            "WHERE state = 'pending' AND article_key > $1 ORDER BY article_key LIMIT $2",
            after,
            limit,
        )
        return [int(r[0]) for r in rows]

    async def pending(self, article_keys: Sequence[int] | None = None) -> list[PendingAlert]:
        keys = list(article_keys) if article_keys is not None else None
        if keys is None:
            keys = await self.pending_articles(limit=10_000)
        if not keys:
            return []
        rows = await self._pool.fetch(
            f"""
            SELECT {PENDING_ALERT_COLUMNS} FROM watch_alerts a
            JOIN watches w ON w.id = a.watch_id
            WHERE a.state = 'pending' AND w.status = 'active'
              AND a.article_key = ANY($1::bigint[])
            ORDER BY a.article_key, w.chat_id, w.number
            """,
            keys,
        )
        return [pending_alert_from_row(r) for r in rows]

    async def alerts(self, watch_id: int) -> list[tuple[int, str]]:
        rows = await self._pool.fetch(
            "SELECT article_key, state FROM watch_alerts WHERE watch_id = $1 ORDER BY article_key",
            watch_id,
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    async def finish(
        self,
        article_key: int,
        watch_ids: Sequence[int],
        state: Literal["sent", "expired"],
        now: str,
        error: str | None = None,
    ) -> None:
        await self._pool.execute(
            """
            UPDATE watch_alerts SET state = $1, finished_at = $2, error = $3
            WHERE article_key = $4 AND state = 'pending' AND watch_id = ANY($5::bigint[])
            """,
            state,
            now,
            error and error[:500],
            article_key,
            list(watch_ids),
        )

    async def record_error(self, article_key: int, watch_ids: Sequence[int], error: str) -> None:
        await self._pool.execute(
            "UPDATE watch_alerts SET error = $1 WHERE article_key = $2 "
            "AND watch_id = ANY($3::bigint[])",
            error[:500],
            article_key,
            list(watch_ids),
        )
