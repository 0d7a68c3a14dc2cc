"""Flood-safe sending: Telegram's limits kept before sending, its answers handled after.

Every message of a fan-out passes one :class:`FloodGate`: at most 30 messages in any second
overall (for the whole deployment when replicas share a store: ``bot.send_budget``), 20 in any
minute per group or channel, one a second per chat, and a pause for everyone when Telegram
answers 429 with ``retry_after``. The windows are sliding (never more than N in
*any* window), which is what a strict server counts, plus a small margin for the time between
our clock and its. :class:`Sender` sends one message and sorts the outcome: sent, the chat is
gone for good (blocked, kicked, deleted, no right to post), the group moved to a new id, or a
failure that may pass (network) after a few attempts.
"""

from __future__ import annotations

import asyncio
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

if TYPE_CHECKING:
    from bot.send_budget import SharedSendBudget

Clock = Callable[[], float]
_PRUNE_AT = 5000
Sleep = Callable[[float], Awaitable[None]]

# Bad Requests that mean the chat cannot receive messages from us, now or later.
_GONE = (
    "chat not found",
    "not enough rights",
    "have no rights to send",
    "need administrator rights",
    "chat_write_forbidden",
    "peer_id_invalid",
    "group chat was deactivated",
    "user is deactivated",
)


@dataclass(frozen=True, slots=True)
class FloodLimits:
    overall: int = 30
    overall_window: float = 1.0
    group: int = 20
    group_window: float = 60.0
    chat: int = 1
    chat_window: float = 1.0
    margin: float = 0.01  # fraction of each window added as a safety margin
    attempts: int = 4  # tries per message on network errors
    backoff: float = 1.0  # seconds before the second try; doubles after
    flood_retries: int = 20  # 429 answers tolerated per message before giving up for now
    workers: int = 64  # messages in flight at once
    # The overall limit kept across replicas (bot.send_budget): its spacing margin, and how
    # many send instants a replica reserves at most in one round trip to the store.
    shared_margin: float = 0.03
    shared_batch: int = 5

    def scaled(self, factor: float) -> FloodLimits:
        """The same limits with every time window and wait multiplied by ``factor``."""
        return replace(
            self,
            overall_window=self.overall_window * factor,
            group_window=self.group_window * factor,
            chat_window=self.chat_window * factor,
            backoff=self.backoff * factor,
        )


class _Window:
    """At most ``limit`` events in any ``window`` seconds."""

    __slots__ = ("events", "limit", "window")

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.events: deque[float] = deque()

    def wait_time(self, now: float) -> float:
        while self.events and self.events[0] <= now - self.window:
            self.events.popleft()
        if len(self.events) < self.limit:
            return 0.0
        return self.events[0] + self.window - now

    def record(self, now: float) -> None:
        self.events.append(now)


