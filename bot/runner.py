"""Running the bot (replaced by the Telegram application in the bot issue)."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.config import Config
from storage import Store


async def run_bot(
    config: Config,
    store: Store,
    *,
    console: bool = False,
    webhook: str | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    stats = await store.stats()
    stdout.write(
        f"{stats.articles} articles, {stats.quotes} quotes, {stats.people} people in {stats.path}\n"
    )
    return 0
