"""The store at scale, SQLite against PostgreSQL: look-ups on a large archive, and ingest.

1. Look-ups. An archive of ``--articles`` articles (``benchmarks.scale_corpus``: Zipf words
   and people, quotes, ten years) is loaded straight into each backend's tables
   (``benchmarks.scale_load``; the load time is printed), then the bot's look-ups run
   through the store API its handlers use (``benchmarks.scale_reads``): p50 / p95 in ms,
   the median of ``--runs`` passes of ``--queries`` look-ups per case.
2. Ingest. ``--ingest`` generated articles are analysed once; what is timed is storing them
   through ``store.save`` by one process and by two at once (each half, as feeds on one
   replica and the command line on another).

PostgreSQL is a server started here from the test suite's binaries (no fsync; for the
archive 512 MB of shared buffers, as a server for a million articles would have) unless
``--url`` names an empty database. With ``--keep`` the archive (a SQLite file and a
PostgreSQL cluster) stays in ``benchmarks/.data/`` (ignored by git) and is used again by the
next run of the same size, so look-ups can be timed again without loading it again.

python benchmarks/scale.py [--articles N] [--queries Q] [--runs R] [--ingest N] [--keep]
       [--backend sqlite|postgresql] [--url postgresql://…]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate
from benchmarks.scale_corpus import ScaleCorpus
from benchmarks.scale_load import load_postgres, load_sqlite
from benchmarks.scale_reads import query_words, time_cases
from ingest import ANALYZER_VERSION, analyze
from ingest.model import Analysis, ArticleInput
from ingest.pipeline import summary_variants
from storage import open_store

Prepared = tuple[ArticleInput, Analysis, dict[str, Sequence[str]]]


def prepare(count: int) -> list[Prepared]:
    prepared = []
    for article_id, text in generate(count):
        analysis = analyze(text)
        prepared.append((ArticleInput(article_id, text), analysis, summary_variants(analysis)))
    return prepared


async def _save_all(target: str, articles: list[Prepared]) -> None:
    store = await open_store(target)
    try:
        for article, analysis, summaries in articles:
            await store.save(article, analysis, summaries)
    finally:
        await store.close()


def _save_in_process(target: str, articles: list[Prepared]) -> None:
    asyncio.run(_save_all(target, articles))


def time_writes(target: str, articles: list[Prepared], processes: int) -> float:
    """Articles stored per second by ``processes`` processes, each storing its share."""
    asyncio.run(_save_all(target, []))  # create and migrate the store first
    shares = [articles[n::processes] for n in range(processes)]
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    workers = [context.Process(target=_save_in_process, args=(target, s)) for s in shares]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0, f"a writer failed on {target}"
    return len(articles) / (time.perf_counter() - started)


DATA = Path(__file__).resolve().parent / ".data"
ARCHIVE_SERVER = {"shared_buffers": "512MB", "effective_cache_size": "4GB", "max_wal_size": "4GB"}


def postgres_cluster(root: Path | None, settings: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A started throw-away (or kept, under ``root``) PostgreSQL cluster."""
    from tests.pg_server import PgCluster, find_binaries

    binaries = find_binaries()
    assert binaries is not None, "no PostgreSQL binaries: pip install -e '.[dev]'"
    cluster = PgCluster(binaries, root, settings)
    cluster.start()
    return cluster


async def create_databases(url: str, names: Sequence[str]) -> list[str]:
    """The names of ``names`` that were not there and are now created."""
    import asyncpg

    admin = await asyncpg.connect(url)
    try:
        existing = {r[0] for r in await admin.fetch("SELECT datname FROM pg_database")}
        for name in names:
            if name not in existing:
                await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    return [n for n in names if n not in existing]


def archive_reads(args: argparse.Namespace) -> None:
    corpus = ScaleCorpus(args.articles, ANALYZER_VERSION)
    folder = DATA / f"scale-{args.articles}" if args.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)  # the server may run as another user (``postgres``, when we are root)
    targets: dict[str, str] = {}
    cluster = None
    try:
        if args.backend in ("both", "sqlite"):
            path = folder / "archive.db"
            if not path.exists():
                started = time.perf_counter()
                load_sqlite(str(path) + ".partial", corpus)
                Path(str(path) + ".partial").rename(path)
                elapsed = time.perf_counter() - started
                print(f"SQLite: {args.articles} articles loaded in {elapsed:.0f} s")
            targets["SQLite"] = str(path)
        if args.backend in ("both", "postgresql"):
            url = args.url
            if url is None:
                cluster = postgres_cluster(folder / "pg", ARCHIVE_SERVER)
                url = cluster.url("archive")
                fresh = asyncio.run(create_databases(cluster.url(), ["archive"]))
            else:
                fresh = ["archive"]
            if fresh:
                started = time.perf_counter()
                asyncio.run(load_postgres(url, corpus))
                print(
                    f"PostgreSQL: {args.articles} articles loaded in "
                    f"{time.perf_counter() - started:.0f} s"
                )
            targets["PostgreSQL"] = url
        kinds = query_words(corpus)
        print(f"\nlook-ups on {args.articles} articles: p50 / p95 ms, median of {args.runs} runs")
        for label, target in targets.items():
            runs = [asyncio.run(_reads(target, kinds, args.queries)) for _ in range(args.runs)]
            for case in runs[0]:
                p50 = statistics.median(r[case][0] for r in runs)
                p95 = statistics.median(r[case][1] for r in runs)
                print(f"  {label:<11} {case:<26} {p50:7.2f} / {p95:7.2f}")
    finally:
        if cluster is not None:
            cluster.stop(keep=args.keep)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


async def _reads(
    target: str, kinds: dict[str, list[str]], queries: int
) -> dict[str, tuple[float, float]]:
    store = await open_store(target)
    try:
        return await time_cases(store, kinds, queries)
    finally:
        await store.close()


def ingest_throughput(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    articles = prepare(args.ingest)
    print(
        f"\n{args.ingest} articles generated and analysed in {time.perf_counter() - started:.0f} s"
    )
    cluster = postgres_cluster(None) if args.url is None else None
    try:
        with tempfile.TemporaryDirectory() as folder:
            targets = {
                "SQLite, 1 process": (str(Path(folder) / "one.db"), 1),
                "SQLite, 2 processes": (str(Path(folder) / "two.db"), 2),
            }
            if cluster is not None:
                asyncio.run(create_databases(cluster.url(), ["one", "two"]))
                targets["PostgreSQL, 1 process"] = (cluster.url("one"), 1)
                targets["PostgreSQL, 2 processes"] = (cluster.url("two"), 2)
            print(f"storing {args.ingest} analysed articles (articles/s):")
            for label, (target, processes) in targets.items():
                print(f"  {label:<24} {time_writes(target, articles, processes):8.1f}")
    finally:
        if cluster is not None:
            cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000, help="archive for look-ups")
    parser.add_argument("--queries", type=int, default=200, help="look-ups per case and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ingest", type=int, default=2000, help="analysed articles stored")
    parser.add_argument("--backend", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument("--keep", action="store_true", help="keep the archive for next time")
    parser.add_argument("--url", help="an empty PostgreSQL database for the archive")
    args = parser.parse_args()
    if args.articles:
        archive_reads(args)
    if args.ingest:
        ingest_throughput(args)


if __name__ == "__main__":
    main()
