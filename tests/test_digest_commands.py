"""Digest commands and the /settings menu through the real application and a fake Bot API."""

from datetime import UTC, datetime, timedelta

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.delivery import FloodLimits
from bot.digest_scheduler import job_name, start_digests
from bot.flood_api import FloodBotApi
from bot.memory_api import plain_text
from handlers import access
from storage import Store
from tests.digest_helpers import (
    ADMIN_RIGHTS,
    FakeClock,
    add_article,
    build_app,
    button_update,
    command_update,
    membership_update,
)

BOT_ADMIN = 1
USER = 5
GROUP = -100500
BOT_ID = 100000001


class Bot:
    def __init__(self, store: Store, clock: FakeClock) -> None:
        self.store, self.clock = store, clock
        self.api = FloodBotApi(window=0.001)
        self.app = build_app(store, self.api, clock, admins=frozenset({BOT_ADMIN}))
        self.queries = store.subscriptions

    async def send(self, text: str, *, chat_id: int = USER, user_id: int = USER, **kw) -> str:
        before = len(self.api.calls_of("sendMessage"))
        update = command_update(self.app, text, chat_id=chat_id, user_id=user_id, **kw)
        await self.app.process_update(update)
        return "\n".join(plain_text(c["text"]) for c in self.api.calls_of("sendMessage")[before:])

    async def press(self, data: str, *, chat_id: int = USER, user_id: int = USER, **kw):
        edits = len(self.api.calls_of("editMessageText"))
        update = button_update(self.app, data, chat_id=chat_id, user_id=user_id, message_id=1, **kw)
        await self.app.process_update(update)
        answer = self.api.calls_of("answerCallbackQuery")[-1]
        edited = self.api.calls_of("editMessageText")[edits:]
        return answer, (plain_text(edited[-1]["text"]) if edited else None)

    def job_at(self, chat_id: int) -> datetime | None:
        jobs = self.app.job_queue.get_jobs_by_name(job_name(chat_id))
        assert len(jobs) <= 1
        return jobs[0].job.trigger.run_date if jobs else None


@pytest.fixture
async def bot(tmp_path):
    clock = FakeClock(datetime(2026, 3, 27, 12, 0, tzinfo=UTC))  # Friday, before BST
    store = await Store.open(tmp_path / "bot.db", clock=clock)
    bot = Bot(store, clock)
    async with bot.app:
        await start_digests(bot.app, limits=FloodLimits().scaled(0.001), background=False)
        yield bot
    await store.close()


async def test_subscribe_with_time_and_zone_schedules_the_job(bot):
    reply = await bot.send("/subscribe 07:30 Asia/Almaty")
    assert "Subscribed this chat: every day at 07:30 (Asia/Almaty)." in reply
    assert "Next digest: Sat 28 Mar 07:30." in reply
    assert "first covers the 24 hours before now" in reply
    subscription = await bot.queries.get(USER)
    assert (subscription.time, subscription.timezone, subscription.days) == (
        "07:30",
        "Asia/Almaty",
        "daily",
    )
    assert subscription.watermark.startswith("2026-03-26T12:00")
    assert bot.job_at(USER) == datetime(2026, 3, 28, 2, 30, tzinfo=UTC)
    again = await bot.send("/subscribe 08:15")  # keeps the zone, replaces the job
    assert "Updated the digest of this chat: every day at 08:15 (Asia/Almaty)." in again
    assert bot.job_at(USER) == datetime(2026, 3, 28, 3, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/subscribe 25:00", "“25:00” is not a time of day"),
        ("/subscribe 7:3", "“7:3” is not a time: write it as HH:MM"),
        ("/subscribe 07:30 Mars/Olympus", "“Mars/Olympus” is not a known time zone"),
        ("/subscribe tomorrow", "I do not understand “tomorrow”"),
        ("/subscribe @somechannel", "Only bot admins can manage another chat"),
    ],
)
async def test_subscribe_refuses_bad_input_clearly(bot, command, expected):
    reply = await bot.send(command)
    assert expected in reply
    assert await bot.queries.get(USER) is None


