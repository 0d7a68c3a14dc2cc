"""Articles sent to the bot in a private chat, through the real application and a fake Bot API:
pastes (one and several parts), forwarded channel posts, duplicates, readers, short text."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.intake import BotIntake
from handlers import chat_ingest
from handlers.chat_ingest import chat_article_id, single_url
from handlers.deps import DEPS_KEY
from handlers.pastes import join_parts
from storage import Store
from tests.bot_kit import ADMIN_ID, MEMBER_ID, BotHarness, button, buttons, sent, texts, user
from tests.chat_kit import EDITOR_ID, chat_bot, forward, replies, to_chat
from tests.conftest import SEED

MILL = """Old mill to reopen as a library after six years of work

Hartley, March 3 — The old textile mill on the river bank will reopen next month as the \
town's new library, the council said on Tuesday.

Council leader Priya Sandhu said the building had been saved at the last minute. "We nearly \
lost it to the developers, and now every child in Hartley will have a reading room by the \
water," Sandhu said.

The works cost 4.2 million pounds, most of it from a heritage grant. Head librarian Owen \
Price said the move would double the number of books on open shelves.

"People kept asking when they could come in. Now they can," Price said."""

FERRY_POST = """Ferry service to the islands suspended until Friday

Storm warnings closed the harbour this morning. Harbour master Lena Fischer said: \
"No boat leaves until the wind drops below force seven." Islanders were told to stock up."""

TALES = 1_764_000_000  # 2025-11-24 16:00 UTC


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    async for harness in chat_bot(store):
        yield harness


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://example.org/news/1", "https://example.org/news/1"),
        ("  http://example.org/a?b=c  ", "http://example.org/a?b=c"),
        ("see https://example.org/news/1", None),
        ("ftp://example.org/file", None),
        ("https://", None),
        ("example.org/news", None),
    ],
)
def test_a_link_is_a_message_of_one_http_url(text: str, url: str | None) -> None:
    assert single_url(text) == url


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (
            ["First part ends a sentence.", "Second part."],
            "First part ends a sentence.\nSecond part.",
        ),
        (["Para one.\n\nPara two.", "Para three."], "Para one.\n\nPara two.\n\nPara three."),
        (["A sentence cut in", "the middle goes on."], "A sentence cut in the middle goes on."),
        (["Only one part.  "], "Only one part."),
        (["  Head \n\n\n\n Body one.\t\n\nBody two. "], "Head\n\nBody one.\n\nBody two."),
    ],
)
def test_parts_of_a_paste_are_joined_as_they_were_cut(parts: list[str], joined: str) -> None:
    assert join_parts(parts) == joined


async def test_a_pasted_article_is_analysed_stored_and_answered_with_a_card(
    store: Store, bot: BotHarness
) -> None:
    assert sent(await bot.send(MILL, user_id=EDITOR_ID)) == []  # waits for more parts first
    [card] = await replies(bot, EDITOR_ID, 1)
    row = await store.articles.by_id(chat_article_id(MILL))
    assert row is not None
    assert row.title == "Old mill to reopen as a library after six years of work"
    lines = card.split("\n")
    assert lines[0] == f"✅ Added as #{row.key}"
    assert lines[1] == row.title
    assert lines[2].startswith(row.date)
    assert "2 people" in card and "quotes" in card
    assert "— Priya Sandhu, Council leader" in card or "— Priya Sandhu" in card
    [call] = to_chat(bot, EDITOR_ID)
    labels = [label for label, _ in buttons(call.params)]
    assert labels == ["Summary", "Long", "Quotes", "People"]
    pressed = await bot.press(
        button(call.params, "Quotes"), message=bot.message_of(call), user_id=EDITOR_ID
    )
    [quotes] = texts(pressed, "editMessageText")
    assert "every child in Hartley" in quotes


async def test_a_paste_in_several_parts_is_one_article(store: Store, bot: BotHarness) -> None:
    text = SEED.read_text(encoding="utf-8").strip()
    # Telegram cuts a long message into parts of up to 4,096 characters, between words.
    cut_sentence = text.index(" the actions of the non-govern") + len(" the actions")
    cut_paragraph = text.index("\n\nEU Special Representative")
    parts = [
        text[:cut_sentence],
        text[cut_sentence:cut_paragraph],
        text[cut_paragraph:],
    ]
    for part in parts:
        await bot.send(part.strip(), user_id=EDITOR_ID)
    [card] = await replies(bot, EDITOR_ID, 1)
    await asyncio.sleep(0.4)
    assert len(to_chat(bot, EDITOR_ID)) == 1  # one answer for the three parts
    assert (await store.stats()).articles == 1
    [row] = await store.articles.latest(1)
    assert await store.articles.text(row.key) == text
    assert row.people_count == 7 and "7 quotes · 7 people" in card


async def test_the_same_paste_again_is_already_in_the_store(bot: BotHarness) -> None:
    await bot.send(MILL, user_id=EDITOR_ID)
    [first] = await replies(bot, EDITOR_ID, 1)
    await bot.send(MILL.replace("\n\n", "\n\n "), user_id=ADMIN_ID)
    [again] = await replies(bot, ADMIN_ID, 1)
    key = first.split("#")[1].split()[0]
    assert again.startswith(f"Already in the store as #{key}\n")
    params = sent(to_chat(bot, ADMIN_ID))[0]
    assert button(params, "Quotes") == f"pg:qa:0:{key}"


async def test_a_forwarded_channel_post_keeps_channel_link_and_date(
    store: Store, bot: BotHarness
) -> None:
    channel = {"id": -1001, "title": "Coast Radio News", "username": "coastradio"}
    calls = await forward(bot, FERRY_POST, channel=channel, post_id=512, posted_at=TALES)
    [card] = texts(calls)
    row = await store.articles.by_id("https://t.me/coastradio/512")
    assert row is not None
    assert (row.source, row.url) == ("Coast Radio News", "https://t.me/coastradio/512")
    assert row.published == datetime.fromtimestamp(TALES, UTC).isoformat()
    assert card.split("\n")[2] == "2025-11-24 · Coast Radio News"
    assert "— Lena Fischer" in card and card.endswith("https://t.me/coastradio/512")
    again = await forward(bot, FERRY_POST, channel=channel, post_id=512, posted_at=TALES)
    assert texts(again)[0].startswith(f"Already in the store as #{row.key}")


async def test_a_post_forwarded_from_a_private_channel_has_no_link(
    store: Store, bot: BotHarness
) -> None:
    channel = {"id": -1002, "title": "Desk chat"}
    await forward(bot, FERRY_POST, channel=channel, post_id=7, posted_at=TALES)
    row = await store.articles.by_id(chat_article_id(FERRY_POST))
    assert row is not None and row.url is None and row.source == "Desk chat"


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("hello", "Send a command, for example /latest or /help."),
        (
            " ".join(["word"] * 30),
            "That is too short to be an article (30 words; paste at least 60 words). "
            "For the commands, send /help.",
        ),
    ],
)
async def test_short_text_from_an_editor_is_not_an_article(
    store: Store, bot: BotHarness, text: str, reply: str
) -> None:
    assert texts(await bot.send(text, user_id=EDITOR_ID)) == [reply]
    assert (await store.stats()).articles == 0


async def test_a_short_forwarded_post_is_refused(store: Store, bot: BotHarness) -> None:
    channel = {"id": -1001, "title": "Coast Radio News", "username": "coastradio"}
    calls = await forward(bot, "Ferry cancelled.", channel=channel, post_id=1, posted_at=TALES)
    assert texts(calls) == [
        "That is too short to be an article (2 words; paste at least 20 words). "
        "For the commands, send /help."
    ]
    assert (await store.stats()).articles == 0


async def test_a_reader_is_told_once_that_only_editors_add(store: Store, bot: BotHarness) -> None:
    [told] = texts(await bot.send(MILL, user_id=MEMBER_ID))
    assert told.startswith("Only editors can add articles")
    assert f"/allow editor {MEMBER_ID}" in told
    channel = {"id": -1001, "title": "Coast Radio News", "username": "coastradio"}
    later = [
        *texts(await bot.send(MILL, user_id=MEMBER_ID)),
        *texts(await bot.send("https://example.org/a", user_id=MEMBER_ID)),
        *texts(
            await forward(
                bot, FERRY_POST, channel=channel, post_id=2, posted_at=TALES, user_id=MEMBER_ID
            )
        ),
        *texts(await bot.send("hello", user_id=MEMBER_ID)),
    ]
    assert later == ["Send a command, for example /latest or /help."] * 4
    await asyncio.sleep(0.4)
    assert (await store.stats()).articles == 0


async def test_a_reader_told_before_a_restart_is_not_told_again(store: Store) -> None:
    async for first_run in chat_bot(store):
        assert texts(await first_run.send(MILL, user_id=MEMBER_ID))[0].startswith("Only editors")
    async for second_run in chat_bot(store):
        assert texts(await second_run.send(MILL, user_id=MEMBER_ID)) == [
            "Send a command, for example /latest or /help."
        ]


async def test_articles_in_a_group_are_not_taken(store: Store, bot: BotHarness) -> None:
    assert texts(await bot.send(MILL, user_id=ADMIN_ID, chat_id=-42)) == []
    await asyncio.sleep(0.4)
    assert (await store.stats()).articles == 0


async def test_a_slow_analysis_does_not_hold_up_another_users_command(bot: BotHarness) -> None:
    intake = bot.app.bot_data[DEPS_KEY].intake
    assert isinstance(intake, BotIntake)
    started, release = asyncio.Event(), asyncio.Event()
    analyse = intake.pool.analyse

    async def slow_analyse(article):  # type: ignore[no-untyped-def]
        started.set()
        await release.wait()
        return await analyse(article)

    intake.pool.analyse = slow_analyse  # type: ignore[method-assign]
    channel = {"id": -1001, "title": "Coast Radio News", "username": "coastradio"}
    pending = asyncio.create_task(
        forward(bot, FERRY_POST, channel=channel, post_id=3, posted_at=TALES)
    )
    await asyncio.wait_for(started.wait(), 5)
    answered = texts(await asyncio.wait_for(bot.send("/latest", user_id=MEMBER_ID), 5))
    assert answered == ["Latest articles\n\nNo articles yet: ingest some first."]
    assert not pending.done()
    release.set()
    await asyncio.wait_for(pending, 10)
    [card] = texts(to_chat(bot, EDITOR_ID))
    assert card.startswith("✅ Added as #1")


async def test_a_paste_larger_than_an_article_may_be_is_refused(
    store: Store, bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chat_ingest, "MAX_ARTICLE_BYTES", 1024 * 1024)
    part = " ".join(["Budget"] * 584) + " items."  # 4,094 characters
    for _ in range(300):
        await bot.send(part, user_id=EDITOR_ID)
    assert await replies(bot, EDITOR_ID, 1) == [
        "That is too large to be one article (1.2 MB; at most 1.0 MB)."
    ]
    assert (await store.stats()).articles == 0


async def test_an_article_forwarded_from_a_person_is_taken_like_a_paste(
    store: Store, bot: BotHarness
) -> None:
    message = bot.api.user_message(EDITOR_ID, user(EDITOR_ID), MILL)
    message["forward_origin"] = {"type": "user", "sender_user": user(555, "Ann"), "date": TALES}
    await bot.process({"message": message})
    [card] = await replies(bot, EDITOR_ID, 1)
    assert card.startswith("✅ Added as #1\nOld mill to reopen")
    row = await store.articles.by_id(chat_article_id(MILL))
    assert row is not None and row.url is None and row.source is None
