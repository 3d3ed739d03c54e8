"""Places a question names (pure): Vietnam's provinces and cities, their districts
(`retrieval.districts`), and any "tỉnh / huyện / xã … Name" written with capitals;
and whether an article's words write a province's district (`writes_district`).

A question about a place no stored article mentions cannot be answered from
the store, however well its other words match: "Tỉnh Quảng Nam có bao nhiêu mô
hình Dân vận khéo?" asked of Kon Tum articles must say so, not quote Kon Tum's
figures. Names are compared folded (no diacritics, lower case); a place may be
written several ways (``TP HCM``, ``Hồ Chí Minh``, ``Sài Gòn``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from retrieval.districts import DISTRICTS, EVERYDAY_ACCENTED, EVERYDAY_AFTER_UNIT, EVERYDAY_FOLDED
from retrieval.normalize import JOINED_NAMES, fold, has_diacritics, nfc, split_tone

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
    "Thanh Hóa": ("Thanh Hoá",), "Thừa Thiên Huế": ("Huế", "TT Huế", "TT-Huế"), "Tiền Giang": (),
    "Hồ Chí Minh": ("HCM", "TPHCM", "Sài Gòn"), "Trà Vinh": (), "Tuyên Quang": (), "Vĩnh Long": (),
    "Vĩnh Phúc": (), "Yên Bái": (),
}
# Names that are also everyday words ("hòa bình": peace) or other things ("tư tưởng Hồ
# Chí Minh"): a place only after "tỉnh", "thành phố", "TP", "ở" or "tại" ("ở Bình Định",
# "tai long an", "tại Hồ Chí Minh") or, written with capitals, at the question's start,
# but for the man's name ("Long An có bao nhiêu …", not "Hồ Chí Minh sinh năm nào").
_AMBIGUOUS = {"hoa binh", "thai binh", "binh dinh", "long an", "hue", "ho chi minh"}
# Typed in lower case, a province counts when written with its accents ("hà nội",
# but not "cao bằng" or "hải dương", everyday words), or without them at the start
# of the question or after "o / tai / cua / ve" ("so mo hinh o gia lai", not "danh
# gia lai" for đánh giá lại, nor "dak ha noi bat" for Đắk Hà nổi bật), and then only
# when no everyday phrase folds to it: not "da nang" (đa năng), "hai phong" (hai
# phòng), "dien bien" (diễn biến), "lam dong" (làm đồng), "can tho" (cần thợ),
# "bac can" (bác cần); a name holding "nam" (năm: "nam dinh huong", "quang nam
# 2019" for quãng năm) only right after "o / tai" ("dan van kheo o quang nam").
_ACCENTED_NAMES = {nfc(n).lower() for name, alts in PROVINCES.items() for n in (name, *alts)}
_EVERYDAY_PROVINCE_NAMES = {"cao bang", "hai duong"}  # "cao bằng nhau", "hải dương" (the ocean)
_FOLDED_RISKY = {"da nang", "hai phong", "dien bien", "lam dong", "can tho", "son la", "quang binh", "bac can",
                 "bac kan", "hcm"}  # (and _EVERYDAY_PROVINCE_NAMES, refused first)
_FOLDED_CUES = {"o", "tai", "cua", "ve"}
_FOLDED_PLACE_CUES = {"o", "tai"}  # what a name holding "nam" must follow ("mo hinh o quang nam")
_FOLDED_AFTER_CUE_ONLY = {"gia lai"}  # "gia lai tang" at the start is giá lại tăng
# Typed bare in the middle of a question ("thu nhap binh quan gia lai 2019"): the names no
# everyday phrase folds to (not "nghe an" for nghe an ninh, nor the risky, the ambiguous
# and those holding "nam" above), unless the words around make a compound of them.
# (Not "dong thap": mức đóng thấp; "thanh hoa": trở thành hoa hậu; "ca mau": cá mau lớn.)
_FOLDED_ANYWHERE = {"kon tum", "dak lak", "dak nong", "gia lai", "lai chau", "lao cai", "ha giang", "tuyen quang",
                    "yen bai", "lang son", "thai nguyen", "quang ninh", "hung yen", "ninh binh", "ha tinh",
                    "quang tri", "quang ngai", "phu yen", "khanh hoa", "ninh thuan", "binh thuan", "binh phuoc",
                    "tay ninh", "dong nai", "vung tau", "ba ria", "tien giang", "ben tre", "tra vinh", "vinh long",
                    "kien giang", "hau giang", "soc trang", "bac lieu", "ha noi", "bac giang", "bac ninh",
                    "phu tho", "vinh phuc", "an giang", "binh duong", "tphcm"}
# ... and these only at the question's end or before a year or "năm" ("gia lai 2019"): "giá
# lại giảm", "vì sao giá lại tăng", "định giá lại tài sản" read bare as well
_FOLDED_ANYWHERE_AT_END = {"gia lai"}
# "Đoàn TNCS HCM", "tư tưởng, đạo đức, phong cách HCM", "Chủ tịch HCM", "Đoàn Thanh niên Cộng
# sản Hồ Chí Minh", "tấm gương Hồ Chí Minh", "Giải thưởng Hồ Chí Minh": the man, not the city
_NOT_THE_CITY_AFTER = {"tncs", "bac", "tu tuong", "dao duc", "phong cach", "chu tich", "cong san", "tntp",
                       "tien phong", "tam guong", "chien dich", "di chuc", "lang", "bao tang", "huan chuong",
                       "giai thuong", "duong mon", "tri quoc gia"}  # (Học viện Chính trị quốc gia …)
# "Thái Bình Dương" (the ocean), "Điện Biên Phủ", "Việt Nam định hướng": no province
_NOT_A_PROVINCE_BEFORE = {"dien bien": "phu", "thai binh": "duong"}
_NOT_A_PROVINCE_AFTER = {"nam dinh": "viet", "binh duong": "thai"}
# A province name with no accents to type ("gia lai"), typed in lower case in an
# accented question, is the province unless it is the end or start of everyday
# compounds: "chuyên gia lai tạo giống", "quốc gia", "bình an", "giang sơn".
_COMPOUND_BEFORE = {"gia lai": {"chuyen", "quoc", "tham", "dai", "hoang", "thuong", "tu", "nong", "hoc", "nha",
                                 "danh", "binh", "dinh", "sao"},
                    "ninh binh": {"an"},  # "đảm bảo an ninh bình yên"
                    "an giang": {"binh", "bao", "tri", "cong", "tam", "yen"}}
_COMPOUND_AFTER = {"gia lai": {"tao", "ghep", "giong", "tap", "hoa"}, "an giang": {"son", "ho"},
                   "nghe an": {"ninh", "toan", "tam", "khang"}}  # "nghe an ninh": hear of security
VILLAGE_UNITS = {"thon", "lang", "buon", "plei", "to dan pho"}  # "làng Kon Klor", "thôn Kon Rế"
UNITS = {"tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "thi tran", "xa", "phuong",
          "tinh uy", "huyen uy", "thanh uy", "dang uy"} | VILLAGE_UNITS
_VILLAGE_UNITS_ACCENTED = {"thôn", "làng", "buôn", "plei", "tổ dân phố"}
PROVINCE_UNITS = ("tinh", "thanh pho", "tp", "tinh uy", "thanh uy")


@dataclass(frozen=True)
class Place:
    name: str  # as it is written (the province's proper spelling, or as typed)
    keys: tuple[str, ...]  # folded, lower case, single-spaced: the ways it may be written
    alt: "Place | None" = None  # the province a name typed after "tỉnh" may be a typo of
    # a province's districts: an article on one of them is on the province even when it
    # never writes the province's name
    within: tuple["District", ...] = ()
    # a district whose name folds like a province's ("Phù Yên", Phú Yên; its `within`):
    # only an article writing it after its unit, spelt as it is, names it
    spelt: bool = False
    village: bool = False  # after thôn / làng / buôn / plei / tổ dân phố


def folded_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


PROVINCE_KEYS = frozenset(folded_words(n) for name, alts in PROVINCES.items() for n in (name, *alts))

# -- districts -----------------------------------------------------------------------
def _syllable(word: str) -> tuple[str, str]:
    """A syllable's letters and its tone mark, however it is spelt: the mark on either
    vowel ("Hoà", "Hòa"), "Quí" as "Quý", "Đăk" / "Đắk" / "Đak" as one."""
    letters, tone = split_tone(word)
    if fold(letters) == "dak":
        return "dak", ""
    return ("quy" if letters == "qui" else letters), tone


def same_syllable(a: str, b: str) -> bool:
    """Whether two syllables are spelt alike, case and the tone mark's place aside."""
    return _syllable(a) == _syllable(b)


