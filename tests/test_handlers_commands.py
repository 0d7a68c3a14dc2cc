"""Every command through the real application, against a store whose rows the test controls."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import bot_commands, post_init
from bot.memory_api import plain_text
from handlers.commands import COMMANDS
from storage import Store
from tests.bot_kit import (
    MEMBER_ID,
    BotHarness,
    add_article,
    button,
    buttons,
    newsroom,
    running_bot,
    sent,
    texts,
    user,
)


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    await newsroom(store)
    async for harness in running_bot(store):
        yield harness


async def test_start_shows_the_user_id_and_the_commands(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/start", user_id=MEMBER_ID))
    assert f"Your Telegram user id: {MEMBER_ID}" in reply
    assert "/summary [short|long] [article]" in reply
    assert "/allow" not in reply  # admin commands only for admins
    assert "/addfeed" not in reply and "To add an article" not in reply
    [admin_reply] = texts(await bot.send("/help"))
    assert "/allow <id> [label]" in admin_reply and "/members" in admin_reply
    assert "/addfeed <url>" in admin_reply and "To add an article, send it" in admin_reply


async def test_editors_see_the_commands_for_adding(bot: BotHarness) -> None:
    await bot.send(f"/allow editor {MEMBER_ID}")
    [reply] = texts(await bot.send("/start", user_id=MEMBER_ID))
    assert f"Your Telegram user id: {MEMBER_ID} (editor)" in reply
    assert "/addfeed <url>" in reply and "/feeds" in reply and "To add an article" in reply
    assert "/allow" not in reply and "/members" not in reply


async def test_set_my_commands_at_start_up_lists_the_public_commands(bot: BotHarness) -> None:
    await post_init(bot.app)
    [call] = sent(bot.api.calls, "setMyCommands")
    names = [c["command"] for c in call["commands"]]
    assert names == [c.command for c in bot_commands()]
    assert "summary" in names and "allow" not in names
    assert len(names) == len([c for c in COMMANDS if not c.admin])


async def test_latest_lists_newest_first_with_short_ids(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/latest"))
    lines = reply.splitlines()
    assert lines[0] == "Latest articles"
    assert lines[2].startswith("#3 · ") and "Budget for 2027" in lines[2]
    assert lines[3].startswith("#2 · ") and lines[4].startswith("#1 · ")


async def test_latest_pages_with_prev_and_next(bot: BotHarness) -> None:
    calls = await bot.send("/latest 2")
    [params] = sent(calls)
    assert "page 1" in texts(calls)[0] and "#1 ·" not in texts(calls)[0]
    assert [label for label, _ in buttons(params)] == ["Next ▶"]
    message = bot.message_of(calls[0])
    page2 = await bot.press(button(params, "Next"), message=message)
    [edited] = sent(page2, "editMessageText")
    [shown] = texts(page2, "editMessageText")
    assert "page 2" in shown and "#1 ·" in shown and "#3 ·" not in shown
    assert [label for label, _ in buttons(edited)] == ["◀ Prev"]
    [answer] = sent(page2, "answerCallbackQuery")
    assert "text" not in answer
    back = await bot.press(button(edited, "Prev"), message=bot.message_of(page2[0]))
    assert "#3 ·" in texts(back, "editMessageText")[0]


@pytest.mark.parametrize("argument", ["abc", "0", "51", "-3"])
async def test_latest_rejects_a_bad_count(bot: BotHarness, argument: str) -> None:
    [reply] = texts(await bot.send(f"/latest {argument}"))
    assert reply.startswith("Usage: /latest [N]")


async def test_summary_without_argument_is_the_newest_article(bot: BotHarness) -> None:
    calls = await bot.send("/summary")
    [reply] = texts(calls)
    assert reply.startswith("#3 · Budget for 2027 passes with a narrow majority")
    assert "The budget passed by two votes." in reply
    assert "2 people · 2 quotes" in reply
    labels = [label for label, _ in buttons(sent(calls)[0])]
    assert labels == ["Short", "Long", "Quotes", "People"]


async def test_summary_short_and_long_by_id(bot: BotHarness) -> None:
    [short] = texts(await bot.send("/summary short 1"))
    assert "short summary" in short
    assert "The delegation was led by Elvira Azimova" in short
    assert "Correspondent Zhanat Ernst" not in short
    [long] = texts(await bot.send("/summary #1 long"))
    assert "long summary" in long and "Delegates met NGOs." in long
    assert "https://example.org/un-rights" in long


async def test_summary_by_words_picks_the_best_match(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/summary harbour expansion"))
    assert reply.startswith("#2 · Harbour expansion approved")


async def test_summary_offers_buttons_when_the_match_is_ambiguous(
    store: Store, bot: BotHarness
) -> None:
    for n in (1, 2):
        await add_article(store, f"tram-{n}", f"Tram line {n} opens", "The tram line opens today.")
    calls = await bot.send("/summary tram line")
    [params] = sent(calls)
    others = [label for label, _ in buttons(params) if label.startswith("#")]
    assert len(others) == 1 and "Tram line" in others[0]
    assert "Other close matches below" in texts(calls)[0]
    # picking the alternative shows it in place
    picked = await bot.press(button(params, others[0]), message=bot.message_of(calls[0]))
    [shown] = texts(picked, "editMessageText")
    assert shown.startswith(others[0].split()[0] + " · Tram line")


async def test_summary_buttons_switch_length_in_place(bot: BotHarness) -> None:
    calls = await bot.send("/summary 1")
    params = sent(calls)[0]
    edited = await bot.press(button(params, "Long"), message=bot.message_of(calls[0]))
    [long] = texts(edited, "editMessageText")
    assert "long summary" in long and "Delegates met NGOs." in long


async def test_summary_in_reply_to_a_message_about_an_article(bot: BotHarness) -> None:
    calls = await bot.send("/quotes 2")
    about_harbour = bot.message_of(calls[0])
    [reply] = texts(await bot.send("/summary", reply_to=about_harbour))
    assert reply.startswith("#2 · Harbour expansion")
    # a list of articles is not about one article: the newest one is used instead
    listing = bot.message_of((await bot.send("/latest"))[0])
    [fallback] = texts(await bot.send("/summary", reply_to=listing))
    assert fallback.startswith("#3 · ")


async def test_summary_in_reply_to_an_article_card_posted_inline(bot: BotHarness) -> None:
    answer = await bot.inline("harbour")
    card = next(r for r in answer["results"] if r["id"] == "a2")
    text = plain_text(card["input_message_content"]["message_text"])
    posted = bot.api.user_message(-7, user(MEMBER_ID), text, via_bot=True)
    [reply] = texts(await bot.send("/summary long", chat_id=-7, reply_to=posted))
    assert reply.startswith("#2 · Harbour expansion") and "long summary" in reply
    # the same text typed by a person (not through the bot) is not taken as a reference
    typed = bot.api.user_message(-7, user(MEMBER_ID), text)
    [newest] = texts(await bot.send("/summary", chat_id=-7, reply_to=typed))
    assert newest.startswith("#3 · ")


async def test_summary_of_unknown_words_says_so(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/summary zebra xylophone"))
    assert reply.startswith("No article matches “zebra xylophone”")


async def test_quotes_of_a_person_are_cards(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/quotes Azimova"))
    assert reply.splitlines()[0] == "💬 Quotes of Elvira Azimova"
    assert "“courts need more money”\n— Elvira Azimova · Budget for 2027 passes" in reply
    assert "“the reforms protect children and women”" in reply
    assert ", 2026-11-20 · #1" in reply


async def test_quotes_of_an_article_mark_reported_speech(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/quotes 1"))
    assert reply.startswith("#1 · Kazakhstan presents human rights reforms at the UN\n💬 Quotes")
    assert "Paraphrase: described the side events in Geneva\n— Zhanat Ernst" in reply
    assert "“described" not in reply


async def test_quotes_with_words(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/quotes create jobs"))
    assert reply.startswith("💬 Quotes with create jobs")
    assert "“the harbour will create jobs”\n— Tom Brennan" in reply


async def test_quotes_of_an_unknown_name_suggest_the_closest(bot: BotHarness) -> None:
    calls = await bot.send("/quotes Azimvoa")
    [reply] = texts(calls)
    assert reply == "No quotes for “Azimvoa”. Did you mean Elvira Azimova?"
    data = button(sent(calls)[0], "Elvira Azimova")
    shown = await bot.press(data, message=bot.message_of(calls[0]))
    assert texts(shown, "editMessageText")[0].startswith("💬 Quotes of Elvira Azimova")


async def test_quotes_page_through_many(store: Store, bot: BotHarness) -> None:
    said = tuple((f"point number {n} matters", "Maria Okafor") for n in range(12))
    body = " ".join(f"Okafor said point number {n} matters." for n in range(12))
    await add_article(
        store,
        "long-read",
        "Okafor explains",
        body,
        quotes=said,
        people=(("Maria Okafor", "Minister of Finance", ("Okafor",)),),
    )
    calls = await bot.send("/quotes Maria Okafor")
    first = texts(calls)[0]
    assert first.count("“") == 5 and "page 1" in first
    seen = []
    message = bot.message_of(calls[0])
    params = sent(calls)[0]
    for _ in range(2):
        pressed = await bot.press(button(params, "Next"), message=message)
        params = sent(pressed, "editMessageText")[0]
        shown = texts(pressed, "editMessageText")[0]
        seen += [line for line in shown.splitlines() if line.startswith("“")]
    # 13 quotes: the newest article's 12 in article order, then the budget quote
    assert seen == [f"“point number {n} matters”" for n in range(5, 12)] + ["“the budget is fair”"]
    assert [label for label, _ in buttons(params)] == ["◀ Prev"]


async def test_people_of_the_newest_articles_most_mentioned_first(bot: BotHarness) -> None:
    calls = await bot.send("/people")
    [reply] = texts(calls)
    lines = [line for line in reply.splitlines() if line]
    assert lines[1].startswith("Elvira Azimova, Chairman of the Constitutional Court — ")
    assert "4 mentions · 2 quotes · 2 articles" in lines[1]
    labels = [label for label, _ in buttons(sent(calls)[0])]
    assert labels[0] == "Elvira Azimova" and len(labels) == 4


async def test_people_of_an_article_and_the_person_button(bot: BotHarness) -> None:
    calls = await bot.send("/people 3")
    [reply] = texts(calls)
    assert reply.startswith("#3 · Budget for 2027")
    assert "Maria Okafor, Minister of Finance — " in reply
    data = button(sent(calls)[0], "Maria Okafor")
    assert data.startswith("per:")
    profile = await bot.press(data, message=bot.message_of(calls[0]))
    [card] = texts(profile)
    assert card.startswith("👤 Maria Okafor")
    assert "“the budget is fair”" in card


async def test_people_by_name_and_unknown_name(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/people okafor"))
    assert "Maria Okafor" in reply and "Tom Brennan" not in reply
    [unknown] = texts(await bot.send("/people Brenan"))
    assert unknown == "No people for “Brenan”. Did you mean Tom Brennan?"


async def test_person_profile(bot: BotHarness) -> None:
    calls = await bot.send("/person elvira azimova")
    [reply] = texts(calls)
    assert reply.startswith(
        "👤 Elvira Azimova\nalso: Azimova\nroles: Chairman of the Constitutional"
    )
    assert "2 articles · 4 mentions · 2 quotes" in reply
    assert "#3 · 2026-11-20 · Budget for 2027" in reply and "#1 · " in reply
    assert "Latest quotes" in reply and "“courts need more money”" in reply
    assert button(sent(calls)[0], "All quotes") == f"pg:qp:0:{1}"


async def test_person_without_a_name_and_with_an_unknown_one(bot: BotHarness) -> None:
    [usage] = texts(await bot.send("/person"))
    assert usage.startswith("Usage: /person <name>")
    [reply] = texts(await bot.send("/person Nobody Atall"))
    assert reply.startswith("No person for “Nobody Atall”.")


async def test_search_ranks_articles_with_a_summary_line(bot: BotHarness) -> None:
    [reply] = texts(await bot.send("/search budget"))
    lines = reply.splitlines()
    assert lines[0] == "🔎 budget"
    assert lines[2].startswith("#3 · 2026-11-20 · Budget for 2027")
    assert lines[3] == "The budget passed by two votes."


@pytest.mark.parametrize(
    "words", ['"', "NEAR(", "title:x", "AND OR NOT", "budget*)", "-harbour", "((", "a) OR ("]
)
async def test_search_with_fts_operators_is_safe(bot: BotHarness, words: str) -> None:
    calls = await bot.send(f"/search {words}")
    [reply] = texts(calls)
    assert reply.startswith(("🔎", "“")), reply
    assert not sent(calls, "answerCallbackQuery")


async def test_search_without_words(bot: BotHarness) -> None:
    [usage] = texts(await bot.send("/search"))
    assert usage.startswith("Usage: /search <words>")
    [nothing] = texts(await bot.send("/search zebra"))
    assert nothing.endswith("No article matches these words.")


async def test_unknown_command_and_plain_text(bot: BotHarness) -> None:
    assert texts(await bot.send("/frobnicate")) == [
        "I don't know that command. Send /help for the list."
    ]
    assert texts(await bot.send("hello")) == ["Send a command, for example /latest or /help."]


async def test_commands_addressed_to_the_bot_in_a_group(bot: BotHarness) -> None:
    calls = await bot.send("/latest@newsroom_bot 1", chat_id=-42)
    assert "#3 ·" in texts(calls)[0]
    assert int(sent(calls)[0]["chat_id"]) == -42
