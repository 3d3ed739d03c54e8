"""A small asyncio HTTP server for webhooks and the health check (standard library only).

One server serves every bot: each adapter registers a POST route (``/telegram``,
``/zalo``) whose handler checks the platform's secret header and puts the update
on its own queue; ``GET /healthz`` answers 200 while the bots run. One request per
connection (``Connection: close``): the platforms need nothing more.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from corpus.errors import ConfigError

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # an update is a few kilobytes; refuse anything over 1 MB
_READ_TIMEOUT = 10.0
_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 411: "Length Required", 413: "Payload Too Large",
            500: "Internal Server Error"}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes = b""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    def json(self) -> object:
        """The body as JSON; ValueError if it is not (too deeply nested to read, too)."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except RecursionError as exc:
            raise ValueError("JSON nested too deeply") from exc


@dataclass(frozen=True)
class Response:
    status: int = 200
    body: bytes = b"ok"
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, text: str) -> "Response":
        return cls(status, text.encode("utf-8"))


Handler = Callable[[Request], Awaitable[Response]]


class WebhookServer:
    """``route(path, handler)`` for POST endpoints, then ``start()`` / ``stop()``."""

    def __init__(self, host: str = "0.0.0.0", port: int = 8080, max_body: int = MAX_BODY) -> None:
        self.host, self._port, self.max_body = host, port, max_body
        self._routes: dict[str, Handler] = {}
        self._server: asyncio.Server | None = None
        self.healthy: Callable[[], bool] = lambda: True

    def route(self, path: str, handler: Handler) -> None:
        self._routes["/" + path.strip("/")] = handler

    @property
    def port(self) -> int:
        """The bound port (useful with port 0 in tests)."""
        if self._server is None or not self._server.sockets:
            return self._port
        return self._server.sockets[0].getsockname()[1]

    async def start(self) -> None:
        try:
            self._server = await asyncio.start_server(self._serve, self.host, self._port, limit=64 * 1024)
        except OSError as exc:  # the port taken, an address this machine lacks (socket.gaierror too)
            raise ConfigError(
                f"the webhook server cannot listen on {self.host}:{self._port}: {exc}; set DANVAN_WEBHOOK_LISTEN "
                "and DANVAN_WEBHOOK_PORT to a free port on an address of this machine") from exc
        log.info("webhook server listening on %s:%d (%s)", self.host, self.port,
                 ", ".join(sorted(self._routes)) or "health check only")

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                request = await asyncio.wait_for(self._read(reader), _READ_TIMEOUT)
                response = await self._dispatch(request) if isinstance(request, Request) else request
            except (asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                    ConnectionError, UnicodeDecodeError, ValueError):
                response = Response.text(400, "bad request")
            await self._write(writer, response)
        except ConnectionError:
            pass
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, OSError):
                pass

    async def _read(self, reader: asyncio.StreamReader) -> Request | Response:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        path = target.split("?", 1)[0]
        body = b""
        if method == "POST":
            if "content-length" not in headers:
                return Response.text(411, "length required")
            length = int(headers["content-length"])
            if length < 0:
                raise ValueError("negative content length")
            if length > self.max_body:
                return Response.text(413, "too large")
            body = await reader.readexactly(length)
        return Request(method, path, headers, body)

    async def _dispatch(self, request: Request) -> Response:
        if request.path == "/healthz":
            if request.method not in ("GET", "HEAD"):
                return Response.text(405, "method not allowed")
            ok = self.healthy()
            return Response(200 if ok else 500, b'{"ok": true}' if ok else b'{"ok": false}', "application/json")
        handler = self._routes.get(request.path.rstrip("/") or "/")
        if handler is None:
            return Response.text(404, "not found")
        if request.method != "POST":
            return Response.text(405, "method not allowed")
        try:
            return await handler(request)
        except Exception:  # noqa: BLE001 - one bad request never stops the server
            log.exception("webhook handler failed for %s", request.path)
            return Response.text(500, "error")

    @staticmethod
    async def _write(writer: asyncio.StreamWriter, response: Response) -> None:
        reason = _REASONS.get(response.status, "")
        head = [f"HTTP/1.1 {response.status} {reason}", f"Content-Type: {response.content_type}",
                f"Content-Length: {len(response.body)}", "Connection: close"]
        head += [f"{k}: {v}" for k, v in response.headers.items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + response.body)
        await writer.drain()
