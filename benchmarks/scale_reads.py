"""The bot's look-ups on a generated archive, p50/p95, through the store API its handlers use.

Each case runs what the handler runs for one command (``handlers/quotes.py``,
``handlers/people.py``, ``handlers/search.py``; inline queries through
``handlers.inline.inline_page`` itself), with names and words drawn from the archive:
famous and obscure people, common surnames, words in most articles, in a few per cent, in a
handful, and several words at once.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Awaitable, Callable

from benchmarks.scale_corpus import ScaleCorpus
from handlers.inline import inline_page
from handlers.lookup import article_by_reference
from storage import ArticleStore

Case = Callable[[str], Awaitable[object]]


def query_words(corpus: ScaleCorpus, count: int = 40) -> dict[str, list[str]]:
    """Names and words of each kind, drawn from the archive (every one is in it)."""
    rng = random.Random(5)
    words = corpus.words

    def famous() -> int:
        return corpus.known_people(rng, corpus.size - 1, 1)[0]

    def anyone() -> int:
        return rng.randrange(corpus.people)

    def rare() -> str:
        return _rare_of(corpus, rng.randrange(corpus.size))

    return {
        "famous name": [corpus.names[famous()] for _ in range(count)],
        "anyone's name": [corpus.names[anyone()] for _ in range(count)],
        "surname": [corpus.surnames[famous() if n % 2 else anyone()] for n in range(count)],
        "common word": [words[rng.randrange(0, 30)] for _ in range(count)],
        "mid word": [words[rng.randrange(200, 2000)] for _ in range(count)],
        "rare word": [rare() for _ in range(count)],
        "several words": [
            " ".join(
                [words[rng.randrange(0, 100)], words[rng.randrange(100, 3000)]]
                + ([rare()] if n % 3 == 0 else [])
            )
            for n in range(count)
        ],
    }


def _rare_of(corpus: ScaleCorpus, index: int) -> str:
    """The first rare word of article ``index`` (its title ends with it)."""
    batch = corpus.article(index, 1)
    return str(batch.articles[0][2]).rsplit(" ", 1)[-1]


async def quotes_of(store: ArticleStore, name: str) -> object:
    """``/quotes <name>``: an article reference first, then the person's first page."""
    if await article_by_reference(store, name):
        return None
    people = await store.people.find(name, limit=5)
    return await store.quotes.by_person(people[0].id, limit=6) if people else None


def cases(store: ArticleStore, kinds: dict[str, list[str]]) -> dict[str, tuple[Case, list[str]]]:
    def search(words: str) -> Awaitable[object]:
        return store.articles.search_recent(words, limit=9)

    def inline(words: str) -> Awaitable[object]:
        return inline_page(store, words, "")

    def people(name: str) -> Awaitable[object]:
        return store.people.find(name, limit=9)

    def quotes(name: str) -> Awaitable[object]:
        return quotes_of(store, name)

    prefixes = [w[:4].lower() for w in kinds["surname"]]
    return {
        "/quotes <famous name>": (quotes, kinds["famous name"]),
        "/quotes <any name>": (quotes, kinds["anyone's name"]),
        "/quotes <surname>": (quotes, kinds["surname"]),
        "/people <famous name>": (people, kinds["famous name"]),
        "/people <surname>": (people, kinds["surname"]),
        "/search <common word>": (search, kinds["common word"]),
        "/search <mid word>": (search, kinds["mid word"]),
        "/search <rare word>": (search, kinds["rare word"]),
        "/search <several words>": (search, kinds["several words"]),
        "inline <common word>": (inline, kinds["common word"]),
        "inline <rare word>": (inline, kinds["rare word"]),
        "inline <name prefix>": (inline, prefixes),
        "inline <several words>": (inline, kinds["several words"]),
    }


async def time_cases(
    store: ArticleStore, kinds: dict[str, list[str]], queries: int
) -> dict[str, tuple[float, float]]:
    """p50 / p95 milliseconds of each case over ``queries`` look-ups (after one warm pass)."""
    figures = {}
    for label, (case, inputs) in cases(store, kinds).items():
        for words in inputs:
            await case(words)
        timings = []
        for n in range(queries):
            started = time.perf_counter()
            await case(inputs[n % len(inputs)])
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        figures[label] = (statistics.median(timings), timings[int(len(timings) * 0.95)])
    return figures
