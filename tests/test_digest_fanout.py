"""Fan-out to 1,000 chats against a fake Bot API that answers 429 past its limit.

The fake counts like a strict server (never more than N messages in any window) with its window
scaled down to 10 ms so the test takes a second, and our limits are scaled the same way.
"""

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery import FloodGate, FloodLimits
from bot.digest_scheduler import job_name, start_digests
from bot.flood_api import FloodBotApi
from bot.memory_api import plain_text
from handlers.digest.times import iso
from storage import Store
from tests.digest_helpers import FakeClock, add_article, build_app

SCALE = 0.01  # 1 s → 10 ms
DUE = datetime(2026, 3, 20, 7, 30, tzinfo=UTC)
ADMIN_CHAT = -1009999
BLOCKED, DELETED = 17, -100018


def chat_ids(count: int) -> list[int]:
    """Mostly private chats, every tenth a supergroup."""
    return [-(100000 + n) if n % 10 == 0 else n for n in range(1, count + 1)] + [DELETED]


async def subscribed_store(tmp_path, clock: FakeClock, chats: list[int]) -> Store:
    store = await Store.open(tmp_path / "fanout.db", clock=clock)
    queries = store.subscriptions
    for chat in chats:
        await queries.subscribe(
            chat,
            chat_kind="private" if chat > 0 else "supergroup",
            chat_title=f"Desk {chat}",
            time="07:30",
            timezone="Europe/London",
            created_by=1,
            watermark=iso(clock() - timedelta(hours=24)),
            now=iso(clock()),
        )
    for n in range(12):
        await add_article(
            store,
            f"a{n}",
            f"Story {n}",
            f"Summary {n}.",
            quotes=((f"Quote number {n} is long enough to show.", "Aida Nurlanova", "Minister"),),
        )
    return store


async def fan_out(tmp_path, api: FloodBotApi, limits: FloodLimits, count: int = 1000):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    chats = chat_ids(count)
    store = await subscribed_store(tmp_path, clock, chats)
    api.blocked.add(BLOCKED)
    api.deleted.add(DELETED)
    api.add_chat(DELETED, "supergroup", "Gone desk")
    app = build_app(store, api, clock, admins=frozenset({1}), admin_chat_id=ADMIN_CHAT)
    clock.set(DUE + timedelta(minutes=1))
    async with app:
        await start_digests(app, limits=limits, background=False)
        queries = store.subscriptions
        subscriptions = {s.chat_id: s for s in await queries.all()}
        jobs = {c: bool(app.job_queue.get_jobs_by_name(job_name(c))) for c in chats}
    await store.close()
    return chats, subscriptions, jobs


def assert_exactly_once(api: FloodBotApi, chats: list[int]) -> None:
    per_chat = Counter(chat for chat, _, _ in api.delivered)
    reachable = [c for c in chats if c not in (BLOCKED, DELETED)]
    assert all(per_chat[c] == 1 for c in reachable), [c for c in reachable if per_chat[c] != 1]
    assert per_chat[BLOCKED] == 0 and per_chat[DELETED] == 0
    assert all("Story 11" in plain_text(api.texts(c)[0]) for c in reachable[:50])


def assert_within_limit(api: FloodBotApi, limit: int, window: float) -> None:
    times = sorted(t for chat, _, t in api.delivered)
    for i in range(len(times) - limit):
        assert times[i + limit] - times[i] > window * 0.999


async def test_thousand_chats_each_get_exactly_one_digest_and_blocked_chats_pause(tmp_path):
    api = FloodBotApi(window=SCALE, group_window=60 * SCALE)
    chats, subscriptions, jobs = await fan_out(tmp_path, api, FloodLimits().scaled(SCALE))
    assert_exactly_once(api, chats)
    assert_within_limit(api, 30, SCALE)
    # Our own limits keep us under the server's: at the real scale (benchmark) no 429 at all;
    # squeezed into 10 ms windows, event-loop jitter of a fraction of a millisecond can tip a
    # message over now and then, and that 429 is honoured like any other.
    assert api.flood_answers <= 10
    for gone in (BLOCKED, DELETED):
        assert subscriptions[gone].status == "paused"
        assert not jobs[gone]
    assert "blocked" in subscriptions[BLOCKED].paused_reason
    assert subscriptions[DELETED].paused_reason == "Chat not found"
    assert sum(s.status == "active" for s in subscriptions.values()) == len(chats) - 2
    assert all(jobs[c] for c in chats if c not in (BLOCKED, DELETED))
    report = plain_text("\n".join(api.texts(ADMIN_CHAT)))
    assert "Digest paused for 2 chats" in report
    assert f"Desk {BLOCKED} ({BLOCKED}): Forbidden: bot was blocked by the user" in report
    assert f"({DELETED}): Chat not found" in report


async def test_429_answers_are_honoured_and_nothing_is_lost_or_doubled(tmp_path):
    # Our limiter believes 60 per 50 ms window are fine; the server allows 5 and answers 429.
    # 100 messages a second is far below what the fan-out reaches even on a loaded machine,
    # so the server must push back however slow this run is.
    window = 5 * SCALE
    api = FloodBotApi(limit=5, window=window, group_window=60 * SCALE)
    loose = FloodLimits(overall=60).scaled(window)
    chats, subscriptions, _ = await fan_out(tmp_path, api, loose, count=100)
    assert subscriptions[BLOCKED].status == "paused"
    assert api.flood_answers > 0
    assert_exactly_once(api, chats)
    assert_within_limit(api, 5, window)


async def test_gate_keeps_every_window_under_the_limit():
    now = [0.0]

    def clock() -> float:
        return now[0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    gate = FloodGate(FloodLimits(margin=0.0), clock=clock, sleep=sleep)
    stamps = []
    for n in range(100):
        await gate.wait(n + 1)
        stamps.append(now[0])
    assert stamps[29] == 0.0 and stamps[30] == pytest.approx(1.0)
    assert all(stamps[i + 30] - stamps[i] >= 1.0 for i in range(70))
    group = []
    for _ in range(21):
        await gate.wait(-5)
        group.append(now[0])
    # one message a second per chat, and the 21st to a group waits for the minute to pass
    assert group[19] - group[0] == pytest.approx(19.0)
    assert group[20] - group[0] == pytest.approx(60.0)
    gate.pause(7.5)
    before = now[0]
    await gate.wait(999)
    assert now[0] - before == pytest.approx(7.5)


async def test_jobs_falling_due_together_share_one_flood_gate(tmp_path):
    # 300 chats with the same 07:30: 300 jobs fire at once, each delivering its own slot.
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    chats = chat_ids(300)
    store = await subscribed_store(tmp_path, clock, chats)
    api = FloodBotApi(window=SCALE, group_window=60 * SCALE)
    api.blocked.add(BLOCKED)
    api.deleted.add(DELETED)
    app = build_app(store, api, clock, admins=frozenset({1}), admin_chat_id=ADMIN_CHAT)
    clock.set(DUE - timedelta(minutes=1))
    async with app:
        await start_digests(app, limits=FloodLimits().scaled(SCALE), background=False)
        assert api.delivered == []
        jobs = [app.job_queue.get_jobs_by_name(job_name(c))[0] for c in chats]
        clock.set(DUE + timedelta(seconds=1))
        await asyncio.gather(*(job.run(app) for job in jobs))
    await store.close()
    assert_exactly_once(api, chats)
    assert_within_limit(api, 30, SCALE)
    assert api.flood_answers <= 10  # one gate for all jobs, not one each
