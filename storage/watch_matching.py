"""Which watches an article matches: the same on either backend; only reading the people of
articles and searching their words differs (each backend passes its own readers)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence

from storage.watch_records import Watch

PeopleByArticle = tuple[defaultdict[int, set[int]], defaultdict[int, set[str]]]
# (low, high) -> per article key with low < key <= high: its people's ids, name and alias keys
ReadPeople = Callable[[int, int], Awaitable[PeopleByArticle]]
# (words, low, high) -> keys of the articles with low < key <= high that have all the words
SearchWords = Callable[[str, int, int], Awaitable[list[int]]]


async def watch_matches(
    watches: Iterable[Watch],
    low: int,
    high: int,
    *,
    read_people: ReadPeople,
    search_words: SearchWords,
) -> list[tuple[int, int]]:
    """``(watch_id, article_key)`` for every watch and article with ``low < key <= high``
    (and after the watch's ``after_key``) that match: person watches first, then words."""
    found: list[tuple[int, int]] = []
    chosen = list(watches)
    if any(watch.kind == "person" for watch in chosen):
        ids, keys = await read_people(low, high)
        found.extend(person_matches(chosen, ids, keys))
    for words, same in words_groups(chosen).items():  # one search for every chat watching
        keys_found = await search_words(words, max(low, min(w.after_key for w in same)), high)
        found.extend((w.id, key) for w in same for key in keys_found if key > w.after_key)
    return found


def people_by_article(
    people: Iterable[Sequence[object]], aliases: Iterable[Sequence[object]]
) -> PeopleByArticle:
    """Per article key: the ids of its people and their name and alias keys, from rows
    ``(article_key, person_id, name_key)`` and ``(article_key, alias_key)``."""
    ids: defaultdict[int, set[int]] = defaultdict(set)
    keys: defaultdict[int, set[str]] = defaultdict(set)
    for article_key, person_id, key in people:
        ids[int(article_key)].add(int(person_id))  # type: ignore[call-overload]
        keys[int(article_key)].add(str(key))  # type: ignore[call-overload]
    for article_key, alias in aliases:
        keys[int(article_key)].add(str(alias))  # type: ignore[call-overload]
    return ids, keys


def person_matches(
    watches: Sequence[Watch],
    ids: Mapping[int, Iterable[int]],
    keys: Mapping[int, Iterable[str]],
) -> list[tuple[int, int]]:
    """``(watch_id, article_key)`` of the person watches that the people of each article
    match: ``ids``/``keys`` give, per article, its people's ids and their name and alias keys
    (the same matching on either backend; only reading the people differs)."""
    by_person: defaultdict[int, list[Watch]] = defaultdict(list)
    by_key: defaultdict[str, list[Watch]] = defaultdict(list)
    for watch in watches:
        if watch.kind == "person":
            by_key[watch.match_key].append(watch)
            if watch.person_id is not None:
                by_person[watch.person_id].append(watch)
    found: list[tuple[int, int]] = []
    for article_key in sorted(set(ids) | set(keys)):
        matched = {w.id: w for i in ids.get(article_key, ()) for w in by_person.get(i, ())}
        matched.update({w.id: w for k in keys.get(article_key, ()) for w in by_key.get(k, ())})
        found.extend(
            (watch_id, article_key)
            for watch_id, watch in sorted(matched.items())
            if article_key > watch.after_key
        )
    return found


def words_groups(watches: Sequence[Watch]) -> dict[str, list[Watch]]:
    """The words watches by their words: one search serves every chat watching the same."""
    groups: defaultdict[str, list[Watch]] = defaultdict(list)
    for watch in watches:
        if watch.kind == "words":
            groups[watch.match_key].append(watch)
    return groups
