"""Loading a :class:`ScaleCorpus` straight into the store's tables, on SQLite or PostgreSQL.

The store is created and migrated by the store itself (``open_store``), so the schema is the
real one; then the secondary indexes (and SQLite's full-text triggers) are dropped, the rows
go in by the batch, and the indexes are built again from their own stored definitions, as a
bulk load would. PostgreSQL gets its rows by ``COPY`` into staging tables, from which one
``INSERT … SELECT`` per batch computes the ``tsvector`` columns as the writer does
(``storage.postgres.writer``: folded text, ``simple`` configuration, title weighted A).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections.abc import Callable

import asyncpg

from benchmarks.scale_corpus import (
    ALIAS_COLUMNS,
    ARTICLE_COLUMNS,
    MENTION_COLUMNS,
    PEOPLE_COLUMNS,
    QUOTE_COLUMNS,
    ScaleCorpus,
)
from storage import open_store
from storage.postgres.people import RECOUNT_TOTALS
from storage.postgres.words import fold

TABLES = ("articles", "quotes", "mentions", "people", "person_aliases")
Progress = Callable[[str], None]
# The people's totals, which the store's triggers keep and the bulk load sets at its end.
_TOTALS_SQLITE = """
    (mentions_total, quotes_total, articles_total) = (
        SELECT coalesce(sum(mentions), 0), coalesce(sum(quotes), 0), count(*)
        FROM mentions WHERE person_id = people.id
    )
