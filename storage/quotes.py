"""Quote queries: by person, by article, by words."""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from storage.fts import fts_query, recent_page
from storage.rows import QuoteRow

QUOTE_COLUMNS = """
    q.id, q.kind, q.text, q.speaker, q.speaker_role, q.speaker_id, q.cue,
    a.key, a.title, substr(coalesce(a.published, a.ingested_at), 1, 10)
"""
ALL_KINDS: tuple[str, ...] = ("direct", "partial", "reported")


def quote_from_row(row: Sequence[object]) -> QuoteRow:
    return QuoteRow(
        id=int(row[0]),  # type: ignore[arg-type]
        kind=str(row[1]),
        text=str(row[2]),
        speaker=row[3],  # type: ignore[arg-type]
        speaker_role=row[4],  # type: ignore[arg-type]
        speaker_id=row[5],  # type: ignore[arg-type]
        cue=row[6],  # type: ignore[arg-type]
        article_key=int(row[7]),  # type: ignore[arg-type]
        article_title=str(row[8]),
        article_date=str(row[9]),
    )


def _kinds_clause(kinds: Sequence[str]) -> tuple[str, list[str]]:
    chosen = [k for k in kinds if k in ALL_KINDS] or list(ALL_KINDS)
    return f"q.kind IN ({', '.join('?' for _ in chosen)})", chosen


class QuoteQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def by_person(
        self,
        person_id: int,
        limit: int = 10,
        offset: int = 0,
        kinds: Sequence[str] = ALL_KINDS,
    ) -> list[QuoteRow]:
        """A person's quotes, newest article first, in article order within one article."""
        clause, params = _kinds_clause(kinds)
        async with self._db.execute(
            f"""
            SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.speaker_id = ? AND {clause}
            ORDER BY q.article_key DESC, q.position LIMIT ? OFFSET ?
            """,
            (person_id, *params, limit, offset),
        ) as cursor:
            return [quote_from_row(r) for r in await cursor.fetchall()]

    async def by_article(
        self, article_key: int, limit: int = 100, offset: int = 0, kinds: Sequence[str] = ALL_KINDS
    ) -> list[QuoteRow]:
        clause, params = _kinds_clause(kinds)
        async with self._db.execute(
            f"""
            SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.article_key = ? AND {clause}
            ORDER BY q.position LIMIT ? OFFSET ?
            """,
            (article_key, *params, limit, offset),
        ) as cursor:
            return [quote_from_row(r) for r in await cursor.fetchall()]

    async def search_recent(
        self,
        words: str,
        limit: int = 10,
        offset: int = 0,
        *,
        window: int = 200,
        prefix: bool = False,
        ranked: bool = True,
    ) -> list[QuoteRow]:
        """Quotes with all of ``words`` (in the quote or its speaker), in bounded time.

        The newest ``window`` matches come first, best bm25 score first; older ones follow,
        newest first; without ``ranked`` all come newest first (see
        ``ArticleQueries.search_recent``).
        """
        query = fts_query(words, prefix_last=prefix)
        if query is None:
            return []
        return await recent_page(
            limit,
            offset,
            window if ranked else 0,
            lambda size, skip: self._ranked_window(query, window, size, skip),
            lambda size, skip: self._newest_matches(query, size, skip),
        )

    async def _ranked_window(
        self, query: str, window: int, limit: int, offset: int
    ) -> list[QuoteRow]:
        rows = await self._db.execute_fetchall(
            f"""
            SELECT {QUOTE_COLUMNS} FROM (
                SELECT rowid, score FROM (
                    SELECT rowid, bm25(quotes_fts) AS score FROM quotes_fts
                    WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?
                ) ORDER BY score, rowid DESC LIMIT ? OFFSET ?
            ) m JOIN quotes q ON q.id = m.rowid JOIN articles a ON a.key = q.article_key
            ORDER BY m.score, q.id DESC
            """,
            (query, window, limit, offset),
        )
        return [quote_from_row(r) for r in rows]

    async def _newest_matches(self, query: str, limit: int, offset: int) -> list[QuoteRow]:
        rows = await self._db.execute_fetchall(
            f"""
            SELECT {QUOTE_COLUMNS} FROM (
                SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?
                ORDER BY rowid DESC LIMIT ? OFFSET ?
            ) m JOIN quotes q ON q.id = m.rowid JOIN articles a ON a.key = q.article_key
            ORDER BY q.id DESC
            """,
            (query, limit, offset),
        )
        return [quote_from_row(r) for r in rows]
