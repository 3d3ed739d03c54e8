"""The transport-agnostic message types of the bot core."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Incoming:
    """One user action, whatever the platform it came from."""

    platform: str  # "telegram" | "zalo" | "console"
    chat_id: str
    user_id: str
    text: str = ""
    message_id: str = ""
    is_private: bool = True
    addressed: bool = False  # in a group: mentions the bot or replies to it
    user_name: str = ""
    kind: str = "text"  # "text" | "callback" | "sticker" | "image" | "unsupported"
    callback_data: str = ""


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """What the core answers: the same content as HTML and as plain text."""

    html: str
    plain: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    notice: str = ""  # a short toast for a button press (Telegram answerCallbackQuery)

    def plain_text(self) -> str:
        return self.plain


@dataclass
class ChatMemory:
    """Per-chat state: the last answer and the last keyword search."""

    last_query_id: int | None = None
    last_answer: object | None = None  # retrieval.types.Answer
    shown_hits: int = 0
    last_search: str = ""
    search_page: int = 0
    extra: dict = field(default_factory=dict)
