"""The Telegram bot (python-telegram-bot v22) in front of the bot core.

Every message (text, sticker, photo; new or edited) and every button press goes
to the core, which parses ``/lệnh`` commands itself, Vietnamese names and English
aliases alike, so no CommandHandler is needed. Updates come from long polling, or
from our own webhook server that puts them on ``application.update_queue``: the
handlers never see the transport.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import logging
import re
import warnings
from collections.abc import AsyncIterator

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import render
from bot.core import APOLOGY, BotCore, ChatLocks, telegram_commands
from bot.settings import Settings
from bot.types import Incoming, Reply
from bot.webhook import Request, Response, WebhookServer
from corpus.errors import ChatMoved, ConfigError, MessengerError, RecipientGone

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096  # UTF-16 code units
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
SEND_TRIES = 3
_SETTINGS, _ENGINES, _CORE, _LOCKS = "settings", "engines", "core", "locks"
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_TAGS = re.compile(r"<[^<>]+>")


def file_url(base_url: str) -> str:
    """The file base URL that goes with an API base URL (``…/bot`` → ``…/file/bot``)."""
    base = base_url.rstrip("/")
    return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"


# -- handlers ----------------------------------------------------------------
async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a message (text, sticker or photo; new or edited) through the core."""
    message = update.effective_message
    incoming = to_incoming(message, context.bot)
    if incoming is None:
        return
    async with context.bot_data[_LOCKS](incoming.chat_id):
        replies = await context.bot_data[_CORE].handle(incoming)
        await send_replies(context.bot, message.chat_id, replies,
                           reply_to=None if incoming.is_private else message.message_id,
                           thread_id=message.message_thread_id if message.is_topic_message else None)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a button press: a short notice, then the replies."""
    query, chat = update.callback_query, update.effective_chat
    if chat is None:
        await query.answer()
        return
    incoming = Incoming(platform="telegram", chat_id=str(chat.id), user_id=str(query.from_user.id),
                        is_private=chat.type == ChatType.PRIVATE, addressed=True, kind="callback",
                        callback_data=query.data or "", user_name=query.from_user.full_name)
    async with context.bot_data[_LOCKS](incoming.chat_id):
        replies = await context.bot_data[_CORE].handle(incoming)
        await query.answer(next((r.notice for r in replies if r.notice), None))
        await send_replies(context.bot, chat.id, replies)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failed update and send the user a short apology."""
    log.error("update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None:
        try:
            await context.bot.send_message(chat.id, APOLOGY)
        except TelegramError:
            log.warning("could not send the apology to chat %s", chat.id, exc_info=True)


async def post_init(app: Application) -> None:
    """Open the engine, build the core, publish the command menu."""
    engine = await app.bot_data[_ENGINES].acquire()
    core = BotCore(engine, app.bot_data[_SETTINGS], platform="telegram")

    async def typing(msg: Incoming) -> None:
        await app.bot.send_chat_action(chat_id=int(msg.chat_id), action=ChatAction.TYPING)

    core.on_typing = typing
    app.bot_data[_CORE], app.bot_data[_LOCKS] = core, ChatLocks()
    try:
        await app.bot.set_my_commands([BotCommand(name, desc) for name, desc in telegram_commands()])
    except TelegramError:
        log.warning("setMyCommands failed; commands still work when typed", exc_info=True)


async def post_shutdown(app: Application) -> None:
    """Close the engine (the last bot using it closes it)."""
    if app.bot_data.pop(_CORE, None) is not None:
        await app.bot_data[_ENGINES].release()


# -- translation -------------------------------------------------------------
def to_incoming(message: Message | None, bot) -> Incoming | None:
    """The core's message for a Telegram message; None for what the bot ignores
    (service messages, its own messages, another bot's /command@otherbot)."""
    if message is None or message.from_user is None or message.from_user.id == bot.id:
        return None
    if message.text is not None:
        kind, text = "text", message.text
    elif message.sticker:
        kind, text = "sticker", message.caption or ""
    elif message.photo:
        kind, text = "image", message.caption or ""
    elif any((message.document, message.voice, message.audio, message.video, message.video_note,
              message.animation, message.location, message.contact, message.poll)):
        kind, text = "unsupported", message.caption or ""
    else:
        return None  # someone joined, a pinned message, a new title...
    username = bot.username or ""
    addressed = False
    command = re.match(r"^\s*/\w+@(\w+)", text)
    if command:
        if command.group(1).lower() != username.lower():
            return None  # /command@otherbot
        addressed = True
    if username:
        stripped = re.sub(rf"(?<![\w@/])@{re.escape(username)}(?!\w)", " ", text, flags=re.I)
        if stripped != text:
            addressed, text = True, stripped.strip()
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot.id:
        addressed = True
    return Incoming(platform="telegram", chat_id=str(message.chat_id), user_id=str(message.from_user.id),
                    text=text if kind == "text" else "", message_id=str(message.message_id),
                    is_private=message.chat.type == ChatType.PRIVATE, addressed=addressed,
                    user_name=message.from_user.full_name, kind=kind)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def pieces(html_text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """The HTML split into balanced pieces of at most `limit` UTF-16 code units."""
    size = limit
    while True:
        parts = render.split_message(html_text, size, html=True)
        if all(_utf16(p) <= limit for p in parts) or size < 512:
            return parts
        size -= 256  # astral characters (emoji) count twice


def _markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
                                 for row in reply.buttons])