class FloodGate:
    """The limits before each message. With a ``budget`` (several replicas on one store) the
    overall limit is the deployment's, kept in the store (``bot.send_budget``); the per-chat
    and per-group windows stay with the process that owns the chat's slot."""

    def __init__(
        self,
        limits: FloodLimits,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        budget: SharedSendBudget | None = None,
    ) -> None:
        self.limits = limits
        self.budget = budget
        self._waiting = 0  # messages waiting for the overall limit
        self._clock = clock
        self._sleep = sleep
        grow = 1.0 + limits.margin
        self._overall = _Window(limits.overall, limits.overall_window * grow)
        self._groups: dict[int, _Window] = {}
        self._chats: dict[int, _Window] = {}
        self._lock = asyncio.Lock()
        self._paused_until = 0.0
        self.pauses = 0

    def _window(self, table: dict[int, _Window], chat_id: int, limit: int, span: float) -> _Window:
        window = table.get(chat_id)
        if window is None:
            if len(table) >= _PRUNE_AT:  # a long-lived gate forgets chats it has not seen lately
                now = self._clock()
                for key in [k for k, w in table.items() if w.wait_time(now) == 0 and not w.events]:
                    del table[key]
            window = table[chat_id] = _Window(limit, span * (1.0 + self.limits.margin))
        return window

    async def _take(self, window: _Window) -> None:
        while (delay := window.wait_time(self._clock())) > 0:
            await self._sleep(delay)
        window.record(self._clock())

    async def wait(self, chat_id: int) -> None:
        """Return when a message to ``chat_id`` may be sent now; counts it as sent."""
        limits = self.limits
        await self._take(self._window(self._chats, chat_id, limits.chat, limits.chat_window))
        if chat_id < 0:
            group = self._window(self._groups, chat_id, limits.group, limits.group_window)
            await self._take(group)
        self._waiting += 1
        try:
            await self._lock.acquire()
        finally:
            self._waiting -= 1
        try:
            await self._take_overall()
        finally:
            self._lock.release()

    async def _take_overall(self) -> None:
        while True:
            now = self._clock()
            if now < self._paused_until:
                await self._sleep(self._paused_until - now)
                continue
            if self.budget is not None:
                await self.budget.take(waiting=1 + self._waiting)
                if self._clock() < self._paused_until:
                    continue  # a 429 came meanwhile: that instant is forfeit
                return
            delay = self._overall.wait_time(now)
            if delay <= 0:
                self._overall.record(now)
                return
            await self._sleep(delay)

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody in this process sends for ``seconds``."""
        self.pauses += 1
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def pause_everywhere(self, seconds: float) -> None:
        """Telegram said 429: nobody sends for ``seconds``, in any replica sharing the budget."""
        self.pause(seconds)
        if self.budget is not None:
            await self.budget.hold(seconds)


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


Status = Literal["sent", "gone", "migrated", "failed"]

# Marks a request the sender limits and retries itself: the bot's rate limiter
# (``bot.app.BotRateLimiter``) passes it straight through. Retried in there, a message Telegram
# answered 429 would go out again outside the gate, and outside the deployment's budget.
OWN_FLOOD_CONTROL = -1


@dataclass(frozen=True, slots=True)
class SendResult:
    status: Status
    error: str | None = None
    new_chat_id: int | None = None
    message_id: int | None = None


class Sender:
    def __init__(
        self,
        bot: Bot,
        limits: FloodLimits | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        budget: SharedSendBudget | None = None,
    ) -> None:
        self.bot = bot
        self.limits = limits or FloodLimits()
        self.gate = FloodGate(self.limits, clock=clock, sleep=sleep, budget=budget)
        self._sleep = sleep
        self.sent = 0
        self.flood_answers = 0
        limited = getattr(bot, "rate_limiter", None) is not None
        self._limiter_args = {"rate_limit_args": OWN_FLOOD_CONTROL} if limited else {}

    async def send(
        self, chat_id: int, text: str, reply_markup: InlineKeyboardMarkup | None = None
    ) -> SendResult:
        """Send one HTML message (with buttons, if given), waiting for the limits and
        retrying what may pass."""
        failures = floods = 0
        while True:
            await self.gate.wait(chat_id)
            try:
                message = await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    disable_web_page_preview=True,
                    reply_markup=reply_markup,
                    **self._limiter_args,  # type: ignore[arg-type]
                )
            except RetryAfter as error:
                self.flood_answers += 1
                floods += 1
                await self.gate.pause_everywhere(retry_after_seconds(error))
                if floods > self.limits.flood_retries:
                    return SendResult("failed", f"flood control: {error}")
            except ChatMigrated as error:
                return SendResult("migrated", str(error), new_chat_id=error.new_chat_id)
            except Forbidden as error:
                return SendResult("gone", error.message)
            except BadRequest as error:
                text_lower = error.message.casefold()
                if any(marker in text_lower for marker in _GONE):
                    return SendResult("gone", error.message)
                return SendResult("failed", f"refused: {error.message}")
            except NetworkError as error:  # includes TimedOut
                failures += 1
                if failures >= self.limits.attempts:
                    return SendResult("failed", f"network: {error}")
                await self._sleep(self.limits.backoff * 2 ** (failures - 1))
            except TelegramError as error:
                return SendResult("failed", str(error))
            else:
                self.sent += 1
                return SendResult("sent", message_id=message.message_id)
