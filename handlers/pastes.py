"""Pasted articles: the parts of one long paste become one text.

Telegram splits a message longer than 4,096 characters into several, sent one after the
other. Parts from the same user that arrive while a paste is open (each part moves its
deadline on by the quiet period) are one article; after a quiet period the paste is handed
on whole. One waiting task per open paste; a new part only moves the deadline.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Message

SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’", "'", ")")


@dataclass(slots=True)
class Paste:
    """The parts of one paste so far, by message id, and the message to answer."""

    user_id: int
    first_message: Message
    parts: dict[int, str] = field(default_factory=dict)
    deadline: float = 0.0

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


class PasteAssembler:
    """Open pastes per user. ``add`` opens or extends one; ``on_ready`` gets it when quiet.

    ``spawn`` starts the waiting coroutine (the application's ``create_task``, so that
    stopping the bot waits for open pastes and errors reach its error handler).
    """

    def __init__(self, quiet_seconds: float, on_ready: PasteReady) -> None:
        self.quiet_seconds = quiet_seconds
        self.on_ready = on_ready
        self._open: dict[int, Paste] = {}

    def is_open(self, user_id: int) -> bool:
        return user_id in self._open

    def add(self, user_id: int, message: Message, text: str, spawn: Spawn) -> bool:
        """Add a part; ``True`` when it opened a new paste."""
        deadline = asyncio.get_running_loop().time() + self.quiet_seconds
        paste = self._open.get(user_id)
        opened = paste is None
        if paste is None:
            paste = self._open[user_id] = Paste(user_id, message)
            spawn(self._wait(paste))
        paste.parts[message.message_id] = text
        paste.deadline = deadline
        return opened

    async def _wait(self, paste: Paste) -> None:
        loop = asyncio.get_running_loop()
        while (left := paste.deadline - loop.time()) > 0:
            await asyncio.sleep(left)
        # Closed before anything is awaited: a part arriving from now on opens a new paste.
        del self._open[paste.user_id]
        await self.on_ready(paste)
