"""People queries on PostgreSQL: by name or alias, by article, most mentioned, profiles."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import asyncpg

from storage.articles import ARTICLE_COLUMNS, article_from_row
from storage.names import name_key, surname_key
from storage.people import _KEPT_TOTALS, _TOTALS, _prefix_bounds, person_from_row
from storage.postgres.values import pg_text
from storage.quotes import QUOTE_COLUMNS, quote_from_row
from storage.rows import PersonProfile, PersonRow

# Every person's totals from the mentions (the trigger of migration 6 keeps them after).
RECOUNT_TOTALS = """
    UPDATE people p SET mentions_total = coalesce(t.mentions, 0),
        quotes_total = coalesce(t.quotes, 0), articles_total = coalesce(t.articles, 0)
    FROM people q LEFT JOIN (
        SELECT person_id, sum(mentions) AS mentions, sum(quotes) AS quotes, count(*) AS articles
        FROM mentions GROUP BY person_id
    ) t ON t.person_id = q.id
    WHERE p.id = q.id
"""


class PgPeopleQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _people(self, where: str, params: Sequence[object], limit: int) -> list[PersonRow]:
        """``where`` names its parameters ``$1`` … ``$n``; the limit comes after them."""
        rows = await self._pool.fetch(
            f"""
            SELECT {_KEPT_TOTALS} FROM people p WHERE {where}
            ORDER BY p.mentions_total DESC, p.name LIMIT ${len(params) + 1}
            """,
            *params,
            limit,
        )
        return [person_from_row(r) for r in rows]

    async def get(self, person_id: int) -> PersonRow | None:
        found = await self._people("p.id = $1", (person_id,), 1)
        return found[0] if found else None

    async def find(self, name: str, limit: int = 10) -> list[PersonRow]:
        """People called ``name``: full name or alias first, then surname, then name prefix."""
        name = pg_text(name)
        key = name_key(name)
        if not key:
            return []
        # One IN over a UNION: with ``name_key = $1 OR id IN (…)`` PostgreSQL read every person.
        exact = await self._people(
            "p.id IN (SELECT id FROM people WHERE name_key = $1 "
            "UNION SELECT person_id FROM person_aliases WHERE alias_key = $1)",
            (key,),
            limit,
        )
        if exact:
            return exact
        by_surname = await self._people("p.surname = $1", (surname_key(name),), limit)
        if by_surname and " " not in key:
            return by_surname
        return await self.by_prefix(name, limit)

    async def by_prefix(self, prefix: str, limit: int = 10) -> list[PersonRow]:
        """People whose full name or surname starts with ``prefix``."""
        key = name_key(pg_text(prefix))
        if not key:
            return []
        low, high = _prefix_bounds(key)
        return await self._people(
            "(p.name_key >= $1 AND p.name_key < $2) OR (p.surname >= $1 AND p.surname < $2)",
            (low, high),
            limit,
        )

    async def by_article(self, article_key: int) -> list[PersonRow]:
        """The people of one article with their role, mentions and quotes there."""
        rows = await self._pool.fetch(
            """
            SELECT p.id, p.name, coalesce(m.role, p.role), m.mentions, m.quotes, 1
            FROM mentions m JOIN people p ON p.id = m.person_id
            WHERE m.article_key = $1
            ORDER BY m.quotes DESC, m.mentions DESC, p.name
            """,
            article_key,
        )
        return [person_from_row(r) for r in rows]

    async def most_mentioned(
        self, newest_articles: int = 20, limit: int = 10, offset: int = 0
    ) -> list[PersonRow]:
        """The people of the newest articles, most mentioned first."""
        rows = await self._pool.fetch(
            f"""
            SELECT {_TOTALS} FROM mentions m JOIN people p ON p.id = m.person_id
            WHERE m.article_key IN (
                SELECT key FROM articles ORDER BY ingested_at DESC, key DESC LIMIT $1
            )
            GROUP BY p.id ORDER BY sum(m.mentions) DESC, sum(m.quotes) DESC, p.name
            LIMIT $2 OFFSET $3
            """,
            newest_articles,
            limit,
            offset,
        )
        return [person_from_row(r) for r in rows]

    async def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Names close to ``name`` (typos, partial spellings), best first."""
        words = name_key(pg_text(name)).split()
        if not words:
            return []
        candidates: dict[str, str] = {}
        for word in {words[0], words[-1]}:
            low, high = _prefix_bounds(word[:2])
            for full, alias in await self._pool.fetch(
                """
                SELECT p.name, a.alias_key FROM person_aliases a JOIN people p
                ON p.id = a.person_id WHERE a.alias_key >= $1 AND a.alias_key < $2 LIMIT 2000
                """,
                low,
                high,
            ):
                candidates.setdefault(str(alias), str(full))
            for full, surname in await self._pool.fetch(
                "SELECT name, surname FROM people WHERE surname >= $1 AND surname < $2 LIMIT 2000",
                low,
                high,
            ):
                candidates.setdefault(str(surname), str(full))
                candidates.setdefault(name_key(str(full)), str(full))
        close = difflib.get_close_matches(
            " ".join(words), list(candidates), n=limit * 3, cutoff=0.6
        )
        names: list[str] = []
        for match in close:
            full = candidates[match]
            if full not in names:
                names.append(full)
        return names[:limit]

    async def profile(
        self, person_id: int, articles: int = 5, quotes: int = 5
    ) -> PersonProfile | None:
        person = await self.get(person_id)
        if person is None:
            return None
        aliases = await self._pool.fetch(
            "SELECT alias FROM person_aliases WHERE person_id = $1 AND alias <> $2 ORDER BY alias",
            person_id,
            person.name,
        )
        roles = await self._pool.fetch(
            """
            SELECT m.role FROM mentions m JOIN articles a ON a.key = m.article_key
            WHERE m.person_id = $1 AND m.role IS NOT NULL
            GROUP BY m.role ORDER BY max(a.ingested_at) DESC
            """,
            person_id,
        )
        article_rows = await self._pool.fetch(
            f"""
            SELECT {ARTICLE_COLUMNS} FROM mentions m JOIN articles a ON a.key = m.article_key
            WHERE m.person_id = $1 ORDER BY a.ingested_at DESC, a.key DESC LIMIT $2
            """,
            person_id,
            articles,
        )
        quote_rows = await self._pool.fetch(
            f"""
            SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.speaker_id = $1 ORDER BY q.article_key DESC, q.position LIMIT $2
            """,
            person_id,
            quotes,
        )
        return PersonProfile(
            person,
            tuple(str(r[0]) for r in aliases),
            tuple(str(r[0]) for r in roles),
            tuple(article_from_row(r) for r in article_rows),
            tuple(quote_from_row(r) for r in quote_rows),
        )
