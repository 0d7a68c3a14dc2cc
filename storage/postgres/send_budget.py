"""The deployment's send schedule on PostgreSQL (see ``storage.send_budget``; the gate is
``bot.send_budget``).

Every replica reads the same clock: the server's (``clock_timestamp()``, in unix seconds),
so replicas whose own clocks differ still agree on the schedule. A reservation is one
statement on one row; the row lock orders replicas reserving at the same moment.
"""

from __future__ import annotations

import asyncpg

_NOW = "extract(epoch FROM clock_timestamp())::float8"


class PgSendBudgetQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def reserve(self, name: str, count: int, interval: float) -> float:
        """Take ``count`` instants of budget ``name``, ``interval`` seconds apart; the
        seconds from now to the first one (0 when the schedule is free)."""
        delay = await self._pool.fetchval(
            f"""
            WITH clock AS (SELECT {_NOW} AS now)
            INSERT INTO send_budget AS b (name, next_at)
            SELECT $1, clock.now + $2::float8 FROM clock
            ON CONFLICT (name) DO UPDATE SET
                next_at = greatest(b.next_at + $2::float8, excluded.next_at)
            RETURNING b.next_at - $2::float8 - (SELECT now FROM clock)
            """,
            name,
            count * interval,
        )
        return max(0.0, float(delay))

    async def hold(self, name: str, seconds: float) -> None:
        """Nothing of budget ``name`` before ``seconds`` from now."""
        await self._pool.execute(
            f"""
            INSERT INTO send_budget AS b (name, next_at) VALUES ($1, {_NOW} + $2::float8)
            ON CONFLICT (name) DO UPDATE SET next_at = greatest(b.next_at, excluded.next_at)
            """,
            name,
            seconds,
        )
