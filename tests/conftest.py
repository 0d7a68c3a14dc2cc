"""Shared fixtures: a real SQLite store in a temporary folder and article builders."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingest.model import Analysis, ArticleInput, Person, Quote, Sentence, Span
from storage import Store

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_0f55b7b5fa43bf67.txt"


class StepClock:
    """A clock that moves one second forward on every reading, from a fixed start."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 20, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "news.db", clock=StepClock())
    yield opened
    await opened.close()


def make_analysis(
    title: str,
    body: str,
    *,
    quotes: tuple[tuple[str, str | None], ...] = (),
    people: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (),
    reported: tuple[tuple[str, str], ...] = (),
    version: int = 1,
) -> tuple[str, Analysis]:
    """Full text and an :class:`Analysis` whose content the test controls."""
    text = f"{title}\n\n{body}"
    start = len(title) + 2
    paragraph = Span(body, start, len(text))
    sentence = Sentence(body, start, len(text), 0)
    found = []
    for quote_text, speaker in quotes:
        at = text.index(quote_text)
        found.append(Quote(quote_text, at, at + len(quote_text), speaker, None, "said"))
    said = []
    for quote_text, speaker in reported:
        at = text.index(quote_text)
        said.append(
            Quote(quote_text, at, at + len(quote_text), speaker, None, "said", kind="reported")
        )
    persons = tuple(
        Person(
            name,
            role,
            aliases,
            mentions=1 + len(aliases),
            quotes=sum(1 for _, s in quotes if s == name),
        )
        for name, role, aliases in people
    )
    analysis = Analysis(
        title=title,
        dateline=None,
        paragraphs=(paragraph,),
        sentences=(sentence,),
        summary=(body,),
        quotes=tuple(found),
        reported=tuple(said),
        people=persons,
        version=version,
    )
    return text, analysis


def summaries_of(analysis: Analysis) -> dict[str, tuple[str, ...]]:
    return {"short": analysis.summary[:1], "default": analysis.summary, "long": analysis.summary}


async def save(store: Store, article_id: str, text: str, analysis: Analysis) -> str:
    return await store.save(ArticleInput(article_id, text), analysis, summaries_of(analysis))
