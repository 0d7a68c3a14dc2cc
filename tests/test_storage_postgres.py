"""What only the PostgreSQL store must add: migrating once when replicas start together,
several writers at once without duplicates, and transactions run again after a deadlock."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from ingest.model import ArticleInput
from storage.postgres import PgStore
from storage.postgres.migrations import MIGRATIONS
from storage.postgres.retry import affected, with_retry
from tests.conftest import PgDatabase, StepClock, make_analysis, summaries_of


async def test_replicas_starting_together_migrate_once(pg_database: PgDatabase) -> None:
    url = await pg_database(migrated=False)
    stores = await asyncio.gather(*(PgStore.open(url, pool_size=1) for _ in range(4)))
    try:
        rows = await stores[0].pool.fetch("SELECT version FROM schema_migrations ORDER BY 1")
        assert [r[0] for r in rows] == list(range(1, len(MIGRATIONS) + 1))
        assert (await stores[3].stats()).articles == 0
    finally:
        for store in stores:
            await store.close()
    async with await PgStore.open(url, pool_size=1) as again:  # reopening changes nothing
        assert await again.pool.fetchval("SELECT count(*) FROM schema_migrations") == len(
            MIGRATIONS
        )
        await again.pool.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)", len(MIGRATIONS) + 1
        )
    with pytest.raises(RuntimeError, match="newer than this program"):
        await PgStore.open(url, pool_size=1)


def _article(n: int, *, edition: int = 0) -> tuple[ArticleInput, object]:
    people = (
        ("Elvira Azimova", "judge", ("Azimova",)),
        ("Ann Lee", "mayor", ("Lee",)),
        (f"Reporter Number{n % 3}", None, ()),
    )
    text, analysis = make_analysis(
        f"Story {n}",
        f"Elvira Azimova said: “Point {n}.” Ann Lee agreed, edition {edition}.",
        quotes=((f"Point {n}.", "Elvira Azimova"),),
        people=people,
    )
    return ArticleInput(f"story-{n}", text), analysis


async def test_two_writers_at_once_store_each_article_and_person_once(
    pg_database: PgDatabase,
) -> None:
    url = await pg_database()
    first = await PgStore.open(url, clock=StepClock(), pool_size=4)
    second = await PgStore.open(url, clock=StepClock(), pool_size=4)
    try:
        jobs = []
        for n in range(24):
            for store, edition in ((first, 0), (second, n % 2)):
                article, analysis = _article(n, edition=edition)
                jobs.append(store.save(article, analysis, summaries_of(analysis)))  # type: ignore[arg-type]
        outcomes = await asyncio.gather(*jobs)
        assert outcomes.count("new") == 24
        assert set(outcomes) <= {"new", "updated", "unchanged"}
        stats = await first.stats()
        assert (stats.articles, stats.people) == (24, 5)
        [azimova] = await second.people.find("Azimova")
        assert (azimova.articles, azimova.quotes) == (24, 24)
        assert len(await second.quotes.by_person(azimova.id, limit=100)) == 24
        duplicates = await first.pool.fetchval(
            "SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1) d"
        )
        assert duplicates == 0
    finally:
        await first.close()
        await second.close()


async def test_a_deadlocked_transaction_is_run_again(pg_database: PgDatabase) -> None:
    async with await PgStore.open(await pg_database(), clock=StepClock(), pool_size=4) as store:
        now = store.now()
        for telegram_id in (1, 2):
            await store.members.allow("user", telegram_id, label="-", added_by=None, now=now)
        both_locked = asyncio.Barrier(2)
        attempts: list[int] = []

        def cross(first: int, second: int):  # type: ignore[no-untyped-def]
            async def work() -> None:
                attempts.append(first)
                async with store.pool.acquire() as db, db.transaction():
                    await db.execute("SET LOCAL deadlock_timeout = '20ms'")
                    update = "UPDATE members SET label = $1 WHERE telegram_id = $2"
                    await db.execute(update, f"by {first}", first)
                    if both_locked.n_waiting < 2 and len(attempts) <= 2:
                        await both_locked.wait()
                    await db.execute(update, f"by {first}", second)

            return with_retry(work)

        await asyncio.gather(cross(1, 2), cross(2, 1))
        assert len(attempts) == 3  # one of the two was chosen as the victim, and ran again
        labels = {m.label for m in await store.members.all()}
        assert len(labels) == 1


class _Refused(asyncpg.PostgresError):
    def __init__(self, sqlstate: str) -> None:
        super().__init__("refused")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("failures", "sqlstate", "calls", "succeeds"),
    [
        (0, "40P01", 1, True),
        (2, "40P01", 3, True),  # deadlock: run again
        (2, "40001", 3, True),  # serialization failure: run again
        (6, "40001", 6, False),  # bounded: the sixth failure is raised
        (1, "23505", 1, False),  # a unique violation is a bug, not a race: raised at once
    ],
)
async def test_retry_is_bounded_and_only_for_concurrency_failures(
    failures: int, sqlstate: str, calls: int, succeeds: bool
) -> None:
    made: list[int] = []
    delays: list[float] = []

    async def work() -> str:
        made.append(1)
        if len(made) <= failures:
            raise _Refused(sqlstate)
        return "done"

    async def no_sleep(delay: float) -> None:
        delays.append(delay)

    if succeeds:
        assert await with_retry(work, sleep=no_sleep) == "done"
    else:
        with pytest.raises(asyncpg.PostgresError):
            await with_retry(work, sleep=no_sleep)
    assert len(made) == calls
    # the back-off doubles, with jitter of ±50%
    assert all(0.01 * 2**n <= d <= 0.03 * 2**n for n, d in enumerate(delays))


@pytest.mark.parametrize(
    ("status", "rows"), [("UPDATE 3", 3), ("INSERT 0 1", 1), ("DELETE 0", 0), ("SELECT", 0)]
)
def test_affected_rows_from_a_command_status(status: str, rows: int) -> None:
    assert affected(status) == rows


async def test_both_schemas_have_the_same_tables_and_columns(
    tmp_path, pg_database: PgDatabase
) -> None:
    """A migration added to one backend needs its twin in the other (and in migrate-store)."""
    from storage import Store
    from storage.copy import NOT_COPIED, TABLES

    async with await Store.open(tmp_path / "schema.db") as sqlite:
        names = await sqlite.db.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%fts%'"
        )
        sqlite_schema = {
            str(name): {str(c[1]) for c in await sqlite.db.execute_fetchall(
                f"PRAGMA table_info({name})"
            )}
            for (name,) in names
        }  # fmt: skip
    async with await PgStore.open(await pg_database(), pool_size=1) as postgres:
        rows = await postgres.pool.fetch(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'schema_migrations'"
        )
    postgres_schema: dict[str, set[str]] = {}
    for table, column in rows:
        if column != "search":  # the tsvector, which SQLite keeps in its FTS tables
            postgres_schema.setdefault(table, set()).add(column)
    assert postgres_schema == sqlite_schema
    copied = {name: columns for name, columns in sqlite_schema.items() if name not in NOT_COPIED}
    assert set(NOT_COPIED) <= set(sqlite_schema)
    assert {t.name: set(t.columns) for t in TABLES} == copied


async def test_the_watch_scan_waits_for_articles_still_being_written(
    pg_database: PgDatabase,
) -> None:
    """Keys can commit out of order with several writers; the scan reads up to a horizon
    below which every key is committed, so an article committing late is not skipped."""
    from storage.postgres.writer import write_article

    async with await PgStore.open(await pg_database(), clock=StepClock(), pool_size=4) as store:
        slow_article, slow_analysis = _article(1)
        async with store.pool.acquire() as slow:
            transaction = slow.transaction()
            await transaction.start()
            summaries = summaries_of(slow_analysis)  # type: ignore[arg-type]
            await write_article(slow, slow_article, slow_analysis, summaries, store.now())  # type: ignore[arg-type]
            # (no people in common: the slow one holds its people's rows until it commits)
            text, fast_analysis = make_analysis("Fast", "Nobody is named here.")
            await store.save(ArticleInput("fast", text), fast_analysis, summaries_of(fast_analysis))
            scan = asyncio.ensure_future(store.watches.next_keys(0, 10))
            await asyncio.sleep(0.3)
            assert not scan.done()  # key 2 is committed, key 1 not yet: no horizon yet
            await transaction.commit()
        assert await scan == [1, 2]
