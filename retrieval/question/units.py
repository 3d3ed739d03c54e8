"""Questions asking which place of a kind ("… xảy ra ở thôn nào?", "Thôn Hoàng Xá thuộc xã nào?",
"Chung cư … thuộc phường nào quản lý?") and whether a sentence names one: the unit followed by
a name or a number ("thôn 3, xã Đắk Ha", "xã Phạm Văn Hai", "khối 13") (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.normalize import CAPITALS, fold, has_diacritics, nfc
from retrieval.places import PROVINCE_KEYS, folded_words, is_district_name, named_places


# Administrative units below a province, and the province and city: longest first ("tổ dân phố"
# before "tổ", "thị trấn" before a bare "thị")
_UNITS = sorted(("thôn", "xóm", "bản", "làng", "ấp", "khối", "tổ dân phố", "khu phố", "xã", "phường", "thị trấn",
                 "huyện", "quận", "thị xã", "tỉnh", "thành phố"), key=len, reverse=True)
# the one-word units, folded: the words of a question that name no event ("xa", "thon")
UNIT_SYLLABLES = frozenset(fold(u) for u in _UNITS if " " not in u)
# "ở thôn nào", "thuộc xã nào", "Xã nào …", "đổ bộ vào tỉnh nào": "nào" with its accent where the
# question is typed with accents; not the words these units end ("Văn bản nào", "cơ bản nào"; typed
# bare, "co quan nao" is cơ quan, "dia phuong nao" địa phương, and "ban nao" also Ban nào, bạn nào)
_ENDING = {"bản": ("văn", "phiên", "kịch", "nguyên", "tái", "xuất", "cơ", "căn", "nhật", "bình", "hồ sơ"),
           "quan": ("co",), "phuong": ("dia",), "khoi": ("dia", "so", "thi", "tuyen", "sinh"),
           "khối": ("thi", "tuyển", "sinh")}  # ("thi khối nào", "học sinh khối nào": an exam, a grade)


def _unit_alternation(units: list[str]) -> str:
    return "|".join("".join(rf"(?<!\b{w} )" for w in _ENDING.get(u, ())) + re.escape(u) for u in units)


_ASKED_RE = {True: re.compile(r"\b(" + _unit_alternation(_UNITS) + r")\s+nào\b", re.I),
             False: re.compile(r"\b(" + _unit_alternation([u for u in dict.fromkeys(map(fold, _UNITS)) if u != "ban"])
                               + r")\s+nao\b", re.I)}
_CAP = "[" + re.escape(CAPITALS) + "]"
# a unit's name: capitalised words ("xã Phạm Văn Hai", "bản Nà Sản", "xã Đoàn Kết"), or a number not
# counting what follows ("thôn 3 bị lũ", "thôn 3, xã Đắk Ha", "khối 13"; not "Toàn xã 120 hộ"); not
# a body or a title after the unit ("Tỉnh ủy", "Huyện Đoàn", "Xã Anh hùng", "Xã Nông thôn mới", "Xã ĐBKK")
_NOT_NAMES = ("ủy", "uỷ", "anh hùng", "nông thôn", "đbkk", "ubnd", "hđnd", "công an")
_NOT_NAMES_ALONE = ("đoàn", "đảng", "đội")  # ("Huyện Đoàn" alone, not "xã Đoàn Kết")
_COUNTED_AFTER = ("hộ", "người", "ha", "căn", "ngôi", "nhà", "con", "lượt", "ca", "trường hợp", "học sinh", "km", "m",
                  "tấn", "tỷ", "triệu", "nghìn", "ngàn", "đồng", "ngày", "tháng", "năm", "giờ", "phút", "%", "thôn", "xóm")
_LOWER_WORD_AFTER = r"(?!\s*(?:" + "|".join(_COUNTED_AFTER) + r")(?![\w\u0300-\u036f]))"
# ("Huyện ủy Tháp Mười" names the district: "ủy" before a capitalised name)
_NAME = (r"(?:số\s+)?(?:\d+[A-Za-z]?\b" + _LOWER_WORD_AFTER + r"|(?:(?i:ủy|uỷ)\s+(?=" + _CAP + r"))?(?!(?i:"
         + "|".join(_NOT_NAMES) + r")\b|(?i:" + "|".join(_NOT_NAMES_ALONE) + r")\b(?!\s+" + _CAP + r"))" + _CAP
         + r"[^\s,.;:()]*(?:\s+" + _CAP + r"[^\s,.;:()]*)*)")
# after a unit typed bare in a question: its name, up to a word that ends it
_BARE_NAME_END = frozenset("co la o tai thuoc cua va hoac tu den ve sang trong nao bi duoc da dang se con nhu".split()) | {
    fold(w) for u in _UNITS for w in u.split() if u != "làng"}  # ("xa tan nhut huyen binh chanh": "tan nhut";
# "xa van lang": "van lang")


@dataclass(frozen=True)
class UnitAsked:
    """The kind of place a question asks which of, as a sentence writes it ("xã", however it was
    typed), and the names of places of that kind the question writes itself (folded, lower case)."""

    units: tuple[str, ...]  # accented spellings ("xa" typed bare reads "xã")
    named: frozenset[str]
    name_re: re.Pattern  # a unit of these and its name (`_name_re`)

    def named_in(self, sentence: str) -> bool:
        """Whether a sentence names a place of the kind asked that the question does not name."""
        return any(fold(m.group(1)).lower() not in self.named for m in self.name_re.finditer(nfc(sentence)))


# units as addresses abbreviate them ("P.Bến Thành, Q.1", "TP Buôn Ma Thuột", "TX.Buôn Hồ"), in capitals
_ABBREVIATED = {"xã": r"X\.\s*", "phường": r"P\.\s*", "quận": r"Q\.\s*", "huyện": r"H\.\s*", "thị trấn": r"TT\.\s*",
                "thị xã": r"TX(?:\.\s*|\s+)", "thành phố": r"TP(?:\.\s*|\s+)"}  # (not "PV", "TPBank")


def _name_re(units: tuple[str, ...]) -> re.Pattern:
    """One of the units, written out or abbreviated, and the name after it ("xã Phạm Văn Hai",
    "P.Bến Thành"; not "Thị xã Sơn Tây" for "xã")."""
    abbreviated = [_ABBREVIATED[u] for u in units if u in _ABBREVIATED]
    return re.compile(r"(?:(?<![Tt]hị )(?i:\b(?:" + "|".join(units) + r"))\s+"
                      + "".join(r"|\b" + a for a in abbreviated) + r")(" + _NAME + r")")


def unit_asked(question: str, whole: str | None = None) -> UnitAsked | None:
    """The kind of place a question asks which of ("… ở thôn nào?"), or None. `whole`: the whole
    message, whose places of that kind are no answer ("Cá sấu xuất hiện ở xã Tân Nhựt. Ngoài ra
    còn xuất hiện ở xã nào?")."""
    text = nfc(question)
    accented = has_diacritics(text)
    m = _ASKED_RE[accented].search(text if accented else fold(text))
    if m is None:
        return None
    asked = m.group(1).lower()
    units = tuple(u for u in _UNITS if (u == asked if accented else fold(u) == asked))
    name_re = _name_re(units)
    named: set[str] = set()
    for part in re.split(r"(?<=[.!?])\s+", nfc(whole or question)):
        if has_diacritics(part):
            named |= {fold(m.group(1)).lower() for m in name_re.finditer(part)}
        else:  # typed bare: the words after the unit, up to one that ends a name ("xa tan nhut, …")
            for unit_at in re.finditer(r"\b(?:" + "|".join(map(fold, units)) + r")\s+", part.lower()):
                name = []
                for w in re.findall(r"\w+", re.split(r"[,.;:?!()]", part.lower()[unit_at.end():], maxsplit=1)[0])[:4]:
                    if w in _BARE_NAME_END:
                        break
                    name.append(w)
                if name:
                    named.add(" ".join(name))
    return UnitAsked(units, frozenset(named), name_re)


# a capitalised name after a word that places something ("đổ bộ vào Quảng Ngãi", "thuộc Việt Hùng",
# "Tại Tân Nhựt"), or after a smaller place and a comma ("tại thôn 3, Hòa Bắc") or its number ("thôn 2
# Ea Tam"): maybe a place written without its unit
_PLACED_RE = re.compile(r"(?:\b(?i:ở|tại|thuộc|vào|về|đến|sang|từ)\s+|\b(?i:thôn|xóm|bản|làng|ấp|khối|tổ dân phố"
                        r"|khu phố|xã|phường)\s+(?:\w+(?:\s+\w+)?,|\d+[A-Za-z]?)\s+)(" + _CAP + r"[^\s,.;:()]*(?:\s+" + _CAP + r"[^\s,.;:()]*)*)")


_DISTRICT_UNITS = frozenset(("huyện", "quận", "thị xã"))  # ("thành phố" may be either: "TP Thủ Dầu Một")


def names_a_place(sentence: str, question: str, unit: str) -> bool:
    """Whether a sentence names a place of the kind `unit` asked ("xã") that the question does not,
    maybe without its unit: a capitalised name after a word that places something ("ở", "tại",
    "thuộc", "vào" …) or after a smaller place ("thôn 3, Hòa Bắc"), or a province or district
    by its name for a province or district asked ("Quảng Ngãi và Bình Định là hai địa phương …" for
    "… đổ bộ vào tỉnh nào?"; not "Hoàn Kiếm, Hà Nội" for "… thuộc phường nào?"); so the answer does
    not say that none is named."""
    asked = f" {folded_words(question)} "
    levels = {"province"} if unit == "tỉnh" else {"district"} if unit in _DISTRICT_UNITS else (
        {"province", "district"} if unit == "thành phố" else set())

    def level(key: str) -> str:
        return "province" if key in PROVINCE_KEYS else "district" if is_district_name(key) else "other"

    for m in _PLACED_RE.finditer(nfc(sentence)):
        key = folded_words(m.group(1))
        if f" {key} " not in asked and level(key) in levels | {"other"}:
            return True
    return any(all(f" {key} " not in asked for key in place.keys) and level(place.keys[0]) in levels
               for place in named_places(sentence))
