"""Exporting the store: quotes, people and articles as rows, read in batches, and their CSV and
JSON Lines forms.

Rows come article by article (oldest first, or newest first), a batch of articles at a time, so
an export of the whole store never holds more than one batch in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from typing import Any

import aiosqlite

BATCH = 500
BOM = "\ufeff"
# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class QuoteExport:
    article: int
    article_id: str
    headline: str
    date: str
    url: str | None
    speaker: str | None
    role: str | None
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class PersonExport:
    name: str
    role: str | None
    mentions: int
    quotes: int
    article: int
    article_id: str
    headline: str
    date: str
    url: str | None


@dataclass(frozen=True, slots=True)
class ArticleExport:
    article: int
    article_id: str
    headline: str
    date: str
    published: str | None
    ingested_at: str
    url: str | None
    source: str | None
    summary: str
    quotes: int
    people: int


ExportRow = QuoteExport | PersonExport | ArticleExport

_DATE = "substr(coalesce(a.published, a.ingested_at), 1, 10)"


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class ExportQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

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
        of_person = ""
        person: tuple[object, ...] = ()
        if speaker_id is not None:
            of_person = "AND key IN (SELECT article_key FROM quotes WHERE speaker_id = ?)"
            person = (speaker_id,)
        sql = (
            f"SELECT key FROM articles WHERE key {compare} ? {of_person} "
            f"AND (? IS NULL OR ingested_at >= ?) ORDER BY key {order} LIMIT ?"
        )
        while True:
            params = (after, *person, since, since, batch)
            async with self._db.execute(sql, params) as cursor:
                keys = [int(r[0]) for r in await cursor.fetchall()]
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
            speaker = "AND q.speaker_id = ?" if person_id is not None else ""
            order = "DESC" if newest_first else "ASC"
            async with self._db.execute(
                f"""
                SELECT a.key, a.id, a.title, {_DATE}, a.url, q.speaker, q.speaker_role, q.kind,
                       q.text
                FROM quotes q JOIN articles a ON a.key = q.article_key
                WHERE q.article_key IN ({_placeholders(keys)}) {speaker}
                ORDER BY q.article_key {order}, q.position
                """,
                (*keys, *(() if person_id is None else (person_id,))),
            ) as cursor:
                for row in await cursor.fetchall():
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
            async with self._db.execute(
                f"""
                SELECT p.name, coalesce(m.role, p.role), m.mentions, m.quotes,
                       a.key, a.id, a.title, {_DATE}, a.url
                FROM mentions m JOIN people p ON p.id = m.person_id
                JOIN articles a ON a.key = m.article_key
                WHERE m.article_key IN ({_placeholders(keys)})
                ORDER BY m.article_key {order}, m.quotes DESC, m.mentions DESC, p.name
                """,
                keys,
            ) as cursor:
                for row in await cursor.fetchall():
                    yield PersonExport(*row)

    async def articles(
        self, *, since: str | None = None, newest_first: bool = False
    ) -> AsyncIterator[ArticleExport]:
        async for keys in self._keys(None, since, None, newest_first):
            order = "DESC" if newest_first else "ASC"
            async with self._db.execute(
                f"""
                SELECT a.key, a.id, a.title, {_DATE}, a.published, a.ingested_at, a.url,
                       a.source, a.summary,
                       (SELECT count(*) FROM quotes q
                        WHERE q.article_key = a.key AND q.kind != 'reported'),
                       (SELECT count(*) FROM mentions m WHERE m.article_key = a.key)
                FROM articles a WHERE a.key IN ({_placeholders(keys)}) ORDER BY a.key {order}
                """,
                keys,
            ) as cursor:
                for row in await cursor.fetchall():
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


# Formats ----------------------------------------------------------------------------------
def header(kind: type[ExportRow]) -> list[str]:
    return [f.name for f in fields(kind)]


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_text(rows: Iterable[ExportRow], kind: type[ExportRow] | None = None) -> str:
    """CSV lines (Excel dialect: commas, double quotes, CRLF) of ``rows``; with ``kind``
    the header line first. Text that a spreadsheet would run as a formula gets a leading
    apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if kind is not None:
        writer.writerow(header(kind))
    for row in rows:
        writer.writerow([_cell(v) for v in astuple(row)])
    return buffer.getvalue()


def jsonl_text(rows: Iterable[ExportRow]) -> str:
    return "".join(
        json.dumps(dict(zip(header(type(row)), astuple(row), strict=True)), ensure_ascii=False)
        + "\n"
        for row in rows
    )
