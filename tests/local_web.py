"""A small HTTP/1.1 server on 127.0.0.1 for feed, page and fetcher tests (and the benchmark).

Routes map a path to a :class:`Reply` or to a function of the request that returns one, so a
test can serve fixed bodies, generated feeds and pages, slow answers, redirects, compressed
bombs and failures. Every request is logged. One connection serves one request.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]


@dataclass(slots=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0  # seconds before the answer starts
    drip: float = 0.0  # seconds between 1 KB pieces of the body
    declare_length: bool = True


Route = Reply | Callable[[Request], Reply]
_REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    304: "Not Modified",
    404: "Not Found",
    410: "Gone",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class LocalWeb:
    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.log: list[Request] = []
        self.port = 0
        self._server: asyncio.Server | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def start(self, port: int = 0) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1)

    def requests_to(self, path: str) -> int:
        return sum(1 for r in self.log if r.path == path)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await _read_request(reader)
            if request is None:
                return
            self.log.append(request)
            route = self.routes.get(request.path.split("?", 1)[0])
            if route is None:
                reply = Reply(404, b"not found", "text/plain")
            else:
                reply = route(request) if callable(route) else route
            await _write_reply(writer, request, reply)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


async def _read_request(reader: asyncio.StreamReader) -> Request | None:
    line = await reader.readline()
    if not line:
        return None
    method, path, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        raw = await reader.readline()
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return Request(method, path, headers)


async def _write_reply(writer: asyncio.StreamWriter, request: Request, reply: Reply) -> None:
    if reply.delay:
        await asyncio.sleep(reply.delay)
    status, body = reply.status, reply.body
    headers = dict(reply.headers)
    if reply.etag is not None:
        headers["ETag"] = reply.etag
        if request.headers.get("if-none-match") == reply.etag:
            status, body = 304, b""
    if reply.content_type and status != 304:
        headers.setdefault("Content-Type", reply.content_type)
    if reply.declare_length:
        headers["Content-Length"] = str(len(body))
    headers["Connection"] = "close"
    head = f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    writer.write(head.encode("latin-1"))
    if not reply.drip:
        writer.write(body)
        await writer.drain()
        return
    for start in range(0, len(body), 1024):
        writer.write(body[start : start + 1024])
        await writer.drain()
        await asyncio.sleep(reply.drip)


@contextlib.asynccontextmanager
async def serving(routes: dict[str, Route] | None = None) -> AsyncIterator[LocalWeb]:
    web = LocalWeb(routes)
    await web.start()
    try:
        yield web
    finally:
        await web.stop()


@contextlib.contextmanager
def serving_in_thread(routes: dict[str, Route] | None = None) -> Iterator[LocalWeb]:
    """The same server on its own event loop in a thread, for code that runs its own loop
    (the command line's ``asyncio.run``)."""
    web = LocalWeb(routes)
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(web.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(5)
    try:
        yield web
    finally:
        asyncio.run_coroutine_threadsafe(web.stop(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
