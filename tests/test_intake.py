"""The bot's intake: analysed off the event loop, stored once, duplicates found by url or text."""

from __future__ import annotations

from bot.analysis_pool import AnalysisPool
from bot.intake import BotIntake
from ingest.model import ArticleInput
from storage import Store
from tests.conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")


async def test_a_new_article_is_analysed_stored_and_announced(store: Store) -> None:
    intake = BotIntake(store, AnalysisPool(workers=0))
    heard: list[int] = []
    intake.on_stored(lambda: heard.append(1))
    first = await intake.add_article(ArticleInput("chat:1", TEXT, url="https://x.test/a"))
    assert first.outcome == "new" and first.added
    assert first.article.quote_count > 0 and first.article.people_count == 7
    assert heard == [1]


async def test_the_same_text_or_url_again_is_a_duplicate_of_the_first(store: Store) -> None:
    intake = BotIntake(store, AnalysisPool(workers=0))
    first = await intake.add_article(ArticleInput("chat:1", TEXT, url="https://x.test/a"))
    same_text = await intake.add_article(ArticleInput("chat:2", TEXT))
    same_url = await intake.add_article(
        ArticleInput(
            "https://x.test/a", "Other\n\nA different text entirely.", url="https://x.test/a"
        )
    )
    same_id = await intake.add_article(ArticleInput("chat:1", TEXT, url="https://x.test/a"))
    for again in (same_text, same_url, same_id):
        assert again.outcome == "duplicate" and not again.added
        assert again.article.key == first.article.key
    assert (await store.stats()).articles == 1


async def test_a_process_pool_gives_the_same_analysis(store: Store) -> None:
    pool = AnalysisPool(workers=1)
    try:
        in_process, _ = await AnalysisPool(workers=0).analyse(ArticleInput("a", TEXT))
        in_worker, summaries = await pool.analyse(ArticleInput("a", TEXT))
    finally:
        pool.close()
    assert in_worker == in_process
    assert summaries["short"][0] in summaries["default"]