def _spelt(words: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple(_syllable(w) for w in words)


# A district's unit, and the ways it is written before its name ("Huyện ủy Tu Mơ Rông").
_UNIT_FORMS = {"huyện": ("huyện", "huyện ủy", "huyện uỷ"), "quận": ("quận", "quận ủy", "quận uỷ"),
               "thị xã": ("thị xã", "thị ủy", "thị uỷ", "tx"), "thành phố": ("thành phố", "thành ủy", "thành uỷ", "tp")}
_DISTRICT_UNITS_ACCENTED = {form for forms in _UNIT_FORMS.values() for form in forms}
# Folded, "quan" is also cơ quan, quân, quán ("quan tam nong dan"): only "quận" typed counts.
_DISTRICT_UNITS = {folded_words(form) for form in _DISTRICT_UNITS_ACCENTED} - {"quan", "quan uy"}
_DISTRICT_CUES = {"ở", "tại"}
_DISTRICT_CUES_FOLDED = {"o", "tai"}
# Syllables everyday phrases after a unit begin with ("của huyện là gì", "huyện cần được",
# "thành phố có tổ chức", "huyện vẫn làm", "huyện đã bác"): without accents, in lower case,
# a district name beginning with one is no district.
_COMMON_FIRST = {"co", "con", "can", "van", "da", "la", "dang", "se", "duoc", "cung", "khong", "chi", "nhu", "thi",
                 "va", "ma", "de", "do", "cho", "voi", "ve", "bi", "lam", "tuong", "vua", "moi", "chua", "rat",
                 "nen", "phai", "ra", "vao", "len", "di", "toi", "cu", "ai", "gi", "nao", "bao", "the", "o", "tai"}


@dataclass(frozen=True)
class District:
    name: str  # as the GSO writes it: "Tháp Mười"
    unit: str  # "huyện", "quận", "thị xã" or "thành phố"
    key: str  # folded: "thap muoi"
    spelt: tuple[tuple[str, str], ...]  # its syllables as `_spelt` compares them

    def folded_forms(self, with_quan: bool = False) -> tuple[str, ...]:
        """The district after its own unit, folded ("huyen thap muoi", "huyen uy thap muoi")."""
        units = {folded_words(u) for u in _UNIT_FORMS[self.unit]}
        return tuple(f"{u} {self.key}" for u in sorted(units) if with_quan or u in _DISTRICT_UNITS)


def _district(entry: str) -> District:
    unit = next(u for u in _UNIT_FORMS if entry.startswith(u + " "))
    name = nfc(entry[len(unit) + 1:])
    return District(name, unit, folded_words(name), _spelt(re.findall(r"\w+", name)))


_DISTRICTS_OF = {province: tuple(_district(e) for e in entries) for province, entries in DISTRICTS.items()}
_DISTRICT_OWNERS = Counter(k for ds in _DISTRICTS_OF.values() for k in {d.key for d in ds})
# Every district name of two syllables or more that is no province's, folded -> its
# spellings ("thanh tri": Thanh Trì in Hà Nội, Thạnh Trị in Sóc Trăng).
_DISTRICT_NAMES: dict[str, tuple[str, ...]] = {}
for _ds in _DISTRICTS_OF.values():
    for _d in _ds:
        if _d.key not in PROVINCE_KEYS and len(_d.key.split()) > 1 and _d.name not in _DISTRICT_NAMES.get(_d.key, ()):
            _DISTRICT_NAMES[_d.key] = (*_DISTRICT_NAMES.get(_d.key, ()), _d.name)
_DISTRICT_WIDTHS = sorted({len(k.split()) for k in _DISTRICT_NAMES}, reverse=True)
_SPELT = {d.name: d.spelt for ds in _DISTRICTS_OF.values() for d in ds}


def _within(province: str) -> tuple[District, ...]:
    """The districts whose name, after their own unit, places an article in `province`:
    not those another province has ("Châu Thành" is in nine), nor a province's ("Quang
    Bình" in Hà Giang folds like Quảng Bình), nor names of one syllable ("Vinh", "Chũ"),
    nor names written as everyday words after a unit ("thành phố thống nhất")."""
    return tuple(d for d in _DISTRICTS_OF.get(province, ()) if d.key in _DISTRICT_NAMES
                 and _DISTRICT_OWNERS[d.key] == 1 and d.key not in EVERYDAY_AFTER_UNIT)


def writes_district(tokens: list[str], district: District) -> bool:
    """Whether an article's words (accented, lower case, in order) write the district
    after its own unit, spelt as it is: "huyện Tháp Mười", "Huyện ủy Tháp Mười"; not
    "(huyện Tân Phú, Đồng Nai)" for Tân Phú Đông, "thành phố Trùng Khánh" (Chongqing)
    for the huyện, "Huyền My, Tú Anh" for huyện Mỹ Tú."""
    name = district.spelt
    first = name[0]
    for unit in _UNIT_FORMS[district.unit]:
        u = unit.split()
        for i in range(len(tokens) - len(u) - len(name) + 1):
            if tokens[i] == u[0] and tokens[i:i + len(u)] == u and _syllable(tokens[i + len(u)]) == first \
                    and _spelt(tokens[i + len(u):i + len(u) + len(name)]) == name:
                return True
    return False


def district_of_form(form: str) -> District | None:
    """The district a folded "unit name" form of `Place.within` writes ("huyen thap muoi")."""
    return _WITHIN_FORMS.get(form)


_PROVINCE_PLACES = {name: Place(name, tuple(dict.fromkeys(folded_words(n) for n in (name, *alts))), None,
                                _within(name)) for name, alts in PROVINCES.items()}
_PROVINCE_KEYS = sorted(((k, p) for p in _PROVINCE_PLACES.values() for k in p.keys), key=lambda kp: -len(kp[0]))
_BY_KEY = dict(_PROVINCE_KEYS)
_WITHIN_FORMS = {f: d for p in _PROVINCE_PLACES.values() for d in p.within for f in d.folded_forms(with_quan=True)}
_PROVINCE_SPELT = {_spelt(re.findall(r"\w+", n)) for name, alts in PROVINCES.items() for n in (name, *alts)}
_SPELLINGS: dict[str, list[tuple]] = {}  # a province's folded key -> its spellings, syllable by syllable
for _name, _alts in PROVINCES.items():
    for _n in (_name, *_alts):
        _SPELLINGS.setdefault(folded_words(_n), []).append(_spelt(re.findall(r"\w+", _n)))
# Districts spelt otherwise than the province their name folds like: "Phù Yên" (Sơn La),
# "Thạnh Hóa" (Long An), "Quang Bình" (Hà Giang); by spelling.
_LIKE_PROVINCES = {d.spelt: d for ds in _DISTRICTS_OF.values() for d in ds
                   if d.key in PROVINCE_KEYS and d.spelt not in _PROVINCE_SPELT}


# Articles write the man's name far more often than the city's ("tư tưởng, đạo đức,
# phong cách Hồ Chí Minh"): the store knows the city only where it is written as one.
_CITY_FORMS = {"Hồ Chí Minh": ("thanh pho ho chi minh", "tp ho chi minh", "thanh uy ho chi minh", "tp hcm", "tphcm",
                               "thanh pho hcm", "sai gon")}


def written_forms(place: Place) -> tuple[str, ...] | None:
    """The folded forms that, in an article, name this place when its own name may
    name something else (None: its keys do)."""
    return _CITY_FORMS.get(place.name)


def province_by_key(key: str) -> Place | None:
    """The province whose folded name, or another name of it, is `key` exactly."""
    return _BY_KEY.get(key)


# A province's own newspaper or portal ("baokontum.com.vn", "hanoimoi.vn", "kontum.gov.vn")
# writes of the province without naming it ("Ban Dân vận Tỉnh ủy làm việc với …").
_SITE_LABEL = re.compile(r"(?:bao|www)?([a-z]{5,}?)(?:moi|tv|online)?")
_SITE_KEYS = {k.replace(" ", ""): k for k in PROVINCE_KEYS if len(k.replace(" ", "")) >= 5}
_PUBLIC_SUFFIXES = {"vn", "com", "net", "org", "gov", "edu", "info", "int", "ac", "biz", "name", "pro", "health",
                    "dcs", "mattran"}  # the Party's and the Front's portals: "kontum.dcs.vn", "hanoi.mattran.org.vn"


@lru_cache(maxsize=4096)
def site_province(url: str | None) -> str | None:
    """The folded name of the province whose newspaper or portal `url` (or a bare host,
    "kontumtv.vn") is on, if any."""
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "") if url else ""
    labels = host.split(".")
    while labels and labels[-1] in _PUBLIC_SUFFIXES:
        labels.pop()
    if not labels or len(labels) == len(host.split(".")):  # no known ending: no site ("kontum.txt")
        return None
    label = labels[-1]  # the site's own name: not a section's ("hanoi.vnexpress.net")
    m = _SITE_LABEL.fullmatch(label)
    for candidate in (label, m and m.group(1)):
        if candidate in _SITE_KEYS:
            return _SITE_KEYS[candidate]
    return None


