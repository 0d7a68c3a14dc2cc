"""RSS 0.9x / 1.0 / 2.0 and Atom feeds → their entries (feedparser, on bytes already fetched).

Pure: the body is given; feedparser never fetches (it is handed bytes, never a url or a path).
Links are resolved against the feed's url. Entry content is plain text: HTML is stripped
(feedparser's own HTML sanitising and relative-URI rewriting are switched off — we keep
no HTML, so they would cost time for nothing).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from ingest.sources.html_text import html_to_text, plain_to_text

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class FeedError(ValueError):
    """The body is not a feed we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str
    """The entry's identity across polls: its guid, else its url, else a hash of its text."""
    guid: str | None
    url: str | None
    title: str | None
    published: str | None
    """ISO 8601 in UTC (``2026-05-28T21:26:40Z``): published, else updated."""
    author: str | None
    content: str
    """Content (else summary) as plain text, paragraphs separated by blank lines; may be ""."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _iso(moment: time.struct_time | None) -> str | None:
    if moment is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", moment)


def _author(entry: Any) -> str | None:
    """``desk@x.example (Maria Lopez)`` → ``Maria Lopez``; a bare address → None."""
    raw = _clean(entry.get("author"))
    if raw is None:
        return None
    if raw.endswith(")") and "(" in raw:
        inner = raw[raw.rindex("(") + 1 : -1].strip()
        if inner and "@" not in inner:
            return inner
    if "@" in raw and " " not in raw:
        return None
    return raw


def _content(entry: Any) -> str:
    candidates = [*entry.get("content", ())]
    summary = entry.get("summary_detail")
    if summary is not None:
        candidates.append(summary)
    best = ""
    for candidate in candidates:
        value = candidate.get("value") or ""
        kind = (candidate.get("type") or "text/html").lower()
        text = html_to_text(value) if kind in _HTML_TYPES else plain_to_text(value)
        if len(text) > len(best):
            best = text
    return best


def _entry(entry: Any, base: str) -> FeedEntry:
    guid = _clean(entry.get("id"))
    link = _clean(entry.get("link"))
    url = urljoin(base, link) if link else None
    title = _clean(entry.get("title"))
    if title and "<" in title and entry.get("title_detail", {}).get("type") in _HTML_TYPES:
        title = _clean(html_to_text(title))
    content = _content(entry)
    if guid:
        key = guid
    elif url:
        key = url
    else:
        digest = hashlib.sha256(f"{title or ''}\n{content}".encode()).hexdigest()
        key = "sha256:" + digest
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    return FeedEntry(key, guid, url, title, published, _author(entry), content)


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    return head.startswith((b"<!doctype html", b"<html"))


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """The feed's title, link and entries; :class:`FeedError` when it holds none we can read."""
    if not body.strip():
        raise FeedError("empty response, not a feed")
    if _looks_like_html(body):
        raise FeedError("an HTML page, not an RSS or Atom feed")
    parsed = feedparser.parse(
        bytes(body),
        response_headers={
            "content-location": url,
            "content-type": content_type or "application/xml",
        },
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    entries = tuple(_entry(entry, url) for entry in parsed.entries)
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise FeedError(f"malformed feed with no readable entries ({problem})")
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
    feed = parsed.get("feed", {})
    link = _clean(feed.get("link"))
    return ParsedFeed(
        title=_clean(feed.get("title")),
        link=urljoin(url, link) if link else None,
        entries=entries,
    )
