"""The feeds table: adding, resolving, due feeds, success/failure bookkeeping, entries."""

from __future__ import annotations

import pytest

from storage import ArticleStore, Store
from storage.feeds import NewEntry

URL = "https://news.example.org/rss.xml"


@pytest.fixture
def store(each_store: ArticleStore) -> ArticleStore:
    """Every test here runs on SQLite and on PostgreSQL."""
    return each_store


async def test_a_feed_is_added_once_and_found_by_number_or_url(store: Store) -> None:
    feed, added = await store.feeds.add(URL, interval_minutes=10, added_by=11, now="2026-12-01")
    again, added_again = await store.feeds.add(
        URL, interval_minutes=5, added_by=12, now="2026-12-02"
    )
    assert added and not added_again and again.id == feed.id
    assert again.interval_minutes == 10 and again.added_by == 11
    assert (await store.feeds.resolve(f"#{feed.id}")) == feed
    assert (await store.feeds.resolve(URL)) == feed
    assert await store.feeds.resolve("999") is None
    assert await store.feeds.remove(feed.id) and not await store.feeds.remove(feed.id)
    assert await store.feeds.all() == []


async def test_due_feeds_and_the_error_count(store: Store) -> None:
    feed, _ = await store.feeds.add(URL, interval_minutes=10, added_by=None, now="2026-12-01T08:00")
    assert [f.id for f in await store.feeds.due("2026-12-01T08:00")] == [feed.id]
    failed = await store.feeds.record_failure(
        feed.id, error="timeout", now="2026-12-01T08:00", next_poll_at="2026-12-01T08:10"
    )
    assert failed is not None and failed.error_count == 1 and failed.last_error == "timeout"
    assert await store.feeds.due("2026-12-01T08:05") == []
    await store.feeds.mark_failure_notified(feed.id)
    recovered = await store.feeds.record_success(
        feed.id,
        now="2026-12-01T08:10",
        next_poll_at="2026-12-01T08:20",
        etag='"v2"',
        last_modified=None,
        title="Example News",
    )
    row = await store.feeds.get(feed.id)
    assert recovered and row is not None
    assert (row.error_count, row.failure_notified, row.etag, row.title) == (
        0,
        0,
        '"v2"',
        "Example News",
    )
    assert row.last_error == "timeout"  # kept for /feeds, with a zero count


async def test_gone_stops_a_feed_and_adding_it_again_resumes(store: Store) -> None:
    feed, _ = await store.feeds.add(URL, interval_minutes=10, added_by=None, now="2026-12-01")
    stopped = await store.feeds.record_failure(
        feed.id, error="410 Gone", now="2026-12-01", next_poll_at="2026-12-02", stop=True
    )
    assert stopped is not None and stopped.status == "stopped"
    assert await store.feeds.due("2027") == []
    resumed, added = await store.feeds.add(
        URL, interval_minutes=10, added_by=None, now="2026-12-03"
    )
    assert not added and resumed.status == "active" and resumed.error_count == 0


async def test_entries_are_new_once_and_leave_the_pending_list(store: Store) -> None:
    feed, _ = await store.feeds.add(URL, interval_minutes=10, added_by=None, now="2026-12-01")
    entries = [NewEntry(f"guid-{i}", f"https://x.test/{i}", f"T{i}", None, None) for i in range(3)]
    assert await store.feeds.add_entries(feed.id, entries, "2026-12-01") == [
        "guid-0",
        "guid-1",
        "guid-2",
    ]
    assert await store.feeds.add_entries(feed.id, entries[1:], "2026-12-02") == []
    await store.feeds.entry_failed(feed.id, "guid-1", error="404", now="2026-12-01", give_up=False)
    await store.feeds.entry_failed(feed.id, "guid-2", error="404", now="2026-12-02", give_up=True)
    pending = await store.feeds.pending(feed.id)
    assert [(e.key, e.attempts) for e in pending] == [("guid-0", 0), ("guid-1", 1)]
    assert await store.feeds.entry_counts(feed.id) == {"pending": 2, "given_up": 1}


async def test_a_due_feed_is_taken_by_one_poller_until_its_hold_ends(store: Store) -> None:
    first, _ = await store.feeds.add(URL, interval_minutes=10, added_by=None, now="2026-12-01T08")
    other, _ = await store.feeds.add(
        URL + "?2", interval_minutes=10, added_by=None, now="2026-12-01T08"
    )
    only = await store.feeds.claim_due("2026-12-01T09", "2026-12-01T09:30", feed_id=other.id)
    assert [f.id for f in only] == [other.id] and only[0].next_poll_at == "2026-12-01T09:30"
    taken = await store.feeds.claim_due("2026-12-01T09", "2026-12-01T09:30")
    assert [f.id for f in taken] == [first.id]  # the other one is held
    assert await store.feeds.claim_due("2026-12-01T09:10", "2026-12-01T09:40") == []
    # A poller that died leaves its feeds to the others once the hold has passed.
    again = await store.feeds.claim_due("2026-12-01T09:31", "2026-12-01T10:01")
    assert sorted(f.id for f in again) == sorted([first.id, other.id])
