"""The article store on SQLite (aiosqlite): articles, quotes, people, search, members."""

from storage.rows import (
    ArticleHit,
    ArticleInput,
    ArticleRow,
    IngestOutcome,
    Member,
    PersonProfile,
    PersonRow,
    QuoteRow,
    StoreStats,
)
from storage.store import Store

__all__ = [
    "ArticleHit",
    "ArticleInput",
    "ArticleRow",
    "IngestOutcome",
    "Member",
    "PersonProfile",
    "PersonRow",
    "QuoteRow",
    "Store",
    "StoreStats",
]
