"""People a question names, and whether a passage writes their name (pure).

A Vietnamese name is a family name and two or three more syllables ("Đinh Thị
Anh", "Nguyễn Đức Tuy"). A question naming one that an article writes is as
exact as a document code: "Đinh Thị Anh là ai" is answered by the article that
writes "Đ/c Đinh Thị Anh-UVBTV, Trưởng ban DV …" even when its words and its
embedding score low (few words, one of them a name).

A question's name is read with or without capitals and accents ("dinh thi anh
la ai"); typed in lower case it must have a usual middle syllable ("thị", "văn",
…), so that "cao huyết áp" is no name. A passage writes the name with capitals,
the same syllables with the same accents when the question has accents.
"""

from __future__ import annotations

import re

from retrieval.normalize import fold, has_diacritics
from retrieval.places import PROVINCE_KEYS, clauses, is_district_name, same_syllable, title_cased

SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lí đinh trịnh lương mai đào cao "
    "hà tạ lâm tô tăng thái trương đoàn chu châu kiều lưu quách vương từ triệu kim hứa mạc nông lò lục sầm "
    "hầu vi thân khúc nghiêm doãn lại phùng diệp âu tống cù la đàm mã tiêu khổng lã thạch danh y".split())
_FOLDED_SURNAMES = frozenset(fold(s) for s in SURNAMES) - {"y"}  # typed plain: too common
_MIDDLES = frozenset(
    "thị văn đức hữu ngọc thanh quang xuân minh công đình kim thu hồng trọng quốc anh tiến thế hoàng bá như "
    "phương thúy thuý diệu bích mỹ khánh việt duy huy tuấn trung".split())
_FOLDED_MIDDLES = frozenset(fold(m) for m in _MIDDLES)
_LONGEST = 4  # syllables of a name
# Words of institutions that follow a family-name-like word ("Đoàn BDV Tỉnh ủy",
# "Đoàn Thanh niên", "Văn phòng"): no part of a person's name.
_NOT_IN_NAMES = frozenset(fold(w) for w in
                          "tỉnh huyện xã ủy uỷ ban đảng hội niên phòng trường viện sở bộ cục chi đoàn công".split())


def named_people(question: str) -> tuple[tuple[str, ...], ...]:
    """The names a question may name: runs of three or four syllables from a family
    name (more than one when the run's end is unsure: "Đinh Thị Anh là"), not a
    province or a district ("Hồ Chí Minh", "Hoàng Su Phì"), as typed."""
    if title_cased(question):
        return ()
    accented = has_diacritics(question)
    out: list[tuple[str, ...]] = []
    for ws in clauses(question):
        folded = [fold(w).lower() for w in ws]
        for i, w in enumerate(ws):
            capital = w[0].isupper() and (i > 0 or ws[i + 1:i + 2] and ws[i + 1][0].isupper())
            if not (w.lower() in SURNAMES if accented else folded[i] in _FOLDED_SURNAMES):
                continue
            if i + 3 > len(ws) or any(_place(" ".join(folded[i:i + n])) for n in (2, 3, 4)):
                continue
            middle = ws[i + 1].lower() in _MIDDLES if accented else folded[i + 1] in _FOLDED_MIDDLES
            if not capital and not middle:
                continue
            if capital and not all(_title(x) for x in ws[i:i + 3]):
                continue
            for n in range(3, min(_LONGEST, len(ws) - i) + 1):
                if (capital and not _title(ws[i + n - 1])) or folded[i + n - 1] in _NOT_IN_NAMES:
                    break
                out.append(tuple(ws[i:i + n]))
    return tuple(dict.fromkeys(out))


def _title(word: str) -> bool:
    """A name's syllable: a capital, then small letters ("Anh", not "BDV")."""
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


def _place(key: str) -> bool:
    return key in PROVINCE_KEYS or is_district_name(key)


def capitalised_people(question: str) -> tuple[tuple[str, ...], ...]:
    """The names a question writes with capitals, each whole ("Nguyễn Thị Mỹ Hảo",
    not also "Nguyễn Thị Mỹ")."""
    names = [n for n in named_people(question) if all(w[0].isupper() for w in n)]
    return tuple(n for n in names if not any(m != n and m[:len(n)] == n for m in names))


def writes_name(text: str, name: tuple[str, ...], accented: bool) -> bool:
    """Whether `text` writes `name` with capitals: the same syllables, with the same
    accents (wherever the tone mark sits) when `accented`."""
    typed = re.findall(r"\w+", text)
    n = len(name)
    want = [fold(w).lower() for w in name]
    for i in range(len(typed) - n + 1):
        run = typed[i:i + n]
        if [fold(w).lower() for w in run] != want or not all(w[0].isupper() for w in run):
            continue
        if not accented or all(same_syllable(a, b) for a, b in zip(run, name)):
            return True
    return False


def names_match(question: str, texts: list[str]) -> bool:
    """Whether one of `texts` writes a name the question names."""
    names = named_people(question)
    if not names:
        return False
    accented = has_diacritics(question)
    return any(writes_name(t, name, accented) for name in names for t in texts)
