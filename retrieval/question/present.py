"""Questions about how things are now ("Hiện nay huyện có bao nhiêu hộ nghèo?"): their words
read as typed, and a "hiện" that ends another word ("thực hiện") told apart (pure)."""

from __future__ import annotations

from retrieval.normalize import fold
from retrieval.question.typed import TypedWords, phrases_typed


# Words of a question about the present ("Hiện nay huyện có bao nhiêu hộ nghèo?"), with their
# accents where they are typed with some: "hiền tài", "bảy giờ", "lúc nãy" fold alike
_NOW = ("hôm nay", "hiện nay", "hiện tại", "hiện giờ", "bây giờ", "lúc này", "năm nay", "tháng này", "mới nhất",
        "hiện có", "hiện đang", "hiện còn")  # "Xã đảo Thạnh An hiện có bao nhiêu nhân khẩu?"
_NOW_PHRASES = tuple(tuple(w.split()) for w in _NOW)
# "hiện …" after these is no present: "thực hiện có hiệu quả", "thực hiện tại xã", "phát hiện có",
# "xuất hiện", "thể hiện", "biểu hiện" (read with accents when typed with them: "xử phạt hiện nay" asks)
_NOT_NOW_BEFORE = TypedWords.of({"thực", "phát", "xuất", "thể", "biểu"})
# ... unless that word ends a word of its own: "sản xuất hiện nay", "đại biểu hiện có", "cụ thể hiện nay"
# (folded: however they are typed)
_ENDS_A_WORD = frozenset(fold(w) for w in ("sản xuất", "đại biểu", "phát biểu", "tiêu biểu", "cụ thể", "tập thể",
                                           "có thể", "cơ thể", "toàn thể", "xuất phát"))


def hien_ends_another_word(before: list[str]) -> bool:
    """Whether the "hiện" after these (lower-case) words is part of a word ("thực hiện"); not
    after none."""
    if not before or " ".join(fold(w) for w in before) in _ENDS_A_WORD:
        return False
    return before[-1] in _NOT_NOW_BEFORE


def asks_of_now(question: str) -> bool:
    """Whether a question asks how things are now ("hiện nay", "hôm nay", "năm nay"; not the
    "hiện" of "thực hiện", "xuất hiện")."""
    return any(phrase[0] != "hiện" or not i or not hien_ends_another_word(ws[max(0, i - 2):i])
               for ws, i, phrase in phrases_typed(question, _NOW_PHRASES))
