"""The scheduler inside a running application: background catch-up, moved and gone chats."""

import asyncio
from datetime import UTC, datetime, timedelta

from bot.delivery import FloodLimits
from bot.digest_scheduler import CATCH_UP_JOB, job_name, start_digests
from bot.flood_api import FloodBotApi
from bot.memory_api import BotApiError, plain_text
from handlers.digest.times import iso
from storage import Store
from tests.digest_helpers import FakeClock, add_article, build_app

FAST = FloodLimits().scaled(0.001)


async def make_store(tmp_path, clock: FakeClock, chat_id: int) -> Store:
    store = await Store.open(tmp_path / "s.db", clock=clock)
    await store.subscriptions.subscribe(
        chat_id,
        chat_kind="group" if chat_id < 0 else "private",
        chat_title="Desk",
        time="07:30",
        timezone="UTC",
        created_by=1,
        watermark=iso(clock() - timedelta(hours=24)),
        now=iso(clock()),
    )
    await add_article(store, "a", "Harbour reopens", "Ships are back.")
    return store


async def test_catch_up_runs_in_the_background_when_the_application_starts(tmp_path):
    # A date after the real one, so the chat's next job (tomorrow 07:30) stays in the future.
    clock = FakeClock(datetime(2031, 3, 20, 6, 0, tzinfo=UTC))
    store = await make_store(tmp_path, clock, 7)
    api = FloodBotApi(window=0.001)
    app = build_app(store, api, clock)
    clock.set(datetime(2031, 3, 20, 7, 45, tzinfo=UTC))
    async with app:
        await start_digests(app, limits=FAST)
        assert app.job_queue.get_jobs_by_name(CATCH_UP_JOB)
        assert api.texts(7) == []  # start-up did not wait for the fan-out
        await app.start()
        for _ in range(100):
            if api.texts(7):
                break
            await asyncio.sleep(0.05)
        await app.stop()
    await store.close()
    assert len(api.texts(7)) == 1
    assert "Harbour reopens" in plain_text(api.texts(7)[0])


async def test_group_upgraded_to_a_supergroup_keeps_its_digest(tmp_path):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    store = await make_store(tmp_path, clock, -555)
    api = FloodBotApi(window=0.001)
    api.fail_next(
        "sendMessage",
        BotApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            migrate_to_chat_id=-100555,
        ),
    )
    app = build_app(store, api, clock)
    clock.set(datetime(2026, 3, 20, 7, 31, tzinfo=UTC))
    async with app:
        await start_digests(app, limits=FAST, background=False)
        queries = store.subscriptions
        assert await queries.get(-555) is None
        moved = await queries.get(-100555)
        assert moved is not None and moved.active and moved.chat_kind == "supergroup"
        assert [r.state for r in await queries.runs(-100555)] == ["sent"]
        assert not app.job_queue.get_jobs_by_name(job_name(-555))
        assert app.job_queue.get_jobs_by_name(job_name(-100555))
    await store.close()
    assert len(api.texts(-100555)) == 1


async def test_a_gone_chat_is_paused_its_run_expired_and_not_retried(tmp_path):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    store = await make_store(tmp_path, clock, 8)
    api = FloodBotApi(window=0.001)
    api.blocked.add(8)
    app = build_app(store, api, clock, admins=frozenset({1}))
    clock.set(datetime(2026, 3, 20, 7, 31, tzinfo=UTC))
    async with app:
        await start_digests(app, limits=FAST, background=False)
        queries = store.subscriptions
        paused = await queries.get(8)
        assert paused.status == "paused" and "blocked" in paused.paused_reason
        assert [r.state for r in await queries.runs(8)] == ["expired"]
        assert not app.job_queue.get_jobs_by_name(job_name(8))
        calls = len(api.calls_of("sendMessage"))
        clock.advance(minutes=10)
        await start_digests(app, limits=FAST, background=False)  # a restart: no new attempt
        assert len(api.calls_of("sendMessage")) == calls
        assert "Digest paused for 1 chat" in plain_text(api.texts(1)[0])  # admin told privately
    await store.close()
