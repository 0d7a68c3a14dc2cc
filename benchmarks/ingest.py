"""Ingest throughput: ``analyze`` alone and ``ingest`` into a fresh store (median of 5 runs).

python benchmarks/ingest.py [--articles N] [--runs R]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate
from bot.ingestion import ingest_all
from ingest import analyze
from ingest.model import ArticleInput
from storage import Store


def time_analyze(texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        analyze(text)
    return len(texts) / (time.perf_counter() - started)


async def time_ingest(articles: list[ArticleInput]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "bench.db")
        started = time.perf_counter()
        report = await ingest_all(store, articles)
        elapsed = time.perf_counter() - started
        await store.close()
    assert report.counts["new"] == len(articles), report.line()
    return len(articles) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    generated = generate(args.articles)
    words = statistics.mean(len(text.split()) for _, text in generated)
    texts = [text for _, text in generated]
    articles = [ArticleInput(article_id, text) for article_id, text in generated]
    analyze_rates = [time_analyze(texts) for _ in range(args.runs)]
    ingest_rates = [asyncio.run(time_ingest(articles)) for _ in range(args.runs)]
    print(f"articles: {args.articles} generated, {words:.0f} words on average; runs: {args.runs}")
    print(f"analyze: {statistics.median(analyze_rates):8.1f} articles/s (median; target >= 400)")
    print(
        f"ingest:  {statistics.median(ingest_rates):8.1f} articles/s (median, into a fresh "
        "store with full-text indexing; target >= 200)"
    )


if __name__ == "__main__":
    main()