def article_province(article) -> str | None:
    """The province whose own paper or portal an article (`ArticleInfo`) comes from."""
    return site_province(article.site) or site_province(article.url)


def province_of_key(key: str) -> Place | None:
    """The province a folded name is, with or without its unit ("kon tum", "tinh kon tum",
    "tp hcm"); a name that is also everyday words ("hoa binh", "ho chi minh") only with it."""
    for unit in ("", *PROVINCE_UNITS):
        if unit and not key.startswith(unit + " "):
            continue
        rest = key[len(unit):].strip()
        for k, place in _PROVINCE_KEYS:
            if rest != k or not (unit or k not in _AMBIGUOUS):
                continue
            if unit in ("thanh pho", "tp", "thanh uy") and any(d.key == k for d in _DISTRICTS_OF[place.name]):
                return None  # "TP Kon Tum" is the city
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


# Places the press also writes in one word (`retrieval.normalize.JOINED_NAMES`; folded name ->
# folded word; and Đakrông, written both ways)
JOINED_PLACES = {**{fold(name).lower(): joined for joined, name in JOINED_NAMES.items()}, "da krong": "dakrong"}
# (not in a web or mail address: "dalat.gov.vn", "info@sapa.vn")
_JOINED_RE = re.compile(r"(?<![\w./@-])(" + "|".join(JOINED_NAMES) + r")\b(?!\.\w|@)", re.I)


