"""The shared HTTP client (bot.fetcher) against a local server: each success and failure kind."""

from __future__ import annotations

import asyncio
import ipaddress
import itertools
import zlib

import pytest

from bot import url_guard
from bot.fetcher import Fetcher, FetchError, FetchSettings, _Inflater
from tests.web_fixtures import Answer, Entry, WebServer, article_page

LOCAL = FetchSettings(
    user_agent="newsroom-bot/test (+feeds)", timeout_s=1, allow_private=True, per_host_pause_s=0
)


async def fetch(web: WebServer, path: str, kind: str = "page", settings=LOCAL, **kwargs):
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(web.url(path), kind=kind, **kwargs)


@pytest.mark.parametrize(
    ("path", "kind", "final_path", "content_type"),
    [
        ("/feeds/rss2/1.xml", "feed", "/feeds/rss2/1.xml", "application/rss+xml; charset=utf-8"),
        ("/feeds/atom/1.xml", "feed", "/feeds/atom/1.xml", "application/atom+xml; charset=utf-8"),
        ("/articles/1/2.html", "page", "/articles/1/2.html", "text/html; charset=utf-8"),
        # Five redirects are followed; the result names the final url.
        ("/redirect/5/articles/1/2.html", "page", "/articles/1/2.html", "text/html; charset=utf-8"),
        # Servers that send a feed as text/plain or text/html: the body starts like XML.
        ("/feed-as-text.xml", "feed", "/feed-as-text.xml", "text/plain"),
        ("/feed-as-html.xml", "feed", "/feed-as-html.xml", "text/html"),
        # Compressed answers are inflated.
        ("/gzip/articles/1/2.html", "page", "/gzip/articles/1/2.html", "text/html; charset=utf-8"),
        (
            "/deflate/articles/1/2.html",
            "page",
            "/deflate/articles/1/2.html",
            "text/html; charset=utf-8",
        ),
        (
            "/raw-deflate/articles/1/2.html",
            "page",
            "/raw-deflate/articles/1/2.html",
            "text/html; charset=utf-8",
        ),
    ],
)
async def test_fetches(
    web: WebServer, path: str, kind: str, final_path: str, content_type: str
) -> None:
    result = await fetch(web, path, kind)
    assert (result.url, result.status, result.content_type) == (
        web.url(final_path),
        200,
        content_type,
    )
    assert (
        result.body
        == web.answer(
            final_path.removeprefix("/gzip").removeprefix("/raw-deflate").removeprefix("/deflate")
        ).body
    )
    assert not result.not_modified


@pytest.mark.parametrize(
    ("path", "kind", "error_kind", "status", "message"),
    [
        ("/status/500", "feed", "http", 500, "HTTP 500 Internal Server Error"),
        ("/status/404", "page", "http", 404, "HTTP 404 Not Found"),
        ("/status/410", "feed", "gone", 410, "410 Gone"),
        ("/slow/3", "feed", "timeout", None, "no complete answer within 1 s"),
        ("/big/20", "page", "too_large", None, r"too large \(20\.0 MB; at most 5\.0 MB\)"),
        ("/big-chunked/20", "page", "too_large", None, "too large"),
        ("/gzip-bomb/100", "page", "too_large", None, "too large"),
        ("/loop/a", "page", "redirects", None, "redirect loop: .*/loop/a → .*/loop/b → .*/loop/a"),
        ("/redirect/6/articles/1/1.html", "page", "redirects", None, "more than 5 redirects"),
        ("/to?url=file:///etc/passwd", "page", "scheme", None, "only http and https"),
        ("/html-as-feed.xml", "feed", "content_type", None, "does not start like a feed"),
        ("/articles/1/1.html", "feed", "content_type", None, "does not start like a feed"),
        ("/feeds/rss2/1.xml", "page", "content_type", None, "not an HTML page"),
        ("/image.png", "page", "content_type", None, "image/png, not an HTML page"),
        ("/image.png", "feed", "content_type", None, "image/png, not an RSS or Atom feed"),
    ],
)
async def test_each_failure_has_its_kind(
    web: WebServer, path: str, kind: str, error_kind: str, status: int | None, message: str
) -> None:
    web.routes["/image.png"] = Answer(200, b"\x89PNG\r\n", "image/png")
    with pytest.raises(FetchError, match=message) as caught:
        await fetch(web, path, kind)
    assert (caught.value.kind, caught.value.status) == (error_kind, status)


