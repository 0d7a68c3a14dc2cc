"""What chat ingest needs from the bot: a way to add an article, a URL or a document.

Handlers do not fetch pages or run the analysis themselves: the bot gives them an
:class:`ArticleIntake` (``Deps.intake``) that analyses off the event loop, fetches through the
one guarded HTTP client and stores through the store. Handlers only see the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from ingest.model import ArticleInput
from ingest.sources.readers import ReadError
from storage.rows import ArticleRow

IntakeOutcome = Literal["new", "updated", "unchanged", "duplicate"]


@dataclass(frozen=True, slots=True)
class Intake:
    """One article that reached the store (or was already there: ``duplicate``)."""

    outcome: IntakeOutcome
    article: ArticleRow

    @property
    def added(self) -> bool:
        return self.outcome in ("new", "updated")


class IntakeError(Exception):
    """An article could not be had; the message is fit to show to the user who sent it."""


class ArticleIntake(Protocol):
    async def add_article(self, article: ArticleInput) -> Intake:
        """Analyse and store one article, unless the store already has it."""
        ...

    async def add_url(self, url: str) -> Intake:
        """Fetch a web page, extract its article, analyse and store it (``IntakeError``)."""
        ...

    async def add_document(self, filename: str, data: bytes) -> list[Intake | ReadError]:
        """Every article of a document sent in chat, or why each could not be read."""
        ...