def _split_joined(question: str) -> str:
    """One-word place names typed in a question written as two ("Du lịch Sapa" -> "Du lịch
    Sa Pa"); typed in lower case, in lower case ("sapa" -> "sa pa")."""
    def split(m: re.Match) -> str:
        name = JOINED_NAMES[m.group(1).lower()]
        return name if m.group(1)[0].isupper() else fold(name).lower()
    return _JOINED_RE.sub(split, question)


@lru_cache(maxsize=512)  # (the search, the engine and the answer each ask of one question)
def named_places(question: str) -> tuple[Place, ...]:
    """The places a question names. A province counts when its name is written
    with capitals, after "tỉnh / thành phố / TP", or in lower case with its accents
    or, when no everyday phrase folds to it, without them; any other place when written
    with capitals after its unit ("huyện Kon Rẫy", "xã Minh Tâm"); a district as
    `_district_at` reads it. Questions typed all in capitals or in title case name no
    place but provinces after a unit or "ở / tại" and districts (`_district_at`)."""
    question = _split_joined(question)
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
    return any(n <= i and " ".join(folded[i - n:i]) in units for n in (1, 2, 3))


_HO_CHI_MINH = ("hcm", "ho chi minh")  # the keys naming the man or the city


def _the_man_at(folded: list[str], i: int, key: str) -> bool:
    """Whether the name `key` written at `i` is Hồ Chí Minh the man's (`_NOT_THE_CITY_AFTER`)."""
    return key in _HO_CHI_MINH and _after_unit(folded, i, _NOT_THE_CITY_AFTER)