"""


def _columns(names: list[str]) -> str:
    return ", ".join(names)


def _marks(names: list[str]) -> str:
    return ", ".join("?" for _ in names)


async def _migrate(target: str) -> None:
    store = await open_store(target)
    await store.close()


def load_sqlite(path: str, corpus: ScaleCorpus, progress: Progress = print) -> None:
    asyncio.run(_migrate(path))
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")  # a generated file: nothing to roll back to
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -1000000")
    db.execute("PRAGMA temp_store = MEMORY")
    marks = ", ".join("?" for _ in TABLES)
    secondary = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND sql IS NOT NULL AND tbl_name IN ({marks})",
        TABLES,
    ).fetchall()
    for kind, name, _ in secondary:
        db.execute(f"DROP {kind.upper()} {name}")
    people, aliases = corpus.people_rows()
    db.execute("BEGIN")
    db.executemany(f"INSERT INTO people VALUES ({_marks(PEOPLE_COLUMNS)})", people)
    db.executemany(
        f"INSERT INTO person_aliases ({_columns(ALIAS_COLUMNS)}) VALUES (?, ?, ?)", aliases
    )
    db.execute("COMMIT")
    started = time.perf_counter()
    for batch in corpus.batches():
        db.execute("BEGIN")
        db.executemany(
            f"INSERT INTO articles ({_columns(ARTICLE_COLUMNS)}) "
            f"VALUES ({_marks(ARTICLE_COLUMNS)})",
            batch.articles,
        )
        db.executemany(
            f"INSERT INTO quotes ({_columns(QUOTE_COLUMNS)}) VALUES ({_marks(QUOTE_COLUMNS)})",
            batch.quotes,
        )
        db.executemany(
            f"INSERT INTO mentions ({_columns(MENTION_COLUMNS)}) "
            f"VALUES ({_marks(MENTION_COLUMNS)})",
            batch.mentions,
        )
        db.execute("COMMIT")
        _report(progress, batch.articles[-1][0], corpus.size, started)
    people, _ = corpus.people_rows()
    db.execute("BEGIN")
    db.executemany("UPDATE people SET last_seen = ? WHERE id = ?", [(p[6], p[0]) for p in people])
    db.execute("COMMIT")
    db.execute(f"UPDATE people SET {_TOTALS_SQLITE}")
    progress("indexes and full-text tables …")
    for _, _, sql in sorted(secondary, key=lambda s: s[0] != "index"):
        db.execute(sql)
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()


def _report(progress: Progress, done: object, total: int, started: float) -> None:
    if int(done) % 100_000 < 5000:  # type: ignore[call-overload]
        rate = int(done) / (time.perf_counter() - started)  # type: ignore[call-overload]
        progress(f"  {done} / {total} articles ({rate:.0f}/s)")


async def load_postgres(url: str, corpus: ScaleCorpus, progress: Progress = print) -> None:
    await _migrate(url)
    db = await asyncpg.connect(url)
    try:
        await _load_postgres(db, corpus, progress)
    finally:
        await db.close()


async def _load_postgres(db: asyncpg.Connection, corpus: ScaleCorpus, progress: Progress) -> None:
    await db.execute("SET maintenance_work_mem = '512MB'")
    # Skip the foreign key triggers when allowed (a superuser): the rows agree by making.
    with contextlib.suppress(asyncpg.InsufficientPrivilegeError):
        await db.execute("SET session_replication_role = replica")
    secondary = await db.fetch(
        """
        SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = ANY($1::text[])
        AND indexname NOT IN (SELECT conname FROM pg_constraint)
        """,
        list(TABLES),
    )
    for row in secondary:
        await db.execute(f"DROP INDEX {row['indexname']}")
    await db.execute(
        f"CREATE TEMP TABLE stage_articles AS SELECT {_columns(ARTICLE_COLUMNS)}, "
        "title AS title_words, body AS body_words FROM articles WITH NO DATA"
    )
    await db.execute(
        f"CREATE TEMP TABLE stage_quotes AS SELECT {_columns(QUOTE_COLUMNS)}, "
        "text AS text_words, text AS speaker_words FROM quotes WITH NO DATA"
    )
    people, aliases = corpus.people_rows()
    await db.copy_records_to_table("people", records=people, columns=PEOPLE_COLUMNS)
    await db.copy_records_to_table("person_aliases", records=aliases, columns=ALIAS_COLUMNS)
    started = time.perf_counter()
    article_columns = _columns(ARTICLE_COLUMNS)
    quote_columns = _columns(QUOTE_COLUMNS)
    for batch in corpus.batches(10_000):
        staged = [(*a, fold(str(a[2])), fold(str(a[5]))) for a in batch.articles]
        await db.copy_records_to_table(
            "stage_articles",
            records=staged,
            columns=[*ARTICLE_COLUMNS, "title_words", "body_words"],
        )
        quotes = [(*q, fold(str(q[4])), fold(str(q[7] or ""))) for q in batch.quotes]
        unquoted = [c.strip('"') for c in QUOTE_COLUMNS]
        await db.copy_records_to_table(
            "stage_quotes", records=quotes, columns=[*unquoted, "text_words", "speaker_words"]
        )
        async with db.transaction():
            await db.execute(
                f"""
                INSERT INTO articles ({article_columns}, search)
                SELECT {article_columns}, setweight(to_tsvector('simple', title_words), 'A')
                    || to_tsvector('simple', body_words) FROM stage_articles
                """
            )
            await db.execute(
                f"INSERT INTO quotes ({quote_columns}, search) "
                f"SELECT {quote_columns}, to_tsvector('simple', text_words) "
                "|| to_tsvector('simple', speaker_words) FROM stage_quotes"
            )
            await db.copy_records_to_table(
                "mentions", records=batch.mentions, columns=MENTION_COLUMNS
            )
            await db.execute("TRUNCATE stage_articles, stage_quotes")
        _report(progress, batch.articles[-1][0], corpus.size, started)
    people, _ = corpus.people_rows()
    await db.execute("CREATE TEMP TABLE stage_seen (id bigint, last_seen text)")
    await db.copy_records_to_table("stage_seen", records=[(p[0], p[6]) for p in people])
    await db.execute(
        "UPDATE people p SET last_seen = s.last_seen FROM stage_seen s WHERE p.id = s.id"
    )
    await db.execute(RECOUNT_TOTALS)
    progress("indexes …")
    for row in secondary:
        await db.execute(row["indexdef"])
    for table, column in (("articles", "key"), ("quotes", "id"), ("people", "id")):
        await db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"(SELECT max({column}) FROM {table}))"
        )
    await db.execute("VACUUM ANALYZE")
