"""The store at scale, SQLite against PostgreSQL (first part: writes and searches).

Articles are generated and analysed once; what is timed is storing them — by one process,
and by two processes at once (each half of the articles, as feeds on one replica and the
command line on another) — and then the look-ups the bot makes, p50/p95 over many queries.
PostgreSQL is a throw-away server started here (the test suite's, small: 16 MB shared
buffers, no fsync) unless ``--url`` names one. The 1,000,000-article figures and the
multi-replica digest are the issue's second part.

python benchmarks/scale.py [--articles N] [--queries Q] [--url postgresql://…]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate
from ingest import analyze
from ingest.model import Analysis, ArticleInput
from ingest.pipeline import summary_variants
from storage import ArticleStore, open_store

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


async def time_reads(target: str, queries: int) -> dict[str, tuple[float, float]]:
    """p50/p95 milliseconds of the bot's look-ups on the store at ``target``."""
    store = await open_store(target)
    try:
        people = await store.people.most_mentioned(newest_articles=10_000, limit=200)
        names = [p.name for p in people] or ["nobody"]
        words = ["minister said", "council", "police", "budget vote", "market", "court ruling"]
        cases: dict[str, Callable[[int], Awaitable[object]]] = {
            "/quotes <name>": lambda n: _quotes_of(store, names[n % len(names)]),
            "/people <name>": lambda n: store.people.find(names[n % len(names)].split()[-1]),
            "/search <words>": lambda n: store.articles.search_recent(words[n % len(words)]),
            "inline <words>": lambda n: store.quotes.search_recent(
                words[n % len(words)][:-2], limit=50, prefix=True
            ),
        }
        figures = {}
        for name, case in cases.items():
            timings = []
            for n in range(queries):
                started = time.perf_counter()
                await case(n)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            figures[name] = (statistics.median(timings), timings[int(len(timings) * 0.95)])
        return figures
    finally:
        await store.close()


async def _quotes_of(store: ArticleStore, name: str) -> object:
    found = await store.people.find(name)
    return await store.quotes.by_person(found[0].id) if found else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--url", help="an empty PostgreSQL database to use (default: start one)")
    args = parser.parse_args()
    started = time.perf_counter()
    articles = prepare(args.articles)
    print(
        f"{args.articles} articles generated and analysed in {time.perf_counter() - started:.0f} s"
    )
    cluster = None
    if args.url is None:
        import asyncpg

        from tests.pg_server import PgCluster, find_binaries

        binaries = find_binaries()
        assert binaries is not None, "no PostgreSQL binaries: pip install -e '.[dev]'"
        cluster = PgCluster(binaries)
        cluster.start()

        async def databases() -> None:
            admin = await asyncpg.connect(cluster.url())
            for name in ("one", "two"):
                await admin.execute(f"CREATE DATABASE {name}")
            await admin.close()

        asyncio.run(databases())
    try:
        with tempfile.TemporaryDirectory() as folder:
            targets = {
                "SQLite, 1 process": (str(Path(folder) / "one.db"), 1),
                "SQLite, 2 processes": (str(Path(folder) / "two.db"), 2),
                "PostgreSQL, 1 process": (args.url or cluster.url("one"), 1),  # type: ignore[union-attr]
            }
            if cluster is not None:
                targets["PostgreSQL, 2 processes"] = (cluster.url("two"), 2)
            print(f"\nstoring {args.articles} analysed articles (articles/s):")
            for label, (target, processes) in targets.items():
                print(f"  {label:<24} {time_writes(target, articles, processes):8.1f}")
            print(f"\nlook-ups on {args.articles} articles, {args.queries} each (p50 / p95 ms):")
            for label in ("SQLite, 1 process", "PostgreSQL, 1 process"):
                figures = asyncio.run(time_reads(targets[label][0], args.queries))
                for name, (p50, p95) in figures.items():
                    print(f"  {label.split(',')[0]:<11} {name:<16} {p50:6.2f} / {p95:6.2f}")
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
