"""Restarts against a real SQLite file: catch-up once, never a second copy, nothing lost.

A "crash" here is the process losing everything in memory: the application and its jobs are
dropped and the store is reopened from the file. Every write the digest makes is committed when
its statement ends, so what a new process finds on disk is what a killed one left.
"""

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.delivery import FloodLimits
from bot.digest_scheduler import DigestScheduler, job_name, start_digests
from bot.flood_api import FloodBotApi
from bot.memory_api import BotApiError, plain_text
from handlers.digest.times import iso
from storage import Store
from tests.digest_helpers import FakeClock, add_article, build_app

FAST = FloodLimits().scaled(0.001)
CHAT = 4242
DUE = datetime(2026, 3, 20, 7, 30, tzinfo=UTC)  # 07:30 Europe/London (GMT)


class HangingBotApi(FloodBotApi):
    """Answers ``sendMessage`` normally until ``hang_at`` calls were made, then never again
    (the process is about to die while the request is in flight)."""

    def __init__(self, hang_at: int | None = None) -> None:
        super().__init__(window=0.001, group_window=0.06)
        self.hang_at = hang_at
        self.hanging = asyncio.Event()

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        if self.hang_at is not None and len(self.delivered) >= self.hang_at:
            self.hanging.set()
            await asyncio.Event().wait()
        return await super()._m_sendMessage(params)


class Process:
    """One run of the bot: a store opened from the file, an application, its scheduler."""

    def __init__(self, path, clock: FakeClock, api: FloodBotApi) -> None:
        self.path, self.clock, self.api = path, clock, api

    async def __aenter__(self) -> "Process":
        self.store = await Store.open(self.path, clock=self.clock)
        self.app = build_app(self.store, self.api, self.clock, admins=frozenset({1}))
        await self.app.initialize()
        return self

    async def start(self) -> DigestScheduler:
        self.scheduler = await start_digests(self.app, limits=FAST, background=False)
        return self.scheduler

    async def __aexit__(self, *exc: object) -> None:
        await self.app.shutdown()
        await self.store.close()


async def subscribe(path, clock: FakeClock, *, time: str = "07:30") -> None:
    async with Process(path, clock, FloodBotApi()) as process:
        await process.store.subscriptions.subscribe(
            CHAT,
            chat_kind="private",
            chat_title="Desk",
            time=time,
            timezone="Europe/London",
            created_by=1,
            watermark=iso(clock() - timedelta(hours=24)),
            now=iso(clock()),
        )
        await add_article(process.store, "a1", "Budget passes", "Parliament passed it.")


async def state(path, clock: FakeClock):
    async with Process(path, clock, FloodBotApi()) as process:
        queries = process.store.subscriptions
        return await queries.get(CHAT), await queries.runs(CHAT)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "newsroom.db"


