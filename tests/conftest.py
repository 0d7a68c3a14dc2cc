"""Shared fixtures: a real SQLite store in a temporary folder, the same store on a real
PostgreSQL server (``each_store`` runs a test on both), and article builders."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from ingest.model import Analysis, ArticleInput, Person, Quote, Sentence, Span
from storage import ArticleStore, Store
from storage.postgres import PgStore
from tests.pg_server import TEMPLATE, PgCluster, find_binaries

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_0f55b7b5fa43bf67.txt"


class StepClock:
    """A clock that moves one second forward on every reading, from a fixed start."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 20, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "news.db", clock=StepClock())
    yield opened
    await opened.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """One PostgreSQL server for the whole run, with a migrated template database."""
    binaries = find_binaries()
    if binaries is None:
        pytest.fail("no PostgreSQL server binaries: install the dev dependencies (pgserver)")
    PgCluster.reap_abandoned(binaries)
    cluster = PgCluster(binaries)
    # A run stopped by SIGTERM (a timeout) still stops its server: the signal becomes an
    # interruption, and pytest tears the session's fixtures down.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        cluster.start()
        # the fixture may be set up from inside a running event loop: use a thread of its own
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, _make_template(cluster)).result()
        yield cluster
    finally:
        cluster.stop()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


async def _make_template(cluster: PgCluster) -> None:
    admin = await asyncpg.connect(cluster.url())
    try:
        await admin.execute(f"CREATE DATABASE {TEMPLATE}")
    finally:
        await admin.close()
    store = await PgStore.open(cluster.url(TEMPLATE), pool_size=1)
    await store.close()


PgDatabase = Callable[..., Awaitable[str]]


async def create_database(cluster: PgCluster, template: str = TEMPLATE) -> str:
    """A fresh database copied from ``template`` (the migrated, empty one); its name."""
    name = cluster.new_database_name()
    admin = await asyncpg.connect(cluster.url())
    try:
        await admin.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
    finally:
        await admin.close()
    return name


async def drop_databases(cluster: PgCluster, names: list[str]) -> None:
    admin = await asyncpg.connect(cluster.url())
    try:
        for name in names:
            await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.close()


@pytest.fixture
async def pg_database(pg_cluster: PgCluster) -> AsyncIterator[PgDatabase]:
    """A factory of fresh, migrated, empty databases (urls), dropped after the test;
    ``new_database(migrated=False)`` gives one without even the schema."""
    made: list[str] = []

    async def new_database(migrated: bool = True) -> str:
        made.append(await create_database(pg_cluster, TEMPLATE if migrated else "template0"))
        return pg_cluster.url(made[-1])

    yield new_database
    await drop_databases(pg_cluster, made)


# Emptying the shared test database between tests is a few milliseconds; copying the
# template is a tenth of a second. Every table (whatever migrations add), foreign keys not
# checked meanwhile, then every id sequence starts again; rows migrations made are reset.
_EMPTY_TABLES = """
DO $$
DECLARE
    name text;
BEGIN
    PERFORM set_config('session_replication_role', 'replica', true);
    FOR name IN SELECT tablename FROM pg_tables
                WHERE schemaname = 'public'
                AND tablename NOT IN ('schema_migrations', 'watch_scan') LOOP
        EXECUTE format('DELETE FROM %I', name);
    END LOOP;
    UPDATE watch_scan SET last_key = 0;  -- a row the migration made: reset, not removed
    FOR name IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
        PERFORM setval(format('%I', name)::regclass, 1, false);
    END LOOP;
END
$$;
"""


@pytest.fixture(scope="session")
def pg_shared_database(pg_cluster: PgCluster) -> str:
    """One migrated database that ``each_store`` empties before every test (its url)."""
    with ThreadPoolExecutor(1) as thread:
        name = thread.submit(asyncio.run, create_database(pg_cluster)).result()
    return pg_cluster.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
async def each_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[ArticleStore]:
    """The store on each backend in turn: a test using it runs once on SQLite, once on
    a real PostgreSQL server."""
    opened: ArticleStore
    if request.param == "sqlite":
        opened = await Store.open(tmp_path / "news.db", clock=StepClock())
    else:
        url: str = request.getfixturevalue("pg_shared_database")
        opened = await PgStore.open(url, clock=StepClock(), pool_size=4)
        await opened.pool.execute(_EMPTY_TABLES)
    yield opened
    await opened.close()


def make_analysis(
    title: str,
    body: str,
    *,
    quotes: tuple[tuple[str, str | None], ...] = (),
    people: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (),
    reported: tuple[tuple[str, str], ...] = (),
    version: int = 1,
) -> tuple[str, Analysis]:
    """Full text and an :class:`Analysis` whose content the test controls."""
    text = f"{title}\n\n{body}"
    start = len(title) + 2
    paragraph = Span(body, start, len(text))
    sentence = Sentence(body, start, len(text), 0)
    found = []
    for quote_text, speaker in quotes:
        at = text.index(quote_text)
        found.append(Quote(quote_text, at, at + len(quote_text), speaker, None, "said"))
    said = []
    for quote_text, speaker in reported:
        at = text.index(quote_text)
        said.append(
            Quote(quote_text, at, at + len(quote_text), speaker, None, "said", kind="reported")
        )
    persons = tuple(
        Person(
            name,
            role,
            aliases,
            mentions=1 + len(aliases),
            quotes=sum(1 for _, s in quotes if s == name),
        )
        for name, role, aliases in people
    )
    analysis = Analysis(
        title=title,
        dateline=None,
        paragraphs=(paragraph,),
        sentences=(sentence,),
        summary=(body,),
        quotes=tuple(found),
        reported=tuple(said),
        people=persons,
        version=version,
    )
    return text, analysis


def summaries_of(analysis: Analysis) -> dict[str, tuple[str, ...]]:
    return {"short": analysis.summary[:1], "default": analysis.summary, "long": analysis.summary}


async def save(store: Store, article_id: str, text: str, analysis: Analysis) -> str:
    return await store.save(ArticleInput(article_id, text), analysis, summaries_of(analysis))
