"""The bot's article intake: every article from chat, a URL or a feed enters the store here.

One path for all of them: look for the same article first (same url, or same title and text),
analyse off the event loop (:class:`~bot.analysis_pool.AnalysisPool`), store in one
transaction, then tell whoever listens (watch alerts) that something new arrived.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.analysis_pool import AnalysisPool
from bot.fetcher import Fetcher, FetchError
from handlers.intake import Intake, IntakeError
from ingest.model import ArticleInput
from ingest.sources.documents import read_document
from ingest.sources.pages import PageError, fetched_article
from ingest.sources.readers import ReadError
from storage import ArticleStore
from storage.writer import content_hash

log = logging.getLogger(__name__)
StoredHook = Callable[[], None]


class BotIntake:
    def __init__(
        self, store: ArticleStore, pool: AnalysisPool, fetcher: Fetcher | None = None
    ) -> None:
        self.store = store
        self.pool = pool
        self.fetcher = fetcher
        self._stored_hooks: list[StoredHook] = []

    def on_stored(self, hook: StoredHook) -> None:
        """Call ``hook`` after each article that was added or changed."""
        self._stored_hooks.append(hook)

    async def add_article(self, article: ArticleInput) -> Intake:
        found = await self.store.articles.duplicate_of(
            urls=(article.url,), content_hash=content_hash(article)
        )
        if found is not None and found.id != article.id:
            return Intake("duplicate", found)
        analysis, summaries = await self.pool.analyse(article)
        outcome = await self.store.save(article, analysis, summaries)
        row = await self.store.articles.by_id(article.id)
        if row is None:  # pragma: no cover - save() committed it
            raise IntakeError("the article could not be stored")
        if outcome == "unchanged":
            return Intake("duplicate", row)
        for hook in self._stored_hooks:
            hook()
        return Intake(outcome, row)

    async def add_url(self, url: str) -> Intake:
        found = await self.store.articles.duplicate_of(urls=(url,))
        if found is not None:
            return Intake("duplicate", found)
        if self.fetcher is None:
            raise IntakeError("this bot does not fetch web pages")
        try:
            fetched = await self.fetcher.fetch(url, kind="page")
        except FetchError as error:
            raise IntakeError(f"the page could not be fetched: {error.message}") from None
        try:
            article = await self.pool.run(fetched_article, fetched.body, fetched.url)
        except PageError as error:
            raise IntakeError(str(error)) from None
        return await self.add_article(article)

    async def add_document(self, filename: str, data: bytes) -> list[Intake | ReadError]:
        results: list[Intake | ReadError] = []
        for read in await self.pool.run(read_document, filename, data):
            if isinstance(read, ReadError):
                results.append(read)
            else:
                results.append(await self.add_article(read))
        return results
