"""Shared helpers of the messenger tests: settings, the database, HTML checks."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bot.settings import Settings
from bot.webhook import WebhookServer

TG_TOKEN = "123:ABC"
ZALO_TOKEN = "1459232241454765289:fake-zalo-token"
ADMIN = "900"
SECRET = "s3cret-Token_for-tests"

KONTUM_Q = "Thu nhập bình quân đầu người của tỉnh Kon Tum năm 2019 là bao nhiêu?"
TUMORONG_Q = "Ban Dân vận Tỉnh ủy làm việc với huyện Tu Mơ Rông về những nội dung gì?"
KONRAY_TITLE = "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy"

ARTICLE_HTML = """<!doctype html><html><head><title>Hội nghị dân vận khéo | Báo Ví Dụ</title>
<meta property="og:title" content="Hội nghị biểu dương mô hình dân vận khéo năm 2023">
<meta property="article:published_time" content="2023-11-05T08:00:00+07:00"></head>
<body><article><h1>Hội nghị biểu dương mô hình dân vận khéo năm 2023</h1>
<p>Sáng 5/11, Ban Dân vận Huyện ủy Đăk Hà tổ chức hội nghị biểu dương 45 mô hình dân vận khéo tiêu biểu trên địa bàn huyện.</p>
<p>Các mô hình tập trung vào phát triển kinh tế, giảm nghèo bền vững và giữ gìn an ninh trật tự ở cơ sở.</p>
</article></body></html>"""


def settings_for(data_dir: Path, **kw) -> Settings:
    base = dict(data_dir=data_dir, encoder="hashing", admins=frozenset({ADMIN}), rate_limit_per_minute=1000)
    base.update(kw)
    return Settings(**base)


def rows(data_dir: Path, sql: str, params=()) -> list[tuple]:
    con = sqlite3.connect(data_dir / "danvan.sqlite3")
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


_TAG = re.compile(r"<(/?)([a-zA-Z]+)[^<>]*>")


def assert_balanced_html(piece: str) -> None:
    """Every tag closed in the same piece, properly nested; no cut tag or entity."""
    stack = []
    for m in _TAG.finditer(piece):
        if m.group(1):
            assert stack and stack[-1] == m.group(2), f"unbalanced </{m.group(2)}> in {piece[:200]!r}"
            stack.pop()
        else:
            stack.append(m.group(2))
    assert not stack, f"unclosed {stack} in piece ending {piece[-200:]!r}"
    no_tags = _TAG.sub("", piece)
    assert "<" not in no_tags and ">" not in no_tags, "a cut tag"
    assert not re.search(r"&[a-z#0-9]*$", piece), "a cut entity"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BotDriver:
    """Talks to a running bot through the fake server: push (or POST) an update,
    wait for the messages it sends."""

    def __init__(self, fake, server) -> None:
        self.fake, self.server = fake, server

    def sent(self):
        """The messages really sent (sendMessage calls the fake accepted)."""
        return [c for c in self.fake.calls("sendMessage") if c.response is not None]

    async def send(self, update: dict, expect: int = 1, timeout: float = 5.0):
        """Deliver an update; the `expect` messages the bot sent in answer."""
        before = len(self.sent())
        if self.server is not None:
            r = await self.fake.post_webhook_async(update)
            assert r.status_code == 200, r.text
        else:
            self.fake.push_update(update)
        deadline = time.monotonic() + timeout
        while len(self.sent()) < before + expect:
            assert time.monotonic() < deadline, f"no answer; calls: {[c.method for c in self.fake.calls()]}"
            await asyncio.sleep(0.01)
        return self.sent()[before:]

    async def assert_ignored(self, update: dict, probe: dict) -> None:
        """`update` gets no answer: `probe` (a /help from the same chat) is the only reply."""
        self.fake.push_update(update)
        new = await self.send(probe)
        await asyncio.sleep(0.05)
        assert [c.params["text"].split("\n")[0] for c in self.sent()[-len(new):]] == ["Các lệnh:"]


@contextlib.asynccontextmanager
async def webhook_server(enabled: bool):
    """A local webhook server on a free port when `enabled`, else None (polling)."""
    if not enabled:
        yield None
        return
    server = WebhookServer("127.0.0.1", 0)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def health_command(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`main.py health` as Docker's HEALTHCHECK runs it (its exit code and output); for
    a running bot's event loop, call it through `asyncio.to_thread`."""
    return subprocess.run([sys.executable, "main.py", "health", *args], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "DANVAN_DATA_DIR": str(data_dir), **env})
