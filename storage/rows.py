"""Typed rows the store returns. Handlers render these; they never see SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ingest.model import ArticleInput as ArticleInput

IngestOutcome = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    key: int
    id: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    ingested_at: str
    updated_at: str
    dateline: str | None
    summary: tuple[str, ...]
    summary_short: tuple[str, ...]
    summary_long: tuple[str, ...]
    quote_count: int = 0
    people_count: int = 0

    @property
    def date(self) -> str:
        """The date shown to readers: publication date when known, else ingestion date."""
        return (self.published or self.ingested_at)[:10]

    def summary_of(self, length: Literal["short", "default", "long"]) -> tuple[str, ...]:
        return {"short": self.summary_short, "long": self.summary_long}.get(length, self.summary)


@dataclass(frozen=True, slots=True)
class ArticleHit:
    article: ArticleRow
    rank: float


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: int
    kind: str
    text: str
    speaker: str | None
    speaker_role: str | None
    speaker_id: int | None
    cue: str | None
    article_key: int
    article_title: str
    article_date: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    name: str
    role: str | None
    mentions: int
    quotes: int
    articles: int


@dataclass(frozen=True, slots=True)
class PersonProfile:
    person: PersonRow
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    articles: tuple[ArticleRow, ...]
    latest_quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True, slots=True)
class Member:
    kind: Literal["user", "chat"]
    telegram_id: int
    label: str | None
    added_by: int | None
    added_at: str
    role: Literal["reader", "editor"] = "reader"


@dataclass(frozen=True, slots=True)
class StoreStats:
    path: str
    size_bytes: int
    articles: int
    quotes: int
    reported: int
    people: int
    outdated: int


@dataclass(frozen=True, slots=True)
class FeedRow:
    id: int
    url: str
    title: str | None
    site_url: str | None
    interval_minutes: int
    status: Literal["active", "stopped"]
    etag: str | None
    last_modified: str | None
    next_poll_at: str
    last_polled_at: str | None
    last_success_at: str | None
    last_error: str | None
    last_error_at: str | None
    error_count: int
    failure_notified: int
    articles_taken: int
    added_by: int | None
    added_at: str

    @property
    def name(self) -> str:
        return self.title or self.url


@dataclass(frozen=True, slots=True)
class FeedEntryRow:
    feed_id: int
    key: str
    url: str | None
    title: str | None
    published: str | None
    content: str | None
    attempts: int
    first_seen: str
