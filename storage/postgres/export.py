"""Exporting the store from PostgreSQL: the same rows and batches (``storage.export_rows``)."""

from __future__ import annotations

import asyncpg

from storage.export_rows import DATE_SQL, ExportReader, KeyPage, Row, key_order


class PgExportQueries(ExportReader):
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _key_batch(self, page: KeyPage) -> list[int]:
        compare, order = key_order(page.newest_first)
        of_person = (
            "AND key IN (SELECT article_key FROM quotes WHERE speaker_id = $4)"
            if page.speaker_id is not None
            else ""
        )
        rows = await self._pool.fetch(
            f"SELECT key FROM articles WHERE key {compare} $1 {of_person} "
            f"AND ($2::text IS NULL OR ingested_at >= $2) ORDER BY key {order} LIMIT $3",
            page.after,
            page.since,
            page.size,
            *(() if page.speaker_id is None else (page.speaker_id,)),
        )
        return [int(r[0]) for r in rows]

    async def _quote_rows(self, keys: list[int], person_id: int | None, order: str) -> list[Row]:
        return await self._pool.fetch(
            f"""
            SELECT a.key, a.id, a.title, {DATE_SQL}, a.url, q.speaker, q.speaker_role, q.kind,
                   q.text
            FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.article_key = ANY($1::bigint[])
              AND ($2::bigint IS NULL OR q.speaker_id = $2)
            ORDER BY q.article_key {order}, q.position
            """,
            keys,
            person_id,
        )

    async def _person_rows(self, keys: list[int], order: str) -> list[Row]:
        return await self._pool.fetch(
            f"""
            SELECT p.name, coalesce(m.role, p.role), m.mentions, m.quotes,
                   a.key, a.id, a.title, {DATE_SQL}, a.url
            FROM mentions m JOIN people p ON p.id = m.person_id
            JOIN articles a ON a.key = m.article_key
            WHERE m.article_key = ANY($1::bigint[])
            ORDER BY m.article_key {order}, m.quotes DESC, m.mentions DESC, p.name
            """,
            keys,
        )

    async def _article_rows(self, keys: list[int], order: str) -> list[Row]:
        return await self._pool.fetch(
            f"""
            SELECT a.key, a.id, a.title, {DATE_SQL}, a.published, a.ingested_at, a.url,
                   a.source, a.summary,
                   (SELECT count(*) FROM quotes q
                    WHERE q.article_key = a.key AND q.kind <> 'reported'),
                   (SELECT count(*) FROM mentions m WHERE m.article_key = a.key)
            FROM articles a WHERE a.key = ANY($1::bigint[]) ORDER BY a.key {order}
            """,
            keys,
        )
