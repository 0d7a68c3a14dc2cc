"""Telegram's overall limit (30 messages a second) for the whole deployment, not per process.

Several replicas (``newsroom-bot run --webhook`` on one PostgreSQL store) each keep the
per-chat and per-group windows themselves — a chat's digest is sent by the one replica
holding its lease, and an alert by the one that claimed it — but the overall limit is the
bot's, whichever process sends. :class:`SharedSendBudget` keeps it in the store
(``store.send_budget``, SQL in ``storage/send_budget.py`` and ``storage/postgres/``).

The design is a schedule, not counters. The store keeps one number: the next free instant,
on the database's clock (replicas' own clocks differ; durations measured locally do not).
A replica reserves a few instants at once, ``interval = window × (1 + shared_margin) /
limit`` apart, in one statement that also moves the number past them, and sends one message
at each. Why not the per-second counters (``used + n <= limit`` per window) one would reach
for first: a strict server counts any window, not calendar seconds, and counters allow 30
at the end of one second and 30 more at the start of the next — 60 in a moment. Evenly
spaced instants never put more than ``limit`` in any ``window``; they need one row instead
of a row per second, and the spacing is the whole rule (no sliding window to keep). The
price: no burst of 30 at the start, and the margin — 1,000 messages from 3 replicas take
34.3 s against the 33.3 s floor (``benchmarks/send_budget.py``).

- **Batches.** A replica asks for as many instants as it has messages waiting, at most
  ``shared_batch`` (5): a fan-out at 30 a second costs some six statements a second for the
  whole deployment, a lone alert one.
- **Safe side.** An instant a replica does not use (its queue ran dry) is lost, never given
  twice. A replica that wakes for an instant later than half the margin (a busy event
  loop) drops it and reserves again, since a late message would come closer than ``window``
  to the one ``limit`` places after it; the other half covers the way back from the
  database and on to Telegram. (Late three times in a row, it sends late rather than never.)
- **429.** When Telegram answers 429 all the same, :meth:`hold` moves the shared schedule
  past ``retry_after``: every replica waits, not only the one that was told.

On SQLite the bot is one process, and the in-process gate (``bot.delivery.FloodGate``)
keeps the overall window without a store round trip: :func:`deployment_budget` gives a
shared budget only when ``store.shared``.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from bot.delivery import FloodLimits
from storage.interface import ArticleStore, SendBudgetAPI

BUDGET_NAME = "telegram"  # one bot token, one budget
# Woken too late this many times in a row, the budget sends at the late instant: an event
# loop late by more than the margin every time would otherwise never send (a 429 then holds
# everyone, and the Sender tries again).
LATE_IN_ROW = 3


class SharedSendBudget:
    """Instants of the deployment's schedule, reserved a few at a time (see the module)."""

    def __init__(
        self,
        queries: SendBudgetAPI,
        limits: FloodLimits,
        *,
        name: str = BUDGET_NAME,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.queries = queries
        self.name = name
        self.batch = max(1, limits.shared_batch)
        self.interval = limits.overall_window * (1.0 + limits.shared_margin) / limits.overall
        self.tolerance = limits.overall_window * limits.shared_margin / 2
        self._clock = clock
        self._sleep = sleep
        self._instants: deque[float] = deque()  # reserved, on the local monotonic clock
        self.reservations = 0  # statements sent to the store
        self.lost = 0  # instants reserved and not used (too late)
        self._late_in_row = 0

    async def take(self, waiting: int = 1) -> None:
        """Return at an instant of the schedule this process reserved; ``waiting`` (how many
        messages wait behind this one) sizes the next reservation. Not re-entrant: the
        flood gate calls it under its lock."""
        while True:
            now = self._clock()
            late = bool(self._instants) and self._instants[0] < now - self.tolerance
            if late and self._late_in_row < LATE_IN_ROW:  # (else: send late, not never)
                self._late_in_row += 1
                while self._instants and self._instants[0] < now - self.tolerance:
                    self._instants.popleft()
                    self.lost += 1
            if not self._instants:
                await self._reserve(min(self.batch, max(1, waiting)))
                continue
            at = self._instants[0]
            if at > now:
                await self._sleep(at - now)
                continue  # woken late? the loop drops the instant
            self._instants.popleft()
            self._late_in_row = 0
            return

    async def _reserve(self, count: int) -> None:
        delay = await self.queries.reserve(self.name, count, self.interval)
        self.reservations += 1
        # The store's "now" was a moment before the answer arrived: counting from the
        # arrival errs late, never early.
        first = self._clock() + delay
        self._instants.extend(first + n * self.interval for n in range(count))

    async def hold(self, seconds: float) -> None:
        """Telegram said 429: no replica sends for ``seconds``."""
        self.lost += len(self._instants)
        self._instants.clear()
        await self.queries.hold(self.name, seconds)


def deployment_budget(store: ArticleStore, limits: FloodLimits) -> SharedSendBudget | None:
    """The store-backed budget when other processes may send for the same bot (the store is
    shared: PostgreSQL); ``None`` keeps the in-process overall window (SQLite)."""
    if not store.shared:
        return None
    return SharedSendBudget(store.send_budget, limits)
