"""``newsroom-bot feeds add|remove|list``: the feeds the bot polls, from the server's shell."""

from __future__ import annotations

import argparse
from typing import IO, Any

from bot.config import Config
from handlers.feeds import feed_url
from storage import open_store
from storage.rows import FeedRow


def add_feeds_parser(commands: Any) -> None:
    feeds = commands.add_parser("feeds", help="add, remove or list the feeds the bot polls")
    actions = feeds.add_subparsers(dest="feeds_action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="poll an RSS or Atom feed")
    add.add_argument("url", help="the feed's http(s) url")
    add.add_argument(
        "--minutes", type=int, default=None, help="poll interval (default: $NEWSROOM_FEED_MINUTES)"
    )
    remove = actions.add_parser("remove", help="stop polling a feed (its articles stay)")
    remove.add_argument("feed", metavar="NUMBER|URL")
    actions.add_parser("list", help="every feed and how it fares")


def feed_line(feed: FeedRow) -> str:
    state = "stopped" if feed.status == "stopped" else f"every {feed.interval_minutes} min"
    success = feed.last_success_at or "never"
    line = (
        f"{feed.id}\t{feed.url}\t{feed.title or '-'}\t{state}\t{feed.articles_taken} articles\t"
        f"last success {success}"
    )
    if feed.error_count and feed.last_error:
        line += f"\tfailing ({feed.error_count}): {feed.last_error}"
    return line


async def run_feeds(config: Config, args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    async with await open_store(config.db) as store:
        if args.feeds_action == "add":
            url = feed_url(args.url)
            minutes = config.feed_minutes if args.minutes is None else args.minutes
            if url is None:
                err.write(f"newsroom-bot: not an http(s) url: {args.url!r}\n")
                return 2
            if minutes < 1:
                err.write("newsroom-bot: --minutes must be at least 1\n")
                return 2
            feed, added = await store.feeds.add(
                url, interval_minutes=minutes, added_by=None, now=store.now()
            )
            verb = "added" if added else "already there"
            out.write(f"{verb}: feed {feed.id} {feed.url} (every {feed.interval_minutes} min)\n")
            return 0
        if args.feeds_action == "remove":
            found = await store.feeds.resolve(args.feed)
            if found is None or not await store.feeds.remove(found.id):
                err.write(f"newsroom-bot: no feed {args.feed!r}\n")
                return 1
            out.write(f"removed: feed {found.id} {found.url}\n")
            return 0
        for feed in await store.feeds.all():
            out.write(feed_line(feed) + "\n")
        return 0
