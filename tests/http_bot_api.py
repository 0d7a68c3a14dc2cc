"""The in-memory Bot API served over HTTP on 127.0.0.1 (asyncio streams, HTTP/1.1 keep-alive),
so that the bot can be tested through its real HTTP client, rate limiter and updater."""

from __future__ import annotations

import asyncio
import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

from bot.memory_api import InMemoryBotApi, Upload, _decode

_BOOLEANS = {"true": True, "false": False}


def _multipart(kind: str, body: bytes) -> dict[str, Any]:
    """A ``multipart/form-data`` body (a file upload): fields as strings, files as uploads."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {kind}\r\n\r\n".encode() + body)
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition"))
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename:
            params[name] = Upload(filename, data, part.get_content_type())
        else:
            params[name] = data.decode()
    return params


class HttpBotApi:
    def __init__(self, api: InMemoryBotApi) -> None:
        self.api = api
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self._server: asyncio.Server | None = None

    async def start(self) -> str:
        """Start listening on a free port; returns the base URL for ``TELEGRAM_API_BASE_URL``."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/bot"

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def methods(self) -> list[str]:
        return [method for method, _ in self.requests]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    return
                _, target, _ = request_line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                status, payload = await self._answer(target, headers, body)
                writer.write(
                    f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
                    "Content-Type: application/json\r\n"
                    f"Content-Length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            return
        finally:
            writer.close()

    async def _answer(self, target: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        method = target.split("?", 1)[0].rsplit("/", 1)[-1]
        kind = headers.get("content-type", "")
        if "json" in kind:
            params: dict[str, Any] = json.loads(body or b"{}")
        elif "multipart/form-data" in kind:
            params = _multipart(kind, body)
        elif "form" in kind or not body:
            params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        else:
            return 400, b'{"ok": false, "error_code": 400, "description": "unsupported body"}'
        decoded = {k: _BOOLEANS.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
        decoded = _decode(decoded)
        self.requests.append((method, decoded))
        return await self.dispatch(target, method, decoded)

    async def dispatch(self, target: str, method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        """Answer one decoded call; a subclass may read more of the request's path."""
        return await self.api.handle(method, params)
