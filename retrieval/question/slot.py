"""The slot a question asks to fill: the words right before its asking words ("… quê ở
đâu?" asks "quê", "… có ai tử vong không?" asks "tử vong", "… gọi số điện thoại nào?" asks
"số điện thoại"). The sentences repeating the event's words do not fill it; the one
writing the slot's words may (pure).

The asking words and the slot's words are read as typed, word by word: a word typed with
accents with them ("não" is no "nào", "quê" no "quế"), one typed bare, bare ("que" may be
either). The words that bound a slot are read by the question: with their accents in one
typed with some ("thi" there is no "thì"), only the unambiguous ones in one typed bare. The
asking words read here are the ends of yes/no and which/where questions;
`message.ASKING_PHRASES` lists the ones a search strips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.normalize import fold, has_diacritics, nfc, one_tone_placement, words
from retrieval.question.present import hien_ends_another_word
from retrieval.question.message import message_sentences
from retrieval.question.typed import TypedWords


@dataclass(frozen=True)
class Slot:
    """What a question asks to fill."""

    # lower-case, as typed (`normalize.one_tone_placement`: "thuỷ" and "thủy" alike), the one
    # nearest the asking words last: a word typed with accents is matched with them ("quê" is no
    # "quế"), one typed bare, bare ("que" may be either)
    words: tuple[str, ...]
    # asked with "gì" / "nào" ("số điện thoại nào", "bệnh gì") or "<words> của … ra sao": a kind,
    # which the answer often names without the word, so it weighs less than a predicate ("quê ở
    # đâu", "có bị phạt không")
    kind: bool
    # two words at least of it are matched (typed with accents, its stops and capitals bound it:
    # one word of it may be half of another); else its last word alone may be
    whole: bool
    # asked yes or no ("… có ai bị thương không?", "… đã bị hủy chưa?"): the sentence writing it answers
    yes_no: bool = False

    @staticmethod
    def sentence_words(sentence: str) -> list[tuple[str, str]]:
        """A sentence's words, lower-case (`one_tone_placement`), each with its folded form."""
        return [(w, fold(w)) for w in words(one_tone_placement(nfc(sentence).lower()))]

    def phrase(self, sentences: list[list[tuple[str, str]]]) -> tuple[str, ...]:
        """The longest end of the slot's words that one of the sentences (`sentence_words`)
        writes: "bị cách chức" when written, else "cách chức". Two words at least of a `whole`
        slot of two or more: one word of it may be half of another ("công" of "thi công" in "Công an",
        "chức" of "cách chức" in "tổ chức"); else its last word alone too ("ba dinh que" ran
        across a place's name: "que"). () when none writes it."""
        shortest = 2 if self.whole and len(self.words) > 1 else 1
        for start in range(len(self.words) - shortest + 1):
            phrase = self.words[start:]
            if any(writes(ws, phrase) for ws in sentences):
                return phrase
        return ()

    def phrases(self, sentences: list[list[tuple[str, str]]]) -> tuple[tuple[str, ...], ...]:
        """The phrases that fill the slot in the sentences: its own (`phrase`), and those the press
        answers it with instead (`told_otherwise`) that one of them writes."""
        own = self.phrase(sentences)
        return ((own,) if own else ()) + tuple(p for p in self.told_otherwise() if any(writes(ws, p) for ws in sentences))

    def told_otherwise(self) -> tuple[tuple[str, ...], ...]:
        """The words the press answers the slot with instead of its own (`_TOLD_OTHERWISE`: "… có
        qua khỏi không?" is answered by "đã tử vong"; the slot's words compared as typed), most telling
        first; () for most slots."""
        return next((told for end, told in _TOLD_OTHERWISE.items()
                     if len(self.words) >= len(end) and all(map(_as_typed, self.words[-len(end):], end))), ())

    def written_in(self, sentence: str) -> bool:
        """Whether a sentence writes the slot (`phrases`): "Sự việc xảy ra vào đêm khuya nên không có
        người bị thương." for "… có ai bị thương không?"."""
        return bool(self.phrases([Slot.sentence_words(sentence)]))


def writes(ws: list[tuple[str, str]], phrase: tuple[str, ...]) -> bool:
    """Whether the (word, folded) words hold the phrase, word after word, each of its words
    compared as typed: with its accents, or bare."""
    if not phrase:
        return False  # (no phrase written: no sentence fills the slot)
    n = len(phrase)
    typed = [has_diacritics(p) for p in phrase]
    return any(all(p == (w[0] if t else w[1]) for p, t, w in zip(phrase, typed, ws[i:i + n]))
               for i in range(len(ws) - n + 1))


# The press tells whether someone survived, died or was hurt in its own words: a slot ending so (folded)
# is also filled by these ("… có qua khỏi không?": "ông D. đã tử vong tại bệnh viện")
_DEATH = (("tử", "vong"), ("qua", "đời"), ("thiệt", "mạng"), ("tử", "nạn"))
_TOLD_OTHERWISE = {  # (the slot's last words, accented: compared as typed)
    ("qua", "khỏi"): _DEATH,
    ("chết",): _DEATH,
    ("thương", "vong"): (("bị", "thương"), *_DEATH),
    ("thương",): (("thương", "vong"), ("thương", "tích"), ("ngạt", "khói"), ("cấp", "cứu"), *_DEATH),
}

