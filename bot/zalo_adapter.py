"""The Zalo bot: long polling or a webhook in front of the bot core.

Zalo shows plain text only, at most 2000 characters a message: replies are sent as
`Reply.plain` split at sentence boundaries; buttons become the numbered follow-up
commands the core already appends to the text. Zalo may deliver the same message
twice: a bounded memory of message ids answers it once. In group chats the bot
answers only when its name is mentioned (``@name``) or the text is a command.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import logging
import re
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any

from bot import render
from bot.core import APOLOGY, BotCore, ChatLocks
from bot.settings import Settings
from bot.types import Incoming, Reply
from bot.webhook import Request, Response, WebhookServer
from bot.zalo_client import TEXT_LIMIT, ZaloClient
from corpus.errors import MessengerError, RetryLater

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"
EVENT_KINDS = {
    "message.text.received": "text",
    "message.image.received": "image",
    "message.sticker.received": "sticker",
    "message.unsupported.received": "unsupported",
}
SEEN_IDS = 4096
SEND_TRIES = 3


def unwrap(data: Any) -> dict:
    """The update inside a webhook body or a getUpdates result: ``{event_name, message}``,
    bare or wrapped as ``{ok, result}``. ValueError when it is neither."""
    if isinstance(data, dict) and "event_name" not in data and isinstance(data.get("result"), dict):
        data = data["result"]
    if (not isinstance(data, dict) or not isinstance(data.get("event_name"), str)
            or not isinstance(data.get("message"), dict)):
        raise ValueError("not a Zalo update: expected {event_name, message}")
    return data


def sent_at(value: Any) -> dt.datetime | None:
    """A Zalo `date` (epoch milliseconds; seconds accepted too) as an aware datetime."""
    try:
        stamp = float(value)
    except (TypeError, ValueError):
        return None
    if stamp > 1e11:  # milliseconds
        stamp /= 1000
    try:
        return dt.datetime.fromtimestamp(stamp, dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def _mention_re(names: list[str]) -> re.Pattern | None:
    names = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w@])@(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)


def to_incoming(update: dict, mention: re.Pattern | None) -> Incoming | None:
    """The core's message for one Zalo update; None for events the bot ignores."""
    kind = EVENT_KINDS.get(update["event_name"])
    msg = update["message"]
    sender = msg.get("from") if isinstance(msg.get("from"), dict) else {}
    chat = msg.get("chat") if isinstance(msg.get("chat"), dict) else {}
    if kind is None or sender.get("is_bot"):
        return None
    user_id = str(sender.get("id") or "")
    chat_id = str(chat.get("id") or user_id)
    if not chat_id:
        return None
    private = str(chat.get("chat_type") or "PRIVATE").upper() != "GROUP"
    text = str(msg.get("text") or "") if kind == "text" else str(msg.get("caption") or "")
    addressed = False
    if mention is not None and mention.search(text):
        addressed, text = True, " ".join(mention.sub(" ", text).split())
    if kind == "text" and text.lstrip().startswith("/"):
        addressed = True
    name = str(sender.get("display_name") or sender.get("first_name") or sender.get("name") or "")
    return Incoming(platform="zalo", chat_id=chat_id, user_id=user_id, text=text if kind == "text" else "",
                    message_id=str(msg.get("message_id") or ""), is_private=private, addressed=addressed,
                    user_name=name, kind=kind)


