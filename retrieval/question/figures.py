"""Questions asking a figure ("bao nhiêu mô hình", "dài bao nhiêu mét", "trị giá bao nhiêu",
"sau bao lâu", "tầng mấy", "tính đến ngày 30/4") and whether a sentence gives it (pure).

`counted_noun` reads what is counted and returns the test of a sentence that counts it;
`asks_a_figure` / `states_a_figure` tell a figure asked from a figure given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from retrieval.normalize import CAPITALS, fold, has_diacritics, marks_last, nfc, one_tone_placement, words
from retrieval.question.typed import phrases_typed


_DAY_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?!\d)")  # "30/4", "ngày 30/4/2021"


def named_days(text: str) -> set[tuple[int, int]]:
    """The days (day, month) a text writes as d/m ("tính đến 14h ngày 30/4")."""
    return {(int(d), int(m)) for d, m in _DAY_RE.findall(text) if 1 <= int(d) <= 31 and 1 <= int(m) <= 12}


# "bao nhiêu", "mấy" (with its accent only: without, "may" is also máy, a machine, or may,
# sewing), and "số lượng" / "tổng số" anywhere: what asks for a figure; before a noun, what
# asks to count it (`counted_noun`). A question that opens on "số / số lượng / tổng số
# <noun>" asks a count too ("Số mô hình dân vận khéo ở Kon Rẫy"), unless it asks "bao
# nhiêu" of another ("Số ca mắc tăng bao nhiêu phần trăm").
_HOW_MANY = ("bao nhiêu", "mấy")
_NUMBER_OF = ("số lượng", "tổng số")
# (a noun may end in digits: "bao nhiêu F2")
_HOW_MANY_RE = {True: re.compile(r"\b(?:" + "|".join(_HOW_MANY) + r")\s+([^\W\d_][^\W_]*)"),
                False: re.compile(r"\b" + fold(_HOW_MANY[0]) + r"\s+([^\W\d_][^\W_]*)")}
# Typed bare, "so" is also sở, sổ, so sánh, so với: only "so luong" / "tong so" count;
# "Số điện thoại", "Số hóa", "Số kế hoạch" … name no count.
_NUMBER_OF_RE = {True: re.compile(r"^\W*(?:tổng\s+)?số(?:\s+lượng)?\s+"
                                  r"(?!(?:điện|hóa|hoá|hiệu|kế|tài|báo|liệu|phận|sánh|với)\b)([^\W\d_][^\W_]*)"),
                 False: re.compile(r"^\W*(?:" + "|".join(fold(w).replace(" ", r"\s+") for w in _NUMBER_OF)
                                   + r")\s+([^\W\d_][^\W_]*)")}


@dataclass(frozen=True)
class CountedNoun:
    """The noun a "bao nhiêu <noun>" question counts, and whether a sentence counts it:
    a number written before it ("25 mô hình", "1.200 hộ"), not a year ("Năm 2023, mô
    hình …"); with its accents when both are typed with them ("hộ" is not "hồ")."""

    accented: re.Pattern | None  # over `marks_last` text; None: the noun was typed without accents
    folded: re.Pattern
    # the counts the message states itself ("Khu nhà trọ 23 phòng … có bao nhiêu phòng đang có người
    # thuê?": "23"), which answer less well than another (`counts_anew`): their numbers' digits
    stated: frozenset[str] = frozenset()

    def _counts(self, sentence: str) -> list[str]:
        """The counts of what is asked a sentence writes."""
        if self.accented is not None and has_diacritics(sentence):
            return [m.group(0) for m in self.accented.finditer(marks_last(sentence))]
        return [m.group(0) for m in self.folded.finditer(fold(sentence).lower())]

    def search(self, sentence: str) -> bool:
        return bool(self._counts(sentence))

    def counts_anew(self, sentence: str) -> bool:
        """Whether a sentence counts what is asked with a number the message does not state ("20
        phòng", not the "23 phòng" the question gives; "2 người bị thương" still answers when no
        other count does)."""
        return any(_digits(c) not in self.stated for c in self._counts(sentence))


def _digits(count: str) -> str:
    """The digits of the first number in a count ("1.200 hộ": "1200")."""
    m = re.search(r"\d+(?:[.,]\d+)*", count)
    return re.sub(r"\D", "", m.group(0)) if m else ""


# A unit asked and the ways the press writes it after a number ("dài bao nhiêu mét": "600m"),
# looked up as typed: with its accents ("căn" nhà is no "cân"), or bare when no other word folds
# to it ("can", "ki", "ky", "tan", "tang" do: căn, cần, kỳ, tan, tăng)
_UNITS = (("mét", "m"), ("km", "ki-lô-mét", "kilômét", "cây số"), ("ha", "héc-ta", "hecta", "hécta", "héc ta", "héc"),
          ("m2", "m²", "mét vuông"), ("km2", "km²", "km vuông", "ki-lô-mét vuông"),
          ("kg", "ki-lô-gam", "kilôgam", "kí", "ký", "cân"), ("tấn",), ("tầng",), ("cm",), ("mm",), ("phần trăm", "%"))
_LENGTH_UNITS = tuple(u for g in _UNITS if g[0] in ("mét", "km", "cm", "mm") for u in g)
_LENGTHS = frozenset(fold(u) for u in _LENGTH_UNITS)
_UNIT_OF = {nfc(u): g for g in _UNITS for u in g}
_UNIT_OF_BARE = {fold(u): g for g in _UNITS for u in g if fold(u) not in {"can", "ki", "ky", "tan", "tang"}}
# Units of more than one word, read before the noun after "bao nhiêu" ("bao nhiêu ki-lô-mét", "cây số"),
# and areas ("bao nhiêu m2"), each group the unit of `_LONG_UNIT_NOUNS`
_LONG_UNIT_RE = re.compile(r"\b(?:bao nhieu|may) (?:(ki[\s-]*lo[\s-]*met|cay so)|(ki[\s-]*lo[\s-]*gam|ki[\s-]*lo)"
                           r"|(m2|m²|met vuong)|(km2|km²|km vuong|ki[\s-]*lo[\s-]*met vuong)|(phan tram|%))(?!\w)")
_LONG_UNIT_NOUNS = ("km", "kg", "m2", "km2", "phần trăm")
# A dimension asked ("cầu dài bao nhiêu", "nặng mấy kí"): a figure right after that word answers,
# in a unit; not the words that make it something else ("nâng cao", "mở rộng", "kéo dài"); typed
# bare, "sau bao nhiêu" is "after how many": not read.
_DIMENSIONS = ("dài", "rộng", "cao", "sâu", "nặng", "diện tích")
_NOT_DIMENSION = {"cao": ("nâng", "đề", "tăng"), "rộng": ("mở", "lan", "nới", "trải"), "dài": ("kéo",),
                  "nặng": ("đà",)}  # (Đà Nẵng)
# the units a dimension is given in, when no unit is asked ("Tòa nhà cao bao nhiêu?": "cao 36 m", not
# "năng suất cao 7 tấn/ha")
# (an area too for "rộng": "Trang trại rộng bao nhiêu?": "rộng gần 8.000m2")
_AREA_UNITS = tuple(u for g in _UNITS if g[0] in ("m2", "km2", "ha") for u in g) + ("sào", "mẫu")
_DIMENSION_UNITS = {"dài": _LENGTH_UNITS, "rộng": (*_LENGTH_UNITS, *_AREA_UNITS), "diện tích": _AREA_UNITS,
                    "sâu": _LENGTH_UNITS, "cao": (*_LENGTH_UNITS, "tầng"),
                    "nặng": tuple(u for g in _UNITS if g[0] in ("kg", "tấn") for u in g) + ("tạ", "gam", "g")}


def _not_after(dimension: str, f: Callable[[str], str]) -> str:
    return "".join(rf"(?<!{f(w)} )" for w in _NOT_DIMENSION.get(dimension, ()))


_DIMENSION_RE = {True: re.compile("|".join(rf"{_not_after(d, nfc)}\b({d})\s+(?:khoảng\s+|là\s+)?(?:bao nhiêu|mấy)\b"
                                           for d in _DIMENSIONS)),
                 False: re.compile("|".join(rf"{_not_after(d, fold)}\b({fold(d)})\s+(?:khoang\s+|la\s+)?bao nhieu\b"
                                            for d in _DIMENSIONS if d != "sâu"))}
# "bao lâu": a number of hours, days… ("Sau khoảng 2 giờ, ngọn lửa được khống chế")
_DURATIONS = ("giờ", "tiếng", "phút", "giây", "ngày", "đêm", "tuần", "tháng", "năm")
_HOW_LONG_RE = re.compile(r"\bbao lau\b(?! nay\b)")  # ("bao lâu nay": for so long)
# "tầng mấy", "đơn vị bầu cử số mấy": the number after the noun ("tầng 5"); "mấy" with its accent
_WHICH_NUMBER_RE = re.compile(r"\b([^\W\d_]+)\s+(?:(?:số|thứ)\s+)?mấy\b")
_NOT_NUMBERED = frozenset("có là được của và trong ở tại thì mất còn hết cả những các làm".split())
# between a dimension and its figure: "dài khoảng 600m", "cao hơn 45 m", "nặng tới 1,8 kg"
# between a number and the noun counted: "13.726 cái túi xách", "5 chiếc xe" (not "căn", "bộ":
# "1.200 căn hộ" counts no hộ, "300 bộ đội" no đội)
_CLASSIFIERS = ("cái", "con", "chiếc", "ngôi", "tấm", "quả", "cuốn", "bức")
_FILLERS = ("khoảng", "gần", "hơn", "trên", "là", "đạt", "tới", "lên tới", "chừng", "xấp xỉ", "chỉ", "đến", "gần như")


# not a year ("25", "1.200", "2,5"), nor the end of a road's milestone ("km 1939+400m")
_NUMBER = r"(?<![\w.,+])(?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*"
_WORD_END = r"(?![\w\u0300-\u036f-])"  # (a tone mark left apart by `marks_last` is part of the word)


def _number_before(nouns: tuple[str, ...], f: Callable[[str], str]) -> str:
    """A number (not a year) before one of the nouns, `f`-ed ("2 giờ", "3 ngày")."""
    return rf"{_NUMBER}\s*(?:" + "|".join(f(n) for n in nouns) + rf"){_WORD_END}"


# "bao nhiêu người": people counted by what they are ("6 y bác sĩ", "700 công dân", "14 thành viên",
# "3 chuyên gia", "200 đoàn viên", "12 ca mắc"; not "3 ca nô", "20 ca khúc", "100 ca mổ", "làm 3 ca");
# typed bare not "cụ", "trẻ", "cháu" (củ, tre, chậu)
_PEOPLE = ("người", "công dân", "cư dân", "thành viên", "chuyên gia", "y bác sĩ", "bác sĩ", "y tá",
           "điều dưỡng", "nhân viên", "cán bộ", "công chức", "viên chức", "đảng viên", "đoàn viên", "hội viên",
           "học sinh", "sinh viên", "học viên", "giáo viên", "công nhân", "lao động", "chiến sĩ", "bệnh nhân",
           "bệnh nhi", "nạn nhân", "ca mắc", "ca nhiễm", "ca tử vong", "ca bệnh", "ca dương tính", "ca ngộ độc",
           "trường hợp", "đồng chí", "đại biểu", "cử tri", "thí sinh",
           "tình nguyện viên", "thanh niên", "phụ nữ", "nông dân", "ngư dân", "du khách", "hành khách", "em",
           "cháu", "trẻ", "cụ")
_PEOPLE_BARE = tuple(w for w in _PEOPLE if w not in ("cụ", "trẻ", "cháu"))
# "bao nhiêu dân / nhân khẩu": the people living there ("hơn 1.200 người", "3.500 nhân khẩu")
_INHABITANTS = ("dân", "người dân", "cư dân", "công dân", "nhân khẩu", "người")
# a noun's other spellings: a unit's, the people "người" counts, the inhabitants "dân" does
_SPELLINGS_OF = {**_UNIT_OF, "người": _PEOPLE, "dân": _INHABITANTS}
_SPELLINGS_OF_BARE = {**_UNIT_OF_BARE, "nguoi": _PEOPLE_BARE, "dan": _INHABITANTS}
# "bao nhiêu phụ nữ": "393 phụ nữ" (not "phụ huynh") and "393 người ứng cử là phụ nữ" (people of a kind
# named in two words: the noun counted and the word after it)
_KINDS_OF_PEOPLE = frozenset(fold(w) for w in _PEOPLE)
# "dân" in a compound is no inhabitant ("bao nhiêu dân tộc", "dân quân"), with its accents where typed
# with them (not "dân bỏ phiếu", "dân làng"); typed bare, "dan bo" is also đàn bò
_DAN_COMPOUNDS = ("tộc", "quân", "số", "sự", "chủ", "vận", "phòng", "biểu", "y", "nguyện")
_NOT_INHABITANTS = {True: frozenset(_DAN_COMPOUNDS),
                    False: frozenset([*map(fold, _DAN_COMPOUNDS), *"bo ga vit lon heo cuu de trau ong ca chim".split()])}


def _spellings(noun: str, f: Callable[[str], str]) -> list[str]:
    """The noun and, for a unit, its other spellings, for "người" the people counted by what they
    are (`_PEOPLE`), through `f` (`marks_last` or `fold`)."""
    group = _SPELLINGS_OF.get(nfc(noun).lower()) if has_diacritics(noun) else _SPELLINGS_OF_BARE.get(noun.lower())
    return sorted({f(u) for u in (noun, *(group or ()))}, key=len, reverse=True)


def _count_pattern(noun: str | None, f: Callable[[str], str] = fold, dimension: str | None = None,
                   typed: str | None = None, kind: str | None = None) -> re.Pattern:
    """A number (not a year) before the noun (`noun` already `f`-ed; `typed`: as typed, for its
    unit spellings), written apart or glued ("70ha"; not in a code: "12HA-3", "VN123"); a unit in
    any of its spellings ("600m" for "mét"); for a dimension asked, a figure right after its word
    ("dài khoảng 600m", not "rộng 14m", "kéo dài 3 tháng", "tăng cao 30%"), in a unit when no
    noun is asked; for "mấy giờ", an hour as the press writes it too ("15h", "15h30", "15g30",
    "7h-11h"; not "Quốc lộ 14H", "ĐT 8H", "82H-012.34"). Over lower-case text, `f`-ed.
    (A tone mark that cannot combine with a final consonant stays apart: "cổng" is no "công".)"""
    end = _WORD_END
    number = _NUMBER
    if dimension is not None:
        fillers = "|".join(f(w) for w in _FILLERS)
        # (glued to the word before too: a scraper's "cất cánhdài 1.500m")
        after = rf"{_not_after(dimension, f)}{f(dimension)}{end}\s*(?:(?:{fillers})\s+){{0,2}}{number}"
        # an area: after "diện tích" and up to three words ("diện tích tự nhiên hơn 91.000 ha", "diện
        # tích đất 5.000 m2"), for "rộng" of land too ("Trang trại rộng bao nhiêu?": "có diện tích 2 ha")
        area = rf"{f('diện tích')}{end}\s*(?:[^\W\d]\S*\s+){{0,3}}{number}" if dimension in ("rộng", "diện tích") else None
        number = rf"(?:{after}|{area})" if area else after
    if noun is None:  # (then a dimension is asked: `counted_noun`)
        units = "|".join(re.escape(f(u)) for u in sorted(_DIMENSION_UNITS[dimension], key=len, reverse=True))
        return re.compile(rf"{number}\s*(?:{units}){end}")
    at = r"(?:[01]?\d|2[0-3])(?:h(?:[0-5]\d)?|g[0-5]\d)"  # "15h", "15h30", "15g30" (not "5g" of grams, "5G")
    hour = (rf"|(?<![\w.,/-])(?<!lo )(?<!lộ )(?<!ql )(?<!dt )(?<!đt ){at}(?:\s*[-–]\s*{at})?{end}"  # "7h-11h"
            if noun in ("gio", marks_last("giờ")) else "")  # (not "gió", wind)
    units = "|".join(re.escape(u) for u in _spellings(typed or noun, f))
    # "13.726 cái túi xách" (with accents only: bare, "con", "cai", "tam" are also còn, cải, tạm)
    classifier = rf"(?:(?:{'|'.join(f(c) for c in _CLASSIFIERS)})\s+)?" if f is not fold else ""
    # `kind` of people asked ("bao nhiêu phụ nữ"): "393 người ứng cử là phụ nữ" (three words at most between)
    of_kind = rf"|{number}\s*{f('người')}(?:\s+[^\W\d_]\S*){{0,3}}\s+{f('là')}\s+{f(kind)}{end}" if kind else ""
    return re.compile(rf"{number}\s*{classifier}(?:{units}){end}{hour}{of_kind}")


# Words after "bao nhiêu" that are no noun counted ("tặng quà trị giá bao nhiêu cho …"), as
# typed with accents ("chợ", "chỗ", "ổ dịch" are nouns) and, for a question typed bare, folded
# ("bao nhiêu một năm": a rate, per year)
_NOT_COUNTED = frozenset("cho của và để là thì trong ở tại với được khi vào từ đến trên so như mà một mỗi".split())
_NOT_COUNTED_BARE = frozenset(fold(w) for w in _NOT_COUNTED) - {"o", "so"}  # "ô tô", "sổ đỏ" typed bare
# A question asking an amount of money ("trị giá bao nhiêu", "bao nhiêu tiền", "kinh phí … bao
# nhiêu", "giá vé bao nhiêu"), folded; not "tham gia bao nhiêu buổi", "bao nhiêu đồng chí"
# what "đồng" is no currency before ("12 đồng chí", "50 đồng đội")
_NOT_MONEY_AFTER_DONG = ("chí", "bào", "đội", "nghiệp", "hương", "môn", "thời", "loạt", "ý", "tình", "hành", "bằng")
_NOT_MONEY_AFTER_DONG_FOLDED = "|".join(fold(w) for w in _NOT_MONEY_AFTER_DONG)
_ASKS_MONEY_RE = re.compile(r"\b(?:bao nhieu tien|tri gia|kinh phi|chi phi|von dau tu|tong von|so tien"
                            r"|thiet hai(?: \w+){0,3} bao nhieu"  # "gây thiệt hại ước tính bao nhiêu"
                            r"|(?:muc|tien) (?:phat|ho tro|boi thuong|den bu|thuong|luong)"  # "Mức phạt … là bao nhiêu?"
                            r"|gia tri(?: \w+){0,3} (?:la |dat )?bao nhieu"
                            r"|(?<!tham )(?<!quoc )(?<!gia )(?<!chuyen )(?<!danh )(?<!dai )gia "
                            r"(?!(?:dinh|tang|han|nhap|tri|su|lai|hoa|nhan|giam|dao|toc|cong|co|thap)\b)"
                            r"(?:[\w-]+ ){0,6}(?:la |o muc |dat )?bao nhieu"
                            rf"|bao nhieu (?:dong(?! (?:{_NOT_MONEY_AFTER_DONG_FOLDED})\b)|ty|trieu))\b")
_NOT_PRICE_RE = re.compile(r"(?<![\w\u0300-\u036f])(?:(?i:gi[àảãạ])|Gia(?=\s+[" + re.escape(CAPITALS) + r"]))"
                           r"(?![\w\u0300-\u036f])")  # (over NFC text, as typed)
_MONEY_NOUNS = frozenset({"tien", "dong", "ty", "ti", "trieu", "usd"})  # "bao nhiêu <these>" asks a sum
# A fee ("Học phí … bao nhiêu một năm?", "mức phí cách ly"), with its accents when typed with them
# ("Lê Phi Hùng" is no "lệ phí")
_FEES = tuple(tuple(w.split()) for w in ("học phí", "lệ phí", "mức phí", "viện phí", "cước phí"))
# A damage asked of what is no money ("Diện tích lúa bị thiệt hại là bao nhiêu?", "thiệt hại về người")
_NOT_MONEY_DAMAGE_RE = re.compile(r"\bthiet hai ve nguoi\b|\bdien tich\b(?: \w+){0,4} thiet hai\b")


# What a sum asked is the sum of ("bị xử phạt bao nhiêu tiền", "hỗ trợ bao nhiêu tiền"), each act
# with the words that name it in a sentence: a quoted sum in no sentence naming it, nor right after
# one, is another's ("Trị giá hàng hóa vi phạm … 156.800.000 đồng" is no fine), and the answer says so.
_MONEY_ACTS: dict[str, tuple[str, ...]] = {
    "phạt": ("phạt",), "hỗ trợ": ("hỗ trợ", "trợ cấp"), "trợ cấp": ("trợ cấp", "hỗ trợ"), "thưởng": ("thưởng",),
    "bồi thường": ("bồi thường", "đền bù"), "đền bù": ("đền bù", "bồi thường"), "hoàn trả": ("hoàn trả", "bồi hoàn", "hoàn lại", "thu hồi", "trả lại"),
    "sai phạm": ("sai phạm", "vi phạm", "thất thoát"), "thất thoát": ("thất thoát", "sai phạm"),
    "chiếm đoạt": ("chiếm đoạt", "lừa đảo"), "lừa đảo": ("lừa đảo", "chiếm đoạt"), "thiệt hại": ("thiệt hại",),
    "ủng hộ": ("ủng hộ", "quyên góp"), "quyên góp": ("quyên góp", "ủng hộ"), "giải ngân": ("giải ngân",),
}
# Acts that give money: a question naming one and a harm ("hỗ trợ người dân bị thiệt hại … bao nhiêu
# tiền", "người bị lừa đảo được bồi thường bao nhiêu tiền") asks the sum given, not the harm's
_GIVING_ACTS = frozenset(("hỗ trợ", "trợ cấp", "bồi thường", "đền bù", "hoàn trả", "thưởng", "ủng hộ", "quyên góp",
                          "giải ngân"))
# Sums of something else: a sentence naming one after the act's gives none of the act's
_OTHER_SUMS = ("trị giá",)  # (not "giá trị", "thu nhập": "… góp phần tăng thu nhập" after a sum given)
# The asking that makes a sum an act's ("… bao nhiêu tiền", "số tiền …", "mấy triệu"); not "tổng
# kinh phí bao nhiêu", "trị giá bao nhiêu", "giá … bao nhiêu", which name the sum itself
_ASKS_SUM_OF_ACT_RE = re.compile(r"\b(?:bao nhieu (?:tien|dong|trieu|ty)|so tien|may (?:trieu|ty|tram nghin)"
                                 r"|(?:muc|tien) (?:phat|ho tro|boi thuong|den bu|thuong))\b")
# Typed bare, a one-word act is read after a word that makes it one, and not before one that makes
# it another ("bi phat hien" is bị phát hiện, "phat tien" phát tiền too)
_BARE_ACT_RES = {"phạt": re.compile(r"\b(?:xu|nop|muc|tien) phat\b|\bbi phat\b(?! (?:hien|trien|dong|hanh|song|sinh|huy|ra))"),
                 "thưởng": re.compile(r"\b(?:duoc|khen|tien) thuong\b")}


def _accented(text: str) -> str:
    """Lower case, NFC, one tone placement ("hoà" as "hòa"): words compared with their accents."""
    return one_tone_placement(nfc(text).lower())


# A total asked: "tổng cộng", "cả thảy", a sum's total ("Tổng số tiền / tổng kinh phí … bao nhiêu");
# not "Tổng số hộ nghèo … là bao nhiêu" (a count: "số hộ nghèo"), nor "trong tổng số …" (a share of
# it). A sentence giving one: "trên tổng số kinh phí phải thu hồi là trên 9,8 tỷ đồng", "tổng cộng
# 1.200 hộ", "mức phạt tổng 2,23 tỷ đồng"; not "Tổng Bí thư", "tổng kết", "Tổng công ty", "Tổng Công
# đoàn", "Tổng công trình sư" (with accents, "cộng" is no "công"; typed bare, not before those words).
_TOTAL_OF_SUM = ("số tiền", "kinh phí", "số kinh phí", "giá trị", "trị giá", "thiệt hại", "chi phí", "vốn", "số vốn",
                 "mức đầu tư", "nguồn vốn", "doanh thu", "thu")
_TOTAL_WORDS = ("cộng", "số", "mức", "diện tích", "lượng", "tiền", "dân số", *_TOTAL_OF_SUM)


def _total_re(words_: tuple[str, ...], f: Callable[[str], str], ends: str) -> re.Pattern:
    bare_cong = r"(?! (?:ty|doan|trinh|hoi)\b)" if f is fold else ""
    alt = "|".join(f(w) + (bare_cong if w == "cộng" else "") for w in sorted(words_, key=len, reverse=True)
                   if f is not fold or w != "thu")  # (typed bare, "tong thu ky" is Tổng thư ký)
    return re.compile(rf"(?<!{f('trong')} )\b{f('tổng')} (?:{alt})\b|\b{f('tổng cộng')}\b{bare_cong}|\b{f('cả thảy')}\b"
                      + ends)


_TOTALS_ASKED = tuple(tuple(w.split()) for w in ("tổng cộng", "cả thảy", *(f"tổng {w}" for w in _TOTAL_OF_SUM)))
_TOTAL_RE = {True: _total_re(_TOTAL_WORDS, _accented, rf"|\b{_accented('cộng lại')}\b|\b{_accented('tổng')} (?=\d)"),
             False: _total_re(_TOTAL_WORDS, fold, r"|\bcong lai\b|\btong (?=\d)")}


def asks_total(question: str) -> bool:
    """Whether a question asking a figure asks a total ("tổng cộng bao nhiêu tiền")."""
    for ws, i, phrase in phrases_typed(one_tone_placement(nfc(question)), _TOTALS_ASKED, each_word=True):
        after = ws[i + len(phrase)] if i + len(phrase) < len(ws) else ""
        bare_other = (ws[i + 1] == "cong" and after in ("ty", "doan", "trinh", "hoi") or ws[i + 1] == "thu" and after == "ky"
                      or phrase == ("cả", "thảy") and ws[i:i + 2] == ["ca", "thay"] and has_diacritics(question))
        if (i == 0 or fold(ws[i - 1]) != "trong") and not bare_other:
            return True  # (not "trong tổng số", a share; typed bare, not "tong cong ty", "tong thu ky", nor
            # "ca thay" in a question typed with accents: "ca thay khớp")
    return False


# "bao nhiêu cán bộ … đã hy sinh", "mấy người bị thương": what happened to what is counted, after an
# auxiliary (read with accents only: bare, "da" is also đá, da, "bi" bí), up to two words, not across a
# linking word or a place ("… đã hy sinh trong kháng chiến", "bị thương ở")
_QUALIFIED_RE = re.compile(r"\b(?:bao nhiêu|mấy)\s+[^?]*?\b(?:(?:đã|bị|được|đang|sẽ)\s+)+(?!(?:là|có|không|chưa)\b)"
                           r"([^\W\d_]+)(?:\s+(?!(?:trong|tại|ở|vào|từ|của|và|với|do|khi|là|cho|không|chưa|bao|mấy)\b)"
                           r"([^\W\d_]+))?", re.I)


def count_qualifier(question: str) -> str:
    """What happened to what a question counts, as typed with accents ("Bao nhiêu cán bộ công an chi
    viện đã hy sinh trong kháng chiến?": "hy sinh"); "" for none (or a question typed bare). A count
    that is said so answers better than another count of the noun (`counts_qualified`)."""
    text = nfc(question)
    if not has_diacritics(text):
        return ""
    m = _QUALIFIED_RE.search(text)
    return " ".join(w.lower() for w in m.groups() if w) if m else ""


def counts_qualified(counted: CountedNoun, sentence: str, qualifier: str) -> bool:
    """Whether a clause of a sentence counts what is asked and writes its qualifier (`count_qualifier`),
    word for word ("909 cán bộ đã anh dũng hy sinh, …"; not "… không quản ngại hy sinh, …; 20 cán bộ …")."""
    return any(counted.search(clause) and f" {qualifier} " in _words_of(clause.lower(), str)
               for clause in re.split(r"[,;:]\s", nfc(sentence)))


def gives_total(sentence: str) -> bool:
    """Whether a sentence names a total ("tổng số", "tổng cộng", "tổng kinh phí" …)."""
    accented = has_diacritics(sentence)
    return bool(_TOTAL_RE[accented].search(_accented(sentence) if accented else fold(sentence).lower()))


def _words_of(text: str, f: Callable[[str], str]) -> str:
    """The text's words (`normalize.words`), `f`-ed, one space apart and between spaces (for
    whole-word lookups)."""
    return " " + " ".join(f(w) for w in words(text)) + " "


_ACT_FORMS = {a: tuple(f" {_accented(w)} " for w in names) for a, names in _MONEY_ACTS.items()}
# an act's word that names another act before these ("thu hồi 5 ha đất", "trả lại mặt bằng": no refund)
_LAND = ("đất", "ha", "m2", "m²", "héc", "hecta", "sào", "thửa", "mặt", "sổ")
_NOT_ACT_BEFORE = {f" {_accented(w)} ": frozenset(map(_accented, after)) for w, after in (
    ("thu hồi", (*_LAND, "giấy", "dự", "quyết", "bằng", "xe", "tang")), ("trả lại", (*_LAND, "giấy", "xe", "tài", "hồ")))}
# words passed over before the one that tells ("thu hồi hơn 5 ha đất", "thu hồi toàn bộ diện tích đất",
# "trả lại cho xã 5 ha đất")
_PASSED_OVER = frozenset(map(_accented, ("hơn", "gần", "khoảng", "trên", "toàn", "bộ", "các", "phần", "diện", "tích",
                                         "cho", "xã", "huyện", "nhà", "nước", "lại")))
_OTHER_SUM_FORMS = tuple(f" {_accented(w)} " for w in _OTHER_SUMS)


def money_acts(question: str, counted: "CountedNoun | None") -> tuple[str, ...]:
    """The acts (`_MONEY_ACTS`) a question asking a sum (`counted`: its `counted_noun`) with "bao
    nhiêu tiền" names it the sum of, the one written last (nearest the asking) first ("Cơ sở … bị
    xử phạt bao nhiêu tiền?": "phạt"), only those giving money when it names one (`_GIVING_ACTS`);
    () for no such sum asked or no act named."""
    if counted is not _MONEY or not _ASKS_SUM_OF_ACT_RE.search(fold(question).lower()):
        return ()
    if has_diacritics(question):
        words = _words_of(question, _accented)
        at = {a: words.rfind(f" {_accented(a)} ") for a in _MONEY_ACTS}
    else:
        words = _words_of(question, fold)
        at = {a: max((m.start() for m in _BARE_ACT_RES[a].finditer(words)), default=-1) if a in _BARE_ACT_RES
              else words.rfind(f" {fold(a)} ") for a in _MONEY_ACTS}
    named = sorted((a for a, i in at.items() if i >= 0), key=lambda a: -at[a])
    giving = [a for a in named if a in _GIVING_ACTS]
    return tuple(giving or named)


def names_act(sentence: str, acts: tuple[str, ...]) -> bool:
    """Whether a sentence names one of the acts (`money_acts`), in any of the words for it."""
    words = _words_of(sentence, _accented)

    def named(form: str) -> bool:
        at = words.find(form)
        while at >= 0:
            after = next((w for w in words[at + len(form):].split()
                          if not re.fullmatch(r"[\d.,]+", w) and w not in _PASSED_OVER), "")
            if after not in _NOT_ACT_BEFORE.get(form, ()):  # (past a number: "thu hồi 5 ha đất")
                return True
            at = words.find(form, at + 1)
        return False

    return any(named(form) for a in acts for form in _ACT_FORMS[a])


def names_another_sum(sentence: str) -> bool:
    """Whether a sentence names a sum of something else than an act (`_OTHER_SUMS`: "trị giá")."""
    words = _words_of(sentence, _accented)
    return any(form in words for form in _OTHER_SUM_FORMS)


def _money_pattern(accented: bool) -> re.Pattern:
    """A sum: a number (not a year), a multiplier maybe, and a currency ("gần 3 tỷ đồng",
    "500 USD"); or a number of tỷ ("9,8 tỷ"). Not "12 đồng chí", "3 nghìn người"."""
    f = marks_last if accented else fold
    multiplier = "|".join(f(w) for w in ("nghìn", "ngàn", "triệu", "tỷ", "tỉ"))
    # ("500.000đ", "500.000 VNĐ"; typed bare, "3d" is no sum: "in 3D")
    currency = "|".join([*(f(w) for w in ("đồng", "usd", "đô la", "euro", "yên", "vnđ", "vnd")),
                         *([r"đ(?!\s*/\s*c\b)"] if accented else [])])  # ("5 đ/c": comrades)
    not_money = "|".join(f(w) for w in _NOT_MONEY_AFTER_DONG)
    number = r"(?<![\d.,])\d+(?:[.,]\d+)*\s*"
    year = r"(?!(?:19|20)\d\d\b)"  # "Năm 2023 đồng chí …" (a year before a bare currency word only)
    end = r"(?![\w\u0300-\u036f])"
    # a multiple with no currency, as a rate ("1,2 triệu/tháng", "2 triệu mỗi tháng", "2,5 triệu một học kỳ";
    # not "3 triệu người", "3 nghìn một trăm hộ"), or ending a clause after a word of money ("Mức phạt là
    # 7,5 triệu.", "hỗ trợ 2 triệu, do …"; not "dân số khoảng 1,2 triệu.", "khách đạt 3 triệu,")
    per = "|".join(f(w) for w in ("tháng", "năm", "ngày", "người", "lần", "kỳ", "học kỳ", "hộ", "suất", "lượt", "khóa"))
    rate = rf"(?=\s*(?:/|{f('mỗi')}{end}|{f('một')}\s+(?:{per}){end}))"
    money_words = "|".join(f(w) for w in ("hỗ trợ", "phạt", "giá", "phí", "thưởng", "chi", "nộp", "trả", "đóng",
                                           "lương", "tiền", "tặng", "ủng hộ", "bồi thường", "vay"))
    quantifier = "|".join(f(w) for w in ("khoảng", "gần", "hơn", "trên", "tới", "lên tới", "chỉ"))
    # ("Mức phạt là 7,5 triệu.": "là" after a word of money; not "Dân số toàn tỉnh là 1,2 triệu.")
    clause_end = rf"(?<![\w\u0300-\u036f])(?:{money_words})(?:\s+{f('là')})?\s+(?:(?:{quantifier})\s+)?"
    return re.compile(rf"{number}(?:{multiplier})\s*(?:{currency}){end}"  # "2000 tỷ đồng", "40 triệu VNĐ"
                      rf"|{number}(?:{f('tỷ')}|{f('tỉ')}){end}"  # "9,8 tỷ" (not "3 nghìn người")
                      rf"|{number}(?:{f('nghìn')}|{f('ngàn')}|{f('triệu')}){end}{rate}"
                      rf"|{clause_end}{number}(?:{f('nghìn')}|{f('ngàn')}|{f('triệu')}){end}(?=\s*(?:[,.;)]|$))"
                      rf"|{year}{number}(?:{currency}){end}(?!\s+(?:{not_money}){end})"
                      r"|\$\s?\d+(?:[.,]\d+)*")  # "$100"


_MONEY = CountedNoun(_money_pattern(True), _money_pattern(False))


def is_sum(counted: CountedNoun | None) -> bool:
    """Whether what a question counts (`counted_noun`) is an amount of money."""
    return counted is _MONEY


def counted_noun(question: str, whole: str | None = None) -> CountedNoun | None:
    """For "bao nhiêu <noun>" / "mấy <noun>", what counts it (`CountedNoun`); for an amount
    of money asked (and no other noun counted), a sum. `question`: what a message asks
    (`Asked.text`: a count in a pasted context is none); `whole`: the whole message, whose counts
    are stated."""
    accented = has_diacritics(question)
    text = nfc(question).lower() if accented else fold(question).lower()
    m = _HOW_MANY_RE[accented].search(text) or _NUMBER_OF_RE[accented].search(text)
    noun = m.group(1) if m and m.group(1) not in (_NOT_COUNTED if accented else _NOT_COUNTED_BARE) else None
    if noun is None and not accented and re.search(r"\bmay gio\b", text):
        noun = "gio"  # "xay ra luc may gio": typed bare, "máy giờ" is no phrase
    # ("bao nhiêu đồng chí" counts comrades: the money words are read in `_ASKS_MONEY_RE`)
    money_noun = noun is not None and fold(noun) in _MONEY_NOUNS and not re.search(
        rf"\bdong (?:{_NOT_MONEY_AFTER_DONG_FOLDED})\b", fold(text))
    long = _LONG_UNIT_RE.search(fold(text))  # "bao nhiêu ki-lô-mét", "cây số", "%"
    # (typed with accents, "già" is no price, nor "Gia" before a capitalised word: "huyện Gia Lâm")
    priced = _NOT_PRICE_RE.sub("_", nfc(question)).lower() if accented else text
    asks_money = bool(_ASKS_MONEY_RE.search(fold(priced)) or next(phrases_typed(text, _FEES, each_word=True), None))
    if asks_money and not money_noun and _NOT_MONEY_DAMAGE_RE.search(fold(text)):
        asks_money = False  # ("… thiệt hại bao nhiêu tiền, có thiệt hại về người không?" asks a sum)
    # ("Học phí tăng bao nhiêu %?" asks a share, "Học phí là bao nhiêu, tăng bao nhiêu %?" a sum first)
    share_only = long is not None and fold(text).count("bao nhieu") < 2
    if (noun is None or money_noun) and not share_only and asks_a_figure(question) and asks_money:
        return _MONEY
    if long is not None:
        noun = _LONG_UNIT_NOUNS[long.lastindex - 1]
    dim = _DIMENSION_RE[accented].search(text)
    dimension = next((d for d in _DIMENSIONS if dim and any(g and fold(g) == fold(d) for g in dim.groups())), None)
    if noun is not None and not set(_spellings(noun, fold)) & _LENGTHS:
        dimension = None  # only lengths tell "dài" from "rộng"; "cao bao nhiêu tầng" counts floors
    if noun is None and dimension is None:
        if _HOW_LONG_RE.search(fold(text)):  # "sau bao lâu mới khống chế được"
            return CountedNoun(re.compile(_number_before(_DURATIONS, marks_last)), re.compile(_number_before(_DURATIONS, fold)))
        which = _WHICH_NUMBER_RE.search(text) if accented else None
        if which is not None and which.group(1) not in _NOT_NUMBERED:  # "cháy ở tầng mấy": "tầng 5"
            after = r"(?<![\w\u0300-\u036f]){}\s+(?:(?:{}|{})\s+)?\d+(?:/[\w-]+)*(?![\d/])"
            return CountedNoun(re.compile(after.format(marks_last(which.group(1)), marks_last("số"), marks_last("thứ"))),
                               re.compile(after.format(fold(which.group(1)), "so", "thu")))
        return None
    # the noun with the word after it, as typed, when the two are what is counted: a kind of people
    # ("phụ nữ", "thanh niên"), "dân" in a compound ("dân tộc")
    two = re.match(r"\s+([^\W\d_]+)", text[m.end(1):]) if m and noun == m.group(1) else None
    phrase = f"{noun} {two.group(1)}" if two else None
    kind = phrase if phrase and fold(phrase) in _KINDS_OF_PEOPLE else None
    after = two.group(1) if two else ""
    compound = phrase and fold(noun) == "dan" and (after if has_diacritics(after) else fold(after)) in _NOT_INHABITANTS[
        has_diacritics(after)]
    typed = kind or (phrase if compound else noun)
    counted = CountedNoun(_count_pattern(marks_last(noun) if noun else None, marks_last, dimension, typed, kind)
                          if noun is None or has_diacritics(noun) else None,
                          _count_pattern(fold(noun) if noun else None, fold, dimension, typed, kind))
    stated = frozenset(_digits(m.group(0)) for m in counted.folded.finditer(fold(whole or question).lower()))
    return replace(counted, stated=stated) if stated else counted


# folded, however it is typed ("mấy" only with its accent)
_ASKS_FIGURE_RE = (re.compile(r"\b(?:" + "|".join(fold(w) for w in (_HOW_MANY[0], *_NUMBER_OF)) + r")\b"),
                   re.compile(r"\b" + _HOW_MANY[1] + r"\b"))
# A figure: digits, or a number written out ("hai mươi", "hàng trăm", "một nửa")
_FIGURE_RE = re.compile(r"\d|\b(?:hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|chục"
                        r"|nửa|một|gấp)\b", re.I)
# A figure of these words alone is no answer ("năm" is mostly the year, "một" an article)
_FIGURE_ONLY_WORDS = {"năm", "một", "tư"}


def asks_a_figure(question: str) -> bool:
    """Whether a question (what a message asks, `Asked.text`) asks how many or how much
    ("bao nhiêu", "mấy", "số lượng")."""
    folded, few = _ASKS_FIGURE_RE
    return bool(folded.search(fold(question).lower()) or few.search(nfc(question).lower()))


# Digits that are no figure: dates ("Chiều 22/2", "ngày 5 tháng 3", "năm 2023"), document codes
_NOT_FIGURES_RE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4}|(?:\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|trước|sau|niệm|qua|nay|dịp)\s+|\()"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?(?:\s*[-–]\s*\d{1,2}/\d{1,2})?\b"  # "Chiều 22/2", "Chiều nay (1/5)", "dịp 30/4-1/5"
    r"|\d{1,4}/(?:19|20)\d\d\b|(?-i:\d+[-/][A-ZĐ]{1,5})\b|\b[A-Za-z]+-\d+\b"  # 6/2022, 100/2019, 18-CT, COVID-19
    r"|\b(?:ngày|tháng|năm|quý|khóa|khoá|lần thứ)\s+\d+(?:/\d+)*", re.I)


def states_a_figure(sentence: str) -> bool:
    """Whether a sentence gives a figure: digits (not of a date, a year or a document
    code) or a number written out."""
    text = _NOT_FIGURES_RE.sub(" ", nfc(sentence))
    return any(m.group(0).isdigit() or m.group(0).lower() not in _FIGURE_ONLY_WORDS
               for m in _FIGURE_RE.finditer(text))
