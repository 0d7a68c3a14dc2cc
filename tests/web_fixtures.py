"""A local web server for tests and benchmarks: feeds, article pages and every failure a feed
poller meets (304, 410, 500, a slow answer, a 20 MB body, a gzip bomb, redirect loops).

Routes are computed from the path, so any number of feeds and pages is served without set-up:

- ``/feeds/{rss2|rss1|atom|rss091}/{n}.xml?entries=20`` — feed ``n`` whose entries link to
  ``/articles/{n}/{i}.html`` (add ``&relative=1`` for relative links, ``&version=v`` to shift
  the entries ``v`` steps newer; :meth:`WebServer.set_version` sets it per feed instead).
- ``/articles/{n}/{i}.html`` — a real-looking article page with navigation, comments, related
  links and a footer around the article.
- ``/nav-only.html`` — a page with navigation and no article.
- ``/status/{code}`` — an empty answer with that status.
- ``/slow/{seconds}`` — waits, then answers a feed.
- ``/big/{megabytes}`` — an HTML body of that size (with Content-Length), ``/big-chunked/{mb}``
  the same without a length.
- ``/gzip-bomb/{megabytes}`` — a small gzip body that inflates to that many megabytes of HTML.
- ``/redirect/{n}/{rest}`` — ``n`` hops of 302, then ``/{rest}``; ``/loop/a`` ↔ ``/loop/b``.
- ``/to?url=…`` — a 302 to any url.
- ``/gzip/{rest}``, ``/deflate/{rest}``, ``/raw-deflate/{rest}`` — ``/{rest}`` compressed.
- ``/malformed.xml``, ``/html-as-feed.xml`` (an HTML page), ``/feed-as-text.xml`` (RSS sent as
  text/plain), ``/feed-as-html.xml`` (RSS sent as text/html).

Every answer carries an ETag and a Last-Modified; a request with a matching If-None-Match or
If-Modified-Since is answered 304. :attr:`WebServer.requests` logs each request.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

LAST_MODIFIED = formatdate(1_780_000_000, usegmt=True)
_PEOPLE = (
    ("Anne Whitfield", "who chairs the transport committee"),
    ("Tom Reyes", "an opposition councillor"),
    ("Priya Natarajan", "the city's chief engineer"),
    ("Jonas Berg", "a spokesman for the regional rail operator"),
    ("Fatima Haddad", "the head of the residents' association"),
)
_TOPICS = (
    ("bridge", "repairs to the Old Mill bridge"),
    ("budget", "next year's budget for roads and schools"),
    ("rail", "the timetable for the new regional rail line"),
    ("housing", "plans for 400 homes on the old brewery site"),
    ("library", "longer opening hours at the central library"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    feed: int
    index: int

    @property
    def topic(self) -> tuple[str, str]:
        return _TOPICS[(self.feed + self.index) % len(_TOPICS)]

    @property
    def title(self) -> str:
        return f"Council decides on {self.topic[1]} (report {self.feed}-{self.index})"

    @property
    def path(self) -> str:
        return f"/articles/{self.feed}/{self.index}.html"

    @property
    def published(self) -> str:
        """RFC 822 date: one hour per entry index after a fixed day."""
        return formatdate(1_780_000_000 + 3600 * self.index, usegmt=True)

    @property
    def published_iso(self) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1_780_000_000 + 3600 * self.index))

    def paragraphs(self) -> list[str]:
        first, first_role = _PEOPLE[(self.feed + self.index) % len(_PEOPLE)]
        second, second_role = _PEOPLE[(self.feed + self.index + 1 + self.index % 4) % len(_PEOPLE)]
        subject = self.topic[1]
        return [
            f"RIVERSIDE — The city council voted 7-2 on Tuesday to approve {subject}, ending "
            f"a debate that had run for most of the year (report {self.feed}-{self.index}).",
            f'"We cannot leave this for another winter," said {first}, {first_role}. '
            f'"People have waited long enough and the money is there."',
            "Officials told the meeting that work could begin in May and would take about "
            "five months, with most services kept running throughout.",
            f"{second}, {second_role}, said the decision was rushed. "
            f'"This is patching a problem that is a hundred years old," {second.split()[-1]} '
            "said, adding that residents had not been consulted.",
            "The council will publish the contracts next month, and a public meeting is "
            "planned for the spring.",
        ]


def article_page(entry: Entry, base: str = "") -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in entry.paragraphs())
    title = escape(entry.title)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Riverside Gazette</title>
<link rel="canonical" href="{base}{entry.path}">
<meta property="og:site_name" content="The Riverside Gazette">
<meta property="og:title" content="{title}">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="{entry.published_iso}">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe for £1 a week</a></li>
</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Maria Lopez</p>
{paragraphs}
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Commenter bob123 wrote: about time, this has dragged on for years.</p>
</div><div class="comment"><p>Why does everything cost so much in this town?</p></div>
</section>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Lorries banned from bridge after crack found in pier</a></li>
<li><a href="/b">Budget row delays road works across the district</a></li></ul></aside>
</main><footer><p>© 2026 The Riverside Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>"""


