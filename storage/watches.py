"""Watches and their alert records: who follows a person or words, and what they were told.

A watch belongs to one chat (a user's private chat or a group) and has a number within it
(``/unwatch 2``). It alerts only for articles stored after it was created (``after_key``).
Articles are scanned once, in key order, from a watermark kept in ``watch_scan`` (article keys
only grow, and SQLite assigns them inside the one write transaction, so every key up to the
largest one a reader sees is committed). Each match is *claimed* as a ``watch_alerts`` row
``(watch_id, article_key)`` before anything is sent: the primary key makes the alert once per
article per watch, across restarts, re-scans and re-ingestion (an update keeps the article's key).
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Literal

import aiosqlite

from storage.fts import fts_query
from storage.watch_matching import PeopleByArticle, people_by_article, watch_matches
from storage.watch_records import MAX_WATCHES_PER_CHAT as MAX_WATCHES_PER_CHAT
from storage.watch_records import (
    PENDING_ALERT_COLUMNS,
    WATCH_COLUMNS,
    pending_alert_from_row,
    watch_from_row,
)
from storage.watch_records import PendingAlert as PendingAlert
from storage.watch_records import Watch as Watch
from storage.watch_records import WatchKind as WatchKind


class WatchQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def _change(self, sql: str, params: Sequence[object] | dict[str, object]) -> int:
        """Run one writing statement; the rows it changed. The cursor is closed on the
        database thread, never left to the garbage collector of another one."""
        async with self._db.execute(sql, params) as cursor:
            return max(cursor.rowcount, 0)

    # Watches ----------------------------------------------------------------------------
    async def get(self, watch_id: int) -> Watch | None:
        async with self._db.execute(
            f"SELECT {WATCH_COLUMNS} FROM watches WHERE id = ?", (watch_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return watch_from_row(row) if row else None

    async def of_chat(self, chat_id: int) -> list[Watch]:
        async with self._db.execute(
            f"SELECT {WATCH_COLUMNS} FROM watches WHERE chat_id = ? ORDER BY number", (chat_id,)
        ) as cursor:
            return [watch_from_row(r) for r in await cursor.fetchall()]

    async def active(self) -> list[Watch]:
        async with self._db.execute(
            f"SELECT {WATCH_COLUMNS} FROM watches WHERE status = 'active' ORDER BY id"
        ) as cursor:
            return [watch_from_row(r) for r in await cursor.fetchall()]

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
        """A new watch (``True``), or the chat's existing one for the same thing (``False``).

        A new watch alerts for articles stored from now on: ``after_key`` is the newest key.
        """
        inserted = await self._change(
            """
            INSERT INTO watches (chat_id, number, kind, label, match_key, person_id, after_key,
                                 created_by, created_at, updated_at)
            SELECT ?, coalesce((SELECT max(number) FROM watches WHERE chat_id = ?), 0) + 1,
                   ?, ?, ?, ?, coalesce((SELECT max(key) FROM articles), 0), ?, ?, ?
            WHERE true
            ON CONFLICT (chat_id, kind, match_key) DO NOTHING
            """,
            (chat_id, chat_id, kind, label, match_key, person_id, created_by, now, now),
        )
        async with self._db.execute(
            f"SELECT {WATCH_COLUMNS} FROM watches WHERE chat_id = ? AND kind = ? AND match_key = ?",
            (chat_id, kind, match_key),
        ) as cursor:
            found = await cursor.fetchone()
        assert found is not None
        return watch_from_row(found), inserted

    async def count(self, chat_id: int) -> int:
        async with self._db.execute(
            "SELECT count(*) FROM watches WHERE chat_id = ?", (chat_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def remove(self, watch_id: int) -> bool:
        return await self._change("DELETE FROM watches WHERE id = ?", (watch_id,)) > 0

    async def pause_chat(self, chat_id: int, reason: str, now: str) -> int:
        """Stop alerting a chat that is gone; its unsent alerts expire. The number of watches
        paused (0 when none was active, so the admins are told once)."""
        paused = await self._change(
            "UPDATE watches SET status = 'paused', paused_reason = ?, updated_at = ? "
            "WHERE chat_id = ? AND status = 'active'",
            (reason, now, chat_id),
        )
        await self._change(
            """
            UPDATE watch_alerts SET state = 'expired', finished_at = ?, error = ?
            WHERE state = 'pending' AND watch_id IN (SELECT id FROM watches WHERE chat_id = ?)
            """,
            (now, reason[:500], chat_id),
        )
        return paused

    async def resume_chat(self, chat_id: int, now: str) -> int:
        """Alert the chat again, for articles stored from now on; the number resumed."""
        return await self._change(
            """
            UPDATE watches SET status = 'active', paused_reason = NULL, updated_at = ?,
                after_key = max(after_key, coalesce((SELECT max(key) FROM articles), 0))
            WHERE chat_id = ? AND status = 'paused'
            """,
            (now, chat_id),
        )

    async def move_chat(self, old_chat_id: int, new_chat_id: int, now: str) -> int:
        """A group became a supergroup with a new id: its watches follow it (numbers that
        would clash are renumbered after the new chat's own)."""
        return await self._change(
            """
            UPDATE OR IGNORE watches SET chat_id = ?, updated_at = ?,
                number = number + coalesce((SELECT max(number) FROM watches WHERE chat_id = ?), 0)
            WHERE chat_id = ?
            """,
            (new_chat_id, now, new_chat_id, old_chat_id),
        )

    async def people_called(self, key: str, limit: int = 6) -> list[int]:
        """Ids of the people whose full name, an alias or the surname has this name key;
        a full name first, then the most mentioned."""
        async with self._db.execute(
            """
            SELECT p.id FROM people p LEFT JOIN mentions m ON m.person_id = p.id
            WHERE p.name_key = :key OR p.surname = :key
               OR p.id IN (SELECT person_id FROM person_aliases WHERE alias_key = :key)
            GROUP BY p.id ORDER BY p.name_key = :key DESC, sum(m.mentions) DESC, p.name
            LIMIT :limit
            """,
            {"key": key, "limit": limit},
        ) as cursor:
            return [int(r[0]) for r in await cursor.fetchall()]

    async def recent_share(self, words: str, window: int = 200) -> tuple[int, int]:
        """``(matching, looked at)``: how many of the newest ``window`` articles have all of
        ``words`` (as a words watch reads them)."""
        query = fts_query(words, prefix_last=False)
        async with self._db.execute(
            "SELECT coalesce(max(key), 0) - ? FROM articles", (window,)
        ) as cursor:
            row = await cursor.fetchone()
        low = int(row[0]) if row else 0
        async with self._db.execute(
            "SELECT count(*) FROM articles WHERE key > ?", (low,)
        ) as cursor:
            row = await cursor.fetchone()
        total = int(row[0]) if row else 0
        if query is None or not total:
            return 0, total
        async with self._db.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ?",
            (query, low),
        ) as cursor:
            row = await cursor.fetchone()
        return (int(row[0]) if row else 0), total

    # Scanning ---------------------------------------------------------------------------
    async def scanned_up_to(self) -> int:
        async with self._db.execute("SELECT last_key FROM watch_scan WHERE id = 1") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def mark_scanned(self, key: int) -> None:
        await self._change("UPDATE watch_scan SET last_key = max(last_key, ?) WHERE id = 1", (key,))

    async def next_keys(self, after: int, limit: int) -> list[int]:
        """Keys of stored articles after ``after``, oldest first."""
        async with self._db.execute(
            "SELECT key FROM articles WHERE key > ? ORDER BY key LIMIT ?", (after, limit)
        ) as cursor:
            return [int(r[0]) for r in await cursor.fetchall()]

    async def matches(self, watches: Iterable[Watch], low: int, high: int) -> list[tuple[int, int]]:
        """``(watch_id, article_key)`` for every watch and article with ``low < key <= high``
        (and after the watch's ``after_key``) that match.

        A person watch matches an article naming the person: the same person row, a person
        whose name has the same key, or one the store knows under that name as an alias. A
        words watch matches an article that has all its words, as ``/search`` reads them.
        """
        return await watch_matches(
            watches,
            low,
            high,
            read_people=self._people_between,
            search_words=self._articles_with_words,
        )

    async def _articles_with_words(self, words: str, low: int, high: int) -> list[int]:
        query = fts_query(words, prefix_last=False)
        if query is None:
            return []
        async with self._db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "AND rowid > ? AND rowid <= ? ORDER BY rowid",
            (query, low, high),
        ) as cursor:
            return [int(r[0]) for r in await cursor.fetchall()]

    async def people_matched(self, watch: Watch, article_key: int) -> set[int]:
        """Ids of the people of one article that a person watch matches there."""
        async with self._db.execute(
            """
            SELECT p.id FROM mentions m JOIN people p ON p.id = m.person_id
            WHERE m.article_key = :article AND (p.id = :person OR p.name_key = :key
               OR p.id IN (SELECT person_id FROM person_aliases WHERE alias_key = :key))
            """,
            {"article": article_key, "person": watch.person_id, "key": watch.match_key},
        ) as cursor:
            return {int(r[0]) for r in await cursor.fetchall()}

    async def _people_between(self, low: int, high: int) -> PeopleByArticle:
        """Per article key: the ids of its people, and their name and alias keys."""
        async with self._db.execute(
            """
            SELECT m.article_key, p.id, p.name_key FROM mentions m
            JOIN people p ON p.id = m.person_id WHERE m.article_key > ? AND m.article_key <= ?
            """,
            (low, high),
        ) as cursor:
            people = await cursor.fetchall()
        async with self._db.execute(
            """
            SELECT m.article_key, a.alias_key FROM mentions m
            JOIN person_aliases a ON a.person_id = m.person_id
            WHERE m.article_key > ? AND m.article_key <= ?
            """,
            (low, high),
        ) as cursor:
            aliases = await cursor.fetchall()
        return people_by_article(people, aliases)

    # Alerts -----------------------------------------------------------------------------
    async def claim(self, pairs: Sequence[tuple[int, int]], now: str) -> int:
        """Record each ``(watch_id, article_key)`` as a pending alert unless it already has a
        record; the number newly claimed."""
        if not pairs:
            return 0
        rows = [(watch_id, key, now) for watch_id, key in pairs]

        def insert(connection: sqlite3.Connection) -> int:
            # One transaction for the batch (autocommit would commit, and sync, per row), run
            # whole on the connection's thread so no other statement falls inside it.
            connection.execute("BEGIN IMMEDIATE")
            try:
                cursor = connection.executemany(
                    """
                    INSERT INTO watch_alerts (watch_id, article_key, state, claimed_at)
                    VALUES (?, ?, 'pending', ?) ON CONFLICT (watch_id, article_key) DO NOTHING
                    """,
                    rows,
                )
                claimed = max(cursor.rowcount, 0)
                cursor.close()
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
            return claimed

        return await self._db._execute(insert, self._db._conn)

    @asynccontextmanager
    async def sending(self) -> AsyncIterator[bool]:
        """Whether this process is the one to send pending alerts now: always, since one
        process owns a SQLite store (its checks take turns on the alerts' own lock)."""
        yield True

    async def pending_articles(self, after: int = 0, limit: int = 100) -> list[int]:
        """Keys of articles with alerts claimed and not sent yet, oldest first."""
        async with self._db.execute(
            "SELECT DISTINCT article_key FROM watch_alerts "
            "WHERE state = 'pending' AND article_key > ? ORDER BY article_key LIMIT ?",
            (after, limit),
        ) as cursor:
            return [int(r[0]) for r in await cursor.fetchall()]

    async def pending(self, article_keys: Sequence[int] | None = None) -> list[PendingAlert]:
        """Claimed alerts not sent yet, of active watches (of these articles), oldest article
        first, then by chat and watch number."""
        keys = list(article_keys) if article_keys is not None else None
        if keys is None:
            keys = await self.pending_articles(limit=10_000)
        if not keys:
            return []
        async with self._db.execute(
            f"""
            SELECT {PENDING_ALERT_COLUMNS} FROM watch_alerts a
            JOIN watches w ON w.id = a.watch_id
            WHERE a.state = 'pending' AND w.status = 'active'
              AND a.article_key IN ({", ".join("?" for _ in keys)})
            ORDER BY a.article_key, w.chat_id, w.number
            """,
            keys,
        ) as cursor:
            rows = await cursor.fetchall()
        return [pending_alert_from_row(r) for r in rows]

    async def alerts(self, watch_id: int) -> list[tuple[int, str]]:
        """``(article_key, state)`` of a watch's alerts, in article order."""
        async with self._db.execute(
            "SELECT article_key, state FROM watch_alerts WHERE watch_id = ? ORDER BY article_key",
            (watch_id,),
        ) as cursor:
            return [(int(r[0]), str(r[1])) for r in await cursor.fetchall()]

    async def finish(
        self,
        article_key: int,
        watch_ids: Sequence[int],
        state: Literal["sent", "expired"],
        now: str,
        error: str | None = None,
    ) -> None:
        """Mark the pending alerts of one article for these watches sent (or expired)."""
        await self._change(
            f"""
            UPDATE watch_alerts SET state = ?, finished_at = ?, error = ?
            WHERE article_key = ? AND state = 'pending'
              AND watch_id IN ({", ".join("?" for _ in watch_ids)})
            """,
            (state, now, error and error[:500], article_key, *watch_ids),
        )

    async def record_error(self, article_key: int, watch_ids: Sequence[int], error: str) -> None:
        await self._change(
            f"""
            UPDATE watch_alerts SET error = ? WHERE article_key = ?
              AND watch_id IN ({", ".join("?" for _ in watch_ids)})
            """,
            (error[:500], article_key, *watch_ids),
        )
