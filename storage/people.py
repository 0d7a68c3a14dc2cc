"""People queries: find by name or alias, by article, most mentioned, profiles, suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import aiosqlite

from storage.articles import ARTICLE_COLUMNS, article_from_row
from storage.names import name_key, surname_key
from storage.quotes import QUOTE_COLUMNS, quote_from_row
from storage.rows import PersonProfile, PersonRow

_TOTALS = """
    p.id, p.name, p.role,
    coalesce(sum(m.mentions), 0), coalesce(sum(m.quotes), 0), count(m.article_key)
"""


# A person's totals over all articles, kept in the row by triggers on mentions (migration 7).
_KEPT_TOTALS = "p.id, p.name, p.role, p.mentions_total, p.quotes_total, p.articles_total"


def person_from_row(row: Sequence[object]) -> PersonRow:
    return PersonRow(
        id=int(row[0]),  # type: ignore[arg-type]
        name=str(row[1]),
        role=row[2],  # type: ignore[arg-type]
        mentions=int(row[3]),  # type: ignore[arg-type]
        quotes=int(row[4]),  # type: ignore[arg-type]
        articles=int(row[5]),  # type: ignore[arg-type]
    )


def _prefix_bounds(prefix: str) -> tuple[str, str]:
    """``[prefix, prefix+1)`` for an index range scan instead of ``LIKE``."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


class PeopleQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def _people(self, where: str, params: Sequence[object], limit: int) -> list[PersonRow]:
        rows = await self._db.execute_fetchall(
            f"""
            SELECT {_KEPT_TOTALS} FROM people p WHERE {where}
            ORDER BY p.mentions_total DESC, p.name LIMIT ?
            """,
            (*params, limit),
        )
        return [person_from_row(r) for r in rows]

    async def get(self, person_id: int) -> PersonRow | None:
        found = await self._people("p.id = ?", (person_id,), 1)
        return found[0] if found else None

    async def find(self, name: str, limit: int = 10) -> list[PersonRow]:
        """People called ``name``: full name or alias first, then surname, then name prefix."""
        key = name_key(name)
        if not key:
            return []
        exact = await self._people(
            "p.name_key = ? OR p.id IN (SELECT person_id FROM person_aliases WHERE alias_key = ?)",
            (key, key),
            limit,
        )
        if exact:
            return exact
        by_surname = await self._people("p.surname = ?", (surname_key(name),), limit)
        if by_surname and " " not in key:
            return by_surname
        return await self.by_prefix(name, limit)

    async def by_prefix(self, prefix: str, limit: int = 10) -> list[PersonRow]:
        """People whose full name or surname starts with ``prefix``."""
        key = name_key(prefix)
        if not key:
            return []
        low, high = _prefix_bounds(key)
        return await self._people(
            "(p.name_key >= ? AND p.name_key < ?) OR (p.surname >= ? AND p.surname < ?)",
            (low, high, low, high),
            limit,
        )

    async def by_article(self, article_key: int) -> list[PersonRow]:
        """The people of one article with their role, mentions and quotes there."""
        async with self._db.execute(
            """
            SELECT p.id, p.name, coalesce(m.role, p.role), m.mentions, m.quotes, 1
            FROM mentions m JOIN people p ON p.id = m.person_id
            WHERE m.article_key = ?
            ORDER BY m.quotes DESC, m.mentions DESC, p.name
            """,
            (article_key,),
        ) as cursor:
            return [person_from_row(r) for r in await cursor.fetchall()]

    async def most_mentioned(
        self, newest_articles: int = 20, limit: int = 10, offset: int = 0
    ) -> list[PersonRow]:
        """The people of the newest articles, most mentioned first."""
        async with self._db.execute(
            f"""
            SELECT {_TOTALS} FROM mentions m JOIN people p ON p.id = m.person_id
            WHERE m.article_key IN (
                SELECT key FROM articles ORDER BY ingested_at DESC, key DESC LIMIT ?
            )
            GROUP BY p.id ORDER BY sum(m.mentions) DESC, sum(m.quotes) DESC, p.name
            LIMIT ? OFFSET ?
            """,
            (newest_articles, limit, offset),
        ) as cursor:
            return [person_from_row(r) for r in await cursor.fetchall()]

    async def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Names close to ``name`` (typos, partial spellings), best first."""
        words = name_key(name).split()
        if not words:
            return []
        candidates: dict[str, str] = {}
        for word in {words[0], words[-1]}:
            low, high = _prefix_bounds(word[:2])
            async with self._db.execute(
                """
                SELECT p.name, a.alias_key FROM person_aliases a JOIN people p
                ON p.id = a.person_id WHERE a.alias_key >= ? AND a.alias_key < ? LIMIT 2000
                """,
                (low, high),
            ) as cursor:
                for full, alias in await cursor.fetchall():
                    candidates.setdefault(str(alias), str(full))
            async with self._db.execute(
                "SELECT name, surname FROM people WHERE surname >= ? AND surname < ? LIMIT 2000",
                (low, high),
            ) as cursor:
                for full, surname in await cursor.fetchall():
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
        async with self._db.execute(
            "SELECT alias FROM person_aliases WHERE person_id = ? AND alias != ? ORDER BY alias",
            (person_id, person.name),
        ) as cursor:
            aliases = tuple(str(r[0]) for r in await cursor.fetchall())
        async with self._db.execute(
            """
            SELECT m.role FROM mentions m JOIN articles a ON a.key = m.article_key
            WHERE m.person_id = ? AND m.role IS NOT NULL
            GROUP BY m.role ORDER BY max(a.ingested_at) DESC
            """,
            (person_id,),
        ) as cursor:
            roles = tuple(str(r[0]) for r in await cursor.fetchall())
        async with self._db.execute(
            f"""
            SELECT {ARTICLE_COLUMNS} FROM mentions m JOIN articles a ON a.key = m.article_key
            WHERE m.person_id = ? ORDER BY a.ingested_at DESC, a.key DESC LIMIT ?
            """,
            (person_id, articles),
        ) as cursor:
            article_rows = tuple(article_from_row(r) for r in await cursor.fetchall())
        async with self._db.execute(
            f"""
            SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.speaker_id = ? ORDER BY q.article_key DESC, q.position LIMIT ?
            """,
            (person_id, quotes),
        ) as cursor:
            quote_rows = tuple(quote_from_row(r) for r in await cursor.fetchall())
        return PersonProfile(person, aliases, roles, article_rows, quote_rows)
