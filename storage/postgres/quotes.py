"""Quote queries on PostgreSQL: by person, by article, by words.

The words' ``newsroom_query`` stands in the WHERE clause itself, for the planner to see
how common they are (see ``storage.postgres.articles``).
"""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from storage.fts import recent_page
from storage.postgres.words import WORDS_QUERY, prefix_applies, search_phrases
from storage.quotes import ALL_KINDS, QUOTE_COLUMNS, quote_from_row
from storage.rows import QuoteRow


def _kinds(kinds: Sequence[str]) -> list[str]:
    return [k for k in kinds if k in ALL_KINDS] or list(ALL_KINDS)


class PgQuoteQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def by_person(
        self,
        person_id: int,
        limit: int = 10,
        offset: int = 0,
        kinds: Sequence[str] = ALL_KINDS,
    ) -> list[QuoteRow]:
        """A person's quotes, newest article first, in article order within one article."""
        rows = await self._pool.fetch(
            f"""
            SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.speaker_id = $1 AND q.kind = ANY($2::text[])
            ORDER BY q.article_key DESC, q.position LIMIT $3 OFFSET $4
            """,
            person_id,
            _kinds(kinds),
            limit,
            offset,
        )
        return [quote_from_row(r) for r in rows]

    async def by_article(
        self, article_key: int, limit: int = 100, offset: int = 0, kinds: Sequence[str] = ALL_KINDS
    ) -> list[QuoteRow]:
        rows = await self._pool.fetch(
            f"""
            SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.article_key = $1 AND q.kind = ANY($2::text[])
            ORDER BY q.position LIMIT $3 OFFSET $4
            """,
            article_key,
            _kinds(kinds),
            limit,
            offset,
        )
        return [quote_from_row(r) for r in rows]

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
        """Quotes with all of ``words`` (in the quote or its speaker): the newest ``window``
        best first, older ones newest first (see ``PgArticleQueries.search_recent``)."""
        phrases = search_phrases(words)
        if not phrases:
            return []
        query = (phrases, False, prefix_applies(words, prefix))
        return await recent_page(
            limit,
            offset,
            window if ranked else 0,
            lambda size, skip: self._ranked_window(query, window, size, skip),
            lambda size, skip: self._newest_matches(query, size, skip),
        )

    async def _ranked_window(
        self, query: tuple[list[str], bool, bool], window: int, limit: int, offset: int
    ) -> list[QuoteRow]:
        rows = await self._pool.fetch(
            f"""
            WITH newest AS (
                SELECT id, search FROM quotes
                WHERE search @@ {WORDS_QUERY} ORDER BY id DESC LIMIT $4
            ), ranked AS (
                SELECT id, ts_rank_cd(search, {WORDS_QUERY}) AS score FROM newest
                ORDER BY score DESC, id DESC LIMIT $5 OFFSET $6
            )
            SELECT {QUOTE_COLUMNS} FROM ranked r JOIN quotes q ON q.id = r.id
            JOIN articles a ON a.key = q.article_key
            ORDER BY r.score DESC, q.id DESC
            """,
            *query,
            window,
            limit,
            offset,
        )
        return [quote_from_row(r) for r in rows]

    async def _newest_matches(
        self, query: tuple[list[str], bool, bool], limit: int, offset: int
    ) -> list[QuoteRow]:
        rows = await self._pool.fetch(
            f"""
            SELECT {QUOTE_COLUMNS} FROM (
                SELECT id FROM quotes WHERE search @@ {WORDS_QUERY}
                ORDER BY id DESC LIMIT $4 OFFSET $5
            ) m JOIN quotes q ON q.id = m.id JOIN articles a ON a.key = q.article_key
            ORDER BY q.id DESC
            """,
            *query,
            limit,
            offset,
        )
        return [quote_from_row(r) for r in rows]
