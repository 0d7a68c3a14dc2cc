"""``newsroom-bot migrate-store --to postgresql://…``: copy the SQLite store to PostgreSQL."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from bot.config import Config
from storage import backend_of
from storage.copy import copy_store


def add_store_parser(commands: Any) -> None:
    migrate = commands.add_parser(
        "migrate-store",
        help="copy the SQLite store ($NEWSROOM_DB or --db) into a PostgreSQL database",
    )
    migrate.add_argument(
        "--to", required=True, metavar="URL", help="postgresql://user:password@host:5432/dbname"
    )


async def run_migrate_store(
    config: Config, args: argparse.Namespace, out: IO[str], err: IO[str]
) -> int:
    if backend_of(config.db) != "sqlite" or not Path(config.db).is_file():
        err.write(f"newsroom-bot: migrate-store copies a SQLite store; no file {config.db!r}\n")
        return 2
    if backend_of(args.to) != "postgresql":
        err.write(f"newsroom-bot: --to must be a postgresql:// url, not {args.to!r}\n")
        return 2
    reports = await copy_store(config.db, args.to)
    for report in reports:
        verdict = "ok" if report.agrees else "MISMATCH"
        out.write(
            f"{report.name}: {report.source} in SQLite, {report.copied} copied now, "
            f"{report.target} in PostgreSQL — {verdict}\n"
        )
    wrong = [r.name for r in reports if not r.agrees]
    if wrong:
        err.write(
            "newsroom-bot: the counts differ for " + ", ".join(wrong) + "; the target database "
            "holds rows that are not from this store (copy into an empty database)\n"
        )
        return 1
    out.write("the PostgreSQL store has every row of the SQLite store\n")
    return 0