def names_the_man(question: str, key: str) -> bool:
    """Whether the question writes the folded name `key` ("hcm", "ho chi minh") only as
    the man's ("tư tưởng, đạo đức, phong cách HCM", "Đoàn TNCS HCM"), not the city's."""
    if key not in _HO_CHI_MINH:
        return False
    want = key.split()
    spots = [(folded, i) for ws in clauses(question) for folded in [[fold(w).lower() for w in ws]]
             for i in range(len(folded)) if folded[i:i + len(want)] == want]
    return bool(spots) and all(_the_man_at(folded, i, key) for folded, i in spots)


def _match_at(words: list[str], folded: list[str], i: int, shouting: bool,
              accented: bool) -> tuple[Place, int] | None:
    for key, place in _PROVINCE_KEYS:
        n = len(key.split())
        if " ".join(folded[i:i + n]) != key:
            continue
        typed = words[i:i + n]
        capitals = all(w[0].isupper() for w in typed) and not shouting
        unit = _after_unit(folded, i, PROVINCE_UNITS)
        if _the_man_at(folded, i, key):
            continue
        if (i + n < len(folded) and _NOT_A_PROVINCE_BEFORE.get(key) == folded[i + n]) or (
                i and _NOT_A_PROVINCE_AFTER.get(key) == folded[i - 1]):
            continue
        if any(" ".join(folded[i:i + m]) in _DISTRICT_NAMES for m in _DISTRICT_WIDTHS if m > n):
            continue  # "Huyện Điện Biên Đông": the district
        like = _LIKE_PROVINCES.get(_spelt(typed)) if any(has_diacritics(w) for w in typed) else None
        if like is not None and not unit:  # spelt as the district ("Phù Yên"), not as the province
            own_unit = _after_unit(folded, i, {folded_words(u) for u in _UNIT_FORMS[like.unit]})
            if own_unit or capitals:
                # without its unit it may be the province mistyped ("ở Quang Bình"): that,
                # when no article writes the district
                return Place(like.name, (key,), None if own_unit else place, (like,), spelt=True), n
        # in capitals or title case, after "ở / tại" ("DÂN VẬN Ở GIA LAI", "Ở ĐĂK LĂK"), when
        # typed as the province may be ("Ở Lại Châu" is no Lai Châu; not "Ở CAO BẰNG NHAU")
        cue_shouting = shouting and i > 0 and folded[i - 1] in _DISTRICT_CUES_FOLDED and (
            key not in _EVERYDAY_PROVINCE_NAMES) and _typed_like(typed, key)
        if key in _AMBIGUOUS:
            # "ở Bình Định", "Long An có …", "tai long an" typed bare (not "Hồ Chí Minh đã …", the
            # man, nor "sống ở hòa bình", in peace, nor "tái hòa bình")
            cue = i > 0 and (words[i - 1].lower() in _DISTRICT_CUES if accented
                             else folded[i - 1] in _DISTRICT_CUES_FOLDED)
            if unit or cue_shouting or (capitals and (cue or (i == 0 and key != "ho chi minh"))) or (
                    cue and (not accented or key != "hoa binh")):  # "sống ở hòa bình": in peace
                return place, n
            continue
        # only the first letter a capital, as at the question's start ("Hà nội", "Gia lai có …"):
        # read as typed in lower case
        sentence_case = n > 1 and typed[0][0].isupper() and all(w.islower() for w in typed[1:]) and not shouting
        plain = [typed[0].lower(), *typed[1:]] if sentence_case or (i == 0 and n == 1) else typed
        if unit or capitals or cue_shouting or _lower_case_name(
                plain, key, _cue_before(folded, i, key), accented, folded[i - 1] if i else "",
                " ".join(folded[i + n:i + n + 1])):
            return place, n
    district = _district_at(words, folded, i, shouting, accented)
    if district is not None:
        return district
    if shouting or not _after_unit(folded, i, UNITS):
        return None
    village = next((n for n in (3, 1) if n <= i and " ".join(folded[i - n:i]) in VILLAGE_UNITS), 0)
    if village:
        return _village_at(words, folded, i, village, accented)
    if folded[i] == "tp" or folded[i:i + 2] == ["thanh", "pho"]:
        return None  # "Thành ủy TP HCM": the city's unit after the party's; the name follows
    n = 0  # "huyện Kon Rẫy": capitalised words after a unit, up to a question word
    while i + n < len(words) and n < 4 and words[i + n][0].isupper() and not _question_word(words[i + n], accented):
        n += 1
    if not n or folded[i] in _NOT_NAMES:
        return None
    name = " ".join(words[i:i + n])
    place = Place(name, (" ".join(folded[i:i + n]),))
    if _after_unit(folded, i, PROVINCE_UNITS):
        place = Place(name, place.keys, _province_like(place.keys[0]))  # "tỉnh Quảng Nhin": a typo?
    return place, n