async def test_in_groups_only_chat_admins_or_bot_admins_subscribe(bot):
    group = {"chat_id": GROUP, "chat_type": "supergroup", "title": "City desk"}
    refused = await bot.send("/subscribe 09:00 Europe/London", **group)
    assert "Only this group's administrators (or bot admins) can do that." in refused
    assert await bot.queries.get(GROUP) is None
    bot.api.chat_admins[GROUP].add(USER)
    accepted = await bot.send("/subscribe 09:00 Europe/London", **group)
    assert "Subscribed City desk: every day at 09:00 (Europe/London)." in accepted
    by_bot_admin = await bot.send("/subscribe 10:00", user_id=BOT_ADMIN, **group)
    assert "Updated the digest of City desk" in by_bot_admin


async def test_bot_admin_subscribes_a_channel_only_where_the_bot_may_post(bot):
    missing = await bot.send("/subscribe @newsdesk 07:00", chat_id=BOT_ADMIN, user_id=BOT_ADMIN)
    assert "I cannot find @newsdesk" in missing and "administrator" in missing
    bot.api.add_chat(-100777, "channel", "News desk", username="newsdesk")
    not_admin = await bot.send("/subscribe @newsdesk 07:00", chat_id=BOT_ADMIN, user_id=BOT_ADMIN)
    assert (
        "I may not post in @newsdesk: the bot must be an administrator of the channel with "
        "the right to post messages."
    ) in not_admin
    assert await bot.queries.get(-100777) is None
    bot.api.chat_admins[-100777].add(BOT_ID)
    ok = await bot.send(
        "/subscribe @newsdesk 07:00 Europe/London", chat_id=BOT_ADMIN, user_id=BOT_ADMIN
    )
    assert "Subscribed @newsdesk: every day at 07:00 (Europe/London)." in ok
    assert (await bot.queries.get(-100777)).chat_kind == "channel"
    assert bot.job_at(-100777) == datetime(2026, 3, 28, 7, 0, tzinfo=UTC)
    by_id = await bot.send("/unsubscribe -100777", chat_id=BOT_ADMIN, user_id=BOT_ADMIN)
    assert "No more digests for @newsdesk" in by_id
    assert bot.job_at(-100777) is None


async def test_unsubscribe_removes_the_job(bot):
    await bot.send("/subscribe 07:30")
    assert bot.job_at(USER) is not None
    assert "No more digests for this chat" in await bot.send("/unsubscribe")
    assert bot.job_at(USER) is None
    assert "has no digest subscription" in await bot.send("/unsubscribe")


async def test_digest_now_leaves_schedule_and_watermark(bot):
    await bot.send("/subscribe 07:30 Europe/London")
    before = await bot.queries.get(USER)
    job_before = bot.job_at(USER)
    await add_article(bot.store, "n1", "Mayor opens bridge <new>", "The bridge opened.")
    text = await bot.send("/digest")
    assert "1 new article since 26 Mar 12:00 (Europe/London)" in text
    assert "Mayor opens bridge <new>" in text
    after = await bot.queries.get(USER)
    assert after.watermark == before.watermark
    assert await bot.queries.runs(USER) == []
    assert bot.job_at(USER) == job_before


