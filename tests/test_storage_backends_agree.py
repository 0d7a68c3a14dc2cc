"""SQLite and PostgreSQL give the same answers on the same articles.

The seed, the development corpus and the held-out corpus are stored in both backends with
the same clock; every search below must find the same articles and quotes in the same order
when newest first, and the same set when the newest window is ranked (bm25 and
``ts_rank_cd`` order a window differently; which articles are in it is the same).
"""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

from bot.ingestion import ingest_all
from ingest.sources.readers import read_paths
from storage import ArticleStore, Store
from storage.postgres import PgStore
from tests.conftest import REPO, SEED, PgDatabase, StepClock

CORPORA = [
    SEED,
    REPO / "tests" / "corpus" / "articles",
    REPO / "tests" / "corpus_holdout" / "articles",
]

ARTICLES = 1 + sum(len(list(folder.glob("*.txt"))) for folder in CORPORA[1:])

# (words, prefix): names, accents, numbers, phrases, operators typed as words, prefixes.
QUERIES: list[tuple[str, bool]] = [
    ("library", False),
    ("council library", False),
    ("Azimova", False),
    ("Tokayev", False),
    ("Kassym-Jomart", False),
    ("president said", False),
    ("fire", False),
    ("police", False),
    ("the", False),
    ("3.5", False),
    ("10.9 million", False),
    ("José", False),
    ("Jose Alvarez", False),
    ("minister’s", False),
    ("don't", False),
    ("zeppelin library", False),
    ("market shares fell", False),
    ('"quoted words"', False),
    ("NEAR(fire", False),
    ("AND OR NOT", False),
    ("title:library", False),
    ("lib", True),
    ("gov", True),
    ("council ap", True),
    ("presid", True),
    ("x", True),
    ("*", False),
    ("", False),
]
# Digest keyword filters (include any, exclude all): words and phrases.
DIGEST_FILTERS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    ((), ()),
    (("fire",), ()),
    (("council", "police officers"), ("library",)),
    ((), ("the",)),
    (("José",), ("zeppelin",)),
]


async def _stores(tmp_path: Path, pg_database: PgDatabase) -> tuple[ArticleStore, ArticleStore]:
    sqlite = await Store.open(tmp_path / "agree.db", clock=StepClock())
    postgres = await PgStore.open(await pg_database(), clock=StepClock(), pool_size=2)
    try:
        for store in (sqlite, postgres):
            report = await ingest_all(store, read_paths([str(p) for p in CORPORA]))
            assert report.failed == 0 and report.counts["new"] == ARTICLES
    except BaseException:
        await sqlite.close()
        await postgres.close()
        raise
    return sqlite, postgres


async def test_both_backends_answer_every_search_and_digest_alike(
    tmp_path: Path, pg_database
) -> None:
    sqlite, postgres = await _stores(tmp_path, pg_database)
    try:
        found_something = 0
        for words, prefix in QUERIES:
            answers = []
            for store in (sqlite, postgres):
                newest = await store.articles.search_recent(
                    words, limit=100, prefix=prefix, ranked=False
                )
                ranked = await store.articles.search_recent(
                    words, limit=100, window=20, prefix=prefix
                )
                quotes = await store.quotes.search_recent(
                    words, limit=500, prefix=prefix, ranked=False
                )
                answers.append(
                    (
                        [h.article.id for h in newest],
                        {h.article.id for h in ranked[:20]},
                        [h.article.id for h in ranked[20:]],
                        [(q.article_key, q.text) for q in quotes],
                    )
                )
            assert answers[0] == answers[1], words
            found_something += bool(answers[0][0])
        assert found_something >= 20
        assert astuple(await sqlite.stats())[2:] == astuple(await postgres.stats())[2:]
        totals = []
        for include, exclude in DIGEST_FILTERS:
            digests = []
            for store in (sqlite, postgres):
                found, total = await store.subscriptions.articles.candidates(
                    "2000", "2100", include=include, exclude=exclude
                )
                digests.append(([c.article.id for c in found], [c.quotes for c in found], total))
            assert digests[0] == digests[1], (include, exclude)
            totals.append(digests[0][2])
        assert totals[0] == ARTICLES and totals[3] == 0  # every article has "the"
        assert all(0 < total < ARTICLES for total in totals[1:3])
    finally:
        await sqlite.close()
        await postgres.close()
