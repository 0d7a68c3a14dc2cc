"""A person's totals (mentions, quotes, articles) are kept in their row as their articles
come, change and go, on both backends: ``find`` and ``get`` read them, and they equal what
``most_mentioned`` sums from the mentions themselves."""

from __future__ import annotations

from storage import ArticleStore, PersonRow
from tests.conftest import make_analysis, save

AZIMOVA = ("Elvira Azimova", "Chairman of the Constitutional Court", ("Azimova",))
TOKAYEV = ("Kassym-Jomart Tokayev", "President", ("Tokayev",))


def article(title: str, *people: tuple[str, str, tuple[str, ...]], quote: str = ""):  # type: ignore[no-untyped-def]
    body = f"Elvira Azimova said: “{quote or title}.” Azimova added more. Tokayev was there."
    quotes = ((f"{quote or title}.", "Elvira Azimova"),) if AZIMOVA in people else ()
    return make_analysis(title, body, quotes=quotes, people=people)


def totals(people: list[PersonRow]) -> list[tuple[str, int, int, int]]:
    return [(p.name, p.mentions, p.quotes, p.articles) for p in people]


A, T = AZIMOVA[0], TOKAYEV[0]
# (articles saved in turn as (id, title, people), totals of Azimova and Tokayev afterwards)
STEPS = [
    (("a1", "First", (AZIMOVA, TOKAYEV)), [(A, 2, 1, 1), (T, 2, 0, 1)]),
    (("a2", "Second", (AZIMOVA,)), [(A, 4, 2, 2), (T, 2, 0, 1)]),
    (("a1", "First, updated", (TOKAYEV,)), [(A, 2, 1, 1), (T, 2, 0, 1)]),
    (("a2", "Second, updated", (TOKAYEV,)), [(T, 4, 0, 2)]),
]  # fmt: skip


async def test_totals_follow_the_articles(each_store: ArticleStore) -> None:
    for (article_id, title, people), expected in STEPS:
        text, analysis = article(title, *people)
        await save(each_store, article_id, text, analysis)  # type: ignore[arg-type]
        found = [p for name in ("Azimova", "Tokayev") for p in await each_store.people.find(name)]
        assert totals(found) == expected, title
        summed = await each_store.people.most_mentioned(newest_articles=100, limit=10)
        assert sorted(totals(summed)) == sorted(expected)
        for person in found:
            assert await each_store.people.get(person.id) == person
