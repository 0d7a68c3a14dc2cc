"""Telegram's overall 30 messages a second for the whole deployment: replicas on one store
share a schedule of send instants (``bot.send_budget``), on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.delivery import FloodLimits, Sender
from bot.digest_scheduler import start_digests
from bot.flood_api import FloodBotApi
from bot.send_budget import LATE_IN_ROW, SharedSendBudget, deployment_budget
from bot.watch_alerts import start_watches
from storage import ArticleStore, Store
from storage.postgres import PgStore
from tests.conftest import PgDatabase
from tests.digest_helpers import FakeClock, build_app
from tests.test_digest_fanout import assert_within_limit

SCALE = 0.1  # Telegram's one-second window squeezed to 100 ms
# A wider spacing margin than the real 3%: squeezed windows leave a loaded test machine's
# event loop less room; the rule is the same.
LIMITS = FloodLimits(shared_margin=0.1).scaled(SCALE)
MESSAGES = 150


@pytest.fixture(params=["sqlite", "postgresql"])
async def three_stores(
    request: pytest.FixtureRequest, tmp_path: Path, pg_database: PgDatabase
) -> AsyncIterator[list[ArticleStore]]:
    """Three connections to one store, as three replicas have."""
    stores: list[ArticleStore] = []
    if request.param == "sqlite":
        for _ in range(3):
            stores.append(await Store.open(tmp_path / "shared.db"))
    else:
        url = await pg_database()
        for _ in range(3):
            stores.append(await PgStore.open(url, pool_size=2))
    yield stores
    for store in stores:
        await store.close()


async def test_reservations_follow_one_another_and_a_hold_moves_the_schedule(
    each_store: ArticleStore,
) -> None:
    queries = each_store.send_budget
    started = time.monotonic()
    assert await queries.reserve("telegram", 5, 0.1) == 0.0  # a free schedule: at once
    second = await queries.reserve("telegram", 3, 0.1)
    elapsed = time.monotonic() - started
    # the second batch starts where the first ends, half a second after it was taken
    assert 0.5 - elapsed - 0.01 <= second <= 0.5 + 0.01
    assert await queries.reserve("another bot", 1, 0.1) == 0.0  # budgets are apart
    await queries.hold("telegram", 5.0)
    after_hold = await queries.reserve("telegram", 1, 0.1)
    assert 4.9 <= after_hold <= 5.01


async def _send_all(stores: list[ArticleStore], api: FloodBotApi, shared: bool) -> list[Sender]:
    """Each replica sends a third of the messages to chats of its own, all at once."""
    clock = FakeClock(datetime(2026, 3, 20, 7, 30, tzinfo=UTC))
    apps = [build_app(store, api, clock) for store in stores]
    senders = [
        Sender(
            app.bot, LIMITS, budget=SharedSendBudget(store.send_budget, LIMITS) if shared else None
        )
        for app, store in zip(apps, stores, strict=True)
    ]
    share = MESSAGES // len(senders)
    async with apps[0], apps[1], apps[2]:
        results = await asyncio.gather(
            *(
                sender.send(1 + n * share + i, f"message {i}")
                for n, sender in enumerate(senders)
                for i in range(share)
            )
        )
    assert [r.status for r in results] == ["sent"] * MESSAGES
    return senders


async def test_three_replicas_keep_one_overall_limit(three_stores: list[ArticleStore]) -> None:
    api = FloodBotApi(window=SCALE, group_window=60 * SCALE)
    senders = await _send_all(three_stores, api, shared=True)
    assert api.flood_answers == 0
    assert len(api.delivered) == MESSAGES
    assert_within_limit(api, LIMITS.overall, SCALE)
    times = sorted(t for _, _, t in api.delivered)
    # 30 at once, then 30 more each window: 150 messages cannot take less than 4 windows
    assert times[-1] - times[0] >= (MESSAGES / LIMITS.overall - 1) * SCALE
    # a few instants per round trip to the store, not one each
    budgets = [s.gate.budget for s in senders]
    assert sum(b.reservations for b in budgets if b is not None) <= MESSAGES / 2


async def test_without_the_shared_budget_three_replicas_send_three_times_too_fast(
    three_stores: list[ArticleStore],
) -> None:
    api = FloodBotApi(window=SCALE, group_window=60 * SCALE)
    await _send_all(three_stores, api, shared=False)
    assert api.flood_answers > 0  # each process kept 30 a window: Telegram said 429


async def test_a_429_holds_every_replica(three_stores: list[ArticleStore]) -> None:
    first, second = (SharedSendBudget(s.send_budget, LIMITS) for s in three_stores[:2])
    await first.take()
    await first.hold(30.0)  # Telegram told the first replica to wait 30 s
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    waiting = SharedSendBudget(
        three_stores[1].send_budget, LIMITS, clock=lambda: now[0], sleep=sleep
    )
    await waiting.take()
    assert second is not waiting and 29.9 <= sum(slept) <= 30.0


async def test_an_instant_woken_for_too_late_is_dropped_not_used(
    each_store: ArticleStore,
) -> None:
    now = [0.0]
    delays = iter([1.0])  # the event loop is busy for a second once

    async def late_sleep(seconds: float) -> None:
        now[0] += seconds + next(delays, 0.0)

    budget = SharedSendBudget(
        each_store.send_budget, LIMITS, clock=lambda: now[0], sleep=late_sleep
    )
    await budget.take(waiting=5)  # five instants reserved, the first used at once
    await budget.take()  # the second is slept for, woken a second late: all four dropped
    assert budget.lost == 4 and budget.reservations == 2


async def test_digests_and_watch_alerts_share_the_deployment_budget_on_a_shared_store(
    each_store: ArticleStore,
) -> None:
    clock = FakeClock(datetime(2026, 3, 20, 7, 30, tzinfo=UTC))
    app = build_app(each_store, FloodBotApi(), clock)
    async with app:
        scheduler = await start_digests(app, background=False)
        alerts = await start_watches(app)
    assert alerts.sender is scheduler.delivery.sender
    budget = alerts.sender.gate.budget
    if each_store.shared:
        assert isinstance(budget, SharedSendBudget)
        assert budget.interval == pytest.approx(1.03 / 30)
    else:
        assert budget is None  # one process: the in-process window
    assert (deployment_budget(each_store, FloodLimits()) is None) == (not each_store.shared)


async def test_a_loop_late_every_time_still_sends(each_store: ArticleStore) -> None:
    now = [0.0]

    async def always_late(seconds: float) -> None:
        now[0] += seconds + 1.0

    budget = SharedSendBudget(
        each_store.send_budget, LIMITS, clock=lambda: now[0], sleep=always_late
    )
    await budget.take(waiting=2)  # the first instant at once
    for _ in range(3):  # each time the reserved instant is slept for and missed
        await budget.take(waiting=2)
    assert budget.lost >= LATE_IN_ROW  # dropped three times, then sent late all the same
