"""/watch, /unwatch, /watches through the real application, and the alerts: once per article
per watch (also across a restart and re-ingestion), people under their aliases, one message
per chat and article, blocked watchers paused."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from dataclasses import replace

from bot.memory_api import BotApiError, plain_text
from handlers.deps import DEPS_KEY
from ingest.model import ArticleInput
from storage import Store
from tests.bot_kit import (
    ADMIN_CHAT,
    ADMIN_ID,
    MEMBER_ID,
    add_article,
    button,
    buttons,
    newsroom,
    sent,
    texts,
)
from tests.chat_kit import EDITOR_ID, PASTE_QUIET_SECONDS, until
from tests.conftest import REPO, SEED
from tests.digest_helpers import membership_update
from tests.test_chat_ingest import MILL
from tests.watch_kit import watching_bot

GROUP = -1001


async def court_article(store: Store, article_id: str = "court-funds") -> int:
    return await add_article(
        store,
        article_id,
        "Courts ask for money",
        "Elvira Azimova said courts need money. The ministry will answer in May.",
        quotes=(("courts need money", "Elvira Azimova"),),
        people=(("Elvira Azimova", "judge", ("Azimova",)),),
        url="https://example.org/courts",
    )


async def test_watch_a_person_or_words_list_them_and_unwatch(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        bot = running.bot
        replies = [
            texts(await bot.send(text, user_id=MEMBER_ID))[0]
            for text in (
                "/watch Azimova",
                "/watch harbour expansion",
                "/watch words Azimova",
                "/watch Azimova",
            )
        ]
        assert replies[0].startswith("🔔 Watching Elvira Azimova (watch 1): I will tell you when")
        assert "a new article names this person" in replies[0]
        assert replies[1].startswith("🔔 Watching “harbour expansion” (watch 2)")
        assert "all of these words" in replies[1]
        assert replies[2].startswith("🔔 Watching “Azimova” (watch 3)")
        assert replies[3].startswith("Already watching Elvira Azimova (watch 1).")
        [listing] = texts(await bot.send("/watches", user_id=MEMBER_ID))
        assert listing.splitlines()[:4] == [
            "🔔 Watches of this chat (3)",
            "1. 👤 Elvira Azimova",
            "2. 🔤 “harbour expansion”",
            "3. 🔤 “Azimova”",
        ]
        assert texts(await bot.send("/unwatch 2", user_id=MEMBER_ID)) == [
            "🔕 Stopped watching “harbour expansion”."
        ]
        assert texts(await bot.send("/unwatch Elvira Azimova", user_id=MEMBER_ID)) == [
            "🔕 Stopped watching Elvira Azimova."
        ]
        [listing] = texts(await bot.send("/watches", user_id=MEMBER_ID))
        assert listing.splitlines()[1] == "3. 🔤 “Azimova”"
        # Another user's private chat has watches of its own.
        [other] = texts(await bot.send("/watches"))
        assert other.startswith("No watches in this chat.")


async def test_bad_input_gets_a_short_usage(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        bot = running.bot
        cases = {
            "/watch": "Usage: /watch <person | words>",
            "/watch words ?!": "Those words have nothing to search for.",
            "/watch person Nobody Atall": "Nobody called “Nobody Atall” is in the store yet.",
            "/watch " + "x" * 120: "That is too long to watch",
            "/unwatch": "Usage: /unwatch <number | text>",
            "/unwatch 9": "No watch “9” in this chat.",
            "/unwatch nothing here": "No watch “nothing here” in this chat.",
        }
        for command, expected in cases.items():
            [reply] = texts(await bot.send(command, user_id=MEMBER_ID))
            assert reply.startswith(expected), (command, reply)
        assert await store.watches.of_chat(MEMBER_ID) == []


async def test_several_people_of_one_name_are_offered_as_buttons(store: Store) -> None:
    await newsroom(store)
    await add_article(
        store,
        "okafor-2",
        "Another Okafor",
        "Coach James Okafor said the team is ready. Fans cheered.",
        quotes=(("the team is ready", "James Okafor"),),
        people=(("James Okafor", "coach", ("Okafor",)),),
    )
    async with watching_bot(store) as running:
        calls = await running.bot.send("/watch Okafor", user_id=MEMBER_ID)
        [params] = sent(calls)
        assert plain_text(params["text"]).startswith("Several people are called “Okafor”")
        assert [label for label, _ in buttons(params)] == [
            "James Okafor, coach",
            "Maria Okafor, Minister of Finance",
        ]
        offer = running.api.last_bot_message(MEMBER_ID)
        press = await running.bot.press(button(params, "Maria"), message=offer, user_id=MEMBER_ID)
        assert texts(press)[0].startswith("🔔 Watching Maria Okafor (watch 1)")
        # The full name is not ambiguous.
        reply = texts(await running.bot.send("/watch James Okafor", user_id=MEMBER_ID))
        assert reply[0].startswith("🔔 Watching James Okafor (watch 2)")


async def test_in_a_group_only_its_admins_change_watches_and_everyone_lists(
    store: Store,
) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        bot = running.bot
        refused = texts(await bot.send("/watch Azimova", user_id=MEMBER_ID, chat_id=GROUP))
        assert refused == ["Only this group's administrators (or bot admins) can change watches."]
        running.api.chat_admins[GROUP].add(MEMBER_ID)
        made = texts(await bot.send("/watch Azimova", user_id=MEMBER_ID, chat_id=GROUP))
        assert made[0].startswith("🔔 Watching Elvira Azimova (watch 1)")
        running.api.chat_admins[GROUP].discard(MEMBER_ID)
        listing = texts(await bot.send("/watches", user_id=MEMBER_ID, chat_id=GROUP))
        assert listing[0].splitlines()[1] == "1. 👤 Elvira Azimova"
        assert texts(await bot.send("/unwatch 1", user_id=MEMBER_ID, chat_id=GROUP)) == refused
        by_bot_admin = texts(await bot.send("/unwatch 1", user_id=ADMIN_ID, chat_id=GROUP))
        assert by_bot_admin == ["🔕 Stopped watching Elvira Azimova."]


async def test_an_alert_once_per_article_and_watch_even_after_updates_and_a_restart(
    store: Store,
) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
        assert (await running.alerts.check()).claimed == 0  # older articles do not alert
        key = await court_article(store)  # stored by another process: found by the scan
        await running.alerts.check()
        await running.alerts.check()
        [alert] = running.alerts_to(MEMBER_ID)
        assert plain_text(alert["text"]).splitlines() == [
            f"#{key} · Courts ask for money",
            "🔔 Elvira Azimova · 2026-11-20",
            "💬 “courts need money” — Elvira Azimova",
            "https://example.org/courts",
        ]
        assert buttons(alert) == [(f"Open #{key}", f"sum:{key}:d")]
        shown = running.api.last_bot_message(MEMBER_ID)
        opened = await running.bot.press(f"sum:{key}:d", message=shown, user_id=MEMBER_ID)
        assert texts(opened, "editMessageText")[0].startswith(f"#{key} · Courts ask for money")
        # The same article again with new text: an update, not a new article.
        await add_article(
            store,
            "court-funds",
            "Courts ask for money",
            "Elvira Azimova said courts need money now. The ministry will answer.",
            quotes=(("courts need money now", "Elvira Azimova"),),
            people=(("Elvira Azimova", "judge", ("Azimova",)),),
        )
        await running.alerts.check()
        assert len(running.alerts_to(MEMBER_ID)) == 1
    async with watching_bot(store) as restarted:  # a new application on the same store
        await restarted.alerts.check()
        assert restarted.alerts_to(MEMBER_ID) == []
        second = await court_article(store, "court-funds-2")
        await restarted.alerts.check()
        [again] = restarted.alerts_to(MEMBER_ID)
        assert plain_text(again["text"]).startswith(f"#{second} · ")
    [watch] = await store.watches.of_chat(MEMBER_ID)
    assert await store.watches.alerts(watch.id) == [(key, "sent"), (second, "sent")]


async def test_a_claimed_alert_not_yet_sent_goes_out_once_after_a_restart(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
    key = await court_article(store)
    [watch] = await store.watches.of_chat(MEMBER_ID)
    await store.watches.claim([(watch.id, key)], "2026-11-20T08:00:00+00:00")  # then a crash
    await store.watches.mark_scanned(key)
    async with watching_bot(store) as restarted:
        await restarted.alerts.check()
        await restarted.alerts.check()
        assert len(restarted.alerts_to(MEMBER_ID)) == 1


async def test_a_person_watch_matches_the_person_under_an_alias(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Elvira Azimova", user_id=MEMBER_ID)
        key = await add_article(
            store,
            "profile",
            "The chairman at work",
            "Dr Elvira Azimova opened the session. She said rules must be clear and simple.",
            quotes=(("rules must be clear and simple", "Dr Elvira Azimova"),),
            people=(("Dr Elvira Azimova", "chairman", ("Elvira Azimova", "Azimova")),),
        )
        await running.alerts.check()
        [alert] = running.alerts_to(MEMBER_ID)
        assert plain_text(alert["text"]).splitlines() == [
            f"#{key} · The chairman at work",
            "🔔 Elvira Azimova · 2026-11-20",
            "💬 “rules must be clear and simple” — Dr Elvira Azimova",
        ]


async def test_two_watches_of_one_chat_on_one_article_make_one_message(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
        await running.bot.send("/watch courts money", user_id=MEMBER_ID)
        await running.bot.send("/watch ministry", user_id=ADMIN_ID)
        await court_article(store)
        report = await running.alerts.check()
        assert (report.claimed, report.sent) == (3, 2)
        [alert] = running.shown(MEMBER_ID)
        assert alert.splitlines()[1] == "🔔 Elvira Azimova, “courts money” · 2026-11-20"
        [other] = running.shown(ADMIN_ID)
        assert other.splitlines()[1:3] == [
            "🔔 “ministry” · 2026-11-20",
            "Elvira Azimova said courts need money.",
        ]


async def test_a_watcher_who_blocked_the_bot_is_paused_and_the_admins_told_once(
    store: Store,
) -> None:
    await newsroom(store)
    async with watching_bot(store, admin_chat=ADMIN_CHAT) as running:
        await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
        await running.bot.send("/watch courts", user_id=MEMBER_ID)
        running.api.blocked.add(MEMBER_ID)
        await court_article(store)
        report = await running.alerts.check()
        assert report.paused_chats == [MEMBER_ID] and report.sent == 0
        [notice] = [plain_text(p["text"]) for p in running.api.calls_of("sendMessage")[-1:]]
        assert notice.splitlines() == [
            "⚠️ Watch alerts paused for 1 chat",
            "The bot cannot post there. A /watch in that chat resumes its watches.",
            f"• {MEMBER_ID}: Forbidden: bot was blocked by the user",
        ]
        attempts = len(running.api.calls_of("sendMessage"))
        await court_article(store, "court-funds-2")
        await running.alerts.check()
        assert len(running.api.calls_of("sendMessage")) == attempts  # nothing tried, no notice
        [listing] = texts(await running.bot.send("/watches", user_id=MEMBER_ID))
        assert "1. 👤 Elvira Azimova — paused: Forbidden: bot was blocked" in listing
        running.api.blocked.discard(MEMBER_ID)
        [resumed] = texts(await running.bot.send("/watch Azimova", user_id=MEMBER_ID))
        assert "Resumed 2 paused watches of this chat." in resumed
        await running.alerts.check()
        assert running.alerts_to(MEMBER_ID) == []  # what came while paused is not sent later
        third = await court_article(store, "court-funds-3")
        await running.alerts.check()
        assert [a.splitlines()[0] for a in running.shown(MEMBER_ID)] == [
            f"#{third} · Courts ask for money"
        ]


async def test_blocking_the_bot_pauses_watches_at_once(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store, admin_chat=ADMIN_CHAT) as running:
        await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
        update = membership_update(
            running.bot.app,
            chat_id=MEMBER_ID,
            chat_type="private",
            old={"status": "member"},
            new={"status": "kicked", "until_date": 0},
            by_user=MEMBER_ID,
        )
        await running.bot.app.process_update(update)
        [watch] = await store.watches.of_chat(MEMBER_ID)
        assert not watch.active and watch.paused_reason == "the user blocked the bot"
        notices = [plain_text(p["text"]) for p in running.api.calls_of("sendMessage")]
        assert notices[-1].startswith("⚠️ Watch alerts paused for 1 chat")
        await running.bot.app.process_update(update)  # told once
        assert len(running.api.calls_of("sendMessage")) == len(notices)


async def test_an_article_the_bot_stores_alerts_within_a_second(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Geneva", user_id=MEMBER_ID)
        await running.bot.app.start()
        try:
            intake = running.bot.app.bot_data["deps"].intake
            text = SEED.read_text(encoding="utf-8")
            await intake.add_article(ArticleInput("seed", text))
            deadline = time.monotonic() + 5
            while not running.alerts_to(MEMBER_ID) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        finally:
            await running.bot.app.stop()
        [alert] = running.shown(MEMBER_ID)
        assert alert.splitlines()[1].startswith("🔔 “Geneva” · ")


async def test_a_user_no_longer_allowed_gets_no_alerts(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
        await store.members.deny("user", MEMBER_ID)
        await court_article(store)
        await running.alerts.check()
        assert running.alerts_to(MEMBER_ID) == []


async def test_words_in_most_new_articles_are_refused(store: Store) -> None:
    for number in range(24):
        topic = "harbour" if number % 4 == 0 else "council"
        await add_article(
            store, f"a{number}", f"Story {number}", f"The {topic} met on day {number}. It voted."
        )
    async with watching_bot(store) as running:
        [refused] = texts(await running.bot.send("/watch council", user_id=MEMBER_ID))
        assert refused == (
            "“council” is in 18 of the newest 24 articles: a watch would alert for most of "
            "what comes in. Choose rarer words."
        )
        [made] = texts(await running.bot.send("/watch harbour", user_id=MEMBER_ID))
        assert made.startswith("🔔 Watching “harbour” (watch 1)")


async def test_an_article_an_editor_pastes_alerts_a_watcher(store: Store) -> None:
    await newsroom(store)
    await store.members.allow(
        "user", EDITOR_ID, label="desk", added_by=ADMIN_ID, now="2026", role="editor"
    )
    async with watching_bot(store) as running:
        app = running.bot.app
        app.bot_data[DEPS_KEY] = replace(
            app.bot_data[DEPS_KEY], paste_quiet_seconds=PASTE_QUIET_SECONDS
        )
        await running.bot.send("/watch heritage grant", user_id=MEMBER_ID)
        await app.start()
        try:
            await running.bot.send(MILL, user_id=EDITOR_ID)
            await until(lambda: bool(running.alerts_to(MEMBER_ID)), timeout=5)
        finally:
            await app.stop()
        [alert] = running.shown(MEMBER_ID)
        assert alert.splitlines()[0].endswith(
            " · Old mill to reopen as a library after six years of work"
        )
        assert alert.splitlines()[1].startswith("🔔 “heritage grant” · ")


async def test_a_watch_made_while_a_check_runs_misses_no_article(store: Store) -> None:
    """A watch made, and then an article stored, while a check is between reading the watches
    and reading the new articles: the article is matched against the new watch too."""
    await newsroom(store)
    async with watching_bot(store) as running:
        queries = store.watches
        real_next_keys = queries.next_keys
        made: list[int] = []

        async def next_keys_meanwhile(after: int, limit: int) -> list[int]:
            if not made:
                await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
                made.append(await court_article(store))
            return await real_next_keys(after, limit)

        queries.next_keys = next_keys_meanwhile  # type: ignore[method-assign]
        try:
            await running.alerts.check()
        finally:
            queries.next_keys = real_next_keys  # type: ignore[method-assign]
        [alert] = running.shown(MEMBER_ID)
        assert alert.startswith(f"#{made[0]} · Courts ask for money")


async def test_a_failure_that_may_pass_is_retried_at_the_next_check_and_sent_once(
    store: Store,
) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Azimova", user_id=MEMBER_ID)
        key = await court_article(store)
        for _ in range(4):  # every attempt of the sender fails
            running.api.fail_next("sendMessage", BotApiError(502, "Bad Gateway"))
        report = await running.alerts.check()
        assert (report.claimed, report.sent, report.failed) == (1, 0, 1)
        [watch] = await store.watches.of_chat(MEMBER_ID)
        assert await store.watches.alerts(watch.id) == [(key, "pending")]
        assert (await running.alerts.check()).sent == 1
        assert (await running.alerts.check()).sent == 0
        assert len(running.alerts_to(MEMBER_ID)) == 1


async def test_alerts_follow_a_group_that_became_a_supergroup(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Azimova", user_id=ADMIN_ID, chat_id=GROUP)
        await court_article(store)
        running.api.fail_next(
            "sendMessage",
            BotApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=-1009,
            ),
        )
        await running.alerts.check()
        assert len(running.alerts_to(-1009)) == 1
        [moved] = await store.watches.of_chat(-1009)
        assert moved.label == "Elvira Azimova" and await store.watches.of_chat(GROUP) == []


async def test_an_article_ingested_by_another_process_alerts_once(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        await running.bot.send("/watch Geneva", user_id=MEMBER_ID)
        command = [sys.executable, "-m", "bot.cli", "--db", store.path, "ingest", str(SEED)]
        for _ in range(2):  # the second run finds the article unchanged
            done = await asyncio.to_thread(
                subprocess.run, command, capture_output=True, cwd=REPO, timeout=60
            )
            assert done.returncode == 0, done.stderr
            await running.alerts.check()
        [alert] = running.shown(MEMBER_ID)
        assert alert.splitlines()[1].startswith("🔔 “Geneva” · ")


async def test_words_are_shown_as_typed_and_matched_as_search_reads_them(store: Store) -> None:
    await newsroom(store)
    async with watching_bot(store) as running:
        [made] = texts(
            await running.bot.send("/watch words Mayor's  <b>harbour</b>", user_id=MEMBER_ID)
        )
        assert made.startswith("🔔 Watching “Mayor's <b>harbour</b>” (watch 1)")
        [watch] = await store.watches.of_chat(MEMBER_ID)
        assert watch.match_key == "mayor s b harbour"  # the words once each, as /search reads them
        [again] = texts(
            await running.bot.send("/watch words mayor S b HARBOUR b", user_id=MEMBER_ID)
        )
        assert again.startswith("Already watching “Mayor's <b>harbour</b>” (watch 1).")
