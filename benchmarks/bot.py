"""Bot latency and inline throughput on a store of generated articles.

Builds (once, cached under benchmarks/.cache/) a store of N generated articles, then measures
in-process through the real application and an in-memory Bot API:

- latency of ``/quotes <name>``, ``/people <name>``, ``/search <words>`` and an inline query
  (p50 and p95 over many runs; update in → last Bot API call out);
- inline answers per second with 50 queries in flight;
- peak resident memory of the measuring process (the build runs in a child process).

python benchmarks/bot.py [--articles 100000] [--runs 300] [--inline 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update

from benchmarks.generate import FIRST, LAST, TOPICS, generate_article
from bot.app import build_application, post_init
from bot.config import Config
from bot.ingestion import ingest_all
from bot.memory_api import InMemoryBotApi
from ingest import ANALYZER_VERSION
from ingest.model import ArticleInput
from storage import Store

CACHE = Path(__file__).resolve().parent / ".cache"
WORDS = 300
USER = {"id": 5001, "is_bot": False, "first_name": "Editor"}
ADMIN_ID = 5000
SEARCHES = [*TOPICS, "budget vote", "protest city hall", "supreme court", "pension reform"]


def _articles(count: int):  # type: ignore[no-untyped-def]
    for index in range(count):
        article_id, text = generate_article(index, words=WORDS)
        yield ArticleInput(article_id, text)


async def build(path: Path, count: int) -> None:
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    for stale in CACHE.glob(partial.name + "*"):
        stale.unlink()
    async with await Store.open(partial) as store:
        report = await ingest_all(store, _articles(count))
        await store.members.allow("user", USER["id"], label="bench", added_by=None, now=store.now())
    partial.rename(path)
    print(f"built {path.name}: {report.line()} in {time.perf_counter() - started:.0f} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class CountingBotApi(InMemoryBotApi):
    """Counts calls instead of keeping them, so the recorder does not count as bot memory."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()

    async def handle(self, api_method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        answer = await super().handle(api_method, params)
        self.counts[api_method] += 1
        self.calls.clear()
        return answer


class Bench:
    def __init__(self, store: Store) -> None:
        self.api = CountingBotApi()
        self.app = build_application(Config(admins=frozenset({ADMIN_ID})), store, request=self.api)
        self.next_id = 0

    def _update(self, payload: dict[str, Any]) -> Update:
        self.next_id += 1
        return Update.de_json({"update_id": self.next_id, **payload}, self.app.bot)

    def command(self, text: str) -> Update:
        message = self.api.user_message(USER["id"], USER, text)
        return self._update({"message": message})

    def inline(self, words: str) -> Update:
        query = {"id": str(self.next_id), "from": USER, "query": words, "offset": ""}
        return self._update({"inline_query": query})

    async def timed(self, update: Update) -> float:
        started = time.perf_counter()
        await self.app.process_update(update)
        return (time.perf_counter() - started) * 1000


async def measure(path: Path, runs: int, inline_total: int) -> None:
    rng = random.Random(11)
    async with await Store.open(path) as store:
        stats = await store.stats()
        bench = Bench(store)
        await bench.app.initialize()
        await post_init(bench.app)

        def name() -> str:
            surname = rng.choice(LAST)
            return surname if rng.random() < 0.5 else f"{rng.choice(FIRST)} {surname}"

        cases = {
            "/quotes <name>": lambda: bench.command(f"/quotes {name()}"),
            "/people <name>": lambda: bench.command(f"/people {name()}"),
            "/search <words>": lambda: bench.command(f"/search {rng.choice(SEARCHES)}"),
            "inline <words>": lambda: bench.inline(rng.choice([name(), *SEARCHES])),
        }
        print(
            f"store: {stats.articles} articles, {stats.quotes} quotes, {stats.people} people, "
            f"{stats.size_bytes / 2**20:.0f} MiB; {runs} runs per case"
        )
        for label, make in cases.items():
            for _ in range(10):
                await bench.timed(make())
            times = [await bench.timed(make()) for _ in range(runs)]
            print(
                f"{label:18} p50 {percentile(times, 0.5):6.2f} ms   "
                f"p95 {percentile(times, 0.95):6.2f} ms   (target p95 <= 20 ms)"
            )
        updates = [bench.inline(rng.choice([name(), *SEARCHES, ""])) for _ in range(inline_total)]
        gate = asyncio.Semaphore(50)

        async def answer(update: Update) -> None:
            async with gate:
                await bench.app.process_update(update)

        before = bench.api.counts["answerInlineQuery"]
        started = time.perf_counter()
        await asyncio.gather(*(answer(u) for u in updates))
        elapsed = time.perf_counter() - started
        answered = bench.api.counts["answerInlineQuery"] - before
        assert answered == inline_total, (answered, inline_total)
        print(
            f"inline throughput: {answered / elapsed:6.0f} answers/s "
            f"({answered} queries, 50 in flight; target >= 300)"
        )
        await bench.app.shutdown()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB (target <= 300 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--inline", type=int, default=3000)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = CACHE / f"bot-{args.articles}-{WORDS}w-v{ANALYZER_VERSION}.db"
    if args.build_only:
        CACHE.mkdir(exist_ok=True)
        asyncio.run(build(path, args.articles))
        return
    if not path.exists():
        # Built in a child process so that the build does not count in the peak memory.
        command = [sys.executable, __file__, "--build-only", "--articles", str(args.articles)]
        subprocess.run(command, check=True)
    asyncio.run(measure(path, args.runs, args.inline))


if __name__ == "__main__":
    main()