def _village_at(words: list[str], folded: list[str], i: int, unit: int,
                accented: bool) -> tuple[Place, int] | None:
    """A village after its unit (`unit` words before `i`): a name of two syllables or
    more as it is ("Kon Klor"), one syllable or a number with the unit ("thôn Bắc" is no
    "bắc", "thôn 3"); not when the unit is written with a capital
    inside the question, as part of a name ("Plei Kần", "Buôn Ma Thuột", "Lăng Bác"), nor
    "già làng" (an elder), nor "lăng" (a mausoleum)."""
    start = i - unit
    typed = [w.lower() for w in words[start:i]]
    if (start > 0 and words[start][0].isupper()) or (start and folded[start - 1] == "gia" and folded[start] == "lang"):
        return None
    if start and folded[start - 1] == "nong" and folded[start] == "thon":
        return None  # "nông thôn 2023", "xây dựng nông thôn 3 năm qua"
    if accented and " ".join(typed) not in _VILLAGE_UNITS_ACCENTED:
        return None
    if words[i].isdigit():
        if len(words[i]) > 3:
            return None  # a year, not a village's number
        n = 1
    else:
        n = 0
        while (i + n < len(words) and n < 4 and words[i + n][0].isupper()
               and not _question_word(words[i + n], accented) and not (n and _ends_village(folded, i + n))):
            n += 1
        if not n:
            return None
        if n > 1 and folded[i] in _HIGHLAND_STARTS:  # "Kon Rế": an article may write it without the unit
            return Place(" ".join(words[i:i + n]), (" ".join(folded[i:i + n]),), village=True), n
    return Place(" ".join(words[start:i + n]), (" ".join(folded[start:i + n]),), village=True), n


