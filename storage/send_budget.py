"""The deployment's send schedule on SQLite (the gate is ``bot.send_budget``).

One row per budget holds the next free instant, in unix seconds of the database's clock.
``reserve`` hands out ``count`` instants ``interval`` apart from there (or from now, when the
schedule has fallen behind) and moves the row past them, in one statement; ``hold`` pushes
the row to at least ``seconds`` from now (Telegram asked everyone to wait). The table is
short-lived state: ``migrate-store`` does not copy it.
"""

from __future__ import annotations

import aiosqlite

# Unix seconds with milliseconds; 'now' is one instant for the whole statement.
_NOW = "((julianday('now') - 2440587.5) * 86400.0)"


class SendBudgetQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def reserve(self, name: str, count: int, interval: float) -> float:
        """Take ``count`` instants of budget ``name``, ``interval`` seconds apart; the
        seconds from now to the first one (0 when the schedule is free)."""
        span = count * interval
        async with self._db.execute(
            f"""
            INSERT INTO send_budget (name, next_at) VALUES (?, {_NOW} + ?)
            ON CONFLICT (name) DO UPDATE SET
                next_at = max(send_budget.next_at + ?, excluded.next_at)
            RETURNING next_at - ? - {_NOW}
            """,
            (name, span, span, span),
        ) as cursor:
            row = await cursor.fetchone()
        await self._db.commit()
        assert row is not None
        return max(0.0, float(row[0]))

    async def hold(self, name: str, seconds: float) -> None:
        """Nothing of budget ``name`` before ``seconds`` from now."""
        await self._db.execute(
            f"""
            INSERT INTO send_budget (name, next_at) VALUES (?, {_NOW} + ?)
            ON CONFLICT (name) DO UPDATE SET
                next_at = max(send_budget.next_at, excluded.next_at)
            """,
            (name, seconds),
        )
        await self._db.commit()
