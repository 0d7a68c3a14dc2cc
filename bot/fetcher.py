"""The bot's one HTTP client for pages and feeds, with every limit a hostile URL needs.

- http and https only, hosts on public addresses only (``bot/url_guard.py``), checked again
  on every redirect, and the connection made to the address that was checked;
- at most ``max_redirects`` redirects, a loop refused as one;
- a timeout for the whole request, body included;
- at most ``max_bytes`` of body, counted while it streams and after decompression (the body
  is inflated here, a chunk at a time with a cap, so a gzip bomb is cut, never inflated);
- only HTML for pages and XML for feeds;
- conditional requests (ETag / Last-Modified) for feeds;
- at most ``max_concurrent`` requests at once, ``per_host_concurrent`` per host, with a pause
  between requests to the same host.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import zlib
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from bot.url_guard import Target, UrlRefused, resolve

Kind = Literal["page", "feed"]
USER_AGENT = "newsroom-bot/0.1 (+feeds; a newsroom's article reader)"
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
# Servers that label a feed loosely: accepted when the body itself starts like XML.
LOOSE_FEED_TYPES = ("text/plain", "application/octet-stream", "text/html", "")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = USER_AGENT
    timeout_s: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    max_concurrent: int = 8
    per_host_concurrent: int = 1
    per_host_pause_s: float = 0.2


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    status: int
    content_type: str | None
    body: bytes
    etag: str | None
    last_modified: str | None
    not_modified: bool


class FetchError(Exception):
    """Why a URL could not be had. ``kind``: scheme, private, dns, timeout, http, gone,
    too_large, redirects, content_type or network; ``message`` is fit for an admin."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status


class _TooLarge(Exception):
    pass


class Fetcher:
    """``async with Fetcher(settings) as fetcher: await fetcher.fetch(url, kind="page")``."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(self.settings.timeout_s),
            limits=httpx.Limits(max_connections=max(self.settings.max_concurrent, 1) * 2),
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=transport,
        )
        self._overall = asyncio.Semaphore(self.settings.max_concurrent)
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.settings.per_host_concurrent)
        )
        self._last_request: dict[str, float] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        kind: Kind,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url`` within every limit; :class:`FetchError` otherwise. The timeout counts
        from when a request is sent (not while it waits for its turn at the host)."""
        return await self._follow(url, kind, etag, last_modified)

    async def _follow(
        self, url: str, kind: Kind, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        seen: set[str] = set()
        current = url
        for hop in range(self.settings.max_redirects + 1):
            if current in seen:
                raise FetchError("redirects", f"redirect loop at {current}")
            seen.add(current)
            conditional = hop == 0
            result = await self._get(
                current, kind, etag if conditional else None, last_modified if conditional else None
            )
            if isinstance(result, FetchResult):
                return result
            current = result
        raise FetchError("redirects", f"more than {self.settings.max_redirects} redirects")

    async def _get(
        self, url: str, kind: Kind, etag: str | None, last_modified: str | None
    ) -> FetchResult | str:
        """One request: the result, or the URL a redirect points to."""
        try:
            target = await resolve(url, allow_private=self.settings.allow_private)
        except UrlRefused as refused:
            raise FetchError(refused.kind, refused.message) from None
        headers = {"Accept": _accept(kind)}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with self._slot(target):
            request = _pinned_request(self._client, target, headers)
            try:
                async with asyncio.timeout(self.settings.timeout_s):
                    response = await self._client.send(request, stream=True)
                    try:
                        return await self._read(url, kind, response)
                    finally:
                        await response.aclose()
            except (TimeoutError, httpx.TimeoutException):
                seconds = self.settings.timeout_s
                raise FetchError("timeout", f"no answer within {seconds:g} s") from None
            except httpx.HTTPError as error:
                message = f"{target.host}: {type(error).__name__}: {error}"
                raise FetchError("network", message) from None

    async def _read(self, url: str, kind: Kind, response: httpx.Response) -> FetchResult | str:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError("http", f"HTTP {status} without a Location", status)
            return urljoin(url, location.strip())
        etag = response.headers.get("etag")
        modified = response.headers.get("last-modified")
        if status == 304:
            return FetchResult(url, 304, None, b"", etag, modified, True)
        if status == 410:
            raise FetchError("gone", "HTTP 410 Gone: the address is gone for good", status)
        if status >= 400 or status < 200:
            reason = response.reason_phrase or ""
            raise FetchError("http", f"HTTP {status} {reason}".strip(), status)
        content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.settings.max_bytes:
            raise FetchError("too_large", f"the body is {int(declared):,} bytes, over the limit")
        if kind == "page" and content_type and content_type not in PAGE_TYPES:
            raise FetchError("content_type", f"not a web page ({content_type})")
        if kind == "feed" and content_type not in FEED_TYPES + LOOSE_FEED_TYPES:
            raise FetchError("content_type", f"not a feed ({content_type})")
        try:
            body = await _body(response, self.settings.max_bytes)
        except _TooLarge:
            limit = self.settings.max_bytes / 1048576
            raise FetchError("too_large", f"the body is over the {limit:g} MB limit") from None
        except (httpx.HTTPError, zlib.error) as error:
            raise FetchError("network", f"the body could not be read: {error}") from None
        if kind == "feed" and content_type in LOOSE_FEED_TYPES and not _looks_like_xml(body):
            raise FetchError("content_type", f"not a feed ({content_type or 'no type'})")
        return FetchResult(url, status, content_type or None, body, etag, modified, False)

    @contextlib.asynccontextmanager
    async def _slot(self, target: Target) -> AsyncIterator[None]:
        host = f"{target.host}:{target.port}"
        async with self._hosts[host]:
            wait = self._last_request.get(host, 0.0) + self.settings.per_host_pause_s
            delay = wait - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)  # the pause holds this host only, not a slot
            try:
                async with self._overall:
                    yield
            finally:
                self._last_request[host] = time.monotonic()


def _accept(kind: Kind) -> str:
    if kind == "feed":
        return "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1"
    return "text/html, application/xhtml+xml;q=0.9"


def _pinned_request(
    client: httpx.AsyncClient, target: Target, headers: dict[str, str]
) -> httpx.Request:
    """A GET to the checked address, with the host name kept for Host, SNI and certificates."""
    parts = urlsplit(target.url)
    address = f"[{target.address}]" if ":" in target.address else target.address
    pinned = urlunsplit(
        (target.scheme, f"{address}:{target.port}", parts.path or "/", parts.query, "")
    )
    default_port = 443 if target.scheme == "https" else 80
    host = target.host if target.port == default_port else f"{target.host}:{target.port}"
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return client.build_request(
        "GET", pinned, headers={**headers, "Host": host}, extensions=extensions
    )


async def _body(response: httpx.Response, limit: int) -> bytes:
    """The body, inflated here a chunk at a time so that no more than ``limit`` bytes exist."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    inflater = zlib.decompressobj(47) if encoding in ("gzip", "x-gzip", "deflate") else None
    out = bytearray()
    async for raw in response.aiter_raw(_CHUNK):
        if inflater is None:
            out += raw
        else:
            data = raw
            while data:
                out += inflater.decompress(data, limit + 1 - len(out))
                data = inflater.unconsumed_tail
                if len(out) > limit:
                    raise _TooLarge
        if len(out) > limit:
            raise _TooLarge
    if inflater is not None:
        out += inflater.flush()
        if len(out) > limit:
            raise _TooLarge
    return bytes(out)


def _looks_like_xml(body: bytes) -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))
