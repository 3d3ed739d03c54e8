"""Places a question names (pure): Vietnam's provinces and cities, and any
"tỉnh / huyện / xã … Name" written with capitals.

A question about a place no stored article mentions cannot be answered from
the store, however well its other words match: "Tỉnh Quảng Nam có bao nhiêu mô
hình Dân vận khéo?" asked of Kon Tum articles must say so, not quote Kon Tum's
figures. Names are compared folded (no diacritics, lower case); a place may be
written several ways (``TP HCM``, ``Hồ Chí Minh``, ``Sài Gòn``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from retrieval.districts import DISTRICTS, EVERYDAY_ACCENTED, EVERYDAY_AFTER_UNIT, EVERYDAY_FOLDED
from retrieval.normalize import fold, has_diacritics, nfc

# The 63 provinces and centrally-run cities before the 2025 merger (older articles
# use them; the 34 after it are among them), with the other ways they are written.
PROVINCES: dict[str, tuple[str, ...]] = {
    "An Giang": (), "Bà Rịa - Vũng Tàu": ("Vũng Tàu", "Bà Rịa"), "Bắc Giang": (), "Bắc Kạn": ("Bắc Cạn",),
    "Bạc Liêu": (), "Bắc Ninh": (), "Bến Tre": (), "Bình Định": (), "Bình Dương": (), "Bình Phước": (),
    "Bình Thuận": (), "Cà Mau": (), "Cao Bằng": (), "Cần Thơ": (), "Đà Nẵng": (), "Đắk Lắk": ("Đắc Lắc",),
    "Đắk Nông": ("Đắc Nông",), "Điện Biên": (), "Đồng Nai": (), "Đồng Tháp": (), "Gia Lai": (),
    "Hà Giang": (), "Hà Nam": (), "Hà Nội": (), "Hà Tĩnh": (), "Hải Dương": (), "Hải Phòng": (),
    "Hậu Giang": (), "Hòa Bình": ("Hoà Bình",), "Hưng Yên": (), "Khánh Hòa": ("Khánh Hoà",),
    "Kiên Giang": (), "Kon Tum": (), "Lai Châu": (), "Lâm Đồng": (), "Lạng Sơn": (), "Lào Cai": (),
    "Long An": (), "Nam Định": (), "Nghệ An": (), "Ninh Bình": (), "Ninh Thuận": (), "Phú Thọ": (),
    "Phú Yên": (), "Quảng Bình": (), "Quảng Nam": (), "Quảng Ngãi": (), "Quảng Ninh": (), "Quảng Trị": (),
    "Sóc Trăng": (), "Sơn La": (), "Tây Ninh": (), "Thái Bình": (), "Thái Nguyên": (),
    "Thanh Hóa": ("Thanh Hoá",), "Thừa Thiên Huế": ("Huế",), "Tiền Giang": (),
    "Hồ Chí Minh": ("HCM", "TPHCM", "Sài Gòn"), "Trà Vinh": (), "Tuyên Quang": (), "Vĩnh Long": (),
    "Vĩnh Phúc": (), "Yên Bái": (),
}
# Names that are also everyday words ("hòa bình": peace) or other things ("tư tưởng Hồ
# Chí Minh"): a place only after "tỉnh", "thành phố" or "TP".
_AMBIGUOUS = {"hoa binh", "thai binh", "binh dinh", "long an", "hue", "ho chi minh"}
# Typed in lower case, a province counts when written with its accents ("hà nội",
# but not "cao bằng" or "hải dương", everyday words), or without them at the start
# of the question or after "o / tai / cua / ve" ("so mo hinh o gia lai", not "danh
# gia lai" for đánh giá lại, nor "dak ha noi bat" for Đắk Hà nổi bật), and then only
# when no everyday phrase folds to it: not "da nang" (đa năng), "hai phong" (hai
# phòng), "dien bien" (diễn biến), "lam dong" (làm đồng), "can tho" (cần thợ),
# "bac can" (bác cần), nor a name holding "nam" (năm: "nam dinh huong").
_ACCENTED_NAMES = {nfc(n).lower() for name, alts in PROVINCES.items() for n in (name, *alts)}
_EVERYDAY_ACCENTED = {"cao bang", "hai duong"}  # "cao bằng nhau", "hải dương" (the ocean)
_FOLDED_RISKY = {"da nang", "hai phong", "dien bien", "lam dong", "can tho", "son la", "quang binh", "bac can",
                 "bac kan", "hcm"}  # (and _EVERYDAY_ACCENTED, refused first)
_FOLDED_CUES = {"o", "tai", "cua", "ve"}
_FOLDED_AFTER_CUE_ONLY = {"gia lai"}  # "gia lai tang" at the start is giá lại tăng
# "Đoàn TNCS HCM", "tư tưởng, đạo đức, phong cách HCM", "Chủ tịch HCM": the man, not the city
_NOT_THE_CITY_AFTER = {"tncs", "bac", "tu tuong", "dao duc", "phong cach", "chu tich"}
# "Thái Bình Dương" (the ocean), "Điện Biên Phủ", "Việt Nam định hướng": no province
_NOT_A_PROVINCE_BEFORE = {"dien bien": "phu"}
_NOT_A_PROVINCE_AFTER = {"nam dinh": "viet", "binh duong": "thai"}
_UNITS = {"tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "thi tran", "xa", "phuong",
          "tinh uy", "huyen uy", "thanh uy", "dang uy"}
_PROVINCE_UNITS = ("tinh", "thanh pho", "tp", "tinh uy", "thanh uy")


@dataclass(frozen=True)
class Place:
    name: str  # as it is written (the province's proper spelling, or as typed)
    keys: tuple[str, ...]  # folded, lower case, single-spaced: the ways it may be written
    alt: "Place | None" = None  # the province a name typed after "tỉnh" may be a typo of
    # a province's districts, after their unit ("huyen thap muoi"), folded: an article on
    # one of them is on the province even when it never writes the province's name
    within: tuple[str, ...] = ()


def folded_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


PROVINCE_KEYS = frozenset(folded_words(n) for name, alts in PROVINCES.items() for n in (name, *alts))
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _syllable(word: str) -> tuple[str, str]:
    """A syllable's letters and its tone mark, however it is spelt: the mark on either
    vowel ("Hoà", "Hòa"), "Quí" as "Quý", "Đăk" / "Đắk" / "Đak" as one."""
    chars = unicodedata.normalize("NFD", word.lower())
    letters = unicodedata.normalize("NFC", "".join(c for c in chars if c not in _TONES))
    if fold(letters) == "dak":
        return "dak", ""
    return ("quy" if letters == "qui" else letters), "".join(c for c in chars if c in _TONES)


def _spelt(words: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple(_syllable(w) for w in words)


# A district is written "huyện Tháp Mười", "Huyện ủy Tu Mơ Rông", "thị xã Sa Đéc", "TP Bảo
# Lộc". Folded, "quan" is also cơ quan, quân, quán: only "quận" typed with accents counts.
_DISTRICT_UNITS = ("huyen", "huyen uy", "thi xa", "thi uy", "thanh pho", "thanh uy", "tp")
_DISTRICT_UNITS_ACCENTED = {"huyện", "huyện ủy", "huyện uỷ", "quận", "quận ủy", "quận uỷ", "thị xã", "thị ủy",
                            "thị uỷ", "thành phố", "thành ủy", "thành uỷ", "tp"}
_DISTRICT_CUES = {"ở", "tại"}
_DISTRICT_OWNERS = Counter(k for names in DISTRICTS.values() for k in {folded_words(n) for n in names})
# Every district name of two syllables or more that is no province's, folded -> its
# spellings ("thanh tri": Thanh Trì in Hà Nội, Thạnh Trị in Sóc Trăng).
_DISTRICT_NAMES: dict[str, tuple[str, ...]] = {}
for _names in DISTRICTS.values():
    for _n in _names:
        _k = folded_words(_n)
        if _k not in PROVINCE_KEYS and len(_k.split()) > 1 and nfc(_n) not in _DISTRICT_NAMES.get(_k, ()):
            _DISTRICT_NAMES[_k] = (*_DISTRICT_NAMES.get(_k, ()), nfc(_n))
_DISTRICT_WIDTHS = sorted({len(k.split()) for k in _DISTRICT_NAMES}, reverse=True)


def _within(province: str) -> tuple[str, ...]:
    """The district names, after their unit and folded, that place an article in
    `province`: not those another province has ("Châu Thành" is in nine), nor a
    province's ("Quang Bình" in Hà Giang folds like Quảng Bình), nor names of one
    syllable ("Vinh", "Chũ"), nor names written as everyday words after a unit ("thành
    phố thống nhất", "huyện cần được"): an article's words are compared folded."""
    keys = dict.fromkeys(folded_words(n) for n in DISTRICTS.get(province, ()))
    return tuple(f"{unit} {k}" for k in keys if k in _DISTRICT_NAMES and _DISTRICT_OWNERS[k] == 1
                 and k not in EVERYDAY_AFTER_UNIT for unit in _DISTRICT_UNITS)


_PROVINCE_PLACES = {name: Place(name, tuple(dict.fromkeys(folded_words(n) for n in (name, *alts))), None,
                                _within(name)) for name, alts in PROVINCES.items()}
_PROVINCE_KEYS = sorted(((k, p) for p in _PROVINCE_PLACES.values() for k in p.keys), key=lambda kp: -len(kp[0]))


def province_of_key(key: str) -> Place | None:
    """The province a folded name is, with or without its unit ("kon tum", "tinh kon tum",
    "tp hcm"), else None."""
    for unit in ("", *_PROVINCE_UNITS):
        if unit and not key.startswith(unit + " "):
            continue
        rest = key[len(unit):].strip()
        for k, place in _PROVINCE_KEYS:
            if rest == k:
                return place
    return None


# Words that stop a capitalised name and, capitalised themselves, show a question
# typed in title case ("Huyện Kon Rẫy Có Bao Nhiêu…"). In an accented question
# they are compared with their accents: "Nam" (a name) is not "năm".
_QUESTION_WORDS_ACCENTED = {"có", "là", "gì", "nào", "bao", "nhiêu", "đâu", "thế", "như", "khi", "ai", "năm", "và",
                            "của", "các", "những", "về", "trong", "được", "với", "cho", "tại"}
_QUESTION_WORDS = {fold(w) for w in _QUESTION_WORDS_ACCENTED}


def _question_word(word: str, accented: bool) -> bool:
    return word.lower() in _QUESTION_WORDS_ACCENTED if accented else fold(word).lower() in _QUESTION_WORDS


# First words of bodies, not places ("Tỉnh Hội Nông dân", "Huyện Đoàn").
_NOT_NAMES = {"hoi", "ban", "dang", "uy", "mat", "doan", "so", "bo", "cong", "chu", "pho", "truong", "bi",
              "thuong", "trung", "vien", "phong", "uban"}


def clauses(question: str) -> list[list[str]]:
    """The question's words, clause by clause (a name never spans a comma)."""
    return [re.findall(r"\w+", part) for part in re.split(r"[,.;:!?()\[\]\"“”–—]|\s-\s(?=\w+\s+-)", question)]


def named_places(question: str) -> tuple[Place, ...]:
    """The places a question names. A province counts when its name is written
    with capitals, after "tỉnh / thành phố / TP", or in lower case with its accents
    or, when no everyday phrase folds to it, without them; any other place when written
    with capitals after its unit ("huyện Kon Rẫy", "xã Minh Tâm"). Questions typed
    all in capitals or in title case name no place but provinces after a unit."""
    found: list[Place] = []
    shouting = title_cased(question)
    accented = has_diacritics(question)
    for words in clauses(question):
        folded = [fold(w).lower() for w in words]
        i = 0
        while i < len(words):
            hit = _match_at(words, folded, i, shouting, accented)
            if hit is None:
                i += 1
                continue
            place, width = hit
            if place not in found:
                found.append(place)
            i += width
    return tuple(found)


def title_cased(question: str) -> bool:
    """Is the question typed all in capitals or in title case ("Huyện Kon Rẫy Có
    Bao Nhiêu…")? Then its capitals say nothing about names."""
    words_all = [w for c in clauses(question) for w in c if w[0].isalpha()]
    accented = has_diacritics(question)
    return (len(words_all) >= 3 and all(w.isupper() for w in words_all)) or any(
        w[0].isupper() and _question_word(w, accented) for w in words_all[1:])


def _after_unit(folded: list[str], i: int, units) -> bool:
    return any(" ".join(folded[max(0, i - n):i]) in units for n in (1, 2))


def _match_at(words: list[str], folded: list[str], i: int, shouting: bool,
              accented: bool) -> tuple[Place, int] | None:
    for key, place in _PROVINCE_KEYS:
        n = len(key.split())
        if " ".join(folded[i:i + n]) != key:
            continue
        typed = words[i:i + n]
        capitals = all(w[0].isupper() for w in typed) and not shouting
        unit = _after_unit(folded, i, _PROVINCE_UNITS)
        if key in ("hcm", "ho chi minh") and _after_unit(folded, i, _NOT_THE_CITY_AFTER):
            continue
        if (i + n < len(folded) and _NOT_A_PROVINCE_BEFORE.get(key) == folded[i + n]) or (
                i and _NOT_A_PROVINCE_AFTER.get(key) == folded[i - 1]):
            continue
        if unit or (key not in _AMBIGUOUS
                    and (capitals or _lower_case_name(typed, key, _cue_before(folded, i, key)))):
            return place, n
    district = _district_at(words, folded, i, shouting)
    if district is not None:
        return district
    if shouting or not _after_unit(folded, i, _UNITS):
        return None
    n = 0  # "huyện Kon Rẫy": capitalised words after a unit, up to a question word
    while i + n < len(words) and n < 4 and words[i + n][0].isupper() and not _question_word(words[i + n], accented):
        n += 1
    if not n or folded[i] in _NOT_NAMES:
        return None
    name = " ".join(words[i:i + n])
    place = Place(name, (" ".join(folded[i:i + n]),))
    if _after_unit(folded, i, _PROVINCE_UNITS):
        place = Place(name, place.keys, _province_like(place.keys[0]))  # "tỉnh Quảng Nhin": a typo?
    return place, n


def _district_at(words: list[str], folded: list[str], i: int, shouting: bool) -> tuple[Place, int] | None:
    """A district's name after its unit or after "ở / tại", named as the GSO writes it.
    Typed with accents they must be the district's ("quản lý nhân sự" is no quận Lý
    Nhân) and, in lower case, no everyday words' ("ở cái nước này"); typed without them,
    in lower case or all in capitals, no everyday words may fold to it ("cua huyen la
    gi", "o ba don vi"). Capitalised after a unit in a plain question, the caller reads it."""
    for n in _DISTRICT_WIDTHS:
        key = " ".join(folded[i:i + n])
        spellings = _DISTRICT_NAMES.get(key)
        typed = words[i:i + n]
        if spellings is None or len(typed) < n:
            continue
        capitals = not shouting and all(w[0].isupper() for w in typed)
        lower = all(w.islower() for w in typed)
        if not (capitals or lower or shouting):
            continue
        accented = any(has_diacritics(w) for w in typed)
        if accented:
            spellings = tuple(s for s in spellings if _spelt(re.findall(r"\w+", s)) == _spelt(typed))
            if not spellings or (lower and key in EVERYDAY_ACCENTED):
                continue
        elif not capitals and (key in EVERYDAY_FOLDED or key in EVERYDAY_ACCENTED or key.startswith("quan ")):
            continue  # "o quan son tra" is quận Sơn Trà, not Quan Sơn
        cue = i > 0 and (words[i - 1].lower() in _DISTRICT_CUES or (not accented and folded[i - 1] in ("o", "tai")))
        if accented:  # the unit as typed
            unit = _after_unit([nfc(w).lower() for w in words], i, _DISTRICT_UNITS_ACCENTED)
        else:
            unit = _after_unit(folded, i, _DISTRICT_UNITS)
        if cue or (unit and not capitals):
            return Place(spellings[0], (key,)), n
    return None


def _lower_case_name(typed: list[str], key: str, cue: bool) -> bool:
    """A province's name typed in lower case: with its accents, or without them after
    a cue (`cue`: the question's start, "o", "tai"…) when no everyday phrase folds to it."""
    if not all(w.islower() for w in typed) or key in _EVERYDAY_ACCENTED:
        return False
    if any(has_diacritics(w) for w in typed):
        return nfc(" ".join(typed)) in _ACCENTED_NAMES
    return cue and key not in _FOLDED_RISKY and "nam" not in key.split()


def _cue_before(folded: list[str], i: int, key: str) -> bool:
    """What may stand before an unaccented lower-case province name: the question's
    start, or "o / tai / cua / ve"."""
    return (i == 0 and key not in _FOLDED_AFTER_CUE_ONLY) or (i > 0 and folded[i - 1] in _FOLDED_CUES)


def _province_like(key: str) -> Place | None:
    """The province a name after "tỉnh" may be a typo of (one letter off, two in long names)."""
    if len(key) < 5:
        return None
    best_key, best = min(_PROVINCE_KEYS, key=lambda kp: _distance(key, kp[0]))
    return best if 0 < _distance(key, best_key) <= (1 if len(key) < 8 else 2) else None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
