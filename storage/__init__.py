"""The article store: articles, quotes, people, search, members, feeds, digests.

One interface (``ArticleStore``), two backends: SQLite (``Store``) and PostgreSQL
(``storage.postgres.PgStore``); ``open_store`` picks one from a path or url.
"""

from storage.backends import StoreSettingError, backend_of, open_store
from storage.interface import ArticleStore
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
    "ArticleStore",
    "IngestOutcome",
    "Member",
    "PersonProfile",
    "PersonRow",
    "QuoteRow",
    "Store",
    "StoreSettingError",
    "StoreStats",
    "backend_of",
    "open_store",
]
