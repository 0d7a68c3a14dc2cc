"""The article store on a real SQLite file and a real PostgreSQL server: round trips,
updates, rollback, search, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ingest.model import ArticleInput
from storage import ArticleStore, Store
from storage.migrations import MIGRATIONS
from storage.postgres import PgStore
from tests.conftest import make_analysis, save, summaries_of

HOSTILE_QUERIES = [
    '"',
    "*",
    "NEAR(",
    "-",
    "((",
    "a)",
    "title:x",
    "AND OR NOT",
    "x^y",
    "'",
    "",
    "a\x00b",
    "\x00",
]


@pytest.fixture
def store(each_store: ArticleStore) -> ArticleStore:
    """Every test here runs on SQLite and on PostgreSQL."""
    return each_store


def azimova_article(extra: str = "") -> tuple[str, object]:
    return make_analysis(
        "Kazakh delegation at the UN",
        "Chairman of the Constitutional Court Elvira Azimova said: “Reforms matter.” "
        "Azimova added: “We listen.” President Kassym-Jomart Tokayev signed the plan." + extra,
        quotes=(("Reforms matter.", "Elvira Azimova"), ("We listen.", "Elvira Azimova")),
        people=(
            ("Elvira Azimova", "Chairman of the Constitutional Court", ("Azimova",)),
            ("Kassym-Jomart Tokayev", "President", ("Tokayev", "President Tokayev")),
        ),
    )


async def test_round_trip(store: Store) -> None:
    text, analysis = azimova_article()
    assert await save(store, "a1", text, analysis) == "new"
    [row] = await store.articles.latest()
    assert (row.id, row.title, row.quote_count, row.people_count) == (
        "a1",
        "Kazakh delegation at the UN",
        2,
        2,
    )
    assert await store.articles.resolve(str(row.key)) == row
    assert await store.articles.resolve(f"#{row.key}") == row
    assert await store.articles.resolve("a1") == row
    assert await store.articles.text(row.key) == text
    quotes = await store.quotes.by_article(row.key)
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("Reforms matter.", "Elvira Azimova", "direct"),
        ("We listen.", "Elvira Azimova", "direct"),
    ]
    people = await store.people.by_article(row.key)
    assert [(p.name, p.role, p.quotes) for p in people] == [
        ("Elvira Azimova", "Chairman of the Constitutional Court", 2),
        ("Kassym-Jomart Tokayev", "President", 0),
    ]


async def test_identical_reingest_is_a_no_op(store: Store) -> None:
    text, analysis = azimova_article()
    assert await save(store, "a1", text, analysis) == "new"
    before = await store.articles.latest()
    assert await save(store, "a1", text, analysis) == "unchanged"
    assert await store.articles.latest() == before
    stats = await store.stats()
    assert (stats.articles, stats.quotes, stats.people) == (1, 2, 2)


async def test_same_id_new_text_updates_in_place(store: Store) -> None:
    text, analysis = azimova_article()
    await save(store, "a1", text, analysis)
    [first] = await store.articles.latest()
    new_text, new_analysis = make_analysis(
        "Kazakh delegation at the UN (updated)",
        "Eamon Gilmore said: “The EU cares.”",
        quotes=(("The EU cares.", "Eamon Gilmore"),),
        people=(("Eamon Gilmore", "EU Special Representative", ("Gilmore",)),),
    )
    assert await save(store, "a1", new_text, new_analysis) == "updated"
    [row] = await store.articles.latest()
    assert row.key == first.key and row.ingested_at == first.ingested_at
    assert row.title.endswith("(updated)")
    assert [q.speaker for q in await store.quotes.by_article(row.key)] == ["Eamon Gilmore"]
    # people only this article named are gone with its old version
    assert await store.people.find("Azimova") == []
    assert (await store.stats()).people == 1
    assert await store.articles.search_recent("Reforms") == []
    assert [h.article.key for h in await store.articles.search_recent("cares")] == [row.key]


async def test_people_merge_across_articles(store: Store) -> None:
    text, analysis = azimova_article()
    await save(store, "a1", text, analysis)
    text2, analysis2 = make_analysis(
        "Azimova again",
        "Elvira Azimova said: “Second time.”",
        quotes=(("Second time.", "Elvira Azimova"),),
        people=(("Elvira Azimova", None, ("Azimova",)),),
    )
    await save(store, "a2", text2, analysis2)
    [person] = await store.people.find("azimova")
    assert (person.name, person.articles, person.quotes) == ("Elvira Azimova", 2, 3)
    assert person.role == "Chairman of the Constitutional Court"
    quotes = await store.quotes.by_person(person.id)
    assert [q.text for q in quotes] == ["Second time.", "Reforms matter.", "We listen."]
    profile = await store.people.profile(person.id)
    assert profile is not None
    assert profile.roles == ("Chairman of the Constitutional Court",)
    assert [a.id for a in profile.articles] == ["a2", "a1"]
    assert "Azimova" in profile.aliases


async def test_find_by_alias_prefix_and_suggestion(store: Store) -> None:
    text, analysis = azimova_article()
    await save(store, "a1", text, analysis)
    assert [p.name for p in await store.people.find("President Tokayev")] == [
        "Kassym-Jomart Tokayev"
    ]
    assert [p.name for p in await store.people.find("tokay")] == ["Kassym-Jomart Tokayev"]
    assert await store.people.find("Smith") == []
    assert await store.people.suggest("Azimowa") == ["Elvira Azimova"]
    assert await store.people.suggest("Tokaev") == ["Kassym-Jomart Tokayev"]


async def test_reported_speech_is_kept_apart(store: Store) -> None:
    text, analysis = make_analysis(
        "Plan",
        "Azimova said the plan would work. She said: “It will.”",
        quotes=(("It will.", "Elvira Azimova"),),
        reported=(("the plan would work", "Elvira Azimova"),),
        people=(("Elvira Azimova", None, ("Azimova",)),),
    )
    await save(store, "a1", text, analysis)
    [row] = await store.articles.latest()
    kinds = [(q.kind, q.text) for q in await store.quotes.by_article(row.key)]
    assert kinds == [("direct", "It will."), ("reported", "the plan would work")]
    direct = await store.quotes.by_article(row.key, kinds=("direct",))
    assert [q.text for q in direct] == ["It will."]
    stats = await store.stats()
    assert (stats.quotes, stats.reported) == (1, 1)


async def test_failure_mid_article_rolls_back(store: Store, monkeypatch) -> None:
    text, analysis = azimova_article()
    await save(store, "a1", text, analysis)
    before = await store.stats()

    if isinstance(store, PgStore):
        import storage.postgres.writer as writer
    else:
        import storage.writer as writer

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "_write_quotes", broken)
    text2, analysis2 = make_analysis(
        "Other", "Somebody Else said: “Hi.”", people=(("Somebody Else", None, ()),)
    )
    with pytest.raises(RuntimeError):
        await store.save(ArticleInput("a2", text2), analysis2, summaries_of(analysis2))
    # and an update of an existing article that fails keeps the old version whole
    new_text, new_analysis = azimova_article(" More.")
    with pytest.raises(RuntimeError):
        await store.save(ArticleInput("a1", new_text), new_analysis, summaries_of(new_analysis))
    after = await store.stats()
    assert (after.articles, after.quotes, after.people) == (
        before.articles,
        before.quotes,
        before.people,
    )
    assert await store.articles.by_id("a2") is None
    [row] = await store.articles.latest()
    assert await store.articles.text(row.key) == text
    assert len(await store.quotes.by_article(row.key)) == 2


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
async def test_search_never_raises_on_hostile_input(store: Store, query: str) -> None:
    text, analysis = azimova_article()
    await save(store, "a1", text, analysis)
    assert isinstance(await store.articles.search_recent(query), list)
    assert isinstance(await store.quotes.search_recent(query), list)
    assert isinstance(await store.people.find(query), list)
    assert isinstance(await store.people.suggest(query), list)
    assert isinstance(await store.people.by_prefix(query), list)
    assert await store.articles.resolve(query) is None
    assert await store.articles.duplicate_of(urls=[query]) is None
    assert await store.feeds.resolve(query) is None


async def test_search_ranks_and_matches_operators_as_words(store: Store) -> None:
    text, analysis = azimova_article()
    await save(store, "a1", text, analysis)
    text2, analysis2 = make_analysis("Weather", "Rain NEAR the coast, said nobody in particular.")
    await save(store, "a2", text2, analysis2)
    hits = await store.articles.search_recent("NEAR(coast")
    assert [h.article.id for h in hits] == ["a2"]
    # any-word fallback when no article has every word
    assert [h.article.id for h in await store.articles.search_recent("Azimova rain")] != []
    # prefix on the last word
    assert [h.article.id for h in await store.articles.search_recent("Azim", prefix=True)] == ["a1"]
    assert [q.text for q in await store.quotes.search_recent("reforms")] == ["Reforms matter."]
    assert [q.text for q in await store.quotes.search_recent("azimova listen")] == ["We listen."]


async def test_latest_orders_newest_first_and_pages(store: Store) -> None:
    for n in range(5):
        text, analysis = make_analysis(f"Story {n}", f"Body number {n} here.")
        await save(store, f"s{n}", text, analysis)
    assert [a.id for a in await store.articles.latest(2)] == ["s4", "s3"]
    assert [a.id for a in await store.articles.latest(2, offset=2)] == ["s2", "s1"]


async def test_outdated_and_version(store: Store) -> None:
    text, analysis = make_analysis("Old", "Old analysis body.", version=0)
    await save(store, "old", text, analysis)
    text, analysis = make_analysis("New", "New analysis body.", version=1)
    await save(store, "new", text, analysis)
    outdated = await store.articles.outdated(1)
    assert [a.id for _, a in outdated] == ["old"]


async def test_members(store: Store) -> None:
    now = store.now()
    assert await store.members.allow("user", 42, label="Ann", added_by=1, now=now)
    assert not await store.members.allow("user", 42, label=None, added_by=1, now=now)
    assert await store.members.contains("user", 42)
    assert not await store.members.contains("chat", 42)
    assert [(m.kind, m.telegram_id, m.label) for m in await store.members.all()] == [
        ("user", 42, "Ann")
    ]
    assert await store.members.deny("user", 42)
    assert not await store.members.deny("user", 42)


async def test_schema_is_versioned_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    async with await Store.open(path) as store:
        text, analysis = azimova_article()
        await save(store, "a1", text, analysis)
    async with await Store.open(path) as store:
        assert (await store.stats()).articles == 1
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(RuntimeError, match="newer than this program"):
        await Store.open(path)


async def test_html_and_unicode_text_round_trip(store: Store) -> None:
    text, analysis = make_analysis(
        "<b>Bold</b> & “curly”", "Body with <script>alert(1)</script> & José Álvarez-Rey."
    )
    await save(store, "h1", text, analysis)
    [row] = await store.articles.latest()
    assert row.title == "<b>Bold</b> & “curly”"
    assert [h.article.id for h in await store.articles.search_recent("Jose Alvarez")] == ["h1"]


async def test_a_notice_is_given_once_per_user(store: Store) -> None:
    now = store.now()
    assert await store.notices.first_time(7, "editors-only", now)
    assert not await store.notices.first_time(7, "editors-only", now)
    assert await store.notices.first_time(8, "editors-only", now)
    assert await store.notices.first_time(7, "another notice", now)
