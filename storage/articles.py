"""Article queries: latest, by reference, full-text search, outdated analyses."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import aiosqlite

from storage.fts import fts_query, fts_terms, recent_page
from storage.rows import ArticleHit, ArticleInput, ArticleRow

ARTICLE_COLUMNS = """
    a.key, a.id, a.title, a.source, a.url, a.published, a.ingested_at, a.updated_at,
    a.dateline_place, a.dateline_country, a.dateline_date, a.dateline_agency,
    a.summary, a.summary_short, a.summary_long,
    (SELECT count(*) FROM quotes q WHERE q.article_key = a.key AND q.kind != 'reported'),
    (SELECT count(*) FROM mentions m WHERE m.article_key = a.key)
"""
_SHORT_REF = re.compile(r"#?(\d{1,12})")


def article_from_row(row: Sequence[object]) -> ArticleRow:
    place, country, date, agency = row[8:12]
    dateline = None
    if place:
        dateline = str(place) + (f" [{country}]" if country else "")
        dateline += f", {date}" if date else ""
        dateline += f" ({agency})" if agency else ""
    return ArticleRow(
        key=int(row[0]),  # type: ignore[arg-type]
        id=str(row[1]),
        title=str(row[2]),
        source=row[3],  # type: ignore[arg-type]
        url=row[4],  # type: ignore[arg-type]
        published=row[5],  # type: ignore[arg-type]
        ingested_at=str(row[6]),
        updated_at=str(row[7]),
        dateline=dateline,
        summary=tuple(json.loads(str(row[12]))),
        summary_short=tuple(json.loads(str(row[13]))),
        summary_long=tuple(json.loads(str(row[14]))),
        quote_count=int(row[15]),  # type: ignore[arg-type]
        people_count=int(row[16]),  # type: ignore[arg-type]
    )


class ArticleQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def latest(self, limit: int = 10, offset: int = 0) -> list[ArticleRow]:
        """Newest first, by publication date (ingestion time where none is known)."""
        async with self._db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a "
            "ORDER BY coalesce(a.published, a.ingested_at) DESC, a.key DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ) as cursor:
            return [article_from_row(r) for r in await cursor.fetchall()]

    async def get(self, key: int) -> ArticleRow | None:
        async with self._db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.key = ?", (key,)
        ) as cursor:
            row = await cursor.fetchone()
        return article_from_row(row) if row else None

    async def by_id(self, article_id: str) -> ArticleRow | None:
        # Stored ids hold no NUL (``storage.writer.storable``), as on PostgreSQL.
        async with self._db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?",
            (article_id.replace("\x00", ""),),
        ) as cursor:
            row = await cursor.fetchone()
        return article_from_row(row) if row else None

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
        for url in dict.fromkeys(u for u in urls if u):
            async with self._db.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.url = ? OR a.id = ? "
                "ORDER BY a.key LIMIT 1",
                (url, url),
            ) as cursor:
                row = await cursor.fetchone()
            if row:
                return article_from_row(row)
        if content_hash:
            async with self._db.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.content_hash = ? "
                "ORDER BY a.key LIMIT 1",
                (content_hash,),
            ) as cursor:
                row = await cursor.fetchone()
            if row:
                return article_from_row(row)
        return None

    async def text(self, key: int) -> str | None:
        async with self._db.execute("SELECT text FROM articles WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    async def outdated(
        self, version: int, after_key: int = 0, limit: int = 200
    ) -> list[tuple[int, ArticleInput]]:
        """``(key, stored input)`` of articles analysed by an analyzer older than ``version``."""
        async with self._db.execute(
            "SELECT key, id, text, given_title, url, published, source FROM articles "
            "WHERE analyzer_version < ? AND key > ? ORDER BY key LIMIT ?",
            (version, after_key, limit),
        ) as cursor:
            return [(int(r[0]), ArticleInput(*r[1:])) for r in await cursor.fetchall()]

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
        """Matches for ``words`` in a time bounded by the window, not by how common they are.

        The newest ``window`` matches come first, best bm25 score first; older matches follow,
        newest first. FTS5 walks its index newest first and stops, so a common word costs
        as little as a rare one. All words must match when any article has them all, else any.
        With ``prefix`` the last word also matches as a prefix (for search as you type);
        without ``ranked`` every match comes newest first (bm25 is skipped: its cost grows
        with how common the words are).
        """
        query = fts_query(words, prefix_last=prefix)
        if query is None:
            return []
        hits = await self._recent(query, limit, offset, window, ranked)
        if hits or len(fts_terms(words)) == 1:
            return hits
        if offset and await self._matches_any(query):
            return hits  # paged past the end of the articles with all the words
        any_query = fts_query(words, any_term=True, prefix_last=prefix)
        assert any_query is not None
        return await self._recent(any_query, limit, offset, window, ranked)

    async def _recent(
        self, query: str, limit: int, offset: int, window: int, ranked: bool
    ) -> list[ArticleHit]:
        return await recent_page(
            limit,
            offset,
            window if ranked else 0,
            lambda size, skip: self._ranked_window(query, window, size, skip),
            lambda size, skip: self._newest_matches(query, size, skip),
        )

    async def _matches_any(self, query: str) -> bool:
        rows = await self._db.execute_fetchall(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
        )
        return bool(rows)

    async def _ranked_window(
        self, query: str, window: int, limit: int, offset: int
    ) -> list[ArticleHit]:
        rows = await self._db.execute_fetchall(
            f"""
            SELECT {ARTICLE_COLUMNS}, m.score FROM (
                SELECT rowid, score FROM (
                    SELECT rowid, bm25(articles_fts, 8.0, 1.0) AS score FROM articles_fts
                    WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?
                ) ORDER BY score, rowid DESC LIMIT ? OFFSET ?
            ) m JOIN articles a ON a.key = m.rowid
            ORDER BY m.score, a.key DESC
            """,
            (query, window, limit, offset),
        )
        return [ArticleHit(article_from_row(r), float(r[17])) for r in rows]

    async def _newest_matches(self, query: str, limit: int, offset: int) -> list[ArticleHit]:
        rows = await self._db.execute_fetchall(
            f"""
            SELECT {ARTICLE_COLUMNS} FROM (
                SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
                ORDER BY rowid DESC LIMIT ? OFFSET ?
            ) m JOIN articles a ON a.key = m.rowid ORDER BY a.key DESC
            """,
            (query, limit, offset),
        )
        return [ArticleHit(article_from_row(r), 0.0) for r in rows]
