"""A small client of the Zalo Bot API over httpx.

Every call is ``POST {base}/bot{token}/{method}`` with a JSON body; the answer is
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description"}``,
errors coming with HTTP 200 as often as not. ``getUpdates`` returns ONE update
(no list, no offset) or error 408 when nothing arrived during the long poll.

Errors, translated at the boundary with ``raise ... from``::

    MessengerError              (corpus.errors) transport failure or an error answer
    ├── ZaloApiError            the API answered ok=false: .error_code, .description
    └── RetryLater              error 429: wait .retry_after seconds

The token is part of every URL: it never appears in an error message.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx

from corpus.errors import MessengerError, RetryLater

log = logging.getLogger(__name__)

TEXT_LIMIT = 2000


class ZaloApiError(MessengerError):
    """The Zalo Bot API answered ``ok: false``."""

    def __init__(self, method: str, error_code: int, description: str) -> None:
        super().__init__(f"Zalo {method} failed: {error_code} {description}")
        self.method = method
        self.error_code = error_code
        self.description = description


class ZaloClient:
    def __init__(self, token: str, base_url: str = "https://bot-api.zaloplatforms.com", *,
                 timeout: float = 15.0, transport: httpx.AsyncBaseTransport | None = None) -> None:
        if not token:
            raise ValueError("a Zalo bot token is required")
        self._token = token
        self._prefix = f"/bot{token}/"
        self.timeout = timeout
        self._http = httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=timeout, transport=transport,
                                       headers={"User-Agent": "tro-ly-dan-van"})

    async def aclose(self) -> None:
        await self._http.aclose()

    async def call(self, method: str, params: dict[str, Any] | None = None, *,
                   timeout: float | None = None) -> Any:
        """The ``result`` of one API call (``True`` when the answer has none)."""
        try:
            response = await self._http.post(self._prefix + method, json=params or {},
                                             timeout=timeout or self.timeout)
        except httpx.TimeoutException as exc:
            raise MessengerError(f"Zalo {method}: timed out") from exc
        except httpx.HTTPError as exc:
            why = str(exc).replace(self._token, "***")
            raise MessengerError(f"Zalo {method}: {type(exc).__name__}: {why}") from exc
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise MessengerError(f"Zalo {method}: HTTP {response.status_code}, not JSON") from exc
        if not isinstance(body, dict):
            raise MessengerError(f"Zalo {method}: HTTP {response.status_code}, unexpected body")
        if body.get("ok"):
            return body.get("result", True)
        code = _int(body.get("error_code"), response.status_code)
        description = str(body.get("description") or "")
        if code == 429:
            params_ = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
            retry_after = _float(params_.get("retry_after"), 1.0)
            raise RetryLater(f"Zalo {method}: flood control, retry after {retry_after}s", retry_after)
        raise ZaloApiError(method, code, description)

    # -- the methods the bot uses ----------------------------------------
    async def get_me(self) -> dict:
        return await self.call("getMe")

    async def get_updates(self, timeout: int = 30) -> dict | None:
        """One update, or None when the long poll ended empty (error 408)."""
        try:
            result = await self.call("getUpdates", {"timeout": str(int(timeout))}, timeout=timeout + 10)
        except ZaloApiError as exc:
            if exc.error_code == 408:
                return None
            raise
        return result if isinstance(result, dict) and result else None

    async def send_message(self, chat_id: str, text: str) -> Any:
        if not 1 <= len(text) <= TEXT_LIMIT:
            raise ValueError(f"a Zalo message has 1 to {TEXT_LIMIT} characters, not {len(text)}")
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _float(value: Any, default: float) -> float:
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return default
