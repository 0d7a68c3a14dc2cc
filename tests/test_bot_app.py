"""The application as built: concurrency, rate limiting, one gate in front of everything."""

from __future__ import annotations

import asyncio
import time

from telegram import Update
from telegram.ext import AIORateLimiter, ChatMemberHandler, CommandHandler, TypeHandler

from bot.app import build_application
from bot.config import Config
from bot.memory_api import InMemoryBotApi
from handlers.access import gate
from handlers.commands import COMMANDS
from handlers.deps import DEPS_KEY, Deps
from handlers.digest.membership import MEMBERSHIP_GROUP
from handlers.watches import WATCH_MEMBERSHIP_GROUP
from storage import Store
from tests.bot_kit import ADMIN_ID, newsroom, user


async def test_inline_answers_do_not_wait_behind_a_slow_command(store: Store) -> None:
    await newsroom(store)
    api = InMemoryBotApi()
    app = build_application(Config(admins=frozenset({ADMIN_ID})), store, request=api)
    fast = store.articles.latest

    async def slow_latest(*args: object, **kwargs: object) -> list:
        await asyncio.sleep(1.0)
        return await fast(*args, **kwargs)

    store.articles.latest = slow_latest  # type: ignore[method-assign]
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0)
        await app.start()
        api.push_update({"message": api.user_message(ADMIN_ID, user(ADMIN_ID), "/latest")})
        api.push_update(
            {"inline_query": {"id": "1", "from": user(ADMIN_ID), "query": "budget", "offset": ""}}
        )
        deadline = time.monotonic() + 10
        while not api.calls_of("sendMessage") and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await app.updater.stop()
        await app.stop()
    order = [c.method for c in api.calls if c.method in ("sendMessage", "answerInlineQuery")]
    assert order == ["answerInlineQuery", "sendMessage"]


async def test_rate_limiter_only_when_talking_http(store: Store) -> None:
    offline = build_application(Config(), store, request=InMemoryBotApi())
    assert offline.bot.rate_limiter is None
    online = build_application(Config(telegram_token="1:" + "x" * 30), store)
    assert isinstance(online.bot.rate_limiter, AIORateLimiter)
    assert online.concurrent_updates > 1


async def test_one_gate_runs_before_every_handler(store: Store) -> None:
    app = build_application(Config(admins=frozenset({7})), store, request=InMemoryBotApi())
    membership_groups = (WATCH_MEMBERSHIP_GROUP, MEMBERSHIP_GROUP)
    gate_group, *_ = (g for g in sorted(app.handlers) if g not in membership_groups)
    [handler] = app.handlers[gate_group]
    assert gate_group < 0 and isinstance(handler, TypeHandler) and handler.type is Update
    assert handler.callback is gate
    # Only the bot's own membership changes are seen before the gate: they send nothing.
    for group in membership_groups:
        [membership] = app.handlers[group]
        assert gate_group > group and isinstance(membership, ChatMemberHandler)
        assert membership.chat_member_types == ChatMemberHandler.MY_CHAT_MEMBER
    deps = app.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps) and deps.store is store and deps.admins == frozenset({7})


async def test_every_registered_command_is_listed_and_none_is_taken_for_unknown(
    store: Store,
) -> None:
    api = InMemoryBotApi()
    app = build_application(Config(admins=frozenset({ADMIN_ID})), store, request=api)
    registered = {
        command
        for handlers in app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    assert registered == {spec.command for spec in COMMANDS}
    async with app:
        message = api.user_message(ADMIN_ID, user(ADMIN_ID), "/settings")
        await app.process_update(Update.de_json({"update_id": 1, "message": message}, app.bot))
    replies = [c["text"] for c in api.calls_of("sendMessage")]
    assert replies and not any("I don't know that command" in r for r in replies)
