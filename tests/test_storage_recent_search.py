"""Search in bounded time: the newest matches ranked, older ones newest first, stable paging."""

from __future__ import annotations

import pytest

from storage import ArticleStore, Store
from tests.bot_kit import add_article

HOSTILE = ['"', "*", "NEAR(", "-", "((", "a)", "title:x", "AND OR NOT", "x^y", "'", ""]


@pytest.fixture
def store(each_store: ArticleStore) -> ArticleStore:
    """Every test here runs on SQLite and on PostgreSQL."""
    return each_store


async def ferry_store(store: Store) -> list[int]:
    keys = []
    for n in range(7):
        # article 3 says "ferry" most often, so it ranks first among the newest matches
        body = "The ferry sailed. " + ("Ferry ferry ferry. " if n == 3 else "") + f"Day {n}."
        keys.append(await add_article(store, f"f{n}", f"Harbour news {n}", body))
    await add_article(store, "other", "Trains", "No boats here at all.")
    return keys


async def test_newest_window_ranked_then_older_newest_first(store: Store) -> None:
    keys = await ferry_store(store)
    hits = await store.articles.search_recent("ferry", limit=10, window=5)
    found = [h.article.key for h in hits]
    assert found[0] == keys[3]
    assert set(found[:5]) == set(keys[2:])  # the five newest matches, ranked
    assert found[5:] == [keys[1], keys[0]]  # then the older ones, newest first
    assert all(h.rank < 0 for h in hits[:5]) and [h.rank for h in hits[5:]] == [0.0, 0.0]


@pytest.mark.parametrize("size", [1, 2, 3, 4])
async def test_pages_join_up_to_the_whole_list(store: Store, size: int) -> None:
    await ferry_store(store)
    whole = [h.article.key for h in await store.articles.search_recent("ferry", 50, window=5)]
    paged: list[int] = []
    for page in range(0, 8, 1):
        paged += [
            h.article.key
            for h in await store.articles.search_recent("ferry", size, page * size, window=5)
        ]
    assert paged == whole and len(whole) == 7


async def test_any_word_when_no_article_has_them_all(store: Store) -> None:
    await ferry_store(store)
    first = await store.articles.search_recent("ferry zeppelin", limit=3)
    second = await store.articles.search_recent("ferry zeppelin", limit=3, offset=3)
    assert len(first) == 3 and len(second) == 3
    assert not {h.article.key for h in first} & {h.article.key for h in second}


async def test_prefix_only_when_asked(store: Store) -> None:
    await ferry_store(store)
    assert await store.articles.search_recent("harb") == []
    assert len(await store.articles.search_recent("harb", prefix=True)) == 7


@pytest.mark.parametrize("words", HOSTILE)
async def test_hostile_words_are_plain_words(store: Store, words: str) -> None:
    await ferry_store(store)
    assert isinstance(await store.articles.search_recent(words), list)
    assert isinstance(await store.quotes.search_recent(words), list)


async def test_quotes_window_and_older(store: Store) -> None:
    for n in range(6):
        await add_article(
            store,
            f"q{n}",
            f"Pier {n}",
            f"Mayor Lee said the pier is open {n}.",
            quotes=((f"the pier is open {n}", "Ann Lee"),),
            people=(("Ann Lee", "mayor", ()),),
        )
    quotes = await store.quotes.search_recent("pier", limit=10, window=4)
    assert [q.text for q in quotes[4:]] == ["the pier is open 1", "the pier is open 0"]
    assert {q.text for q in quotes[:4]} == {f"the pier is open {n}" for n in range(2, 6)}
    page = await store.quotes.search_recent("pier", limit=2, offset=4, window=4)
    assert [q.text for q in page] == ["the pier is open 1", "the pier is open 0"]


async def test_paging_past_all_words_does_not_switch_to_any_word(store: Store) -> None:
    await ferry_store(store)
    await add_article(store, "boats", "Boats", "Boats and trains, no ferries.")
    assert len(await store.articles.search_recent("ferry sailed", limit=50)) == 7
    assert await store.articles.search_recent("ferry sailed", limit=5, offset=10) == []