# How the names of the highlands' villages begin ("Kon Rế", "Đăk Xú", "Plei Kần"): such a
# name is the village's own; "thôn Đoàn Kết", "thôn Thắng Lợi" are named with their unit
# ("đoàn kết" is everyday).
_HIGHLAND_STARTS = {"kon", "dak", "plei", "ia", "ngok", "mang", "krong", "ea", "ha", "tea", "tu"}
_VILLAGE_NAME_ENDS = {"huyen", "xa", "tinh", "phuong", "quan", "pho", "chu", "bi"}


def _ends_village(folded: list[str], i: int) -> bool:
    """Whether a village's name ends before word `i`: a unit, an office ("Phó chủ tịch"),
    or a province's or district's name begins there ("làng Kon Klor Kon Tum")."""
    return (folded[i] in _VILLAGE_NAME_ENDS or is_place_name(" ".join(folded[i:i + 2]))
            or is_district_name(" ".join(folded[i:i + 3])))


def _district_at(words: list[str], folded: list[str], i: int, shouting: bool,
                 accented: bool) -> tuple[Place, int] | None:
    """A district's name, named as the GSO writes it, after its unit or "ở / tại" (or,
    capitalised in a plain question, at its start: "Tháp Mười có…"), and only when no
    everyday words are written the same: with accents they must be the district's
    ("quản lý nhân sự" is no quận Lý Nhân) and not everyday words' ("ở cái nước này",
    "thành phố thống nhất", unless capitalised); without them, no everyday phrase may
    fold to it ("o ba don vi nao"), nor, after a unit, begin like one ("cua huyen la
    gi"). Elsewhere a capitalised name is context, not the place asked about
    ("Chiến thắng Điện Biên Phủ", "truyền thống Hai Bà Trưng", "như Sa Pa"); a longer
    capitalised name is not this one ("ở Duyên Hải Nam Trung Bộ")."""
    for n in _DISTRICT_WIDTHS:
        key = " ".join(folded[i:i + n])
        spellings = _DISTRICT_NAMES.get(key)
        typed = words[i:i + n]
        if spellings is None or len(typed) < n:
            continue
        spelt = _spelt(typed)
        exact = tuple(s for s in spellings if _SPELT[s] == spelt)
        typed_accents = any(has_diacritics(w) for w in typed)
        if typed_accents and not exact:
            continue  # typed with other accents: another word
        # capitalised as a name ("Tháp Mười", or as the GSO writes it: "Cư M'gar")
        capitals = not shouting and typed[0][0].isupper() and (
            all(w[0].isupper() for w in typed) or (typed_accents and bool(exact)))
        if not (capitals or shouting or all(w.islower() for w in typed)):
            continue
        as_written = bool(exact) and (accented or typed_accents)  # "thành phố nha trang"
        if as_written:
            unit = _after_unit([nfc(w).lower() for w in words], i, _DISTRICT_UNITS_ACCENTED)
            cue = i > 0 and words[i - 1].lower() in _DISTRICT_CUES
            # the everyday words spelt the same: "thành phố thống nhất", "ở cái nước này"
            everyday = not capitals and key in EVERYDAY_ACCENTED and (not unit or key in EVERYDAY_AFTER_UNIT)
        else:
            unit = _after_unit(folded, i, _DISTRICT_UNITS)
            cue = i > 0 and folded[i - 1] in _DISTRICT_CUES_FOLDED
            everyday = (not capitals or not (unit or cue)) and (
                key in EVERYDAY_AFTER_UNIT or key.split()[0] in _COMMON_FIRST or (not unit and (
                    key in EVERYDAY_FOLDED or key in EVERYDAY_ACCENTED or key.startswith("quan "))))
        if capitals:
            after = words[i + n] if i + n < len(words) else ""
            if after[:1].isupper() and not _question_word(after, accented):
                continue  # "Duyên Hải Nam Trung Bộ"
        if (unit or cue or (capitals and i == 0)) and not everyday:
            return Place((exact or spellings)[0], (key,)), n
    return None


