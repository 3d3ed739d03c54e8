"""A small fake Bot API HTTP server for tests (Telegram and Zalo Bot).

Runs a stdlib ``ThreadingHTTPServer`` on 127.0.0.1 (free port) in a background
thread, so it can be used from sync and async tests alike.

Both platforms use the path shape ``/bot{token}/{method}``:

* Telegram -- point python-telegram-bot at it with
  ``ApplicationBuilder().token(T).base_url(fake.base_url)`` (``base_url`` ends in
  ``/bot``; PTB requests ``f"{base_url}{token}/{method}"``). Request bodies may be
  ``application/x-www-form-urlencoded`` (what PTB 22 sends: every non-string value
  JSON-encoded, e.g. ``reply_markup``), JSON, multipart (file uploads) or a GET query
  string; all are decoded into ``Call.params`` with JSON-ish values decoded
  (``reply_markup`` -> dict, ``chat_id`` -> int, ``"true"`` -> True...).
* Zalo -- ``f"{fake.zalo_base}/bot{token}/{method}"`` with JSON bodies.
  ``getUpdates`` returns ONE update per call as ``result`` or, after a short
  wait, HTTP 200 ``{"ok": false, "error_code": 408, "description": "Request timeout"}``.

Typical use::

    with FakeBotApi("telegram") as fake:
        fake.push_update(tg_text_update("/start"))
        ...
        [call] = fake.wait_for("sendMessage")
        assert call.params["text"] == "hi"

Async tests: ``await fake.wait_for_async("sendMessage")``.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "Call",
    "FakeBotApi",
    "TG_BOT_USER",
    "tg_callback_update",
    "tg_entities",
    "tg_text_update",
    "zalo_image_update",
    "zalo_sticker_update",
    "zalo_text_update",
    "zalo_unsupported_update",
]

TG_BOT_USER: dict[str, Any] = {
    "id": 123,
    "is_bot": True,
    "first_name": "FakeBot",
    "username": "fake_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

ZALO_BOT_INFO: dict[str, Any] = {
    "id": "1459232241454765289",
    "account_name": "bot.FakeBot",
    "account_type": "BASIC",
    "can_join_groups": False,
}

TG_TEXT_LIMIT = 4096
ZALO_TEXT_LIMIT = 2000

# Form fields that must stay strings even if they look like JSON numbers/bools.
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "data",
        "callback_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "parse_mode",
        "action",
        "description",
        "short_description",
        "name",
        "title",
        "language_code",
        "photo",
        "sticker",
        "ip_address",
        "query",
    }
)

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)
_callback_ids = itertools.count(1)


def _now() -> int:
    return int(time.time())


def _now_ms() -> int:
    return int(time.time() * 1000)


def _zalo_id() -> str:
    return secrets.token_hex(10)  # 20 hex chars like real Zalo ids


# --------------------------------------------------------------------------- records


@dataclass
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    token: str
    platform: str
    http_method: str = "POST"
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    response: Any = None  # the ``result`` returned (None for errors)
    completed: bool = False  # False while the fake is still answering (long polls)

    @property
    def reply_markup(self) -> Any:
        return self.params.get("reply_markup")

    @property
    def text(self) -> Any:
        return self.params.get("text")

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")


class _ApiError(Exception):
    def __init__(self, error_code: int, description: str, http_status: int | None = None,
                 parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.http_status = http_status
        self.parameters = parameters


# --------------------------------------------------------------------------- builders


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}")


def tg_entities(text: str) -> list[dict[str, Any]]:
    """Telegram entities for a leading /command and @mentions (UTF-16 offsets)."""
    entities: list[dict[str, Any]] = []
    cmd = _COMMAND_RE.match(text)
    if cmd:
        entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(cmd.group())})
    for m in _MENTION_RE.finditer(text):
        if cmd and m.start() < cmd.end():
            continue  # the @bot part of /cmd@bot
        entities.append(
            {
                "type": "mention",
                "offset": _utf16_len(text[: m.start()]),
                "length": _utf16_len(m.group()),
            }
        )
    return entities


def _tg_chat(chat_id: int, chat_type: str, user: dict[str, Any], title: str | None) -> dict:
    if chat_type == "private":
        chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        if user.get("username"):
            chat["username"] = user["username"]
        return chat
    return {"id": chat_id, "type": chat_type, "title": title or "Test Group"}


def _tg_user(user_id: int, first_name: str, username: str | None, language_code: str | None):
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def tg_text_update(
    text: str,
    *,
    chat_id: int | None = None,
    user_id: int | None = None,
    chat_type: str = "private",
    message_id: int | None = None,
    first_name: str = "Test",
    username: str | None = "tester",
    language_code: str | None = "en",
    chat_title: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    reply_to_message: dict[str, Any] | None = None,
    message_thread_id: int | None = None,
    date: int | None = None,
    update_id: int | None = None,
) -> dict[str, Any]:
    """A realistic Telegram ``Update`` with a text ``message``.

    ``entities`` defaults to auto-detected ``bot_command`` (leading ``/cmd`` or
    ``/cmd@bot``) and ``mention`` (``@username``) entities; pass ``[]`` for none.
    ``chat_type`` is one of private / group / supergroup / channel (no ``from`` for channel).
    """
    if user_id is None:
        user_id = chat_id if (chat_type == "private" and chat_id) else 1001
    if chat_id is None:
        chat_id = user_id if chat_type == "private" else -1001234567890
    user = _tg_user(user_id, first_name, username, language_code)
    msg: dict[str, Any] = {
        "message_id": message_id if message_id is not None else next(_message_ids),
        "date": date if date is not None else _now(),
        "chat": _tg_chat(chat_id, chat_type, user, chat_title),
        "text": text,
    }
    if chat_type != "channel":
        msg["from"] = user
    ents = tg_entities(text) if entities is None else entities
    if ents:
        msg["entities"] = ents
    if reply_to_message is not None:
        msg["reply_to_message"] = reply_to_message
    if message_thread_id is not None:
        msg["message_thread_id"] = message_thread_id
        msg["is_topic_message"] = True
    key = "channel_post" if chat_type == "channel" else "message"
    return {"update_id": update_id if update_id is not None else next(_update_ids), key: msg}


def tg_callback_update(
    data: str,
    *,
    chat_id: int | None = None,
    user_id: int | None = None,
    chat_type: str = "private",
    message_id: int | None = None,
    message_text: str = "Choose:",
    reply_markup: dict[str, Any] | None = None,
    message: dict[str, Any] | None = None,
    first_name: str = "Test",
    username: str | None = "tester",
    language_code: str | None = "en",
    chat_title: str | None = None,
    bot_user: dict[str, Any] | None = None,
    callback_id: str | None = None,
    update_id: int | None = None,
) -> dict[str, Any]:
    """A Telegram ``Update`` with a ``callback_query`` pressed on a bot message.

    Pass ``message=`` (e.g. the ``result`` the fake returned for a ``sendMessage``
    call: ``call.response``) to press a button on a message the bot really sent.
    """
    if user_id is None:
        user_id = chat_id if (chat_type == "private" and chat_id) else 1001
    if chat_id is None:
        chat_id = user_id if chat_type == "private" else -1001234567890
    user = _tg_user(user_id, first_name, username, language_code)
    bot = dict(bot_user or TG_BOT_USER)
    for k in ("can_join_groups", "can_read_all_group_messages", "supports_inline_queries"):
        bot.pop(k, None)
    if message is None:
        message = {
            "message_id": message_id if message_id is not None else next(_message_ids),
            "date": _now(),
            "chat": _tg_chat(chat_id, chat_type, user, chat_title),
            "from": bot,
            "text": message_text,
        }
        if reply_markup is None:
            reply_markup = {"inline_keyboard": [[{"text": data, "callback_data": data}]]}
        message["reply_markup"] = reply_markup
    return {
        "update_id": update_id if update_id is not None else next(_update_ids),
        "callback_query": {
            "id": callback_id or str(4_000_000_000 + next(_callback_ids)),
            "from": user,
            "chat_instance": str(abs(hash(message["chat"]["id"]))),
            "data": data,
            "message": message,
        },
    }


def _zalo_message(
    *,
    chat_id: str | None,
    user_id: str | None,
    chat_type: str,
    display_name: str,
    is_bot: bool,
    message_id: str | None,
    date: int | None,
) -> dict[str, Any]:
    if chat_type not in ("PRIVATE", "GROUP"):
        raise ValueError("Zalo chat_type is 'PRIVATE' or 'GROUP'")
    if user_id is None:
        user_id = chat_id if (chat_type == "PRIVATE" and chat_id) else _zalo_id()
    if chat_id is None:
        chat_id = user_id if chat_type == "PRIVATE" else _zalo_id()
    return {
        "date": date if date is not None else _now_ms(),
        "chat": {"chat_type": chat_type, "id": chat_id},
        "message_id": message_id or _zalo_id(),
        "from": {"id": user_id, "is_bot": is_bot, "display_name": display_name},
    }


def zalo_text_update(
    text: str,
    *,
    chat_id: str | None = None,
    user_id: str | None = None,
    chat_type: str = "PRIVATE",
    display_name: str = "Nguyen Van A",
    is_bot: bool = False,
    message_id: str | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """A Zalo Bot update ``{"event_name": "message.text.received", "message": {...}}``.

    Shape as seen on real webhooks/getUpdates: ids are 20-hex strings, ``date`` is epoch
    **milliseconds**, in PRIVATE chats ``chat.id == from.id``.
    """
    msg = _zalo_message(
        chat_id=chat_id,
        user_id=user_id,
        chat_type=chat_type,
        display_name=display_name,
        is_bot=is_bot,
        message_id=message_id,
        date=date,
    )
    msg["text"] = text
    return {"event_name": "message.text.received", "message": msg}


def zalo_image_update(
    photo_url: str = "https://photo-stal-1.zdn.vn/no/jpg/0123456789abcdef0123/1.jpg",
    caption: str = "",
    **kw: Any,
) -> dict[str, Any]:
    """``message.image.received``: ``photo_url`` + ``caption`` (may be "") + CHAT_PHOTO."""
    msg = _zalo_message(**_zalo_kw(kw))
    msg.update({"message_type": "CHAT_PHOTO", "caption": caption, "photo_url": photo_url})
    return {"event_name": "message.image.received", "message": msg}


def zalo_sticker_update(
    sticker: str = "2be893baafff46a11fee",
    url: str = "https://zalo-api.zadn.vn/api/emoticon/oasticker?eid=2702697498474438568&size=130",
    **kw: Any,
) -> dict[str, Any]:
    """``message.sticker.received``: ``sticker`` id + ``url`` + CHAT_STICKER."""
    msg = _zalo_message(**_zalo_kw(kw))
    msg.update({"message_type": "CHAT_STICKER", "sticker": sticker, "url": url})
    return {"event_name": "message.sticker.received", "message": msg}


def zalo_unsupported_update(**kw: Any) -> dict[str, Any]:
    """``message.unsupported.received`` (files, contacts, locations...): metadata only."""
    return {"event_name": "message.unsupported.received", "message": _zalo_message(**_zalo_kw(kw))}


def _zalo_kw(kw: dict[str, Any]) -> dict[str, Any]:
    out = {
        "chat_id": None,
        "user_id": None,
        "chat_type": "PRIVATE",
        "display_name": "Nguyen Van A",
        "is_bot": False,
        "message_id": None,
        "date": None,
    }
    unknown = set(kw) - set(out)
    if unknown:
        raise TypeError(f"unexpected arguments: {sorted(unknown)}")
    out.update(kw)
    return out


# --------------------------------------------------------------------------- server


def _decode_form_value(key: str, value: str) -> Any:
    if key in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    params: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is not None:
            files[name] = payload
        else:
            params[name] = _decode_form_value(name, payload.decode("utf-8"))
    return params, files


class FakeBotApi:
    """Fake Telegram / Zalo Bot API server.

    Args:
        platform: ``"telegram"`` or ``"zalo"``.
        token: if given, other tokens get 401 Unauthorized (Telegram) / error (Zalo).
        max_poll_wait: cap (seconds) on how long an empty long-poll ``getUpdates`` waits
            before answering (``[]`` for Telegram, 408 for Zalo). A pushed update wakes
            waiting polls immediately.
    """

    def __init__(
        self,
        platform: str = "telegram",
        *,
        token: str | None = None,
        max_poll_wait: float = 0.3,
        bot_user: dict[str, Any] | None = None,
    ) -> None:
        if platform not in ("telegram", "zalo"):
            raise ValueError("platform must be 'telegram' or 'zalo'")
        self.platform = platform
        self.token = token
        self.max_poll_wait = max_poll_wait
        self.bot_user = dict(bot_user or (TG_BOT_USER if platform == "telegram" else ZALO_BOT_INFO))
        self._cond = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._calls: list[Call] = []
        self._failures: dict[str, list[_ApiError]] = {}
        self._overrides: dict[str, Callable[[Call], Any]] = {}
        self._sent: dict[tuple[Any, int], dict[str, Any]] = {}
        self._chats: dict[Any, dict[str, Any]] = {}
        self._msg_ids = itertools.count(10_000)
        self._commands: list[Any] = []
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self._stopping = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------- lifecycle
    def start(self) -> "FakeBotApi":
        if self._server is not None:
            return self
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers

            def do_POST(self) -> None:  # noqa: N802
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._stopping = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeBotApi-{self.platform}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> "FakeBotApi":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    async def __aenter__(self) -> "FakeBotApi":
        return self.start()

    async def __aexit__(self, *exc: Any) -> None:
        self.stop()

    # ----------------------------------------------------------------- urls
    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._server.server_address[1]

    @property
    def zalo_base(self) -> str:
        """``http://127.0.0.1:PORT`` -- Zalo clients call ``{zalo_base}/bot{token}/{method}``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/bot`` -- for PTB's ``ApplicationBuilder().base_url()``."""
        return f"{self.zalo_base}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.zalo_base}/file/bot"

    def method_url(self, token: str, method: str) -> str:
        return f"{self.zalo_base}/bot{token}/{method}"

    # ----------------------------------------------------------------- test API
    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for ``getUpdates`` (Telegram: gets an ``update_id`` if missing)."""
        update = dict(update)
        with self._cond:
            if self.platform == "telegram" and "update_id" not in update:
                update["update_id"] = next(_update_ids)
            if self.platform == "telegram":
                self._remember_chat(update)
            self._updates.append(update)
            self._cond.notify_all()
        return update

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self._updates)

    def calls(self, method: str | None = None, *, pending: bool = False) -> list[Call]:
        """Calls in arrival order (only answered ones unless ``pending=True``)."""
        with self._cond:
            return [
                c
                for c in self._calls
                if (method is None or c.method == method) and (pending or c.completed)
            ]

    def last(self, method: str) -> Call:
        found = self.calls(method)
        if not found:
            raise AssertionError(f"no {method} call; calls so far: {self._summary()}")
        return found[-1]

    def clear_calls(self) -> None:
        with self._cond:
            self._calls.clear()

    def fail_next(
        self,
        method: str,
        error_code: int = 400,
        description: str = "Bad Request: injected failure",
        *,
        http_status: int | None = None,
        times: int = 1,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with this error.

        HTTP status defaults to ``error_code`` for Telegram and 200 for Zalo (Zalo
        reports errors in the body with HTTP 200). ``parameters`` goes into the error
        body as is, e.g. ``{"retry_after": 1}`` for flood control (429).
        """
        with self._cond:
            for _ in range(times):
                self._failures.setdefault(method, []).append(
                    _ApiError(error_code, description, http_status, parameters)
                )

    def set_handler(self, method: str, func: Callable[[Call], Any] | None) -> None:
        """Override a method: ``func(call)`` returns the ``result`` (or raises)."""
        with self._cond:
            if func is None:
                self._overrides.pop(method, None)
            else:
                self._overrides[method] = func

    @property
    def commands(self) -> list[Any]:
        with self._cond:
            return list(self._commands)

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until at least ``count`` calls of ``method``; returns them all."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self._calls if c.method == method and c.completed]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"timed out after {timeout}s waiting for {count} x {method}; "
                        f"got {len(found)}. Calls: {self._summary()}"
                    )
                self._cond.wait(left)

    async def wait_for_async(
        self, method: str, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        """Async twin of :meth:`wait_for` (never blocks the event loop)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls(method)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} x {method}; "
                    f"got {len(found)}. Calls: {self._summary()}"
                )
            await asyncio.sleep(0.01)

    def webhook_headers(self, secret: str | None = None) -> dict[str, str]:
        """Headers the real platform sends to a webhook (secret header per platform)."""
        secret = self.webhook_secret if secret is None else secret
        headers = {"Content-Type": "application/json"}
        if secret:
            name = (
                "X-Telegram-Bot-Api-Secret-Token"
                if self.platform == "telegram"
                else "X-Bot-Api-Secret-Token"
            )
            headers[name] = secret
        return headers

    def post_webhook(
        self, update: dict[str, Any], url: str | None = None, secret: str | None = None
    ) -> Any:
        """POST ``update`` (unwrapped, as the platforms do) to the webhook set via
        ``setWebhook`` (or ``url``). Returns the ``httpx.Response``. Do not call this
        from inside the event loop that serves the webhook: use the async variant."""
        import httpx

        return httpx.post(
            url or self.webhook_url,
            content=json.dumps(update).encode(),
            headers=self.webhook_headers(secret),
            timeout=10,
        )

    async def post_webhook_async(
        self, update: dict[str, Any], url: str | None = None, secret: str | None = None
    ) -> Any:
        import httpx

        async with httpx.AsyncClient(timeout=10) as client:
            return await client.post(
                url or self.webhook_url,
                content=json.dumps(update).encode(),
                headers=self.webhook_headers(secret),
            )

    def _summary(self) -> str:
        with self._cond:
            return ", ".join(c.method for c in self._calls) or "(none)"

    # ----------------------------------------------------------------- HTTP
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        m = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", parts.path)
        if not m:
            self._reply(h, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        token, method = m.group(1), m.group(2)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        ctype = h.headers.get("Content-Type", "")
        try:
            params, files = self._parse_params(body, ctype, parts.query)
        except Exception as exc:  # noqa: BLE001
            self._reply(h, 400, {"ok": False, "error_code": 400, "description": f"bad body: {exc}"})
            return
        call = Call(
            method=method,
            params=params,
            token=token,
            platform=self.platform,
            http_method=h.command,
            content_type=ctype.split(";")[0].strip(),
            headers=dict(h.headers.items()),
            files=files,
        )
        with self._cond:  # record on arrival so calls() is in arrival order
            self._calls.append(call)
        try:
            if self.token is not None and token != self.token:
                raise _ApiError(401, "Unauthorized")
            with self._cond:
                failure = self._failures.get(method)
                injected = failure.pop(0) if failure else None
                override = self._overrides.get(method)
            if injected is not None:
                raise injected
            if override is not None:
                result = override(call)
            else:
                impl = getattr(self, f"_{self.platform}_{method}", None)
                if impl is None:
                    raise _ApiError(404, "Not Found: method not found")
                result = impl(call)
            status, payload = 200, self._ok(method, result)
        except _ApiError as err:
            result = None
            payload = {"ok": False, "error_code": err.error_code, "description": err.description}
            if err.parameters:
                payload["parameters"] = err.parameters
            status = err.http_status or (200 if self.platform == "zalo" else err.error_code)
        with self._cond:
            call.response = result
            call.completed = True
            self._cond.notify_all()
        self._reply(h, status, payload)

    def _ok(self, method: str, result: Any) -> dict[str, Any]:
        if self.platform == "zalo" and method == "sendChatAction":
            return {"ok": True}  # documented response has no result
        return {"ok": True, "result": result}

    @staticmethod
    def _reply(h: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        try:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # client gave up (e.g. cancelled long poll)

    @staticmethod
    def _parse_params(
        body: bytes, ctype: str, query: str
    ) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        for k, v in parse_qs(query, keep_blank_values=True).items():
            params[k] = _decode_form_value(k, v[-1])
        main = ctype.split(";")[0].strip().lower()
        if not body:
            return params, files
        if main == "application/json" or (not main and body[:1] in (b"{", b"[")):
            data = json.loads(body.decode("utf-8"))
            if isinstance(data, dict):
                params.update(data)
        elif main == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
                params[k] = _decode_form_value(k, v[-1])
        elif main == "multipart/form-data":
            p, files = _parse_multipart(body, ctype)
            params.update(p)
        return params, files

    # ----------------------------------------------------------------- long polling
    def _wait_for_update(self, timeout: float) -> None:
        """Called with ``self._cond`` held: wait (capped) until an update is queued."""
        deadline = time.monotonic() + min(max(timeout, 0.0), self.max_poll_wait)
        while not self._updates and not self._stopping:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._cond.wait(left)

    # ----------------------------------------------------------------- Telegram
    def _remember_chat(self, update: dict[str, Any]) -> None:
        for key in ("message", "edited_message", "channel_post"):
            msg = update.get(key)
            if isinstance(msg, dict) and isinstance(msg.get("chat"), dict):
                self._chats[msg["chat"]["id"]] = msg["chat"]
        cq = update.get("callback_query")
        if isinstance(cq, dict) and isinstance(cq.get("message"), dict):
            self._chats[cq["message"]["chat"]["id"]] = cq["message"]["chat"]

    def _tg_chat_for(self, chat_id: Any) -> dict[str, Any]:
        with self._cond:
            known = self._chats.get(chat_id)
        if known:
            return dict(known)
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            return {"id": -1009999999999, "type": "channel", "title": chat_id[1:]}
        try:
            cid = int(chat_id)
        except (TypeError, ValueError) as exc:
            raise _ApiError(400, "Bad Request: chat not found") from exc
        if cid > 0:
            return {"id": cid, "type": "private", "first_name": "Test"}
        if str(cid).startswith("-100"):
            return {"id": cid, "type": "supergroup", "title": "Test Group"}
        return {"id": cid, "type": "group", "title": "Test Group"}

    def _tg_bot_from(self) -> dict[str, Any]:
        return {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}

    def _telegram_getMe(self, call: Call) -> Any:
        return self.bot_user

    def _telegram_getUpdates(self, call: Call) -> Any:
        p = call.params
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        with self._cond:
            if self.webhook_url:
                raise _ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            if not self._updates and timeout > 0:
                self._wait_for_update(timeout)
            return [dict(u) for u in self._updates[: max(1, min(limit, 100))]]

    def _tg_message(self, call: Call, **content: Any) -> dict[str, Any]:
        p = call.params
        if "chat_id" not in p:
            raise _ApiError(400, "Bad Request: chat_id is empty")
        chat = self._tg_chat_for(p["chat_id"])
        msg: dict[str, Any] = {
            "message_id": next(self._msg_ids),
            "from": self._tg_bot_from(),
            "chat": chat,
            "date": _now(),
        }
        msg.update(content)
        if p.get("reply_markup") is not None and "inline_keyboard" in p["reply_markup"]:
            msg["reply_markup"] = p["reply_markup"]
        if p.get("message_thread_id") is not None:
            msg["message_thread_id"] = p["message_thread_id"]
        with self._cond:
            self._sent[(chat["id"], msg["message_id"])] = msg
        return msg

    def _telegram_sendMessage(self, call: Call) -> Any:
        text = call.params.get("text")
        if text is None or str(text).strip() == "":
            raise _ApiError(400, "Bad Request: message text is empty")
        if _utf16_len(str(text)) > TG_TEXT_LIMIT:
            raise _ApiError(400, "Bad Request: message is too long")
        content: dict[str, Any] = {"text": str(text)}
        if call.params.get("entities"):
            content["entities"] = call.params["entities"]
        return self._tg_message(call, **content)

    def _telegram_sendPhoto(self, call: Call) -> Any:
        content: dict[str, Any] = {
            "photo": [{"file_id": "AgFake", "file_unique_id": "AQFake", "width": 90, "height": 90}]
        }
        if call.params.get("caption"):
            content["caption"] = call.params["caption"]
        return self._tg_message(call, **content)

    def _telegram_sendDocument(self, call: Call) -> Any:
        content: dict[str, Any] = {
            "document": {"file_id": "BQFake", "file_unique_id": "AgFake", "file_name": "file"}
        }
        if call.params.get("caption"):
            content["caption"] = call.params["caption"]
        return self._tg_message(call, **content)

    def _telegram_sendChatAction(self, call: Call) -> Any:
        if "chat_id" not in call.params or "action" not in call.params:
            raise _ApiError(400, "Bad Request: chat_id and action are required")
        return True

    def _telegram_answerCallbackQuery(self, call: Call) -> Any:
        if not call.params.get("callback_query_id"):
            raise _ApiError(400, "Bad Request: query is too old and response timeout expired")
        return True

    def _tg_edit(self, call: Call, change: Callable[[dict[str, Any]], None]) -> Any:
        p = call.params
        if p.get("inline_message_id"):
            return True
        if "chat_id" not in p or "message_id" not in p:
            raise _ApiError(400, "Bad Request: message identifier is not specified")
        chat = self._tg_chat_for(p["chat_id"])
        key = (chat["id"], int(p["message_id"]))
        with self._cond:
            msg = dict(
                self._sent.get(key)
                or {
                    "message_id": key[1],
                    "from": self._tg_bot_from(),
                    "chat": chat,
                    "date": _now(),
                    "text": "",
                }
            )
            before = json.dumps(msg, sort_keys=True)
            change(msg)
            if json.dumps(msg, sort_keys=True) == before:
                raise _ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content "
                    "and reply markup are exactly the same as a current content and reply "
                    "markup of the message",
                )
            msg["edit_date"] = _now()
            self._sent[key] = msg
        return msg

    def _telegram_editMessageText(self, call: Call) -> Any:
        p = call.params
        if not p.get("text"):
            raise _ApiError(400, "Bad Request: message text is empty")

        def change(msg: dict[str, Any]) -> None:
            msg["text"] = str(p["text"])
            if p.get("reply_markup"):
                msg["reply_markup"] = p["reply_markup"]
            else:
                msg.pop("reply_markup", None)

        return self._tg_edit(call, change)

    def _telegram_editMessageReplyMarkup(self, call: Call) -> Any:
        p = call.params

        def change(msg: dict[str, Any]) -> None:
            if p.get("reply_markup"):
                msg["reply_markup"] = p["reply_markup"]
            else:
                msg.pop("reply_markup", None)

        return self._tg_edit(call, change)

    def _telegram_deleteMessage(self, call: Call) -> Any:
        return True

    def _telegram_setMyCommands(self, call: Call) -> Any:
        with self._cond:
            self._commands = list(call.params.get("commands") or [])
        return True

    def _telegram_getMyCommands(self, call: Call) -> Any:
        return self.commands

    def _telegram_deleteMyCommands(self, call: Call) -> Any:
        with self._cond:
            self._commands = []
        return True

    def _telegram_setWebhook(self, call: Call) -> Any:
        with self._cond:
            self.webhook_url = str(call.params.get("url") or "")
            self.webhook_secret = call.params.get("secret_token")
            if call.params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _telegram_deleteWebhook(self, call: Call) -> Any:
        with self._cond:
            self.webhook_url = ""
            self.webhook_secret = None
            if call.params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _telegram_getWebhookInfo(self, call: Call) -> Any:
        with self._cond:
            return {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    def _telegram_close(self, call: Call) -> Any:
        return True

    def _telegram_logOut(self, call: Call) -> Any:
        return True

    # ----------------------------------------------------------------- Zalo
    def _zalo_getMe(self, call: Call) -> Any:
        return self.bot_user

    def _zalo_getUpdates(self, call: Call) -> Any:
        try:
            timeout = float(call.params.get("timeout") or 30)  # documented default 30 s
        except (TypeError, ValueError):
            timeout = 30.0
        with self._cond:
            if not self._updates:
                self._wait_for_update(timeout)
            if not self._updates:
                raise _ApiError(408, "Request timeout")
            return self._updates.pop(0)

    def _zalo_sent(self, call: Call) -> dict[str, Any]:
        p = call.params
        if not p.get("chat_id"):
            raise _ApiError(400, "chat_id is required")
        return {"message_id": _zalo_id(), "date": _now_ms()}

    def _zalo_sendMessage(self, call: Call) -> Any:
        text = call.params.get("text")
        if not isinstance(text, str) or not (1 <= len(text) <= ZALO_TEXT_LIMIT):
            # Real wording unknown; the limit (1..2000 chars) is documented.
            raise _ApiError(400, "text must be between 1 and 2000 characters")
        return self._zalo_sent(call)

    def _zalo_sendPhoto(self, call: Call) -> Any:
        if not call.params.get("photo"):
            raise _ApiError(400, "photo is required")
        return self._zalo_sent(call)

    def _zalo_sendSticker(self, call: Call) -> Any:
        if not call.params.get("sticker"):
            raise _ApiError(400, "sticker is required")
        return self._zalo_sent(call)

    def _zalo_sendChatAction(self, call: Call) -> Any:
        if not call.params.get("chat_id") or not call.params.get("action"):
            raise _ApiError(400, "chat_id and action are required")
        return True

    def _zalo_setWebhook(self, call: Call) -> Any:
        url = call.params.get("url")
        secret = call.params.get("secret_token")
        if not url or not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise _ApiError(400, "url and secret_token (8-256 chars) are required")
        with self._cond:
            self.webhook_url = str(url)
            self.webhook_secret = secret
        return {"url": self.webhook_url, "updated_at": _now_ms()}

    def _zalo_deleteWebhook(self, call: Call) -> Any:
        with self._cond:
            self.webhook_url = ""
            self.webhook_secret = None
        return {"url": "", "updated_at": _now_ms()}

    def _zalo_getWebhookInfo(self, call: Call) -> Any:
        with self._cond:
            return {"url": self.webhook_url, "updated_at": _now_ms()}
