"""The bot and its command line on PostgreSQL: ``NEWSROOM_DB`` set to a url is all it takes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED, PgDatabase

SCRIPT = Path(sys.executable).with_name("newsroom-bot")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]


def _newsroom_bot(url: str, cwd: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    done = subprocess.run(
        [
            str(SCRIPT) if SCRIPT.exists() else sys.executable,
            *([] if SCRIPT.exists() else ["-m", "bot.cli"]),
            *args,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSROOM_DB": url, "NEWSROOM_ADMINS": "1"},
        cwd=cwd,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


async def test_ingest_stats_and_console_on_postgresql(
    tmp_path: Path, pg_database: PgDatabase
) -> None:
    url = await pg_database(migrated=False)

    def session() -> list[tuple[int, str, str]]:
        return [
            _newsroom_bot(url, tmp_path, "ingest", str(SEED)),
            _newsroom_bot(
                url, tmp_path, "run", "--console", stdin="/quotes Azimova\n/search reforms UN\n"
            ),
        ]

    first, console = await asyncio.to_thread(session)
    assert first == (0, "1 new, 0 updated, 0 unchanged, 0 failed\n", "")
    assert console[0] == 0, console[2]
    assert "Quotes of Elvira Azimova" in console[1]
    assert "— Elvira Azimova, Chairman of the Constitutional Court" in console[1]
    assert "#1 · " in console[1].split("/search reforms UN", 1)[1]
    assert list(tmp_path.iterdir()) == []  # no SQLite file made on the side


def test_the_store_is_named_without_its_password() -> None:
    from storage.postgres.store import redacted

    assert redacted("postgresql://news:s3cret@db:5432/newsroom") == (
        "postgresql://news:***@db:5432/newsroom"
    )
    assert redacted("postgresql://news@db/newsroom") == "postgresql://news@db/newsroom"