@pytest.mark.parametrize(
    ("url", "error_kind"),
    [
        ("ftp://example.com/feed.xml", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http:///no-host", "scheme"),
        ("http://no-such-host.invalid/feed.xml", "dns"),
    ],
)
async def test_urls_that_are_not_fetched(url: str, error_kind: str) -> None:
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(url, kind="feed")
    assert caught.value.kind == error_kind


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_gzip_bomb_is_inflated_no_further_than_the_cap(encoding: str) -> None:
    wbits = 31 if encoding == "gzip" else 15
    bomb = zlib.compress(b"\0" * (50 * 1024 * 1024), wbits=wbits)
    inflater = _Inflater(encoding)
    out = inflater.inflate(bomb, 1000)
    assert len(out) == 1001  # one byte over the allowance: "too large", and no more inflated
    assert len(bomb) < 100_000


async def test_conditional_requests_answer_not_modified(web: WebServer) -> None:
    first = await fetch(web, "/feeds/rss2/3.xml", "feed")
    assert first.etag and first.last_modified
    by_etag = await fetch(web, "/feeds/rss2/3.xml", "feed", etag=first.etag)
    by_date = await fetch(web, "/feeds/rss2/3.xml", "feed", last_modified=first.last_modified)
    for result in (by_etag, by_date):
        assert (result.status, result.not_modified, result.body) == (304, True, b"")
    web.set_version("/feeds/rss2/3.xml", 1)
    changed = await fetch(web, "/feeds/rss2/3.xml", "feed", etag=first.etag)
    assert changed.status == 200 and changed.etag != first.etag
    sent = web.requests[1].headers
    assert sent["If-None-Match"] == first.etag


async def test_requests_name_the_bot_and_ask_for_the_right_type(web: WebServer) -> None:
    await fetch(web, "/feeds/rss2/1.xml", "feed")
    await fetch(web, "/articles/1/1.html", "page")
    feed, page = web.requests
    assert feed.headers["User-Agent"] == page.headers["User-Agent"] == "newsroom-bot/test (+feeds)"
    assert feed.headers["Accept"].startswith("application/rss+xml")
    assert page.headers["Accept"].startswith("text/html")
    assert feed.headers["Accept-Encoding"] == "gzip, deflate"


async def test_one_request_at_a_time_per_host_with_a_pause(web: WebServer) -> None:
    settings = FetchSettings(user_agent="t", allow_private=True, per_host_pause_s=0.05)
    async with Fetcher(settings) as fetcher:
        await asyncio.gather(
            *(fetcher.fetch(web.url(f"/articles/1/{i}.html"), kind="page") for i in range(4))
        )
    assert web.max_in_flight == 1
    starts = sorted(request.at for request in web.requests)
    assert all(later - earlier >= 0.05 for earlier, later in itertools.pairwise(starts))


async def test_at_most_max_concurrent_fetches_at_once(web: WebServer) -> None:
    settings = FetchSettings(
        user_agent="t",
        allow_private=True,
        max_concurrent=2,
        per_host_concurrent=10,
        per_host_pause_s=0,
    )
    async with Fetcher(settings) as fetcher:
        await asyncio.gather(*(fetcher.fetch(web.url("/slow/0.2"), kind="feed") for _ in range(6)))
    assert web.max_in_flight == 2


# --- no server-side request forgery --------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("::ffff:93.184.216.34", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("10.0.0.5", False),
        ("172.16.3.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # CGNAT
        ("100.100.100.200", False),  # CGNAT: a cloud's metadata service
        ("0.0.0.0", False),
        ("224.0.0.1", False),  # multicast
        ("240.0.0.1", False),  # reserved
        ("255.255.255.255", False),
        ("192.0.2.10", False),  # documentation
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("fd12:3456::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert url_guard.is_public_address(ipaddress.ip_address(address)) is public


async def test_a_loopback_url_is_refused_unless_private_urls_are_allowed(web: WebServer) -> None:
    closed = FetchSettings(user_agent="t")
    with pytest.raises(FetchError, match="not a public address") as caught:
        await fetch(web, "/feeds/rss2/1.xml", "feed", settings=closed)
    assert caught.value.kind == "private"
    assert web.requests == []  # refused before connecting
    assert (await fetch(web, "/feeds/rss2/1.xml", "feed")).status == 200


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Host names resolved from a table; the test server's 127.0.0.1 counts as public."""
    table: dict[str, list[str]] = {}
    real_resolve = url_guard.resolve
    real_public = url_guard.is_public_address

    async def resolve(host: str, port: int) -> list[str]:
        return table[host] if host in table else await real_resolve(host, port)

    def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return str(address) == "127.0.0.1" or real_public(address)

    monkeypatch.setattr(url_guard, "resolve", resolve)
    monkeypatch.setattr(url_guard, "is_public_address", is_public)
    return table


@pytest.mark.parametrize(
    ("target", "dns", "message"),
    [
        ("http://169.254.169.254/latest/meta-data/", {}, r"not a public address \(169\.254"),
        ("http://intranet.example/", {"intranet.example": ["10.1.2.3"]}, "10.1.2.3"),
        # One private answer among public ones is enough to refuse.
        (
            "http://mixed.example/",
            {"mixed.example": ["93.184.216.34", "192.168.0.7"]},
            "192.168.0.7",
        ),
        ("http://[::ffff:10.0.0.1]/", {}, "::ffff:10.0.0.1"),
    ],
)
async def test_a_redirect_to_a_private_address_is_refused(
    web: WebServer,
    fake_dns: dict[str, list[str]],
    target: str,
    dns: dict[str, list[str]],
    message: str,
) -> None:
    fake_dns.update(dns)
    fake_dns["news.example"] = ["127.0.0.1"]
    port = web.url("").rsplit(":", 1)[1]
    async with Fetcher(FetchSettings(user_agent="t")) as fetcher:
        with pytest.raises(FetchError, match=message) as caught:
            await fetcher.fetch(f"http://news.example:{port}/to?url={target}", kind="page")
    assert caught.value.kind == "private"
    assert len(web.requests) == 1  # the redirect was asked for; its target never was


async def test_the_checked_address_is_the_one_connected_to(
    web: WebServer, fake_dns: dict[str, list[str]]
) -> None:
    """The name is resolved once, where the connection is opened, and the Host stays the name."""
    fake_dns["news.example"] = ["127.0.0.1"]
    port = web.url("").rsplit(":", 1)[1]
    page = f"http://news.example:{port}/articles/2/3.html"
    async with Fetcher(FetchSettings(user_agent="t")) as fetcher:
        result = await fetcher.fetch(page, kind="page")
    assert result.body == article_page(Entry(2, 3), web.base).encode()
    assert web.requests[0].headers["Host"] == f"news.example:{port}"
    # A name that resolves to a private address afterwards (rebinding) is refused.
    fake_dns["news.example"] = ["10.0.0.8"]
    async with Fetcher(FetchSettings(user_agent="t")) as fetcher:
        with pytest.raises(FetchError, match=r"10\.0\.0\.8"):
            await fetcher.fetch(page, kind="page")
