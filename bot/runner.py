"""Run the messenger bots: Telegram and Zalo side by side, sharing one engine.

`run_bots` starts every bot that has a token (long polling, or webhooks behind
one small HTTP server that also answers ``GET /healthz``), keeps a heartbeat file
for `main.py health` (bot.heartbeat), waits for SIGINT or SIGTERM, then stops the
bots and closes the engine.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
import signal
from collections.abc import Awaitable, Callable

from bot import heartbeat
from bot.settings import Settings
from bot.webhook import WebhookServer
from corpus.errors import ConfigError

log = logging.getLogger(__name__)

_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{8,256}$")  # what both platforms accept


class SharedEngine:
    """Opens the engine for the first bot that needs it and closes it after the last one."""

    def __init__(self, opener: Callable[[], Awaitable[object]], owned: bool = True) -> None:
        self._open, self._owned = opener, owned
        self._engine: object | None = None
        self._users = 0
        self._lock = asyncio.Lock()

    @classmethod
    def of(cls, engine) -> "SharedEngine":
        """An engine opened elsewhere (tests): shared, never closed here."""

        async def same():
            return engine

        return cls(same, owned=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> "SharedEngine":
        async def open_engine():
            from embeddings.factory import make_encoder
            from retrieval.engine import Engine

            encoder = make_encoder(settings.encoder, settings.model, settings.query_prompt, settings.passage_prompt)
            return await Engine.open(settings.engine_config(serving=True), encoder)

        return cls(open_engine)

    async def acquire(self):
        async with self._lock:
            if self._engine is None:
                self._engine = await self._open()
            self._users += 1
            return self._engine

    async def release(self) -> None:
        async with self._lock:
            self._users -= 1
            if self._users <= 0 and self._engine is not None:
                engine, self._engine, self._users = self._engine, None, 0
                if self._owned:
                    await engine.close()


def enabled_platforms(settings: Settings, platforms=("telegram", "zalo")) -> list[str]:
    tokens = {"telegram": settings.telegram_token, "zalo": settings.zalo_token}
    return [p for p in platforms if tokens.get(p)]


def webhook_secret(settings: Settings) -> str:
    """The configured secret, checked; or a random one for this run."""
    if not settings.webhook_secret:
        log.info("DANVAN_WEBHOOK_SECRET is not set: using a random secret for this run")
        return secrets.token_urlsafe(32)
    if not _SECRET_RE.match(settings.webhook_secret):
        raise ConfigError("DANVAN_WEBHOOK_SECRET must be 8 to 256 characters among A-Z, a-z, 0-9, _ and -")
    return settings.webhook_secret


@contextlib.asynccontextmanager
async def digests_running(settings: Settings, engines: SharedEngine, messengers: dict):
    """A digest scheduler per platform (bot.scheduler), stopped on exit after the
    pass in hand (10 s at most); none when DANVAN_DIGEST_HOUR is off."""
    if settings.digest_hour < 0 or not messengers:
        yield []
        return
    from bot.scheduler import DigestScheduler

    engine = await engines.acquire()
    stop = asyncio.Event()
    def allowed(sub) -> bool:  # access lists are checked again at every digest, not only when subscribing
        return settings.admits(sub.user_id or "", sub.chat_id)

    tasks = [asyncio.create_task(DigestScheduler(engine.store, platform, messenger, hour=settings.digest_hour,
                                                 interval=settings.digest_check_seconds, allowed=allowed).run(stop),
                                 name=f"{platform}-digests")
             for platform, messenger in messengers.items()]
    try:
        yield tasks
    finally:
        stop.set()
        _, late = await asyncio.wait(tasks, timeout=10)
        for task in late:
            task.cancel()
        await engines.release()


@contextlib.asynccontextmanager
async def feeds_running(settings: Settings, engines: SharedEngine):
    """The feed watcher (retrieval.feeds): the feeds of DANVAN_FEEDS and those added
    with /them are checked every DANVAN_FEED_MINUTES; stopped on exit (10 s at most,
    then the check in hand is cancelled: an article is stored whole or not at all)."""
    if settings.feed_minutes <= 0:
        yield None
        return
    from retrieval.feeds import FeedWatcher

    engine = await engines.acquire()
    stop = asyncio.Event()
    try:
        watcher = FeedWatcher(engine, settings.feed_interval)
        await watcher.configure(settings.feeds)
        task = asyncio.create_task(watcher.run(stop), name="feeds")
    except BaseException:
        await engines.release()
        raise
    try:
        yield task
    finally:
        stop.set()
        _, late = await asyncio.wait([task], timeout=10)
        for t in late:
            t.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await t
        await engines.release()


async def run_bots(settings: Settings, webhook: bool, platforms=("telegram", "zalo"), *,
                   engines: SharedEngine | None = None, stop: asyncio.Event | None = None,
                   poll_timeout: int = 30) -> int:
    """Run the bots that have a token until SIGINT/SIGTERM (or `stop` is set). 0 on a clean stop."""
    wanted = enabled_platforms(settings, platforms)
    if not wanted:
        names = " or ".join({"telegram": "TELEGRAM_BOT_TOKEN", "zalo": "ZALO_BOT_TOKEN"}[p] for p in platforms)
        raise ConfigError(f"no bot token: set {names}")
    if webhook and not settings.webhook_url:
        raise ConfigError("webhook mode needs DANVAN_WEBHOOK_URL (the public https address of this server)")
    secret = webhook_secret(settings) if webhook else ""
    engines = engines or SharedEngine.from_settings(settings)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    handled = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
            handled.append(sig)
    server = WebhookServer(settings.webhook_listen, settings.webhook_port) if webhook else None
    try:
        async with contextlib.AsyncExitStack() as stack:
            if server is not None:
                await server.start()
                stack.push_async_callback(server.stop)
            watch: list[asyncio.Future] = []
            health: dict[str, Callable[[], bool]] = {}
            base = settings.webhook_url.rstrip("/")
            if "telegram" in wanted:
                from bot import telegram_adapter

                app = await stack.enter_async_context(telegram_adapter.running(
                    settings, engines, server=server, webhook_url=f"{base}/telegram", secret=secret,
                    poll_timeout=poll_timeout))
                health["telegram"] = lambda: app.running and (app.updater is None or app.updater.running)
            if "zalo" in wanted:
                from bot import zalo_adapter

                zbot = await stack.enter_async_context(zalo_adapter.running(
                    settings, engines, server=server, webhook_url=f"{base}/zalo", secret=secret,
                    poll_timeout=poll_timeout))
                health["zalo"] = lambda: zbot.healthy
                if zbot.poll_task is not None:
                    watch.append(zbot.poll_task)
            messengers: dict = {}
            if "telegram" in wanted:
                messengers["telegram"] = telegram_adapter.TelegramMessenger(app.bot)
            if "zalo" in wanted:
                messengers["zalo"] = zbot
            await stack.enter_async_context(digests_running(settings, engines, messengers))
            await stack.enter_async_context(feeds_running(settings, engines))
            if server is not None:
                server.healthy = lambda: all(h() for h in health.values())
            await stack.enter_async_context(heartbeat.beating(
                settings.data_dir / heartbeat.FILE, health, "webhook" if server else "polling",
                port=server.port if server else 0))
            log.info("running: %s (%s); Ctrl-C to stop", ", ".join(wanted), "webhook" if webhook else "polling")
            stopper = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait([stopper, *watch], return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if server is not None:
                await server.stop()  # no new updates while the bots finish
            failed = [t for t in done if t is not stopper and not t.cancelled() and t.exception()]
            for task in failed:
                log.error("a bot stopped on an error", exc_info=task.exception())
            log.info("stopping")
        return 1 if failed else 0
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)
