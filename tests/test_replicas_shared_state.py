"""What one update leaves for the next lives in the store, not in the process that got it:
replicas (applications on one PostgreSQL database, one Bot API) answer each other's page
buttons, and a restarted bot answers the buttons it made before."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from bot.app import build_application, close_services
from bot.config import Config
from bot.memory_api import InMemoryBotApi
from storage import ArticleStore
from storage.postgres import PgStore
from tests.bot_kit import ADMIN_ID, BotHarness, add_article, button, sent, texts
from tests.conftest import PgDatabase

WORDS = "extraordinarily protracted municipal deliberations concerning waterfront"


@asynccontextmanager
async def replica(store: ArticleStore, api: InMemoryBotApi) -> AsyncIterator[BotHarness]:
    """One bot process: its own application (and ``bot_data``) on ``store``, talking to the
    deployment's one Bot API."""
    app = build_application(Config(admins=frozenset({ADMIN_ID})), store, request=api)
    async with app:
        yield BotHarness(app, api)
    await close_services(app)


async def _waterfront(store: ArticleStore) -> None:
    for n in range(10):
        await add_article(store, f"w{n}", f"Waterfront {n}", f"{WORDS} number {n}.")  # type: ignore[arg-type]


async def test_a_page_button_made_on_one_replica_is_answered_by_another(
    pg_database: PgDatabase,
) -> None:
    url = await pg_database()
    api = InMemoryBotApi()
    async with AsyncExitStack() as stack:
        stores = [await PgStore.open(url, pool_size=2) for _ in range(2)]
        for store in stores:
            stack.push_async_callback(store.close)
        first, second = [await stack.enter_async_context(replica(s, api)) for s in stores]
        await _waterfront(stores[0])
        calls = await first.send(f"/search {WORDS}")
        data = button(sent(calls)[0], "Next")
        assert data.startswith("pg:s:1:~s")  # the words are kept in the store
        message = first.message_of(calls[0])
        page2 = await second.press(data, message=message)
        [shown] = texts(page2, "editMessageText")
        assert "page 2" in shown and shown.count("Waterfront") == 2
        # and the second replica's Prev button comes back to the first
        back = button(sent(page2, "editMessageText")[0], "Prev")
        page1 = await first.press(back, message=message)
        assert "page 1" in texts(page1, "editMessageText")[0]


async def test_a_page_button_outlives_the_process_that_made_it(each_store: ArticleStore) -> None:
    api = InMemoryBotApi()
    await _waterfront(each_store)
    async with replica(each_store, api) as before:
        calls = await before.send(f"/search {WORDS}")
        message = before.message_of(calls[0])
    async with replica(each_store, api) as after:  # restarted: a new application
        page2 = await after.press(button(sent(calls)[0], "Next"), message=message)
    assert "page 2" in texts(page2, "editMessageText")[0]
