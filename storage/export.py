"""Exporting the store from SQLite (the batching is ``storage.export_rows``), and the CSV and
JSON Lines forms of the rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import astuple, fields
from typing import Any

import aiosqlite

from storage.export_rows import BATCH as BATCH
from storage.export_rows import DATE_SQL, ExportReader, KeyPage, Row, key_order
from storage.export_rows import ArticleExport as ArticleExport
from storage.export_rows import ExportRow as ExportRow
from storage.export_rows import PersonExport as PersonExport
from storage.export_rows import QuoteExport as QuoteExport

BOM = "\ufeff"
# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class ExportQueries(ExportReader):
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def _key_batch(self, page: KeyPage) -> list[int]:
        compare, order = key_order(page.newest_first)
        of_person = ""
        person: tuple[object, ...] = ()
        if page.speaker_id is not None:
            of_person = "AND key IN (SELECT article_key FROM quotes WHERE speaker_id = ?)"
            person = (page.speaker_id,)
        async with self._db.execute(
            f"SELECT key FROM articles WHERE key {compare} ? {of_person} "
            f"AND (? IS NULL OR ingested_at >= ?) ORDER BY key {order} LIMIT ?",
            (page.after, *person, page.since, page.since, page.size),
        ) as cursor:
            return [int(r[0]) for r in await cursor.fetchall()]

    async def _quote_rows(self, keys: list[int], person_id: int | None, order: str) -> list[Row]:
        speaker = "AND q.speaker_id = ?" if person_id is not None else ""
        return list(
            await self._db.execute_fetchall(
                f"""
                SELECT a.key, a.id, a.title, {DATE_SQL}, a.url, q.speaker, q.speaker_role,
                       q.kind, q.text
                FROM quotes q JOIN articles a ON a.key = q.article_key
                WHERE q.article_key IN ({_placeholders(keys)}) {speaker}
                ORDER BY q.article_key {order}, q.position
                """,
                (*keys, *(() if person_id is None else (person_id,))),
            )
        )

    async def _person_rows(self, keys: list[int], order: str) -> list[Row]:
        return list(
            await self._db.execute_fetchall(
                f"""
                SELECT p.name, coalesce(m.role, p.role), m.mentions, m.quotes,
                       a.key, a.id, a.title, {DATE_SQL}, a.url
                FROM mentions m JOIN people p ON p.id = m.person_id
                JOIN articles a ON a.key = m.article_key
                WHERE m.article_key IN ({_placeholders(keys)})
                ORDER BY m.article_key {order}, m.quotes DESC, m.mentions DESC, p.name
                """,
                keys,
            )
        )

    async def _article_rows(self, keys: list[int], order: str) -> list[Row]:
        return list(
            await self._db.execute_fetchall(
                f"""
                SELECT a.key, a.id, a.title, {DATE_SQL}, a.published, a.ingested_at, a.url,
                       a.source, a.summary,
                       (SELECT count(*) FROM quotes q
                        WHERE q.article_key = a.key AND q.kind != 'reported'),
                       (SELECT count(*) FROM mentions m WHERE m.article_key = a.key)
                FROM articles a WHERE a.key IN ({_placeholders(keys)}) ORDER BY a.key {order}
                """,
                keys,
            )
        )


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
