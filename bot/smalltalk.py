"""Messages that are no question (pure): greetings, thanks, an "ok", a question in
English. They get a short reply of their own instead of "no article answers this",
and are not logged as unanswered questions."""

from __future__ import annotations

import re
from enum import Enum

from retrieval.normalize import fold, has_diacritics


class Talk(Enum):
    GREETING = "greeting"
    THANKS = "thanks"
    OK = "ok"
    ENGLISH = "english"


# Folded, whole messages: the words of one kind, then any of the words said around them.
_GREETING = r"(?:xin chao|chao|hello|hi|helo|alo|hey)"
_THANKS = r"(?:cam on|cam om|thanks|thank you|thank|thanks you|tks|thx)"
_OK = r"(?:ok|oke|okay|okie|duoc roi|vang|da|um|uh|u|ok thanks)"
_AROUND = (r"(?: (?:bot|ban|em|anh|chi|tro ly|tro ly dan van|nhe|nha|nhieu|a|oi|nhe ban|rat nhieu|lam|nhe bot"
           r"|moi nguoi|ca nha|buoi sang|buoi chieu|buoi toi))*")
_WHOLE = {
    Talk.GREETING: re.compile(rf"^(?:(?:bot|tro ly) oi|{_GREETING}{_AROUND})$"),
    Talk.THANKS: re.compile(rf"^(?:{_OK} )?{_THANKS}{_AROUND}$"),
    Talk.OK: re.compile(rf"^{_OK}{_AROUND}$"),
}
# Common English words: a message typed without any Vietnamese letter, mostly of these, is English.
_ENGLISH = frozenset(
    "what is are was were the a an of in on at to for from how many much who whom whose where when why which "
    "does do did can could should would will please tell me about average income province district people "
    "work mass mobilization mobilisation news latest and or this that with by".split())

REPLIES = {
    Talk.GREETING: "Xin chào! Bạn cứ hỏi về công tác dân vận, ví dụ: «{example}». Gõ /help để xem các lệnh.",
    Talk.THANKS: "Không có gì ạ! Bạn cần gì thêm cứ hỏi nhé.",
    Talk.OK: "Vâng ạ. Bạn cần gì thêm cứ hỏi nhé, ví dụ: «{example}».",
    Talk.ENGLISH: ("Tôi trả lời bằng tiếng Việt, trích từ các bài báo tiếng Việt: bạn hãy hỏi bằng tiếng Việt "
                   "(có dấu hoặc không dấu), ví dụ: «{example}».\n"
                   "(I answer in Vietnamese from Vietnamese articles: please ask in Vietnamese.)"),
}

# "có gì mới không": what is new, said without "tin" or "bài"
_WHATS_NEW = re.compile(r"^(?:(?:bot|tro ly) oi )?(?:hom nay |tuan nay |gan day )?co (?:gi|j) moi(?: nhat)?"
                        r"(?: (?:khong|ko|k|ha|a|vay|the))*$")


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text).lower()).split())


def small_talk(text: str) -> Talk | None:
    """What kind of small talk a whole message is, or None for a question."""
    folded = _folded(text)
    if not folded:
        return None
    for kind, pattern in _WHOLE.items():
        if pattern.match(folded):
            return kind
    words = folded.split()
    if (not has_diacritics(text) and len(words) >= 3
            and sum(w in _ENGLISH for w in words) >= max(2, 0.5 * len(words))
            and any(w in ("what", "how", "who", "where", "when", "why", "which", "is", "are", "does", "tell")
                    for w in words)):
        return Talk.ENGLISH
    return None


def asks_whats_new(text: str) -> bool:
    """Whether a whole message asks "có gì mới không" (what's new, no topic)."""
    return bool(_WHATS_NEW.match(_folded(text)))