NAV_ONLY_PAGE = """<!doctype html><html><head><title>The Riverside Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<p>Subscribe today.</p><footer>© 2026 The Riverside Gazette</footer></body></html>"""


def _entries(feed: int, count: int, version: int) -> list[Entry]:
    """The newest ``count`` entries; each version adds one newer entry on top."""
    newest = count - 1 + version
    return [Entry(feed, index) for index in range(newest, newest - count, -1)]


def rss2_feed(feed: int, base: str, count: int = 20, version: int = 0, relative=False) -> str:
    link = "" if relative else base
    items = "".join(
        f"<item><title>{escape(e.title)}</title><link>{link}{e.path}</link>"
        f'<guid isPermaLink="false">feed{feed}-entry{e.index}</guid>'
        f"<pubDate>{e.published}</pubDate><author>desk@gazette.example (Maria Lopez)</author>"
        f"<description>{escape(''.join(f'<p>{escape(p)}</p>' for p in e.paragraphs()))}"
        "</description></item>"
        for e in _entries(feed, count, version)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Riverside Gazette feed {feed}</title><link>{base}/</link>"
        f"<description>News</description>{items}</channel></rss>"
    )


def rss091_feed(feed: int, base: str, count: int = 20, version: int = 0, relative=False) -> str:
    link = "" if relative else base
    items = "".join(
        f"<item><title>{escape(e.title)}</title><link>{link}{e.path}</link>"
        f"<description>{escape(e.paragraphs()[0])}</description></item>"
        for e in _entries(feed, count, version)
    )
    return (
        '<?xml version="1.0"?><rss version="0.91"><channel>'
        f"<title>Riverside Gazette feed {feed}</title><link>{base}/</link>"
        f"<description>News</description><language>en</language>{items}</channel></rss>"
    )


def rss1_feed(feed: int, base: str, count: int = 20, version: int = 0, relative=False) -> str:
    link = "" if relative else base
    entries = _entries(feed, count, version)
    seq = "".join(f'<rdf:li rdf:resource="{base}{e.path}"/>' for e in entries)
    items = "".join(
        f'<item rdf:about="{base}{e.path}"><title>{escape(e.title)}</title>'
        f"<link>{link}{e.path}</link><dc:date>{e.published_iso}</dc:date>"
        f"<dc:creator>Maria Lopez</dc:creator>"
        f"<description>{escape(e.paragraphs()[0])}</description></item>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{base}/"><title>Riverside Gazette feed {feed}</title>'
        f"<link>{base}/</link><description>News</description>"
        f"<items><rdf:Seq>{seq}</rdf:Seq></items></channel>{items}</rdf:RDF>"
    )


def atom_feed(feed: int, base: str, count: int = 20, version: int = 0, relative=False) -> str:
    link = "" if relative else base
    entries = "".join(
        f"<entry><title>{escape(e.title)}</title>"
        f'<link rel="alternate" href="{link}{e.path}"/>'
        f"<id>tag:gazette.example,2026:feed{feed}-entry{e.index}</id>"
        f"<updated>{e.published_iso}</updated><published>{e.published_iso}</published>"
        f"<author><name>Maria Lopez</name></author>"
        f'<content type="html">{escape("".join(f"<p>{escape(p)}</p>" for p in e.paragraphs()))}'
        "</content></entry>"
        for e in _entries(feed, count, version)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Riverside Gazette feed {feed}</title>"
        f'<link rel="alternate" href="{base}/"/><id>tag:gazette.example,2026:feed{feed}</id>'
        f"<updated>{_entries(feed, 1, version)[0].published_iso}</updated>{entries}</feed>"
    )


FEED_FORMATS: dict[str, Callable[..., str]] = {
    "rss2": rss2_feed,
    "rss1": rss1_feed,
    "atom": atom_feed,
    "rss091": rss091_feed,
}
MALFORMED_FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</ti'


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    conditional: bool = True
    """Send ETag / Last-Modified and answer 304 to a matching conditional request."""


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    """time.monotonic() when the request arrived."""


