"""The bot's one HTTP client for web pages and feeds: safe, polite and bounded.

- only ``http``/``https``; a User-Agent naming the bot; one deadline for the whole fetch
  (every redirect hop and the body included);
- no server-side request forgery: every connection goes through
  :class:`bot.url_guard.GuardedNetworkBackend` (public addresses only unless allowed; the
  address checked is the address connected to), and each redirect hop is checked again;
- at most ``max_redirects`` redirects, followed one by one; a loop is named as such;
- at most ``max_bytes``: a larger Content-Length is refused before reading, the body is counted
  while it streams, and a compressed body is inflated here in bounded steps, so a gzip bomb is
  cut at the cap instead of being inflated in memory;
- pages must be HTML; feeds must be an RSS/Atom/XML type — or, since servers often lie,
  text/plain, text/html, application/octet-stream or no type at all when the body itself starts
  like XML (``<?xml``, ``<rss``, ``<feed``, ``<rdf:RDF``);
- conditional requests: ETag / Last-Modified are sent back; a 304 is ``not_modified``;
- at most ``max_concurrent`` fetches at once, ``per_host_concurrent`` per host, and a pause of
  ``per_host_pause_s`` between two requests to one host.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin

import httpcore
import httpx

from bot.url_guard import AddressRefused, GuardedNetworkBackend

FetchKind = Literal["page", "feed"]
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)
SNIFFED_FEED_TYPES = frozenset({"", "text/plain", "text/html", "application/octet-stream"})
_ACCEPT = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,"
    "*/*;q=0.1",
}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_XML_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")
FETCH_ERROR_KINDS = frozenset(
    {"scheme", "private", "dns", "timeout", "http", "too_large", "redirects", "content_type"}
    | {"network", "gone"}
)


class FetchError(Exception):
    """A fetch that failed; ``kind`` is one of :data:`FETCH_ERROR_KINDS`."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = "newsroom-bot/0.1 (+feeds)"
    timeout_s: float = 15
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    max_concurrent: int = 8
    per_host_concurrent: int = 1
    per_host_pause_s: float = 0.2


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    """The final url, after redirects."""
    status: int
    content_type: str | None
    body: bytes
    etag: str | None
    last_modified: str | None
    not_modified: bool


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool built on the guarded network backend."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False, retries=0)
        # httpx does not expose httpcore's ``network_backend``: the pool is rebuilt with it.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedNetworkBackend(allow_private),
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _starts_with(body: bytes, starts: tuple[bytes, ...]) -> bool:
    head = body[:1024].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    return head[:16].lower().startswith(starts)


def _host_key(url: httpx.URL) -> str:
    return f"{url.host}:{url.port or (443 if url.scheme == 'https' else 80)}"


def check_url(raw: str) -> httpx.URL:
    """``raw`` as a url the fetcher may request, else :class:`FetchError` ("scheme")."""
    try:
        url = httpx.URL(raw.strip())
    except (httpx.InvalidURL, TypeError) as error:
        raise FetchError("scheme", f"not a valid url: {raw!r} ({error})") from None
    if url.scheme not in ("http", "https"):
        scheme = url.scheme or "no scheme"
        raise FetchError("scheme", f"only http and https urls are fetched, not {scheme}: {raw}")
    if not url.host:
        raise FetchError("scheme", f"the url has no host: {raw}")
    return url


