"""``newsroom-bot migrate-store --to URL``: a SQLite store copied whole into PostgreSQL,
counts checked, and a second run changes nothing."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import pytest

from bot.cli import main
from bot.ingestion import ingest_all
from ingest.sources.readers import read_paths
from storage import ArticleStore, Store
from storage.copy import TABLES
from storage.feeds import NewEntry
from storage.postgres import PgStore
from tests.conftest import REPO, SEED, PgDatabase, StepClock

HOLDOUT = REPO / "tests" / "corpus_holdout" / "articles"
HOLDOUT_ARTICLES = len(list(HOLDOUT.glob("*.txt")))
CORPUS = REPO / "tests" / "corpus" / "articles"


async def _fill(store: ArticleStore) -> None:
    """A little of everything the store keeps."""
    report = await ingest_all(store, read_paths([str(SEED), str(HOLDOUT)]))
    assert report.counts["new"] == 1 + HOLDOUT_ARTICLES
    now = store.now()
    await store.members.allow("user", 42, label="Ann", added_by=1, now=now, role="editor")
    await store.members.allow("chat", -100, label="Desk", added_by=1, now=now)
    subscriptions = store.subscriptions
    await subscriptions.subscribe(
        -100, chat_kind="group", chat_title="Desk", time="07:30", timezone="Europe/London",
        created_by=1, watermark="2026-01-01T00:00:00+00:00", now=now,
    )  # fmt: skip
    await subscriptions.update(-100, now, include=("fire", "council"), post_empty=False)
    for due, sent in (("2026-11-19T07:30:00+00:00", True), ("2026-11-20T07:30:00+00:00", False)):
        await subscriptions.claim(
            -100, due, since="2026-01-01", until=due, parts=("one", "two"), items=2, now=now
        )
        await subscriptions.part_sent(-100, due, 1)
        if sent:
            await subscriptions.mark_sent(-100, due, now)
    feed, _ = await store.feeds.add("https://x.test/rss", interval_minutes=5, added_by=1, now=now)
    entries = [NewEntry(f"e{i}", f"https://x.test/{i}", f"T{i}", None, "body") for i in range(3)]
    await store.feeds.add_entries(feed.id, entries, now)
    [first] = await store.articles.latest(1)
    await store.feeds.entry_stored(feed.id, "e0", first.key, now=now, new=True)
    await store.feeds.entry_failed(feed.id, "e1", error="404", now=now, give_up=True)
    assert await store.notices.first_time(42, "editors-only", now)
    assert await store.page_refs.keep("w" * 70, now) == 1  # behind a page button


async def _everything(store: ArticleStore) -> tuple[object, ...]:
    """What users see of the store, compared between the two backends."""
    latest = await store.articles.latest(100)
    people = [await store.people.profile(p.id) for p in await store.people.most_mentioned(50, 50)]
    feeds = await store.feeds.all()
    return (
        latest,
        people,
        [await store.quotes.by_article(a.key) for a in latest],
        [h.article.key for h in await store.articles.search_recent("fire", 50, ranked=False)],
        [q.id for q in await store.quotes.search_recent("said", 50, ranked=False)],
        await store.members.all(),
        await store.subscriptions.all(),
        await store.subscriptions.runs(-100),
        feeds,
        [await store.feeds.pending(f.id) for f in feeds],
        [await store.feeds.entry_counts(f.id) for f in feeds],
        astuple(await store.stats())[2:],
        await store.page_refs.get(1),
    )


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


async def test_a_store_is_copied_whole_and_a_second_copy_changes_nothing(
    tmp_path: Path, pg_database: PgDatabase, capsys, monkeypatch
) -> None:
    source = tmp_path / "news.db"
    async with await Store.open(source, clock=StepClock()) as store:
        await _fill(store)
        before = await _everything(store)
    url = await pg_database(migrated=False)
    monkeypatch.delenv("NEWSROOM_DB", raising=False)

    code, out, err = await _in_thread(
        _run, capsys, "--db", str(source), "migrate-store", "--to", url
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [t.name for t in TABLES]
    assert all(line.endswith("— ok") for line in lines[:-1])
    n = 1 + HOLDOUT_ARTICLES
    assert f"articles: {n} in SQLite, {n} copied now, {n} in PostgreSQL — ok" in lines

    async with await PgStore.open(url, clock=StepClock()) as copy:
        assert await _everything(copy) == before
        again = await _in_thread(_run, capsys, "--db", str(source), "migrate-store", "--to", url)
        assert again[0] == 0 and " 0 copied now" in again[1]
        assert all(" 0 copied now" in line for line in again[1].splitlines()[:-1])
        assert await _everything(copy) == before
        # new rows continue after the copied keys
        report = await ingest_all(copy, read_paths([str(CORPUS)]))
        more = len(list(CORPUS.glob("*.txt")))
        assert report.counts["new"] == more
        assert max(a.key for a in await copy.articles.latest(200)) == n + more
        assert not await copy.notices.first_time(42, "editors-only", copy.now())
        assert await copy.notices.first_time(43, "editors-only", copy.now())
        assert await copy.page_refs.keep("w" * 70, copy.now()) == 1
        assert await copy.page_refs.keep("v" * 70, copy.now()) == 2  # numbers continue too


async def test_a_target_with_other_rows_is_reported(
    tmp_path: Path, pg_database: PgDatabase, capsys, monkeypatch
) -> None:
    source = tmp_path / "news.db"
    async with await Store.open(source, clock=StepClock()) as store:
        await store.members.allow("user", 1, label="one", added_by=None, now=store.now())
    url = await pg_database()
    async with await PgStore.open(url) as other:
        await other.members.allow("user", 2, label="two", added_by=None, now=other.now())
    monkeypatch.delenv("NEWSROOM_DB", raising=False)
    code, out, err = await _in_thread(
        _run, capsys, "--db", str(source), "migrate-store", "--to", url
    )
    assert code == 1 and "members: 1 in SQLite, 1 copied now, 2 in PostgreSQL — MISMATCH" in out
    assert "the counts differ for members" in err
    missing = await _in_thread(
        _run, capsys, "--db", str(tmp_path / "nope.db"), "migrate-store", "--to", url
    )
    assert missing[0] == 2 and "no file" in missing[2]


async def _in_thread(function, *args):  # type: ignore[no-untyped-def]
    """``main`` runs its own event loop: give it a thread of its own."""
    import asyncio

    return await asyncio.to_thread(function, *args)
