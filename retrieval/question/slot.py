"""The slot a question asks to fill: the words right before its asking words ("… quê ở
đâu?" asks "quê", "… có ai tử vong không?" asks "tử vong", "… gọi số điện thoại nào?" asks
"số điện thoại"). The sentences repeating the event's words do not fill it; the one
writing the slot's words may (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.normalize import fold, has_diacritics, nfc
from retrieval.question.typed import TypedWords


@dataclass(frozen=True)
class Slot:
    """What a question asks to fill."""

    words: tuple[str, ...]  # folded, the one nearest the asking words last
    # a kind named before "gì" / "nào" ("số điện thoại nào", "bệnh gì"): the answer often
    # names the thing without its kind, so such a slot weighs less than a predicate's
    # ("quê ở đâu", "có bị phạt không")
    kind: bool


MAX_SLOT_WORDS = 3
# Words no slot runs across: auxiliaries, "có ai", "thì", linking words, and "làm", "như",
# "bằng cách" ("làm gì", "như thế nào", "bằng cách nào" ask no slot of their own)
_STOP = TypedWords.of((
    "đã", "bị", "được", "có", "thì", "sẽ", "là", "đang", "vẫn", "còn", "hiện", "mà", "thường", "nữa", "lại", "ai",
    "gì", "và", "hay", "của", "cho", "với", "ở", "tại", "không", "chưa", "phải", "nên", "cần", "đâu", "nào", "thể",
    "làm", "như", "thế", "bằng", "cách", "ra", "đến", "tới", "những", "các", "một", "nhiều", "người", "bao"))
# The time words a question may end on before its asking words ("… dịp lễ 30/4 năm nay không?"):
# passed over
_TIME = TypedWords.of(("nay", "năm", "tháng", "ngày", "tuần", "này", "qua", "tới", "hôm", "hiện", "bây", "giờ"))
# "khi nào", "lúc nào", "như thế nào", "bằng cách nào": a time or a manner, not a slot
_NO_SLOT_BEFORE_NAO = TypedWords.of(("khi", "lúc", "hồi", "năm", "tháng", "ngày", "giờ", "hôm", "dịp", "bao", "thế",
                                     "cách", "sao"))
# "là gì", "những gì", "điều gì": what is asked is before them (read elsewhere, or not at all)
_NO_SLOT_BEFORE_GI = TypedWords.of(("là", "những", "điều"))
_WORD_RE = re.compile(r"[^\W_]+")


def asked_slot(question: str) -> Slot | None:
    """The slot `question` (what a message asks; its last sentence) asks to fill; None when it
    asks none so ("là gì", "ra sao", "khi nào"; "bao nhiêu", "vì sao" are read elsewhere)."""
    sentence = re.split(r"(?<=[.!?])\s+", nfc(question).strip())[-1]
    typed = _WORD_RE.findall(sentence)
    lower = [w.lower() for w in typed]
    folded = [fold(w) for w in lower]
    if folded[-2:] == ["o", "dau"]:  # "… quê ở đâu?"
        end, kind = len(folded) - 2, False
    elif folded[-1:] == ["khong"] and "co" in folded[:-1] or folded[-1:] == ["chua"] and "da" in folded[:-1]:
        end, kind = len(folded) - 1, False  # "… có bị phạt không?", "… đã khởi công chưa?"
    elif folded[-1:] == ["nao"] and len(folded) > 1 and lower[-2] not in _NO_SLOT_BEFORE_NAO:  # "… xã nào?"
        end, kind = len(folded) - 1, True
    elif folded[-1:] == ["gi"] and len(folded) > 1 and lower[-2] not in _NO_SLOT_BEFORE_GI:  # "… bệnh gì?"
        end, kind = len(folded) - 1, True
    else:
        return None
    i = end - 1
    while i >= 0 and lower[i] in _TIME and end - i <= 2:  # "… năm nay không?"
        i -= 1
    accented = has_diacritics(sentence)
    words: list[str] = []
    while i >= 0 and len(words) < MAX_SLOT_WORDS:
        # (a capital ends it where the question is typed with accents: "… Ba Đình quê ở đâu?")
        if lower[i] in _STOP or typed[i][0].isdigit() or (accented and i > 0 and typed[i][0].isupper()):
            break
        words.insert(0, folded[i])
        i -= 1
    return Slot(tuple(words), kind) if words else None


def _holds(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def slot_phrase(slot: Slot, sentences: list[list[str]]) -> tuple[str, ...]:
    """The longest end of the slot's words that one of the (folded) sentences writes: "ba đình
    quê" typed without accents is no phrase of theirs, "quê" is; () when none writes its last word."""
    for start in range(len(slot.words)):
        phrase = slot.words[start:]
        if any(_holds(words, phrase) for words in sentences):
            return phrase
    return ()


def fills_slot(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether a sentence's (folded) words write the slot's phrase."""
    return bool(phrase) and _holds(words, phrase)
