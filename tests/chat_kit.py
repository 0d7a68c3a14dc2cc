"""A running bot for chat-ingest tests: an editor, a reader, short paste pauses, and a way to
wait for replies that come after the handler returned (pasted parts are joined later)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

from bot.app import close_services
from bot.memory_api import ApiCall
from handlers.deps import DEPS_KEY
from storage import Store
from tests.bot_kit import ADMIN_ID, BotHarness, running_bot, texts, user

EDITOR_ID = 44
PASTE_QUIET_SECONDS = 0.2


async def chat_bot(store: Store, *, allow_private_urls: bool = True) -> AsyncIterator[BotHarness]:
    """The real application, started (so that waiting pastes are its tasks), its fetcher
    allowed to reach the tests' local web server unless ``allow_private_urls`` is off, with
    user ``EDITOR_ID`` an editor and ``MEMBER_ID`` a reader."""
    await store.members.allow(
        "user", EDITOR_ID, label="desk", added_by=ADMIN_ID, now="2026", role="editor"
    )
    async for harness in running_bot(store, allow_private_urls=allow_private_urls):
        app = harness.app
        app.bot_data[DEPS_KEY] = replace(
            app.bot_data[DEPS_KEY], paste_quiet_seconds=PASTE_QUIET_SECONDS
        )
        await app.start()
        try:
            yield harness
        finally:
            await app.stop()
            await close_services(app)


def to_chat(harness: BotHarness, chat_id: int, method: str = "sendMessage") -> list[ApiCall]:
    return [
        c
        for c in harness.api.calls
        if c.method == method and int(c.params.get("chat_id", 0)) == chat_id
    ]


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)


async def replies(harness: BotHarness, chat_id: int, count: int) -> list[str]:
    """The first ``count`` messages the bot sent to ``chat_id``, waiting for them to come."""
    await until(lambda: len(to_chat(harness, chat_id)) >= count)
    return texts(to_chat(harness, chat_id))


async def forward(
    harness: BotHarness,
    text: str,
    *,
    channel: dict[str, Any],
    post_id: int,
    posted_at: int,
    user_id: int = EDITOR_ID,
) -> list[ApiCall]:
    message = harness.api.forwarded_post(
        user_id, user(user_id), text, channel=channel, post_id=post_id, posted_at=posted_at
    )
    return await harness.process({"message": message})


async def send_document(
    harness: BotHarness,
    file_name: str,
    data: bytes,
    *,
    user_id: int = EDITOR_ID,
    file_size: int | None = None,
) -> list[ApiCall]:
    message = harness.api.user_document(
        user_id, user(user_id), file_name, data, file_size=file_size
    )
    return await harness.process({"message": message})
