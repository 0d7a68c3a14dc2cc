"""Two bot processes on one PostgreSQL store check for watch alerts at the same moment: the
alert one of them claimed goes out once, sent by one process while the other leaves it."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.flood_api import FloodBotApi
from storage.postgres import PgStore
from tests.bot_kit import MEMBER_ID, add_article, newsroom
from tests.conftest import PgDatabase, StepClock
from tests.watch_kit import watching_bot


class SlowAlertsApi(FloodBotApi):
    """Takes a moment to accept an alert, so that two checks overlap while sending."""

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        if "🔔" in str(params.get("text", "")):
            await asyncio.sleep(0.2)
        return await super()._m_sendMessage(params)


async def test_two_replicas_checking_at_once_send_the_alert_once(pg_database: PgDatabase) -> None:
    url = await pg_database()
    first, second = [await PgStore.open(url, clock=StepClock(), pool_size=4) for _ in range(2)]
    api = SlowAlertsApi()
    try:
        await newsroom(first)
        async with watching_bot(first, api=api) as one, watching_bot(second, api=api) as two:
            await one.bot.send("/watch Azimova", user_id=MEMBER_ID)
            key = await add_article(
                first,
                "court-funds",
                "Courts ask for money",
                "Elvira Azimova said courts need money. The ministry will answer in May.",
                quotes=(("courts need money", "Elvira Azimova"),),
                people=(("Elvira Azimova", "judge", ("Azimova",)),),
            )
            for _ in range(2):
                await asyncio.gather(one.alerts.check(), two.alerts.check())
            assert len(one.alerts_to(MEMBER_ID)) == 1
        [watch] = await second.watches.of_chat(MEMBER_ID)
        assert await second.watches.alerts(watch.id) == [(key, "sent")]
    finally:
        await first.close()
        await second.close()