def spells_a_place(text: str) -> bool:
    """Whether a text is a province's or a district's name as written, with its accents ("Hà
    Nam", "Hoàng Mai"; not "Đoàn Hùng", a person, though it folds to the district Đoan Hùng)."""
    if nfc(text).lower() in _ACCENTED_NAMES:
        return True
    typed = text.split()
    spelt = _spelt(typed)
    return any(_SPELT[name] == spelt for name in _DISTRICT_NAMES.get(" ".join(fold(w).lower() for w in typed), ()))


def is_place_name(key: str) -> bool:
    """Whether a folded name is a province's or a whole district's."""
    return key in PROVINCE_KEYS or is_district_name(key)


def is_district_name(key: str) -> bool:
    """Whether a folded name is a whole district's name (not the start of a longer one)."""
    return key in _DISTRICT_NAMES


def _lower_case_name(typed: list[str], key: str, cue: bool, accented: bool = False, before: str = "",
                     after: str = "") -> bool:
    """A province's name typed in lower case: with its accents (a name that has none,
    "gia lai", "kon tum", in a question typed with accents, unless the words around
    make an everyday compound of it), or without them after a cue (`cue`: the
    question's start, "o", "tai"…) when no everyday phrase folds to it."""
    if not all(w.islower() for w in typed) or key in _EVERYDAY_PROVINCE_NAMES:
        return False
    if before in _COMPOUND_BEFORE.get(key, ()) or after in _COMPOUND_AFTER.get(key, ()):
        return False  # "an ninh bình yên", "chuyên gia lai tạo"
    if any(has_diacritics(w) for w in typed):
        return nfc(" ".join(typed)) in _ACCENTED_NAMES
    if accented and " ".join(typed) in _ACCENTED_NAMES:  # it has no accents to type
        return True
    if "nam" in key.split():  # năm: "nam dinh huong", "quang nam 2019" (quãng năm): only right after "ở / tại"
        return before in _FOLDED_PLACE_CUES and key not in _FOLDED_RISKY
    anywhere = key in _FOLDED_ANYWHERE and (before or key not in _FOLDED_AFTER_CUE_ONLY) and (
        key not in _FOLDED_ANYWHERE_AT_END or after in ("", "nam", "la", "co", "bao", "nao") or after.isdigit())
    return (cue or anywhere) and key not in _FOLDED_RISKY


def _typed_like(typed: list[str], key: str) -> bool:
    """Whether words folding to a province's `key` may be it as typed: each syllable with
    its letters, and its tone mark, the province's, or none ("BÀ RIA"), or another
    ("Quảng Ngải", a slip between hỏi and ngã); not a mark where it has none ("Lại")."""
    spelt = _spelt(typed)
    for name in _SPELLINGS.get(key, ()):
        if all(not has_diacritics(w) or (t[0] == p[0] and (t[1] in ("", p[1]) or (t[1] and p[1])))
               for w, t, p in zip(typed, spelt, name)):  # a word typed plain folds to it: enough
            return True
    return False


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
