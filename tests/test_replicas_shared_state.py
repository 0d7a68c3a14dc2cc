"""What one update leaves for the next lives in the store, not in the process that got it:
replicas (applications on one PostgreSQL database, one Bot API) answer each other's page
buttons and join the parts of a paste that reached them alternately; a restarted bot
answers the buttons it made before, and a paste whose process stopped is answered all the
same."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import replace

from bot.app import build_application, close_services
from bot.config import Config
from bot.memory_api import InMemoryBotApi
from handlers.chat_ingest import (
    PASTE_SWEEP_JOB,
    PASTE_SWEEP_SECONDS,
    chat_article_id,
    paste_assembler,
    start_paste_sweep,
)
from handlers.deps import DEPS_KEY
from storage import ArticleStore
from storage.paste_parts import PastePart
from storage.postgres import PgStore
from tests.bot_kit import ADMIN_ID, BotHarness, add_article, button, sent, texts
from tests.chat_kit import EDITOR_ID, PASTE_QUIET_SECONDS, replies, to_chat, until
from tests.conftest import SEED, PgDatabase

WORDS = "extraordinarily protracted municipal deliberations concerning waterfront"


@asynccontextmanager
async def replica(
    store: ArticleStore, api: InMemoryBotApi, *, quiet: float = PASTE_QUIET_SECONDS
) -> AsyncIterator[BotHarness]:
    """One bot process, started: its own application (and ``bot_data``) on ``store``,
    talking to the deployment's one Bot API; ``EDITOR_ID`` may add articles."""
    await store.members.allow(
        "user", EDITOR_ID, label="desk", added_by=ADMIN_ID, now=store.now(), role="editor"
    )
    app = build_application(Config(admins=frozenset({ADMIN_ID})), store, request=api)
    app.bot_data[DEPS_KEY] = replace(app.bot_data[DEPS_KEY], paste_quiet_seconds=quiet)
    async with app:
        await app.start()
        try:
            yield BotHarness(app, api)
        finally:
            await app.stop()
    await close_services(app)


def seed_in_three_parts() -> tuple[str, list[str]]:
    """The seed article and the parts Telegram would cut it into (4,096 characters at most,
    between words)."""
    text = SEED.read_text(encoding="utf-8").strip()
    cut_sentence = text.index(" the actions of the non-govern") + len(" the actions")
    cut_paragraph = text.index("\n\nEU Special Representative")
    parts = [text[:cut_sentence], text[cut_sentence:cut_paragraph], text[cut_paragraph:]]
    return text, [part.strip() for part in parts]


async def _waterfront(store: ArticleStore) -> None:
    for n in range(10):
        await add_article(store, f"w{n}", f"Waterfront {n}", f"{WORDS} number {n}.")  # type: ignore[arg-type]


async def test_a_page_button_made_on_one_replica_is_answered_by_another(
    pg_database: PgDatabase,
) -> None:
    url = await pg_database()
    api = InMemoryBotApi()
    async with AsyncExitStack() as stack:
        stores = [await PgStore.open(url, pool_size=2) for _ in range(2)]
        for store in stores:
            stack.push_async_callback(store.close)
        first, second = [await stack.enter_async_context(replica(s, api)) for s in stores]
        await _waterfront(stores[0])
        calls = await first.send(f"/search {WORDS}")
        data = button(sent(calls)[0], "Next")
        assert data.startswith("pg:s:1:~s")  # the words are kept in the store
        message = first.message_of(calls[0])
        page2 = await second.press(data, message=message)
        [shown] = texts(page2, "editMessageText")
        assert "page 2" in shown and shown.count("Waterfront") == 2
        # and the second replica's Prev button comes back to the first
        back = button(sent(page2, "editMessageText")[0], "Prev")
        page1 = await first.press(back, message=message)
        assert "page 1" in texts(page1, "editMessageText")[0]


async def test_a_page_button_outlives_the_process_that_made_it(each_store: ArticleStore) -> None:
    api = InMemoryBotApi()
    await _waterfront(each_store)
    async with replica(each_store, api) as before:
        calls = await before.send(f"/search {WORDS}")
        message = before.message_of(calls[0])
    async with replica(each_store, api) as after:  # restarted: a new application
        page2 = await after.press(button(sent(calls)[0], "Next"), message=message)
    assert "page 2" in texts(page2, "editMessageText")[0]


async def test_the_parts_of_a_paste_reaching_two_replicas_are_one_article(
    pg_database: PgDatabase,
) -> None:
    url = await pg_database()
    api = InMemoryBotApi()
    text, parts = seed_in_three_parts()
    async with AsyncExitStack() as stack:
        stores = [await PgStore.open(url, pool_size=2) for _ in range(2)]
        for store in stores:
            stack.push_async_callback(store.close)
        first, second = [await stack.enter_async_context(replica(s, api)) for s in stores]
        for n, part in enumerate(parts):  # the proxy sends them to one replica, then the other
            await (first, second)[n % 2].send(part, user_id=EDITOR_ID)
        [card] = await replies(first, EDITOR_ID, 1)
        await asyncio.sleep(3 * PASTE_QUIET_SECONDS)  # every replica's check has run
        assert len(to_chat(first, EDITOR_ID)) == 1  # one answer, from one replica
        assert (await stores[1].stats()).articles == 1
        row = await stores[1].articles.by_id(chat_article_id(text))
        assert row is not None and await stores[1].articles.text(row.key) == text
        assert "7 quotes · 7 people" in card
        assert await stores[0].paste_parts.take(EDITOR_ID, 0.0) == []  # nothing left over


