"""Feed and page bodies for poller tests, and a fetcher double that serves them from memory.

The end-to-end tests serve the same bodies over real HTTP on 127.0.0.1; the in-memory double
keeps the poller's bookkeeping tests (back-off, notices, give-up after a day) exact and fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from bot.fetcher import FetchError, FetchResult

PARAGRAPH = (
    "The council voted on Tuesday to extend the river path by four kilometres, a plan first "
    "proposed a decade ago. Residents who spoke at the meeting said the path would link two "
    "neighbourhoods that have no safe walking route between them today. The work is expected "
    "to begin in the spring and to take about eighteen months, officials said."
)


def article_html(title: str, paragraphs: Sequence[str], *, url: str, published: str) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html><html><head><title>{escape(title)} | Valley News</title>
<link rel="canonical" href="{escape(url)}">
<meta property="og:site_name" content="Valley News">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>{escape(title)}</h1>{body}</article>
<aside class="related"><h2>Related stories</h2>
<ul><li><a href="/x">Other story</a></li></ul></aside>
<footer>© Valley News. All rights reserved.</footer>
</body></html>"""


def story(number: int) -> tuple[str, list[str]]:
    title = f"Council extends river path, story {number}"
    lead = f"Story {number}: " + PARAGRAPH
    quote = (
        f'"This is the path we promised," said Mayor Elena Ruiz{number}, who chairs the '
        "council. She said construction crews would start near the old mill."
    )
    return title, [lead, quote, PARAGRAPH]


def rss(title: str, base: str, items: Sequence[tuple[int, datetime]], *, content: str = "") -> str:
    entries = "".join(
        f"""<item><title>{escape(story(n)[0])}</title><link>{base}/story/{n}</link>
<guid isPermaLink="false">story-{n}</guid><pubDate>{format_datetime(when)}</pubDate>
<description>{escape(content)}</description></item>"""
        for n, when in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>{base}/</link>
<description>News</description>{entries}</channel></rss>"""


@dataclass
class MemoryFetcher:
    """``fetch`` answers from ``pages`` (url → body or a FetchError to raise), honouring ETags."""

    pages: dict[str, bytes | FetchError] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    before: Callable[[str], None] | None = None

    async def fetch(
        self,
        url: str,
        *,
        kind: str,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        self.calls.append((kind, url))
        if self.before is not None:
            self.before(url)
        found = self.pages.get(url)
        if found is None:
            raise FetchError("http", f"404 Not Found: {url}", 404)
        if isinstance(found, FetchError):
            raise found
        tag = self.etags.get(url)
        if tag is not None and etag == tag:
            return FetchResult(url, 304, None, b"", tag, None, True)
        content_type = "application/rss+xml" if kind == "feed" else "text/html; charset=utf-8"
        return FetchResult(url, 200, content_type, found, tag, None, False)


class ManualClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
