"""The ``newsroom-bot`` command line: ingest, analyze, reindex, stats, feeds, export, run."""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from bot.cli_export import add_export_parser, run_export
from bot.cli_feeds import add_feeds_parser, run_feeds
from bot.config import Config, ConfigError, load_config
from bot.fetcher import FetchSettings
from bot.ingestion import IngestReport, ingest_all, is_url, read_urls, reindex
from bot.progress import ProgressBar, estimate_total
from ingest import ANALYZER_VERSION, Analysis, analyze
from ingest.sources.readers import ReadError, decode_text, read_json_lines, read_paths
from storage import Store


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsroom-bot",
        description="Newsroom bot: article store, analysis and the Telegram bot.",
    )
    parser.add_argument(
        "--db", metavar="PATH", help="article store (default: $NEWSROOM_DB or ./newsroom.db)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="add articles to the store")
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, http(s) URLs, or - for stdin"
    )

    analyze_cmd = commands.add_parser("analyze", help="print the analysis of articles as JSON")
    analyze_cmd.add_argument("paths", nargs="+", metavar="PATH", help="files, or - for stdin")
    analyze_cmd.add_argument(
        "--jsonl", action="store_true", help='input lines are {"id", "text", "title"?} records'
    )
    analyze_cmd.add_argument(
        "--sentences", type=_positive_int, default=3, metavar="N", help="summary length (3)"
    )

    commands.add_parser("reindex", help="re-analyse articles stored by an older analyzer")
    commands.add_parser("stats", help="counts of articles, quotes and people; store size")
    add_feeds_parser(commands)
    add_export_parser(commands)

    run = commands.add_parser("run", help="run the bot (Telegram, or an offline console)")
    run.add_argument("--console", action="store_true", help="offline console even with a token")
    run.add_argument("--webhook", metavar="URL", help="serve Telegram by webhook at URL")
    run.add_argument(
        "--seed-dir", metavar="DIR", help="ingest this folder first when the store is empty"
    )
    return parser


def _positive_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def analysis_record(article_id: str, analysis: Analysis) -> dict[str, Any]:
    """The JSON shape of ``newsroom-bot analyze``."""
    return {
        "id": article_id,
        "title": analysis.title,
        "dateline": analysis.dateline.as_dict() if analysis.dateline else None,
        "summary": list(analysis.summary),
        "quotes": [q.as_dict() for q in analysis.quotes],
        "reported": [q.as_dict() for q in analysis.reported],
        "people": [p.as_dict() for p in analysis.people],
    }


def _print_failures(report: IngestReport, err: IO[str]) -> None:
    for failure in report.failures:
        err.write(f"failed: {failure}\n")


async def _ingest(config: Config, paths: list[str], out: IO[str], err: IO[str]) -> int:
    urls = [p for p in paths if is_url(p)]
    files = [p for p in paths if not is_url(p)]
    total = estimate_total(files)
    bar = ProgressBar(None if total is None else total + len(urls), err)
    pages = await read_urls(urls, FetchSettings(allow_private=config.allow_private_urls))
    async with await Store.open(config.db_path) as store:
        results = itertools.chain(pages, read_paths(files, sys.stdin.buffer))
        report = await ingest_all(store, results, bar)
    bar.close()
    _print_failures(report, err)
    out.write(report.line() + "\n")
    return 1 if report.failed else 0


async def _reindex(config: Config, out: IO[str], err: IO[str]) -> int:
    async with await Store.open(config.db_path) as store:
        total = (await store.stats()).outdated
        bar = ProgressBar(total, err)
        report = await reindex(store, ANALYZER_VERSION, bar)
    bar.close()
    _print_failures(report, err)
    done = report.counts["updated"] + report.counts["unchanged"]
    out.write(f"{done} re-analysed, {report.failed} failed\n")
    return 1 if report.failed else 0


async def _stats(config: Config, out: IO[str]) -> int:
    async with await Store.open(config.db_path) as store:
        stats = await store.stats()
    out.write(
        f"articles: {stats.articles}\nquotes: {stats.quotes}\nreported speech: {stats.reported}\n"
        f"people: {stats.people}\noutdated analyses: {stats.outdated}\n"
        f"database: {stats.path}\nsize: {stats.size_bytes / 1024:.1f} KiB\n"
    )
    return 0


async def _run(config: Config, args: argparse.Namespace) -> int:
    from bot.runner import run_bot

    async with await Store.open(config.db_path) as store:
        if args.seed_dir and (await store.stats()).articles == 0:
            report = await ingest_all(store, read_paths([args.seed_dir]))
            logging.getLogger(__name__).info("seeded the store: %s", report.line())
            for failure in report.failures:
                logging.getLogger(__name__).warning("seed failed: %s", failure)
        outdated = (await store.stats()).outdated
        if outdated:
            logging.getLogger(__name__).warning(
                "%d article(s) were analysed by an older analyzer; "
                "run 'newsroom-bot reindex' to bring their quotes and people up to date",
                outdated,
            )
        return await run_bot(config, store, console=args.console, webhook=args.webhook)


def _analyze(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    failed = 0
    for source, article_id, text, title in _analysis_inputs(args, err):
        if text is None:
            failed += 1
            continue
        try:
            result = analyze(text, title=title, summary_sentences=args.sentences)
        except Exception as error:  # report and carry on with the next article
            err.write(f"failed: {source}: analysis error ({type(error).__name__}: {error})\n")
            failed += 1
            continue
        out.write(json.dumps(analysis_record(article_id, result), ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _analysis_inputs(args: argparse.Namespace, err: IO[str]):  # type: ignore[no-untyped-def]
    """``(source, id, text or None on failure, title)`` for each article to analyse."""
    for raw in args.paths:
        if args.jsonl:
            if raw == "-":
                lines = sys.stdin.buffer.read().decode("utf-8", "replace").splitlines()
            else:
                try:
                    lines = Path(raw).read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError) as error:
                    err.write(f"failed: {raw}: cannot read ({error})\n")
                    yield raw, raw, None, None
                    continue
            for result in read_json_lines(lines, raw):
                if isinstance(result, ReadError):
                    err.write(f"failed: {result}\n")
                    yield result.source, "", None, None
                else:
                    yield result.id, result.id, result.text, result.title
            continue
        try:
            data = sys.stdin.buffer.read() if raw == "-" else Path(raw).read_bytes()
        except OSError as error:
            err.write(f"failed: {raw}: cannot read ({error.strerror or error})\n")
            yield raw, raw, None, None
            continue
        text = decode_text(data, raw)
        if isinstance(text, ReadError):
            err.write(f"failed: {text}\n")
            yield raw, raw, None, None
            continue
        yield raw, "stdin" if raw == "-" else Path(raw).stem, text, None


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None) -> int:
    out = out or sys.stdout
    err = sys.stderr
    args = build_parser().parse_args(argv)
    try:
        config = load_config()
    except ConfigError as error:
        err.write(f"newsroom-bot: configuration error: {error}\n")
        return 2
    if args.db:
        config = replace(config, db_path=Path(args.db))
    logging.basicConfig(
        level=config.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        if args.command == "analyze":
            return _analyze(args, out, err)
        if args.command == "ingest":
            return asyncio.run(_ingest(config, args.paths, out, err))
        if args.command == "reindex":
            return asyncio.run(_reindex(config, out, err))
        if args.command == "stats":
            return asyncio.run(_stats(config, out))
        if args.command == "feeds":
            return asyncio.run(run_feeds(config, args, out, err))
        if args.command == "export":
            return asyncio.run(run_export(config, args, out, err))
        return asyncio.run(_run(config, args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
