"""The rows of an export (quotes, people, articles) and how both backends read them: a batch
of articles at a time, oldest first or newest first, so an export of the whole store never
holds more than one batch in memory. Each backend supplies only its SQL (``ExportReader``)."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

BATCH = 500
# The day an article is filed under: published, else stored (ISO text on both backends).
DATE_SQL = "substr(coalesce(a.published, a.ingested_at), 1, 10)"

Row = Sequence[Any]


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


def key_order(newest_first: bool) -> tuple[str, str]:
    """The comparison that pages on from the last key seen, and the SQL order of keys."""
    return ("<", "DESC") if newest_first else (">", "ASC")


@dataclass(frozen=True, slots=True)
class KeyPage:
    """One batch of article keys to read: up to ``size`` keys past ``after`` in key order
    (newest first: downwards), of articles quoting ``speaker_id`` (any when ``None``) and
    stored at or after ``since`` (any when ``None``)."""

    after: int
    since: str | None
    speaker_id: int | None
    newest_first: bool
    size: int


def article_export(row: Row) -> ArticleExport:
    """A row of eleven columns whose ninth is the summary as a JSON list of sentences."""
    summary = " ".join(json.loads(str(row[8])))
    return ArticleExport(*row[:8], summary, int(row[9]), int(row[10]))


class ExportReader(ABC):
    """The batching and row shaping of an export; a backend fills in the five queries."""

    @abstractmethod
    async def _key_batch(self, page: KeyPage) -> list[int]:
        """The keys of one ``page``, in its order."""

    @abstractmethod
    async def _quote_rows(self, keys: list[int], person_id: int | None, order: str) -> list[Row]:
        """The columns of ``QuoteExport`` for the quotes of these articles (of the person)."""

    @abstractmethod
    async def _person_rows(self, keys: list[int], order: str) -> list[Row]:
        """The columns of ``PersonExport`` for the people of these articles."""

    @abstractmethod
    async def _article_rows(self, keys: list[int], order: str) -> list[Row]:
        """The columns of ``ArticleExport`` for these articles (``article_export`` shapes)."""

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
        while True:
            keys = await self._key_batch(KeyPage(after, since, speaker_id, newest_first, batch))
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
        _, order = key_order(newest_first)
        async for keys in self._keys(article_key, since, person_id, newest_first):
            for row in await self._quote_rows(keys, person_id, order):
                yield QuoteExport(*row)

    async def people(
        self,
        *,
        article_key: int | None = None,
        since: str | None = None,
        newest_first: bool = False,
    ) -> AsyncIterator[PersonExport]:
        """One row per person per article: the role, mentions and quotes there."""
        _, order = key_order(newest_first)
        async for keys in self._keys(article_key, since, None, newest_first):
            for row in await self._person_rows(keys, order):
                yield PersonExport(*row)

    async def articles(
        self, *, since: str | None = None, newest_first: bool = False
    ) -> AsyncIterator[ArticleExport]:
        _, order = key_order(newest_first)
        async for keys in self._keys(None, since, None, newest_first):
            for row in await self._article_rows(keys, order):
                yield article_export(row)

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
