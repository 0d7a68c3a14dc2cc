"""Exporting the store from PostgreSQL (see ``storage.export``): the same rows, in batches."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import asyncpg

from storage.export import _DATE, BATCH, ArticleExport, PersonExport, QuoteExport


class PgExportQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def article_keys(
        self,
        *,
        since: str | None = None,
        speaker_id: int | None = None,
        newest_first: bool = False,
        batch: int = BATCH,
    ) -> AsyncIterator[list[int]]:
        """Batches of article keys in key order: every article, or those quoting a person;
        ``since`` keeps articles stored (ingested) at or after it."""
        after = -1 if not newest_first else 2**62
        compare, order = ("<", "DESC") if newest_first else (">", "ASC")
        of_person = (
            "AND key IN (SELECT article_key FROM quotes WHERE speaker_id = $4)"
            if speaker_id is not None
            else ""
        )
        sql = (
            f"SELECT key FROM articles WHERE key {compare} $1 {of_person} "
            f"AND ($2::text IS NULL OR ingested_at >= $2) ORDER BY key {order} LIMIT $3"
        )
        while True:
            params = (after, since, batch, *(() if speaker_id is None else (speaker_id,)))
            keys = [int(r[0]) for r in await self._pool.fetch(sql, *params)]
            if not keys:
                return
            yield keys
            if len(keys) < batch:
                return
            after = keys[-1]

    async def quotes(
        self,
        *,
        person_id: int | None = None,
        article_key: int | None = None,
        since: str | None = None,
        newest_first: bool = False,
    ) -> AsyncIterator[QuoteExport]:
        """Every quote (direct, partial, reported) in article order, position within one."""
        async for keys in self._keys(article_key, since, person_id, newest_first):
            order = "DESC" if newest_first else "ASC"
            rows = await self._pool.fetch(
                f"""
                SELECT a.key, a.id, a.title, {_DATE}, a.url, q.speaker, q.speaker_role, q.kind,
                       q.text
                FROM quotes q JOIN articles a ON a.key = q.article_key
                WHERE q.article_key = ANY($1::bigint[])
                  AND ($2::bigint IS NULL OR q.speaker_id = $2)
                ORDER BY q.article_key {order}, q.position
                """,
                keys,
                person_id,
            )
            for row in rows:
                yield QuoteExport(*row)

    async def people(
        self,
        *,
        article_key: int | None = None,
        since: str | None = None,
        newest_first: bool = False,
    ) -> AsyncIterator[PersonExport]:
        """One row per person per article: the role, mentions and quotes there."""
        async for keys in self._keys(article_key, since, None, newest_first):
            order = "DESC" if newest_first else "ASC"
            rows = await self._pool.fetch(
                f"""
                SELECT p.name, coalesce(m.role, p.role), m.mentions, m.quotes,
                       a.key, a.id, a.title, {_DATE}, a.url
                FROM mentions m JOIN people p ON p.id = m.person_id
                JOIN articles a ON a.key = m.article_key
                WHERE m.article_key = ANY($1::bigint[])
                ORDER BY m.article_key {order}, m.quotes DESC, m.mentions DESC, p.name
                """,
                keys,
            )
            for row in rows:
                yield PersonExport(*row)

    async def articles(
        self, *, since: str | None = None, newest_first: bool = False
    ) -> AsyncIterator[ArticleExport]:
        async for keys in self._keys(None, since, None, newest_first):
            order = "DESC" if newest_first else "ASC"
            rows = await self._pool.fetch(
                f"""
                SELECT a.key, a.id, a.title, {_DATE}, a.published, a.ingested_at, a.url,
                       a.source, a.summary,
                       (SELECT count(*) FROM quotes q
                        WHERE q.article_key = a.key AND q.kind <> 'reported'),
                       (SELECT count(*) FROM mentions m WHERE m.article_key = a.key)
                FROM articles a WHERE a.key = ANY($1::bigint[]) ORDER BY a.key {order}
                """,
                keys,
            )
            for row in rows:
                summary = " ".join(json.loads(str(row[8])))
                yield ArticleExport(*row[:8], summary, int(row[9]), int(row[10]))

    async def _keys(
        self,
        article_key: int | None,
        since: str | None,
        person_id: int | None,
        newest_first: bool,
    ) -> AsyncIterator[list[int]]:
        if article_key is not None:
            yield [article_key]
            return
        async for keys in self.article_keys(
            since=since, speaker_id=person_id, newest_first=newest_first
        ):
            yield keys