MAX_SLOT_WORDS = 3
_MAX_HEAD_WORDS = 3  # "… ra sao?" asks of the words before a "của" opening the question (time words aside)
# Words no slot runs across, with their accents: auxiliaries, "có ai", linking words, prepositions
# ("từ tháng 7 không?"), demonstratives, "như", "bằng" ("như thế nào", "bằng cách nào" ask no
# slot); "người" ("thiệt hại về người không") says nothing alone (not "làm", "theo": "làm việc",
# "theo dõi"; "thường" is, though "bồi thường" then asks no slot: "bệnh nhi thường có những biểu
# hiện bất thường nào" lost its answer to a slot of it)
_STOP = TypedWords(accented=frozenset((
    "đã", "bị", "được", "có", "thì", "sẽ", "là", "đang", "vẫn", "còn", "mà", "thường", "nữa", "lại", "ai", "gì",
    "và", "hay", "hoặc", "của", "cho", "với", "ở", "tại", "không", "chưa", "phải", "nên", "cần", "đâu", "nào",
    "như", "thế", "bằng", "những", "các", "một", "nhiều", "bao", "vào", "về", "trong", "trên", "dưới", "đến",
    "tới", "ấy", "này", "nay", "đó", "kia", "hiện", "vậy", "người", "từ")),
    # ... typed bare: only the forms no common word shares ("duoc" is also dược liệu, "co" cơ quan,
    # "thuong" khen thưởng, "van" văn bản, "dang" đăng ký, "dau" đầu tư, "bi" bí thư, "bao" bão,
    # "cua" cửa, "la" lá: read on, and the slot's longest end an article writes decides)
    bare=frozenset(("khong", "chua", "cac", "nhieu", "ai", "gi", "hay", "hoac", "voi", "phai", "mot", "vao",
                   "tren", "nay", "nua")))
# Time words a question may end on before its asking words ("… dịp lễ năm nay không?"): passed over
_TIME_PHRASES = frozenset(tuple(p.split()) for p in (
    "năm nay", "hiện nay", "hiện tại", "hôm nay", "bây giờ", "lúc này", "tháng này", "tuần này", "năm qua",
    "tuần tới", "tháng tới", "năm tới", "sắp tới", "ngày mai", "tuần sau", "tháng sau", "năm sau", "hôm qua"))
_BARE_TIME_PHRASES = frozenset(tuple(fold(w) for w in p) for p in _TIME_PHRASES)
_TIME_BEFORE_NUMBER = frozenset(("năm", "tháng", "ngày", "nam", "thang", "ngay"))  # "… năm 2024 không?"
# "khi nào", "lúc nào", "thời điểm nào", "như thế nào", "bằng cách nào": a time or a manner
_NO_SLOT_BEFORE_NAO = TypedWords.of(("khi", "lúc", "hồi", "giờ", "hôm", "dịp", "điểm", "cách",
                                     "thế"))
# "là gì", "những gì", "điều gì", "cái gì", "làm gì": what is asked stands before them (or is read
# elsewhere)
_NO_SLOT_BEFORE_GI = TypedWords.of(("là", "những", "điều", "cái", "làm"))
_PARTICLES = frozenset(("ạ", "vậy", "nhỉ", "nhé", "hả", "a", "vay", "nhi", "nhe", "ha"))  # "… ở đâu vậy?"
_NO = frozenset(("ko", "k", "hông", "hong", "khg", "kg", "hok", "khum", "hem"))  # "không" as typed in a chat
_NAME_ENDS = frozenset(("ủy", "uỷ"))  # "Tỉnh ủy", "Huyện ủy", "Đảng ủy"
# The first words of offices and bodies, capitalised in a name ("làm Chủ tịch", "Trạm y tế",
# "Hội Nông dân"): a lower-case word after one ends the name, no slot ("tịch")
_OFFICE_STARTS = frozenset(("chủ", "bí", "giám", "trưởng", "phó", "trạm", "ban", "hội", "sở", "phòng", "cục", "viện",
                            "trường", "bệnh", "nhà", "tổng", "chánh", "công", "bộ", "ủy", "uỷ", "văn", "đảng"))
_WORD_RE = re.compile(r"[^\W_]+")


def _as_typed(word: str, target: str) -> bool:
    """Whether a (lower-case) word of a question is the (accented) target as typed: with its
    accents, or bare ("o dau" is "ở đâu"; "não" is no "nào")."""
    return word == target if has_diacritics(word) else word == fold(target)


def _is_name_word(word: str) -> bool:
    """A capitalised word of a name ("Đình", "Tỉnh", "A"), not an acronym ("CCCD", "UBND")."""
    return word[0].isupper() and (len(word) == 1 or not word.isupper())