@dataclass
class WebServer:
    """A threaded HTTP/1.1 server on 127.0.0.1; ``base`` is its ``http://127.0.0.1:PORT``."""

    routes: dict[str, Answer] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0
    max_in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def set_version(self, feed_path: str, version: int) -> None:
        """Make the feed at ``feed_path`` show ``version`` newer entries on top."""
        self.versions[feed_path] = version

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def start(self) -> WebServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- routing ---------------------------------------------------------------------------

    def answer(self, raw_path: str) -> Answer:
        if raw_path in self.routes:
            return self.routes[raw_path]
        split = urlsplit(raw_path)
        path, query = split.path, parse_qs(split.query)
        parts = [part for part in path.split("/") if part]
        head = parts[0] if parts else ""
        if head == "feeds" and len(parts) == 3 and parts[1] in FEED_FORMATS:
            maker = FEED_FORMATS[parts[1]]
            number = int(parts[2].removesuffix(".xml"))
            version = self.versions.get(path, int(query.get("version", ["0"])[0]))
            count = int(query.get("entries", ["20"])[0])
            relative = query.get("relative", ["0"])[0] == "1"
            text = maker(number, self.base, count, version, relative)
            kind = "application/atom+xml" if parts[1] == "atom" else "application/rss+xml"
            return Answer(200, text.encode(), f"{kind}; charset=utf-8")
        if head == "articles" and len(parts) == 3:
            entry = Entry(int(parts[1]), int(parts[2].removesuffix(".html")))
            return Answer(200, article_page(entry, self.base).encode())
        if path == "/nav-only.html":
            return Answer(200, NAV_ONLY_PAGE.encode())
        if head == "status" and len(parts) == 2:
            return Answer(int(parts[1]), b"", conditional=False)
        if head == "slow" and len(parts) == 2:
            time.sleep(float(parts[1]))
            return Answer(200, rss2_feed(0, self.base, 2).encode(), "application/rss+xml")
        if head in ("big", "big-chunked") and len(parts) == 2:
            size = int(float(parts[1]) * 1024 * 1024)
            headers = (("X-Chunked", "1"),) if head == "big-chunked" else ()
            return Answer(200, b"<html><body>" + b"a" * size, headers=headers)
        if head == "gzip-bomb" and len(parts) == 2:
            return Answer(200, _gzip_bomb(int(parts[1])), headers=(("Content-Encoding", "gzip"),))
        if head in _ENCODERS and len(parts) >= 2:
            inner = self.answer("/" + "/".join(parts[1:]))
            encoding, encode = _ENCODERS[head]
            return Answer(
                inner.status,
                encode(inner.body),
                inner.content_type,
                (*inner.headers, ("Content-Encoding", encoding)),
            )
        if head == "redirect" and len(parts) >= 2:
            hops = int(parts[1])
            rest = "/" + "/".join(parts[2:])
            target = rest if hops <= 1 else f"/redirect/{hops - 1}{rest}"
            return _redirect(target)
        if path == "/loop/a":
            return _redirect("/loop/b")
        if path == "/loop/b":
            return _redirect("/loop/a")
        if path == "/to":
            return _redirect(query["url"][0])
        if path == "/malformed.xml":
            return Answer(200, MALFORMED_FEED, "application/rss+xml")
        if path == "/html-as-feed.xml":
            return Answer(200, NAV_ONLY_PAGE.encode())
        if path == "/feed-as-text.xml":
            return Answer(200, rss2_feed(1, self.base, 3).encode(), "text/plain")
        if path == "/feed-as-html.xml":
            return Answer(200, rss2_feed(1, self.base, 3).encode(), "text/html")
        return Answer(404, b"not found", conditional=False)


def _redirect(location: str) -> Answer:
    return Answer(302, b"", None, (("Location", location),), conditional=False)


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


_ENCODERS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "gzip": ("gzip", lambda data: zlib.compress(data, wbits=31)),
    "deflate": ("deflate", zlib.compress),
    "raw-deflate": ("deflate", _raw_deflate),
}
_BOMBS: dict[int, bytes] = {}


def _gzip_bomb(megabytes: int) -> bytes:
    if megabytes not in _BOMBS:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
        zeros = b"\0" * (1024 * 1024)
        parts = [compressor.compress(b"<html><body>")]
        parts += [compressor.compress(zeros) for _ in range(megabytes)]
        _BOMBS[megabytes] = b"".join([*parts, compressor.flush()])
    return _BOMBS[megabytes]


def _handler_for(server: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            with server._lock:
                server.requests.append(
                    Request("GET", self.path, dict(self.headers.items()), time.monotonic())
                )
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                self._answer()
            finally:
                with server._lock:
                    server.in_flight -= 1

        def _answer(self) -> None:
            answer = server.answer(self.path)
            etag = '"' + hashlib.sha256(answer.body).hexdigest()[:16] + '"'
            fresh = answer.conditional and answer.status == 200
            if fresh and (
                self.headers.get("If-None-Match") == etag
                or (
                    self.headers.get("If-None-Match") is None
                    and self.headers.get("If-Modified-Since") == LAST_MODIFIED
                )
            ):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(answer.status)
            if answer.content_type:
                self.send_header("Content-Type", answer.content_type)
            if fresh:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            chunked = False
            for name, value in answer.headers:
                if name == "X-Chunked":
                    chunked = True
                else:
                    self.send_header(name, value)
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self._send_chunked(answer.body)
                return
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(answer.body)

        def _send_chunked(self, body: bytes) -> None:
            try:
                for at in range(0, len(body), 65536):
                    chunk = body[at : at + 65536]
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler
