"""Pasted articles: the parts of one long paste become one text.

Telegram splits a message longer than 4,096 characters into several, sent one after the
other. Parts from the same user that arrive while a paste is open (each part moves its
deadline on by the quiet period) are one article; after a quiet period the paste is handed
on whole.

The parts wait in the store (``store.paste_parts``), not in the process: with several
replicas behind a webhook, consecutive parts of one paste reach different processes. Every
process that receives a part checks the paste once the quiet period after that part has
passed; the check that finds no newer part takes all the parts at once (one atomic
statement), so exactly one process — whichever — answers the paste, and a part is never
left out. Parts whose process stopped before its check are handed on with the user's next
message, or by the sweep every replica runs each minute (``hand_on_all_left``). The store
serves the single SQLite process the same way: one path to trust, and a restart loses no
paste.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, Chat, Message
from telegram.constants import ChatType

from storage.interface import PastePartQueriesAPI
from storage.paste_parts import PastePart

SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’", "'", ")")


@dataclass(slots=True)
class Paste:
    """The parts of one paste, by message id, and a message of its chat to answer."""

    user_id: int
    message: Message
    parts: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return join_parts([self.parts[m] for m in sorted(self.parts)])


def tidy(text: str) -> str:
    """Chat copy without the whitespace clients add or drop: lines trimmed, at most one blank
    line in a row. The same paste sent twice is then the same text."""
    lines = [line.strip() for line in text.strip().splitlines()]
    kept = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]
    return "\n".join(kept)


def join_parts(parts: list[str]) -> str:
    """Glue the parts back: a part that ends a sentence ends a paragraph (blank line when the
    copy has blank lines between paragraphs), one cut mid-sentence continues after a space."""
    paragraph = "\n\n" if any("\n\n" in p for p in parts) else "\n"
    text = ""
    for part in parts:
        part = tidy(part)
        if not part:
            continue
        if text:
            text += paragraph if text.endswith(SENTENCE_ENDS) else " "
        text += part
    return text


PasteReady = Callable[[Paste], Awaitable[None]]
Spawn = Callable[[Coroutine[Any, Any, None]], object]

# A check waits a little longer than the quiet period: the part that scheduled it was stamped
# by the store's clock a moment before, and a clock read in milliseconds may round.
CHECK_SLACK = 0.05
# A text that would not open a paste (too short) waits this share of the quiet period for an
# open one: half a second at the default 3 s, far more than storing a first part takes.
SETTLE_SHARE = 1 / 6


class PasteAssembler:
    """Pastes per user, kept in the store. ``add`` keeps a part and schedules its check;
    ``on_ready`` gets the paste when quiet (see the module).

    ``spawn`` starts the waiting coroutine (the application's ``create_task``, so that
    stopping the bot waits for open pastes and errors reach its error handler).
    """

    def __init__(
        self, parts: PastePartQueriesAPI, quiet_seconds: float, on_ready: PasteReady
    ) -> None:
        self.parts = parts
        self.quiet_seconds = quiet_seconds
        self.on_ready = on_ready

    async def is_open(self, user_id: int, *, settle: bool = False) -> bool:
        """Whether the user's paste goes on: a part came within the quiet period. With
        ``settle``, a closed paste is looked at again after ``SETTLE_SHARE`` of the quiet
        period, for a first part still on its way into the store."""
        if await self.parts.is_open(user_id, self.quiet_seconds):
            return True
        if not settle:
            return False
        await asyncio.sleep(self.quiet_seconds * SETTLE_SHARE)
        return await self.parts.is_open(user_id, self.quiet_seconds)

    async def add(self, user_id: int, message: Message, text: str, spawn: Spawn) -> None:
        """Keep a part of the user's paste; check the paste when the quiet period is over."""
        await self.parts.add(user_id, message.chat_id, message.message_id, text)
        spawn(self._check(user_id, message))

    async def hand_on_left(self, user_id: int, message: Message, spawn: Spawn) -> bool:
        """A quiet paste of the user's still in the store (the process that would have
        checked it stopped): hand it on now, answered in ``message``'s chat. ``True`` when
        there was one."""
        parts = await self.parts.take(user_id, self.quiet_seconds)
        if parts:
            spawn(self.on_ready(_paste(user_id, message, parts)))
        return bool(parts)

    async def hand_on_all_left(self, bot: Bot, after: float) -> int:
        """Every paste quiet for ``after`` seconds (longer than any check waits) that no
        check took, its process stopped: handed on now, answered in the chat of its parts.
        How many there were."""
        count = 0
        for user_id in await self.parts.left(after):
            parts = await self.parts.take(user_id, self.quiet_seconds)
            if parts:
                count += 1
                await self.on_ready(_paste(user_id, _message_in(bot, parts[0]), parts))
        return count

    async def _check(self, user_id: int, message: Message) -> None:
        await asyncio.sleep(self.quiet_seconds + CHECK_SLACK)
        # None when a newer part came (its own check follows) or another check took them.
        parts = await self.parts.take(user_id, self.quiet_seconds)
        if parts:
            await self.on_ready(_paste(user_id, message, parts))


def _message_in(bot: Bot, part: PastePart) -> Message:
    """A stand-in for the part's message, enough to answer in its (private) chat."""
    message = Message(part.message_id, datetime.now(UTC), Chat(part.chat_id, ChatType.PRIVATE))
    message.set_bot(bot)
    return message


def _paste(user_id: int, message: Message, parts: list[PastePart]) -> Paste:
    return Paste(user_id, message, {part.message_id: part.text for part in parts})