def asked_slot(question: str) -> Slot | None:
    """The slot `question` (what a message asks; its last sentence) asks to fill; None when it
    asks none so ("là gì", "khi nào", "ra sao" of no "<words> của …"; "bao nhiêu", "vì sao"
    are read elsewhere)."""
    sentences = message_sentences(nfc(question).strip())
    if not sentences:
        return None
    sentence = sentences[-1]
    typed = _WORD_RE.findall(sentence)
    accented = has_diacritics(sentence)
    forms = [w.lower() for w in typed]
    while forms and forms[-1] in _PARTICLES:
        forms.pop()
    if forms and forms[-1] in _NO:
        forms[-1] = "khong"

    def ends(*phrase: str) -> bool:
        return len(forms) > len(phrase) and all(map(_as_typed, forms[-len(phrase):], phrase))

    n = len(forms)
    kind = yes_no = False
    if ends("ở", "đâu") or ends("tại", "đâu"):  # "… quê ở đâu?"
        end = n - 2
    elif ends("ở", "chỗ", "nào") or ends("ở", "nơi", "nào"):
        end = n - 3
    elif ends("không"):  # "… có bị phạt không?", "… hay không?", "… được không?"
        end = n - 2 if _as_typed(forms[-2], "hay") or _as_typed(forms[-2], "được") else n - 1
        yes_no = True
    elif ends("chưa"):  # "… đã khởi công chưa?"
        end, yes_no = n - 1, True
    elif ends("nào") and not _NO_SLOT_BEFORE_NAO.read_in(forms[-2], accented):  # "… xã nào?"
        end, kind = n - 1, True
    elif ends("gì") and not _NO_SLOT_BEFORE_GI.read_in(forms[-2], accented):  # "… bệnh gì?"
        end, kind = n - 1, True
    elif (ends("ra", "sao") or ends("thế", "nào")) and (head := _how_head(forms, accented)) is not None:
        end, kind = head, True  # "Sức khỏe của nam sinh … ra sao?": a kind, "sức khỏe"
    else:
        return None
    i = end - 1
    if i >= 0 and _as_typed(forms[i], "ra"):
        i -= 1  # "sinh ra ở đâu", "diễn ra ở đâu": "sinh", "diễn"
    if i >= 1:
        last_two = tuple(forms[i - 1:i + 1])
        if last_two in (_TIME_PHRASES if accented else _BARE_TIME_PHRASES) or (
                last_two[0] in _TIME_BEFORE_NUMBER and last_two[1].isdigit()):
            i -= 2  # "… năm nay không?", "… năm 2024 không?"
    # Capitals end a slot where they mark names: not in a question typed all in capitals or with
    # every word capitalised. (A sentence's first word is capitalised anyway: no name's.)
    names = accented and not all(w[0].isupper() for w in typed if not w[0].isdigit())
    slot: list[str] = []
    while i >= 0 and len(slot) < MAX_SLOT_WORDS:
        word = forms[i]
        if _STOP.read_in(word, accented) and not (word == "hiện" and hien_ends_another_word(forms[max(0, i - 2):i])):
            break  # ("phát hiện ở đâu" reads on)
        if word[0].isdigit() or (names and i > 0 and _is_name_word(typed[i])):
            break  # a number; a name ("… Ba Đình quê ở đâu?")
        # the lower-case end of a name: "Bí thư Tỉnh ủy chỉ đạo gì?", "… làm Chủ tịch không?" (no
        # "tịch"); but "Anh Tuấn quê ở đâu?"
        if names and i > 1 and _is_name_word(typed[i - 1]) and (word in _NAME_ENDS or _office_at(typed, i - 1)):
            break
        slot.insert(0, word)
        i -= 1
    if not slot:
        return None
    # a slot cut at three words in a question with no capital after its first word, and not next
    # to a capitalised first word, may have run on past a name ("ông hùng quê ở đâu?"): its last word
    # alone may be matched ("Dự án khởi công chưa?" may not: "công" of "Công an")
    bounded = len(slot) < MAX_SLOT_WORDS or (names and any(map(_is_name_word, typed[1:]))) or (
        i <= 0 and typed[0][0].isupper())
    return Slot(words=tuple(one_tone_placement(w) for w in slot), kind=kind, whole=accented and bounded, yes_no=yes_no)


def _how_head(forms: list[str], accented: bool) -> int | None:
    """Where the "của" stands that ends the words a "… ra sao?" question opens on ("Hiện nay sức
    khỏe của nam sinh … ra sao?": "sức khỏe"; not "Vụ cháy xưởng gỗ của ông B thiệt hại ra sao?",
    nor "cửa"); None when none does."""
    start = 0
    while tuple(forms[start:start + 2]) in (_TIME_PHRASES if accented else _BARE_TIME_PHRASES):
        start += 2
    of = "của" if accented else "cua"
    for k in range(start + 1, min(start + _MAX_HEAD_WORDS, len(forms) - 3) + 1):
        if forms[k] == of:
            return k
    return None


def _office_at(typed: list[str], i: int) -> bool:
    """Whether the capitalised word at `i` opens an office's or a body's name ("làm Chủ tịch",
    "Trạm y tế"; not "Đối tượng Tuấn", "ông Hùng")."""
    return typed[i].lower() in _OFFICE_STARTS

