"""Two bot processes sharing one PostgreSQL store deliver the same due slots at once: every
chat gets its digest exactly once, and a slot left by a process that died mid-digest is
finished by the other from the parts already sent."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.delivery import FloodLimits
from bot.digest_delivery import LEASE, DigestDelivery
from bot.digest_scheduler import BUSY_RETRY, RETRY_PREFIX, DigestScheduler, start_digests
from bot.flood_api import FloodBotApi
from handlers.deps import DEPS_KEY
from handlers.digest.times import iso
from storage.postgres import PgStore
from tests.conftest import PgDatabase
from tests.digest_helpers import FakeClock, add_article, build_app

SCALE = 0.01  # Telegram's one-second windows squeezed to 10 ms
DUE = datetime(2026, 3, 20, 7, 30, tzinfo=UTC)


async def _replicas(url: str, clock: FakeClock, api: FloodBotApi, count: int = 2):  # type: ignore[no-untyped-def]
    stores = [await PgStore.open(url, clock=clock, pool_size=4) for _ in range(count)]
    apps = [build_app(store, api, clock) for store in stores]
    return stores, apps


async def _subscribe(store: PgStore, clock: FakeClock, chats: list[int]) -> None:
    for chat in chats:
        await store.subscriptions.subscribe(
            chat, chat_kind="private", chat_title=None, time="07:30", timezone="UTC",
            created_by=1, watermark=iso(clock() - timedelta(hours=24)), now=iso(clock()),
        )  # fmt: skip
    for n in range(3):
        await add_article(store, f"a{n}", f"Story {n}", f"Summary {n}.")


async def test_two_replicas_send_each_digest_once(pg_database: PgDatabase) -> None:
    clock = FakeClock(DUE - timedelta(hours=1))
    api = FloodBotApi(window=SCALE, group_window=60 * SCALE)
    stores, apps = await _replicas(await pg_database(), clock, api)
    chats = list(range(1, 151))
    await _subscribe(stores[0], clock, chats)
    clock.set(DUE + timedelta(minutes=1))
    try:
        async with apps[0], apps[1]:
            deliveries = [
                DigestDelivery(
                    app.bot, store.subscriptions, clock=clock, limits=FloodLimits().scaled(SCALE)
                )
                for app, store in zip(apps, stores, strict=True)
            ]
            slots = [(s, DUE) for s in await stores[0].subscriptions.active()]
            reports = await asyncio.gather(*(d.deliver(slots) for d in deliveries))
        statuses = Counter(r.status for report in reports for r in report.results)
        assert statuses["sent"] == len(chats)
        assert statuses["sent"] + statuses["already"] + statuses["busy"] == 2 * len(chats)
        per_chat = Counter(chat for chat, _, _ in api.delivered)
        assert per_chat == Counter({chat: 1 for chat in chats})
        assert await stores[1].subscriptions.pending() == []
    finally:
        for store in stores:
            await store.close()


async def test_a_digest_left_half_sent_is_finished_by_another_replica(
    pg_database: PgDatabase,
) -> None:
    clock = FakeClock(DUE - timedelta(hours=1))
    api = FloodBotApi(window=SCALE, group_window=60 * SCALE)
    stores, apps = await _replicas(await pg_database(), clock, api)
    await _subscribe(stores[0], clock, [7])
    clock.set(DUE + timedelta(minutes=1))
    queries = stores[0].subscriptions
    parts = ("part one", "part two", "part three")
    now = iso(clock())
    await queries.claim(7, iso(DUE), since="2000", until=now, parts=parts, items=3, now=now)
    # the first replica took the run, sent a part and was killed: its lease stays a while
    dead = await queries.take(
        7, iso(DUE), owner="dead", now=iso(clock()), until=iso(clock() + LEASE)
    )
    assert dead is not None
    await queries.part_sent(7, iso(DUE), 1)
    try:
        async with apps[1]:
            other = DigestDelivery(
                apps[1].bot,
                stores[1].subscriptions,
                clock=clock,
                limits=FloodLimits().scaled(SCALE),
            )
            subscription = await stores[1].subscriptions.get(7)
            assert subscription is not None
            early = await other.deliver([(subscription, DUE)])
            assert [r.status for r in early.results] == ["busy"] and api.delivered == []
            clock.advance(seconds=LEASE.total_seconds())
            late = await other.deliver([(subscription, DUE)])
        assert [r.status for r in late.results] == ["sent"]
        assert [text for _, text, _ in api.delivered] == ["part two", "part three"]
        assert [r.state for r in await queries.runs(7)] == ["sent"]
    finally:
        for store in stores:
            await store.close()


async def test_a_replica_that_found_a_slot_busy_looks_again_when_the_lease_ends(
    pg_database: PgDatabase,
) -> None:
    clock = FakeClock(DUE - timedelta(hours=1))
    api = FloodBotApi(window=SCALE, group_window=60 * SCALE)
    stores, apps = await _replicas(await pg_database(), clock, api)
    await _subscribe(stores[0], clock, [7])
    clock.set(DUE + timedelta(minutes=1))
    queries = stores[0].subscriptions
    now = iso(clock())
    await queries.claim(7, iso(DUE), since="2000", until=now, parts=("a", "b"), items=2, now=now)
    await queries.take(7, iso(DUE), owner="dead", now=now, until=iso(clock() + LEASE))
    try:
        async with apps[1]:
            # start-up catch-up on the second replica: the slot is someone else's for now
            await start_digests(apps[1], limits=FloodLimits().scaled(SCALE), background=False)
            [retry] = apps[1].job_queue.get_jobs_by_name(f"{RETRY_PREFIX}7")
            assert api.delivered == []
            clock.advance(seconds=BUSY_RETRY.total_seconds())
            await retry.run(apps[1])
        assert [text for _, text, _ in api.delivered] == ["a", "b"]
        assert [r.state for r in await queries.runs(7)] == ["sent"]
    finally:
        for store in stores:
            await store.close()


class HoldingBotApi(FloodBotApi):
    """Holds every message to ``held`` until ``release`` is set (a slow chat mid-fan-out)."""

    def __init__(self, held: int) -> None:
        super().__init__(window=SCALE, group_window=60 * SCALE)
        self.held = held
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        if int(params["chat_id"]) == self.held:
            self.holding.set()
            await self.release.wait()
        return await super()._m_sendMessage(params)


async def test_a_busy_slot_is_looked_at_again_while_the_fan_out_goes_on(
    pg_database: PgDatabase,
) -> None:
    """The retry of a slot another process holds counts from when it was found busy: a
    long fan-out does not hold back the slots of a replica that died."""
    clock = FakeClock(DUE - timedelta(hours=1))
    api = HoldingBotApi(held=8)
    stores, apps = await _replicas(await pg_database(), clock, api)
    await _subscribe(stores[0], clock, [7, 8])
    clock.set(DUE + timedelta(minutes=1))
    queries = stores[0].subscriptions
    now = iso(clock())
    await queries.claim(7, iso(DUE), since="2000", until=now, parts=("a",), items=1, now=now)
    await queries.take(7, iso(DUE), owner="dead", now=now, until=iso(clock() + LEASE))
    try:
        async with apps[1]:
            scheduler = DigestScheduler(
                apps[1], apps[1].bot_data[DEPS_KEY], limits=FloodLimits().scaled(SCALE)
            )
            slots = [(s, DUE) for s in await stores[1].subscriptions.active()]
            fan_out = asyncio.create_task(scheduler.deliver(slots))
            await asyncio.wait_for(api.holding.wait(), 10)
            # chat 8 is still being sent; chat 7's retry is already set for its lease's end
            [retry] = apps[1].job_queue.get_jobs_by_name(f"{RETRY_PREFIX}7")
            assert not fan_out.done()
            api.release.set()
            report = await fan_out
        assert sorted(r.status for r in report.results) == ["busy", "sent"]
        assert retry.data == (7, iso(DUE))
    finally:
        for store in stores:
            await store.close()
