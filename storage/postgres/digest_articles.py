"""The articles a digest is built from, on PostgreSQL (see ``storage.digest_articles``)."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from storage.articles import ARTICLE_COLUMNS, article_from_row
from storage.digest_articles import CANDIDATE_CAP, DigestCandidate, DigestQuote
from storage.postgres.words import keyword_phrases


class PgDigestArticles:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

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
        where = ["a.ingested_at > $1", "a.ingested_at <= $2"]
        params: list[object] = [since, until]
        wanted = keyword_phrases(include)
        if wanted:
            params.append(wanted)
            where.append(f"a.search @@ (SELECT newsroom_query(${len(params)}, true, false))")
        unwanted = keyword_phrases(exclude)
        if unwanted:
            params.append(unwanted)
            where.append(f"NOT (a.search @@ (SELECT newsroom_query(${len(params)}, true, false)))")
        clause = " AND ".join(where)
        total = int(
            await self._pool.fetchval(f"SELECT count(*) FROM articles a WHERE {clause}", *params)
        )
        if total == 0:
            return [], 0
        rows = await self._pool.fetch(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE {clause} "
            f"ORDER BY a.ingested_at DESC, a.key DESC LIMIT ${len(params) + 1}",
            *params,
            cap,
        )
        articles = [article_from_row(r) for r in rows]
        quotes: dict[int, list[DigestQuote]] = {a.key: [] for a in articles}
        for key, kind, text, speaker, role, articles_count in await self._pool.fetch(
            """
            SELECT q.article_key, q.kind, q.text, q.speaker, q.speaker_role,
                   (SELECT count(*) FROM mentions m WHERE m.person_id = q.speaker_id)
            FROM quotes q
            WHERE q.article_key = ANY($1::bigint[])
            ORDER BY q.article_key, q.position
            """,
            list(quotes),
        ):
            quotes[int(key)].append(
                DigestQuote(str(kind), str(text), speaker, role, int(articles_count))
            )
        return [DigestCandidate(a, tuple(quotes[a.key])) for a in articles], total