async def test_settings_menu_buttons_change_the_schedule(bot):
    await bot.send("/subscribe 07:30 Europe/London")
    menu = await bot.send("/settings")
    assert "When: every day at 07:30 (Europe/London)" in menu
    keyboard = bot.api.calls_of("sendMessage")[-1]["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in keyboard[1]] == ["✓ Every day", "Weekdays"]
    assert all(len(b["callback_data"].encode()) <= 64 for row in keyboard for b in row)

    answer, text = await bot.press(f"dg:{USER}:d:weekdays")
    assert answer["text"] == "Saved." and "Monday to Friday at 07:30" in text
    assert bot.job_at(USER) == datetime(2026, 3, 30, 6, 30, tzinfo=UTC)  # Monday, BST
    _, text = await bot.press(f"dg:{USER}:t:+15")
    assert "at 07:45 (Europe/London)" in text
    _, text = await bot.press(f"dg:{USER}:z:5")
    assert "at 07:45 (Asia/Almaty)" in text
    assert bot.job_at(USER) == datetime(2026, 3, 30, 2, 45, tzinfo=UTC)
    _, text = await bot.press(f"dg:{USER}:n:5")
    assert "Items: up to 5" in text
    _, text = await bot.press(f"dg:{USER}:e:0")
    assert "When nothing is new: stay silent" in text


async def test_settings_keywords_by_command_and_button(bot):
    await bot.send("/subscribe")
    reply = await bot.send("/settings include oil, gas prices; Almaty")
    assert "Include: oil, gas prices, Almaty" in reply
    reply = await bot.send("/settings exclude sport")
    assert "Exclude: sport" in reply
    _, text = await bot.press(f"dg:{USER}:ri:1")
    assert "Include: oil, Almaty" in text
    _, text = await bot.press(f"dg:{USER}:kc:0")
    assert "Include: everything" in text and "Exclude: nothing" in text
    for bad, expected in [
        ("/settings items 0", "Items: a number from 1 to 50"),
        ("/settings days monthly", "Days: daily or weekdays"),
        ("/settings zone Atlantis", "is not a known time zone"),
        ("/settings colour blue", "Unknown setting “colour”"),
        ("/settings include", "Which keywords?"),
        ("/settings time <b>7", "“<b>7” is not a time"),
    ]:
        assert expected in await bot.send(bad)
    # user text in an error is escaped, so Telegram never refuses the reply as bad HTML
    assert "“&lt;b&gt;7” is not a time" in bot.api.calls_of("sendMessage")[-1]["text"]


async def test_settings_buttons_refuse_non_admins_in_groups(bot):
    bot.api.chat_admins[GROUP].add(USER)
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    await bot.send("/subscribe 07:30", **group)
    answer, text = await bot.press(f"dg:{GROUP}:d:weekdays", user_id=6, **group)
    assert "Only the chat's administrators" in answer["text"] and text is None
    assert (await bot.queries.get(GROUP)).days == "daily"
    # a button for another chat pressed here is refused too
    answer, _ = await bot.press(f"dg:{GROUP}:d:weekdays", chat_id=USER, user_id=USER)
    assert "Only the chat's administrators" in answer["text"]


async def test_settings_without_subscription(bot):
    assert "No digest for this chat yet: start one with /subscribe." in await bot.send("/settings")


async def test_jobs_fire_at_0730_almaty_and_london_across_the_dst_change(bot):
    london, almaty = 11, 12
    await bot.send("/subscribe 07:30 Europe/London", chat_id=london, user_id=london)
    await bot.send("/subscribe 07:30 Asia/Almaty", chat_id=almaty, user_id=almaty)
    await add_article(bot.store, "x", "Story", "Summary.")
    fired: dict[int, list[str]] = {london: [], almaty: []}
    for _ in range(4):
        for chat in (london, almaty):
            due = bot.job_at(chat)
            job = bot.app.job_queue.get_jobs_by_name(job_name(chat))[0]
            bot.clock.set(due + timedelta(seconds=1))
            await job.run(bot.app)
            fired[chat].append(due.strftime("%d %H:%M"))
    assert fired[london] == ["28 07:30", "29 06:30", "30 06:30", "31 06:30"]
    assert fired[almaty] == ["28 02:30", "29 02:30", "30 02:30", "31 02:30"]
    for chat in (london, almaty):
        runs = await bot.queries.runs(chat)
        assert [r.state for r in runs] == ["sent"] * 4
        texts = bot.api.texts(chat)[-4:]
        assert "Story" in plain_text(texts[0])
        assert all("Nothing new since" in plain_text(t) for t in texts[1:])


async def test_nothing_new_silent_sends_nothing_but_moves_on(bot):
    await bot.send("/subscribe 07:30 Europe/London")
    await bot.send("/settings empty silent")
    messages = len(bot.api.texts(USER))
    job = bot.app.job_queue.get_jobs_by_name(job_name(USER))[0]
    bot.clock.set(datetime(2026, 3, 28, 7, 30, 1, tzinfo=UTC))
    await job.run(bot.app)
    assert len(bot.api.texts(USER)) == messages
    runs = await bot.queries.runs(USER)
    assert [(r.state, r.parts) for r in runs] == [("sent", ())]
    assert (await bot.queries.get(USER)).watermark == runs[0].until


async def test_behind_the_access_gate_only_admitted_chats_reach_the_digest(bot):
    bot.app.add_handler(TypeHandler(Update, access.gate), group=-1)
    refused = await bot.send("/subscribe 07:30", chat_id=77, user_id=77)
    assert "this newsroom bot is private" in refused
    assert await bot.queries.get(77) is None
    await bot.store.members.allow("chat", GROUP, label="Desk", added_by=BOT_ADMIN, now="x")
    group = {"chat_id": GROUP, "chat_type": "supergroup", "title": "City desk"}
    # admitted by the chat, but only the chat's admins may subscribe it
    assert "Only this group's administrators" in await bot.send("/subscribe", user_id=78, **group)
    bot.api.chat_admins[GROUP].add(78)
    assert "Subscribed City desk" in await bot.send("/subscribe", user_id=78, **group)


MEMBER = {"status": "member"}
ADMINISTRATOR = {"status": "administrator", **ADMIN_RIGHTS}


async def change_membership(bot, chat_id, chat_type, old, new, by_user=USER):
    update = membership_update(
        bot.app, chat_id=chat_id, chat_type=chat_type, old=old, new=new, by_user=by_user
    )
    before = len(bot.api.calls)
    await bot.app.process_update(update)
    return bot.api.calls[before:]


@pytest.mark.parametrize(
    ("chat_type", "old", "new", "reason"),
    [
        ("supergroup", MEMBER, {"status": "left"}, "the bot was removed from the chat"),
        ("supergroup", MEMBER, {"status": "kicked", "until_date": 0}, "the bot was banned"),
        ("private", MEMBER, {"status": "kicked", "until_date": 0}, "the user blocked the bot"),
        ("channel", ADMINISTRATOR, MEMBER, "the bot may no longer post in the channel"),
        (
            "channel",
            ADMINISTRATOR,
            {**ADMINISTRATOR, "can_post_messages": False},
            "the bot may no longer post in the channel",
        ),
    ],
)
async def test_losing_the_chat_pauses_its_digest_at_once(bot, chat_type, old, new, reason):
    chat_id = USER if chat_type == "private" else GROUP
    await bot.queries.subscribe(
        chat_id,
        chat_kind=chat_type,
        chat_title="Desk",
        time="07:30",
        timezone="UTC",
        created_by=BOT_ADMIN,
        watermark="2026-03-26T12:00:00+00:00",
        now="2026-03-27T12:00:00+00:00",
    )
    await bot.app.bot_data["digest_scheduler"].refresh(chat_id)
    assert bot.job_at(chat_id) is not None
    calls = await change_membership(bot, chat_id, chat_type, old, new)
    sent = [c.params for c in calls if c.method == "sendMessage"]
    assert all(c["chat_id"] != chat_id for c in sent)  # nothing goes to the chat just lost
    [notice] = [plain_text(c["text"]) for c in sent if c["chat_id"] == BOT_ADMIN]
    assert "Digest paused for 1 chat" in notice and reason in notice
    subscription = await bot.queries.get(chat_id)
    assert subscription.status == "paused"
    assert subscription.paused_reason.startswith(reason)
    assert bot.job_at(chat_id) is None


async def test_changes_that_keep_the_right_to_post_leave_the_digest_alone(bot):
    group = {"chat_id": GROUP, "chat_type": "supergroup", "title": "City desk"}
    bot.api.chat_admins[GROUP].add(USER)
    await bot.send("/subscribe 09:00", **group)
    await change_membership(bot, GROUP, "supergroup", MEMBER, ADMINISTRATOR)
    await change_membership(bot, GROUP, "supergroup", ADMINISTRATOR, MEMBER)
    assert (await bot.queries.get(GROUP)).status == "active"
    assert bot.job_at(GROUP) is not None


async def test_removal_by_a_stranger_passes_the_access_gate_and_subscribe_resumes(bot):
    bot.app.add_handler(TypeHandler(Update, access.gate), group=-1)
    await bot.store.members.allow("chat", GROUP, label="Desk", added_by=BOT_ADMIN, now="x")
    group = {"chat_id": GROUP, "chat_type": "supergroup", "title": "City desk"}
    bot.api.chat_admins[GROUP].add(USER)
    await bot.send("/subscribe 09:00", **group)
    stranger = 999
    await change_membership(bot, GROUP, "supergroup", MEMBER, {"status": "left"}, stranger)
    assert (await bot.queries.get(GROUP)).status == "paused"
    assert "paused" in await bot.send("/settings", **group)
    await change_membership(bot, GROUP, "supergroup", {"status": "left"}, MEMBER, USER)
    assert (await bot.queries.get(GROUP)).status == "paused"  # back, but not resumed unasked
    assert "Updated the digest of City desk" in await bot.send("/subscribe", **group)
    assert (await bot.queries.get(GROUP)).status == "active"
    assert bot.job_at(GROUP) is not None
