"""The parts of pastes not yet handed on: Telegram cuts a long message into several, and with
several replicas consecutive parts may reach different processes (``handlers.pastes``).

A part is one row, stamped on arrival by the database's clock (every replica reads the same
one). A paste is handed on when its user's newest part is older than the quiet period: one
``DELETE … RETURNING`` takes all the user's parts at once, only when none is newer, so of the
replicas checking at the same moment exactly one gets them. Short-lived: ``migrate-store``
does not copy the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

# Unix seconds with milliseconds; 'now' is one instant for the whole statement.
_NOW = "((julianday('now') - 2440587.5) * 86400.0)"


@dataclass(frozen=True, slots=True)
class PastePart:
    chat_id: int
    message_id: int
    text: str


class PastePartQueries:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def add(self, user_id: int, chat_id: int, message_id: int, text: str) -> None:
        """Keep a part (the same message again, as a webhook may deliver it twice, once)."""
        await self._db.execute(
            "INSERT INTO paste_parts (user_id, chat_id, message_id, text, received_at) "
            f"VALUES (?, ?, ?, ?, {_NOW}) ON CONFLICT DO NOTHING",
            (user_id, chat_id, message_id, text),
        )
        await self._db.commit()

    async def is_open(self, user_id: int, quiet_seconds: float) -> bool:
        """Whether a part of the user's came in the last ``quiet_seconds``."""
        async with self._db.execute(
            f"SELECT 1 FROM paste_parts WHERE user_id = ? AND received_at > {_NOW} - ? LIMIT 1",
            (user_id, quiet_seconds),
        ) as cursor:
            return await cursor.fetchone() is not None

    async def left(self, quiet_seconds: float, limit: int = 100) -> list[int]:
        """Users whose newest part is older than ``quiet_seconds``: pastes nobody took."""
        async with self._db.execute(
            "SELECT user_id FROM paste_parts GROUP BY user_id "
            f"HAVING max(received_at) <= {_NOW} - ? ORDER BY user_id LIMIT ?",
            (quiet_seconds, limit),
        ) as cursor:
            return [int(row[0]) for row in await cursor.fetchall()]

    async def take(self, user_id: int, quiet_seconds: float) -> list[PastePart]:
        """All the user's parts, removed, in message order — none while one of them came in
        the last ``quiet_seconds`` (the paste may go on)."""
        async with self._db.execute(
            f"""
            DELETE FROM paste_parts WHERE user_id = ? AND NOT EXISTS (
                SELECT 1 FROM paste_parts WHERE user_id = ? AND received_at > {_NOW} - ?
            )
            RETURNING chat_id, message_id, text
            """,
            (user_id, user_id, quiet_seconds),
        ) as cursor:
            rows = await cursor.fetchall()
        await self._db.commit()
        return sorted((PastePart(int(c), int(m), str(t)) for c, m, t in rows), key=_order)


def _order(part: PastePart) -> tuple[int, int]:
    return part.chat_id, part.message_id
