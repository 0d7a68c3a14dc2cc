"""The application as the bot runs it, with watch alerts started, against a fake Bot API that
can refuse chats (blocked users, deleted groups) like Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.app import build_application
from bot.config import Config
from bot.delivery import FloodLimits, Sender
from bot.flood_api import FloodBotApi
from bot.memory_api import plain_text
from bot.watch_alerts import WatchAlerts, start_watches
from storage import Store
from tests.bot_kit import ADMIN_ID, MEMBER_ID, BotHarness, assert_valid_html

FAST = FloodLimits().scaled(0.001)


@dataclass
class WatchingBot:
    bot: BotHarness
    api: FloodBotApi
    alerts: WatchAlerts

    def alerts_to(self, chat_id: int) -> list[dict]:
        """Every alert Telegram accepted for ``chat_id`` so far (its Bot API parameters), in
        order: the second line of an alert starts with 🔔."""
        delivered = [text for chat, text, _ in self.api.delivered if chat == chat_id]
        calls = [p for p in self.api.calls_of("sendMessage") if int(p["chat_id"]) == chat_id]
        accepted: list[dict] = []
        used: set[int] = set()
        for text in delivered:
            params = next(p for p in calls if p["text"] == text and id(p) not in used)
            used.add(id(params))
            lines = text.split("\n")
            if len(lines) > 1 and lines[1].startswith("🔔"):
                accepted.append(params)
        return accepted

    def shown(self, chat_id: int) -> list[str]:
        texts = []
        for params in self.alerts_to(chat_id):
            assert_valid_html(params["text"])
            texts.append(plain_text(params["text"]))
        return texts


@asynccontextmanager
async def watching_bot(
    store: Store, *, admin_chat: int | None = None, api: FloodBotApi | None = None
) -> AsyncIterator[WatchingBot]:
    api = api or FloodBotApi()
    config = Config(admins=frozenset({ADMIN_ID}), admin_chat_id=admin_chat)
    app = build_application(config, store, request=api)
    await store.members.allow("user", MEMBER_ID, label="member", added_by=ADMIN_ID, now="2026")
    async with app:
        alerts = await start_watches(app, sender=Sender(app.bot, FAST))
        yield WatchingBot(BotHarness(app, api), api, alerts)
