"""Inline mode: cards for people, quotes and articles, paged with ``next_offset``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import Store
from tests.bot_kit import BotHarness, add_article, assert_valid_html, newsroom, running_bot


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    await newsroom(store)
    async for harness in running_bot(store):
        yield harness


def ids(answer: dict) -> list[str]:
    return [r["id"] for r in answer["results"]]


async def test_empty_query_lists_the_latest_articles(bot: BotHarness) -> None:
    answer = await bot.inline("")
    assert ids(answer) == ["a3", "a2", "a1"]
    assert answer["next_offset"] == ""
    assert answer["cache_time"] == 10 and answer["is_personal"] is True
    card = answer["results"][0]["input_message_content"]
    assert card["parse_mode"] == "HTML"
    assert card["message_text"].startswith("#3 · <b>Budget for 2027 passes")
    assert_valid_html(card["message_text"])


async def test_words_return_people_articles_and_quotes(bot: BotHarness) -> None:
    answer = await bot.inline("azimova")
    found = ids(answer)
    assert found[0] == "p1"  # people first
    assert {"a1", "a3"} <= set(found)
    assert any(i.startswith("q") for i in found)
    person = answer["results"][0]
    assert person["title"] == "Elvira Azimova"
    assert person["description"].startswith("Chairman of the Constitutional Court · 2 quotes")
    quote = next(r for r in answer["results"] if r["id"].startswith("q"))
    text = quote["input_message_content"]["message_text"]
    assert_valid_html(text)
    assert "— <b>Elvira Azimova</b>" in text


async def test_a_chosen_quote_card_is_the_formatted_card(bot: BotHarness) -> None:
    answer = await bot.inline("create jobs")
    [quote] = [r for r in answer["results"] if r["id"].startswith("q")]
    assert quote["title"] == "“the harbour will create jobs”"
    assert quote["input_message_content"]["message_text"] == (
        "“the harbour will create jobs”\n— <b>Tom Brennan</b> · "
        "<i>Harbour expansion approved after a long night in the council</i>, 2026-11-20"
        " · <code>#2</code>"
    )


async def test_inline_pages_through_every_match_once(store: Store, bot: BotHarness) -> None:
    for n in range(60):
        await add_article(
            store,
            f"port-{n}",
            f"Port story {n}",
            f"The port is busy. Captain Lee said the port never sleeps {n}.",
            quotes=((f"the port never sleeps {n}", "Ann Lee"),),
            people=(("Ann Lee", "captain", ("Lee",)),),
        )
    expected_articles = {
        f"a{h.article.key}" for h in await store.articles.search_recent("port", 500)
    }
    expected_quotes = {f"q{q.id}" for q in await store.quotes.search_recent("port", 500)}
    assert len(expected_articles) == 60 and len(expected_quotes) == 60
    seen: list[str] = []
    offset, pages = "", 0
    while True:
        answer = await bot.inline("port", offset)
        assert 0 < len(answer["results"]) <= 50
        seen += ids(answer)
        pages += 1
        offset = answer["next_offset"]
        if not offset:
            break
        assert len(offset.encode()) <= 64
    assert pages == 3
    assert len(seen) == len(set(seen))
    assert set(seen) == expected_articles | expected_quotes


@pytest.mark.parametrize("offset", ["zzz", "L5x", "a-1", "q"])
async def test_a_bad_offset_gets_an_empty_page(bot: BotHarness, offset: str) -> None:
    answer = await bot.inline("azimova", offset)
    assert answer["results"] == [] and answer["next_offset"] == ""


async def test_inline_with_fts_operators_is_safe(bot: BotHarness) -> None:
    for words in ['"', "NEAR(", "a) OR (", "*", "title:x"]:
        answer = await bot.inline(words)
        assert isinstance(answer["results"], list)


async def test_whole_words_first_then_the_last_word_as_a_prefix(
    store: Store, bot: BotHarness
) -> None:
    for n in range(120):
        await add_article(
            store,
            f"harbour-{n}",
            f"Harbourside story {n}" if n % 2 else f"Harbour story {n}",
            f"Work on the harbourside went on, day {n}." if n % 2 else f"Harbour day {n}.",
        )
    whole = await bot.inline("harbour")
    titles = [r["title"] for r in whole["results"] if r["id"].startswith("a")]
    assert titles and all(t.startswith("Harbour story") for t in titles)
    assert not whole["next_offset"].startswith("p")
    partial = await bot.inline("harbou")  # as typed so far: no whole word, so a prefix
    titles = [r["title"] for r in partial["results"] if r["id"].startswith("a")]
    assert any(t.startswith("Harbourside") for t in titles)
    assert any(t.startswith("Harbour story") for t in titles)
    assert partial["next_offset"].startswith("p")
    seen = {r["id"] for r in partial["results"]}
    offset = partial["next_offset"]
    while offset:
        page = await bot.inline("harbou", offset)
        assert seen.isdisjoint(ids(page))
        seen |= set(ids(page))
        offset = page["next_offset"]
        assert not offset or offset.startswith("p")
    articles = {i for i in seen if i.startswith("a")}
    assert len(articles) >= 120
