"""A NUL character in an article's id, title, url, date or source: the article is stored
without it, the same on both backends (PostgreSQL text cannot hold NUL), and found by its
id with or without it."""

from __future__ import annotations

import pytest

from ingest.model import ArticleInput
from storage import ArticleStore
from tests.conftest import make_analysis, summaries_of

# (given article fields, what is stored: id, title, url, source)
CASES = [
    (
        {"id": "wire\x00-7", "title": "Budget\x00 day"},
        ("wire-7", "Budget day", None, None),
    ),
    (
        {"id": "\x00feed-1", "url": "https://news.example/\x00a", "source": "Reu\x00ters"},
        ("feed-1", None, "https://news.example/a", "Reuters"),
    ),
    (
        {"id": "plain-1", "title": "No NUL here", "published": "2026-03-01\x00"},
        ("plain-1", "No NUL here", None, None),
    ),
]


@pytest.mark.parametrize(("given", "stored"), CASES)
async def test_nul_characters_are_left_out_of_the_stored_article(
    each_store: ArticleStore, given: dict[str, str], stored: tuple[str | None, ...]
) -> None:
    text, analysis = make_analysis("Council votes", "The council voted on the budget today.")
    article = ArticleInput(text=text, **given)
    assert await each_store.save(article, analysis, summaries_of(analysis)) == "new"
    assert await each_store.save(article, analysis, summaries_of(analysis)) == "unchanged"
    row = await each_store.articles.by_id(given["id"])
    assert row is not None and row == await each_store.articles.by_id(stored[0] or "")
    [(_, kept)] = await each_store.articles.outdated(analysis.version + 1)
    assert (kept.id, kept.title, kept.url, kept.source) == stored
    assert "\x00" not in (kept.published or "")
