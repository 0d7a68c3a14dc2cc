"""Copying a SQLite store into PostgreSQL (``newsroom-bot migrate-store --to URL``).

Every row keeps its keys (article numbers users have seen, person and feed ids), so links
between tables and the ``#12`` references in old messages stay right. Rows go in batches
through ``COPY`` into a temporary table and from there with ``INSERT … ON CONFLICT DO
NOTHING``: a row already in the target is left alone, so a second run copies nothing and
an interrupted run can simply be run again. Search vectors are built on the way, from the
text folded as ``storage.postgres.words`` folds it. At the end every table is counted on
both sides; the copy is good when the counts agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import aiosqlite
import asyncpg

from storage.postgres import PgStore
from storage.postgres.people import RECOUNT_TOTALS
from storage.postgres.words import fold
from storage.store import Store

BATCH = 2000


@dataclass(frozen=True, slots=True)
class TableCopy:
    name: str
    columns: tuple[str, ...]
    order: str
    folded: tuple[str, ...] = ()  # columns whose folded text builds ``search``
    search: str | None = None  # the tsvector expression over the folded columns
    identity: str | None = None  # the generated key column, whose sequence moves past the max
    on_conflict: str = "DO NOTHING"


TABLES: tuple[TableCopy, ...] = (
    TableCopy(
        "articles",
        (
            "key", "id", "title", "given_title", "text", "body", "content_hash", "source", "url",
            "published", "ingested_at", "updated_at", "analyzer_version", "dateline_place",
            "dateline_country", "dateline_date", "dateline_agency", "summary_short", "summary",
            "summary_long",
        ),
        "key",
        folded=("title", "body"),
        search="setweight(to_tsvector('simple', folded_title), 'A') "
        "|| to_tsvector('simple', folded_body)",
        identity="key",
    ),
    TableCopy(
        "people",
        (
            "id", "name", "name_key", "surname", "role", "first_seen", "last_seen",
            "mentions_total", "quotes_total", "articles_total",
        ),
        "id",
        identity="id",
    ),
    TableCopy("person_aliases", ("person_id", "alias", "alias_key"), "person_id, alias_key"),
    TableCopy(
        "mentions",
        ("person_id", "article_key", "role", "organisation", "mentions", "quotes"),
        "person_id, article_key",
    ),
    TableCopy(
        "quotes",
        (
            "id", "article_key", "kind", "position", "text", "start", "end", "speaker",
            "speaker_role", "speaker_id", "cue",
        ),
        "id",
        folded=("text", "speaker"),
        search="to_tsvector('simple', folded_text) || to_tsvector('simple', folded_speaker)",
        identity="id",
    ),
    TableCopy(
        "members",
        ("kind", "telegram_id", "label", "added_by", "added_at", "role"),
        "kind, telegram_id",
    ),
    TableCopy(
        "digest_subscriptions",
        (
            "chat_id", "chat_kind", "chat_title", "time", "timezone", "days", "max_items",
            "include_words", "exclude_words", "post_empty", "status", "paused_reason",
            "watermark", "created_by", "created_at", "updated_at",
        ),
        "chat_id",
    ),
    TableCopy(
        "digest_runs",
        (
            "chat_id", "due_at", "state", "since", "until", "parts", "sent_parts", "items",
            "claimed_at", "finished_at", "error", "owner", "lease_until",
        ),
        "chat_id, due_at",
    ),
    TableCopy(
        "feeds",
        (
            "id", "url", "title", "site_url", "interval_minutes", "status", "etag",
            "last_modified", "next_poll_at", "last_polled_at", "last_success_at", "last_error",
            "last_error_at", "error_count", "failure_notified", "articles_taken", "added_by",
            "added_at",
        ),
        "id",
        identity="id",
    ),
    TableCopy(
        "feed_entries",
        (
            "feed_id", "entry_key", "url", "title", "published", "content", "state",
            "article_key", "attempts", "first_seen", "last_attempt_at", "error",
        ),
        "feed_id, entry_key",
    ),
    TableCopy("user_notices", ("user_id", "notice", "sent_at"), "user_id, notice"),
    TableCopy(
        "watches",
        (
            "id", "chat_id", "number", "kind", "label", "match_key", "person_id", "status",
            "paused_reason", "after_key", "created_by", "created_at", "updated_at",
        ),
        "id",
        identity="id",
    ),
    TableCopy(
        "watch_alerts",
        ("watch_id", "article_key", "state", "claimed_at", "finished_at", "error"),
        "watch_id, article_key",
    ),
    TableCopy(
        "watch_scan",
        ("id", "last_key"),
        "id",
        on_conflict="(id) DO UPDATE SET last_key = excluded.last_key "
        "WHERE watch_scan.last_key < excluded.last_key",  # the migration made the row
    ),
    # page buttons in old messages keep working after the move
    TableCopy("page_refs", ("id", "ref", "used_at"), "id", identity="id"),
)  # fmt: skip

# Passing state a copy leaves behind, each new table appended with its reason:
NOT_COPIED: tuple[str, ...] = (
    "send_budget",  # the send schedule: at most seconds ahead, and on the old store's clock
    "paste_parts",  # parts of pastes seconds old, handed on by the process that got them
)


@dataclass(frozen=True, slots=True)
class TableReport:
    name: str
    source: int
    copied: int
    target: int

    @property
    def agrees(self) -> bool:
        return self.source == self.target


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


async def _copy_table(
    source: aiosqlite.Connection, target: asyncpg.Connection, table: TableCopy
) -> int:
    """Copy one table's missing rows; returns how many were added."""
    columns = _quoted(table.columns)
    incoming = f"incoming_{table.name}"  # one name per table: asyncpg caches what it looks up
    await target.execute(
        f"CREATE TEMP TABLE {incoming} AS SELECT {columns} FROM {table.name} WITH NO DATA"
    )
    for column in table.folded:
        await target.execute(f"ALTER TABLE {incoming} ADD COLUMN folded_{column} text")
    copied_columns = [*table.columns, *(f"folded_{c}" for c in table.folded)]
    positions = [table.columns.index(c) for c in table.folded]
    async with source.execute(f"SELECT {columns} FROM {table.name} ORDER BY {table.order}") as rows:
        while batch := await rows.fetchmany(BATCH):
            records = [(*row, *(fold(row[i] or "") for i in positions)) for row in batch]
            await target.copy_records_to_table(incoming, records=records, columns=copied_columns)
    targets = columns + (", search" if table.search else "")
    values = columns + (f", {table.search}" if table.search else "")
    status = await target.execute(
        f"INSERT INTO {table.name} ({targets}) SELECT {values} FROM {incoming} "
        f"ORDER BY {table.order} ON CONFLICT {table.on_conflict}"
    )
    if table.identity:
        await target.execute(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{table.identity}'), "
            f"greatest((SELECT max({table.identity}) FROM {table.name}), 1))"
        )
    await target.execute(f"DROP TABLE {incoming}")
    return int(status.rsplit(" ", 1)[-1])


async def copy_store(
    sqlite_path: str, postgres_url: str, progress: Callable[[str], None] | None = None
) -> list[TableReport]:
    """Copy the SQLite store at ``sqlite_path`` into the PostgreSQL database at
    ``postgres_url`` (migrated first); one report per table with both sides' counts."""
    reports: list[TableReport] = []
    async with (
        await Store.open(sqlite_path) as source,
        await PgStore.open(postgres_url) as target,
        target.pool.acquire() as connection,
    ):
        for table in TABLES:
            async with connection.transaction():
                copied = await _copy_table(source.db, connection, table)
            rows = await source.db.execute_fetchall(f"SELECT count(*) FROM {table.name}")
            count = await connection.fetchval(f"SELECT count(*) FROM {table.name}")
            reports.append(TableReport(table.name, int(rows[0][0]), copied, int(count)))
            if progress is not None:
                progress(table.name)
        # The mentions copied after the people added to their totals again: count afresh.
        await connection.execute(RECOUNT_TOTALS)
    return reports
