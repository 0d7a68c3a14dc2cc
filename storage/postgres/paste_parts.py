"""The parts of pastes not yet handed on, on PostgreSQL (see ``storage.paste_parts``).

``take`` is one ``DELETE … RETURNING``: replicas running it at once for the same user
queue on the rows' locks, and those that come second find the rows gone — each part is
handed on by exactly one of them.
"""

from __future__ import annotations

import asyncpg

from storage.paste_parts import PastePart

_NOW = "extract(epoch FROM clock_timestamp())::float8"


class PgPastePartQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(self, user_id: int, chat_id: int, message_id: int, text: str) -> None:
        """Keep a part (the same message again, as a webhook may deliver it twice, once)."""
        await self._pool.execute(
            "INSERT INTO paste_parts (user_id, chat_id, message_id, text, received_at) "
            f"VALUES ($1, $2, $3, $4, {_NOW}) ON CONFLICT DO NOTHING",
            user_id,
            chat_id,
            message_id,
            text,
        )

    async def is_open(self, user_id: int, quiet_seconds: float) -> bool:
        """Whether a part of the user's came in the last ``quiet_seconds``."""
        found = await self._pool.fetchval(
            "SELECT EXISTS (SELECT 1 FROM paste_parts "
            f"WHERE user_id = $1 AND received_at > {_NOW} - $2::float8)",
            user_id,
            quiet_seconds,
        )
        return bool(found)

    async def left(self, quiet_seconds: float, limit: int = 100) -> list[int]:
        """Users whose newest part is older than ``quiet_seconds``: pastes nobody took."""
        rows = await self._pool.fetch(
            "SELECT user_id FROM paste_parts GROUP BY user_id "
            f"HAVING max(received_at) <= {_NOW} - $1::float8 ORDER BY user_id LIMIT $2",
            quiet_seconds,
            limit,
        )
        return [int(row["user_id"]) for row in rows]

    async def take(self, user_id: int, quiet_seconds: float) -> list[PastePart]:
        """All the user's parts, removed, in message order — none while one of them came in
        the last ``quiet_seconds`` (the paste may go on)."""
        rows = await self._pool.fetch(
            f"""
            DELETE FROM paste_parts WHERE user_id = $1 AND NOT EXISTS (
                SELECT 1 FROM paste_parts WHERE user_id = $1 AND received_at > {_NOW} - $2::float8
            )
            RETURNING chat_id, message_id, text
            """,
            user_id,
            quiet_seconds,
        )
        parts = [PastePart(int(r["chat_id"]), int(r["message_id"]), str(r["text"])) for r in rows]
        return sorted(parts, key=lambda p: (p.chat_id, p.message_id))
