"""The fetcher against a real HTTP server on 127.0.0.1: every limit a hostile URL or feed meets."""

from __future__ import annotations

import functools
import ipaddress
import resource
import zlib

import httpx
import pytest

from bot.fetcher import Fetcher, FetchError, FetchSettings
from bot.url_guard import is_public
from tests.web_fixtures import Reply, serving

PAGE = Reply(body=b"<html><body><p>hello</p></body></html>")
FEED = Reply(body=b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", content_type=None)
LOCAL = FetchSettings(allow_private=True, timeout_s=1.0, per_host_pause_s=0.0)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # shared address space
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:8.8.8.8", True),
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("2002:808:808::", True),  # 6to4 of 8.8.8.8
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


async def test_a_page_and_a_feed_are_fetched() -> None:
    async with serving({"/a": PAGE, "/rss": FEED}) as web, Fetcher(LOCAL) as fetcher:
        page = await fetcher.fetch(web.url("/a"), kind="page")
        feed = await fetcher.fetch(web.url("/rss"), kind="feed")
    assert page.status == 200 and b"hello" in page.body and page.content_type == "text/html"
    assert feed.body.startswith(b"<?xml") and not feed.not_modified
    assert web.log[0].headers["user-agent"].startswith("newsroom-bot/")


async def test_a_conditional_request_gets_304_and_no_body() -> None:
    route = Reply(body=FEED.body, content_type="application/rss+xml", etag='"v1"')
    async with serving({"/rss": route}) as web, Fetcher(LOCAL) as fetcher:
        first = await fetcher.fetch(web.url("/rss"), kind="feed")
        second = await fetcher.fetch(web.url("/rss"), kind="feed", etag=first.etag)
    assert first.etag == '"v1"' and second.not_modified and second.body == b""
    assert web.log[1].headers["if-none-match"] == '"v1"'


@functools.cache
def bomb(megabytes: int = 64) -> bytes:
    """A gzip body of ``megabytes`` of zeros, made without holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


@pytest.mark.parametrize(
    ("route", "kind", "message"),
    [
        (Reply(500, b"oops"), "http", "HTTP 500"),
        (Reply(404, b"no"), "http", "HTTP 404"),
        (Reply(410, b"gone"), "gone", "410 Gone"),
        (Reply(body=b"x", delay=3.0), "timeout", "no answer within 1 s"),
        (Reply(body=b"x" * 200_000, drip=0.05), "timeout", "no answer within 1 s"),
        (Reply(body=b"x" * (20 * 1024 * 1024)), "too_large", "over the limit"),
        (Reply(body=b"x" * (20 * 1024 * 1024), declare_length=False), "too_large", "5 MB"),
        (Reply(body=bomb(), headers={"Content-Encoding": "gzip"}), "too_large", "5 MB"),
        (Reply(body=b"\x89PNG", content_type="image/png"), "content_type", "not a web page"),
    ],
    ids=["500", "404", "410", "slow", "drip", "20MB", "20MB-unannounced", "gzip-bomb", "png"],
)
async def test_failures_are_named(route: Reply, kind: str, message: str) -> None:
    async with serving({"/x": route}) as web, Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as failure:
            await fetcher.fetch(web.url("/x"), kind="page")
    assert failure.value.kind == kind and message in failure.value.message


async def test_a_gzip_bomb_is_cut_without_inflating_it() -> None:
    bomb()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    route = Reply(body=bomb(), headers={"Content-Encoding": "gzip"})
    async with serving({"/x": route}) as web, Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError):
            await fetcher.fetch(web.url("/x"), kind="page")
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 40 * 1024  # the 64 MB it would inflate to never exist at once


async def test_a_feed_must_be_xml_even_when_the_type_is_loose() -> None:
    routes = {
        "/html": Reply(body=b"<html><body>not a feed</body></html>"),
        "/plain": Reply(body=FEED.body, content_type="text/plain"),
    }
    async with serving(routes) as web, Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as failure:
            await fetcher.fetch(web.url("/html"), kind="feed")
        loose = await fetcher.fetch(web.url("/plain"), kind="feed")
    assert failure.value.kind == "content_type" and loose.body == FEED.body


async def test_redirects_are_followed_a_few_times_and_loops_refused() -> None:
    def to(path: str) -> Reply:
        return Reply(302, headers={"Location": path})

    routes = {"/r1": to("/r2"), "/r2": to("/a"), "/a": PAGE, "/loop1": to("/loop2")}
    routes["/loop2"] = to("/loop1")
    for n in range(7):
        routes[f"/chain{n}"] = to(f"/chain{n + 1}")
    routes["/chain7"] = PAGE
    async with serving(routes) as web, Fetcher(LOCAL) as fetcher:
        followed = await fetcher.fetch(web.url("/r1"), kind="page")
        with pytest.raises(FetchError) as loop:
            await fetcher.fetch(web.url("/loop1"), kind="page")
        with pytest.raises(FetchError) as chain:
            await fetcher.fetch(web.url("/chain0"), kind="page")
    assert followed.url == web.url("/a") and b"hello" in followed.body
    assert loop.value.kind == "redirects" and "loop" in loop.value.message
    assert chain.value.kind == "redirects" and "more than 5" in chain.value.message


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("ftp://example.org/feed", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("http://", "scheme"),
        ("http://127.0.0.1:1/", "private"),
        ("http://[::1]:1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "private"),
        ("http://localhost:1/", "private"),
        ("http://no-such-host.invalid/", "dns"),
    ],
)
async def test_the_guard_refuses_before_connecting(url: str, kind: str) -> None:
    async with Fetcher(FetchSettings()) as fetcher:
        with pytest.raises(FetchError) as failure:
            await fetcher.fetch(url, kind="page")
    assert failure.value.kind == kind


async def test_a_redirect_to_a_private_address_is_refused() -> None:
    asked: list[str] = []

    def public_site(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})

    transport = httpx.MockTransport(public_site)
    async with Fetcher(FetchSettings(), transport=transport) as fetcher:
        with pytest.raises(FetchError) as failure:
            await fetcher.fetch("http://93.184.216.34/story", kind="page")
    assert failure.value.kind == "private" and "127.0.0.1" in failure.value.message
    assert asked == ["http://93.184.216.34/story"]  # the private address was never asked


async def test_https_connects_to_the_checked_address_with_the_host_name_kept() -> None:
    seen: list[httpx.Request] = []

    def site(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = httpx.ByteStream(b"<p>hi</p>")
        return httpx.Response(200, headers={"Content-Type": "text/html"}, stream=body)

    async with Fetcher(FetchSettings(), transport=httpx.MockTransport(site)) as fetcher:
        await fetcher.fetch("https://93.184.216.34:8443/a?b=1", kind="page")
    [request] = seen
    assert str(request.url) == "https://93.184.216.34:8443/a?b=1"
    assert request.headers["host"] == "93.184.216.34:8443"
    assert request.extensions["sni_hostname"] == "93.184.216.34"
