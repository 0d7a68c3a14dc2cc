"""Analysis off the event loop: article text → (analysis, summaries) in worker processes.

``analyze`` is pure CPU work (about 2 ms an article); run on the event loop it would hold up
every other update while a paste or a feed is analysed. The bot hands it to a small process
pool (true parallelism on a multi-core machine, no GIL held in the bot's process) or, with
``workers=0`` (tests, the console), to a thread.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any, TypeVar

from ingest import analyze
from ingest.model import Analysis, ArticleInput
from ingest.pipeline import summary_variants

T = TypeVar("T")
Summaries = dict[str, tuple[str, ...]]


def analyse_article(article: ArticleInput) -> tuple[Analysis, Summaries]:
    """The analysis and the short/default/long summaries of one article (runs in a worker)."""
    analysis = analyze(article.text, title=article.title)
    return analysis, summary_variants(analysis)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class AnalysisPool:
    """``await pool.run(function, *args)`` runs a picklable function in a worker."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers
        self._executor: Executor | None = None

    def _pool(self) -> Executor | None:
        if self.workers <= 0:
            return None
        if self._executor is None:
            # spawn, not fork: the bot's process has threads (aiosqlite, the scheduler).
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
        return self._executor

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        executor = self._pool()
        if executor is None:
            return await asyncio.to_thread(function, *args)
        return await asyncio.get_running_loop().run_in_executor(executor, function, *args)

    async def analyse(self, article: ArticleInput) -> tuple[Analysis, Summaries]:
        return await self.run(analyse_article, article)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