async def send_replies(bot, chat_id: int, replies: list[Reply], *, reply_to: int | None = None,
                       thread_id: int | None = None) -> None:
    """Send each reply as HTML pieces under 4096 characters; the buttons go with the last piece."""
    for reply in replies:
        parts = pieces(reply.html) if reply.html.strip() else []
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            kwargs = dict(chat_id=chat_id, message_thread_id=thread_id, link_preview_options=_NO_PREVIEW,
                          reply_markup=_markup(reply) if last else None,
                          reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
                          if reply_to and i == 0 else None)
            try:
                await _send(bot, text=part, parse_mode=ParseMode.HTML, **kwargs)
            except BadRequest as exc:
                if "parse" not in str(exc).lower():
                    raise
                # Only what was not delivered yet, as plain text; the buttons stay on the last piece.
                log.warning("Telegram refused our HTML (%s); sending the rest as plain text", exc)
                rest = [html.unescape(_TAGS.sub("", p)) for p in parts[i:]]
                for j, plain in enumerate(rest):
                    await _send(bot, text=plain, **{**kwargs, "reply_markup": _markup(reply) if j == len(rest) - 1
                                                    else None})
                break


async def _send(bot, **kwargs) -> Message:
    """sendMessage, waiting out flood control (RetryAfter) at most three times."""
    for attempt in range(1, SEND_TRIES + 1):
        try:
            return await bot.send_message(**kwargs)
        except RetryAfter as exc:
            if attempt == SEND_TRIES:
                raise
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wait = exc.retry_after
            seconds = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
            log.info("Telegram flood control: waiting %.1f s", seconds)
            await _sleep(seconds)
    raise AssertionError("unreachable")  # pragma: no cover


async def _sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


class TelegramMessenger:
    """Sends the scheduler's digests (bot.scheduler.Messenger), Telegram errors translated."""

    def __init__(self, bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, replies: list[Reply]) -> None:
        try:
            await send_replies(self.bot, int(chat_id), replies)
        except Forbidden as exc:  # blocked by the user, or removed from the group
            raise RecipientGone(f"Telegram chat {chat_id}: {exc}") from exc
        except ChatMigrated as exc:  # a group upgraded to a supergroup
            raise ChatMoved(f"Telegram chat {chat_id} is now {exc.new_chat_id}", str(exc.new_chat_id)) from exc
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                raise RecipientGone(f"Telegram chat {chat_id}: {exc}") from exc
            raise MessengerError(f"Telegram sendMessage to {chat_id}: {exc}") from exc
        except TelegramError as exc:
            raise MessengerError(f"Telegram sendMessage to {chat_id}: {exc}") from exc


# -- webhook -----------------------------------------------------------------
def webhook_handler(app: Application, secret: str):
    """POST /telegram: check the secret header, put the update on the application's queue."""

    async def handle(request: Request) -> Response:
        if not secret or not hmac.compare_digest(request.header(SECRET_HEADER).encode(), secret.encode()):
            return Response.text(403, "forbidden")
        try:
            data = request.json()
            if not isinstance(data, dict) or type(data.get("update_id")) is not int:  # not True, an int too
                raise ValueError("not an update")
            update = Update.de_json(data, app.bot)
        except Exception:  # noqa: BLE001 - whatever the body, a bad one is a 400
            return Response.text(400, "bad update")
        await app.update_queue.put(update)
        return Response.text(200, "ok")

    return handle


# -- wiring ------------------------------------------------------------------
def build_application(settings: Settings, engines, *, webhook: bool = False) -> Application:
    """The Application: handlers, error handler, resources opened in post_init."""
    builder = (ApplicationBuilder().token(settings.telegram_token)
               .base_url(settings.telegram_base_url).base_file_url(file_url(settings.telegram_base_url))
               .concurrent_updates(16).post_init(post_init).post_shutdown(post_shutdown))
    if webhook:
        builder = builder.updater(None)
    app = builder.build()
    app.bot_data[_SETTINGS], app.bot_data[_ENGINES] = settings, engines
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE, on_message))
    app.add_error_handler(on_error)
    return app


def _without(text: str, token: str) -> str:
    """`text` with the bot token masked."""
    return text.replace(token, "***") if token else text


@contextlib.asynccontextmanager
async def running(settings: Settings, engines, *, server: WebhookServer | None = None, webhook_url: str = "",
                  secret: str = "", poll_interval: float = 0.0, poll_timeout: int = 30) -> AsyncIterator[Application]:
    """A started Telegram bot: long polling, or with `server` a webhook at `webhook_url`."""
    app = build_application(settings, engines, webhook=server is not None)
    try:
        await app.initialize()
    except InvalidToken as exc:  # said without the token: logs are read by others
        raise ConfigError("TELEGRAM_BOT_TOKEN was rejected by Telegram: copy it again from @BotFather") from exc
    except TelegramError as exc:
        raise MessengerError(f"Telegram bot could not start: {_without(str(exc), settings.telegram_token)}") from exc
    try:
        try:
            await post_init(app)
            await app.start()
            if server is not None:
                server.route("/telegram", webhook_handler(app, secret))
                await app.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
                log.info("Telegram webhook set to %s", webhook_url)
            else:
                await app.updater.start_polling(poll_interval=poll_interval, timeout=poll_timeout,
                                                allowed_updates=ALLOWED_UPDATES)
        except TelegramError as exc:
            raise MessengerError(f"Telegram bot could not start: {_without(str(exc), settings.telegram_token)}") from exc
        log.info("Telegram bot @%s running (%s)", app.bot.username, "webhook" if server else "polling")
        yield app
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        await post_shutdown(app)
