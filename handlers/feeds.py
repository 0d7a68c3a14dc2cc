"""``/addfeed``, ``/removefeed`` and ``/feeds``: admins and editors manage the feeds polled."""

from __future__ import annotations

from typing import Protocol
from urllib.parse import urlsplit

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.deps import Deps, get_deps
from handlers.text import esc, shorten, split_items
from storage.rows import FeedRow

FEEDS_KEY = "feeds"
ADD_USAGE = "Usage: /addfeed <url> — an RSS or Atom feed, http:// or https://"
REMOVE_USAGE = "Usage: /removefeed <number|url> — the number /feeds shows"


class FeedPolling(Protocol):
    def poll_soon(self, feed_id: int) -> None:
        """Poll this feed now, in the background."""
        ...


async def may_add(deps: Deps, user_id: int | None) -> bool:
    """Admins and editors add articles and feeds; readers only read."""
    if user_id is None:
        return False
    return user_id in deps.admins or await deps.store.members.is_editor(user_id)


def feed_url(raw: str) -> str | None:
    """``raw`` as a feed url, or ``None`` when it is not an http(s) url with a host."""
    url = raw.strip()
    if any(c.isspace() for c in url) or len(url) > 2000:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def describe(feed: FeedRow) -> str:
    title = esc(shorten(feed.title, 80)) if feed.title else "<i>(no title yet)</i>"
    lines = [
        f"<b>{feed.id}.</b> {title}",
        f"{esc(feed.url)}",
        f"every {feed.interval_minutes} min · {feed.articles_taken} articles taken",
    ]
    if feed.status == "stopped":
        lines.append("⛔ stopped (the feed is gone); /addfeed again to resume")
    success = feed.last_success_at[:16].replace("T", " ") if feed.last_success_at else "never"
    lines.append(f"last success: {success}")
    if feed.last_error and feed.error_count:
        when = (feed.last_error_at or "")[:16].replace("T", " ")
        error = esc(shorten(feed.last_error, 200))
        lines.append(f"⚠️ last error ({feed.error_count} in a row, {when}): {error}")
    return "\n".join(lines)


async def _editor_message(update: Update, deps: Deps) -> Message | None:
    message = update.effective_message
    assert message is not None
    user = update.effective_user
    if not await may_add(deps, user.id if user else None):
        await message.reply_text("Only admins and editors can manage feeds.")
        return None
    return message


def _poller(context: ContextTypes.DEFAULT_TYPE) -> FeedPolling | None:
    poller: FeedPolling | None = context.application.bot_data.get(FEEDS_KEY)
    return poller


async def add_feed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = get_deps(context)
    message = await _editor_message(update, deps)
    if message is None:
        return
    args = context.args or []
    url = feed_url(args[0]) if len(args) == 1 else None
    if url is None:
        await message.reply_text(ADD_USAGE)
        return
    user = update.effective_user
    feed, added = await deps.store.feeds.add(
        url,
        interval_minutes=deps.feed_minutes,
        added_by=user.id if user else None,
        now=deps.store.now(),
    )
    poller = _poller(context)
    if poller is not None:
        poller.poll_soon(feed.id)
    if added:
        text = (
            f"Added feed <b>{feed.id}</b>: {esc(url)}\nPolling it now, then every "
            f"{feed.interval_minutes} min. /feeds shows how it goes."
        )
    else:
        when = feed.next_poll_at[:16].replace("T", " ")
        text = f"Feed <b>{feed.id}</b> is already polled: {esc(url)}. Next poll: {when} UTC."
    await message.reply_text(text, parse_mode=ParseMode.HTML, disable_web_page_preview=True)


async def remove_feed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = get_deps(context)
    message = await _editor_message(update, deps)
    if message is None:
        return
    reference = " ".join(context.args or []).strip()
    if not reference:
        await message.reply_text(REMOVE_USAGE)
        return
    feed = await deps.store.feeds.resolve(reference)
    if feed is None or not await deps.store.feeds.remove(feed.id):
        await message.reply_text(f"No feed {shorten(reference, 100)}. /feeds lists them.")
        return
    await message.reply_text(
        f"Removed feed <b>{feed.id}</b>: {esc(feed.url)}. Its articles stay in the store.",
        parse_mode=ParseMode.HTML,
        disable_web_page_preview=True,
    )


async def list_feeds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = get_deps(context)
    message = await _editor_message(update, deps)
    if message is None:
        return
    feeds = await deps.store.feeds.all()
    if not feeds:
        await message.reply_text("No feeds yet. Add one with /addfeed <url>.")
        return
    header = f"<b>Feeds</b>: {len(feeds)}"
    for text in split_items([describe(f) for f in feeds], header=header):
        await message.reply_text(text, parse_mode=ParseMode.HTML, disable_web_page_preview=True)
