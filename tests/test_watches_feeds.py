"""A feed polled over real HTTP on 127.0.0.1 brings articles, and a watcher hears of each once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Update

from bot.app import build_application, close_services, post_init
from bot.config import Config
from bot.memory_api import InMemoryBotApi, plain_text
from storage import Store
from tests.test_feeds_e2e import pages, rss_reply
from tests.web_fixtures import LocalWeb, serving

ADMIN = 11


@pytest.fixture
async def web() -> AsyncIterator[LocalWeb]:
    async with serving() as local:
        yield local


def command(api: InMemoryBotApi, text: str, update_id: int) -> dict:
    message = api.user_message(ADMIN, {"id": ADMIN, "is_bot": False, "first_name": "A"}, text)
    return {"update_id": update_id, "message": message}


async def test_articles_from_a_feed_alert_a_watcher_once_each(
    tmp_path: Path, web: LocalWeb
) -> None:
    pages(web, range(1, 3))
    web.routes["/rss"] = rss_reply(web, [1, 2], '"x"')
    store = await Store.open(tmp_path / "bot.db")
    api = InMemoryBotApi()
    app = build_application(
        Config(admins=frozenset({ADMIN}), allow_private_urls=True), store, request=api
    )
    try:
        async with app:
            await post_init(app)
            await app.start()
            for number, text in enumerate(["/watch river path", f"/addfeed {web.url('/rss')}"]):
                update = Update.de_json(command(api, text, number + 1), app.bot)
                await app.process_update(update)

            def alerts() -> list[str]:
                sent = [plain_text(p["text"]) for p in api.calls_of("sendMessage")]
                return [t for t in sent if t.split("\n")[1:2] and t.split("\n")[1].startswith("🔔")]

            for _ in range(200):
                if len(alerts()) == 2:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.6)  # a further check finds nothing new to send
            await app.stop()
        titles = sorted(a.split("\n")[0].split(" · ", 1)[1] for a in alerts())
        assert titles == [
            "Council extends river path, story 1",
            "Council extends river path, story 2",
        ]
        assert all(a.split("\n")[1].startswith("🔔 “river path” · ") for a in alerts())
    finally:
        await close_services(app)
        await store.close()
