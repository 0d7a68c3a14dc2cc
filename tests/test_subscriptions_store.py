"""Digest subscriptions and runs in the store, on SQLite and on PostgreSQL: a slot is claimed
once, parts are recorded, and the watermark moves only when a run is marked sent."""

from __future__ import annotations

import pytest

from storage import ArticleStore

CHAT = -1001
DUE = "2026-11-20T07:30:00+00:00"
LATER = "2026-11-21T07:30:00+00:00"
START = "2026-11-19T07:30:00+00:00"


@pytest.fixture
async def store(each_store: ArticleStore) -> ArticleStore:
    await each_store.subscriptions.subscribe(
        CHAT, chat_kind="group", chat_title="Desk", time="07:30", timezone="Europe/London",
        created_by=1, watermark=START, now=START,
    )  # fmt: skip
    return each_store


async def test_subscribing_again_updates_and_resumes(store: ArticleStore) -> None:
    subscriptions = store.subscriptions
    assert await subscriptions.pause(CHAT, "blocked", DUE)
    assert not await subscriptions.pause(CHAT, "blocked", DUE)
    again, created = await subscriptions.subscribe(
        CHAT, chat_kind="supergroup", chat_title=None, time="09:00", timezone="UTC",
        created_by=2, watermark=LATER, now=DUE,
    )  # fmt: skip
    assert not created and again.active and again.paused_reason is None
    assert (again.time, again.chat_title, again.watermark, again.created_by) == (
        "09:00",
        "Desk",
        START,
        1,
    )
    updated = await subscriptions.update(
        CHAT, DUE, include=("oil", "gas prices"), post_empty=False, max_items=5, days="weekdays"
    )
    assert updated is not None
    assert (updated.include, updated.post_empty, updated.max_items, updated.days) == (
        ("oil", "gas prices"),
        False,
        5,
        "weekdays",
    )
    with pytest.raises(ValueError, match="unknown digest settings"):
        await subscriptions.update(CHAT, DUE, colour="red")
    assert [s.chat_id for s in await subscriptions.active()] == [CHAT]


async def test_a_slot_is_claimed_once_and_the_watermark_moves_on_sent(
    store: ArticleStore,
) -> None:
    subscriptions = store.subscriptions
    run, claimed = await subscriptions.claim(
        CHAT, DUE, since=START, until=DUE, parts=("one", "two"), items=3, now=DUE
    )
    second, claimed_again = await subscriptions.claim(
        CHAT, DUE, since=START, until=LATER, parts=("other",), items=1, now=LATER
    )
    assert claimed and not claimed_again and second == run and second.parts == ("one", "two")
    await subscriptions.part_sent(CHAT, DUE, 1)
    await subscriptions.part_sent(CHAT, DUE, 0)  # never goes back
    assert (await subscriptions.run(CHAT, DUE)).sent_parts == 1  # type: ignore[union-attr]
    assert [r.due_at for r in await subscriptions.pending()] == [DUE]
    assert (await subscriptions.get(CHAT)).watermark == START  # type: ignore[union-attr]
    assert await subscriptions.mark_sent(CHAT, DUE, DUE)
    assert not await subscriptions.mark_sent(CHAT, DUE, DUE)
    assert (await subscriptions.get(CHAT)).watermark == DUE  # type: ignore[union-attr]
    assert await subscriptions.pending() == []


async def test_expired_and_superseded_runs_leave_the_watermark(store: ArticleStore) -> None:
    subscriptions = store.subscriptions
    for due in (DUE, LATER):
        await subscriptions.claim(CHAT, due, since=START, until=due, parts=("x",), items=1, now=due)
    assert await subscriptions.supersede(CHAT, LATER, LATER) == 1
    await subscriptions.record_error(CHAT, LATER, "network " * 100)
    assert await subscriptions.mark_expired(CHAT, LATER, LATER, "catch-up window passed")
    runs = await subscriptions.runs(CHAT)
    assert [(r.state, r.error) for r in runs] == [
        ("expired", "superseded by a later digest"),
        ("expired", "catch-up window passed"),
    ]
    assert (await subscriptions.get(CHAT)).watermark == START  # type: ignore[union-attr]


async def test_a_group_moved_to_a_supergroup_keeps_its_runs(store: ArticleStore) -> None:
    subscriptions = store.subscriptions
    await subscriptions.claim(CHAT, DUE, since=START, until=DUE, parts=("x",), items=1, now=DUE)
    assert await subscriptions.move_chat(CHAT, -1002, DUE)
    assert await subscriptions.get(CHAT) is None
    assert [r.chat_id for r in await subscriptions.runs(-1002)] == [-1002]
    assert await subscriptions.unsubscribe(-1002)
    assert await subscriptions.runs(-1002) == []  # the runs go with the subscription
    assert not await subscriptions.unsubscribe(-1002)


async def test_one_owner_at_a_time_sends_a_run(store: ArticleStore) -> None:
    """A run is leased to one process; another takes it only once the lease ran out (its
    owner died) or was released, and goes on from the parts already sent."""
    subscriptions = store.subscriptions
    parts = ("1", "2", "3")
    await subscriptions.claim(CHAT, DUE, since=START, until=DUE, parts=parts, items=3, now=DUE)
    t0, t1, t2, t3 = (f"2026-11-20T07:30:0{n}+00:00" for n in range(4))
    taken = await subscriptions.take(CHAT, DUE, owner="a", now=t0, until=t2)
    assert taken is not None and taken.sent_parts == 0
    assert await subscriptions.take(CHAT, DUE, owner="b", now=t1, until=t3) is None
    assert await subscriptions.take(CHAT, DUE, owner="a", now=t1, until=t3) is not None  # renewed
    await subscriptions.part_sent(CHAT, DUE, 1)
    assert await subscriptions.take(CHAT, DUE, owner="b", now=t2, until=t3) is None
    # "a" dies: at the end of its lease "b" takes over, after the part already sent
    later = await subscriptions.take(CHAT, DUE, owner="b", now=t3, until="2026-11-20T07:31")
    assert later is not None and later.sent_parts == 1
    await subscriptions.release(CHAT, DUE, "a")  # not the owner any more: changes nothing
    assert await subscriptions.take(CHAT, DUE, owner="a", now=t3, until=t3) is None
    await subscriptions.release(CHAT, DUE, "b")
    assert await subscriptions.take(CHAT, DUE, owner="a", now=t3, until=t3) is not None
    assert await subscriptions.mark_sent(CHAT, DUE, t3)
    assert await subscriptions.take(CHAT, DUE, owner="a", now=t3, until=t3) is None  # sent
