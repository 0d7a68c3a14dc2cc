"""Transactions that PostgreSQL may abort for concurrency are run again, a bounded few times.

Two processes ingesting articles that name the same people can deadlock (SQLSTATE 40P01:
each holds a row the other wants) or, under stricter isolation, fail to serialise (40001).
PostgreSQL rolls one of them back; running its whole transaction again is the documented
remedy. The back-off doubles from 20 ms with random jitter so the two do not meet again.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg

T = TypeVar("T")
RETRYABLE_STATES = frozenset({"40001", "40P01"})
ATTEMPTS = 6
FIRST_DELAY = 0.02


def is_retryable(error: BaseException) -> bool:
    return (
        isinstance(error, asyncpg.PostgresError)
        and getattr(error, "sqlstate", None) in RETRYABLE_STATES
    )


async def with_retry(
    work: Callable[[], Awaitable[T]],
    *,
    attempts: int = ATTEMPTS,
    first_delay: float = FIRST_DELAY,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> T:
    """``await work()``, again after a serialization failure or deadlock, at most
    ``attempts`` times in all; the last failure is raised."""
    for attempt in range(attempts):
        try:
            return await work()
        except asyncpg.PostgresError as error:
            if not is_retryable(error) or attempt == attempts - 1:
                raise
            await sleep(first_delay * 2**attempt * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")


def affected(status: str) -> int:
    """Rows a command touched, from its status (``"UPDATE 3"`` → 3, ``"INSERT 0 1"`` → 1)."""
    tail = status.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0
