"""Article queries on PostgreSQL: latest, by reference, full-text search, outdated analyses.

Search uses the ``search`` tsvector (title weighted A, body D) with its GIN index and
``ts_rank_cd``; the user's words reach SQL only as folded phrases bound to
``newsroom_query`` (see ``storage.postgres.words`` and the migration). Ranks are returned
negated, as bm25 is on SQLite: lower is better.

``newsroom_query($1, $2, $3)`` is written in the WHERE clause itself, not as a sub-select:
it is immutable, so the planner computes it from the bound words and estimates from the
column statistics how many articles match. A word in most articles is then found by
walking the key index newest first until the window is full (a few hundred rows), a rare
one through the GIN index; behind a sub-select every search took the GIN path and sorted
every match, 100 ms for a common word at 100,000 articles. (Each call is planned with its
words: PostgreSQL keeps choosing custom plans here, as a generic one would call the
function on every row.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import asyncpg

from storage.articles import ARTICLE_COLUMNS, article_from_row
from storage.fts import fts_terms, recent_page
from storage.postgres.values import pg_text
from storage.postgres.words import WORDS_QUERY, prefix_applies, search_phrases
from storage.rows import ArticleHit, ArticleInput, ArticleRow

# Title matches count ten times body matches (D, C, B, A weights), near SQLite's 8:1 bm25.
RANK_WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
_SHORT_REF = re.compile(r"#?(\d{1,12})")
_MAX_KEY = 2**63 - 1


class PgArticleQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _rows(self, sql: str, *params: object) -> list[ArticleRow]:
        return [article_from_row(r) for r in await self._pool.fetch(sql, *params)]

    async def latest(self, limit: int = 10, offset: int = 0) -> list[ArticleRow]:
        """Newest first, by publication date (ingestion time where none is known)."""
        return await self._rows(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a "
            "ORDER BY coalesce(a.published, a.ingested_at) DESC, a.key DESC LIMIT $1 OFFSET $2",
            limit,
            offset,
        )

    async def get(self, key: int) -> ArticleRow | None:
        if not 0 < key <= _MAX_KEY:
            return None
        found = await self._rows(f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.key = $1", key)
        return found[0] if found else None

    async def by_id(self, article_id: str) -> ArticleRow | None:
        found = await self._rows(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = $1", pg_text(article_id)
        )
        return found[0] if found else None

    async def resolve(self, reference: str) -> ArticleRow | None:
        """An article named by its short number (``42``, ``#42``) or its full id."""
        reference = reference.strip()
        match = _SHORT_REF.fullmatch(reference)
        if match:
            found = await self.get(int(match.group(1)))
            if found:
                return found
        return await self.by_id(reference) if reference else None

    async def duplicate_of(
        self, *, urls: Sequence[str | None] = (), content_hash: str | None = None
    ) -> ArticleRow | None:
        """A stored article with one of ``urls`` or the same title and text, if any."""
        for url in dict.fromkeys(pg_text(u) for u in urls if u):
            found = await self._rows(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.url = $1 OR a.id = $1 "
                "ORDER BY a.key LIMIT 1",
                url,
            )
            if found:
                return found[0]
        if content_hash:
            found = await self._rows(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.content_hash = $1 "
                "ORDER BY a.key LIMIT 1",
                pg_text(content_hash),
            )
            if found:
                return found[0]
        return None

    async def text(self, key: int) -> str | None:
        if not 0 < key <= _MAX_KEY:
            return None
        value = await self._pool.fetchval("SELECT text FROM articles WHERE key = $1", key)
        return str(value) if value is not None else None

    async def outdated(
        self, version: int, after_key: int = 0, limit: int = 200
    ) -> list[tuple[int, ArticleInput]]:
        """``(key, stored input)`` of articles analysed by an analyzer older than ``version``."""
        rows = await self._pool.fetch(
            "SELECT key, id, text, given_title, url, published, source FROM articles "
            "WHERE analyzer_version < $1 AND key > $2 ORDER BY key LIMIT $3",
            version,
            after_key,
            limit,
        )
        return [(int(r[0]), ArticleInput(*r[1:])) for r in rows]

    async def search_recent(
        self,
        words: str,
        limit: int = 10,
        offset: int = 0,
        *,
        window: int = 200,
        prefix: bool = False,
        ranked: bool = True,
    ) -> list[ArticleHit]:
        """Matches for ``words``: the newest ``window`` best first, then older ones newest
        first; all words when some article has them all, else any (as on SQLite)."""
        phrases = search_phrases(words)
        if not phrases:
            return []
        query = (phrases, False, prefix_applies(words, prefix))
        hits = await self._recent(query, limit, offset, window, ranked)
        if hits or len(fts_terms(words)) == 1:
            return hits
        if offset and await self._matches_any(query):
            return hits  # paged past the end of the articles with all the words
        return await self._recent((phrases, True, query[2]), limit, offset, window, ranked)

    async def _recent(
        self,
        query: tuple[list[str], bool, bool],
        limit: int,
        offset: int,
        window: int,
        ranked: bool,
    ) -> list[ArticleHit]:
        return await recent_page(
            limit,
            offset,
            window if ranked else 0,
            lambda size, skip: self._ranked_window(query, window, size, skip),
            lambda size, skip: self._newest_matches(query, size, skip),
        )

    async def _matches_any(self, query: tuple[list[str], bool, bool]) -> bool:
        found = await self._pool.fetchval(
            f"SELECT 1 FROM articles WHERE search @@ {WORDS_QUERY} LIMIT 1",
            *query,
        )
        return found is not None

    async def _ranked_window(
        self, query: tuple[list[str], bool, bool], window: int, limit: int, offset: int
    ) -> list[ArticleHit]:
        rows = await self._pool.fetch(
            f"""
            WITH newest AS (
                SELECT key, search FROM articles
                WHERE search @@ {WORDS_QUERY} ORDER BY key DESC LIMIT $4
            ), ranked AS (
                SELECT key, ts_rank_cd({RANK_WEIGHTS}, search, {WORDS_QUERY}) AS score FROM newest
                ORDER BY score DESC, key DESC LIMIT $5 OFFSET $6
            )
            SELECT {ARTICLE_COLUMNS}, r.score FROM ranked r JOIN articles a ON a.key = r.key
            ORDER BY r.score DESC, a.key DESC
            """,
            *query,
            window,
            limit,
            offset,
        )
        return [ArticleHit(article_from_row(r), -float(r[17])) for r in rows]

    async def _newest_matches(
        self, query: tuple[list[str], bool, bool], limit: int, offset: int
    ) -> list[ArticleHit]:
        rows = await self._pool.fetch(
            f"""
            SELECT {ARTICLE_COLUMNS} FROM (
                SELECT key FROM articles WHERE search @@ {WORDS_QUERY}
                ORDER BY key DESC LIMIT $4 OFFSET $5
            ) m JOIN articles a ON a.key = m.key ORDER BY a.key DESC
            """,
            *query,
            limit,
            offset,
        )
        return [ArticleHit(article_from_row(r), 0.0) for r in rows]
