"""An RSS (0.9x, 1.0, 2.0) or Atom document → its entries. Pure: the feed arrives as bytes.

feedparser reads every dialect and survives most broken feeds; this module keeps what the
poller needs of each entry, with a key that stays the same from one poll to the next (its
guid, else its link, else a hash of its title and content).
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from ingest.sources.html_text import html_to_text

MAX_FEED_BYTES = 5 * 1024 * 1024


class FeedError(ValueError):
    """The document is not a feed we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str
    guid: str | None
    url: str | None
    title: str | None
    published: str | None
    author: str | None
    content: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """The entries of the feed at ``url`` (relative links are resolved against it)."""
    if not body or not body.strip():
        raise FeedError("the feed is empty")
    if len(body) > MAX_FEED_BYTES:
        raise FeedError(f"the feed is too large ({len(body) / 1048576:.1f} MB)")
    parsed = feedparser.parse(
        io.BytesIO(body),  # never bytes: feedparser opens a local file when they name one
        response_headers={"content-location": url, "content-type": "application/xml"},
        resolve_relative_uris=False,  # our own urljoin on the links we keep is enough
        sanitize_html=False,  # entry HTML is reduced to text, never shown as HTML
    )
    version = parsed.get("version") or ""
    entries = tuple(
        entry
        for entry in (_entry(e, url) for e in parsed.get("entries", ()))
        if entry.url or entry.title or entry.content
    )
    reason = parsed.get("bozo_exception")
    detail = f" ({_short(str(reason))})" if reason else ""
    if not version and not entries:
        raise FeedError(f"not an RSS or Atom feed{detail}")
    if parsed.get("bozo") and not entries:
        raise FeedError(f"malformed feed with no usable entry{detail}")
    channel: Any = parsed.get("feed", {})
    link = channel.get("link")
    return ParsedFeed(
        title=_clean(channel.get("title")),
        link=urljoin(url, link) if link else None,
        entries=entries,
    )


def _entry(entry: Any, feed_url: str) -> FeedEntry:
    link = entry.get("link")
    url = urljoin(feed_url, link.strip()) if link and link.strip() else None
    guid = _clean(entry.get("id"))
    title = _clean(html_to_text(entry.get("title", ""))) if entry.get("title") else None
    content = ""
    for part in entry.get("content", ()) or ():
        value = part.get("value") or ""
        if len(value) > len(content):
            content = value
    summary = entry.get("summary") or ""
    if len(summary) > len(content):
        content = summary
    text = html_to_text(content) if content else ""
    key = guid or url or "sha256:" + hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()
    return FeedEntry(
        key=key[:1000],
        guid=guid,
        url=url,
        title=title,
        published=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=_clean(entry.get("author")),
        content=text,
    )


def _when(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat(timespec="seconds")
    except (TypeError, ValueError):
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
