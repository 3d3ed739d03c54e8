"""The exception tree of Trợ lý Dân vận.

    DanvanError                    every error this code raises on purpose
    ├── InputError                 one ingest input could not be used (the rest go on)
    │   ├── UnreadableInput        binary, empty, too large, undecodable, not a feed
    │   └── FetchError             a URL timed out, refused or answered an HTTP error
    ├── StoreError                 the SQLite store failed (sqlite3 errors translated)
    ├── IndexError_                the vector index cannot be used as it is
    │   └── EncoderMismatch        the index was built by another encoder
    ├── EncoderError               the encoder could not be loaded or run
    ├── ConfigError                a setting is missing or malformed
    └── MessengerError             a messenger API answered an error
        ├── RetryLater             flood control: retry after `retry_after` seconds
        ├── RecipientGone          the chat blocked the bot or no longer exists
        └── ChatMoved              the chat has a new id (`new_chat_id`)

Foreign exceptions are translated at the boundary with ``raise ... from exc``.
Each error carries an English message for logs; `user_message` is Vietnamese.
"""

from __future__ import annotations


class DanvanError(Exception):
    """Base of every error raised on purpose by this code."""

    user_message = "Đã có lỗi xảy ra, xin thử lại sau."


class InputError(DanvanError):
    """One ingest input could not be used. `origin` names it; the message says
    why in English (for logs), `reason` in Vietnamese (for the user)."""

    user_message = "Không đọc được nguồn này."

    def __init__(self, origin: str, detail: str, reason: str | None = None) -> None:
        super().__init__(f"{origin}: {detail}")
        self.origin, self.detail = origin, detail
        self.reason = reason or self.user_message

    def __reduce__(self):  # pickle and copy rebuild it from its three parts
        return type(self), (self.origin, self.detail, self.reason)


class UnreadableInput(InputError):
    """Binary, empty, too large, undecodable or malformed input."""


class FetchError(InputError):
    """A URL could not be fetched (timeout, refused, HTTP error)."""

    user_message = "Không tải được địa chỉ này."


class StoreError(DanvanError):
    """The SQLite store failed."""

    user_message = "Lỗi kho dữ liệu, xin thử lại sau hoặc báo người quản trị."

    def __init__(self, message: str, user_message: str | None = None) -> None:
        super().__init__(message)
        if user_message:
            self.user_message = user_message

    def __reduce__(self):
        return type(self), (str(self), self.user_message)


class IndexError_(DanvanError):  # noqa: N801 - avoid shadowing builtins.IndexError
    """The vector index cannot be used as it is."""


class EncoderMismatch(IndexError_):
    """The index on disk was built by a different encoder."""

    user_message = ("Kho dữ liệu được mã hóa bằng một bộ mã hóa khác với bộ đang cấu hình (DANVAN_ENCODER, "
                    "DANVAN_MODEL), chạy lại cũng không được: hãy chạy `python main.py reindex` để mã hóa lại "
                    "mọi bài (dừng bot trước), hoặc cấu hình lại đúng bộ mã hóa đã tạo kho.")


class EncoderError(DanvanError):
    """The encoder could not be loaded or run."""

    user_message = ("Không nạp được bộ mã hóa hoặc bộ xếp hạng đã cấu hình (DANVAN_ENCODER, DANVAN_MODEL, "
                    "DANVAN_RERANKER), chạy lại cũng không được: hãy kiểm tra cấu hình và gói đã cài.")


class ConfigError(DanvanError):
    """A setting is missing or malformed."""

    user_message = "Thiết lập hoặc tham số chưa đúng."


class MessengerError(DanvanError):
    """A messenger API answered with an error."""


class RetryLater(MessengerError):
    """Flood control: the platform asks to wait before retrying."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RecipientGone(MessengerError):
    """The chat can no longer be written to (the user blocked the bot, or it left the group)."""


class ChatMoved(MessengerError):
    """The chat has a new id (a Telegram group upgraded to a supergroup)."""

    def __init__(self, message: str, new_chat_id: str) -> None:
        super().__init__(message)
        self.new_chat_id = new_chat_id
