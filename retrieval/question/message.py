"""A cadre's message as typed: cleaned of markup, cut to a searchable length, and what it
asks when it is several sentences (a pasted text with a question in it) (pure)."""

from __future__ import annotations

import html
import re
import unicodedata

from retrieval.normalize import cut_at_word, fold, has_diacritics, nfc, words
from retrieval.question.typed import TypedWords

# An HTML tag or comment: an ASCII name, then a space, "/" or ">". "1 < 2" and
# "<Nghị quyết 25>" are not tags.
_TAG_RE = re.compile(r"<!--.*?-->|</?[a-zA-Z][a-zA-Z0-9]*(?:[\s/][^<>]{0,200})?>", re.S)


# zero-width characters and the soft hyphen: nothing; a zero-width space: a space
_INVISIBLE = {**dict.fromkeys(map(ord, "\u200c\u200d\u2060\ufeff\u00ad")), 0x200B: " "}


def clean_question(text: str) -> str:
    """A question as typed, minus markup: HTML entities read, tags dropped, whitespace collapsed
    (``<b>MTTQ</b>  huyện`` → ``MTTQ huyện``), in NFC (a keyboard may send tone marks
    as separate characters; bytes that were not UTF-8, carried as lone surrogates, become
    "?"). Idempotent, so cleaning twice is harmless."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    for _ in range(3):  # "&amp;", "&lt;b&gt;", "&nbsp;"; escaped twice too, so that cleaning again changes nothing
        if (read := html.unescape(text)) == text:
            break
        text = read
    return " ".join(_TAG_RE.sub(" ", unicodedata.normalize("NFC", text)).translate(_INVISIBLE).split())


MAX_QUESTION_CHARS = 500


# A message's sentence end: not after an abbreviation ("TP. Kon Tum", "H. Kon Rẫy", "ThS."), and
# after "…", "..." or ".." only before a capital ("Hiện nay… huyện có bao nhiêu hộ nghèo?" is one sentence)
# (a capital as `str.isupper` reads it: the range À-Ỹ holds "ở" too)
_LATIN_LETTERS = (*map(chr, range(0xC0, 0x250)), *map(chr, range(0x1EA0, 0x1EFA)))
_CAPITAL = "[A-Z" + "".join(c for c in _LATIN_LETTERS if c.isupper()) + "]"
_ABBREVIATED = ("TP", "Tp", "TX", "Tx", "TT", "Tt", "TS", "ThS", "GS", "PGS", "BS", "Th", "St")
_SENTENCE_END_RE = re.compile("".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATED)
                              + r"(?<!\b[A-ZĐ]\.)(?<!\.\.)(?<=[.!?])\s+|(?:(?<=…)|(?<=\.\.))\s+(?=" + _CAPITAL + ")")
_CONTEXT_MIN_WORDS = 5
_QUESTION_MARK_RE = re.compile(r"\?(?=[\s\"”»)]|$)")  # not one inside a URL ("…/a.html?id=3")
# The words a question asks with (`query` also strips them from a question's end)
ASKING_PHRASES = ("như thế nào", "thế nào", "ra sao", "là gì", "là ai", "bao nhiêu", "ở đâu", "khi nào", "bao giờ",
                  "vì sao", "tại sao", "những gì", "điều gì", "hay không")
# What a sentence asks with when it has no "?" ("… cho biết có bao nhiêu mô hình"), folded.
_ASKING_RE = re.compile(r"\b(?:" + "|".join(fold(w) for w in (*ASKING_PHRASES, "cho biết", "có không", "có phải"))
                        + r")\b")
# A question pointing back to the text it follows ("tỉnh đó", "huyện này", "bài trên"), folded
# ... or to someone or something the text told of ("nam thanh niên đó", "vụ việc này"), folded
_POINTS_BACK_NEAR_RE = re.compile(r"\b(nguoi|thanh nien|doi tuong|nan nhan|benh nhan|tai xe|vu viec|su viec|truong hop"
                                  r"|cong trinh|du an|cay cau|hoi nghi|su kien|ho dan|gia dinh|co so|doanh nghiep)"
                                  r"\s+(?:do|nay|tren|ay|kia)\b")
_POINTS_BACK_RE = re.compile(r"\b(tinh|huyen|xa|thanh pho|quan|phuong|dia phuong|don vi|noi|bai|bai bao|bai viet"
                             r"|van ban|mo hinh|chuong trinh|ke hoach)\s+(?:do|nay|tren|ay|kia)\b")


def shorten_question(text: str) -> tuple[str, bool]:
    """A question as it is searched: cleaned (`clean_question`); when longer than
    MAX_QUESTION_CHARS (a pasted text with a question in it), the sentence that asks
    (`asked_sentence`), with the text's first sentence when it points back to the text
    ("huyện đó"), or else its start; cut to MAX_QUESTION_CHARS at a word boundary; and
    whether it was shortened. Idempotent."""
    question = clean_question(text)
    if len(question) <= MAX_QUESTION_CHARS:
        return question, False
    return cut_question(asked_sentence(question) or question), True


def message_sentences(text: str) -> list[str]:
    """A message's sentences (an abbreviation's dot, "TP. Vinh", ends none)."""
    return [s for s in _SENTENCE_END_RE.split(text) if s.strip()]


def _asked_at(sentences: list[str]) -> int | None:
    """Which of a text's sentences (two or more) asks: the last if it asks with "?", else the
    first (asked, then pasted), else the last if it asks with words (a rhetorical "?" inside the
    pasted text does not beat it), else the last with "?"; None for one sentence or none asking."""
    if len(sentences) < 2:
        return None

    def marked(i: int) -> bool:
        return bool(_QUESTION_MARK_RE.search(sentences[i]))

    last = len(sentences) - 1
    return last if marked(last) else 0 if marked(0) else last if _ASKING_RE.search(fold(sentences[last]).lower()) \
        else next((i for i in range(last, -1, -1) if marked(i)), None)


def asked_sentence(text: str) -> str | None:
    """The sentence of a long text that asks (see `shorten_question`), with the context it
    points back to, or None."""
    sentences = message_sentences(text)
    at = _asked_at(sentences)
    if at is None:
        return None
    asked = sentences[at]
    near = _points_back(_POINTS_BACK_NEAR_RE, asked)
    if near and _says_little(asked, near.group(1)):
        # "Xin hỏi nam thanh niên đó bao nhiêu tuổi?": the nearest sentence before it naming him
        # (not "… nồng độ cồn đo được của tài xế đó là bao nhiêu?": its own words find the passage)
        noun = re.compile(rf"\b{near.group(1)}\b")
        told = next((sentences[i] for i in range(at - 1, -1, -1) if noun.search(fold(sentences[i]).lower())), None)
        if told is not None:
            return _with_context(told, asked)
    if _points_back(_POINTS_BACK_RE, asked):
        # "Trưởng ban Dân vận của huyện đó là ai?": the text's first sentence names what it is about
        first = next((s for i, s in enumerate(sentences)
                      if i != at and len(s.split()) >= _CONTEXT_MIN_WORDS), "")  # not "Chào bạn."
        return _with_context(first, asked)
    return asked


def asked_sentences(text: str) -> list[str]:
    """Of a message of several sentences, the sentences that ask: the one that asks
    (`asked_sentence`) and any other asking with "?" ("Chỉ thị 18-CT/TU ban hành ngày nào?
    Có mấy nội dung?"); none for a message of one sentence. Read the whole message once
    (`question.asked.read_question`): what they say may ask otherwise read again ("A. B? C":
    "B? C", then "B?")."""
    sentences = message_sentences(text)
    at = _asked_at(sentences)
    if at is None:
        return []
    if len(text) > MAX_QUESTION_CHARS:  # (a pasted article's "?" is rhetorical)
        return [sentences[at]]
    return [s for i, s in enumerate(sentences) if i == at or _QUESTION_MARK_RE.search(s)]


_POINTING = frozenset({"đó", "này", "trên", "ấy", "kia"})
# Words that ask or bind rather than say what about, looked up as typed ("đo" and "độ" are no
# "đó", but "do" may be)
_ASKING_WORDS = TypedWords.of((
    "xin cho tôi em hỏi biết là của được bị đã có không bao nhiêu mấy gì nào ai đâu khi thì và với ở tại "
    "như thế ra sao vì tại sao điều những các một đó này trên ấy kia ạ nhé vậy hiện nay").split())
SAYS_LITTLE = 3  # content words of its own, past the one pointed back to, a sentence may have and lean on its context


def _says_little(asked: str, pointed: str) -> bool:
    """Whether a sentence pointing back ("nam thanh niên đó") says too little of its own to be
    searched alone ("bao nhiêu tuổi")."""
    own = [w for w in words(asked) if fold(w) not in pointed.split()
           and w not in _ASKING_WORDS]
    return len(own) <= SAYS_LITTLE


def _points_back(pattern: re.Pattern, asked: str) -> re.Match | None:
    """`pattern`'s match in the folded sentence; typed with accents, only with the pointing word
    itself ("người do UBND xã cử" points back to no one; "người đó" does)."""
    m = pattern.search(fold(asked).lower())
    if m and has_diacritics(asked):
        ws = re.findall(r"\w+", nfc(asked).lower())
        last = m.group(1).split()[-1]  # the noun's last word, folded
        if not any(fold(w) == last and nxt in _POINTING for w, nxt in zip(ws, ws[1:])):
            return None
    return m


def _with_context(context: str, asked: str) -> str:
    """The sentence that asks after as much of its context as fits in MAX_QUESTION_CHARS."""
    room = MAX_QUESTION_CHARS - len(asked) - 1
    return f"{cut_at_word(context, room)} {asked}" if room > 40 else asked


def cut_question(question: str) -> str:
    """At most MAX_QUESTION_CHARS, cut at a word boundary."""
    return cut_at_word(question, MAX_QUESTION_CHARS)
