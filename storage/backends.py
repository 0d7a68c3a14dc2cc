"""Which backend a store setting names, and opening it.

``NEWSROOM_DB`` (or ``--db``) is either a file path — the SQLite store, the default — or a
``postgresql://`` (``postgres://``) url. Any other ``scheme://`` is refused: it is a typo or
a database this program does not speak, and must not quietly become a SQLite file in a
folder named after the scheme.
"""

from __future__ import annotations

import os
import re

from storage.interface import ArticleStore
from storage.store import Clock, Store, utc_now

POSTGRES_SCHEMES = ("postgresql", "postgres")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


class StoreSettingError(ValueError):
    """The store setting names no backend this program has."""


def backend_of(target: str | os.PathLike[str]) -> str:
    """``"postgresql"`` or ``"sqlite"``; :class:`StoreSettingError` for another url."""
    text = os.fspath(target)
    match = _SCHEME.match(text)
    if match is None:
        return "sqlite"
    scheme = match.group(1).lower()
    if scheme in POSTGRES_SCHEMES:
        return "postgresql"
    raise StoreSettingError(
        f"{scheme}:// is not a store this program can use; give a file path (SQLite) "
        "or a postgresql://user:password@host:5432/dbname url"
    )


async def open_store(target: str | os.PathLike[str], clock: Clock = utc_now) -> ArticleStore:
    """The store at ``target``: a PostgreSQL url or a SQLite file path."""
    if backend_of(target) == "postgresql":
        from storage.postgres import PgStore

        return await PgStore.open(os.fspath(target), clock)
    return await Store.open(target, clock)
