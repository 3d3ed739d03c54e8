"""Questions asking which number a document bears ("Văn bản … có số hiệu là gì?", "Hưng Yên ra
công điện số mấy?", "… áp dụng chỉ thị nào?") and whether a sentence names one (pure). Read as
typed: with accents in a question typed with some, bare in one typed without ("so nao" may be
"sở nào").
"""

from __future__ import annotations

import re

from corpus.docrefs import KINDS, document_numbers
from retrieval.normalize import fold, has_diacritics, nfc

_KINDS = sorted(KINDS, key=len, reverse=True)
# kinds whose "số hiệu" is a document's ("Văn bản … có số hiệu là gì?"; not "Theo quy định, tàu cá
# mang số hiệu gì?", "hướng dẫn", "báo cáo", "thông báo": verbs too)
_NUMBERED = ("văn bản", "công văn", "công điện", "quyết định", "nghị quyết", "chỉ thị", "nghị định", "thông tư",
             "kế hoạch", "kết luận", "đề án")
# "<kind> nào" asks a number ("áp dụng chỉ thị nào"; not "nghị quyết nào", "văn bản nào", "kế hoạch
# nào": a name answers, "Nghị quyết Đại hội XIII", "giấy tờ, văn bản nào")
_NUMBER_NAMES = ("chỉ thị", "nghị định", "thông tư", "công văn", "công điện")
# "hiệu" starting another word: "số hiệu trưởng được luân chuyển", "chuyển đổi số hiệu quả"
_HIEU_COMPOUNDS = ("quả", "trưởng", "phó", "lực", "suất", "ứng", "chỉnh", "đính", "năng", "triệu")
# what may follow "số mấy" asking a document's number ("công điện số mấy của tỉnh"; not "Quyết định
# hỗ trợ số bao nhiêu hộ?", a count)
_THEN = ("của", "do", "về", "ngày", "năm", "được", "đã", "là", "ban", "mà", "thì", "vậy", "ạ", "nhỉ", "hả", "thế",
         "và", "gì")
# a kind and a number, however typed: the numbers a question names ("chi thi 16")
_NAMED_RE = re.compile(rf"\b(?:{'|'.join(fold(k) for k in _KINDS)})\s+(?:so\s*)?(\d{{1,4}})\b", re.I)


def _asked_re(accented: bool) -> re.Pattern:
    """"số hiệu" in a question naming a kind of document (`_NUMBERED`; not "chuyển đổi số hiệu quả");
    a kind, up to two words and "số mấy" / "số bao nhiêu" / "số gì" / "số nào" ("công điện hỏa tốc số
    mấy"; typed bare, not "so nao", "so gi": "văn bản do sở nào ban hành"); "chỉ thị nào"
    (`_NUMBER_NAMES`)."""
    def f(word: str) -> str:
        return word if accented else fold(word)

    kinds, numbered, names = ("|".join(map(f, ws)) for ws in (_KINDS, _NUMBERED, _NUMBER_NAMES))
    asked = "|".join(map(f, ("mấy", "bao nhiêu", *(("gì", "nào") if accented else ()))))
    hieu = "|".join(map(f, _HIEU_COMPOUNDS))
    number = rf"\b{f('số hiệu')}\b(?!\s+(?:{hieu})\b)"
    then = "|".join(map(f, _THEN))
    return re.compile(rf"\b(?:{numbered})\b.*{number}|{number}.*\b(?:{numbered})\b"
                      rf"|\b(?:{kinds})(?:\s+\w+){{0,2}}?\s+{f('số')}\s+(?:{asked})\b(?=\s*(?:[?.,;!]|$|(?:{then})\b))"
                      rf"|\b(?:{names})\s+{f('nào')}\b", re.I)


_ASKED_RE = {accented: _asked_re(accented) for accented in (True, False)}


def asks_document_number(question: str) -> bool:
    """Whether a question asks which number a document bears ("… có số hiệu là gì?", "Hưng Yên ra
    công điện số mấy?", "… áp dụng chỉ thị nào?")."""
    text = nfc(question)
    accented = has_diacritics(text)
    return bool(_ASKED_RE[accented].search(text if accented else fold(text).lower()))


def question_numbers(question: str) -> frozenset[int]:
    """The numbers of the documents a question names, which answer none of it: as `document_numbers`
    reads them, and after a kind however typed ("thuc hien chi thi 16, ha noi ban hanh van ban nao?")."""
    return document_numbers(question) | {int(m.group(1)) for m in _NAMED_RE.finditer(fold(nfc(question)))}


def asks_full_code(question: str) -> bool:
    """Whether a question asks the code of a document it names by its number ("Chỉ thị 16 có số hiệu
    đầy đủ là gì?", "nghi quyet 57 so hieu day du la gi")."""
    return bool(question_numbers(question)) and bool(re.search(r"\bso hieu\b", fold(question).lower()))


def states_document_number(sentence: str, stated: frozenset[int] = frozenset(), coded: frozenset[int] = frozenset(),
                           full: bool = False) -> bool:
    """Whether a sentence names a document's number (`document_numbers`: "Công điện số 860/CĐ-CTUBND",
    "25-NQ/TW", "văn bản số 3370", "Chỉ thị 16") other than the `stated` ones (the question's:
    "Thực hiện Chỉ thị 16, Hà Nội ban hành văn bản nào?" is not answered by Chỉ thị 16), or one of
    them by a code the question does not write (`coded`: the numbers it writes with a code); with
    `full` (`asks_full_code`), only the latter ("Chỉ thị 16 có số hiệu đầy đủ là gì?" is answered by
    "Chỉ thị 16/CT-TTg", not by "Chỉ thị 15")."""
    by_code = document_numbers(sentence, coded=True) - coded
    return bool(by_code & stated if full else document_numbers(sentence) - stated or by_code)