class _Inflater:
    """Inflates gzip/deflate in steps that never produce more than the bytes still allowed."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._zlib = zlib.decompressobj(31 if self._gzip else 15)
        self._raw_deflate_tried = False

    def inflate(self, data: bytes, allowed: int) -> bytes:
        """Up to ``allowed + 1`` bytes of output (one more than allowed means: too large)."""
        out = bytearray()
        while data and len(out) <= allowed:
            try:
                out += self._zlib.decompress(data, allowed + 1 - len(out))
            except zlib.error:
                if self._gzip or self._raw_deflate_tried:
                    raise
                # "deflate" sent as raw deflate rather than zlib: start again without header.
                self._raw_deflate_tried = True
                self._zlib = zlib.decompressobj(-15)
                continue
            self._raw_deflate_tried = True
            data = self._zlib.unconsumed_tail
            if self._zlib.eof and self._zlib.unused_data:
                data = self._zlib.unused_data  # the next gzip member
                self._zlib = zlib.decompressobj(31 if self._gzip else 15)
        return bytes(out)


class Fetcher:
    """``async with Fetcher(settings) as fetcher: result = await fetcher.fetch(url, kind=…)``."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self._client: httpx.AsyncClient | None = None
        self._overall = asyncio.Semaphore(settings.max_concurrent)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._last_request: dict[str, float] = {}

    async def __aenter__(self) -> Fetcher:
        self._client = httpx.AsyncClient(
            transport=_GuardedTransport(self.settings.allow_private),
            follow_redirects=False,
            timeout=httpx.Timeout(self.settings.timeout_s),
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
            },
            trust_env=False,
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    @asynccontextmanager
    async def _slot(self, host: str) -> AsyncIterator[None]:
        """One of the host's slots, then one of the overall ones; the pause between requests."""
        semaphore = self._hosts.get(host)
        if semaphore is None:
            semaphore = self._hosts[host] = asyncio.Semaphore(self.settings.per_host_concurrent)
        async with semaphore:
            last = self._last_request.get(host)
            if last is not None:
                wait = last + self.settings.per_host_pause_s - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            try:
                async with self._overall:
                    yield
            finally:
                self._last_request[host] = time.monotonic()

    async def fetch(
        self,
        url: str,
        *,
        kind: FetchKind,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """The page or feed at ``url``; every failure is a :class:`FetchError`."""
        if self._client is None:
            raise RuntimeError("Fetcher used outside 'async with'")
        headers = {"Accept": _ACCEPT[kind]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: list[str] = []
        current = url
        # The time limit counts time spent on the wire (all hops), not time queued for a slot.
        budget = self.settings.timeout_s
        while True:
            target = check_url(current)
            if str(target) in seen:
                chain = " → ".join([*seen, str(target)])
                raise FetchError("redirects", f"redirect loop: {chain}")
            if len(seen) > self.settings.max_redirects:
                raise FetchError(
                    "redirects", f"more than {self.settings.max_redirects} redirects from {url}"
                )
            seen.append(str(target))
            async with self._slot(_host_key(target)):
                started = time.monotonic()
                try:
                    async with asyncio.timeout(budget):
                        outcome = await self._hop(target, headers, kind)
                except TimeoutError:
                    raise FetchError(
                        "timeout",
                        f"no complete answer within {self.settings.timeout_s:g} s: {url}",
                    ) from None
                budget -= time.monotonic() - started
            if isinstance(outcome, FetchResult):
                return outcome
            current = outcome

    async def _hop(
        self, target: httpx.URL, headers: dict[str, str], kind: FetchKind
    ) -> FetchResult | str:
        """One request: the result, or the url a redirect points to."""
        response = await self._send(target, headers)
        try:
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                return urljoin(str(target), location.strip())
            return await self._read(response, str(target), kind)
        finally:
            await response.aclose()

    async def _send(self, url: httpx.URL, headers: dict[str, str]) -> httpx.Response:
        assert self._client is not None
        request = self._client.build_request("GET", url, headers=headers)
        try:
            return await self._client.send(request, stream=True)
        except AddressRefused as refused:
            raise FetchError(refused.kind, refused.message) from None
        except httpx.TimeoutException:
            raise FetchError("timeout", f"timed out talking to {url.host}") from None
        except httpx.HTTPError as error:
            reason = str(error) or type(error).__name__
            raise FetchError("network", f"cannot reach {url.host}: {reason}") from None

    async def _read(self, response: httpx.Response, url: str, kind: FetchKind) -> FetchResult:
        status = response.status_code
        content_type = response.headers.get("content-type")
        result = {
            "url": url,
            "status": status,
            "content_type": content_type,
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
        }
        if status == 304:
            return FetchResult(body=b"", not_modified=True, **result)
        if status == 410:
            raise FetchError("gone", f"410 Gone: {url} has been removed for good", status)
        if not 200 <= status < 300:
            phrase = response.reason_phrase or "error"
            raise FetchError("http", f"HTTP {status} {phrase} from {url}", status)
        media = _media_type(content_type)
        self._check_type_early(media, kind, url)
        declared = response.headers.get("content-length", "").strip()
        limit = self.settings.max_bytes
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("too_large", self._too_large(url, f"{_megabytes(int(declared))}"))
        body = await self._body(response, url)
        self._check_type_by_body(media, body, kind, url)
        return FetchResult(body=body, not_modified=False, **result)

    def _too_large(self, url: str, size: str) -> str:
        return f"{url} is too large ({size}; at most {_megabytes(self.settings.max_bytes)})"

    async def _body(self, response: httpx.Response, url: str) -> bytes:
        limit = self.settings.max_bytes
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        inflater: _Inflater | None = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            inflater = _Inflater(encoding)
        elif encoding not in ("", "identity"):
            raise FetchError("content_type", f"unsupported content encoding {encoding!r}: {url}")
        body = bytearray()
        received = 0
        try:
            async for chunk in response.aiter_raw():
                received += len(chunk)
                if received > limit:
                    raise FetchError("too_large", self._too_large(url, "over the limit"))
                if inflater is not None:
                    chunk = inflater.inflate(chunk, limit - len(body))
                body += chunk
                if len(body) > limit:
                    raise FetchError("too_large", self._too_large(url, "over the limit"))
        except zlib.error as error:
            raise FetchError("network", f"corrupt {encoding} body from {url} ({error})") from None
        except httpx.TimeoutException:
            raise FetchError("timeout", f"timed out reading {url}") from None
        except httpx.HTTPError as error:
            raise FetchError("network", f"the answer from {url} broke off ({error})") from None
        return bytes(body)

    @staticmethod
    def _check_type_early(media: str, kind: FetchKind, url: str) -> None:
        if kind == "page":
            allowed = media in PAGE_TYPES or media == ""
        else:
            allowed = media in FEED_TYPES or media in SNIFFED_FEED_TYPES or media.endswith("+xml")
        if not allowed:
            wanted = "an HTML page" if kind == "page" else "an RSS or Atom feed"
            raise FetchError("content_type", f"{url} is {media}, not {wanted}")

    @staticmethod
    def _check_type_by_body(media: str, body: bytes, kind: FetchKind, url: str) -> None:
        if kind == "page" and media == "" and not _starts_with(body, _HTML_STARTS):
            raise FetchError("content_type", f"{url} has no content type and is not HTML")
        if kind == "feed" and media in SNIFFED_FEED_TYPES and not _starts_with(body, _XML_STARTS):
            described = media or "no content type"
            raise FetchError("content_type", f"{url} is {described} and does not start like a feed")
