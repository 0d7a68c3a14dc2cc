"""A fake Bot API with Telegram's flood limits, for tests, the benchmark and the console.

It counts like a strict server: more than ``limit`` messages in any ``window`` seconds overall,
or ``group_limit`` to one group in ``group_window``, or (when ``chat_limit`` is set, as Telegram's
one message a second per chat) ``chat_limit`` to one chat in ``chat_window``, are answered 429
with ``retry_after`` (whole seconds, as Telegram does, unless the window is scaled below a
second). Chats in ``blocked``
answer 403 Forbidden, chats in ``deleted`` 400 chat not found.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from bot.memory_api import BotApiError, InMemoryBotApi


class FloodBotApi(InMemoryBotApi):
    """The in-memory Bot API answering 429, 403 and 400 like Telegram (see the module)."""

    def __init__(
        self,
        *,
        limit: int = 30,
        window: float = 1.0,
        group_limit: int = 20,
        group_window: float = 60.0,
        chat_limit: int | None = None,
        chat_window: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.limit = limit
        self.window = window
        self.group_limit = group_limit
        self.group_window = group_window
        self.chat_limit = chat_limit
        self.chat_window = chat_window
        self.clock = clock
        self.blocked: set[int] = set()
        self.deleted: set[int] = set()
        self.flood_answers = 0
        self.delivered: list[tuple[int, str, float]] = []
        self._recent: deque[float] = deque()
        self._group_recent: dict[int, deque[float]] = {}
        self._chat_recent: dict[int, deque[float]] = {}

    def _retry_after(self, oldest: float, window: float, now: float) -> float:
        wait = oldest + window - now
        return max(1, math.ceil(wait)) if self.window >= 1.0 else max(wait, 0.001)

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat_id(params["chat_id"])
        if chat_id in self.blocked:
            raise BotApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.deleted:
            raise BotApiError(400, "Bad Request: chat not found")
        now = self.clock()
        windows = [(self._recent, self.limit, self.window)]
        if chat_id < 0:
            group = self._group_recent.setdefault(chat_id, deque())
            windows.append((group, self.group_limit, self.group_window))
        if self.chat_limit is not None:
            chat = self._chat_recent.setdefault(chat_id, deque())
            windows.append((chat, self.chat_limit, self.chat_window))
        for recent, limit, window in windows:
            while recent and recent[0] <= now - window:
                recent.popleft()
            if len(recent) >= limit:
                self.flood_answers += 1
                retry = self._retry_after(recent[0], window, now)
                raise BotApiError(429, f"Too Many Requests: retry after {retry}", retry_after=retry)
        for recent, _, _ in windows:
            recent.append(now)
        message = self._message(chat_id, params)
        self.delivered.append((chat_id, str(params.get("text", "")), now))
        return message

    def texts(self, chat_id: int) -> list[str]:
        return [text for chat, text, _ in self.delivered if chat == chat_id]
