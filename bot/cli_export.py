"""``newsroom-bot export quotes|people|articles [--since DATE] [--format csv|jsonl] [-o FILE]``.

Rows go out in article order (oldest first), read from the store in batches and written as
they come, so the whole store exports in little memory. ``--since`` keeps articles *stored*
at or after a date or instant (ingestion time: a periodic export misses nothing that was
published earlier but arrived late). A CSV file written with ``-o`` starts with a byte order
mark so spreadsheet programs read it as UTF-8; standard output gets none (it is for pipes).
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from bot.config import Config
from storage import ArticleStore, open_store
from storage.export import (
    BOM,
    ArticleExport,
    ExportRow,
    PersonExport,
    QuoteExport,
    csv_text,
    jsonl_text,
)

KINDS: dict[str, type[ExportRow]] = {
    "quotes": QuoteExport,
    "people": PersonExport,
    "articles": ArticleExport,
}
ROWS_PER_WRITE = 500


def add_export_parser(commands: Any) -> None:
    export = commands.add_parser("export", help="write quotes, people or articles as CSV or JSONL")
    export.add_argument("what", choices=sorted(KINDS), help="what to export")
    export.add_argument(
        "--since", metavar="DATE", help="only articles stored at or after DATE (or an instant)"
    )
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="(csv)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")


def parse_since(raw: str) -> str:
    """``2026-03-20`` stays a day (every instant of it sorts after it); an instant becomes
    the store's UTC form."""
    raw = raw.strip()
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    try:
        instant = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a date (YYYY-MM-DD) or ISO 8601 instant") from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def rows_of(store: ArticleStore, what: str, since: str | None) -> AsyncIterator[ExportRow]:
    if what == "quotes":
        return store.export.quotes(since=since)
    if what == "people":
        return store.export.people(since=since)
    return store.export.articles(since=since)


async def write_rows(
    rows: AsyncIterator[ExportRow], kind: type[ExportRow], form: str, out: IO[str], *, bom: bool
) -> int:
    if form == "csv":
        out.write((BOM if bom else "") + csv_text([], kind))
    count = 0
    batch: list[ExportRow] = []
    async for row in rows:
        batch.append(row)
        if len(batch) >= ROWS_PER_WRITE:
            out.write(csv_text(batch) if form == "csv" else jsonl_text(batch))
            count += len(batch)
            batch = []
    out.write(csv_text(batch) if form == "csv" else jsonl_text(batch))
    return count + len(batch)


async def run_export(config: Config, args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as error:
        err.write(f"newsroom-bot export: --since: {error}\n")
        return 2
    kind = KINDS[args.what]
    async with await open_store(config.db) as store:
        rows = rows_of(store, args.what, since)
        if not args.output:
            await write_rows(rows, kind, args.format, out, bom=False)
            return 0
        target = Path(args.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        # newline="" keeps the CSV writer's CRLF line ends as they are
        with target.open("w", encoding="utf-8", newline="") as file:
            count = await write_rows(rows, kind, args.format, file, bom=args.format == "csv")
    err.write(f"{count} row{'s' if count != 1 else ''} written to {target}\n")
    return 0
