"""Messages that are no question (pure): greetings, thanks, an "ok", a question in
English. They get a short reply of their own instead of "no article answers this",
and are not logged as unanswered questions."""

from __future__ import annotations

import re
from enum import Enum

from retrieval.normalize import fold, has_diacritics, nfc


class Talk(Enum):
    GREETING = "greeting"
    THANKS = "thanks"
    OK = "ok"
    ENGLISH = "english"
    WHO = "who"  # "bạn là ai", "bot làm được gì": the /start introduction
    HELP = "help"  # "help", "hướng dẫn" without the slash: the /help list
    BYE = "bye"


# Folded, whole messages: the words of one kind, then any of the words said around them.
_GREETING = r"(?:xin chao|chao|hello|hi|helo|alo|hey)"
_THANKS = r"(?:cam on|cam om|thanks|thank you|thank|thanks you|tks|thx)"
_OK = r"(?:ok|oke|okay|okie|duoc roi|um|uh|ok thanks)"
# "vâng", "dạ", "ừ" fold to "vang" (gold), "da" (skin), "u": read with their accents only
_OK_ACCENTED = re.compile(r"^(?:vâng|dạ|dạ vâng|vâng ạ|ừ|ừm|ừ ừ|dạ được|dạ vâng ạ)(?: (?:ạ|nhé|nha|bot))*$")
_AROUND = (r"(?: (?:bot|ban|em|anh|chi|tro ly|tro ly dan van|nhe|nha|nhieu|a|oi|nhe ban|rat nhieu|lam|nhe bot"
           r"|moi nguoi|ca nha|buoi sang|buoi chieu|buoi toi))*")
_YOU = r"(?:ban|bot|em|tro ly|tro ly dan van|may)"
_WHOLE = {
    Talk.WHO: re.compile(rf"^(?:{_GREETING}(?: {_YOU})? )?{_YOU} (?:la ai|la gi|ten gi|ten la gi|lam duoc gi|giup duoc gi"
                         rf"|co the lam gi|lam gi|biet gi|tra loi duoc gi)(?: (?:the|vay|a|nhi|the nhi))*$"),
    Talk.HELP: re.compile(r"^(?:help|giup|giup do|tro giup|huong dan|menu|lenh|cac lenh|danh sach lenh"
                          r"|huong dan su dung|cach dung|dung the nao|dung nhu the nao|su dung the nao)"
                          r"(?: (?:toi|minh|em|voi|di|nhe|nha|bot|a))*$"),
    Talk.BYE: re.compile(rf"^(?:tam biet|bye|bye bye|goodbye|good bye|hen gap lai|chao tam biet){_AROUND}$"),
    Talk.GREETING: re.compile(rf"^(?:(?:bot|tro ly) oi|{_GREETING}{_AROUND})$"),
    Talk.THANKS: re.compile(rf"^(?:{_OK} )?{_THANKS}{_AROUND}$"),
    Talk.OK: re.compile(rf"^{_OK}{_AROUND}$"),
}
# English words no Vietnamese syllable typed without accents reads as ("to", "the", "can", "an",
# "do", "me" are tổ, thế, cần, an, đó, mẹ): a message without Vietnamese letters holding two
# or more of these, and mostly English words, is English.
_ENGLISH = frozenset(
    "what is are was were of how many much who whom whose where when why which does did could should would "
    "will please tell about average income province district people work mass mobilization mobilisation news "
    "latest and this that with from for".split())
_AMBIGUOUS = frozenset("the a an in on at to do can me or by".split())

REPLIES = {
    Talk.GREETING: "Xin chào! Bạn cứ hỏi về công tác dân vận, ví dụ: «{example}». Gõ /help để xem các lệnh.",
    Talk.THANKS: "Không có gì ạ! Bạn cần gì thêm cứ hỏi nhé.",
    Talk.OK: "Vâng ạ. Bạn cần gì thêm cứ hỏi nhé, ví dụ: «{example}».",
    Talk.BYE: "Tạm biệt! Khi cần, bạn cứ nhắn hỏi nhé.",
    Talk.ENGLISH: ("Tôi trả lời bằng tiếng Việt, trích từ các bài báo tiếng Việt: bạn hãy hỏi bằng tiếng Việt "
                   "(có dấu hoặc không dấu), ví dụ: «{example}».\n"
                   "(I answer in Vietnamese from Vietnamese articles: please ask in Vietnamese.)"),
}

# "có gì mới không": what is new, said without "tin" or "bài"
_WHATS_NEW = re.compile(r"^(?:(?:bot|tro ly) oi )?(?:hom nay |tuan nay |gan day )?co (?:gi|j) moi(?: nhat)?"
                        r"(?: (?:khong|ko|k|ha|a|vay|the))*$")


def _words(text: str) -> str:
    """Lower-case words, punctuation dropped."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _folded(text: str) -> str:
    return _words(fold(text))


def small_talk(text: str) -> Talk | None:
    """What kind of small talk a whole message is, or None for a question."""
    folded = _folded(text)
    if not folded:
        return None
    for kind, pattern in _WHOLE.items():
        if pattern.match(folded):
            if kind is Talk.WHO and has_diacritics(text) and "bạn" not in nfc(text).lower() \
                    and re.search(r"\bban\b", text.lower()) and "là gì" in nfc(text).lower():
                continue  # "Ban là gì": a committee, not "bạn"
            return kind
    if _OK_ACCENTED.match(_words(nfc(text))):
        return Talk.OK
    words = folded.split()
    english = sum(w in _ENGLISH for w in words)
    if (not has_diacritics(text) and len(words) >= 3 and english >= 2
            and english + sum(w in _AMBIGUOUS for w in words) >= 0.5 * len(words)):
        return Talk.ENGLISH
    return None


def asks_whats_new(text: str) -> bool:
    """Whether a whole message asks "có gì mới không" (what's new, no topic)."""
    return bool(_WHATS_NEW.match(_folded(text)))
