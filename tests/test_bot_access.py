"""The one access gate and the admin commands that manage it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from handlers.access import ADMISSIONS_KEY, admissions
from storage import Store
from tests.bot_kit import (
    ADMIN_ID,
    MEMBER_ID,
    STRANGER_ID,
    BotHarness,
    newsroom,
    running_bot,
    sent,
    texts,
)


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    await newsroom(store)
    async for harness in running_bot(store):
        yield harness


@pytest.mark.parametrize("command", ["/latest", "/summary", "/quotes Azimova", "/start", "hi"])
async def test_a_stranger_is_refused_with_their_user_id(bot: BotHarness, command: str) -> None:
    calls = await bot.send(command, user_id=STRANGER_ID)
    assert [c.method for c in calls] == ["sendMessage"]
    [reply] = texts(calls)
    assert reply.startswith("Sorry, this newsroom bot is private.")
    assert f"Your Telegram user id is {STRANGER_ID}." in reply
    assert "Kazakhstan" not in reply and "Budget" not in reply


async def test_a_stranger_pressing_a_button_gets_an_alert(bot: BotHarness) -> None:
    calls = await bot.press("pg:L:1:2", user_id=STRANGER_ID)
    [answer] = sent(calls, "answerCallbackQuery")
    assert answer["show_alert"] is True and str(STRANGER_ID) in answer["text"]
    assert [c.method for c in calls] == ["answerCallbackQuery"]


async def test_a_stranger_inline_gets_no_results_and_an_explaining_button(
    bot: BotHarness,
) -> None:
    answer = await bot.inline("azimova", user_id=STRANGER_ID)
    assert answer["results"] == []
    assert answer["is_personal"] is True and answer["cache_time"] == 0
    assert answer["button"] == {
        "text": "Not allowed here — tap to see why",
        "start_parameter": "access",
    }


async def test_members_and_admins_are_admitted(bot: BotHarness) -> None:
    assert "#3 ·" in texts(await bot.send("/latest", user_id=MEMBER_ID))[0]
    assert "#3 ·" in texts(await bot.send("/latest", user_id=ADMIN_ID))[0]
    answer = await bot.inline("", user_id=MEMBER_ID)
    assert len(answer["results"]) == 3


async def test_an_allowed_group_admits_everyone_in_it(bot: BotHarness) -> None:
    group = -1001
    refused = texts(await bot.send("/latest", user_id=STRANGER_ID, chat_id=group))
    assert "this chat is not on its list" in refused[0] and str(group) in refused[0]
    await bot.send(f"/allow {group} Newsdesk")
    assert "#3 ·" in texts(await bot.send("/latest", user_id=STRANGER_ID, chat_id=group))[0]
    # the same stranger is still refused in a private chat
    assert texts(await bot.send("/latest", user_id=STRANGER_ID))[0].startswith("Sorry")


async def test_plain_messages_in_a_group_from_strangers_are_ignored(bot: BotHarness) -> None:
    assert await bot.send("lunch?", user_id=STRANGER_ID, chat_id=-77) == []


async def test_admins_allow_and_deny_users_at_run_time(store: Store, bot: BotHarness) -> None:
    assert texts(await bot.send(f"/allow {STRANGER_ID} Jane Doe")) == [
        f"Allowed user {STRANGER_ID} (Jane Doe)."
    ]
    assert await store.members.contains("user", STRANGER_ID)
    assert texts(await bot.send(f"/allow user {STRANGER_ID}")) == [
        f"Already allowed: user {STRANGER_ID}."
    ]
    assert "#3 ·" in texts(await bot.send("/latest", user_id=STRANGER_ID))[0]
    [listing] = texts(await bot.send("/members"))
    assert f"Admins (NEWSROOM_ADMINS): {ADMIN_ID}" in listing
    assert f"user {STRANGER_ID} — Jane Doe" in listing and f"user {MEMBER_ID} — member" in listing
    assert texts(await bot.send(f"/deny {STRANGER_ID}")) == [f"Removed user {STRANGER_ID}."]
    assert texts(await bot.send("/latest", user_id=STRANGER_ID))[0].startswith("Sorry")
    assert texts(await bot.send(f"/deny {STRANGER_ID}")) == [
        f"User {STRANGER_ID} was not on the list."
    ]


async def test_allow_in_reply_to_a_message_and_in_a_group(store: Store, bot: BotHarness) -> None:
    theirs = bot.api.user_message(-9, {"id": 77, "is_bot": False, "first_name": "Kim"}, "hi")
    assert texts(await bot.send("/allow", chat_id=-9, reply_to=theirs)) == [
        "Allowed user 77 (Kim)."
    ]
    assert texts(await bot.send("/allow", chat_id=-9)) == ["Allowed chat -9 (Group)."]
    assert await store.members.contains("chat", -9)


@pytest.mark.parametrize("arguments", ["", "abc", "user", "chat x", "editor", "editor -100"])
async def test_allow_with_bad_arguments_explains_usage(bot: BotHarness, arguments: str) -> None:
    [reply] = texts(await bot.send(f"/allow {arguments}".strip()))
    assert reply.startswith("Usage: /allow [user|editor|chat] <id> [label]")


async def test_admins_make_editors_and_members_shows_roles(store: Store, bot: BotHarness) -> None:
    assert texts(await bot.send(f"/allow editor {STRANGER_ID} Desk Chief")) == [
        f"Allowed editor {STRANGER_ID} (Desk Chief)."
    ]
    assert await store.members.is_editor(STRANGER_ID)
    assert "#3 ·" in texts(await bot.send("/latest", user_id=STRANGER_ID))[0]
    # A plain /allow keeps the role; /allow editor on a reader promotes.
    assert texts(await bot.send(f"/allow {STRANGER_ID}")) == [
        f"Already allowed: user {STRANGER_ID}."
    ]
    assert await store.members.is_editor(STRANGER_ID)
    assert texts(await bot.send(f"/allow editor {MEMBER_ID}")) == [f"Allowed editor {MEMBER_ID}."]
    assert texts(await bot.send(f"/allow editor {MEMBER_ID}")) == [
        f"Already allowed: editor {MEMBER_ID}."
    ]
    [listing] = texts(await bot.send("/members"))
    assert f"editor {STRANGER_ID} — Desk Chief" in listing
    assert f"editor {MEMBER_ID} — member" in listing
    assert texts(await bot.send(f"/deny {STRANGER_ID}")) == [f"Removed user {STRANGER_ID}."]
    assert not await store.members.is_editor(STRANGER_ID)
    assert not await store.members.contains("user", STRANGER_ID)


async def test_only_admins_manage_members(store: Store, bot: BotHarness) -> None:
    for command in (f"/allow {STRANGER_ID}", f"/deny {MEMBER_ID}", "/members"):
        assert texts(await bot.send(command, user_id=MEMBER_ID)) == [
            "Only admins can change who may use the bot."
        ]
    assert not await store.members.contains("user", STRANGER_ID)
    assert await store.members.contains("user", MEMBER_ID)


async def test_denying_an_admin_says_they_keep_access(bot: BotHarness) -> None:
    [reply] = texts(await bot.send(f"/deny {ADMIN_ID}"))
    assert "is an admin (NEWSROOM_ADMINS) and keeps access" in reply


async def test_the_gate_remembers_answers_until_forgotten_or_stale(
    store: Store, bot: BotHarness
) -> None:
    known = admissions(bot.app.bot_data)
    assert texts(await bot.send("/latest", user_id=STRANGER_ID))[0].startswith("Sorry")
    # a change made outside the bot is seen once the remembered answer is stale
    await store.members.allow("user", STRANGER_ID, label=None, added_by=None, now="2026")
    assert texts(await bot.send("/latest", user_id=STRANGER_ID))[0].startswith("Sorry")
    known.ttl = 0.0
    assert "#3 ·" in texts(await bot.send("/latest", user_id=STRANGER_ID))[0]
    known.ttl = 60.0
    await store.members.deny("user", STRANGER_ID)
    known.forget()
    assert texts(await bot.send("/latest", user_id=STRANGER_ID))[0].startswith("Sorry")


async def test_on_a_shared_store_every_update_asks_the_members_table(
    store: Store, bot: BotHarness
) -> None:
    bot.app.bot_data.pop(ADMISSIONS_KEY, None)
    store.shared = True  # as a PostgreSQL store that replicas share
    assert admissions(bot.app.bot_data).ttl == 0.0
    assert "#3 ·" in texts(await bot.send("/latest", user_id=MEMBER_ID))[0]
    await store.members.deny("user", MEMBER_ID)  # as another replica's /deny would
    assert texts(await bot.send("/latest", user_id=MEMBER_ID))[0].startswith("Sorry")