class ZaloBot:
    """One Zalo bot: `start()`, then `start_polling()` or the `webhook` handler, then `stop()`."""

    def __init__(self, settings: Settings, engines, *, client: ZaloClient | None = None,
                 poll_timeout: int = 30, concurrency: int = 8) -> None:
        self.settings = settings
        self.engines = engines
        self.client = client or ZaloClient(settings.zalo_token, settings.zalo_base_url)
        self.poll_timeout = poll_timeout
        self.secret = ""
        self.core: BotCore | None = None
        self.mention: re.Pattern | None = None
        self.poll_task: asyncio.Task | None = None
        self._locks = ChatLocks()
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task] = set()
        self._seen: OrderedDict[str, None] = OrderedDict()

    # -- lifecycle ---------------------------------------------------------
    async def start(self) -> None:
        """Check the token (getMe) and open the engine."""
        me = await self.client.get_me()
        me = me if isinstance(me, dict) else {}
        account = str(me.get("account_name") or "")
        names = [account, account.removeprefix("bot."), str(me.get("display_name") or ""),
                 str(me.get("name") or "")]
        self.mention = _mention_re(names)
        log.info("Zalo bot %s ready", account or me.get("id", "?"))
        engine = await self.engines.acquire()
        self.core = BotCore(engine, self.settings, platform="zalo")
        self.core.on_typing = self._typing

    def start_polling(self) -> asyncio.Task:
        self.poll_task = asyncio.create_task(self._poll(), name="zalo-polling")
        return self.poll_task

    async def stop(self) -> None:
        """Stop polling, finish the messages in hand (a few seconds at most), close."""
        if self.poll_task is not None:
            self.poll_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.poll_task
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=10)
            for task in late:
                task.cancel()
        await self.client.aclose()
        if self.core is not None:
            self.core = None
            await self.engines.release()

    @property
    def healthy(self) -> bool:
        return self.core is not None and not (self.poll_task is not None and self.poll_task.done())

    # -- update sources ----------------------------------------------------
    async def _poll(self) -> None:
        """Long polling: one update per getUpdates; 408 means nothing new."""
        with contextlib.suppress(MessengerError):
            await self.client.delete_webhook()  # getUpdates does not work while a webhook is set
        delay = 1.0
        while True:
            try:
                update = await self.client.get_updates(self.poll_timeout)
            except RetryLater as exc:
                await asyncio.sleep(exc.retry_after)
                continue
            except MessengerError as exc:
                log.warning("Zalo getUpdates failed, retrying in %.0f s: %s", delay, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            delay = 1.0
            if update is not None:
                try:
                    self.submit(unwrap(update))
                except ValueError:
                    log.warning("ignoring a malformed Zalo update: %.200r", update)

    async def webhook(self, request: Request) -> Response:
        """POST /zalo: check the secret header, queue the update, answer at once."""
        given = request.header(SECRET_HEADER).encode()
        if not self.secret or not hmac.compare_digest(given, self.secret.encode()):
            return Response.text(403, "forbidden")
        try:
            update = unwrap(request.json())
        except (ValueError, UnicodeDecodeError):
            return Response.text(400, "bad update")
        self.submit(update)
        return Response(200, b'{"ok": true}', "application/json")

    def submit(self, update: dict) -> asyncio.Task | None:
        """Answer one update in the background (once per message id)."""
        message_id = str(update["message"].get("message_id") or "")
        if message_id:
            if message_id in self._seen:
                log.info("Zalo message %s delivered twice: answered once", message_id)
                return None
            self._seen[message_id] = None
            if len(self._seen) > SEEN_IDS:
                self._seen.popitem(last=False)
        task = asyncio.create_task(self.process(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # -- answering ---------------------------------------------------------
    async def process(self, update: dict) -> None:
        """Run one update through the core and send the replies; never raises."""
        incoming = to_incoming(update, self.mention)
        if incoming is None or self.core is None:
            return
        async with self._slots, self._locks(incoming.chat_id):
            try:
                replies = await self.core.handle(incoming)
                await self.send_replies(incoming.chat_id, replies)
            except Exception:  # noqa: BLE001 - one failing update never stops the bot
                log.error("Zalo update failed (chat %s)", incoming.chat_id, exc_info=True)
                with contextlib.suppress(Exception):
                    await self._send(incoming.chat_id, APOLOGY)

    async def send(self, chat_id: str, replies: list[Reply]) -> None:
        """The scheduler's digests (bot.scheduler.Messenger): Zalo errors are MessengerErrors already."""
        await self.send_replies(chat_id, replies)

    async def send_replies(self, chat_id: str, replies: list[Reply]) -> None:
        for reply in replies:
            text = reply.plain.strip() or reply.notice.strip()
            for piece in render.split_message(text, TEXT_LIMIT, html=False):
                await self._send(chat_id, piece)

    async def _send(self, chat_id: str, text: str) -> None:
        """sendMessage, waiting out flood control (at most three tries)."""
        for attempt in range(1, SEND_TRIES + 1):
            try:
                await self.client.send_message(chat_id, text)
                return
            except RetryLater as exc:
                if attempt == SEND_TRIES:
                    raise
                log.info("Zalo flood control: waiting %.1f s", exc.retry_after)
                await asyncio.sleep(exc.retry_after)

    async def _typing(self, msg: Incoming) -> None:
        await self.client.send_chat_action(msg.chat_id, "typing")


@contextlib.asynccontextmanager
async def running(settings: Settings, engines, *, server: WebhookServer | None = None,
                  webhook_url: str = "", secret: str = "", client: ZaloClient | None = None,
                  poll_timeout: int = 30) -> AsyncIterator[ZaloBot]:
    """A started Zalo bot: long polling, or with `server` a webhook at ``{webhook_url}``."""
    bot = ZaloBot(settings, engines, client=client, poll_timeout=poll_timeout)
    try:
        await bot.start()
        if server is not None:
            bot.secret = secret
            server.route("/zalo", bot.webhook)
            await bot.client.set_webhook(webhook_url, secret)
            log.info("Zalo webhook set to %s", webhook_url)
        else:
            bot.start_polling()
        yield bot
    finally:
        await bot.stop()
