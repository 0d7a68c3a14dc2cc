"""Bad input loses nothing else: hostile article text, oversized replies, stale buttons,
failing Bot API calls and handler errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.memory_api import BotApiError, plain_text
from handlers.errors import USER_APOLOGY
from handlers.paging import END_OF_LIST, STALE_BUTTON
from handlers.text import esc
from storage import Store
from tests.bot_kit import (
    ADMIN_CHAT,
    ADMIN_ID,
    BotHarness,
    add_article,
    assert_valid_html,
    button,
    buttons,
    newsroom,
    running_bot,
    sent,
    texts,
)

HOSTILE_TITLE = '<script>alert("x")</script> & <b>Sons</b>'
HOSTILE_QUOTE = "we <b>never</b> said </i> & that's final"
HOSTILE_NAME = "Bobby <Tables> & Co"


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    await newsroom(store)
    async for harness in running_bot(store, admin_chat=ADMIN_CHAT):
        yield harness


@pytest.fixture
async def hostile(store: Store) -> int:
    return await add_article(
        store,
        "hostile",
        HOSTILE_TITLE,
        f"Rates rose 5 < 6 & more. {HOSTILE_NAME} said {HOSTILE_QUOTE}. Tables wept.",
        quotes=((HOSTILE_QUOTE, HOSTILE_NAME),),
        people=((HOSTILE_NAME, "<i>chief</i> & boss", ()),),
        url="https://example.org/?a=1&b=<2>",
    )


async def test_hostile_article_text_is_escaped_everywhere(bot: BotHarness, hostile: int) -> None:
    commands = [
        f"/summary long {hostile}",
        f"/quotes {hostile}",
        f"/people {hostile}",
        "/person Bobby",
        "/search tables",
        "/latest",
        "/quotes Bobby",
    ]
    for command in commands:
        calls = await bot.send(command)
        shown = texts(calls)  # every HTML message is checked for Telegram-valid markup
        assert shown, command
        joined = "\n".join(shown)
        assert "<script>" in joined or "<Tables>" in joined or HOSTILE_QUOTE in joined, command
    [summary] = texts(await bot.send(f"/summary long {hostile}"))
    assert summary.startswith(f"#{hostile} · {HOSTILE_TITLE}")
    assert "Rates rose 5 < 6 & more." in summary
    assert "https://example.org/?a=1&b=<2>" in summary
    [quotes] = texts(await bot.send(f"/quotes {hostile}"))
    [people] = texts(await bot.send(f"/people {hostile}"))
    assert f"{HOSTILE_NAME}, <i>chief</i> & boss — 1 mention" in people
    assert f"“{HOSTILE_QUOTE}”\n— {HOSTILE_NAME} · {HOSTILE_TITLE}" in quotes
    answer = await bot.inline("tables")
    for result in answer["results"]:
        assert_valid_html(result["input_message_content"]["message_text"])
    assert any(
        HOSTILE_QUOTE in plain_text(r["input_message_content"]["message_text"])
        for r in answer["results"]
    )


async def test_a_long_summary_is_split_between_sentences(store: Store, bot: BotHarness) -> None:
    sentences = tuple(f"Sentence {n} " + "word " * 170 + "end." for n in range(12))
    key = await add_article(
        store,
        "long",
        "A very long read",
        " ".join(sentences),
        summaries={"short": sentences[:1], "default": sentences[:3], "long": sentences},
    )
    calls = await bot.send(f"/summary long {key}")
    shown = texts(calls)
    assert len(shown) == 3
    assert all(len(text) <= 4096 for text in shown)
    assert shown[0].startswith(f"#{key} · A very long read")
    for n, sentence in enumerate(sentences):
        holding = [text for text in shown if f"Sentence {n} " in text]
        assert len(holding) == 1 and sentence in holding[0]
    params = sent(calls)
    assert [bool(buttons(p)) for p in params] == [False, False, True]


async def test_a_giant_sentence_is_shortened_not_refused(store: Store, bot: BotHarness) -> None:
    giant = "Giant " + "blah " * 3000 + "end."
    key = await add_article(
        store,
        "giant",
        "Giant",
        giant,
        summaries={"short": (giant,), "default": (giant,), "long": (giant,)},
    )
    [reply] = texts(await bot.send(f"/summary {key}"))
    assert len(reply) < 4096 and "…" in reply


@pytest.mark.parametrize(
    "data, alert",
    [
        ("pg:qp:0:99999", STALE_BUTTON),
        ("pg:zz:0:anything", STALE_BUTTON),
        ("pg:s:1:~999", STALE_BUTTON),
        ("pg:L:-1:10", STALE_BUTTON),
        ("sum:99999:s", STALE_BUTTON),
        ("sum:1:x", STALE_BUTTON),
        ("per:99999", STALE_BUTTON),
        ("digest:off", STALE_BUTTON),
        ("pg:L:50:10", END_OF_LIST),
    ],
)
async def test_stale_buttons_are_answered_politely(bot: BotHarness, data: str, alert: str) -> None:
    message = bot.message_of((await bot.send("/latest"))[0])
    calls = await bot.press(data, message=message)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"] == alert and calls[0].params["show_alert"] is True


async def test_long_search_words_page_through_a_kept_reference(
    store: Store, bot: BotHarness
) -> None:
    words = "extraordinarily protracted municipal deliberations concerning waterfront"
    for n in range(10):
        await add_article(store, f"w{n}", f"Waterfront {n}", f"{words} number {n}.")
    calls = await bot.send(f"/search {words}")
    data = button(sent(calls)[0], "Next")
    assert data.startswith("pg:s:1:~")
    page2 = await bot.press(data, message=bot.message_of(calls[0]))
    [shown] = texts(page2, "editMessageText")
    assert "page 2" in shown and shown.count("Waterfront") == 2


async def test_a_handler_error_is_logged_and_reported(
    store: Store, bot: BotHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object, **kwargs: object) -> list:
        raise RuntimeError("disk <on> fire")

    monkeypatch.setattr(store.articles, "latest", broken)
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        calls = await bot.send("/latest")
    assert "error while handling message '/latest'" in caplog.text
    replies = sent(calls)
    assert [int(p["chat_id"]) for p in replies] == [ADMIN_ID, ADMIN_CHAT]
    assert replies[0]["text"] == USER_APOLOGY
    assert_valid_html(replies[1]["text"])
    assert "RuntimeError" in replies[1]["text"] and "disk &lt;on&gt; fire" in replies[1]["text"]


async def test_a_blocked_user_is_logged_not_reported(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.api.fail_next("sendMessage", BotApiError(403, "Forbidden: bot was blocked by the user"))
    with caplog.at_level(logging.WARNING, logger="handlers.errors"):
        calls = await bot.send("/latest")
    assert [c.method for c in calls] == ["sendMessage"]
    assert "blocked" in caplog.text


async def test_a_refused_message_is_reported_once_and_the_bot_carries_on(
    bot: BotHarness,
) -> None:
    bot.api.fail_next("sendMessage", BotApiError(400, "Bad Request: can't parse entities"))
    calls = await bot.send("/latest")
    assert [int(p["chat_id"]) for p in sent(calls)] == [ADMIN_ID, ADMIN_ID, ADMIN_CHAT]
    assert "BadRequest" in sent(calls)[2]["text"]
    assert "#3 ·" in texts(await bot.send("/latest"))[0]


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Bellamy &amp; Sons", "Bellamy &amp; Sons"),
        ("Bellamy & Sons", "Bellamy &amp; Sons"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<b>bold</b> &quot;x&quot;", '&lt;b&gt;bold&lt;/b&gt; "x"'),
    ],
)
def test_entities_in_copy_are_read_once_and_everything_is_escaped(stored: str, shown: str) -> None:
    assert esc(stored) == shown
