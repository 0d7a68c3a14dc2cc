"""The article store on PostgreSQL: the same queries and rows as the SQLite store."""

from storage.postgres.store import PgStore

__all__ = ["PgStore"]
