"""The watches store: numbers per chat, matching people (under their aliases) and words, claims
that make each alert once per article per watch, pausing and resuming a chat."""

from __future__ import annotations

from storage import Store
from storage.names import name_key
from tests.bot_kit import add_article, newsroom

NOW = "2026-03-20T12:00:00+00:00"
CHAT = 501


async def watch_person(store: Store, name: str, chat_id: int = CHAT):
    person = (await store.people.find(name))[0]
    watch, _ = await store.watches.add(
        chat_id,
        kind="person",
        label=person.name,
        match_key=name_key(person.name),
        person_id=person.id,
        created_by=1,
        now=NOW,
    )
    return watch


async def watch_words(store: Store, words: str, chat_id: int = CHAT):
    watch, _ = await store.watches.add(
        chat_id,
        kind="words",
        label=words,
        match_key=words,
        person_id=None,
        created_by=1,
        now=NOW,
    )
    return watch


async def test_watches_are_numbered_per_chat_and_a_repeat_is_the_same_watch(store: Store) -> None:
    await newsroom(store)
    first = await watch_person(store, "Azimova")
    second = await watch_words(store, "harbour expansion")
    elsewhere = await watch_words(store, "harbour expansion", chat_id=777)
    again, created = await store.watches.add(
        CHAT,
        kind="words",
        label="harbour expansion",
        match_key="harbour expansion",
        person_id=None,
        created_by=2,
        now=NOW,
    )
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert again.id == second.id and not created
    assert first.after_key == 3  # only articles stored after the watch was made
    assert [w.label for w in await store.watches.of_chat(CHAT)] == [
        "Elvira Azimova",
        "harbour expansion",
    ]


async def test_matches_a_person_by_id_name_or_alias_and_words_like_search(store: Store) -> None:
    await newsroom(store)
    person = await watch_person(store, "Elvira Azimova")
    words = await watch_words(store, "harbour jobs")
    named = await add_article(
        store,
        "court-funds",
        "Courts ask for money",
        "Elvira Azimova said courts need money. Nothing else happened.",
        quotes=(("courts need money", "Elvira Azimova"),),
        people=(("Elvira Azimova", "judge", ("Azimova",)),),
    )
    alias_only = await add_article(
        store,
        "profile",
        "A profile of the chairman",
        "Dr Elvira Azimova of the court spoke. The harbour is quiet.",
        people=(("Dr Elvira Azimova", None, ("Elvira Azimova",)),),
    )
    harbour = await add_article(
        store,
        "harbour-jobs",
        "Jobs at the harbour",
        "The harbour created 300 jobs this year. Dockers were pleased.",
    )
    found = await store.watches.matches(await store.watches.active(), 3, harbour)
    assert sorted(found) == [
        (person.id, named),
        (person.id, alias_only),
        (words.id, harbour),  # "harbour" alone (alias_only) is not enough: all the words
    ]


async def test_a_claim_is_made_once_and_survives_a_second_scan(store: Store) -> None:
    await newsroom(store)
    watch = await watch_words(store, "council")
    key = await add_article(store, "c1", "Council meets", "The council met. It voted.")
    assert await store.watches.claim([(watch.id, key)], NOW) == 1
    assert await store.watches.claim([(watch.id, key)], NOW) == 0
    [pending] = await store.watches.pending()
    assert (pending.watch.id, pending.article_key) == (watch.id, key)
    await store.watches.finish(key, [watch.id], "sent", NOW)
    assert await store.watches.pending() == []
    assert await store.watches.claim([(watch.id, key)], NOW) == 0
    assert await store.watches.alerts(watch.id) == [(key, "sent")]


async def test_the_scan_watermark_starts_at_the_newest_article_and_only_grows(
    store: Store,
) -> None:
    assert await store.watches.scanned_up_to() == 0
    await store.watches.mark_scanned(5)
    await store.watches.mark_scanned(3)
    assert await store.watches.scanned_up_to() == 5


async def test_pausing_a_chat_expires_its_pending_alerts_and_resuming_starts_afresh(
    store: Store,
) -> None:
    await newsroom(store)
    watch = await watch_words(store, "council")
    key = await add_article(store, "c1", "Council meets", "The council met. It voted.")
    await store.watches.claim([(watch.id, key)], NOW)
    assert await store.watches.pause_chat(CHAT, "the user blocked the bot", NOW) == 1
    assert await store.watches.pause_chat(CHAT, "again", NOW) == 0  # told once
    assert await store.watches.alerts(watch.id) == [(key, "expired")]
    assert await store.watches.active() == []
    [paused] = await store.watches.of_chat(CHAT)
    assert paused.paused_reason == "the user blocked the bot"
    assert await store.watches.resume_chat(CHAT, NOW) == 1
    [resumed] = await store.watches.of_chat(CHAT)
    assert resumed.active and resumed.after_key == key


async def test_a_watch_follows_its_group_to_the_new_supergroup_id(store: Store) -> None:
    await watch_words(store, "council", chat_id=-10)
    await watch_words(store, "harbour", chat_id=-20)
    assert await store.watches.move_chat(-10, -20, NOW) == 1
    assert [(w.label, w.number) for w in await store.watches.of_chat(-20)] == [
        ("harbour", 1),
        ("council", 2),
    ]