async def test_a_short_tail_handled_at_once_with_the_first_part_joins_the_paste(
    pg_database: PgDatabase,
) -> None:
    url = await pg_database()
    api = InMemoryBotApi()
    text = SEED.read_text(encoding="utf-8").strip()
    cut = text.rindex("\n\n")
    head, tail = text[:cut], text[cut:].strip()  # the tail alone is too short for an article
    async with AsyncExitStack() as stack:
        stores = [await PgStore.open(url, pool_size=2) for _ in range(2)]
        for store in stores:
            stack.push_async_callback(store.close)
        first, second = [
            await stack.enter_async_context(replica(s, api, quiet=1.2)) for s in stores
        ]
        # both parts reach the bot at once, one replica each
        await asyncio.gather(
            first.send(head, user_id=EDITOR_ID), second.send(tail, user_id=EDITOR_ID)
        )
        [card] = await replies(first, EDITOR_ID, 1)
        assert card.startswith("✅ Added as #")  # and no "too short" for the tail
        row = await stores[0].articles.by_id(chat_article_id(text))
        assert row is not None and await stores[0].articles.text(row.key) == text


async def test_a_paste_whose_process_stopped_is_answered_with_the_next_message(
    each_store: ArticleStore,
) -> None:
    api = InMemoryBotApi()
    text, parts = seed_in_three_parts()
    # a process kept the parts and was killed before its check ran
    for n, part in enumerate(parts):
        await each_store.paste_parts.add(EDITOR_ID, EDITOR_ID, 900 + n, part)
    await asyncio.sleep(2 * PASTE_QUIET_SECONDS)
    async with replica(each_store, api) as restarted:
        await restarted.send("hello", user_id=EDITOR_ID)
        await until(lambda: len(to_chat(restarted, EDITOR_ID)) == 2)
    answers = texts(to_chat(restarted, EDITOR_ID))
    assert any(a.startswith("✅ Added as #") for a in answers)  # the paste, late, not lost
    assert any("/help" in a for a in answers)  # and "hello" answered as chat
    row = await each_store.articles.by_id(chat_article_id(text))
    assert row is not None and await each_store.articles.text(row.key) == text


async def test_a_paste_left_by_a_stopped_process_is_answered_by_the_sweep(
    each_store: ArticleStore,
) -> None:
    api = InMemoryBotApi()
    text, parts = seed_in_three_parts()
    for n, part in enumerate(parts):  # kept by a process killed before its check
        await each_store.paste_parts.add(EDITOR_ID, EDITOR_ID, 900 + n, part)
    async with replica(each_store, api) as other:
        start_paste_sweep(other.app)  # as post_init does: every replica sweeps each minute
        [job] = other.app.job_queue.get_jobs_by_name(PASTE_SWEEP_JOB)  # type: ignore[union-attr]
        assert job.trigger.interval.total_seconds() == PASTE_SWEEP_SECONDS
        pastes = paste_assembler(other.app)
        assert await pastes.hand_on_all_left(other.app.bot, after=3600.0) == 0  # too soon
        await asyncio.sleep(2 * PASTE_QUIET_SECONDS)
        assert await pastes.hand_on_all_left(other.app.bot, after=PASTE_QUIET_SECONDS) == 1
        [card] = await replies(other, EDITOR_ID, 1)
    assert card.startswith("✅ Added as #")
    row = await each_store.articles.by_id(chat_article_id(text))
    assert row is not None and await each_store.articles.text(row.key) == text
    assert await each_store.paste_parts.left(0.0) == []


async def test_parts_wait_while_the_paste_goes_on_and_are_taken_once(
    each_store: ArticleStore,
) -> None:
    parts = each_store.paste_parts
    await parts.add(5, 5, 12, "second")
    await parts.add(5, 5, 11, "first")
    await parts.add(5, 5, 11, "first")  # the same update delivered twice
    await parts.add(6, 6, 40, "another user's")
    assert await parts.is_open(5, 3600.0) and not await parts.is_open(7, 3600.0)
    assert await parts.take(5, 3600.0) == []  # a part came within the hour: it goes on
    assert await parts.left(3600.0) == [] and await parts.left(0.0) == [5, 6]
    # five checks at once when the paste is quiet: one of them gets every part
    taken = await asyncio.gather(*(parts.take(5, 0.0) for _ in range(5)))
    assert sorted(taken, key=len) == [
        [],
        [],
        [],
        [],
        [PastePart(5, 11, "first"), PastePart(5, 12, "second")],
    ]
    assert not await parts.is_open(5, 3600.0)
    assert await parts.take(6, 0.0) == [PastePart(6, 40, "another user's")]
