"""The articles a digest is built from: a window of ingestion times, keyword filters, quotes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.articles import ARTICLE_COLUMNS, article_from_row
from storage.fts import fts_terms
from storage.rows import ArticleRow

CANDIDATE_CAP = 500


@dataclass(frozen=True, slots=True)
class DigestQuote:
    kind: str
    text: str
    speaker: str | None
    speaker_role: str | None
    speaker_articles: int


@dataclass(frozen=True, slots=True)
class DigestCandidate:
    article: ArticleRow
    quotes: tuple[DigestQuote, ...]


def keyword_match(keywords: Sequence[str]) -> str | None:
    """An FTS5 expression matching any of ``keywords`` (each a word or a phrase), or ``None``.

    Every keyword becomes one quoted FTS phrase of its plain words, so nothing a user types
    reaches FTS syntax.
    """
    phrases = []
    for keyword in keywords:
        terms = fts_terms(keyword)
        if terms:
            phrases.append('"' + " ".join(t.replace('"', '""') for t in terms) + '"')
    return " OR ".join(phrases) if phrases else None


class DigestArticles:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def candidates(
        self,
        since: str,
        until: str,
        *,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        cap: int = CANDIDATE_CAP,
    ) -> tuple[list[DigestCandidate], int]:
        """Articles ingested in ``(since, until]`` that match any ``include`` keyword (when
        there are some) and no ``exclude`` keyword, newest first, with their quotes; and how
        many there are in all (the list stops at ``cap``)."""
        where = ["a.ingested_at > ?", "a.ingested_at <= ?"]
        params: list[object] = [since, until]
        wanted = keyword_match(include)
        if wanted is not None:
            where.append("a.key IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(wanted)
        unwanted = keyword_match(exclude)
        if unwanted is not None:
            where.append("a.key NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(unwanted)
        clause = " AND ".join(where)
        async with self._db.execute(
            f"SELECT count(*) FROM articles a WHERE {clause}", params
        ) as cursor:
            row = await cursor.fetchone()
        total = int(row[0]) if row else 0
        if total == 0:
            return [], 0
        async with self._db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE {clause} "
            "ORDER BY a.ingested_at DESC, a.key DESC LIMIT ?",
            (*params, cap),
        ) as cursor:
            articles = [article_from_row(r) for r in await cursor.fetchall()]
        quotes: dict[int, list[DigestQuote]] = {a.key: [] for a in articles}
        async with self._db.execute(
            """
            SELECT q.article_key, q.kind, q.text, q.speaker, q.speaker_role,
                   (SELECT count(*) FROM mentions m WHERE m.person_id = q.speaker_id)
            FROM quotes q
            WHERE q.article_key IN (SELECT value FROM json_each(?))
            ORDER BY q.article_key, q.position
            """,
            (json.dumps(list(quotes)),),
        ) as cursor:
            for key, kind, text, speaker, role, articles_count in await cursor.fetchall():
                quotes[int(key)].append(
                    DigestQuote(str(kind), str(text), speaker, role, int(articles_count))
                )
        return [DigestCandidate(a, tuple(quotes[a.key])) for a in articles], total