async def test_down_at_due_time_catches_up_exactly_once(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    api = FloodBotApi(window=0.001)
    clock.set(DUE + timedelta(hours=2))  # the bot was down at 07:30, starts at 09:30
    async with Process(db, clock, api) as process:
        await process.start()
        assert len(api.texts(CHAT)) == 1
        assert "Budget passes" in plain_text(api.texts(CHAT)[0])
        job = process.app.job_queue.get_jobs_by_name(job_name(CHAT))[0]
        assert job.job.trigger.run_date == DUE + timedelta(days=1)
    for minutes in (5, 60):  # more restarts later that morning send nothing again
        clock.set(DUE + timedelta(hours=2, minutes=minutes))
        async with Process(db, clock, api) as process:
            await process.start()
    assert len(api.texts(CHAT)) == 1
    subscription, runs = await state(db, clock)
    assert [(r.due_at, r.state) for r in runs] == [(iso(DUE), "sent")]
    assert subscription.watermark == runs[0].until


async def test_down_past_the_catch_up_window_sends_nothing_but_loses_nothing(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    api = FloodBotApi(window=0.001)
    clock.set(DUE + timedelta(hours=13))  # window is 12 h
    async with Process(db, clock, api) as process:
        await process.start()
    assert api.texts(CHAT) == []
    clock.set(DUE + timedelta(days=1, minutes=1))  # the next morning's slot, on time
    async with Process(db, clock, api) as process:
        await process.start()
    assert len(api.texts(CHAT)) == 1
    assert "Budget passes" in plain_text(api.texts(CHAT)[0])  # carried over, not lost


async def test_crash_after_sending_sends_no_second_copy(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    api = FloodBotApi(window=0.001)
    clock.set(DUE - timedelta(minutes=1))
    async with Process(db, clock, api) as process:
        scheduler = await process.start()  # nothing due yet at start-up: 07:30 is the job's
        assert api.texts(CHAT) == []
        clock.set(DUE + timedelta(seconds=3))
        await scheduler.run_slot(CHAT, DUE)  # what the job does at 07:30
        assert len(api.texts(CHAT)) == 1
    # crash right after: the new process finds the run sent
    clock.set(DUE + timedelta(minutes=1))
    async with Process(db, clock, api) as process:
        await process.start()
    assert len(api.texts(CHAT)) == 1


async def test_crash_before_sending_sends_after_restart(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    hanging = HangingBotApi(hang_at=0)
    clock.set(DUE - timedelta(minutes=1))
    async with Process(db, clock, hanging) as process:
        scheduler = await process.start()
        clock.set(DUE)
        task = asyncio.create_task(scheduler.run_slot(CHAT, DUE))
        await asyncio.wait_for(hanging.hanging.wait(), 5)
        task.cancel()  # the process dies while the request is in flight, unanswered
        with contextlib.suppress(asyncio.CancelledError):
            await task
    subscription, runs = await state(db, clock)
    assert [(r.state, r.sent_parts) for r in runs] == [("pending", 0)]
    assert subscription.watermark < runs[0].until  # not moved: nothing was delivered
    api = FloodBotApi(window=0.001)
    clock.set(DUE + timedelta(minutes=10))
    async with Process(db, clock, api) as process:
        await process.start()
    assert len(api.texts(CHAT)) == 1
    subscription, runs = await state(db, clock)
    assert [r.state for r in runs] == ["sent"]
    assert subscription.watermark == runs[0].until


async def test_crash_midway_resumes_with_the_parts_not_sent(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    async with Process(db, clock, FloodBotApi()) as process:
        queries = process.store.subscriptions
        await queries.update(CHAT, iso(clock()), max_items=40)
        for n in range(40):
            await add_article(process.store, f"n{n}", f"Story {n:02d}", "word " * 50 + "end.")
    hanging = HangingBotApi(hang_at=1)  # the first part goes out, the second never returns
    clock.set(DUE - timedelta(minutes=1))
    async with Process(db, clock, hanging) as process:
        scheduler = await process.start()
        clock.set(DUE)
        task = asyncio.create_task(scheduler.run_slot(CHAT, DUE))
        await asyncio.wait_for(hanging.hanging.wait(), 5)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    _, runs = await state(db, clock)
    assert runs[0].state == "pending" and runs[0].sent_parts == 1 and len(runs[0].parts) >= 3
    api = FloodBotApi(window=0.001)
    clock.set(DUE + timedelta(minutes=3))
    async with Process(db, clock, api) as process:
        await process.start()
    sent = hanging.texts(CHAT) + api.texts(CHAT)
    assert sent == list(runs[0].parts)  # each part once, in order
    text = plain_text("\n".join(sent))
    assert all(text.count(f"Story {n:02d}") == 1 for n in range(40))


async def test_failed_delivery_keeps_the_watermark_and_retries(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    api = FloodBotApi(window=0.001)
    for _ in range(FAST.attempts):
        api.fail_next("sendMessage", BotApiError(502, "Bad Gateway"))
    clock.set(DUE - timedelta(minutes=1))
    async with Process(db, clock, api) as process:
        scheduler = await process.start()
        clock.set(DUE)
        before = (await process.store.subscriptions.get(CHAT)).watermark
        report = await scheduler.run_slot(CHAT, DUE)
        assert report is not None and report.count("failed") == 1
        queries = process.store.subscriptions
        assert (await queries.get(CHAT)).watermark == before
        retry = process.app.job_queue.get_jobs_by_name(f"digest-retry:{CHAT}")
        assert len(retry) == 1
        clock.set(DUE + timedelta(minutes=5))
        await retry[0].run(process.app)
        assert len(api.texts(CHAT)) == 1
        assert (await queries.get(CHAT)).watermark > before


async def test_crash_after_the_last_part_before_marking_sent_sends_nothing_again(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    api = FloodBotApi(window=0.001)
    clock.set(DUE - timedelta(minutes=1))
    async with Process(db, clock, api) as process:
        await process.start()
        clock.set(DUE)

        async def die(*args: object) -> bool:
            raise asyncio.CancelledError  # the process is killed just before marking sent

        process.scheduler.delivery.queries.mark_sent = die  # type: ignore[method-assign]
        with contextlib.suppress(asyncio.CancelledError):
            await process.scheduler.run_slot(CHAT, DUE)
    assert len(api.texts(CHAT)) == 1
    _, runs = await state(db, clock)
    assert [(r.state, r.sent_parts, len(r.parts)) for r in runs] == [("pending", 1, 1)]
    clock.set(DUE + timedelta(minutes=2))
    async with Process(db, clock, api) as process:
        await process.start()
    assert len(api.texts(CHAT)) == 1  # nothing re-sent
    subscription, runs = await state(db, clock)
    assert [r.state for r in runs] == ["sent"]
    assert subscription.watermark == runs[0].until


async def test_an_older_pending_run_is_superseded_not_sent_later(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    async with Process(db, clock, FloodBotApi()) as process:
        queries = process.store.subscriptions
        sub = await queries.get(CHAT)
        for due in (DUE - timedelta(hours=1), DUE):  # two claimed, unsent slots
            await queries.claim(
                CHAT,
                iso(due),
                since=sub.watermark,
                until=iso(due),
                parts=["x"],
                items=1,
                now=iso(due),
            )
    api = FloodBotApi(window=0.001)
    for minutes in (5, 30):  # two restarts within the window
        clock.set(DUE + timedelta(minutes=minutes))
        async with Process(db, clock, api) as process:
            await process.start()
    assert api.texts(CHAT) == ["x"]
    _, runs = await state(db, clock)
    assert [(r.due_at, r.state) for r in runs] == [
        (iso(DUE - timedelta(hours=1)), "expired"),
        (iso(DUE), "sent"),
    ]


async def test_an_article_ingested_moments_before_the_digest_comes_next_time(db):
    clock = FakeClock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))
    await subscribe(db, clock)
    api = FloodBotApi(window=0.001)
    clock.set(DUE - timedelta(minutes=1))
    async with Process(db, clock, api) as process:
        scheduler = await process.start()
        clock.set(DUE - timedelta(seconds=10))  # may still be committing when the digest runs
        await add_article(process.store, "late", "Late story", "Just in.")
        clock.set(DUE)
        await scheduler.run_slot(CHAT, DUE)
        clock.set(DUE + timedelta(days=1))
        await scheduler.run_slot(CHAT, DUE + timedelta(days=1))
    first, second = (plain_text(t) for t in api.texts(CHAT))
    assert "Budget passes" in first and "Late story" not in first
    assert "Late story" in second and "Budget passes" not in second
