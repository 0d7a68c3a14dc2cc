"""End to end: the bot long-polls a fake Bot API served over HTTP on 127.0.0.1, through its
real HTTP client and AIORateLimiter, and the test asserts on the requests the server got."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable

import httpx
import pytest

from bot.config import Config
from bot.memory_api import BotApiError, InMemoryBotApi
from bot.runner import run_bot, webhook_secret
from storage import Store
from tests.bot_kit import ADMIN_ID, STRANGER_ID, newsroom, user
from tests.http_bot_api import HttpBotApi

TOKEN = "123456:" + "A" * 35


async def until(condition: Callable[[], object], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the bot"
        await asyncio.sleep(0.02)


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)


async def test_the_bot_long_polls_an_http_bot_api(store: Store) -> None:
    await newsroom(store)
    api = InMemoryBotApi()
    server = HttpBotApi(api)
    base_url = await server.start()
    config = Config(
        telegram_token=TOKEN, telegram_api_base_url=base_url, admins=frozenset({ADMIN_ID})
    )
    stop = asyncio.Event()
    running = asyncio.create_task(run_bot(config, store, stop=stop))
    try:
        await until(lambda: "getUpdates" in server.methods())

        message = api.user_message(ADMIN_ID, user(ADMIN_ID), "/latest 2")
        api.push_update({"message": message})
        await until(lambda: api.calls_of("sendMessage"))
        [listing] = api.calls_of("sendMessage")
        assert "<code>#3</code>" in listing["text"] and listing["parse_mode"] == "HTML"
        next_button = listing["reply_markup"]["inline_keyboard"][-1][-1]["callback_data"]

        shown = api.last_bot_message(ADMIN_ID)
        query = {"id": "c1", "from": user(ADMIN_ID), "chat_instance": "1", "data": next_button}
        api.push_update({"callback_query": {**query, "message": shown}})
        await until(lambda: api.calls_of("editMessageText") and api.calls_of("answerCallbackQuery"))
        assert "page 2" in api.calls_of("editMessageText")[0]["text"]

        inline = {"id": "i1", "from": user(ADMIN_ID), "query": "azimova", "offset": ""}
        api.push_update({"inline_query": inline})
        await until(lambda: api.calls_of("answerInlineQuery"))
        answer = api.calls_of("answerInlineQuery")[0]
        assert answer["results"][0]["id"] == "p1" and answer["is_personal"] is True

        # a stranger in the same run is refused, and a 429 is waited out and retried
        api.fail_next("sendMessage", BotApiError(429, "Too Many Requests", retry_after=1))
        stranger = api.user_message(STRANGER_ID, user(STRANGER_ID), "/summary")
        api.push_update({"message": stranger})
        await until(lambda: len(api.calls_of("sendMessage")) == 3)
        refusal = api.calls_of("sendMessage")[2]
        assert refusal["chat_id"] == str(STRANGER_ID) and "private" in refusal["text"]
    finally:
        stop.set()
        assert await asyncio.wait_for(running, 15) == 0
        await server.stop()

    methods = server.methods()
    assert methods[0] == "getMe"
    for expected in (
        "setMyCommands",
        "deleteWebhook",
        "getUpdates",
        "sendMessage",
        "editMessageText",
        "answerCallbackQuery",
        "answerInlineQuery",
    ):
        assert expected in methods, expected
    assert methods.count("sendMessage") == 3  # /latest, then the refusal twice: 429, retry
    commands = dict(server.requests)["setMyCommands"]["commands"]
    assert {"command": "summary", "description": "Summary of an article (short or long)"} in (
        commands
    )
    polls = [params for method, params in server.requests if method == "getUpdates"]
    assert all(set(p["allowed_updates"]) >= {"message", "inline_query"} for p in polls)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode_registers_the_url_and_serves_posted_updates(store: Store) -> None:
    await newsroom(store)
    api = InMemoryBotApi()
    server = HttpBotApi(api)
    port = free_port()
    config = Config(
        telegram_token=TOKEN,
        telegram_api_base_url=await server.start(),
        admins=frozenset({ADMIN_ID}),
        webhook_port=port,  # NEWSROOM_WEBHOOK_PORT
    )
    stop = asyncio.Event()
    url = "https://news.example.org/telegram/hook"
    running = asyncio.create_task(run_bot(config, store, webhook=url, stop=stop))
    try:
        await until(lambda: "setWebhook" in server.methods())
        registered = dict(server.requests)["setWebhook"]
        assert registered["url"] == url
        assert registered["secret_token"] == webhook_secret(TOKEN)
        message = api.user_message(ADMIN_ID, user(ADMIN_ID), "/latest")
        update = {"update_id": 1, "message": message}
        endpoint = f"http://127.0.0.1:{port}/telegram/hook"
        async with httpx.AsyncClient(trust_env=False) as client:
            wrong = await client.post(
                endpoint, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
            )
            assert wrong.status_code == 403
            right = await client.post(
                endpoint,
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": webhook_secret(TOKEN)},
            )
            assert right.status_code == 200
        await until(lambda: api.calls_of("sendMessage"))
        assert "<code>#3</code>" in api.calls_of("sendMessage")[0]["text"]
        assert "getUpdates" not in server.methods()
    finally:
        stop.set()
        assert await asyncio.wait_for(running, 15) == 0
        await server.stop()
