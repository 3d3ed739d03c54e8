"""The console chat: one question a line on standard input, answers on standard output.

It goes through the same bot core as Telegram and Zalo, so commands work too.
"""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.settings import Settings


async def run_console(engine, settings: Settings, stdin: TextIO, stdout: TextIO) -> None:
    from bot.core import BotCore
    from bot.types import Incoming

    core = BotCore(engine, settings, platform="console")
    if hasattr(stdin, "reconfigure"):  # bytes that are not UTF-8 kept (and replaced below), in any locale
        stdin.reconfigure(errors="surrogateescape")
    interactive = stdin.isatty()
    if interactive:
        print("Trợ lý Dân vận — gõ câu hỏi rồi Enter (/help để xem lệnh, Ctrl-D để thoát).", file=stdout)
    n = 0
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        # a line that was not UTF-8 (read with surrogateescape): its bad bytes as "�"
        text = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace").strip()
        if not text:
            continue
        n += 1
        msg = Incoming(platform="console", chat_id="console", user_id="console", text=text,
                       message_id=str(n), is_private=True, user_name="console")
        for reply in await core.handle(msg):
            print(reply.plain_text(), file=stdout, flush=True)
            print(file=stdout, flush=True)
