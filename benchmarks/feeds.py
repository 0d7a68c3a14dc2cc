"""Feed polling end to end: N local feeds × M entries with article pages on 127.0.0.1.

The first full poll fetches every feed and every page, extracts each article, analyses it (in
the bot's process pool) and stores it: pages/s end to end. The second poll, ten minutes later,
finds every feed unchanged (304): seconds. Peak memory of the bot's process and of its
analysis workers (the HTTP server runs in a process of its own and is not counted).

Each feed is served on a port of its own, so that the fetcher's one-request-per-host rule
applies as it does to feeds on different sites.

    python benchmarks/feeds.py [--feeds 200] [--entries 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate_article
from bot.analysis_pool import AnalysisPool, default_workers
from bot.feed_poller import FeedPoller
from bot.fetcher import Fetcher, FetchSettings
from bot.intake import BotIntake
from storage import Store
from tests.feed_kit import ManualClock
from tests.web_fixtures import LocalWeb, Reply

PUBLISHED = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def page_html(index: int, url: str) -> tuple[str, bytes]:
    _, text = generate_article(index)
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    html = f"""<!doctype html><html><head><title>{escape(title)} | Bench News</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="Bench News">
<meta property="article:published_time" content="{PUBLISHED.isoformat()}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1>{paragraphs}</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Another story</a></li></ul></aside>
<footer>Bench News. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""
    return title, html.encode()


def feed_xml(feed: int, base: str, entries: int) -> bytes:
    items = []
    for entry in range(entries):
        index = feed * 1000 + entry
        when = PUBLISHED - timedelta(minutes=entry)
        items.append(
            f"<item><title>Story {index}</title><link>{base}/story/{index}</link>"
            f"<guid>bench-{index}</guid><pubDate>{format_datetime(when)}</pubDate></item>"
        )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed {feed}</title>'
        f"<link>{base}/</link>{''.join(items)}</channel></rss>"
    ).encode()


def serve(feeds: int, entries: int, ports: multiprocessing.connection.Connection) -> None:
    async def main() -> None:
        webs = []
        for feed in range(feeds):
            web = LocalWeb()
            await web.start()
            base = web.url("")
            web.routes["/rss"] = Reply(
                body=feed_xml(feed, base, entries),
                content_type="application/rss+xml",
                etag=f'"feed-{feed}"',
            )
            for entry in range(entries):
                index = feed * 1000 + entry
                _, html = page_html(index, f"{base}/story/{index}")
                web.routes[f"/story/{index}"] = Reply(body=html)
            webs.append(web)
        ports.send([w.port for w in webs])
        await asyncio.Event().wait()

    asyncio.run(main())


def peak_kb(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def one_run(ports: list[int], entries: int, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        clock = ManualClock(datetime.now(UTC))
        store = await Store.open(Path(folder) / "feeds.db", clock=clock)
        pool = AnalysisPool(workers)
        try:
            for port in ports:
                url = f"http://127.0.0.1:{port}/rss"
                await store.feeds.add(url, interval_minutes=10, added_by=None, now=store.now())
            async with Fetcher(FetchSettings(allow_private=True)) as fetcher:
                poller = FeedPoller(store, fetcher, BotIntake(store, pool), pool, clock=clock)
                started = time.perf_counter()
                first = await poller.poll_due()
                first_s = time.perf_counter() - started
                clock.advance(minutes=10)
                started = time.perf_counter()
                second = await poller.poll_due()
                second_s = time.perf_counter() - started
            stored = first.total("stored")
            worker_peaks = [peak_kb(p) for p in _worker_pids(pool)]
            return {
                "pages": stored,
                "expected": len(ports) * entries,
                "failed": first.failed + second.failed,
                "first_s": first_s,
                "pages_per_s": stored / first_s,
                "second_s": second_s,
                "not_modified": sum(1 for r in second.results if r.not_modified),
                "rss_mb": peak_kb() / 1024,
                "worker_mb": max(worker_peaks, default=0) / 1024,
                "total_mb": (peak_kb() + sum(worker_peaks)) / 1024,
            }
        finally:
            pool.close()
            await store.close()


def run_once(ports: list[int], entries: int, workers: int) -> dict[str, float]:
    return asyncio.run(one_run(ports, entries, workers))


def _worker_pids(pool: AnalysisPool) -> list[int]:
    executor = pool._executor
    processes = getattr(executor, "_processes", None) or {}
    return [pid for pid in processes if Path(f"/proc/{pid}").exists()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=serve, args=(args.feeds, args.entries, send), daemon=True)
    server.start()
    ports = receive.recv()
    print(f"{args.feeds} feeds × {args.entries} entries on 127.0.0.1, {args.workers} workers")
    results = []
    try:
        for run in range(1, args.runs + 1):
            # Each run in a fresh process, so that its peak memory is its own.
            with ProcessPoolExecutor(1, mp_context=context) as runner:
                result = runner.submit(run_once, ports, args.entries, args.workers).result()
            results.append(result)
            print(
                f"run {run}: first poll {result['pages']:.0f}/{result['expected']:.0f} pages "
                f"in {result['first_s']:.1f} s = {result['pages_per_s']:.1f} pages/s; "
                f"second poll {result['second_s']:.2f} s "
                f"({result['not_modified']:.0f} not modified); failed {result['failed']:.0f}; "
                f"peak RSS {result['rss_mb']:.0f} MB + workers {result['worker_mb']:.0f} MB each "
                f"(total {result['total_mb']:.0f} MB)"
            )
    finally:
        server.terminate()
    print(
        "median: first poll "
        f"{statistics.median(r['pages_per_s'] for r in results):.1f} pages/s (target ≥ 40), "
        f"second poll {statistics.median(r['second_s'] for r in results):.2f} s (target ≤ 2), "
        f"peak RSS {max(r['rss_mb'] for r in results):.0f} MB in the bot's process, "
        f"{max(r['total_mb'] for r in results):.0f} MB with its workers (target ≤ 300)"
    )


if __name__ == "__main__":
    main()
