"""The bot's article intake: every article from chat, a URL or a feed enters the store here.

One path for all of them: look for the same article first (same url, or same title and text),
analyse off the event loop (:class:`~bot.analysis_pool.AnalysisPool`), store in one
transaction, then tell whoever listens (watch alerts) that something new arrived.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.analysis_pool import AnalysisPool
from handlers.intake import Intake, IntakeError
from ingest.model import ArticleInput
from storage import ArticleStore
from storage.writer import content_hash

log = logging.getLogger(__name__)
StoredHook = Callable[[], None]


class BotIntake:
    def __init__(self, store: ArticleStore, pool: AnalysisPool) -> None:
        self.store = store
        self.pool = pool
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
